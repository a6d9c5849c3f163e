"""Writes of the episodes app: composing episodes, their assets and status, and export jobs."""

import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from artifacts.models import Image
from episodes import renderers
from episodes.exceptions import (
    AssetNotFound,
    ExportError,
    ExportNotRetryable,
    InvalidEpisodeStyle,
    InvalidOrder,
    InvalidStatusTransition,
    SceneAlreadyInEpisode,
    SceneNotInEpisode,
    SceneNotInStory,
)
from episodes.lettering import lettering_fonts
from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from episodes.renderers.base import RenderContext
from episodes.selectors import export_sources
from projects.models import Scene, Story
from styles.models import StylePreset
from webtoon import metrics
from webtoon.exceptions import ApplicationError

logger = logging.getLogger(__name__)

# Rows are parked above this while an episode is renumbered (see _write_order).
ORDER_PARKING_OFFSET = 1_000_000


def _check_image_style(story: Story, preset: StylePreset | None) -> None:
    """An episode's default style feeds style resolution for its scenes: an image style, and one
    the story's project can use (its own or a system preset)."""
    if preset is None:
        return
    if preset.style_type != StylePreset.StyleType.IMAGE:
        raise InvalidEpisodeStyle(f"{preset.name} is a {preset.style_type} style, not an image style.")
    if preset.project_id not in (None, story.project_id):
        raise InvalidEpisodeStyle(f"{preset.name} belongs to another project.")


@transaction.atomic
def episode_create(*, story: Story, title: str, default_image_style: StylePreset | None = None) -> Episode:
    _check_image_style(story, default_image_style)
    return Episode.objects.create(story=story, title=title, default_image_style=default_image_style)


_UNCHANGED = object()


@transaction.atomic
def episode_update(*, episode: Episode, title: str | None = None, default_image_style=_UNCHANGED) -> Episode:
    """Rename the episode and/or set (or clear, with None) its default image style."""
    episode = _lock_episode(episode)
    fields = ["updated_at"]
    if title is not None:
        episode.title = title
        fields.append("title")
    if default_image_style is not _UNCHANGED:
        _check_image_style(episode.story, default_image_style)
        episode.default_image_style = default_image_style
        fields.append("default_image_style")
    episode.save(update_fields=fields)
    return episode


def _lock_episode(episode: Episode) -> Episode:
    """Lock the episode row; every change of its scene order takes this lock first.

    Two editors reordering the same episode would otherwise read the same order, compute two
    different permutations and interleave their writes into duplicates or gaps.
    """
    return Episode.objects.select_for_update().get(pk=episode.pk)


def _ordered_link_ids(episode: Episode) -> list[uuid.UUID]:
    return list(EpisodeScene.objects.filter(episode=episode).order_by("order_index").values_list("pk", flat=True))


def _write_order(episode: Episode, link_ids: list[uuid.UUID]) -> None:
    """Give the links of `episode` the order_index 0..n-1 in the order of `link_ids`.

    The unique constraint on (episode, order_index) is checked row by row as an UPDATE runs, so
    renumbering in place (0->1 while 1 still exists) trips it half-way through a permutation. All
    rows are first parked above ORDER_PARKING_OFFSET, where nothing collides, then set to their
    final places in a second statement. Call inside atomic, with the episode row locked.
    """
    if not link_ids:
        return
    links = EpisodeScene.objects.filter(episode=episode)
    links.update(order_index=F("order_index") + ORDER_PARKING_OFFSET)
    links.filter(pk__in=link_ids).update(
        order_index=Case(
            *[When(pk=link_id, then=Value(index)) for index, link_id in enumerate(link_ids)],
            output_field=IntegerField(),
        ),
        updated_at=timezone.now(),
    )


@transaction.atomic
def episode_scene_add(*, episode: Episode, scene: Scene, position: int | None = None) -> EpisodeScene:
    """Put `scene` into `episode` at `position` (default: the end); later scenes move down one."""
    if scene.story_id != episode.story_id:
        raise SceneNotInStory(
            f"Scene {scene.pk} belongs to another story than episode {episode.pk}.", fields={"scene": scene.pk}
        )
    episode = _lock_episode(episode)
    link_ids = _ordered_link_ids(episode)
    if EpisodeScene.objects.filter(episode=episode, scene=scene).exists():
        raise SceneAlreadyInEpisode(f"Scene {scene.pk} is already in this episode.", fields={"scene": scene.pk})
    position = len(link_ids) if position is None else position
    if not 0 <= position <= len(link_ids):
        raise InvalidOrder(f"Position {position} is outside 0..{len(link_ids)}.", fields={"position": position})
    link = EpisodeScene.objects.create(episode=episode, scene=scene, order_index=ORDER_PARKING_OFFSET * 2)
    link_ids.insert(position, link.pk)
    _write_order(episode, link_ids)
    link.refresh_from_db(fields=["order_index", "updated_at"])
    return link


