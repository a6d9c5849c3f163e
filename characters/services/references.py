"""Reference images of a character: exactly one primary, approval, and the rendered profile sheet."""

import socket
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from PIL import Image, UnidentifiedImageError
from PIL.Image import DecompressionBombError

from artifacts.providers.images import get_image_provider
from characters.exceptions import ReferenceImageInvalid
from characters.models import Character, CharacterReferenceImage
from characters.services.locks import character_lock, delete_and_hand_over, flag_exclusively
from characters.url_safety import Resolver, reference_url_validate

PROFILE_SHEET_SIZE = (1536, 1024)


def _check_image_file(image_file: File) -> None:
    try:
        image_file.seek(0)
        with Image.open(image_file) as image:
            image.verify()
    except (UnidentifiedImageError, DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ReferenceImageInvalid(
            "The uploaded file is not an image Pillow can read.", fields={"image_file": "not an image"}
        ) from error
    finally:
        image_file.seek(0)


def character_reference_image_add(
    *,
    character: Character,
    image_url: str = "",
    image_file: File | None = None,
    ref_type: str = CharacterReferenceImage.RefType.FACE,
    approved: bool = False,
    make_primary: bool = False,
    metadata: dict[str, Any] | None = None,
    resolve: Resolver = socket.getaddrinfo,
) -> CharacterReferenceImage:
    """Attach an uploaded file or a public http(s) URL (validated, never fetched).

    The character's first image becomes its primary; `make_primary` moves the primary to this one.
    """
    if bool(image_url.strip()) == (image_file is not None):
        raise ReferenceImageInvalid(
            "Give either an image URL or an uploaded file.", fields={"image_url": "one of image_url or image_file"}
        )
    if image_file is not None:
        _check_image_file(image_file)
    else:
        image_url = reference_url_validate(image_url, resolve=resolve)
    with transaction.atomic():
        character = character_lock(character.pk)
        current = character.reference_images.filter(is_primary=True)
        is_primary = make_primary or not current.exists()
        if is_primary:
            current.update(is_primary=False)
        image = CharacterReferenceImage(
            character=character,
            image_url=image_url,
            ref_type=ref_type,
            approved=approved,
            is_primary=is_primary,
            metadata=dict(metadata or {}),
        )
        if image_file is not None:
            image.image_file.save(image_file.name or "reference.png", image_file, save=False)
        image.save()
    return image


def character_reference_image_approve(*, reference_image: CharacterReferenceImage) -> CharacterReferenceImage:
    CharacterReferenceImage.objects.filter(pk=reference_image.pk).update(approved=True)
    reference_image.refresh_from_db()
    return reference_image


def character_reference_image_set_primary(*, reference_image: CharacterReferenceImage) -> CharacterReferenceImage:
    with transaction.atomic():
        character = character_lock(reference_image.character_id)
        flag_exclusively(character.reference_images.all(), pk=reference_image.pk, field="is_primary")
    reference_image.refresh_from_db()
    return reference_image


def character_reference_image_delete(*, reference_image: CharacterReferenceImage) -> None:
    """Delete the row (the file may be shared with library copies, so it stays); if it was the
    primary, the oldest approved image (else the oldest) becomes primary."""
    with transaction.atomic():
        character = character_lock(reference_image.character_id)
        delete_and_hand_over(
            character.reference_images.all(),
            pk=reference_image.pk,
            field="is_primary",
            heirs_by=["-approved", "created_at"],
        )


def character_profile_sheet_create(*, character: Character) -> CharacterReferenceImage:
    """Render a reference sheet (front, three-quarter, side, back, expressions) with the configured
    image provider and store it as a `profile_sheet` reference pending approval."""
    provider = get_image_provider()
    width, height = PROFILE_SHEET_SIZE
    name = character.display_name or character.name
    # Rendered before any transaction: a network provider may take seconds, and no lock is needed yet.
    png = provider.render_profile_sheet(
        code=character.canonical_code, name=name, identity_line=character.identity_line, width=width, height=height
    )
    stem = (character.canonical_code or "actor").lower()
    return character_reference_image_add(
        character=character,
        image_file=ContentFile(png, name=f"{stem}-profile-sheet.png"),
        ref_type=CharacterReferenceImage.RefType.PROFILE_SHEET,
        approved=False,
        metadata={
            "provider": provider.name,
            "width": width,
            "height": height,
            "identity_line": character.identity_line,
        },
    )
