from typing import Any

from django.db.models import Q, QuerySet

from characters.identity import identity_line_compile
from characters.models import Character, CharacterReferenceImage, CharacterVariant
from characters.names import name_keys
from webtoon.merge import deep_merge

# The look a variant may override when a scene is rendered; anything else it names is a trait.
OVERRIDABLE_FIELDS = (
    "display_name",
    "gender",
    "age_range",
    "hair_description",
    "base_outfit",
    "appearance",
    "description",
)


def actor_list(*, search: str = "") -> QuerySet[Character]:
    """Library actors (global characters saved to the library), optionally matching `search`."""
    actors = Character.objects.filter(project__isnull=True, is_library_saved=True).prefetch_related("reference_images")
    search = search.strip()
    if search:
        actors = actors.filter(
            Q(name__icontains=search)
            | Q(display_name__icontains=search)
            | Q(description__icontains=search)
            | Q(identity_line__icontains=search)
            | Q(aliases__icontains=search)
        )
    return actors.order_by("name", "created_at")


def character_list_for_story(*, story) -> QuerySet[Character]:
    """The story's cast with what rendering needs: variants and reference images in one go each."""
    return (
        Character.objects.filter(story_links__story=story)
        .select_related("source_actor")
        .prefetch_related("variants", "reference_images")
        .order_by("canonical_code", "name")
    )


def character_find_by_name(*, project_id, names) -> Character | None:
    """The project's character known by any of `names` (name, display name or alias), or None."""
    wanted = name_keys(names)
    if not wanted:
        return None
    # Keys are computed in Python (NFC, Hangul suffixes), so only the name columns are read.
    known = Character.objects.filter(project_id=project_id).order_by("created_at")
    for pk, name, display_name, aliases in known.values_list("pk", "name", "display_name", "aliases"):
        if wanted & name_keys([name, display_name, *aliases]):
            return Character.objects.get(pk=pk)
    return None


def character_variant_active(*, character: Character, story=None) -> CharacterVariant | None:
    """The variant a story shows: its own active one, else the active global one, else the default."""
    variants = list(character.variants.all())
    story_id = getattr(story, "pk", None)
    for wanted in (
        lambda v: story_id is not None and v.story_id == story_id and v.is_active_for_story,
        lambda v: v.story_id is None and v.is_active_for_story,
        lambda v: v.is_default,
    ):
        found = next((variant for variant in variants if wanted(variant)), None)
        if found is not None:
            return found
    return None


def _image_url(image: CharacterReferenceImage | None) -> str:
    if image is None:
        return ""
    return image.image_file.url if image.image_file else image.image_url


def character_effective_attributes(*, character: Character, story=None) -> dict[str, Any]:
    """The character as a scene of `story` renders it: the active variant's overrides merged over
    the base look (appearance merges key by key), its traits, and the identity line of the result.

    Prefetch `variants` and `reference_images` (see `character_list_for_story`) to keep this at no
    queries per character.
    """
    variant = character_variant_active(character=character, story=story)
    base = {field: getattr(character, field) for field in OVERRIDABLE_FIELDS}
    look = deep_merge(base, variant.override_attributes if variant else {})
    traits = dict(variant.traits) if variant else {}
    primary = next((image for image in character.reference_images.all() if image.is_primary), None)
    reference = variant.reference_image if variant and variant.reference_image_id else primary
    return {
        "character_id": str(character.pk),
        "code": character.canonical_code,
        "name": look["display_name"] or character.name,
        "variant_id": str(variant.pk) if variant else None,
        "variant_name": variant.variant_name if variant else "",
        **look,
        "traits": traits,
        "identity_line": identity_line_compile(
            gender=look["gender"],
            age_range=look["age_range"],
            hair_description=look["hair_description"],
            base_outfit=look["base_outfit"],
            appearance=look["appearance"],
            traits=traits,
        ),
        "reference_image_url": _image_url(reference),
    }
