"""Writes of the characters app, one module per sub-domain; import them from here."""

from characters.services.casting import (
    actor_create,
    canonical_code_for,
    character_cast_actor,
    character_cast_into_story,
    character_create,
    character_identity_refresh,
    character_save_to_library,
    character_update,
)
from characters.services.references import (
    PROFILE_SHEET_SIZE,
    character_profile_sheet_create,
    character_reference_image_add,
    character_reference_image_approve,
    character_reference_image_delete,
    character_reference_image_set_primary,
)
from characters.services.suggestions import variant_suggestions_create
from characters.services.variants import (
    character_variant_activate,
    character_variant_create,
    character_variant_delete,
    character_variant_set_default,
    character_variant_update,
    variant_suggestion_accept,
    variant_suggestion_dismiss,
)

__all__ = [
    "actor_create",
    "PROFILE_SHEET_SIZE",
    "canonical_code_for",
    "character_cast_actor",
    "character_cast_into_story",
    "character_create",
    "character_identity_refresh",
    "character_profile_sheet_create",
    "character_reference_image_add",
    "character_reference_image_approve",
    "character_reference_image_delete",
    "character_reference_image_set_primary",
    "character_save_to_library",
    "character_update",
    "character_variant_activate",
    "character_variant_create",
    "character_variant_delete",
    "character_variant_set_default",
    "character_variant_update",
    "variant_suggestion_accept",
    "variant_suggestion_dismiss",
    "variant_suggestions_create",
]
