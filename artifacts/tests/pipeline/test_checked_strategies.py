"""The LLM strategies whose answers the rules check, against a local server speaking the real protocols:
what the LLM gets right is kept, what it invents or misses comes from the rules, and `_meta` says which."""

import json

import pytest

from artifacts.models import ArtifactType, GraphRun
from artifacts.pipeline.brief import scene_brief
from artifacts.pipeline.nodes.panel_semantics import describe_panels
from artifacts.pipeline.rules.looks import character_looks, look_of
from artifacts.pipeline.rules.planning import panel_semantics as describe
from artifacts.pipeline.rules.review import critic as revise
from artifacts.pipeline.rules.understanding import answer_of, quote_inputs
from artifacts.pipeline.runtime import PipelineContext
from artifacts.pipeline.store import latest, without_meta
from artifacts.providers.llm.base import render_prompt
from artifacts.providers.llm.gemini import GeminiProvider
from artifacts.providers.llm.offline import OfflineProvider
from artifacts.providers.llm.openai import OpenAIProvider
from artifacts.providers.llm.tasks import TASKS
from artifacts.providers.stub_server import gemini_reply, openai_reply
from artifacts.schemas import validate_payload
from characters.analysis import analyze, never_a_character
from characters.models import Character

TEXT = """Captain Ada Reyes climbed the lighthouse stairs on Tuesday. Tom waited below with the lantern.

"The lamp is out," Reyes said.

"Then we light it by hand," Tom answered.

"Hurry," she said."""


def ask_characters(provider, text=TEXT):
    analysis = analyze(text, "en")
    inputs = {"text": text, "lang": "en", "quotes": quote_inputs(analysis)}
    return provider.run_checked("characters", inputs, rules=answer_of(analysis)), answer_of(analysis)


def reply(stub, answer) -> None:
    stub.script(200, openai_reply(answer if isinstance(answer, str) else json.dumps(answer)))


def names(payload) -> list[str]:
    return [character["name"] for character in payload["characters"]]


def speakers(payload) -> list[str | None]:
    return [entry["speaker"] for entry in payload["speakers"]]


def test_a_character_the_text_never_mentions_is_dropped_and_its_lines_go_back_to_the_analyzer(stub):
    reply(
        stub,
        {
            "characters": [
                {"name": "Ada Reyes", "aliases": ["Reyes", "the admiral"], "gender": "female", "role": "protagonist"},
                {"name": "Zed Morrow", "aliases": ["Zed"], "gender": "male", "role": "secondary"},
                {"name": "Tom", "gender": "male", "role": "secondary"},
            ],
            "speakers": [
                {"quote": 0, "speaker": "Reyes"},
                {"quote": 1, "speaker": "Zed Morrow"},
                {"quote": 2, "speaker": "Ada Reyes"},
            ],
        },
    )

    payload, _ = ask_characters(OpenAIProvider())

    assert names(payload) == ["Ada Reyes", "Tom"]
    reyes = payload["characters"][0]
    # Aliases the text does not use are dropped; the analyzer's forms of the same person are merged in.
    assert "the admiral" not in reyes["aliases"] and "Captain Ada Reyes" in reyes["aliases"]
    assert speakers(payload) == ["Ada Reyes", "Tom", "Ada Reyes"]
    checked = payload["_meta"]["checked"]
    assert payload["_meta"]["strategy"] == "llm" and payload["_meta"]["prompt_version"] == "characters.v1"
    assert checked["characters"]["not_in_text"] == ["Zed Morrow"]
    assert checked["speakers"] == {
        "llm": 2,
        "rules": 1,
        "not_a_character": [{"quote": 1, "speaker": "Zed Morrow"}],
    }


def test_a_day_the_llm_takes_for_a_character_is_dropped_though_the_text_names_it(stub):
    reply(
        stub,
        {
            "characters": [
                {"name": "Tuesday", "gender": "unknown", "role": "minor"},
                {"name": "Ada Reyes", "aliases": ["Reyes"], "gender": "female", "role": "protagonist"},
                {"name": "Tom", "gender": "male", "role": "secondary"},
            ],
            "speakers": [{"quote": 0, "speaker": "Tuesday"}],
        },
    )

    payload, _ = ask_characters(OpenAIProvider())

    assert names(payload) == ["Ada Reyes", "Tom"]
    assert payload["_meta"]["checked"]["characters"]["not_a_person"] == ["Tuesday"]
    # The invalid speaker falls back to the analyzer's, under the LLM's name for the same person.
    assert speakers(payload)[0] == "Ada Reyes"


