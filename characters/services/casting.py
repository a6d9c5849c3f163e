"""Characters of a project: canonical codes, deduplication, the identity line, the actor library."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from characters.exceptions import ActorNotInLibrary, CharacterOutOfScope
from characters.identity import identity_line_compile
from characters.models import Character, CharacterReferenceImage, CharacterVariant, StoryCharacter
from characters.names import name_key, name_keys
from characters.selectors import character_effective_attributes, character_find_by_name
from projects.models import Project

_UNKNOWN = {Character.Gender.UNKNOWN, Character.AgeRange.UNKNOWN, ""}
# What "the look" of a character is when it is copied to or from the library.
_LOOK_FIELDS = (
    "name",
    "display_name",
    "aliases",
    "description",
    "role",
    "gender",
    "age_range",
    "appearance",
    "hair_description",
    "base_outfit",
)
_EDITABLE_FIELDS = frozenset({*_LOOK_FIELDS, "approved"})


def canonical_code_for(number: int) -> str:
    """CHAR_A for 1 ... CHAR_Z for 26, CHAR_AA for 27, CHAR_AB for 28 (bijective base 26)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"CHAR_{letters}"


def _project_lock(project_id) -> Project:
    """Lock the project row; call inside atomic.

    Two workers extracting characters into one project at once would otherwise both read the same
    `character_code_seq` (same code, one fails the unique constraint) and both miss the other's
    new "Mina" (a duplicate character). Every write that hands out a code or deduplicates by name
    takes this lock first, so those steps run one project at a time.
    """
    return Project.objects.select_for_update().only("pk", "character_code_seq").get(pk=project_id)


def _code_next(project: Project) -> str:
    """The next code of a locked project. The sequence only grows, so a deleted code never returns;
    codes already taken by rows written around the services (imports, fixtures) are skipped."""
    taken = set(Character.objects.filter(project=project).values_list("canonical_code", flat=True))
    number = project.character_code_seq
    while True:
        number += 1
        code = canonical_code_for(number)
        if code not in taken:
            break
    project.character_code_seq = number
    project.save(update_fields=["character_code_seq", "updated_at"])
    return code


def character_identity_refresh(*, character: Character) -> Character:
    """Recompile the stored identity line from the look and the variant shown outside any story.

    Every service that changes an input (look fields, variants' traits, default or global active
    variant) calls this inside its transaction.
    """
    fresh = Character.objects.prefetch_related("variants", "reference_images").get(pk=character.pk)
    line = character_effective_attributes(character=fresh, story=None)["identity_line"]
    if line != fresh.identity_line:
        Character.objects.filter(pk=character.pk).update(identity_line=line, updated_at=timezone.now())
    character.identity_line = line
    return character


def _clean_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    seen = {name_key(name)}
    kept = []
    for alias in aliases:
        alias = alias.strip()
        key = name_key(alias)
        if key and key not in seen:
            seen.add(key)
            kept.append(alias)
    return kept


def character_create(
    *,
    project,
    name: str,
    display_name: str = "",
    aliases: Iterable[str] = (),
    gender: str = Character.Gender.UNKNOWN,
    role: str = Character.Role.SECONDARY,
    age_range: str = Character.AgeRange.UNKNOWN,
    appearance: dict[str, Any] | None = None,
    hair_description: str = "",
    base_outfit: str = "",
    description: str = "",
    source_actor: Character | None = None,
    approved: bool = False,
) -> Character:
    """A new project character with the next canonical code and its base variant (the default)."""
    with transaction.atomic():
        locked = _project_lock(project.pk)
        return _character_insert(
            project_id=project.pk,
            canonical_code=_code_next(locked),
            name=name,
            display_name=display_name,
            aliases=aliases,
            gender=gender,
            role=role,
            age_range=age_range,
            appearance=appearance,
            hair_description=hair_description,
            base_outfit=base_outfit,
            description=description,
            source_actor=source_actor,
            approved=approved,
        )


