"""The network providers against a local server speaking the real wire formats."""

import io
import json

import pytest
from PIL import Image

from artifacts.models import GraphRun
from artifacts.providers.exceptions import ProviderError
from artifacts.providers.images.network import GeminiImageProvider, OpenAIImageProvider
from artifacts.providers.llm.gemini import GeminiProvider
from artifacts.providers.llm.openai import OpenAIProvider
from artifacts.providers.stub_server import gemini_reply, openai_reply
from projects.models import Story

INTENT = {
    "summary": "Mina finds the lamp broken.",
    "location": "lighthouse",
    "time_of_day": "night",
    "mood": "tense",
    "characters": ["CHAR_A"],
    "pace": "slow",
    "emotional_peak": "",
}
BRIEF = {"brief": {"title": "x", "source_text": "x", "beats": [], "lines": [], "location": "", "time_of_day": ""}}


def test_openai_asks_for_json_and_returns_a_validated_payload_with_its_meta(stub):
    stub.script(200, openai_reply(json.dumps(INTENT), prompt_tokens=321, completion_tokens=45))
    provider = OpenAIProvider()

    payload = provider.run("scene_intent", BRIEF)

    request = stub.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    assert request["body"]["model"] == "stub-model"
    assert request["body"]["response_format"] == {"type": "json_object"}
    assert payload["summary"] == INTENT["summary"]
    assert payload["_meta"]["strategy"] == "llm" and payload["_meta"]["prompt_version"] == "scene_intent.v1"
    assert payload["_meta"]["tokens"] == {"prompt": 321, "completion": 45}
    assert provider.usage["prompt"] == 321


def test_openai_retries_429_and_500_then_succeeds(stub):
    stub.script(429, {"error": {"message": "rate limited"}})
    stub.script(500, {"error": {"message": "boom"}})
    stub.script(200, openai_reply(json.dumps(INTENT)))

    payload = OpenAIProvider().run("scene_intent", BRIEF)

    assert payload["mood"] == "tense"
    assert len(stub.requests) == 3


def test_exhausted_retries_raise_a_clear_provider_error(stub):
    for _ in range(4):
        stub.script(503, {"error": {"message": "overloaded"}})

    with pytest.raises(ProviderError, match="gave up after 4 attempts: HTTP 503"):
        OpenAIProvider().run("scene_intent", BRIEF)

    assert len(stub.requests) == 4


def test_a_timeout_is_retried(stub, settings):
    settings.PROVIDER_TIMEOUT_SECONDS = 0.2
    stub.script(200, openai_reply(json.dumps(INTENT)), delay=1.0)
    stub.script(200, openai_reply(json.dumps(INTENT)))

    assert OpenAIProvider().run("scene_intent", BRIEF)["location"] == "lighthouse"
    assert len(stub.requests) == 2


def test_malformed_json_is_repaired(stub):
    broken = (
        '```json\n{"summary": "Mina finds the lamp broken.", "location": "lighthouse", "time_of_day": "night",'
        ' "mood": "tense", "characters": ["CHAR_A"], "pace": "slow",}\n```'
    )
    stub.script(200, openai_reply(broken))

    payload = OpenAIProvider().run("scene_intent", BRIEF)

    assert payload["pace"] == "slow" and payload["emotional_peak"] == ""
    assert len(stub.requests) == 1


def test_an_answer_off_the_schema_is_retried_then_refused(stub):
    for _ in range(4):
        stub.script(200, openai_reply(json.dumps({**INTENT, "pace": "sideways"})))

    with pytest.raises(ProviderError, match="does not fit its schema"):
        OpenAIProvider().run("scene_intent", BRIEF)


def test_a_body_that_is_not_json_is_retried(stub):
    stub.script(200, "<html>gateway</html>")
    stub.script(200, openai_reply(json.dumps(INTENT)))

    assert OpenAIProvider().run("scene_intent", BRIEF)["mood"] == "tense"


def test_a_refused_request_is_not_retried(stub):
    stub.script(401, {"error": {"message": "bad key"}})

    with pytest.raises(ProviderError, match="HTTP 401"):
        OpenAIProvider().run("scene_intent", BRIEF)

    assert len(stub.requests) == 1


def test_gemini_speaks_generate_content_and_retries(stub):
    stub.script(429, {"error": {"code": 429}})
    stub.script(200, gemini_reply(json.dumps(INTENT), prompt_tokens=7, completion_tokens=3))
    provider = GeminiProvider()

    payload = provider.run("scene_intent", BRIEF)

    request = stub.requests[-1]
    assert request["path"].endswith("/models/gemini-2.0-flash:generateContent")
    assert request["headers"]["x-goog-api-key"] == "gm-test"
    assert request["body"]["generationConfig"]["responseMimeType"] == "application/json"
    assert payload["_meta"]["tokens"] == {"prompt": 7, "completion": 3}


@pytest.mark.parametrize("provider_class", [OpenAIImageProvider, GeminiImageProvider])
def test_image_providers_return_a_png_of_the_panel_size(stub, provider_class):
    stub.script(500, {"error": "busy"})

    content = provider_class().render_panel(semantics={}, width=300, height=200, style={}, prompt="a pier")

    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "PNG" and image.size == (300, 200)
    assert len(stub.requests) == 2


@pytest.mark.django_db
def test_a_story_builds_against_an_openai_compatible_server(stub, settings, build):
    settings.LLM_PROVIDER = "openai"

    story, run = build(render=False)

    assert run.status == GraphRun.Status.COMPLETED, run.error
    assert run.provider == "openai"
    assert run.token_counts["prompt"] > 0 and run.token_counts["calls"] >= 4
    assert story.scenes.count() == 2


@pytest.mark.django_db
def test_exhausted_retries_fail_the_run_in_the_first_node_without_a_rules_fallback(stub, settings, build):
    settings.LLM_PROVIDER = "openai"
    settings.PROVIDER_MAX_RETRIES = 1
    # Two attempts each: characters and their looks fall back to the rules, the script has no fallback.
    for _ in range(6):
        stub.script(500, {"error": "down"})

    story, run = build()

    assert run.status == GraphRun.Status.FAILED
    assert run.failed_node == "write_script"
    extraction = run.checkpoint["extract_characters:0"]["meta"]["extract_characters"]
    assert extraction["strategy"] == "rules" and "gave up after 2 attempts" in extraction["fallback"]
    assert "openai: gave up after 2 attempts" in run.error
    assert story.generation_status == Story.GenerationStatus.FAILED
    assert not story.scenes.exists()