@pytest.mark.parametrize("name", ["Tuesday", "Christmas", "London", "the French", "서울", "Mr."])
def test_words_no_character_is_called_by(name):
    assert never_a_character(name)


@pytest.mark.parametrize("name", ["Ada Reyes", "the captain", "Tom", "민수", "아내", "Mr. Thorne"])
def test_names_a_character_may_have(name):
    assert not never_a_character(name)


def test_what_the_llm_misses_or_gets_wrong_comes_from_the_analyzer(stub):
    reply(
        stub,
        {
            "characters": [
                {"name": "Tom", "aliases": "Tommy", "gender": "robot", "role": "sidekick"},
                {"aliases": ["nameless"]},
            ],
            "speakers": [{"quote": 1, "speaker": "tom"}, {"quote": "first", "speaker": "Tom"}],
        },
    )

    payload, rules = ask_characters(OpenAIProvider())

    assert names(payload) == ["Tom", "Captain Ada Reyes"]
    tom = payload["characters"][0]
    assert (tom["aliases"], tom["gender"], tom["role"]) == ([], "male", "secondary")
    assert speakers(payload) == speakers(rules) == ["Captain Ada Reyes", "Tom", "Captain Ada Reyes"]
    checked = payload["_meta"]["checked"]
    assert checked["characters"]["rules"] == ["Captain Ada Reyes"] and checked["characters"]["invalid_entries"] == 1
    assert checked["speakers"]["llm"] == 1 and checked["speakers"]["rules"] == 2


def test_the_analyzers_speakers_follow_the_llms_name_for_the_same_person(stub):
    reply(stub, {"characters": [{"name": "Reyes", "gender": "female"}], "speakers": []})

    payload, _ = ask_characters(OpenAIProvider())

    assert names(payload) == ["Reyes", "Tom"]
    assert payload["characters"][0]["aliases"] == ["Captain Ada Reyes"]
    assert speakers(payload) == ["Reyes", "Tom", "Reyes"]


def test_a_hangul_name_is_found_with_its_particles_attached(stub):
    text = '민수가 문을 열었다.\n\n"누구세요?" 민수가 물었다.'
    reply(stub, {"characters": [{"name": "민수", "gender": "male"}], "speakers": [{"quote": 0, "speaker": "민수"}]})

    payload, _ = ask_characters(OpenAIProvider(), text)

    assert "민수" in names(payload)
    assert speakers(payload) == ["민수"]


def test_malformed_json_is_repaired_and_used(stub):
    reply(
        stub,
        '```json\n{"characters": [{"name": "Tom", "gender": "male",},],'
        ' "speakers": [{"quote": 1, "speaker": "Tom"}\n```',
    )

    payload, _ = ask_characters(OpenAIProvider())

    assert payload["_meta"]["strategy"] == "llm"
    assert names(payload)[0] == "Tom"
    assert len(stub.requests) == 1


def test_an_answer_that_is_no_json_at_all_is_retried_then_the_analyzer_answers(stub, settings):
    settings.PROVIDER_MAX_RETRIES = 1
    for _ in range(2):
        reply(stub, "Sorry, I cannot help with that.")

    payload, rules = ask_characters(OpenAIProvider())

    assert {key: payload[key] for key in ("characters", "speakers")} == rules
    assert payload["_meta"]["strategy"] == "rules"
    assert "gave up after 2 attempts" in payload["_meta"]["fallback"]
    assert len(stub.requests) == 2


def test_429_is_retried_and_the_next_answer_is_used(stub):
    stub.script(429, {"error": {"message": "rate limited"}})
    reply(stub, {"characters": [{"name": "Tom"}], "speakers": []})

    payload, _ = ask_characters(OpenAIProvider())

    assert payload["_meta"]["strategy"] == "llm"
    assert len(stub.requests) == 2


