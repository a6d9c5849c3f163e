"""Reads of projects, and the one place that decides which rows a user may see; reads of stories
and scenes for the generation screens.

Every API queryset goes through `scope_for_user`: a row of a project the user is not a member of
is indistinguishable from a missing one (the same 404), so ids of other tenants never leak.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from artifacts.models import GraphRun
from projects.models import Project, ProjectMembership, Scene, Story

Role = ProjectMembership.Role

# Each role can do everything the roles before it can.
ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


def role_at_least(role: str | None, required: str) -> bool:
    return role is not None and ROLE_RANK.get(role, 0) >= ROLE_RANK[required]


def project_ids_for_user(*, user) -> QuerySet:
    """The ids of the projects `user` is a member of, as a subquery (no rows are fetched)."""
    return ProjectMembership.objects.filter(user=user).values("project_id")


def scope_for_user(queryset: QuerySet, *, user, project_paths: tuple[str, ...], include_global: bool = False):
    """Rows of `queryset` whose project (reached by any of `project_paths`) has `user` as a member.

    `include_global` also keeps rows whose project is NULL (global actors, system presets, shared
    environments): they are readable by every authenticated user.
    """
    member_of = project_ids_for_user(user=user)
    condition = Q()
    for path in project_paths:
        condition |= Q(**{f"{path}__in": member_of})
        if include_global:
            condition |= Q(**{f"{path}__isnull": True})
    return queryset.filter(condition)


def project_list_for_user(*, user) -> QuerySet[Project]:
    return Project.objects.filter(project_id__in=project_ids_for_user(user=user))


def project_get_for_user(*, user, project_id) -> Project:
    """The project if `user` is a member; Http404 alike for a missing project and someone else's."""
    project = project_list_for_user(user=user).filter(project_id=project_id).first()
    if project is None:
        raise Http404("No project matches the given query.")
    return project


def project_role_for_user(*, user, project_id) -> str | None:
    """The user's role in the project, or None when they are not a member."""
    if project_id is None or not getattr(user, "is_authenticated", False):
        return None
    return ProjectMembership.objects.filter(user=user, project_id=project_id).values_list("role", flat=True).first()


def membership_list(*, project) -> QuerySet[ProjectMembership]:
    return ProjectMembership.objects.filter(project=project).select_related("user").order_by("created_at")


def story_list_for_user(*, user) -> QuerySet[Story]:
    return scope_for_user(Story.objects.all(), user=user, project_paths=("project",))


def scene_list_for_user(*, user) -> QuerySet[Scene]:
    return scope_for_user(Scene.objects.select_related("story"), user=user, project_paths=("story__project",))


def story_generation_progress(*, story: Story) -> dict:
    """Status, progress and the current run of a story, in two queries."""
    story = Story.objects.only("generation_status", "generation_error", "progress", "progress_updated_at").get(
        pk=story.pk
    )
    run = GraphRun.objects.filter(story=story, graph=GraphRun.Graph.STORY_BUILD).order_by("-created_at").first()
    return {
        "status": story.generation_status,
        "error": story.generation_error,
        "progress": story.progress,
        "progress_updated_at": story.progress_updated_at,
        "run_id": str(run.pk) if run else None,
        "run_status": run.status if run else None,
        "failed_node": run.failed_node if run else "",
    }


def story_runs(*, story: Story) -> QuerySet[GraphRun]:
    return GraphRun.objects.filter(story=story).select_related("scene").order_by("-created_at")
