import pytest

from characters.exceptions import CharacterOutOfScope, LastVariantRequired, VariantOverrideInvalid
from characters.models import Character, CharacterVariant
from characters.selectors import character_effective_attributes, character_list_for_story
from characters.services import (
    character_cast_into_story,
    character_variant_activate,
    character_variant_create,
    character_variant_delete,
    character_variant_set_default,
)
from projects.factories import StoryFactory


@pytest.fixture
def story(db):
    return StoryFactory()


@pytest.fixture
def mina(story):
    return character_cast_into_story(
        story=story,
        name="Mina",
        gender="female",
        age_range="young_adult",
        hair_description="short black hair",
        base_outfit="a yellow raincoat",
        appearance={"eyes": "brown", "build": "slim"},
    )


def variant(character, name, **kwargs):
    return character_variant_create(character=character, variant_name=name, **kwargs)


@pytest.mark.django_db
class TestDefaults:
    def test_a_new_character_has_exactly_one_default_its_base(self, mina):
        assert list(mina.variants.values_list("variant_type", "is_default")) == [("base", True)]

    def test_setting_the_default_repeatedly_keeps_exactly_one(self, mina):
        looks = [variant(mina, f"Look {n}") for n in range(3)]

        for look in [*looks, looks[0], looks[2]]:
            character_variant_set_default(variant=look)

        assert list(mina.variants.filter(is_default=True)) == [looks[2]]

    def test_the_defaults_traits_enter_the_stored_identity_line(self, mina):
        look = variant(mina, "Determined", traits={"mood": "determined"})

        character_variant_set_default(variant=look)

        assert Character.objects.get(pk=mina.pk).identity_line.endswith("; determined mood.")

    def test_deleting_the_default_hands_it_to_the_base(self, mina):
        look = variant(mina, "Winter", make_default=True)

        character_variant_delete(variant=look)

        assert mina.variants.get(is_default=True).variant_type == "base"

    def test_the_last_variant_cannot_be_deleted(self, mina):
        with pytest.raises(LastVariantRequired):
            character_variant_delete(variant=mina.variants.get())

        assert mina.variants.count() == 1

    def test_it_refuses_overrides_of_fields_a_variant_cannot_change_and_writes_nothing(self, mina):
        with pytest.raises(VariantOverrideInvalid, match="canonical_code"):
            variant(mina, "Bad", override_attributes={"canonical_code": "CHAR_Z"})

        assert mina.variants.count() == 1


@pytest.mark.django_db
class TestActivation:
    def test_repeated_activation_leaves_one_active_variant_per_story(self, mina, story):
        looks = [variant(mina, f"Look {n}", story=story) for n in range(3)]

        for look in [looks[0], looks[1], looks[1], looks[2], looks[0]]:
            character_variant_activate(variant=look, story=story)

        assert list(mina.variants.filter(story=story, is_active_for_story=True)) == [looks[0]]

    def test_activation_in_one_story_leaves_another_storys_choice_alone(self, mina, story):
        other = StoryFactory(project=story.project)
        here = variant(mina, "Here", story=story)
        there = variant(mina, "There", story=other)
        character_variant_activate(variant=there, story=other)

        character_variant_activate(variant=here, story=story)

        assert set(mina.variants.filter(is_active_for_story=True)) == {here, there}

    def test_a_global_variant_replaces_the_storys_own_and_shows_elsewhere_too(self, mina, story):
        own = variant(mina, "Own", story=story)
        character_variant_activate(variant=own, story=story)
        everywhere = variant(mina, "Everywhere", traits={"mood": "calm"})

        character_variant_activate(variant=everywhere, story=story)

        assert list(mina.variants.filter(is_active_for_story=True)) == [everywhere]
        other = StoryFactory(project=story.project)
        assert character_effective_attributes(character=mina, story=other)["variant_name"] == "Everywhere"
        assert Character.objects.get(pk=mina.pk).identity_line.endswith("; calm mood.")

    def test_it_refuses_a_variant_of_another_story(self, mina, story):
        other = StoryFactory(project=story.project)
        theirs = variant(mina, "Theirs", story=other)

        with pytest.raises(CharacterOutOfScope):
            character_variant_activate(variant=theirs, story=story)

        assert not CharacterVariant.objects.filter(is_active_for_story=True).exists()


@pytest.mark.django_db
class TestEffectiveAttributes:
    def test_the_active_variants_overrides_merge_over_the_base_look(self, mina, story):
        soaked = variant(
            mina,
            "Soaked",
            story=story,
            variant_type="outfit_change",
            override_attributes={"base_outfit": "a soaked raincoat", "appearance": {"hair": "dripping"}},
            traits={"mood": "shivering"},
        )
        character_variant_activate(variant=soaked, story=story)

        look = character_effective_attributes(character=mina, story=story)

        assert look["variant_id"] == str(soaked.pk)
        assert look["base_outfit"] == "a soaked raincoat"
        assert look["hair_description"] == "short black hair"
        assert look["appearance"] == {"eyes": "brown", "build": "slim", "hair": "dripping"}
        assert look["identity_line"] == (
            "A young woman with short black hair, wearing a soaked raincoat; slim build, brown eyes, dripping hair;"
            " shivering mood."
        )

    def test_without_an_active_variant_the_default_look_renders(self, mina, story):
        look = character_effective_attributes(character=mina, story=story)

        assert (look["variant_name"], look["base_outfit"]) == ("Base", "a yellow raincoat")
        assert look["identity_line"] == Character.objects.get(pk=mina.pk).identity_line

    def test_the_story_cast_renders_with_a_fixed_number_of_queries(self, mina, story, django_assert_max_num_queries):
        for n in range(5):
            character_cast_into_story(story=story, name=f"Extra {n}")

        with django_assert_max_num_queries(4):
            looks = [
                character_effective_attributes(character=character, story=story)
                for character in character_list_for_story(story=story)
            ]

        assert [look["code"] for look in looks] == ["CHAR_A", "CHAR_B", "CHAR_C", "CHAR_D", "CHAR_E", "CHAR_F"]