def test_timeouts_are_retried_and_then_the_analyzer_answers(stub, settings):
    settings.PROVIDER_TIMEOUT_SECONDS = 0.2
    settings.PROVIDER_MAX_RETRIES = 1
    for _ in range(2):
        stub.script(200, openai_reply(json.dumps({"characters": [{"name": "Tom"}]})), delay=1.0)

    payload, rules = ask_characters(OpenAIProvider())

    assert payload["_meta"]["strategy"] == "rules" and "timed out" in payload["_meta"]["fallback"]
    assert payload["characters"] == rules["characters"]
    assert len(stub.requests) == 2


def test_a_refused_request_is_not_retried_and_the_analyzer_answers(stub):
    stub.script(401, {"error": {"message": "bad key"}})

    payload, _ = ask_characters(OpenAIProvider())

    assert payload["_meta"]["strategy"] == "rules" and "HTTP 401" in payload["_meta"]["fallback"]
    assert len(stub.requests) == 1


def test_gemini_answers_a_checked_task_too(stub):
    stub.script(200, gemini_reply(json.dumps({"characters": [{"name": "Zed"}, {"name": "Tom"}], "speakers": []})))

    payload, _ = ask_characters(GeminiProvider())

    assert names(payload) == ["Tom", "Captain Ada Reyes"]
    assert stub.requests[0]["path"].endswith(":generateContent")


def test_offline_the_rules_answer_is_returned_unchanged():
    payload, rules = ask_characters(OfflineProvider())

    assert {key: payload[key] for key in ("characters", "speakers")} == rules
    assert payload["_meta"]["strategy"] == "rules"


def test_looks_keep_short_details_of_listed_characters_and_the_rules_fill_the_rest(stub):
    people = [
        {"name": "Captain Ada Reyes", "aliases": ["Reyes"], "gender": "female"},
        {"name": "Tom", "aliases": [], "gender": "male"},
    ]
    reply(
        stub,
        {
            "characters": [
                {"name": "Reyes", "hair": "  grey  braid ", "outfit": "a coat " * 60, "build": "tall"},
                {"name": "The Keeper", "hair": "white beard"},
            ]
        },
    )
    inputs = {"text": TEXT, "characters": people}

    payload = OpenAIProvider().run_checked("character_looks", inputs, rules=character_looks(**inputs))

    reyes, tom = payload["characters"]
    assert reyes == {**look_of("Captain Ada Reyes"), "hair": "grey braid", "build": "tall"}
    assert tom == look_of("Tom")
    assert payload["_meta"]["checked"]["llm"] == {"Captain Ada Reyes": ["hair", "build"]}
    assert payload["_meta"]["checked"]["not_listed"] == ["The Keeper"]


def test_the_critic_may_reweigh_beats_but_not_sink_one_that_holds_a_gap(stub):
    plan = {
        "beats": [
            {"beat_index": 0, "description": "Tom lit the lamp.", "importance": "low", "weight": 0.3, "characters": []},
            {"beat_index": 1, "description": "A gull cried.", "importance": "medium", "weight": 0.5, "characters": []},
            {"beat_index": 2, "description": "Waves.", "importance": "low", "weight": 0.2, "characters": []},
        ]
    }
    reply(stub, {"beats": [{"beat_index": 0, "weight": 0.4}, {"beat_index": 1, "weight": 0.1}, {"beat_index": 9}]})
    inputs = {"visual_plan": plan, "gaps": ["lamp"]}

    payload = OpenAIProvider().run_checked("critic", inputs, rules=revise(**inputs))

    assert [(beat["weight"], beat["importance"]) for beat in payload["beats"]] == [
        (0.8, "critical"),
        (0.1, "low"),
        (0.2, "low"),
    ]
    assert payload["_meta"]["checked"] == {"llm": [1], "rules": [0, 2]}
    validate_payload(ArtifactType.VISUAL_PLAN, payload)


