import pytest

from artifacts.exceptions import InvalidPayload
from artifacts.factories import SAMPLE_BUBBLES, SAMPLE_PAYLOADS, sample_payload
from artifacts.models import ArtifactType
from artifacts.schemas import PAYLOAD_SCHEMAS, validate_bubbles, validate_payload


def test_every_artifact_type_has_a_schema():
    assert set(PAYLOAD_SCHEMAS) == set(ArtifactType.values)


@pytest.mark.parametrize("type", ArtifactType.values)
def test_it_accepts_a_realistic_payload_of_every_type_and_keeps_it_unchanged(type):
    payload = sample_payload(type)

    assert validate_payload(type, payload) == payload


def _set(payload, path, value):
    *parents, last = path.split(".")
    target = payload
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


BROKEN = [
    (ArtifactType.SCENE_INTENT, "pace", "glacial"),
    (ArtifactType.SCENE_INTENT, "characters.0", "Mina"),
    (ArtifactType.PANEL_PLAN, "panels.0.shot", "wide"),
    (ArtifactType.PANEL_PLAN, "panels.1.weight", 1.5),
    (ArtifactType.PANEL_PLAN, "panels.1.dialogue.0.text", ""),
    (ArtifactType.PANEL_PLAN_NORMALIZED, "corrections", "not a list"),
    (ArtifactType.LAYOUT_TEMPLATE, "panels.1.h", 0.9),
    (ArtifactType.LAYOUT_TEMPLATE, "panel_count", 3),
    (ArtifactType.PANEL_SEMANTICS, "panels.1.mood_color", "gold"),
    (ArtifactType.PANEL_SEMANTICS, "panels.1.characters.0.variant_id", "not-a-uuid"),
    (ArtifactType.RENDER_SPEC, "style.decided_by", "editor"),
    (ArtifactType.RENDER_SPEC, "panels.0.width", 0),
    (ArtifactType.RENDER_RESULT, "scene_image.image_id", "12"),
    (ArtifactType.RENDER_RESULT, "panels.0.x", -4),
    (ArtifactType.QC_REPORT, "issues.0.severity", "fatal"),
    (ArtifactType.QC_REPORT, "metrics.closeup_ratio", "high"),
    (ArtifactType.BLIND_TEST_REPORT, "score", 82),
    (ArtifactType.DIALOGUE_SUGGESTIONS, "lines.1.kind", "shout"),
    (ArtifactType.VISUAL_PLAN, "beats.1.importance", "urgent"),
    (ArtifactType.VISUAL_PLAN, "beats.0.weight", -0.1),
]


@pytest.mark.parametrize(("type", "path", "value"), BROKEN, ids=[f"{t}:{p}" for t, p, _ in BROKEN])
def test_it_refuses_a_broken_payload_naming_the_field(type, path, value):
    payload = sample_payload(type)
    _set(payload, path, value)

    with pytest.raises(InvalidPayload) as caught:
        validate_payload(type, payload)

    assert list(caught.value.fields) == [path]
    assert path in caught.value.message
    assert caught.value.code == "invalid_payload"


@pytest.mark.parametrize("type", ArtifactType.values)
def test_it_refuses_an_unknown_top_level_key_as_a_typo(type):
    payload = sample_payload(type)
    payload["sumary"] = "typo"

    with pytest.raises(InvalidPayload) as caught:
        validate_payload(type, payload)

    assert list(caught.value.fields) == ["sumary"]


@pytest.mark.parametrize("type", ArtifactType.values)
def test_it_refuses_a_payload_missing_its_main_field(type):
    payload = sample_payload(type)
    required = next(name for name, field in PAYLOAD_SCHEMAS[type].model_fields.items() if field.is_required())
    del payload[required]

    with pytest.raises(InvalidPayload) as caught:
        validate_payload(type, payload)

    assert caught.value.fields == {required: ["Field required"]}


def test_it_refuses_two_panels_with_the_same_index():
    payload = sample_payload(ArtifactType.PANEL_PLAN)
    payload["panels"][1]["panel_index"] = 0

    with pytest.raises(InvalidPayload) as caught:
        validate_payload(ArtifactType.PANEL_PLAN, payload)

    assert caught.value.fields == {"panels": ["item 1: panel_index 0 appears twice"]}


def test_it_refuses_more_than_twelve_panels():
    payload = sample_payload(ArtifactType.PANEL_PLAN)
    payload["panels"] = [dict(payload["panels"][0], panel_index=index) for index in range(13)]

    with pytest.raises(InvalidPayload) as caught:
        validate_payload(ArtifactType.PANEL_PLAN, payload)

    assert list(caught.value.fields) == ["panels"]


def test_meta_is_free_form_but_its_known_keys_are_typed():
    payload = sample_payload(ArtifactType.SCENE_INTENT)
    payload["_meta"] = {"strategy": "llm", "cache_hit": True}
    assert validate_payload(ArtifactType.SCENE_INTENT, payload)["_meta"] == {"strategy": "llm", "cache_hit": True}

    payload["_meta"] = {"tokens": {"prompt": -1}}
    with pytest.raises(InvalidPayload) as caught:
        validate_payload(ArtifactType.SCENE_INTENT, payload)
    assert list(caught.value.fields) == ["_meta.tokens.prompt"]


def test_it_normalises_values_to_json():
    payload = sample_payload(ArtifactType.PANEL_PLAN)
    payload["panels"][0]["weight"] = "0.25"

    assert validate_payload(ArtifactType.PANEL_PLAN, payload)["panels"][0]["weight"] == 0.25


def test_it_refuses_an_unknown_type_and_a_payload_that_is_not_an_object():
    with pytest.raises(InvalidPayload) as caught:
        validate_payload("storyboard", {})
    assert list(caught.value.fields) == ["type"]

    with pytest.raises(InvalidPayload) as caught:
        validate_payload(ArtifactType.SCENE_INTENT, ["summary"])
    assert list(caught.value.fields) == ["payload"]


def test_it_accepts_realistic_bubbles_and_refuses_broken_ones_naming_the_field():
    assert validate_bubbles(SAMPLE_BUBBLES)[1]["tail_x"] is None

    broken = [dict(bubble) for bubble in SAMPLE_BUBBLES]
    broken[1]["x"] = 1.2
    with pytest.raises(InvalidPayload) as caught:
        validate_bubbles(broken)
    assert list(caught.value.fields) == ["1.x"]

    broken = [dict(SAMPLE_BUBBLES[0]), dict(SAMPLE_BUBBLES[0])]
    with pytest.raises(InvalidPayload) as caught:
        validate_bubbles(broken)
    assert caught.value.fields == {"payload": ["item 1: bubble_id b1 appears twice"]}


def test_samples_cover_every_type():
    assert set(SAMPLE_PAYLOADS) == set(ArtifactType.values)
