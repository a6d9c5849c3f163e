"""The whole pipeline on the offline providers: story text to rendered scenes."""

import pytest
from django.core.files.storage import default_storage

from artifacts.models import Artifact, ArtifactType, GraphRun, Image
from artifacts.pipeline.executor import execute_run
from artifacts.pipeline.runs import run_create
from characters.models import StoryCharacter
from episodes.models import EpisodeScene
from projects.models import DialogueLayer, Story

pytestmark = pytest.mark.django_db


def _versions(story) -> dict:
    return {
        (str(scene_id), type): sorted(versions)
        for scene_id, type, versions in _group(Artifact.objects.filter(scene__story=story))
    }


def _group(artifacts):
    grouped = {}
    for artifact in artifacts:
        grouped.setdefault((artifact.scene_id, artifact.type), []).append(artifact.version)
    return [(scene, type, versions) for (scene, type), versions in grouped.items()]


def test_it_builds_the_lighthouse_story_into_rendered_scenes(build, lighthouse_text):
    story, run = build(lighthouse_text)

    assert run.status == GraphRun.Status.COMPLETED, run.error
    assert story.generation_status == Story.GenerationStatus.COMPLETED
    scenes = list(story.scenes.order_by("scene_index"))
    assert [scene.title for scene in scenes][:3] == [
        "The lighthouse, night",
        "The harbor, morning",
        "The boathouse, night",
    ]
    cast = {link.character.name: link.character.canonical_code for link in StoryCharacter.objects.filter(story=story)}
    # Codes follow first appearance; the names are the analyzer's (the labelled forms or their aliases).
    assert cast["Mina Park"] == "CHAR_A"
    assert {"Captain Joon Seo", "Harbor master Oh"} <= set(cast)
    assert sorted(cast.values()) == [f"CHAR_{letter}" for letter in "ABCDEFGHIJ"[: len(cast)]]
    for scene in scenes:
        types = set(Artifact.objects.filter(scene=scene, version=1).values_list("type", flat=True))
        assert types == set(ArtifactType.values), scene
        assert DialogueLayer.objects.get(scene=scene).bubbles
        result = Artifact.objects.filter(scene=scene, type=ArtifactType.RENDER_RESULT).latest("version")
        images = Image.objects.filter(artifact=result)
        kinds = sorted(image.metadata["kind"] for image in images)
        assert kinds == ["lettered_preview"] + ["panel"] * len(result.payload["panels"]) + ["scene"]
        assert all(default_storage.exists(image.file.name) for image in images)
        assert result.payload["scene_image"]["url"].startswith("/media/renders/")
    episode_scenes = EpisodeScene.objects.filter(episode__story=story).order_by("order_index")
    assert [link.scene_id for link in episode_scenes] == [scene.pk for scene in scenes]


def test_the_run_records_timings_progress_and_provider(build):
    story, run = build()

    assert run.provider == "offline"
    assert {"validate_input", "extract_characters", "persist_story", "scene_intent", "render_panels"} <= set(
        run.node_timings
    )
    assert run.started_at and run.finished_at and run.heartbeat_at
    assert set(story.progress) == {"current_node", "step", "total_steps", "message", "scene_index"}
    assert story.progress["step"] == story.progress["total_steps"]
    assert story.progress_updated_at is not None


def test_the_render_keeps_every_figures_label_clear_of_bubbles(build):
    story, _ = build()

    for scene in story.scenes.all():
        latest = {artifact.type: artifact for artifact in Artifact.objects.filter(scene=scene).order_by("version")}
        figures = {
            panel["panel_index"]: len(panel["characters"])
            for panel in latest[ArtifactType.PANEL_SEMANTICS].payload["panels"]
        }
        for panel in latest[ArtifactType.RENDER_RESULT].payload["panels"]:
            assert len(panel["keep_clear"]) == figures[panel["panel_index"]]
            assert all(0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1 for x0, y0, x1, y1 in panel["keep_clear"])


def test_speech_becomes_balloons_of_the_right_speaker(build):
    story, _ = build(render=False)

    codes = {link.character.name: link.character.canonical_code for link in StoryCharacter.objects.filter(story=story)}
    bubbles = DialogueLayer.objects.get(scene__story=story, scene__scene_index=0).bubbles
    speech = {(bubble["speaker"], bubble["text"]) for bubble in bubbles if bubble["type"] == "speech"}
    assert (codes["Minho"], "Is the bread ready?") in speech
    assert (codes["Hana"], "Almost") in speech


def test_characters_only_mode_stops_after_the_scenes(build):
    story, run = build(mode="characters_only")

    assert run.status == GraphRun.Status.COMPLETED
    assert story.scenes.count() == 2
    assert story.characters.count() == 2
    assert set(Artifact.objects.filter(scene__story=story).values_list("type", flat=True)) == {
        ArtifactType.DIALOGUE_SUGGESTIONS
    }