@pytest.mark.django_db
def test_panel_semantics_take_the_llms_descriptions_within_the_plan(stub, build):
    story, _ = build(render=False)
    scene = story.scenes.order_by("scene_index").first()
    plan = without_meta(latest(scene, ArtifactType.PANEL_PLAN_NORMALIZED).payload)
    intent = without_meta(latest(scene, ArtifactType.SCENE_INTENT).payload)
    brief = scene_brief(scene)
    peopled = next(panel for panel in plan["panels"] if panel["characters"])
    code = peopled["characters"][0]
    assert peopled["panel_index"] != 0  # the establishing panel shows the place alone
    reply(
        stub,
        {
            "panels": [
                {"panel_index": 0, "camera": "slow crane down", "mood": "Joyful", "action": "x" * 300},
                {
                    "panel_index": peopled["panel_index"],
                    "characters": [
                        {"code": code, "pose": "leaning on the counter", "expression": "grinning"},
                        {"code": "CHAR_ZZ", "pose": "hovering"},
                    ],
                },
                {"panel_index": 99, "camera": "nowhere"},
            ]
        },
    )
    ctx = PipelineContext(llm=OpenAIProvider(), images=None, parameters={})

    payload = describe_panels(ctx, brief, intent, plan)

    rules = describe(brief, intent, plan)
    first = payload["panels"][0]
    assert first["camera"] == "slow crane down" and first["mood"] == "joyful" and first["mood_color"] == "#f2c14e"
    assert first["action"] == rules["panels"][0]["action"]
    figure = payload["panels"][peopled["panel_index"]]["characters"][0]
    assert (figure["code"], figure["pose"], figure["expression"]) == (code, "leaning on the counter", "grinning")
    untouched = {0, peopled["panel_index"]}
    assert [p for p in payload["panels"] if p["panel_index"] not in untouched] == [
        p for p in rules["panels"] if p["panel_index"] not in untouched
    ]
    assert [(p["shot"], p["framing"], p["dialogue"]) for p in payload["panels"]] == [
        (p["shot"], p["framing"], p["dialogue"]) for p in rules["panels"]
    ]
    checked = payload["_meta"]["checked"]
    assert checked["llm"]["0"] == ["camera", "mood"]
    assert "panel 99" in checked["ignored"] and f"panel {peopled['panel_index']}: CHAR_ZZ" in checked["ignored"]
    validate_payload(ArtifactType.PANEL_SEMANTICS, payload)


@pytest.mark.django_db
def test_a_story_built_against_an_llm_keeps_only_characters_of_the_text(stub, settings, build):
    settings.LLM_PROVIDER = "openai"
    reply(
        stub,
        {
            "characters": [
                {"name": "Hana", "gender": "female", "role": "protagonist"},
                {"name": "Detective Park", "gender": "male", "role": "secondary"},
            ],
            "speakers": [{"quote": 0, "speaker": "Detective Park"}, {"quote": 1, "speaker": "Hana"}],
        },
    )
    reply(stub, {"characters": [{"name": "Hana", "hair": "flour-dusted black bun", "outfit": "baker's whites"}]})

    story, run = build(render=False)

    assert run.status == GraphRun.Status.COMPLETED, run.error
    characters = {character.name: character for character in Character.objects.filter(story_links__story=story)}
    assert set(characters) == {"Hana", "Minho"}
    assert characters["Hana"].hair_description == "flour-dusted black bun"
    assert characters["Minho"].hair_description == look_of("Minho")["hair"]
    extraction = run.checkpoint["extract_characters:0"]
    assert [quote["speaker"] for quote in extraction["quotes"][:2]] == ["Minho", "Hana"]
    meta = run.checkpoint["normalize_characters:0"]["meta"]
    assert meta["extract_characters"]["checked"]["characters"] == {
        "llm": ["Hana"],
        "rules": ["Minho"],
        "not_in_text": ["Detective Park"],
        "not_a_person": [],
        "invalid_entries": 0,
    }
    assert meta["normalize_characters"]["checked"]["llm"] == {"Hana": ["hair", "outfit"]}
    semantics = latest(story.scenes.order_by("scene_index").first(), ArtifactType.PANEL_SEMANTICS)
    assert semantics.payload["_meta"]["strategy"] == "llm"


def test_every_task_has_a_versioned_prompt_whose_first_line_names_it_alone():
    heads = [render_prompt(task, {}).split("\n", 1)[0] for task in TASKS]

    assert len(set(heads)) == len(TASKS)
    assert all("{{inputs}}" not in render_prompt(task, {}) for task in TASKS)
