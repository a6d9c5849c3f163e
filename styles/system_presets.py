"""The presets every installation ships with (installed by migration 0002_system_presets).

Two trees, one per style_type. Children inherit their parent's config through `effective_config`,
so each entry only states what it changes. Names stay clear of those tests and users commonly pick
(`noir`, `base`, `manhwa`) because global names are unique.
"""

from itertools import count
from typing import Any

_NEGATIVE_BASE = (
    "blurry, lowres, jpeg artifacts, watermark, signature, text, logo, extra fingers, fused fingers, "
    "malformed hands, extra limbs, distorted face, cropped head"
)

SYSTEM_PRESETS: list[dict[str, Any]] = [
    {
        "name": "webtoon-base",
        "style_type": "image",
        "label": "Webtoon base",
        "description": "What every image style shares: vertical-scroll webtoon panels, clean digital inks.",
        "style_config": {
            "prompt": {
                "prefix": "vertical webtoon panel, clean digital line art, consistent character design",
                "suffix": "sharp focus, coherent anatomy, readable silhouettes",
            },
            "negative_prompt": _NEGATIVE_BASE,
            "palette": {
                "primary": "#2f3a56",
                "secondary": "#f2e8dc",
                "accent": "#e07a5f",
                "shadow": "#1c1f2b",
                "highlight": "#fffaf0",
            },
            "line_weight": {"outline_px": 3.0, "detail_px": 1.5, "style": "clean"},
            "lighting": "soft ambient light with gentle cel shading",
            "rendering": {"shading": "cel", "texture": "none", "background_detail": "medium"},
        },
        "children": [
            {
                "name": "soft-webtoon",
                "label": "Soft webtoon",
                "is_default": True,
                "description": "The house look: soft colour, light shading, friendly faces.",
                "style_config": {
                    "prompt": {"prefix": "soft webtoon illustration, gentle colours, expressive eyes"},
                    "palette": {"primary": "#6d8fb3", "accent": "#f4a6a0", "shadow": "#4a5468"},
                    "line_weight": {"outline_px": 2.5, "detail_px": 1.0},
                    "lighting": "diffuse daylight, soft bounce light, low contrast",
                },
                "children": [
                    {
                        "name": "chibi-comedy",
                        "label": "Chibi comedy",
                        "description": "Super-deformed gag panels: big heads, speed lines, bright flats.",
                        "style_config": {
                            "prompt": {
                                "prefix": "chibi comedy webtoon panel, super-deformed proportions, big heads",
                                "suffix": "exaggerated expressions, sweat drops, comic speed lines",
                            },
                            "palette": {"primary": "#ffb347", "secondary": "#fff4d6", "accent": "#ff6f91"},
                            "line_weight": {"outline_px": 3.5, "style": "rounded"},
                            "lighting": "flat bright lighting, no cast shadows",
                            "negative_prompt": _NEGATIVE_BASE + ", realistic proportions, gore, dark mood",
                        },
                    },
                    {
                        "name": "pastel-romance",
                        "label": "Pastel romance",
                        "description": "Romance beats: pastel light, bloom, sparkles and flower motifs.",
                        "style_config": {
                            "prompt": {
                                "prefix": "romance webtoon illustration, pastel colours, dreamy atmosphere",
                                "suffix": "soft bloom, sparkles, delicate hair strands",
                            },
                            "palette": {
                                "primary": "#f7c5cc",
                                "secondary": "#fdf0f3",
                                "accent": "#b5a8e0",
                                "shadow": "#9c8aa5",
                            },
                            "line_weight": {"outline_px": 1.8, "detail_px": 0.8, "style": "fine"},
                            "lighting": "warm backlight, rim light, glowing bokeh",
                        },
                    },
                ],
            },
            {
                "name": "dramatic-manhwa",
                "label": "Dramatic manhwa",
                "description": "Full-colour manhwa drama: strong contrast, cinematic angles.",
                "style_config": {
                    "prompt": {
                        "prefix": "dramatic full-colour manhwa panel, cinematic composition, detailed rendering",
                        "suffix": "intense expressions, dynamic camera angle",
                    },
                    "palette": {"primary": "#1f3b73", "accent": "#c0392b", "shadow": "#0d1321"},
                    "line_weight": {"outline_px": 3.0, "detail_px": 1.2, "style": "tapered"},
                    "lighting": "strong key light with deep shadows, high contrast",
                    "rendering": {"shading": "painted", "background_detail": "high"},
                },
                "children": [
                    {
                        "name": "action-ink",
                        "label": "Action ink",
                        "description": "Fight scenes: heavy brush ink, impact frames, motion blur.",
                        "style_config": {
                            "prompt": {
                                "prefix": "action manhwa panel, heavy brush ink, impact frame",
                                "suffix": "speed lines, motion blur, debris, foreshortening",
                            },
                            "palette": {"primary": "#111111", "secondary": "#f5f5f5", "accent": "#d7263d"},
                            "line_weight": {"outline_px": 4.5, "detail_px": 2.0, "style": "brush"},
                            "lighting": "hard rim light, sparks, high-speed flash",
                        },
                    },
                    {
                        "name": "film-noir",
                        "label": "Noir",
                        "description": "Crime and mystery: near-monochrome, venetian-blind shadows, rain.",
                        "style_config": {
                            "prompt": {
                                "prefix": "film noir webtoon panel, near monochrome, chiaroscuro",
                                "suffix": "venetian blind shadows, wet streets, cigarette smoke haze",
                            },
                            "palette": {
                                "primary": "#1a1a1a",
                                "secondary": "#d9d9d9",
                                "accent": "#a31621",
                                "shadow": "#000000",
                                "highlight": "#f0f0f0",
                            },
                            "lighting": "single hard light source, deep black shadows, low key",
                            "rendering": {"texture": "film grain"},
                        },
                    },
                    {
                        "name": "horror-dread",
                        "label": "Horror",
                        "description": "Horror: desaturated sickly colour, unsettling framing, heavy grain.",
                        "style_config": {
                            "prompt": {
                                "prefix": "horror webtoon panel, unsettling atmosphere, desaturated colours",
                                "suffix": "dutch angle, looming shadows, sense of dread",
                            },
                            "palette": {
                                "primary": "#3b4a3f",
                                "secondary": "#c9c5b1",
                                "accent": "#7a0c0c",
                                "shadow": "#0b0f0c",
                            },
                            "lighting": "underlighting, flickering cold light, heavy darkness",
                            "rendering": {"texture": "heavy grain"},
                            "negative_prompt": _NEGATIVE_BASE + ", cheerful, bright colours, cute",
                        },
                    },
                ],
            },
            {
                "name": "watercolour",
                "label": "Watercolour",
                "description": "Quiet stories: wet-on-wet washes, paper texture, loose pencil lines.",
                "style_config": {
                    "prompt": {
                        "prefix": "watercolour webtoon illustration, wet-on-wet washes, visible paper texture",
                        "suffix": "loose pencil underdrawing, soft colour bleeding",
                    },
                    "palette": {"primary": "#5b8e7d", "secondary": "#f4f1de", "accent": "#e9c46a"},
                    "line_weight": {"outline_px": 1.2, "detail_px": 0.6, "style": "pencil"},
                    "lighting": "natural window light, airy and luminous",
                    "rendering": {"shading": "wash", "texture": "cold-press paper"},
                },
            },
        ],
    },
    {
        "name": "story-base",
        "style_type": "story",
        "label": "Story base",
        "description": "Storytelling defaults shared by every story style.",
        "style_config": {
            "prompt": {"tone": "clear visual storytelling, one idea per panel"},
            "pacing": "normal",
            "panels_per_scene": {"min": 3, "max": 8},
            "narration": "sparse",
            "palette": {"mood": "#6d8fb3", "peak": "#e07a5f"},
            "line_weight": {"outline_px": 3.0},
            "lighting": "motivated by the scene's time of day",
            "negative_prompt": "talking heads for more than three panels, unclear geography",
        },
        "children": [
            {
                "name": "slice-of-life",
                "label": "Slice of life",
                "is_default": True,
                "description": "Everyday moments: slow pacing, lingering reaction panels.",
                "style_config": {
                    "prompt": {"tone": "warm everyday moments, small gestures, quiet humour"},
                    "pacing": "slow",
                    "panels_per_scene": {"min": 4, "max": 10},
                    "palette": {"mood": "#f2cc8f"},
                    "lighting": "soft daylight, golden hour for emotional beats",
                },
            },
            {
                "name": "suspense-thriller",
                "label": "Suspense thriller",
                "description": "Tension: short panels, cliffhanger endings, withheld information.",
                "style_config": {
                    "prompt": {"tone": "mounting tension, withheld information, cliffhanger reveals"},
                    "pacing": "fast",
                    "panels_per_scene": {"min": 3, "max": 6},
                    "narration": "minimal",
                    "palette": {"mood": "#22223b", "peak": "#c1121f"},
                    "lighting": "low key, hard shadows",
                    "negative_prompt": "comic relief during reveals, bright cheerful backgrounds",
                },
            },
            {
                "name": "romantic-drama",
                "label": "Romantic drama",
                "description": "Emotion first: close-ups, held silences, full-width confession panels.",
                "style_config": {
                    "prompt": {"tone": "emotional close-ups, held silences, longing glances"},
                    "pacing": "slow",
                    "narration": "inner monologue",
                    "palette": {"mood": "#f7c5cc", "peak": "#b5179e"},
                    "lighting": "backlit, soft bloom",
                },
            },
        ],
    },
]


