from dataclasses import dataclass
from functools import reduce
from typing import Any, Literal

from django.db.models import Q, QuerySet

from episodes.models import EpisodeScene
from projects.models import ProjectMembership
from styles.models import StylePreset
from webtoon.merge import deep_merge

DecidedBy = Literal["scene", "episode", "story", "system"]


@dataclass(frozen=True)
class ResolvedStyle:
    preset: StylePreset | None
    config: dict[str, Any]
    decided_by: DecidedBy


def effective_config(preset: StylePreset) -> dict[str, Any]:
    """`style_config` merged from the root down to `preset`: the child wins, dicts merge, lists replace."""
    chain = preset.get_ancestors(include_self=True).only("style_config")
    return reduce(deep_merge, (node.style_config for node in chain), {})


def style_preset_system_default(*, style_type: str = StylePreset.StyleType.IMAGE) -> StylePreset | None:
    return StylePreset.objects.filter(style_type=style_type, is_default=True, is_active=True).first()


def style_preset_list(*, project=None, style_type: str | None = None) -> QuerySet[StylePreset]:
    """Active presets a project may use: the global ones and its own, in tree order."""
    scope = Q(project__isnull=True) if project is None else Q(project__isnull=True) | Q(project=project)
    presets = StylePreset.objects.filter(scope, is_active=True).select_related("parent", "project")
    if style_type:
        presets = presets.filter(style_type=style_type)
    return presets.order_by("tree_id", "lft")


def _episode_of(scene):
    links = list(EpisodeScene.objects.filter(scene=scene).select_related("episode__default_image_style")[:2])
    return links[0].episode if len(links) == 1 else None


def style_resolve_for_scene(*, scene, episode=None) -> ResolvedStyle:
    """The image style a scene renders with, and which level chose it.

    Scene override, else the episode's default (the given episode, or the scene's only episode),
    else the story's default, else the system default. Inactive presets are passed over.
    """
    if episode is None:
        episode = _episode_of(scene)
    candidates = (
        (scene.image_style_override, "scene"),
        (episode.default_image_style if episode is not None else None, "episode"),
        (scene.story.default_image_style, "story"),
    )
    for preset, level in candidates:
        if preset is not None and preset.is_active:
            return ResolvedStyle(preset=preset, config=effective_config(preset), decided_by=level)
    preset = style_preset_system_default()
    return ResolvedStyle(preset=preset, config=effective_config(preset) if preset else {}, decided_by="system")


def style_preset_can_edit(*, user, preset: StylePreset) -> bool:
    """System and other global presets are staff-only; a project's own preset is open to its editors."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    if preset.project_id is None:
        return False
    return ProjectMembership.objects.filter(
        project_id=preset.project_id,
        user=user,
        role__in=[ProjectMembership.Role.OWNER, ProjectMembership.Role.EDITOR],
    ).exists()
