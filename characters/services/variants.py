"""Variants of a character's look: one default per character, one active per character and story."""

from typing import Any

from django.db import transaction

from characters.exceptions import (
    CharacterOutOfScope,
    LastVariantRequired,
    SuggestionAlreadyDecided,
    VariantOverrideInvalid,
)
from characters.models import Character, CharacterVariant, CharacterVariantSuggestion
from characters.selectors import OVERRIDABLE_FIELDS
from characters.services.casting import character_identity_refresh


def _character_lock(character_id) -> Character:
    """Lock the character row; call inside atomic.

    Default and active flags are "one per character (and story)" rules enforced by partial unique
    constraints; two writers flipping them at once would otherwise both clear-then-set and one
    would fail on the constraint (or leave none set). Variant writes serialise on the character.
    """
    return Character.objects.select_for_update().get(pk=character_id)


def _check_overrides(override_attributes: dict[str, Any]) -> None:
    unknown = sorted(set(override_attributes) - set(OVERRIDABLE_FIELDS))
    if unknown:
        raise VariantOverrideInvalid(
            f"A variant can override {', '.join(OVERRIDABLE_FIELDS)}; not {', '.join(unknown)} (put those in traits).",
            fields={"override_attributes": f"unknown keys: {unknown}"},
        )
    if "appearance" in override_attributes and not isinstance(override_attributes["appearance"], dict):
        raise VariantOverrideInvalid("appearance overrides must be an object.", fields={"override_attributes": "bad"})


def _check_story(character: Character, story) -> None:
    if story is not None and story.project_id != character.project_id:
        raise CharacterOutOfScope(
            "A story variant must belong to a story of the character's project.", fields={"story": "out of scope"}
        )


def character_variant_create(
    *,
    character: Character,
    variant_name: str,
    variant_type: str = CharacterVariant.VariantType.OTHER,
    story=None,
    traits: dict[str, Any] | None = None,
    override_attributes: dict[str, Any] | None = None,
    reference_image=None,
    make_default: bool = False,
) -> CharacterVariant:
    """A new variant; story-scoped when `story` is given, else global. The first one is the default."""
    override_attributes = dict(override_attributes or {})
    _check_overrides(override_attributes)
    _check_story(character, story)
    with transaction.atomic():
        character = _character_lock(character.pk)
        has_default = character.variants.filter(is_default=True).exists()
        if make_default and has_default:
            character.variants.filter(is_default=True).update(is_default=False)
        variant = CharacterVariant(
            character=character,
            story=story,
            variant_name=variant_name.strip(),
            variant_type=variant_type,
            traits=dict(traits or {}),
            override_attributes=override_attributes,
            reference_image=reference_image,
            is_default=make_default or not has_default,
        )
        variant.full_clean()
        variant.save()
        character_identity_refresh(character=character)
    return variant


def character_variant_update(*, variant: CharacterVariant, data: dict[str, Any]) -> CharacterVariant:
    allowed = {"variant_name", "variant_type", "traits", "override_attributes", "reference_image"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"character_variant_update cannot change {sorted(unknown)}")
    if "override_attributes" in data:
        _check_overrides(data["override_attributes"])
    with transaction.atomic():
        _character_lock(variant.character_id)
        variant = CharacterVariant.objects.get(pk=variant.pk)
        for field, value in data.items():
            setattr(variant, field, value)
        variant.full_clean()
        variant.save(update_fields=[*data, "updated_at"])
        character_identity_refresh(character=variant.character)
    return variant


def character_variant_set_default(*, variant: CharacterVariant) -> CharacterVariant:
    with transaction.atomic():
        character = _character_lock(variant.character_id)
        # Clear before set: the one-default constraint is checked row by row, not at commit.
        character.variants.filter(is_default=True).exclude(pk=variant.pk).update(is_default=False)
        CharacterVariant.objects.filter(pk=variant.pk).update(is_default=True)
        character_identity_refresh(character=character)
    variant.refresh_from_db()
    return variant


