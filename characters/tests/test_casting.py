import unicodedata

import pytest

from characters.models import Character, StoryCharacter
from characters.names import name_key
from characters.services import character_cast_into_story, character_update
from projects.factories import StoryFactory
from webtoon.testing import run_concurrently


@pytest.fixture
def stories(db):
    first = StoryFactory()
    return first, StoryFactory(project=first.project)


class TestNameKeys:
    @pytest.mark.parametrize(
        ("one", "other"),
        [
            ("Mina Park", "  mina   PARK "),
            ("김지훈", "김 지훈"),
            ("지훈", "지훈이"),
            ("지훈", "지훈 씨"),
            ("김지훈", "김지훈님"),
            ("Straße", "STRASSE"),
            ("민지", unicodedata.normalize("NFD", "민지")),
        ],
    )
    def test_spellings_of_one_name_share_a_key(self, one, other):
        assert name_key(one) == name_key(other)

    @pytest.mark.parametrize(("one", "other"), [("민이", "민"), ("은지", "은"), ("Mina", "Minah")])
    def test_different_names_keep_different_keys(self, one, other):
        assert name_key(one) != name_key(other)


@pytest.mark.django_db
class TestCastIntoStory:
    def test_a_new_name_creates_a_coded_character_linked_to_the_story(self, stories):
        story, _ = stories

        mina = character_cast_into_story(story=story, name="Mina", aliases=["Min"], gender="female", role="protagonist")

        assert (mina.canonical_code, mina.project_id, mina.aliases) == ("CHAR_A", story.project_id, ["Min"])
        assert StoryCharacter.objects.filter(story=story, character=mina).exists()
        assert mina.variants.get().is_default
        assert mina.identity_line == "A woman."

    def test_the_same_name_in_another_story_links_the_same_character(self, stories):
        first, second = stories
        mina = character_cast_into_story(story=first, name="Mina")

        again = character_cast_into_story(story=second, name="  MINA ")

        assert again.pk == mina.pk
        assert Character.objects.filter(project=first.project).count() == 1
        assert set(StoryCharacter.objects.filter(character=mina).values_list("story_id", flat=True)) == {
            first.pk,
            second.pk,
        }

    def test_a_known_alias_links_the_character_and_the_new_name_becomes_an_alias(self, stories):
        first, second = stories
        mina = character_cast_into_story(story=first, name="Mina Park", aliases=["Captain Park"])

        again = character_cast_into_story(story=second, name="Min", aliases=["captain park"])

        assert again.pk == mina.pk
        assert Character.objects.get(pk=mina.pk).aliases == ["Captain Park", "Min"]

    def test_hangul_names_deduplicate_with_spacing_and_address_suffixes(self, stories):
        first, second = stories
        jihoon = character_cast_into_story(story=first, name="김지훈", aliases=["지훈"])

        assert character_cast_into_story(story=second, name="김 지훈").pk == jihoon.pk
        assert character_cast_into_story(story=second, name="지훈이").pk == jihoon.pk
        assert character_cast_into_story(story=second, name="지훈 씨").pk == jihoon.pk
        assert Character.objects.filter(project=first.project).count() == 1

    def test_missing_fields_are_filled_and_set_ones_kept(self, stories):
        first, second = stories
        mina = character_cast_into_story(
            story=first, name="Mina", gender="female", hair_description="short black hair", appearance={"eyes": "brown"}
        )
        character_update(character=mina, data={"base_outfit": "red scarf"})

        again = character_cast_into_story(
            story=second,
            name="Mina",
            gender="male",
            age_range="teen",
            hair_description="long blond hair",
            base_outfit="blue coat",
            description="A lighthouse keeper's daughter.",
            appearance={"eyes": "green", "build": "slim", "accessories": ["round glasses"]},
        )

        row = Character.objects.get(pk=again.pk)
        assert (row.gender, row.age_range, row.hair_description, row.base_outfit) == (
            "female",
            "teen",
            "short black hair",
            "red scarf",
        )
        assert row.description == "A lighthouse keeper's daughter."
        assert row.appearance == {"eyes": "brown", "build": "slim", "accessories": ["round glasses"]}
        assert row.identity_line == (
            "A teenage girl with short black hair, wearing red scarf;"
            " accessories: round glasses, slim build, brown eyes."
        )

    def test_two_different_names_make_two_characters(self, stories):
        story, _ = stories

        codes = [character_cast_into_story(story=story, name=name).canonical_code for name in ("Mina", "민지")]

        assert codes == ["CHAR_A", "CHAR_B"]


@pytest.mark.django_db
class TestIdentityLine:
    def test_it_is_recompiled_when_the_look_changes(self, stories):
        story, _ = stories
        mina = character_cast_into_story(story=story, name="Mina", gender="female", age_range="young_adult")

        character_update(character=mina, data={"hair_description": "a silver bob", "appearance": {"eyes": "grey"}})

        assert Character.objects.get(pk=mina.pk).identity_line == "A young woman with a silver bob; grey eyes."

    def test_character_update_refuses_the_code(self, stories):
        story, _ = stories
        mina = character_cast_into_story(story=story, name="Mina")

        with pytest.raises(ValueError, match="canonical_code"):
            character_update(character=mina, data={"canonical_code": "CHAR_Q"})

        assert Character.objects.get(pk=mina.pk).canonical_code == "CHAR_A"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_extracting_the_same_name_make_one_character():
    first = StoryFactory()
    stories = [first, *(StoryFactory(project=first.project) for _ in range(5))]

    run_concurrently(len(stories), lambda index: character_cast_into_story(story=stories[index], name="민지"))

    assert Character.objects.filter(project=first.project).count() == 1
    assert StoryCharacter.objects.filter(character__project=first.project).count() == len(stories)
