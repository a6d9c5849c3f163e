import pytest

from episodes.factories import EpisodeFactory, EpisodeSceneFactory
from projects.factories import ProjectMembershipFactory, SceneFactory, UserFactory
from styles.factories import StylePresetFactory
from styles.selectors import effective_config, style_preset_can_edit, style_resolve_for_scene


@pytest.fixture
def scene(db):
    return SceneFactory()


@pytest.mark.django_db
class TestStyleResolution:
    def test_the_scene_override_decides_first(self, scene, system_presets):
        noir = system_presets["film-noir"]
        scene.image_style_override = noir
        scene.story.default_image_style = system_presets["watercolour"]
        scene.story.save(update_fields=["default_image_style"])
        scene.save(update_fields=["image_style_override"])

        resolved = style_resolve_for_scene(scene=scene)

        assert (resolved.preset, resolved.decided_by) == (noir, "scene")
        assert resolved.config == effective_config(noir)

    def test_the_given_episode_decides_when_the_scene_has_no_override(self, scene, system_presets):
        episode = EpisodeFactory(story=scene.story, default_image_style=system_presets["action-ink"])

        resolved = style_resolve_for_scene(scene=scene, episode=episode)

        assert (resolved.preset.name, resolved.decided_by) == ("action-ink", "episode")
        assert resolved.config["line_weight"]["outline_px"] == 4.5

    def test_the_scenes_only_episode_is_found_through_its_link(self, scene, system_presets):
        EpisodeSceneFactory(
            scene=scene, episode__story=scene.story, episode__default_image_style=system_presets["pastel-romance"]
        )

        assert style_resolve_for_scene(scene=scene).decided_by == "episode"

    def test_a_scene_in_two_episodes_skips_the_episode_level(self, scene, system_presets):
        for name in ("pastel-romance", "film-noir"):
            EpisodeSceneFactory(
                scene=scene, episode__story=scene.story, episode__default_image_style=system_presets[name]
            )
        scene.story.default_image_style = system_presets["watercolour"]
        scene.story.save(update_fields=["default_image_style"])

        resolved = style_resolve_for_scene(scene=scene)

        assert (resolved.preset.name, resolved.decided_by) == ("watercolour", "story")

    def test_the_story_default_decides_next(self, scene, system_presets):
        scene.story.default_image_style = system_presets["horror-dread"]
        scene.story.save(update_fields=["default_image_style"])

        assert style_resolve_for_scene(scene=scene).decided_by == "story"

    def test_the_system_default_decides_last(self, scene, system_presets):
        resolved = style_resolve_for_scene(scene=scene)

        assert (resolved.preset.name, resolved.decided_by) == ("soft-webtoon", "system")
        assert resolved.config["prompt"]["suffix"] == "sharp focus, coherent anatomy, readable silhouettes"

    def test_an_inactive_override_is_passed_over(self, scene, system_presets):
        scene.image_style_override = StylePresetFactory(is_active=False)
        scene.save(update_fields=["image_style_override"])

        assert style_resolve_for_scene(scene=scene).decided_by == "system"


@pytest.mark.django_db
class TestWhoMayEditAPreset:
    def test_system_presets_are_read_only_for_non_staff(self, system_presets):
        preset = system_presets["soft-webtoon"]

        assert not style_preset_can_edit(user=UserFactory(), preset=preset)
        assert style_preset_can_edit(user=UserFactory(is_staff=True), preset=preset)

    def test_a_project_preset_is_editable_by_its_editors_only(self, db):
        editor = ProjectMembershipFactory(role="editor")
        viewer = ProjectMembershipFactory(role="viewer", project=editor.project)
        preset = StylePresetFactory(project=editor.project)

        assert style_preset_can_edit(user=editor.user, preset=preset)
        assert not style_preset_can_edit(user=viewer.user, preset=preset)
        assert not style_preset_can_edit(user=UserFactory(), preset=preset)