@transaction.atomic
def episode_compose(*, episode: Episode, scenes: list[Scene]) -> list[EpisodeScene]:
    """Make `scenes`, in this order, the whole content of `episode` (links to other scenes go)."""
    foreign = [scene.pk for scene in scenes if scene.story_id != episode.story_id]
    if foreign:
        raise SceneNotInStory("These scenes belong to another story.", fields={"scenes": foreign})
    scene_ids = [scene.pk for scene in scenes]
    if len(set(scene_ids)) != len(scene_ids):
        raise InvalidOrder("A scene appears twice.", fields={"scenes": scene_ids})
    episode = _lock_episode(episode)
    EpisodeScene.objects.filter(episode=episode).exclude(scene_id__in=scene_ids).delete()
    existing = dict(EpisodeScene.objects.filter(episode=episode).values_list("scene_id", "pk"))
    new_links = EpisodeScene.objects.bulk_create(
        EpisodeScene(episode=episode, scene_id=scene_id, order_index=ORDER_PARKING_OFFSET * 2 + offset)
        for offset, scene_id in enumerate(scene_id for scene_id in scene_ids if scene_id not in existing)
    )
    existing.update({link.scene_id: link.pk for link in new_links})
    _write_order(episode, [existing[scene_id] for scene_id in scene_ids])
    return list(EpisodeScene.objects.filter(episode=episode).order_by("order_index"))


@transaction.atomic
def episode_scene_move(*, episode: Episode, scene: Scene, position: int) -> EpisodeScene:
    """Move `scene` to `position` in `episode`; the scenes between shift by one. One transaction."""
    episode = _lock_episode(episode)
    link_ids = _ordered_link_ids(episode)
    link = EpisodeScene.objects.filter(episode=episode, scene=scene).first()
    if link is None:
        raise SceneNotInEpisode(f"Scene {scene.pk} is not in this episode.", fields={"scene": scene.pk})
    if not 0 <= position < len(link_ids):
        raise InvalidOrder(f"Position {position} is outside 0..{len(link_ids) - 1}.", fields={"position": position})
    link_ids.remove(link.pk)
    link_ids.insert(position, link.pk)
    _write_order(episode, link_ids)
    link.refresh_from_db(fields=["order_index", "updated_at"])
    return link


@transaction.atomic
def episode_scene_remove(*, episode: Episode, scene: Scene) -> None:
    """Take `scene` out of `episode`; the scenes after it close the gap."""
    episode = _lock_episode(episode)
    deleted, _ = EpisodeScene.objects.filter(episode=episode, scene=scene).delete()
    if not deleted:
        raise SceneNotInEpisode(f"Scene {scene.pk} is not in this episode.", fields={"scene": scene.pk})
    _write_order(episode, _ordered_link_ids(episode))


@transaction.atomic
def episode_asset_attach(*, episode: Episode, asset_type: str, asset_id: uuid.UUID | str) -> EpisodeAsset:
    """Attach an existing Image as a cover, thumbnail, image, music or other asset; idempotent.

    Every asset type points at an Image row (the only stored-file table); an id that points at
    nothing is refused rather than stored as a dangling reference.
    """
    if asset_type not in EpisodeAsset.AssetType.values:
        raise AssetNotFound(f"Unknown asset type {asset_type!r}.", fields={"asset_type": asset_type})
    try:
        asset_id = uuid.UUID(str(asset_id))
    except ValueError:
        raise AssetNotFound(f"{asset_id!r} is not an id.", fields={"asset_id": str(asset_id)}) from None
    if not Image.objects.filter(pk=asset_id).exists():
        raise AssetNotFound(f"No image {asset_id}.", fields={"asset_id": str(asset_id)})
    asset, _ = EpisodeAsset.objects.get_or_create(episode=episode, asset_type=asset_type, asset_id=asset_id)
    return asset


@transaction.atomic
def episode_asset_detach(*, episode: Episode, asset_type: str, asset_id: uuid.UUID | str) -> None:
    EpisodeAsset.objects.filter(episode=episode, asset_type=asset_type, asset_id=asset_id).delete()


