import copy

import factory

from artifacts.models import Artifact, ArtifactType, GraphRun, Image
from projects.factories import SceneFactory, StoryFactory

SCENE_IMAGE_ID = "7d0c6f0e-3f5a-4d55-9a53-1f3e9b0c2a11"
PANEL_IMAGE_ID = "a1f8c2d4-5b6e-4f70-8a91-b2c3d4e5f607"

_PLANNED_PANELS = [
    {
        "panel_index": 0,
        "shot": "establishing",
        "framing": "extreme_wide",
        "focus": "the lighthouse",
        "characters": [],
        "action": "waves break on the rocks below the tower",
        "weight": 0.3,
        "dialogue": [],
        "narration": "The light had been dark for ten years.",
    },
    {
        "panel_index": 1,
        "shot": "emotion_closeup",
        "framing": "close_up",
        "focus": "Mina's face",
        "characters": ["CHAR_MINA"],
        "action": "Mina looks up at the lamp",
        "weight": 0.7,
        "dialogue": [{"speaker": "CHAR_MINA", "text": "Who lit it?"}],
        "narration": "",
    },
]

# One realistic, valid payload per artifact type (docs/contracts.md), for tests across the apps.
SAMPLE_PAYLOADS = {
    ArtifactType.SCENE_INTENT: {
        "summary": "Mina climbs the lighthouse stairs and finds the lamp already lit.",
        "location": "lighthouse stairwell",
        "time_of_day": "night",
        "mood": "tense",
        "characters": ["CHAR_MINA"],
        "pace": "slow",
        "emotional_peak": "the lamp is lit",
        "_meta": {"strategy": "rules", "latency_ms": 3},
    },
    ArtifactType.PANEL_PLAN: {
        "panels": _PLANNED_PANELS,
        "_meta": {
            "strategy": "llm",
            "model": "gpt-4o-mini",
            "prompt_version": "panel_plan.v1",
            "latency_ms": 1840,
            "tokens": {"prompt": 812, "completion": 240},
        },
    },
    ArtifactType.PANEL_PLAN_NORMALIZED: {
        "panels": _PLANNED_PANELS,
        "corrections": ["panel 1: weight raised to 0.7 for the emotional peak"],
    },
    ArtifactType.LAYOUT_TEMPLATE: {
        "template_id": "two_stack_tall",
        "panel_count": 2,
        "panels": [
            {"panel_index": 0, "x": 0.0, "y": 0.0, "w": 1.0, "h": 0.4},
            {"panel_index": 1, "x": 0.1, "y": 0.45, "w": 0.8, "h": 0.55},
        ],
        "aspect_ratio": 2.5,
        "reason": "an establishing shot above a close-up",
    },
    ArtifactType.PANEL_SEMANTICS: {
        "panels": [
            {
                "panel_index": 0,
                "shot": "establishing",
                "framing": "extreme_wide",
                "camera": "low angle from the shore",
                "characters": [],
                "environment": "a stone lighthouse on black rocks, storm clouds",
                "action": "waves break on the rocks",
                "mood": "ominous",
                "mood_color": "#1f2a44",
                "dialogue": [],
                "narration": "The light had been dark for ten years.",
            },
            {
                "panel_index": 1,
                "shot": "emotion_closeup",
                "framing": "close_up",
                "camera": "eye level",
                "characters": [
                    {
                        "code": "CHAR_MINA",
                        "name": "Mina",
                        "variant_id": None,
                        "pose": "head tilted up",
                        "expression": "wide-eyed",
                    }
                ],
                "environment": "lamp room, warm light from above",
                "action": "Mina looks up at the lamp",
                "mood": "awe",
                "mood_color": "#f2c14e",
                "dialogue": [{"speaker": "CHAR_MINA", "text": "Who lit it?"}],
                "narration": "",
            },
        ]
    },
    ArtifactType.RENDER_SPEC: {
        "style": {"preset_id": None, "name": "Clean webtoon", "decided_by": "system"},
        "panels": [
            {
                "panel_index": 0,
                "prompt": "stone lighthouse on black rocks at night, storm clouds, webtoon style",
                "negative_prompt": "text, watermark",
                "width": 800,
                "height": 480,
                "reference_image_urls": [],
                "seed": 1234,
            },
            {
                "panel_index": 1,
                "prompt": "close-up of a young woman looking up, warm light, webtoon style",
                "negative_prompt": "text, watermark",
                "width": 640,
                "height": 660,
                "reference_image_urls": ["/media/characters/mina/front.png"],
                "seed": 1235,
            },
        ],
    },
    ArtifactType.RENDER_RESULT: {
        "provider": "storyboard",
        "scene_image": {"image_id": SCENE_IMAGE_ID, "url": "/media/renders/s/scene.png", "width": 800, "height": 2000},
        "panels": [
            {
                "panel_index": 0,
                "image_id": PANEL_IMAGE_ID,
                "url": "/media/renders/s/panel-0.png",
                "x": 0,
                "y": 0,
                "width": 800,
                "height": 800,
                "keep_clear": [[0.3333, 0.4, 0.6667, 0.445]],
            }
        ],
        "lettered": False,
    },
    ArtifactType.QC_REPORT: {
        "passed": False,
        "enforced": True,
        "metrics": {"closeup_ratio": 0.5, "panel_count": 2},
        "issues": [
            {"rule": "dialogue_overflow", "severity": "warning", "message": "line too long", "panel_index": 1},
            {"rule": "establishing_first", "severity": "info", "message": "ok", "panel_index": None},
        ],
    },
    ArtifactType.BLIND_TEST_REPORT: {
        "reconstructed_summary": "A woman finds a lit lamp in an abandoned lighthouse.",
        "score": 0.82,
        "gaps": ["who lit the lamp is not shown"],
        "passed": True,
    },
    ArtifactType.DIALOGUE_SUGGESTIONS: {
        "lines": [
            {"speaker": "CHAR_MINA", "text": "Who lit it?", "kind": "speech", "panel_index": 1},
            {"speaker": None, "text": "CRASH", "kind": "sfx", "panel_index": 0},
        ]
    },
    ArtifactType.VISUAL_PLAN: {
        "beats": [
            {
                "beat_index": 0,
                "description": "the dark lighthouse",
                "importance": "medium",
                "weight": 0.3,
                "characters": [],
            },
            {
                "beat_index": 1,
                "description": "Mina sees the lamp is lit",
                "importance": "critical",
                "weight": 0.9,
                "characters": ["CHAR_MINA"],
            },
        ]
    },
}

