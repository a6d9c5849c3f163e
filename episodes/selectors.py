"""Reads of the episodes app."""

import uuid

from django.db.models import OuterRef, QuerySet, Subquery
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from artifacts.models import Artifact, ArtifactType, Image
from episodes.exceptions import ExportInputError
from episodes.models import Episode, EpisodeScene, ExportJob
from episodes.renderers.base import SceneSource
from projects.models import DialogueLayer, Scene


def episode_scene_list(*, episode: Episode) -> QuerySet[EpisodeScene]:
    return EpisodeScene.objects.filter(episode=episode).select_related("scene").order_by("order_index")


def export_job_list(*, episode: Episode | None = None) -> QuerySet[ExportJob]:
    jobs = ExportJob.objects.select_related("episode", "scene")
    return jobs.filter(episode=episode) if episode is not None else jobs


def latest_render_results(*, scene_ids) -> dict:
    """{scene_id: the latest render_result Artifact} for the scenes that have one (one query)."""
    latest_version = (
        Artifact.objects.filter(scene=OuterRef("scene"), type=ArtifactType.RENDER_RESULT)
        .order_by("-version")
        .values("version")[:1]
    )
    artifacts = Artifact.objects.filter(
        scene_id__in=scene_ids, type=ArtifactType.RENDER_RESULT, version=Subquery(latest_version)
    )
    return {artifact.scene_id: artifact for artifact in artifacts}


def _export_scenes(job: ExportJob) -> list[Scene]:
    """A preview (or a job without an episode) shows its scene; the others the episode's scenes."""
    if job.scene_id is not None and (job.episode_id is None or job.format == ExportJob.Format.PREVIEW):
        return [job.scene]
    scenes = [link.scene for link in episode_scene_list(episode=job.episode)]
    if not scenes:
        raise ExportInputError(f"Episode {job.episode.title!r} has no scenes to export.")
    return scenes


def _image_id(artifact: Artifact) -> str:
    return str((artifact.payload.get("scene_image") or {}).get("image_id") or "")


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _describe(scene: Scene) -> str:
    return f"scene {scene.scene_index + 1} ({scene.title or scene.pk})"


def export_sources(*, job: ExportJob) -> list[SceneSource]:
    """Every scene of the export, in order, with its latest rendered image and its bubbles.

    Raises ExportInputError naming the first scene that cannot be exported (never rendered, or
    its image row or file is missing), before anything is drawn.
    """
    scenes = _export_scenes(job)
    scene_ids = [scene.pk for scene in scenes]
    results = latest_render_results(scene_ids=scene_ids)
    wanted = [image_id for image_id in map(_image_id, results.values()) if _is_uuid(image_id)]
    images = {str(image.pk): image for image in Image.objects.filter(pk__in=wanted)}
    bubbles = dict(DialogueLayer.objects.filter(scene_id__in=scene_ids).values_list("scene_id", "bubbles"))
    sources = []
    for scene in scenes:
        artifact = results.get(scene.pk)
        if artifact is None:
            raise ExportInputError(f"{_describe(scene)} has never been rendered (no render_result).")
        image_id = _image_id(artifact)
        image = images.get(image_id)
        if image is None or not image.file:
            raise ExportInputError(
                f"{_describe(scene)}: render_result v{artifact.version} points at image {image_id}, which has no file."
            )
        try:
            with image.file.open("rb") as handle, PILImage.open(handle) as picture:
                width, height = picture.size
        except (OSError, UnidentifiedImageError) as error:
            raise ExportInputError(f"{_describe(scene)}: its rendered image cannot be read ({error}).") from error
        sources.append(
            SceneSource(
                scene_id=str(scene.pk),
                title=scene.title,
                image=image,
                width=width,
                height=height,
                panels=_panels_in_pixels(artifact.payload, width, height),
                bubbles=list(bubbles.get(scene.pk) or []),
            )
        )
    return sources


def _panels_in_pixels(payload: dict, width: int, height: int) -> list[dict]:
    """The render_result panel boxes, rescaled if the file's size differs from the payload's."""
    declared = payload.get("scene_image") or {}
    scale_x = width / (declared.get("width") or width)
    scale_y = height / (declared.get("height") or height)
    return [
        {
            "panel_index": int(panel.get("panel_index", index)),
            "x": panel.get("x", 0) * scale_x,
            "y": panel.get("y", 0) * scale_y,
            "width": panel.get("width", width) * scale_x,
            "height": panel.get("height", height) * scale_y,
        }
        for index, panel in enumerate(payload.get("panels") or [])
    ]