@transaction.atomic
def episode_publish(*, episode: Episode) -> Episode:
    """draft -> published, stamping published_at. An episode without scenes cannot be published."""
    episode = _lock_episode(episode)
    if episode.status != Episode.Status.DRAFT:
        raise InvalidStatusTransition(f"Only a draft can be published; this episode is {episode.status}.")
    if not episode.episode_scenes.exists():
        raise InvalidStatusTransition("An episode without scenes cannot be published.")
    episode.status = Episode.Status.PUBLISHED
    episode.published_at = timezone.now()
    episode.save(update_fields=["status", "published_at", "updated_at"])
    return episode


@transaction.atomic
def episode_unpublish(*, episode: Episode) -> Episode:
    """published -> draft; published_at is cleared so a later publish stamps the new date."""
    episode = _lock_episode(episode)
    if episode.status != Episode.Status.PUBLISHED:
        raise InvalidStatusTransition(f"Only a published episode can go back to draft; it is {episode.status}.")
    episode.status = Episode.Status.DRAFT
    episode.published_at = None
    episode.save(update_fields=["status", "published_at", "updated_at"])
    return episode


# --- export ------------------------------------------------------------------------------------

# A job still "processing" with no progress for this long lost its worker; a redelivery may take it.
EXPORT_STALE_AFTER = timedelta(minutes=15)
KEPT_METADATA = ("requested_by",)
# Progress is written at most this often (the last step always is).
PROGRESS_WRITE_INTERVAL = 0.5


def _enqueue_export(job: ExportJob) -> None:
    from episodes.tasks import export_run

    task_id = job.celery_task_id
    transaction.on_commit(lambda: export_run.apply_async(args=[str(job.pk)], task_id=task_id))


def export_start(
    *,
    format: str,
    episode: Episode | None = None,
    scene: Scene | None = None,
    options: dict | None = None,
    user=None,
    enqueue: bool = True,
) -> ExportJob:
    """Create a queued ExportJob and, once committed, queue its task (unless `enqueue` is False:
    the export_episode command runs it in the foreground with `export_execute`).

    An unknown format or bad options are refused here and write nothing (the format column's
    check constraint could not hold an unknown format anyway); problems with the content (no
    scenes, a scene never rendered) fail the job with the reason when it runs.
    """
    renderer = renderers.renderer_for(format)
    parsed = renderer.parse_options(dict(options or {}))
    if format == ExportJob.Format.PREVIEW and scene is None:
        raise ExportError("A preview exports one scene: give a scene.", fields={"scene": None})
    if episode is None and scene is None:
        raise ExportError("An export needs an episode or a scene.", fields={"episode": None})
    metadata = {"step": 0, "total": 0, "message": "queued"}
    if user is not None:
        metadata["requested_by"] = user.get_username()
    with transaction.atomic():
        job = ExportJob.objects.create(
            episode=episode,
            scene=scene,
            format=format,
            options=parsed,
            metadata=metadata,
            celery_task_id=str(uuid.uuid4()) if enqueue else "",
        )
        if enqueue:
            _enqueue_export(job)
    return job


def export_retry(*, job: ExportJob) -> ExportJob:
    """Queue a failed job again (failed -> queued, a new task id); other statuses are refused."""
    with transaction.atomic():
        task_id = str(uuid.uuid4())
        requeued = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.FAILED).update(
            status=ExportJob.Status.QUEUED,
            celery_task_id=task_id,
            metadata={**_kept_metadata(job.pk), "step": 0, "total": 0, "message": "queued again"},
            updated_at=timezone.now(),
        )
        if not requeued:
            job.refresh_from_db(fields=["status"])
            raise ExportNotRetryable(f"Only a failed export can be retried; this one is {job.status}.")
        job.refresh_from_db()
        _enqueue_export(job)
    return job


class _Progress:
    """Writes `{"step", "total", "message"}` into the job's metadata as the renderer advances."""

    def __init__(self, job: ExportJob, on_progress: Callable[[int, int, str], None] | None, kept: dict):
        self.job_id = job.pk
        self.kept = kept
        self.on_progress = on_progress
        self.warnings: list[str] = []
        self.written_at = 0.0
        # The renderer's total, reported before its first page: the finished job keeps it.
        self.total = 1

    def __call__(self, step: int, total: int, message: str) -> None:
        self.total = total
        now = time.monotonic()
        if now - self.written_at >= PROGRESS_WRITE_INTERVAL or step >= total:
            self.written_at = now
            metadata = {**self.kept, "step": step, "total": total, "message": message, "warnings": self.warnings}
            # `updated_at` doubles as the heartbeat that tells a live job from one whose worker died.
            ExportJob.objects.filter(pk=self.job_id, status=ExportJob.Status.PROCESSING).update(
                metadata=metadata, updated_at=timezone.now()
            )
        if self.on_progress:
            self.on_progress(step, total, message)


