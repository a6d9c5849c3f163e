"""Layout catalogue and selection, episode guardrails, panel rules, QC rules and the critic loop."""

import pytest

from artifacts.models import Artifact, ArtifactType
from artifacts.pipeline import layouts
from artifacts.pipeline.executor import execute_run
from artifacts.pipeline.qc import qc_report
from artifacts.pipeline.rules.planning import normalize
from artifacts.pipeline.rules.script import _location, split_scenes, write_script
from artifacts.tests.pipeline.conftest import SHORT_STORY
from projects.factories import ProjectFactory
from projects.services import story_create, story_generation_start


@pytest.mark.parametrize("count", range(1, 7))
def test_the_catalogue_has_several_geometries_per_panel_count_all_on_the_canvas(count):
    templates = layouts.candidates(count)

    assert len(templates) >= 3
    for template in templates:
        assert template.panel_count == count
        for x, y, w, h in template.boxes:
            assert x >= 0 and y >= 0 and x + w <= 1.0001 and y + h <= 1.0001


def test_more_than_six_panels_get_a_vertical_scroll():
    (template,) = layouts.candidates(9)

    assert template.template_id == "scroll_9" and template.panel_count == 9
    assert layouts.by_id("scroll_9") == template


def test_the_heaviest_panel_gets_the_largest_box():
    template, reason = layouts.rank(weights=[0.3, 0.3, 0.9, 0.3], pace="normal", importance="critical")[0]

    areas = template.areas()
    assert areas.index(max(areas)) == 2
    assert "importance critical" in reason


def test_pace_steers_the_choice():
    fast, _ = layouts.rank(weights=[0.5, 0.5], pace="fast", importance="low")[0]
    slow, _ = layouts.rank(weights=[0.5, 0.5], pace="slow", importance="low")[0]

    assert fast.pace == "fast" and slow.template_id != fast.template_id


def test_excluded_templates_are_not_offered():
    ranked = layouts.rank(weights=[0.5, 0.5, 0.5], pace="normal", importance="low", exclude=("three_stack",))

    assert "three_stack" not in [template.template_id for template, _ in ranked]


def test_a_third_consecutive_use_of_a_template_is_found():
    assert layouts.repeated_runs(["a", "a", "a", "b", "b", "b", "b"]) == [2, 5, 6]
    assert layouts.repeated_runs(["a", "a", "b", "a", "a"]) == []


def _plan(framings, shots=None):
    shots = shots or ["action"] * len(framings)
    return {
        "panels": [
            {
                "panel_index": i,
                "shot": shot,
                "framing": framing,
                "focus": "",
                "characters": [],
                "action": "x",
                "weight": 0.5,
                "dialogue": [],
                "narration": "",
            }
            for i, (framing, shot) in enumerate(zip(framings, shots, strict=True))
        ]
    }


def test_normalisation_breaks_three_identical_framings_and_caps_close_ups():
    normalized = normalize(_plan(["close_up"] * 4), changes_place=False)

    framings = [panel["framing"] for panel in normalized["panels"]]
    assert not any(framings[i] == framings[i - 1] == framings[i - 2] for i in range(2, len(framings)))
    assert sum(framing in ("close_up", "extreme_close_up") for framing in framings) <= 2
    assert normalized["corrections"]


def test_normalisation_puts_an_establishing_shot_first_when_the_place_changes():
    plan = _plan(["medium", "wide", "extreme_wide"], ["action", "reaction", "establishing"])

    normalized = normalize(plan, changes_place=True)

    assert normalized["panels"][0]["shot"] == "establishing"
    assert [panel["panel_index"] for panel in normalized["panels"]] == [0, 1, 2]


def _semantics(panels):
    base = {
        "shot": "action",
        "framing": "medium",
        "camera": "",
        "characters": [],
        "environment": "pier",
        "action": "",
        "mood": "calm",
        "mood_color": "#8fb9a8",
        "dialogue": [],
        "narration": "",
    }
    return {"panels": [{**base, "panel_index": i, **panel} for i, panel in enumerate(panels)]}


def test_qc_passes_a_balanced_scene():
    report = qc_report(
        _semantics(
            [
                {"shot": "establishing", "framing": "wide"},
                {"dialogue": [{"speaker": None, "text": "Hi."}]},
                {"narration": "Later."},
                {"framing": "close_up"},
            ]
        ),
        enforced=False,
    )

    assert report["passed"], report["issues"]
    assert report["metrics"]["dialogue_ratio"] == 0.25


def test_qc_names_every_broken_rule():
    talk = {
        "dialogue": [{"speaker": None, "text": " ".join(["word"] * 16)}],
        "narration": "a caption of ten words that push it right over",
        "framing": "close_up",
    }
    report = qc_report(_semantics([talk, talk, talk, {"shot": "establishing", "environment": " "}]), enforced=False)

    rules = {issue["rule"] for issue in report["issues"]}
    assert rules == {
        "dialogue_ratio",
        "narration_ratio",
        "words_per_line",
        "words_per_panel",
        "close_up_ratio",
        "repeated_framing",
        "establishing_environment",
    }
    assert not report["passed"] and not report["enforced"]