def actor_create(*, name: str, **look: Any) -> Character:
    """A library actor made from scratch (no project, no code) with its base variant; `look` takes
    the look keywords of `character_create` (display_name, aliases, gender, hair_description, ...)."""
    with transaction.atomic():
        return _character_insert(project_id=None, canonical_code="", is_library_saved=True, name=name, **look)


def _character_insert(
    *,
    project_id,
    canonical_code: str,
    name: str,
    display_name: str = "",
    aliases: Iterable[str] = (),
    appearance: dict[str, Any] | None = None,
    hair_description: str = "",
    base_outfit: str = "",
    description: str = "",
    **flags: Any,
) -> Character:
    """Insert the row, its base variant and its identity line; call inside atomic.

    Field checks (choices, lengths) run here; the unique and check constraints are left to the
    database, which enforces them anyway, instead of one validation query per constraint.
    """
    name = name.strip()
    character = Character(
        project_id=project_id,
        canonical_code=canonical_code,
        name=name,
        display_name=display_name.strip() or name,
        aliases=_clean_aliases(name, aliases),
        appearance=dict(appearance or {}),
        hair_description=hair_description.strip(),
        base_outfit=base_outfit.strip(),
        description=description.strip(),
        **flags,
    )
    # Its only variant is the base one, with no overrides or traits: the line is the look's own,
    # so it is stored with the row instead of refreshed (read back and updated) after it.
    character.identity_line = identity_line_compile(
        gender=character.gender,
        age_range=character.age_range,
        hair_description=character.hair_description,
        base_outfit=character.base_outfit,
        appearance=character.appearance,
        traits={},
    )
    character.full_clean(validate_unique=False, validate_constraints=False)
    character.save()
    _base_variant_create(character)
    return character


def _base_variant_create(character: Character) -> CharacterVariant:
    return CharacterVariant.objects.create(
        character=character, variant_type=CharacterVariant.VariantType.BASE, variant_name="Base", is_default=True
    )


def _is_empty(value) -> bool:
    if isinstance(value, str):
        return not value.strip() or value in _UNKNOWN
    return value is None or value == [] or value == {}


def _fill_missing(character: Character, *, names: Iterable[str], incoming: dict[str, Any]) -> list[str]:
    """Fill the fields nobody has set yet; a field with a value (extracted or edited) is kept."""
    changed = []
    for field, value in incoming.items():
        if field == "appearance":
            merged = dict(character.appearance)
            for key, part in (value or {}).items():
                if _is_empty(merged.get(key)) and not _is_empty(part):
                    merged[key] = part
            if merged != character.appearance:
                character.appearance = merged
                changed.append(field)
        elif _is_empty(getattr(character, field)) and not _is_empty(value):
            setattr(character, field, value.strip() if isinstance(value, str) else value)
            changed.append(field)
    known = name_keys([character.name, character.display_name, *character.aliases])
    new_aliases = [alias for alias in _clean_aliases(character.name, names) if name_key(alias) not in known]
    if new_aliases:
        character.aliases = [*character.aliases, *new_aliases]
        changed.append("aliases")
    return changed


def character_cast_into_story(
    *,
    story,
    name: str,
    aliases: Iterable[str] = (),
    gender: str = Character.Gender.UNKNOWN,
    role: str = Character.Role.SECONDARY,
    age_range: str = Character.AgeRange.UNKNOWN,
    appearance: dict[str, Any] | None = None,
    hair_description: str = "",
    base_outfit: str = "",
    description: str = "",
) -> Character:
    """The project's character for `name` (or any alias), linked to `story`; created if new.

    An existing character is matched case-, space- and script-insensitively (see `name_key`), so a
    name extracted again in another story links the same character; its empty fields are filled
    from this extraction and its set fields (perhaps edited by a person) are kept. Aliases merge.
    """
    names = [name, *aliases]
    with transaction.atomic():
        _project_lock(story.project_id)
        character = character_find_by_name(project_id=story.project_id, names=names)
        if character is None:
            character = character_create(
                project=story.project,
                name=name,
                aliases=aliases,
                gender=gender,
                role=role,
                age_range=age_range,
                appearance=appearance,
                hair_description=hair_description,
                base_outfit=base_outfit,
                description=description,
            )
        else:
            incoming = {
                "gender": gender,
                "age_range": age_range,
                "appearance": appearance or {},
                "hair_description": hair_description,
                "base_outfit": base_outfit,
                "description": description,
            }
            changed = _fill_missing(character, names=names, incoming=incoming)
            if changed:
                character.save(update_fields=[*changed, "updated_at"])
                character_identity_refresh(character=character)
        StoryCharacter.objects.get_or_create(story=story, character=character)
    return character


