import hashlib

from artifacts.models import ArtifactType
from artifacts.pipeline.brief import story_cast
from artifacts.pipeline.exceptions import PipelineError
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import latest, produce, ref
from characters.models import CharacterReferenceImage
from projects.models import Scene

SCENE_WIDTH = 800
GUTTER = 16
NEGATIVE = "text, letters, speech bubbles, captions, watermark, signature, extra limbs, blurry"


@pipeline_node("render_spec", message="Writing one prompt per panel")
def render_spec(state, ctx):
    scene = Scene.objects.select_related("story", "environment").get(pk=state["scene_id"])
    semantics = latest(scene, ArtifactType.PANEL_SEMANTICS)
    layout = latest(scene, ArtifactType.LAYOUT_TEMPLATE)
    if semantics is None or layout is None:
        raise PipelineError(f"Scene {scene.scene_index + 1} is not planned yet: plan it before rendering.")
    cast = {member["code"]: member for member in story_cast(scene.story)}
    references = _reference_urls(scene)
    style = state["style"]

    def make():
        boxes = {box["panel_index"]: box for box in layout.payload["panels"]}
        panels = []
        for panel in semantics.payload["panels"]:
            box = boxes.get(panel["panel_index"]) or boxes[max(boxes)]
            width, height = panel_size(box, layout.payload["aspect_ratio"])
            people = "; ".join(
                f"{cast.get(c['code'], {}).get('identity_line') or c['name']} ({c['pose']}, {c['expression']})"
                for c in panel["characters"]
            )
            prompt = (
                f"{style['name']} style webtoon panel. {panel['shot'].replace('_', ' ')} shot, "
                f"{panel['framing'].replace('_', ' ')} framing, {panel['camera']}. Setting: {panel['environment']}. "
                + (f"Characters: {people}. " if people else "")
                + f"Action: {panel['action']}. Mood: {panel['mood']}, colour {panel['mood_color']}."
            )
            seed = int(hashlib.sha256(f"{scene.pk}:{panel['panel_index']}".encode()).hexdigest()[:8], 16)
            panels.append(
                {
                    "panel_index": panel["panel_index"],
                    "prompt": prompt,
                    "negative_prompt": NEGATIVE,
                    "width": width,
                    "height": height,
                    "reference_image_urls": [url for c in panel["characters"] for url in references.get(c["code"], [])],
                    "seed": seed,
                }
            )
        return {"style": {key: style[key] for key in ("preset_id", "name", "decided_by")}, "panels": panels}

    artifact = produce(
        ctx,
        node="render_spec",
        scene=scene,
        type=ArtifactType.RENDER_SPEC,
        inputs={
            "semantics": str(semantics.pk),
            "layout": str(layout.pk),
            "style": style,
            "cast": cast,
            "references": references,
        },
        make=make,
    )
    return {
        "artifacts": {
            ArtifactType.RENDER_SPEC: ref(artifact),
            ArtifactType.PANEL_SEMANTICS: ref(semantics),
            ArtifactType.LAYOUT_TEMPLATE: ref(layout),
        }
    }


def scene_size(aspect_ratio: float) -> tuple[int, int]:
    return SCENE_WIDTH, int(round(SCENE_WIDTH * aspect_ratio))


def panel_box(box: dict, aspect_ratio: float) -> tuple[int, int, int, int]:
    """The panel's pixel box in the scene image, inside a gutter on every side."""
    width, height = scene_size(aspect_ratio)
    half = GUTTER // 2
    x = int(box["x"] * width) + half
    y = int(box["y"] * height) + half
    return x, y, max(int(box["w"] * width) - GUTTER, 16), max(int(box["h"] * height) - GUTTER, 16)


def panel_size(box: dict, aspect_ratio: float) -> tuple[int, int]:
    return panel_box(box, aspect_ratio)[2:]


def _reference_urls(scene) -> dict[str, list[str]]:
    images = CharacterReferenceImage.objects.filter(
        character__story_links__story=scene.story, is_primary=True
    ).select_related("character")
    found: dict[str, list[str]] = {}
    for image in images:
        url = image.image_url or (image.image_file.url if image.image_file else "")
        if url:
            found.setdefault(image.character.canonical_code, []).append(url)
    return found
