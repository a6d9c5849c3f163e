"""Writes of projects, stories and scenes. Generation start/stop/progress live here: the story row is
the lock that makes a second start refuse, and its `progress` mirrors the story's current run.
Projects and their members: each service owns its transaction."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from artifacts.models import GraphRun
from artifacts.pipeline import runs
from artifacts.pipeline.exceptions import GenerationInProgress
from artifacts.pipeline.parameters import validate_parameters, validate_story_text
from artifacts.schemas import validate_bubbles
from projects.exceptions import AlreadyMemberError, LastOwnerError
from projects.models import DialogueLayer, Project, ProjectMembership, Scene, Story

ACTIVE = (GraphRun.Status.QUEUED, GraphRun.Status.RUNNING)
Role = ProjectMembership.Role


def story_create(*, project: Project, title: str, source_text: str, language: str = Story.Language.AUTO) -> Story:
    """A story from its text; empty or oversized text is refused before anything is written."""
    validate_story_text(source_text)
    return Story.objects.create(project=project, title=title[:300], source_text=source_text, language=language)


def story_generation_start(
    *, story: Story, parameters: dict | None = None, actor=None, request_id: str = "", queue: bool = True
) -> GraphRun:
    """Move the story to processing and create its build run; queue it unless the caller runs it itself.

    The story row is locked while its status is read and changed, so of two concurrent starts one
    wins and the other gets GenerationInProgress. Invalid input is refused before anything is written.
    """
    parameters = validate_parameters(parameters)
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        validate_story_text(locked.source_text)
        if locked.generation_status == Story.GenerationStatus.PROCESSING:
            raise GenerationInProgress(f"“{locked.title}” is already being generated; wait for it or cancel it.")
        locked.generation_status = Story.GenerationStatus.PROCESSING
        locked.generation_error = ""
        locked.progress = {
            "current_node": "queued",
            "step": 0,
            "total_steps": 0,
            "message": "Queued",
            "scene_index": None,
        }
        locked.progress_updated_at = timezone.now()
        locked.save(
            update_fields=["generation_status", "generation_error", "progress", "progress_updated_at", "updated_at"]
        )
        run = runs.run_create(
            graph=GraphRun.Graph.STORY_BUILD, story=locked, parameters=parameters, actor=actor, request_id=request_id
        )
        if queue:
            runs.run_enqueue(run=run)
    story.refresh_from_db()
    return run


def scene_run_start(
    *, scene: Scene, graph: str, parameters: dict | None = None, actor=None, request_id: str = "", queue: bool = True
) -> GraphRun:
    """A planning or render run of one scene; refused while the same kind of run of the scene is active."""
    parameters = validate_parameters(parameters)
    with transaction.atomic():
        Scene.objects.select_for_update().filter(pk=scene.pk).values_list("pk").get()
        if GraphRun.objects.filter(scene=scene, graph=graph, status__in=ACTIVE).exists():
            raise GenerationInProgress(f"Scene {scene.scene_index + 1} already has a {graph} run in progress.")
        run = runs.run_create(
            graph=graph, scene=scene, story=scene.story, parameters=parameters, actor=actor, request_id=request_id
        )
        if queue:
            runs.run_enqueue(run=run)
    return run


def story_progress_update(*, story_id, progress: dict) -> None:
    # A plain UPDATE: parallel scene planners report here too; the last report wins, as it should.
    Story.objects.filter(pk=story_id).update(progress=progress, progress_updated_at=timezone.now())


def story_generation_finish(*, story_id, succeeded: bool, error: str = "") -> None:
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story_id)
        story.generation_status = Story.GenerationStatus.COMPLETED if succeeded else Story.GenerationStatus.FAILED
        story.generation_error = error
        story.progress = {**story.progress, "message": "Done" if succeeded else f"Failed: {error}"[:500]}
        if succeeded:
            story.progress["step"] = story.progress["total_steps"] = max(
                story.progress.get("step", 0), story.progress.get("total_steps", 0)
            )
        story.progress_updated_at = timezone.now()
        story.save(
            update_fields=["generation_status", "generation_error", "progress", "progress_updated_at", "updated_at"]
        )


def story_generation_cancel(*, story: Story) -> GraphRun | None:
    """Cancel the story's active build run; its worker stops before the next node."""
    run = GraphRun.objects.filter(story=story, graph=GraphRun.Graph.STORY_BUILD, status__in=ACTIVE).first()
    if run is None:
        return None
    runs.run_cancel(run=run)
    story_generation_finish(story_id=story.pk, succeeded=False, error="Cancelled")
    return run


