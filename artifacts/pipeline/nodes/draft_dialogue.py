from artifacts.models import Artifact, ArtifactType
from artifacts.pipeline.rules.planning import dialogue_bubbles
from artifacts.pipeline.runtime import pipeline_node
from artifacts.schemas import validate_bubbles
from projects.models import DialogueLayer, Scene


@pipeline_node("draft_dialogue", message="Drafting speech balloons")
def draft_dialogue(state, ctx):
    """A draft DialogueLayer when the scene has none. An existing layer is the editor's and stays,
    unless it is still exactly the draft of the previous panel semantics (then the re-plan redrafts it)."""
    scene = Scene.objects.get(pk=state["scene_id"])
    current = state["artifacts"][ArtifactType.PANEL_SEMANTICS]
    bubbles = validate_bubbles(dialogue_bubbles(current["payload"]))
    layer, created = DialogueLayer.objects.get_or_create(scene=scene, defaults={"bubbles": bubbles})
    if not created and layer.bubbles != bubbles:
        previous = (
            Artifact.objects.filter(scene=scene, type=ArtifactType.PANEL_SEMANTICS, version__lt=current["version"])
            .order_by("-version")
            .first()
        )
        if previous is not None and layer.bubbles == validate_bubbles(dialogue_bubbles(previous.payload)):
            layer.bubbles = bubbles
            layer.save(update_fields=["bubbles", "updated_at"])
    return {}
