"""Writes of artifacts and their images: every artifact row is a new version, never an update."""

from __future__ import annotations

import posixpath

from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
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
    rows take the scene's lock first. On PostgreSQL a version written for the pipeline or the system
    (`actor` not a user) commits without waiting for the disk flush (`_skip_commit_flush`); inside a
    caller's transaction, that applies to the caller's whole transaction.
    """
    payload = validate_payload(type, payload)
    if parent is not None and parent.scene_id != scene.pk:
        raise InvalidParent(
            f"The parent {parent.type} v{parent.version} belongs to another scene",
            fields={"parent": ["must be an artifact of the same scene"]},
        )
    label = actor_label(actor)
    with transaction.atomic():
        if not isinstance(actor, AbstractBaseUser):
            _skip_commit_flush()
        latest_pk, latest_version = _lock_scene_and_read_latest(scene=scene, type=type)
        return Artifact.objects.create(
            scene=scene,
            type=type,
            version=latest_version + 1,
            parent_id=parent.pk if parent is not None else latest_pk,
            payload=payload,
            created_by=label,
            updated_by=label,
        )


# Two statements in one round trip. Under READ COMMITTED each statement of a query string takes its
# own snapshot, so the second, run once the lock is granted, sees the version the previous holder
# committed; one statement joining both would not: its snapshot predates the wait for the lock.
_LOCK_SCENE_AND_READ_LATEST = (
    "SELECT 1 FROM scenes WHERE scene_id = %s FOR UPDATE; "
    "SELECT artifact_id, version FROM artifacts WHERE scene_id = %s AND type = %s ORDER BY version DESC LIMIT 1"
)


def _lock_scene_and_read_latest(*, scene: Scene, type: str) -> tuple:
    """Locks the scene row, then reads (pk, version) of the latest version of (scene, type), (None, 0) if none.

    The race it prevents: two writers read the same latest version and both insert latest + 1; the
    unique constraint would refuse the second, failing a pipeline step. With the scene row locked,
    the writers of a scene take turns. The lock is held until the transaction ends, so everything in
    this turn is on the critical path of every other writer: on PostgreSQL the lock and the read go
    in one round trip (client-side binding, Django's default for psycopg 3, sends them as one query
    string), about 1.5 times the throughput of two ORM queries in bench/artifact_versions.py.
    Retrying on the unique constraint instead was several times slower there: every loser waits
    for the winner's commit anyway, then they all collide again.
    """
    if connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get("server_side_binding"):
        with connection.cursor() as cursor:
            cursor.execute(_LOCK_SCENE_AND_READ_LATEST, [scene.pk, scene.pk, type])
            if cursor.fetchone() is None:
                raise Scene.DoesNotExist(f"No scene {scene.pk}")
            cursor.nextset()
            return cursor.fetchone() or (None, 0)
    Scene.objects.select_for_update().filter(pk=scene.pk).values_list("pk").get()
    latest = Artifact.objects.filter(scene=scene, type=type).order_by("-version").values_list("pk", "version")
    return latest.first() or (None, 0)


def _skip_commit_flush() -> None:
    """Lets this transaction's COMMIT return before its WAL reaches the disk (PostgreSQL only).

    Versions of one (scene, type) commit one after another under the scene lock, so the flush
    (milliseconds on common disks) would bound them to a few hundred a second; without it the lock
    is held for the statements alone. The cost: a crash of the database server (not of the
    application) may lose the last fraction of a second of such commits, never a middle version,
    since the WAL is replayed in order, and never one that a later flushed commit (the run's status
    update, a user's edit) follows. Pipeline output is reproducible by rerunning the step; a
    person's edit is not, so versions written by a user keep the flush.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


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
