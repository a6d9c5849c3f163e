"""Two owners stepping down at the same moment on PostgreSQL: the project keeps an owner."""

import pytest

from projects.exceptions import LastOwnerError
from projects.factories import ProjectFactory, ProjectMembershipFactory
from projects.models import ProjectMembership
from projects.services import membership_delete, membership_update
from webtoon.testing import raised_by, run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
Role = ProjectMembership.Role


@pytest.mark.parametrize("step_down", ["demote", "leave"])
def test_two_owners_stepping_down_together_leave_one_owner(step_down):
    project = ProjectFactory()
    owners = [ProjectMembershipFactory(project=project, role=Role.OWNER) for _ in range(2)]

    def worker(membership):
        if step_down == "demote":
            return lambda: membership_update(membership=membership, role=Role.EDITOR)
        return lambda: membership_delete(membership=membership)

    workers = [worker(membership) for membership in owners]
    outcomes = run_concurrently(len(workers), lambda index: raised_by(workers[index]))

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["LastOwnerError", "NoneType"]
    assert all(isinstance(outcome, LastOwnerError | type(None)) for outcome in outcomes)
    assert ProjectMembership.objects.filter(project=project, role=Role.OWNER).count() == 1