def dialogue_layer_update(*, scene: Scene, bubbles: list[dict]) -> DialogueLayer:
    """Replace the scene's bubbles (an editor's lettering); refused with InvalidPayload naming the field."""
    bubbles = validate_bubbles(bubbles)
    with transaction.atomic():
        layer, created = DialogueLayer.objects.select_for_update().get_or_create(
            scene=scene, defaults={"bubbles": bubbles}
        )
        if not created and layer.bubbles != bubbles:
            layer.bubbles = bubbles
            layer.save(update_fields=["bubbles", "updated_at"])
    return layer


def project_create(*, user: AbstractBaseUser, name: str, description: str = "") -> Project:
    """A new project with `user` as its owner."""
    with transaction.atomic():
        project = Project.objects.create(name=name, description=description)
        ProjectMembership.objects.create(project=project, user=user, role=Role.OWNER)
    return project


def membership_create(*, project: Project, user: AbstractBaseUser, role: str) -> ProjectMembership:
    with transaction.atomic():
        if ProjectMembership.objects.filter(project=project, user=user).exists():
            raise AlreadyMemberError(f"{user} is already a member of this project.", fields={"user": ["taken"]})
        return ProjectMembership.objects.create(project=project, user=user, role=role)


def _lock_owners(project_id) -> int:
    """Lock the project row, then count its owners.

    Two owners demoting or removing each other at the same moment would each see the other still
    owning the project and leave it with none; locking the parent row first serialises them.
    """
    Project.objects.select_for_update().filter(project_id=project_id).first()
    return ProjectMembership.objects.filter(project_id=project_id, role=Role.OWNER).count()


def membership_update(*, membership: ProjectMembership, role: str) -> ProjectMembership:
    with transaction.atomic():
        owners = _lock_owners(membership.project_id)
        membership = ProjectMembership.objects.get(pk=membership.pk)
        if membership.role == Role.OWNER and role != Role.OWNER and owners <= 1:
            raise LastOwnerError("A project keeps at least one owner.", fields={"role": ["last_owner"]})
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    return membership


def membership_delete(*, membership: ProjectMembership) -> None:
    with transaction.atomic():
        owners = _lock_owners(membership.project_id)
        membership = ProjectMembership.objects.get(pk=membership.pk)
        if membership.role == Role.OWNER and owners <= 1:
            raise LastOwnerError("A project keeps at least one owner.")
        membership.delete()


def scene_planning_lock_set(*, scene: Scene, locked: bool) -> Scene:
    """Lock or unlock a scene's planning: a locked scene is never re-planned by the pipeline."""
    with transaction.atomic():
        scene = Scene.objects.select_for_update().get(pk=scene.pk)
        if scene.planning_locked != locked:
            scene.planning_locked = locked
            scene.save(update_fields=["planning_locked", "updated_at"])
    return scene


def graph_run_retry(*, run: GraphRun, actor=None, request_id: str = "") -> GraphRun:
    """A new run of the same graph, target and parameters, queued; it resumes from what the old one persisted."""
    if run.graph == GraphRun.Graph.STORY_BUILD:
        return story_generation_start(story=run.story, parameters=run.parameters, actor=actor, request_id=request_id)
    return scene_run_start(
        scene=run.scene, graph=run.graph, parameters=run.parameters, actor=actor, request_id=request_id
    )


def graph_run_cancel(*, run: GraphRun) -> GraphRun:
    if run.graph == GraphRun.Graph.STORY_BUILD and run.status in ACTIVE:
        story_generation_cancel(story=run.story)
        run.refresh_from_db()
        return run
    return runs.run_cancel(run=run)