def character_update(*, character: Character, data: dict[str, Any]) -> Character:
    """Change a character's own fields (not its code or project) and recompile its identity line."""
    unknown = set(data) - _EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"character_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        character = Character.objects.select_for_update().get(pk=character.pk)
        for field, value in data.items():
            setattr(character, field, value)
        if "aliases" in data or "name" in data:
            character.aliases = _clean_aliases(character.name, character.aliases)
        character.full_clean(validate_unique=False, validate_constraints=False)
        character.save(update_fields=[*data, *(["aliases"] if "name" in data else []), "updated_at"])
        character_identity_refresh(character=character)
    return character


def _reference_images_copy(*, source: Character, target: Character) -> None:
    """Copy the reference rows; files are shared by name (deleting a row never deletes a file)."""
    CharacterReferenceImage.objects.bulk_create(
        CharacterReferenceImage(
            character=target,
            image_url=image.image_url,
            image_file=image.image_file.name,
            ref_type=image.ref_type,
            approved=image.approved,
            is_primary=image.is_primary,
            metadata={**image.metadata, "copied_from": str(image.pk)},
        )
        for image in source.reference_images.all()
    )


def _look_of(character: Character) -> dict[str, Any]:
    return {field: getattr(character, field) for field in _LOOK_FIELDS}


def character_save_to_library(*, character: Character) -> Character:
    """Save the character's look as a global library actor (no project, no code) and return it.

    The first save creates the actor and links the character to it (`source_actor`); saving again
    updates that same actor, which every later casting then copies.
    """
    with transaction.atomic():
        character = Character.objects.select_for_update().get(pk=character.pk)
        if character.project_id is None:
            if not character.is_library_saved:
                character.is_library_saved = True
                character.save(update_fields=["is_library_saved", "updated_at"])
            return character
        actor = character.source_actor
        if actor is not None and actor.project_id is None:
            for field, value in _look_of(character).items():
                setattr(actor, field, value)
            actor.is_library_saved = True
            actor.save(update_fields=[*_LOOK_FIELDS, "is_library_saved", "updated_at"])
            return character_identity_refresh(character=actor)
        actor = actor_create(approved=character.approved, **_look_of(character))
        _reference_images_copy(source=character, target=actor)
        character.source_actor = actor
        character.save(update_fields=["source_actor", "updated_at"])
    return actor


def character_cast_actor(*, actor: Character, project, story=None) -> Character:
    """A project character played by the library `actor`: its look and references copied, linked
    through `source_actor`. Casting the same actor into the project again returns that character."""
    if actor.project_id is not None or not actor.is_library_saved:
        raise ActorNotInLibrary(f"'{actor.name}' is not an actor of the library.", fields={"actor": "not in library"})
    if story is not None and story.project_id != project.pk:
        raise CharacterOutOfScope("The story belongs to another project.", fields={"story": "not in this project"})
    with transaction.atomic():
        _project_lock(project.pk)
        character = Character.objects.filter(project=project, source_actor=actor).order_by("created_at").first()
        if character is None:
            look = _look_of(actor)
            character = character_create(project=project, source_actor=actor, approved=actor.approved, **look)
            _reference_images_copy(source=actor, target=character)
        if story is not None:
            StoryCharacter.objects.get_or_create(story=story, character=character)
    return character
