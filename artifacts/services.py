"""Writes of artifacts and their images: every artifact row is a new version, never an update."""

from __future__ import annotations

import posixpath

from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import get_valid_filename

from artifacts.exceptions import InvalidParent
from artifacts.models import Artifact, Image
from artifacts.schemas import validate_payload
from projects.models import Scene

Actor = AbstractBaseUser | str | None


def actor_label(actor: Actor) -> str:
    """What `created_by`/`updated_by` record: a user's username, a string as given, else "system"."""
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username()


def artifact_version_create(
    *, scene: Scene, type: str, payload: dict, parent: Artifact | None = None, actor: Actor = None
) -> Artifact:
    """The next version of (scene, type): 1 for the first, then latest + 1, with no gap and no duplicate.

    `parent` defaults to the previous latest version of the same type. A named parent must belong to
    the same scene and may be of any type: that is how derivation across types is recorded
    (panel_plan_normalized from panel_plan). Of the same type, it is necessarily an older version.
    The payload is validated (InvalidPayload naming the field) before anything is written.

    Locks the scene row until the caller's outermost transaction ends; callers that also lock other
    rows take the scene's lock first.
    """
    payload = validate_payload(type, payload)
    if parent is not None and parent.scene_id != scene.pk:
        raise InvalidParent(
            f"The parent {parent.type} v{parent.version} belongs to another scene",
            fields={"parent": ["must be an artifact of the same scene"]},
        )
    label = actor_label(actor)
    with transaction.atomic():
        # The race: two writers read the same latest version and both insert latest + 1; the unique
        # constraint would refuse the second, failing a pipeline step. Locking the scene row makes
        # writers of a scene take turns; under READ COMMITTED the read below is a new statement, so
        # it sees the version the previous lock holder committed. bench/artifact_versions.py
        # measured this against retrying on the unique constraint: the lock is faster under
        # contention (retries redo the read and the insert, and wait on the winner's commit anyway).
        Scene.objects.select_for_update().filter(pk=scene.pk).values_list("pk").get()
        latest = Artifact.objects.filter(scene=scene, type=type).order_by("-version").only("pk", "version").first()
        return Artifact.objects.create(
            scene=scene,
            type=type,
            version=latest.version + 1 if latest else 1,
            parent=parent if parent is not None else latest,
            payload=payload,
            created_by=label,
            updated_by=label,
        )


def artifact_manual_edit(*, artifact: Artifact, payload: dict, user: Actor) -> Artifact:
    """An editor's change to `artifact`: a new latest version derived from the edited one (which may be old)."""
    return artifact_version_create(
        scene=artifact.scene, type=artifact.type, payload=payload, parent=artifact, actor=user
    )


def image_upload_path(*, artifact: Artifact, filename: str) -> str:
    scene = artifact.scene
    return posixpath.join(
        "renders", str(scene.story_id), str(scene.pk), get_valid_filename(posixpath.basename(filename))
    )


def image_create(*, artifact: Artifact, content: bytes | File, filename: str, metadata: dict | None = None) -> Image:
    """Stores the file under renders/<story_id>/<scene_id>/ through the default storage and links an Image row.

    An existing name is not overwritten: the storage picks a free one. The file is removed again when
    the row cannot be written; a rollback of the caller's outer transaction leaves it orphaned.
    """
    if isinstance(content, bytes):
        content = ContentFile(content)
    # The storage shortens the file's own name when the column (100 characters) would overflow.
    max_length = Image._meta.get_field("file").max_length
    name = default_storage.save(image_upload_path(artifact=artifact, filename=filename), content, max_length=max_length)
    try:
        with transaction.atomic():
            return Image.objects.create(
                artifact=artifact, file=name, image_url=default_storage.url(name), metadata=metadata or {}
            )
    except Exception:
        default_storage.delete(name)
        raise
