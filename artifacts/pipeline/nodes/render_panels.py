import io

from django.db import transaction
from PIL import Image as PILImage

from artifacts.models import ArtifactType, Image
from artifacts.pipeline.nodes.render_spec import panel_box, scene_size
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref
from artifacts.providers.images.panels import compose, to_png
from artifacts.services import image_create
from episodes.lettering import letter_image
from projects.models import DialogueLayer, Scene


@pipeline_node("render_panels", message="Drawing the panels")
def render_panels(state, ctx):
    """One image per panel from its spec, then the scene composed by its layout with gutters.

    Images are stored first (under the render spec they came from) and moved to the render_result
    once it exists; a rerun with the same spec and provider reuses the result and draws nothing.
    """
    scene = Scene.objects.get(pk=state["scene_id"])
    spec = state["artifacts"][ArtifactType.RENDER_SPEC]
    semantics = {
        panel["panel_index"]: panel for panel in state["artifacts"][ArtifactType.PANEL_SEMANTICS]["payload"]["panels"]
    }
    layout = state["artifacts"][ArtifactType.LAYOUT_TEMPLATE]["payload"]
    boxes = {box["panel_index"]: box for box in layout["panels"]}
    provider = ctx.images
    created: list[Image] = []

    def make():
        from artifacts.models import Artifact

        spec_row = Artifact.objects.get(pk=spec["artifact_id"])
        width, height = scene_size(layout["aspect_ratio"])
        drawn, panels = [], []
        for panel in spec["payload"]["panels"]:
            index = panel["panel_index"]
            content = provider.render_panel(
                semantics=semantics[index],
                width=panel["width"],
                height=panel["height"],
                style=spec["payload"]["style"],
                prompt=panel["prompt"],
                seed=panel["seed"],
            )
            clear = provider.keep_clear(semantics=semantics[index], width=panel["width"], height=panel["height"])
            box = panel_box(boxes.get(index) or boxes[max(boxes)], layout["aspect_ratio"])
            image = image_create(
                artifact=spec_row,
                content=content,
                filename=f"panel-{index:02d}.png",
                metadata={"kind": "panel", "panel_index": index, "width": box[2], "height": box[3]},
            )
            created.append(image)
            drawn.append((box, content))
            panels.append(
                {
                    "panel_index": index,
                    "image_id": str(image.pk),
                    "url": image.image_url,
                    "x": box[0],
                    "y": box[1],
                    "width": box[2],
                    "height": box[3],
                    # The panel is scaled into its box: what bubbles must leave visible, as fractions of it.
                    "keep_clear": [
                        [
                            round(min(1.0, max(0.0, value / size)), 4)
                            for value, size in zip(area, (panel["width"], panel["height"]) * 2, strict=True)
                        ]
                        for area in clear
                    ],
                }
            )
        page = compose(drawn, width, height)
        scene_image = image_create(
            artifact=spec_row,
            content=page,
            filename="scene.png",
            metadata={"kind": "scene", "width": width, "height": height},
        )
        created.append(scene_image)
        preview = _lettered_preview(scene, page, panels)
        if preview:
            created.append(
                image_create(
                    artifact=spec_row,
                    content=preview,
                    filename="scene-lettered.png",
                    metadata={"kind": "lettered_preview", "width": width, "height": height},
                )
            )
        return {
            "provider": provider.name,
            "scene_image": {
                "image_id": str(scene_image.pk),
                "url": scene_image.image_url,
                "width": width,
                "height": height,
            },
            "panels": panels,
            "lettered": False,
        }

    with transaction.atomic():
        result = produce(
            ctx,
            node="render_panels",
            scene=scene,
            type=ArtifactType.RENDER_RESULT,
            inputs={"spec": spec["artifact_id"], "provider": provider.name},
            make=make,
        )
        Image.objects.filter(pk__in=[image.pk for image in created]).update(artifact=result)
    return {"artifacts": {**state["artifacts"], ArtifactType.RENDER_RESULT: ref(result)}}


def _lettered_preview(scene, page: bytes, panels: list[dict]) -> bytes | None:
    """The scene with its DialogueLayer's bubbles lettered on top, for review; the scene image itself
    stays clean so that edited bubbles can be lettered again at export."""
    layer = DialogueLayer.objects.filter(scene=scene).first()
    if layer is None or not layer.bubbles:
        return None
    with PILImage.open(io.BytesIO(page)) as opened:
        image = opened.convert("RGB")
    letter_image(image, layer.bubbles, panels)
    return to_png(image)
