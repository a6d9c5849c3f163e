"""Variant suggestions read from a story's text (rule-based; see characters.variant_rules)."""

import json

from django.db import transaction

from characters.models import Character, CharacterVariantSuggestion
from characters.names import name_key
from characters.variant_rules import Finding, scan
from projects.models import Story


def _key(character_id, variant_type: str, attributes) -> tuple:
    return (str(character_id), variant_type, json.dumps(attributes, sort_keys=True, ensure_ascii=False))


def _is_base_outfit(finding: Finding, character: Character) -> bool:
    """'She was wearing her raincoat' about a character whose outfit is the raincoat is no change."""
    outfit = finding.override_attributes.get("base_outfit")
    if not outfit or not character.base_outfit:
        return False
    said, known = name_key(outfit), name_key(character.base_outfit)
    return said in known or known in said


def variant_suggestions_create(*, story: Story) -> list[CharacterVariantSuggestion]:
    """Scan the story's scenes (or its source text when it has none) for outfit, injury and mood
    changes of its characters; store the new ones as pending suggestions and return them.

    Re-running adds nothing already suggested, whatever became of it (accepted or dismissed).
    """
    characters = {
        character.pk: character for character in Character.objects.filter(story_links__story=story).order_by("pk")
    }
    cast = [(pk, [c.name, c.display_name, *c.aliases]) for pk, c in characters.items()]
    scenes = list(story.scenes.order_by("scene_index").values_list("scene_index", "source_text"))
    findings = [
        finding
        for index, text in (scenes or [(None, story.source_text)])
        for finding in scan(text, cast, scene_index=index)
        if not _is_base_outfit(finding, characters[finding.character])
    ]
    created = []
    with transaction.atomic():
        # Two runs for one story at once would both see "not suggested yet" and write twins.
        Story.objects.select_for_update().only("pk").get(pk=story.pk)
        seen = {
            _key(character_id, variant_type, attributes)
            for character_id, variant_type, attributes in story.variant_suggestions.values_list(
                "character_id", "variant_type", "override_attributes"
            )
        }
        for finding in findings:
            key = _key(finding.character, finding.variant_type, finding.override_attributes)
            if key in seen:
                continue
            seen.add(key)
            where = f"Scene {finding.scene_index + 1}" if finding.scene_index is not None else "The story"
            created.append(
                CharacterVariantSuggestion.objects.create(
                    story=story,
                    character=characters[finding.character],
                    variant_type=finding.variant_type,
                    override_attributes=finding.override_attributes,
                    reason=f"{where} says: {finding.sentence}"[:1000],
                )
            )
    return created