SAMPLE_BUBBLES = [
    {
        "bubble_id": "b1",
        "panel_index": 1,
        "type": "speech",
        "speaker": "CHAR_MINA",
        "text": "Who lit it?",
        "x": 0.3,
        "y": 0.2,
        "tail_x": 0.45,
        "tail_y": 0.5,
    },
    {
        "bubble_id": "b2",
        "panel_index": 0,
        "type": "narration",
        "speaker": None,
        "text": "Ten years.",
        "x": 0.5,
        "y": 0.1,
    },
]


def sample_payload(type: str) -> dict:
    """A fresh copy of the sample payload of `type`: callers may mutate it."""
    return copy.deepcopy(SAMPLE_PAYLOADS[type])


class ArtifactFactory(factory.django.DjangoModelFactory):
    """Writes rows directly (no versioning service): tests of broken data use it to make them."""

    class Meta:
        model = Artifact

    scene = factory.SubFactory(SceneFactory)
    type = ArtifactType.SCENE_INTENT
    version = 1
    payload = factory.LazyAttribute(lambda artifact: sample_payload(artifact.type))


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    artifact = factory.SubFactory(ArtifactFactory, type=ArtifactType.RENDER_RESULT)
    image_url = factory.Sequence(lambda n: f"/media/images/panel-{n}.png")
    metadata = factory.LazyFunction(lambda: {"width": 800, "height": 600, "panel_index": 0})


class GraphRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraphRun

    graph = GraphRun.Graph.STORY_BUILD
    story = factory.SubFactory(StoryFactory)
    parameters = factory.LazyFunction(lambda: {"mode": "full", "max_scenes": 6})
