import json

import pytest

from characters.exceptions import SuggestionAlreadyDecided
from characters.models import CharacterVariant, CharacterVariantSuggestion
from characters.selectors import character_effective_attributes
from characters.services import (
    character_cast_into_story,
    character_variant_activate,
    variant_suggestion_accept,
    variant_suggestion_dismiss,
    variant_suggestions_create,
)
from characters.variant_rules import scan
from projects.factories import SceneFactory, StoryFactory

ENGLISH = (
    "Mina ran down to the harbor in her yellow raincoat. By the pier she was soaked to the bone.",
    "Back home, Mina changed into a black wool suit. Joon was injured in the fall, and Mina was furious.",
)
KOREAN = (
    "민지는 검은 정장으로 갈아입었다. 준호가 계단에서 다쳤다.",
    "준호 씨는 붕대를 감은 채 웃었다. 민지는 눈물을 흘렸다.",
)


def suggested(story):
    return sorted(
        (
            (s.character.name, s.variant_type, s.override_attributes)
            for s in CharacterVariantSuggestion.objects.filter(story=story).select_related("character")
        ),
        key=lambda row: (row[0], row[1], json.dumps(row[2], sort_keys=True)),
    )


def story_with(*scenes, cast):
    story = StoryFactory()
    for index, text in enumerate(scenes):
        SceneFactory(story=story, scene_index=index, source_text=text)
    for name, aliases, outfit in cast:
        character_cast_into_story(story=story, name=name, aliases=aliases, base_outfit=outfit)
    return story


class TestRules:
    def test_a_sentence_without_a_name_continues_the_previous_sentences_only_character(self):
        findings = scan("Mina stepped into the rain. She was drenched.", [("mina", ["Mina"])])

        assert [(f.character, f.variant_type) for f in findings] == [("mina", "other")]

    def test_the_nearest_name_before_the_change_gets_it(self):
        findings = scan("Joon watched as Mina put on a red dress.", [("joon", ["Joon"]), ("mina", ["Mina"])])

        assert [(f.character, f.override_attributes) for f in findings] == [("mina", {"base_outfit": "a red dress"})]

    def test_a_facial_expression_is_not_an_outfit(self):
        assert scan("Mina was wearing a crooked smile.", [("mina", ["Mina"])]) == []

    def test_text_naming_no_character_suggests_nothing(self):
        assert scan("Someone was injured. The sea was furious.", [("mina", ["Mina"])]) == []


@pytest.mark.django_db
class TestVariantSuggestions:
    def test_it_finds_outfit_condition_injury_and_mood_changes_in_english(self):
        story = story_with(*ENGLISH, cast=[("Mina", [], "a yellow raincoat"), ("Joon", [], "")])

        variant_suggestions_create(story=story)

        assert suggested(story) == [
            ("Joon", "injury", {"appearance": {"injury": "injured"}}),
            ("Mina", "mood_change", {"mood": "furious"}),
            ("Mina", "other", {"appearance": {"condition": "soaked"}}),
            ("Mina", "outfit_change", {"base_outfit": "a black wool suit"}),
        ]

    def test_it_finds_changes_in_korean_by_name_and_alias(self):
        story = story_with(*KOREAN, cast=[("민지", [], ""), ("이준호", ["준호"], "")])

        variant_suggestions_create(story=story)

        assert suggested(story) == [
            ("민지", "mood_change", {"mood": "tearful"}),
            ("민지", "outfit_change", {"base_outfit": "검은 정장"}),
            ("이준호", "injury", {"appearance": {"injury": "bandaged"}}),
            ("이준호", "injury", {"appearance": {"injury": "injured"}}),
        ]

    def test_the_reason_quotes_the_scene(self):
        story = story_with("Mina was bleeding.", cast=[("Mina", [], "")])

        (suggestion,) = variant_suggestions_create(story=story)

        assert suggestion.reason == "Scene 1 says: Mina was bleeding."

    def test_a_second_run_adds_nothing_even_after_a_dismissal(self):
        story = story_with(*ENGLISH, cast=[("Mina", [], ""), ("Joon", [], "")])
        first = variant_suggestions_create(story=story)
        variant_suggestion_dismiss(suggestion=first[0])

        assert variant_suggestions_create(story=story) == []
        assert CharacterVariantSuggestion.objects.filter(story=story).count() == len(first)

    def test_a_story_without_scenes_is_read_from_its_source_text(self):
        story = StoryFactory(source_text="Mina put on a diving suit.")
        character_cast_into_story(story=story, name="Mina")

        variant_suggestions_create(story=story)

        assert suggested(story) == [("Mina", "outfit_change", {"base_outfit": "a diving suit"})]

    def test_accepting_creates_the_story_variant_with_overrides_and_traits(self):
        story = story_with("Mina changed into a black wool suit, furious.", cast=[("Mina", [], "a raincoat")])
        variant_suggestions_create(story=story)
        outfit = CharacterVariantSuggestion.objects.get(variant_type="outfit_change")
        mood = CharacterVariantSuggestion.objects.get(variant_type="mood_change")

        suit = variant_suggestion_accept(suggestion=outfit)
        calm = variant_suggestion_accept(suggestion=mood)

        assert (suit.story_id, suit.variant_type, suit.variant_name) == (
            story.pk,
            "outfit_change",
            "Outfit change: a black wool suit",
        )
        assert (suit.override_attributes, suit.is_default) == ({"base_outfit": "a black wool suit"}, False)
        assert (calm.override_attributes, calm.traits) == ({}, {"mood": "furious"})
        assert CharacterVariantSuggestion.objects.get(pk=outfit.pk).status == "accepted"
        character_variant_activate(variant=suit, story=story)
        assert character_effective_attributes(character=suit.character, story=story)["base_outfit"] == (
            "a black wool suit"
        )

    def test_a_decided_suggestion_cannot_be_accepted(self):
        story = story_with("Mina was injured.", cast=[("Mina", [], "")])
        (suggestion,) = variant_suggestions_create(story=story)
        variant_suggestion_accept(suggestion=suggestion)
        variants = CharacterVariant.objects.count()

        with pytest.raises(SuggestionAlreadyDecided):
            variant_suggestion_accept(suggestion=suggestion)

        assert CharacterVariant.objects.count() == variants
