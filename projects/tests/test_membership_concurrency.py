"""Two owners stepping down at the same moment on PostgreSQL: the project keeps an owner."""

import threading

import pytest
from django.db import connection

from projects.exceptions import LastOwnerError
from projects.factories import ProjectFactory, ProjectMembershipFactory
from projects.models import ProjectMembership
from projects.services import membership_delete, membership_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
Role = ProjectMembership.Role


def race(*workers):
    """Run the workers released together, each on its own connection; return what each raised."""
    barrier = threading.Barrier(len(workers))
    outcomes = []

    def run(worker):
        try:
            barrier.wait()
            worker()
            outcomes.append(None)
        except Exception as error:  # noqa: BLE001 - returned to the test
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("step_down", ["demote", "leave"])
def test_two_owners_stepping_down_together_leave_one_owner(step_down):
    project = ProjectFactory()
    owners = [ProjectMembershipFactory(project=project, role=Role.OWNER) for _ in range(2)]

    def worker(membership):
        if step_down == "demote":
            return lambda: membership_update(membership=membership, role=Role.EDITOR)
        return lambda: membership_delete(membership=membership)

    outcomes = race(*(worker(membership) for membership in owners))

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["LastOwnerError", "NoneType"]
    assert all(isinstance(outcome, LastOwnerError | type(None)) for outcome in outcomes)
    assert ProjectMembership.objects.filter(project=project, role=Role.OWNER).count() == 1