def test_the_build_suggests_the_outfit_changes_the_text_mentions_once(build):
    text = (
        'Mina Park met Joon at the station. "You\'re late," Mina said.\n\n'
        'That night Mina changed into a black wool suit. "Ready," she said to Joon.'
    )
    story, run = build(text, mode="characters_only")

    assert run.status == GraphRun.Status.COMPLETED, run.error
    suggestions = list(story.variant_suggestions.select_related("character"))
    assert [(s.character.name, s.override_attributes, s.status) for s in suggestions] == [
        ("Mina Park", {"base_outfit": "a black wool suit"}, "pending")
    ]
    story.generation_status = Story.GenerationStatus.IDLE
    story.save()
    again = run_create(graph=GraphRun.Graph.STORY_BUILD, story=story, parameters={"mode": "characters_only"})
    assert execute_run(again.pk).status == GraphRun.Status.COMPLETED
    assert story.variant_suggestions.count() == 1


def test_a_rerun_of_a_finished_story_writes_no_new_artifact(build):
    story, _ = build()
    before = _versions(story)
    images = Image.objects.count()

    story.generation_status = Story.GenerationStatus.IDLE
    story.save()
    again = run_create(graph=GraphRun.Graph.STORY_BUILD, story=story, parameters={})
    assert execute_run(again.pk).status == GraphRun.Status.COMPLETED

    assert _versions(story) == before
    assert Image.objects.count() == images


class WorkerDies(BaseException):
    """What a killed worker looks like from inside: not an Exception, nothing handles it."""


class DyingStoryboard:
    """The storyboard provider, on a worker that dies while drawing its `die_at`-th panel."""

    name = "storyboard"

    def __init__(self, die_at):
        from artifacts.providers.images.storyboard import StoryboardImageProvider

        self.inner, self.calls, self.die_at = StoryboardImageProvider(), 0, die_at

    def render_panel(self, **kwargs):
        self.calls += 1
        if self.calls == self.die_at:
            raise WorkerDies()
        return self.inner.render_panel(**kwargs)

    def keep_clear(self, **kwargs):
        return self.inner.keep_clear(**kwargs)


def test_a_run_redelivered_after_its_worker_died_resumes_without_duplicates(build, lighthouse_text):
    reference, _ = build(lighthouse_text)
    expected = sorted(_versions(reference).values())

    with pytest.raises(WorkerDies):
        build(lighthouse_text, images=DyingStoryboard(die_at=12))
    story = Story.objects.exclude(pk=reference.pk).get()
    run = GraphRun.objects.get(story=story)
    assert run.status == GraphRun.Status.RUNNING and run.current_node == "render_panels"

    # The broker redelivers the unacknowledged task: the same run executes again.
    finished = execute_run(run.pk)

    assert finished.status == GraphRun.Status.COMPLETED
    assert sorted(_versions(story).values()) == expected
    assert finished.node_timings["write_script"]["calls"] == 1  # restored from the run's checkpoint


def test_an_editors_change_survives_a_rerun_and_flows_downstream(build):
    from artifacts.services import artifact_manual_edit

    story, _ = build(render=False)
    scene = story.scenes.first()
    intent = Artifact.objects.filter(scene=scene, type=ArtifactType.SCENE_INTENT).latest("version")
    edited = artifact_manual_edit(
        artifact=intent, payload={**intent.payload, "mood": "joyful", "_meta": {}}, user="editor"
    )

    run = run_create(graph=GraphRun.Graph.SCENE_PLANNING, scene=scene, story=story, parameters={})
    assert execute_run(run.pk).status == GraphRun.Status.COMPLETED

    latest = Artifact.objects.filter(scene=scene, type=ArtifactType.SCENE_INTENT).latest("version")
    assert latest.pk == edited.pk
    semantics = Artifact.objects.filter(scene=scene, type=ArtifactType.PANEL_SEMANTICS).latest("version")
    assert {panel["mood"] for panel in semantics.payload["panels"]} == {"joyful"}


KOREAN = """# 등대지기의 딸

민아는 등대의 계단을 올라갔다. 등불은 꺼져 있었다.

"아버지?" 민아가 불렀다. 아무도 대답하지 않았다.

***

다음 날 아침, 항구에는 소금 냄새가 가득했다. 준서 선장은 부두에서 그물을 손질하고 있었다.

"우리 아버지를 알죠?" 민아가 물었다.
"""


def test_a_korean_story_is_built_with_hangul_names_and_places(build):
    story, run = build(KOREAN, render=False)

    assert run.status == GraphRun.Status.COMPLETED, run.error
    names = set(story.characters.values_list("name", flat=True))
    assert "민아" in names
    assert [scene.title for scene in story.scenes.order_by("scene_index")] == ["등대", "항구"]
    speech = [
        b for b in DialogueLayer.objects.get(scene__story=story, scene__scene_index=1).bubbles if b["type"] == "speech"
    ]
    assert speech[0]["text"] == "우리 아버지를 알죠?"
