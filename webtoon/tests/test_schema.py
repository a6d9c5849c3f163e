"""The database itself refuses what the data model forbids, and deletes cascade where they should."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from artifacts.factories import ArtifactFactory, GraphRunFactory, ImageFactory
from artifacts.models import Artifact, ArtifactType, Image
from audit.factories import AuditLogFactory
from characters.factories import (
    CharacterFactory,
    CharacterReferenceImageFactory,
    CharacterVariantFactory,
    CharacterVariantSuggestionFactory,
    StoryCharacterFactory,
)
from characters.models import Character, StoryCharacter
from episodes.factories import EpisodeAssetFactory, EpisodeFactory, EpisodeSceneFactory, ExportJobFactory
from projects.factories import (
    DialogueLayerFactory,
    EnvironmentAnchorFactory,
    LayerFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    SceneFactory,
    StoryFactory,
)
from projects.models import Scene, Story
from styles.factories import StylePresetFactory

pytestmark = pytest.mark.django_db

ALL_FACTORIES = [
    ProjectFactory,
    ProjectMembershipFactory,
    StoryFactory,
    SceneFactory,
    DialogueLayerFactory,
    LayerFactory,
    EnvironmentAnchorFactory,
    CharacterFactory,
    StoryCharacterFactory,
    CharacterVariantFactory,
    CharacterReferenceImageFactory,
    CharacterVariantSuggestionFactory,
    ArtifactFactory,
    ImageFactory,
    GraphRunFactory,
    StylePresetFactory,
    EpisodeFactory,
    EpisodeSceneFactory,
    EpisodeAssetFactory,
    ExportJobFactory,
    AuditLogFactory,
]

DOMAIN_APPS = ["projects", "characters", "artifacts", "styles", "episodes", "audit"]


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_every_model_has_a_factory_that_makes_a_valid_row():
    covered = {factory._meta.model for factory in ALL_FACTORIES}
    models = {model for label in DOMAIN_APPS for model in apps.get_app_config(label).get_models()}
    assert models - covered == set()
    for factory in ALL_FACTORIES:
        row = factory()
        row.full_clean()


def test_every_model_has_uuid_key_and_timestamps():
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = {field.name for field in model._meta.get_fields()}
            assert model._meta.pk.get_internal_type() == "UUIDField", model
            assert {"created_at", "updated_at"} <= fields, model


def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


class TestConstraints:
    def test_a_canonical_code_is_unique_within_a_project(self):
        first = CharacterFactory(canonical_code="CHAR_A")
        CharacterFactory(canonical_code="CHAR_A")  # another project may reuse it
        assert_refused(lambda: CharacterFactory(project=first.project, canonical_code="CHAR_A"))

    def test_a_canonical_code_has_the_char_letters_form(self):
        assert_refused(lambda: CharacterFactory(canonical_code="char-1"))

    def test_a_character_has_one_default_variant(self):
        variant = CharacterVariantFactory(is_default=True)
        CharacterVariantFactory(character=variant.character, is_default=False)
        assert_refused(lambda: CharacterVariantFactory(character=variant.character, is_default=True))

    def test_one_active_variant_per_character_and_story(self):
        story = StoryFactory()
        character = CharacterFactory(project=story.project)
        CharacterVariantFactory(character=character, story=story, is_active_for_story=True)
        CharacterVariantFactory(
            character=character, story=StoryFactory(project=story.project), is_active_for_story=True
        )
        assert_refused(lambda: CharacterVariantFactory(character=character, story=story, is_active_for_story=True))

    def test_a_character_has_one_primary_reference_image(self):
        image = CharacterReferenceImageFactory(is_primary=True)
        CharacterReferenceImageFactory(character=image.character)
        assert_refused(lambda: CharacterReferenceImageFactory(character=image.character, is_primary=True))

    def test_a_scene_has_one_dialogue_layer(self):
        layer = DialogueLayerFactory()
        assert_refused(lambda: DialogueLayerFactory(scene=layer.scene))

    def test_episode_order_is_unique(self):
        link = EpisodeSceneFactory(order_index=0)
        assert_refused(lambda: EpisodeSceneFactory(episode=link.episode, order_index=0))

    def test_a_scene_appears_once_per_episode(self):
        link = EpisodeSceneFactory(order_index=0)
        assert_refused(lambda: EpisodeSceneFactory(episode=link.episode, scene=link.scene, order_index=1))

    def test_an_artifact_version_is_unique_per_scene_and_type(self):
        artifact = ArtifactFactory(version=1)
        ArtifactFactory(scene=artifact.scene, type=ArtifactType.PANEL_PLAN, version=1)
        assert_refused(lambda: ArtifactFactory(scene=artifact.scene, type=artifact.type, version=1))

    def test_artifact_versions_start_at_one(self):
        assert_refused(lambda: ArtifactFactory(version=0))

    def test_a_story_is_linked_to_a_character_once(self):
        link = StoryCharacterFactory()
        assert_refused(lambda: StoryCharacter.objects.create(story=link.story, character=link.character))

    def test_a_user_has_one_membership_per_project(self):
        membership = ProjectMembershipFactory()
        assert_refused(lambda: ProjectMembershipFactory(project=membership.project, user=membership.user))

    def test_an_export_targets_a_scene_or_an_episode(self):
        assert_refused(lambda: ExportJobFactory(episode=None, scene=None))

    def test_a_system_preset_is_global(self):
        assert_refused(lambda: StylePresetFactory(is_system=True, project=ProjectFactory()))

    @pytest.mark.parametrize(
        ("factory", "field"),
        [
            (StoryFactory, "generation_status"),
            (SceneFactory, "scene_importance"),
            (CharacterFactory, "role"),
            (CharacterFactory, "gender"),
            (CharacterFactory, "age_range"),
            (CharacterVariantFactory, "variant_type"),
            (CharacterReferenceImageFactory, "ref_type"),
            (ArtifactFactory, "type"),
            (ExportJobFactory, "status"),
            (ExportJobFactory, "format"),
            (EpisodeFactory, "status"),
            (EpisodeAssetFactory, "asset_type"),
            (ProjectMembershipFactory, "role"),
            (StylePresetFactory, "style_type"),
            (LayerFactory, "layer_type"),
            (EnvironmentAnchorFactory, "anchor_type"),
        ],
    )
    def test_an_unknown_enum_value_is_refused_by_the_database(self, factory, field):
        row = factory()
        model = type(row)
        # A queryset update skips model validation: only the check constraint stands in the way.
        assert_refused(lambda: model.objects.filter(pk=row.pk).update(**{field: "bogus"}))

    def test_an_unknown_audit_action_is_refused_by_the_database(self):
        # Audit rows cannot be updated at all (audit/models.py), so the bogus value goes in by INSERT.
        assert_refused(lambda: AuditLogFactory(action="bogus"))


class TestDeletes:
    def test_deleting_a_project_removes_its_stories_scenes_artifacts_and_images(self):
        image = ImageFactory()
        scene = image.artifact.scene
        project = scene.story.project
        CharacterFactory(project=project)

        project.delete()

        assert not Story.objects.filter(pk=scene.story_id).exists()
        assert not Scene.objects.filter(pk=scene.pk).exists()
        assert not Artifact.objects.exists()
        assert not Image.objects.exists()
        assert not Character.objects.exists()

    def test_deleting_a_character_keeps_its_stories(self):
        link = StoryCharacterFactory()

        link.character.delete()

        assert Story.objects.filter(pk=link.story_id).exists()
        assert not StoryCharacter.objects.exists()

    def test_deleting_a_style_preset_clears_the_references_to_it(self):
        preset = StylePresetFactory()
        scene = SceneFactory(image_style_override=preset)
        scene.story.default_image_style = preset
        scene.story.save(update_fields=["default_image_style"])

        preset.delete()

        scene.refresh_from_db()
        scene.story.refresh_from_db()
        assert scene.image_style_override is None
        assert scene.story.default_image_style is None


def test_tables_are_named_as_in_the_spec():
    tables = set(connection.introspection.table_names())
    assert {
        "projects",
        "stories",
        "scenes",
        "characters",
        "story_characters",
        "character_variants",
        "character_reference_images",
        "character_variant_suggestions",
        "artifacts",
        "images",
        "style_presets",
        "dialogue_layers",
        "environment_anchors",
        "layers",
        "episodes",
        "episode_scenes",
        "episode_assets",
        "exports",
        "audit_logs",
    } <= tables
