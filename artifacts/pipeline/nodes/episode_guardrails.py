from artifacts.models import ArtifactType
from artifacts.pipeline import layouts
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import latest
from projects.models import Scene

IMPORTANCE_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@pipeline_node("episode_guardrails", message="Checking the episode's rhythm", checkpointed=True)
def episode_guardrails(state, ctx):
    """No three consecutive scenes on one layout template; one single-panel hero scene when asked.
    Locked scenes keep their plan; the fix goes to the next unlocked scene of the run."""
    from artifacts.pipeline.graphs.scene_planning import plan_scene

    scenes = list(Scene.objects.filter(pk__in=state["scene_ids"]).order_by("scene_index"))
    templates = [_template_of(scene) for scene in scenes]
    if ctx.parameters["hero_scene"] and not any(
        (template or "").startswith("single") or template == "scroll_1" for template in templates
    ):
        candidates = [scene for scene in scenes if not scene.planning_locked]
        if candidates:
            hero = min(candidates, key=lambda scene: (IMPORTANCE_ORDER[scene.scene_importance], scene.scene_index))
            plan_scene(ctx, scene_id=str(hero.pk), scene_index=hero.scene_index, panel_count=1)
            templates[scenes.index(hero)] = _template_of(hero)
    for index in layouts.repeated_runs(templates):
        if templates[index] != templates[index - 1]:
            continue  # an earlier fix already broke this run
        scene = scenes[index]
        if scene.planning_locked:
            continue
        plan_scene(
            ctx,
            scene_id=str(scene.pk),
            scene_index=scene.scene_index,
            panel_count=ctx.parameters["panel_count"],
            exclude_templates=[templates[index]],
        )
        templates[index] = _template_of(scene)
    return {}


def _template_of(scene) -> str | None:
    artifact = latest(scene, ArtifactType.LAYOUT_TEMPLATE)
    return artifact.payload["template_id"] if artifact else None
