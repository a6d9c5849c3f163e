from artifacts.models import ArtifactType
from artifacts.pipeline.brief import scene_brief
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import latest, produce
from projects.models import Scene


@pipeline_node("blind_test", message="Reading the panels back without the text")
def blind_test(state, ctx):
    """Could a reader tell the scene from its panels alone? One report per scene and critic round."""
    reports, failing = {}, []
    for scene in Scene.objects.filter(pk__in=state["scene_ids"]).select_related("story", "environment"):
        semantics = latest(scene, ArtifactType.PANEL_SEMANTICS)
        brief = scene_brief(scene)
        report = produce(
            ctx,
            node="blind_test",
            scene=scene,
            type=ArtifactType.BLIND_TEST_REPORT,
            inputs={"semantics": str(semantics.pk), "sources": brief["sources"]},
            make=lambda brief=brief, semantics=semantics: ctx.llm.run(
                "blind_test", {"brief": brief, "semantics": semantics.payload}
            ),
        )
        reports[str(scene.pk)] = report.payload
        if not report.payload["passed"] and not scene.planning_locked:
            failing.append(str(scene.pk))
    return {"blind": reports, "failing": failing}
