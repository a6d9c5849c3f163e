import pytest

from characters.factories import CharacterFactory
from characters.models import Character
from characters.services import canonical_code_for, character_create
from projects.factories import ProjectFactory
from projects.models import Project
from webtoon.testing import run_concurrently


def test_codes_count_in_bijective_base_26():
    assert [canonical_code_for(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        "CHAR_A",
        "CHAR_B",
        "CHAR_Z",
        "CHAR_AA",
        "CHAR_AB",
        "CHAR_AZ",
        "CHAR_BA",
        "CHAR_ZZ",
        "CHAR_AAA",
    ]


@pytest.mark.django_db
class TestCanonicalCodes:
    def test_each_new_character_gets_the_next_code_from_a_to_z_then_aa_ab(self):
        project = ProjectFactory()

        codes = [character_create(project=project, name=f"Person {n}").canonical_code for n in range(28)]

        assert codes[:3] == ["CHAR_A", "CHAR_B", "CHAR_C"]
        assert codes[25:] == ["CHAR_Z", "CHAR_AA", "CHAR_AB"]
        assert Project.objects.get(pk=project.pk).character_code_seq == 28

    def test_a_deleted_characters_code_is_never_handed_out_again(self):
        project = ProjectFactory()
        first = character_create(project=project, name="Mina")
        second = character_create(project=project, name="Joon")
        second.delete()
        first.delete()

        third = character_create(project=project, name="Hana")

        assert third.canonical_code == "CHAR_C"

    def test_codes_taken_outside_the_services_are_skipped(self):
        project = ProjectFactory()
        CharacterFactory(project=project, canonical_code="CHAR_A")

        assert character_create(project=project, name="Mina").canonical_code == "CHAR_B"

    def test_each_project_counts_on_its_own(self):
        one, two = ProjectFactory(), ProjectFactory()
        character_create(project=one, name="Mina")

        assert character_create(project=two, name="Mina").canonical_code == "CHAR_A"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_get_distinct_consecutive_codes():
    project = ProjectFactory()
    workers, each = 8, 5

    def work(index):
        return [character_create(project=project, name=f"Worker {index} #{n}").canonical_code for n in range(each)]

    codes = [code for batch in run_concurrently(workers, work) for code in batch]

    assert sorted(codes, key=lambda code: (len(code), code)) == [
        canonical_code_for(n) for n in range(1, workers * each + 1)
    ]
    assert Project.objects.get(pk=project.pk).character_code_seq == workers * each
    assert Character.objects.filter(project=project).count() == workers * each
