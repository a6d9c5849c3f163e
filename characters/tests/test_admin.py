import pytest
from django.urls import reverse

from characters.models import Character, CharacterReferenceImage, CharacterVariant, CharacterVariantSuggestion
from characters.services import character_cast_into_story, variant_suggestions_create
from projects.factories import ProjectFactory, SceneFactory, StoryFactory

pytestmark = pytest.mark.django_db


def character_form(**fields):
    return {
        "name": "Mina",
        "display_name": "",
        "aliases": "[]",
        "description": "",
        "role": "secondary",
        "gender": "female",
        "age_range": "adult",
        "appearance": "{}",
        "hair_description": "a red bob",
        "base_outfit": "",
        "reference_images-TOTAL_FORMS": "0",
        "reference_images-INITIAL_FORMS": "0",
        "variants-TOTAL_FORMS": "0",
        "variants-INITIAL_FORMS": "0",
        **fields,
    }


def test_adding_a_character_in_admin_gives_it_a_code_a_base_variant_and_an_identity_line(admin_client):
    project = ProjectFactory()

    response = admin_client.post(reverse("admin:characters_character_add"), character_form(project=project.pk))

    assert response.status_code == 302
    mina = Character.objects.get(project=project)
    assert (mina.canonical_code, mina.identity_line) == ("CHAR_A", "A woman with a red bob.")
    assert mina.variants.get().is_default


def test_adding_a_character_without_project_makes_a_library_actor(admin_client):
    admin_client.post(reverse("admin:characters_character_add"), character_form(project=""))

    actor = Character.objects.get()
    assert (actor.project_id, actor.canonical_code, actor.is_library_saved) == (None, "", True)


def test_editing_a_character_in_admin_recompiles_its_identity_line(admin_client):
    mina = character_cast_into_story(story=StoryFactory(), name="Mina", gender="female", age_range="adult")

    admin_client.post(
        reverse("admin:characters_character_change", args=[mina.pk]),
        character_form(hair_description="long grey hair"),
    )

    assert Character.objects.get(pk=mina.pk).identity_line == "A woman with long grey hair."


def test_a_private_reference_url_is_refused_by_the_admin_form(admin_client):
    mina = character_cast_into_story(story=StoryFactory(), name="Mina")

    response = admin_client.post(
        reverse("admin:characters_characterreferenceimage_add"),
        {"character": mina.pk, "ref_type": "face", "image_url": "http://127.0.0.1/x.png", "metadata": "{}"},
    )

    assert response.status_code == 200
    assert "private, loopback or link-local" in response.content.decode()
    assert not CharacterReferenceImage.objects.exists()


def test_admin_actions_render_a_sheet_and_accept_suggestions(admin_client):
    story = StoryFactory()
    SceneFactory(story=story, source_text="Mina changed into a diving suit.")
    mina = character_cast_into_story(story=story, name="Mina")
    variant_suggestions_create(story=story)

    admin_client.post(
        reverse("admin:characters_character_changelist"),
        {"action": "render_profile_sheet", "_selected_action": [mina.pk]},
    )
    admin_client.post(
        reverse("admin:characters_charactervariantsuggestion_changelist"),
        {"action": "accept", "_selected_action": list(CharacterVariantSuggestion.objects.values_list("pk", flat=True))},
    )

    assert mina.reference_images.get().ref_type == "profile_sheet"
    assert CharacterVariant.objects.filter(character=mina, story=story, variant_type="outfit_change").exists()
