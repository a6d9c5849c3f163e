import io
import uuid

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageDraw

from artifacts.models import ArtifactType, Image
from artifacts.schemas import validate_bubbles
from artifacts.services import artifact_version_create
from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from projects.factories import SceneFactory, StoryFactory
from projects.models import DialogueLayer, Scene


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    story = factory.SubFactory(StoryFactory)
    title = factory.Sequence(lambda n: f"Episode {n}")


class EpisodeSceneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EpisodeScene

    episode = factory.SubFactory(EpisodeFactory)
    scene = factory.SubFactory(SceneFactory, story=factory.SelfAttribute("..episode.story"))
    order_index = factory.Sequence(lambda n: n)


class EpisodeAssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EpisodeAsset

    episode = factory.SubFactory(EpisodeFactory)
    asset_type = EpisodeAsset.AssetType.COVER
    asset_id = factory.Faker("uuid4", cast_to=None)


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    episode = factory.SubFactory(EpisodeFactory)
    format = ExportJob.Format.WEBTOON


def draw_storyboard(*, width: int, panel_heights: list[int], gap: int, label: str) -> tuple[bytes, list[dict]]:
    """A storyboard-like scene image (panels stacked with white gaps) as PNG bytes, and the pixel
    boxes of its panels in the render_result shape."""
    height = sum(panel_heights) + gap * (len(panel_heights) + 1)
    picture = PILImage.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    panels, top = [], gap
    for index, panel_height in enumerate(panel_heights):
        box = (gap, top, width - gap, top + panel_height)
        shade = 150 + (index * 37) % 90
        draw.rectangle(box, fill=(shade, 200, 255 - shade // 2), outline="black", width=3)
        ground = top + panel_height * 3 // 4
        draw.line((gap, ground, width - gap, ground), fill="black", width=2)
        for figure in range(2):
            centre = gap + (width - 2 * gap) * (figure + 1) // 3
            draw.ellipse((centre - 20, ground - 120, centre + 20, ground - 80), outline="black", width=3)
            draw.rectangle((centre - 25, ground - 80, centre + 25, ground), outline="black", width=3)
        draw.text((gap + 10, top + 10), f"{label} / panel {index + 1}", fill="black")
        panels.append(
            {"panel_index": index, "x": box[0], "y": box[1], "width": box[2] - box[0], "height": panel_height}
        )
        top += panel_height + gap
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue(), panels


def default_bubbles(panel_count: int) -> list[dict]:
    kinds = ["speech", "thought", "narration", "sfx"]
    return [
        {
            "bubble_id": f"b{index}",
            "panel_index": index,
            "type": kinds[index % len(kinds)],
            "speaker": "CHAR_A",
            "text": ["Is anyone there?", "누군가 있을 거야.", "The storm rolled in.", "쾅!"][index % len(kinds)],
            "x": 0.5,
            "y": 0.3,
            "tail_x": 0.33,
            "tail_y": 0.6,
        }
        for index in range(panel_count)
    ]


def rendered_scene(
    *,
    scene: Scene | None = None,
    story=None,
    width: int = 400,
    panel_heights: tuple[int, ...] = (300, 300),
    gap: int = 20,
    bubbles: list[dict] | None = None,
) -> Scene:
    """A scene with a new render_result version (through the artifact service, so the payload
    follows the contract), its Image row with a real PNG file in storage, and a DialogueLayer:
    what an export reads."""
    scene = scene or SceneFactory(**({"story": story} if story is not None else {}))
    data, panels = draw_storyboard(
        width=width, panel_heights=list(panel_heights), gap=gap, label=f"scene {scene.scene_index + 1}"
    )
    name = default_storage.save(f"renders/{scene.story_id}/{scene.pk}/scene.png", ContentFile(data))
    url = default_storage.url(name)
    image_id = uuid.uuid4()
    height = sum(panel_heights) + gap * (len(panel_heights) + 1)
    artifact = artifact_version_create(
        scene=scene,
        type=ArtifactType.RENDER_RESULT,
        payload={
            "provider": "storyboard",
            "scene_image": {"image_id": str(image_id), "url": url, "width": width, "height": height},
            "panels": [{**panel, "image_id": str(image_id), "url": url} for panel in panels],
            "lettered": False,
        },
    )
    Image.objects.create(image_id=image_id, artifact=artifact, file=name, image_url=url, metadata={"width": width})
    bubbles = default_bubbles(len(panels)) if bubbles is None else bubbles
    DialogueLayer.objects.update_or_create(scene=scene, defaults={"bubbles": validate_bubbles(bubbles)})
    return scene


def rendered_episode(*, scenes: int = 2, **scene_options) -> Episode:
    """An episode of `scenes` rendered scenes (see rendered_scene), in story order."""
    episode = EpisodeFactory()
    for index in range(scenes):
        scene = rendered_scene(scene=SceneFactory(story=episode.story, scene_index=index), **scene_options)
        EpisodeScene.objects.create(episode=episode, scene=scene, order_index=index)
    return episode