def character_variant_activate(*, variant: CharacterVariant, story) -> CharacterVariant:
    """Make `variant` the one `story` shows, deactivating the previous one, in one transaction.

    A story variant must be the story's own. A global variant activated for a story becomes the
    character's active global variant: `story` drops its own active variant, and the global one
    shows in every story that has not activated one of its own.
    """
    with transaction.atomic():
        character = _character_lock(variant.character_id)
        variant = CharacterVariant.objects.get(pk=variant.pk)
        if variant.story_id is not None and variant.story_id != story.pk:
            raise CharacterOutOfScope(
                f"'{variant.variant_name}' belongs to another story.", fields={"variant": "not of this story"}
            )
        _check_story(character, story)
        previous = character.variants.filter(is_active_for_story=True, story=story)
        if variant.story_id is None:
            previous = previous | character.variants.filter(is_active_for_story=True, story__isnull=True)
        previous.exclude(pk=variant.pk).update(is_active_for_story=False)
        if not variant.is_active_for_story:
            variant.is_active_for_story = True
            variant.save(update_fields=["is_active_for_story", "updated_at"])
        character_identity_refresh(character=character)
    return variant


def character_variant_delete(*, variant: CharacterVariant) -> None:
    """Delete a variant; when it was the default, the oldest remaining variant (base first) takes over."""
    with transaction.atomic():
        character = _character_lock(variant.character_id)
        if not character.variants.exclude(pk=variant.pk).exists():
            raise LastVariantRequired(
                "A character keeps at least one variant (its default look).", fields={"variant": "last one"}
            )
        was_default = CharacterVariant.objects.filter(pk=variant.pk, is_default=True).exists()
        CharacterVariant.objects.filter(pk=variant.pk).delete()
        if was_default:
            heir = (
                character.variants.order_by("-is_active_for_story", "created_at")
                .filter(variant_type=CharacterVariant.VariantType.BASE)
                .first()
                or character.variants.order_by("created_at").first()
            )
            if heir is not None:
                CharacterVariant.objects.filter(pk=heir.pk).update(is_default=True)
        character_identity_refresh(character=character)


def _suggestion_variant_name(suggestion: CharacterVariantSuggestion) -> str:
    detail = suggestion.override_attributes
    while isinstance(detail, dict) and detail:
        detail = detail[sorted(detail)[0]]
    label = suggestion.get_variant_type_display()
    return f"{label}: {detail}"[:200] if isinstance(detail, str) and detail else label


def variant_suggestion_accept(*, suggestion: CharacterVariantSuggestion) -> CharacterVariant:
    """Create the suggested story variant: look keys become overrides, the rest (mood, ...) traits."""
    with transaction.atomic():
        suggestion = (
            CharacterVariantSuggestion.objects.select_for_update()
            .select_related("character", "story")
            .get(pk=suggestion.pk)
        )
        if suggestion.status != CharacterVariantSuggestion.Status.PENDING:
            raise SuggestionAlreadyDecided(
                f"This suggestion is already {suggestion.status}.", fields={"status": suggestion.status}
            )
        attributes = suggestion.override_attributes
        variant = character_variant_create(
            character=suggestion.character,
            story=suggestion.story,
            variant_type=suggestion.variant_type,
            variant_name=_suggestion_variant_name(suggestion),
            override_attributes={key: value for key, value in attributes.items() if key in OVERRIDABLE_FIELDS},
            traits={key: value for key, value in attributes.items() if key not in OVERRIDABLE_FIELDS},
        )
        suggestion.status = CharacterVariantSuggestion.Status.ACCEPTED
        suggestion.save(update_fields=["status", "updated_at"])
    return variant


def variant_suggestion_dismiss(*, suggestion: CharacterVariantSuggestion) -> CharacterVariantSuggestion:
    with transaction.atomic():
        suggestion = CharacterVariantSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != CharacterVariantSuggestion.Status.PENDING:
            raise SuggestionAlreadyDecided(
                f"This suggestion is already {suggestion.status}.", fields={"status": suggestion.status}
            )
        suggestion.status = CharacterVariantSuggestion.Status.DISMISSED
        suggestion.save(update_fields=["status", "updated_at"])
    return suggestion
