from artifacts.models import ArtifactType
from artifacts.pipeline.exceptions import QualityCheckFailed
from artifacts.pipeline.qc import qc_report
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref
from projects.models import Scene


@pipeline_node("qc_check", message="Checking the scene against the quality rules")
def qc_check(state, ctx):
    """Advisory unless the run enforces QC; an enforced failure fails the run after the report is saved."""
    scene = Scene.objects.get(pk=state["scene_id"])
    semantics = state["artifacts"][ArtifactType.PANEL_SEMANTICS]
    enforced = ctx.parameters["enforce_qc"]
    report = produce(
        ctx,
        node="qc_check",
        scene=scene,
        type=ArtifactType.QC_REPORT,
        inputs={"semantics": semantics["artifact_id"], "enforced": enforced},
        make=lambda: qc_report(semantics["payload"], enforced=enforced),
    )
    if enforced and not report.payload["passed"]:
        rules = ", ".join(sorted({issue["rule"] for issue in report.payload["issues"]}))
        raise QualityCheckFailed(f"Scene {scene.scene_index + 1} failed the enforced quality check: {rules}.")
    return {"artifacts": {**state["artifacts"], ArtifactType.QC_REPORT: ref(report)}}