def test_enforced_qc_makes_every_issue_an_error():
    talk = {"dialogue": [{"speaker": None, "text": "Hello there."}]}

    report = qc_report(_semantics([talk, talk]), enforced=True)

    assert report["enforced"] and not report["passed"]
    assert {issue["severity"] for issue in report["issues"]} == {"error"}


def test_scene_breaks_follow_markers_and_time_shifts_and_keep_the_budget():
    text = SHORT_STORY + "\n\nThe next morning Hana opened the shop.\n\nShe smiled at the first customer.\n"
    beats = write_script(text=text, quotes=[], characters=[{"name": "Hana", "aliases": []}])["beats"]

    assert [beat["beat_index"] for beat in beats if beat["scene_break"]] == [3, 5]
    assert len(split_scenes(beats=beats, max_scenes=8)["scenes"]) == 3
    budget = split_scenes(beats=beats, max_scenes=2)["scenes"]
    assert len(budget) == 2
    assert sorted(index for scene in budget for index in scene["beat_indexes"]) == list(range(len(beats)))


SAME_SCENES = "\n\n***\n\n".join(
    f"Mina walked along the pier number {n}. The wind was cold and the sea was grey." for n in range(1, 6)
)


@pytest.mark.django_db
def test_no_three_consecutive_scenes_share_a_layout_template(build):
    story, _ = build(SAME_SCENES, render=False, panel_count=2)

    templates = [
        Artifact.objects.filter(scene=scene, type=ArtifactType.LAYOUT_TEMPLATE).latest("version").payload["template_id"]
        for scene in story.scenes.order_by("scene_index")
    ]
    assert len(templates) == 5
    assert layouts.repeated_runs(templates) == []


@pytest.mark.django_db
def test_a_hero_scene_is_made_single_panel_on_request(build, lighthouse_text):
    story, _ = build(lighthouse_text, render=False, hero_scene=True)

    counts = [
        Artifact.objects.filter(scene=scene, type=ArtifactType.LAYOUT_TEMPLATE).latest("version").payload["panel_count"]
        for scene in story.scenes.all()
    ]
    assert 1 in counts


@pytest.mark.django_db
def test_the_critic_loop_stops_after_max_retries(build, lighthouse_text):
    # One panel per scene cannot carry a whole scene: the blind test keeps failing.
    story, run = build(lighthouse_text, render=False, panel_count=1, max_retries=2)

    assert run.status == "completed"
    failed = 0
    for scene in story.scenes.all():
        reports = Artifact.objects.filter(scene=scene, type=ArtifactType.BLIND_TEST_REPORT).order_by("version")
        if reports.first().payload["passed"]:
            continue
        failed += 1
        # Two rewrites, each read back again, and the scene is left as the last round made it.
        rewrites = Artifact.objects.filter(scene=scene, type=ArtifactType.VISUAL_PLAN, created_by="pipeline:critic")
        assert rewrites.count() == 2
        assert reports.count() == 3
        assert reports.last().payload["gaps"]
    assert failed


@pytest.mark.django_db
def test_a_critic_round_grows_the_progress_total_so_the_bar_never_sits_at_its_end(lighthouse_text):
    story = story_create(project=ProjectFactory(), title="A story", source_text=lighthouse_text)
    run = story_generation_start(story=story, parameters={"render": False, "panel_count": 1}, queue=False)
    seen = []

    assert execute_run(run.pk, on_progress=seen.append).status == "completed"

    rounds = Artifact.objects.filter(scene__story=story, created_by="pipeline:critic").count()
    assert rounds > 0
    assert all(progress["step"] < progress["total_steps"] for progress in seen[:-1])
    assert seen[-1]["step"] == seen[-1]["total_steps"]


@pytest.mark.django_db
def test_the_critic_fills_the_gaps_it_can(build, lighthouse_text):
    story, run = build(lighthouse_text, render=False, max_retries=3)

    reports = {
        scene.pk: Artifact.objects.filter(scene=scene, type=ArtifactType.BLIND_TEST_REPORT).latest("version").payload
        for scene in story.scenes.all()
    }
    assert all(report["passed"] for report in reports.values()), reports


@pytest.mark.parametrize(
    "paragraph, place",
    [
        ("수아는 낡은 우산을 들고 정거장에 서 있었다.", "정거장"),  # 산 inside 우산 is an umbrella
        ("그는 방금 돌아왔다.", ""),  # 방 inside 방금 is "just now"
        ("두 사람은 산에서 내려왔다.", "산"),
        ("The harbor master walked in.", ""),
        ("Rain beat on the bakery windows.", "bakery"),
    ],
)
def test_a_place_is_a_whole_word(paragraph, place):
    assert _location(paragraph) == place


def test_a_place_or_time_someone_only_talks_about_does_not_set_the_scene():
    text = 'Elias bent over the clock in his shop. "I passed the station the night he died," he said.'
    start = text.index('"')
    quote = {"start": start, "end": text.index('"', start + 1) + 1, "speaker": "Elias"}
    quote["text"] = text[quote["start"] : quote["end"]]
    beats = write_script(text=text, quotes=[quote], characters=[{"name": "Elias", "aliases": []}])["beats"]
    assert (beats[0]["location"], beats[0]["time_of_day"]) == ("shop", "")
