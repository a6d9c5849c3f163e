"""Variants of a character's look: one default per character, one active per character and story."""

from typing import Any

from django.db import transaction
from django.db.models import Case, Q, When

from characters.exceptions import (
    CharacterOutOfScope,
    LastVariantRequired,
    SuggestionAlreadyDecided,
    VariantOverrideInvalid,
)
from characters.models import Character, CharacterVariant, CharacterVariantSuggestion
from characters.selectors import OVERRIDABLE_FIELDS
from characters.services.casting import character_identity_refresh
from characters.services.locks import character_lock, delete_and_hand_over, flag_exclusively


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
        character = character_lock(character.pk)
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
        variant.full_clean(validate_unique=False, validate_constraints=False)
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
        character_lock(variant.character_id)
        variant = CharacterVariant.objects.get(pk=variant.pk)
        for field, value in data.items():
            setattr(variant, field, value)
        variant.full_clean(validate_unique=False, validate_constraints=False)
        variant.save(update_fields=[*data, "updated_at"])
        character_identity_refresh(character=variant.character)
    return variant


def character_variant_set_default(*, variant: CharacterVariant) -> CharacterVariant:
    with transaction.atomic():
        character = character_lock(variant.character_id)
        flag_exclusively(character.variants.all(), pk=variant.pk, field="is_default")
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
        character = character_lock(variant.character_id)
        variant = CharacterVariant.objects.get(pk=variant.pk)
        if variant.story_id is not None and variant.story_id != story.pk:
            raise CharacterOutOfScope(
                f"'{variant.variant_name}' belongs to another story.", fields={"variant": "not of this story"}
            )
        _check_story(character, story)
        shown_with = (Q(story=story) | Q(story__isnull=True)) if variant.story_id is None else Q(story=story)
        flag_exclusively(character.variants.filter(shown_with), pk=variant.pk, field="is_active_for_story")
        variant.is_active_for_story = True
        character_identity_refresh(character=character)
    return variant


def character_variant_delete(*, variant: CharacterVariant) -> None:
    """Delete a variant; when it was the default, the oldest remaining variant (base first) takes over."""
    with transaction.atomic():
        character = character_lock(variant.character_id)
        if not character.variants.exclude(pk=variant.pk).exists():
            raise LastVariantRequired(
                "A character keeps at least one variant (its default look).", fields={"variant": "last one"}
            )
        is_base = Case(When(variant_type=CharacterVariant.VariantType.BASE, then=0), default=1)
        delete_and_hand_over(
            character.variants.all(), pk=variant.pk, field="is_default", heirs_by=[is_base, "created_at"]
        )
        character_identity_refresh(character=character)


def _suggestion_variant_name(suggestion: CharacterVariantSuggestion) -> str:
    detail = suggestion.override_attributes
    while isinstance(detail, dict) and detail:
        detail = detail[sorted(detail)[0]]
    label = suggestion.get_variant_type_display()
    return f"{label}: {detail}"[:200] if isinstance(detail, str) and detail else label


def _pending_suggestion_lock(suggestion: CharacterVariantSuggestion) -> CharacterVariantSuggestion:
    """Lock the suggestion row (call inside atomic) so a double click cannot accept it twice."""
    rows = CharacterVariantSuggestion.objects.select_for_update(of=("self",)).select_related("character", "story")
    suggestion = rows.get(pk=suggestion.pk)
    if suggestion.status != CharacterVariantSuggestion.Status.PENDING:
        raise SuggestionAlreadyDecided(
            f"This suggestion is already {suggestion.status}.", fields={"status": suggestion.status}
        )
    return suggestion


def variant_suggestion_accept(*, suggestion: CharacterVariantSuggestion) -> CharacterVariant:
    """Create the suggested story variant: look keys become overrides, the rest (mood, ...) traits."""
    with transaction.atomic():
        suggestion = _pending_suggestion_lock(suggestion)
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
        suggestion = _pending_suggestion_lock(suggestion)
        suggestion.status = CharacterVariantSuggestion.Status.DISMISSED
        suggestion.save(update_fields=["status", "updated_at"])
    return suggestion