def _export_folder(job_id) -> str:
    return f"exports/{job_id}"


def _remove_stored_files(job_id) -> None:
    folder = _export_folder(job_id)
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")


def _claim(export_id, kept: dict) -> bool:
    """queued/failed (or processing but stale) -> processing, atomically: only one worker wins.

    A duplicate delivery of the task, or a second worker picking up the same message, finds the
    row already processing (or completed) and does nothing.
    """
    now = timezone.now()
    claimable = Q(status__in=[ExportJob.Status.QUEUED, ExportJob.Status.FAILED]) | Q(
        status=ExportJob.Status.PROCESSING, updated_at__lt=now - EXPORT_STALE_AFTER
    )
    return bool(
        ExportJob.objects.filter(claimable, pk=export_id).update(
            status=ExportJob.Status.PROCESSING,
            started_at=now,
            finished_at=None,
            error="",
            output_file="",
            output_url="",
            metadata={**kept, "step": 0, "total": 0, "message": "starting"},
            updated_at=now,
        )
    )


def _context(job: ExportJob, workdir: Path, progress: _Progress) -> RenderContext:
    renderer = renderers.renderer_for(job.format)
    story = job.episode.story if job.episode_id else job.scene.story
    number = 1
    if job.episode_id:
        number = Episode.objects.filter(story=story, created_at__lt=job.episode.created_at).count() + 1
    sources = export_sources(job=job)
    language = story.language
    if language not in ("en", "ko"):
        text = " ".join(str(b.get("text", "")) for source in sources for b in source.bubbles)
        language = "ko" if any("\uac00" <= char <= "\ud7a3" for char in text) else "en"
    return RenderContext(
        export_id=str(job.pk),
        title=job.episode.title if job.episode_id else str(job.scene),
        series=story.title,
        number=number,
        language=language,
        sources=sources,
        options=renderer.parse_options(dict(job.options)),
        workdir=workdir,
        progress=progress,
        warnings=progress.warnings,
    )


def export_execute(*, export_id, on_progress: Callable[[int, int, str], None] | None = None) -> ExportJob:
    """Render the export `export_id` and store its file under exports/<export_id>/.

    Idempotent: a completed job, or one another worker is processing, is returned untouched.
    Each run renders in its own temporary folder and stores under its own export id, so two
    exports of the same episode never share a file. On any failure the job is failed with the
    reason and whatever was written (temporary files, a stored output) is removed.
    """
    kept = _kept_metadata(export_id)
    if not _claim(export_id, kept):
        logger.info("export %s is not claimable (completed or running elsewhere); skipped", export_id)
        return ExportJob.objects.get(pk=export_id)
    job = ExportJob.objects.select_related("episode__story", "scene__story").get(pk=export_id)
    progress = _Progress(job, on_progress, kept)
    workdir = Path(tempfile.mkdtemp(prefix=f"export-{export_id}-"))
    try:
        lettering_fonts()
        context = _context(job, workdir, progress)
        output = renderers.renderer_for(job.format).render(context)
        _remove_stored_files(job.pk)
        with output.path.open("rb") as handle:
            name = default_storage.save(f"{_export_folder(job.pk)}/{output.path.name}", File(handle))
        progress(progress.total, progress.total, "stored")
    except Exception as error:
        if not isinstance(error, ApplicationError):
            logger.exception("export %s failed", export_id)
        _remove_stored_files(job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error=str(error) if isinstance(error, ApplicationError) else f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
            metadata={**_metadata(job.pk), "message": "failed"},
            updated_at=timezone.now(),
        )
        return _finished(job.pk)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    size = default_storage.size(name)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.COMPLETED,
        output_file=name,
        output_url=default_storage.url(name),
        finished_at=timezone.now(),
        metadata={
            **kept,
            "step": progress.total,
            "total": progress.total,
            "message": "done",
            "warnings": progress.warnings,
            "bytes": size,
            **output.metadata,
        },
        updated_at=timezone.now(),
    )
    return _finished(job.pk)


def _finished(export_id) -> ExportJob:
    job = ExportJob.objects.get(pk=export_id)
    metrics.record_export(job)
    return job


def _metadata(export_id) -> dict:
    return ExportJob.objects.filter(pk=export_id).values_list("metadata", flat=True).first() or {}


def _kept_metadata(export_id) -> dict:
    """The metadata every stage keeps (who asked); the rest is rewritten as the job advances."""
    metadata = _metadata(export_id)
    return {key: metadata[key] for key in KEPT_METADATA if key in metadata}