def _flatten(entries, *, parent, style_type, level, counter):
    """Yield (fields, parent_name) in tree order, numbering lft/rght the way mptt's rebuild would."""
    for entry in sorted(entries, key=lambda item: item["name"]):
        fields = {key: value for key, value in entry.items() if key != "children"}
        fields["style_type"] = style_type
        fields["level"] = level
        fields["lft"] = next(counter)
        children = list(
            _flatten(
                entry.get("children", []), parent=entry["name"], style_type=style_type, level=level + 1, counter=counter
            )
        )
        fields["rght"] = next(counter)
        yield fields, parent
        yield from children


def install_system_presets(model) -> int:
    """Insert the missing system presets with their mptt fields; returns how many were created.

    `model` is a historical model inside the migration (no mptt methods there), so lft/rght/level/
    tree_id are set here exactly as `StylePreset.objects.rebuild()` would compute them: roots in
    name order, children in name order. Existing rows are left alone (the install is idempotent).
    """
    if model.objects.filter(is_system=True).exists():
        return 0
    next_tree_id = (model.objects.order_by("-tree_id").values_list("tree_id", flat=True).first() or 0) + 1
    created = {}
    for offset, root in enumerate(sorted(SYSTEM_PRESETS, key=lambda item: item["name"])):
        for fields, parent_name in _flatten(
            [root], parent=None, style_type=root["style_type"], level=0, counter=count(1)
        ):
            preset = model.objects.create(
                **fields,
                tree_id=next_tree_id + offset,
                parent=created.get(parent_name),
                project=None,
                is_system=True,
            )
            created[preset.name] = preset
    return len(created)
