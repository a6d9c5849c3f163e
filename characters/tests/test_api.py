"""Characters, actors, variants and reference images over the API."""

import pytest

from characters.models import Character, CharacterReferenceImage

pytestmark = pytest.mark.django_db


def test_a_new_character_gets_the_next_canonical_code_and_a_base_variant(world, bob, client_for):
    # The fixture's character holds CHAR_A whatever the factory sequence reached in earlier tests.
    Character.objects.filter(pk=world.character.pk).update(canonical_code="CHAR_A")
    world.project.character_code_seq = 1
    world.project.save(update_fields=["character_code_seq"])
    response = client_for(bob).post(f"/api/v1/projects/{world.project.pk}/characters/", {"name": "Mina"})
    assert response.status_code == 201
    character = Character.objects.get(pk=response.json()["character_id"])
    assert character.canonical_code == response.json()["canonical_code"] == "CHAR_B"
    assert character.variants.get().is_default


def test_saving_to_the_library_then_casting_brings_the_look_to_another_project(world, bob, charlie, client_for):
    actor_id = client_for(bob).post(f"/api/v1/characters/{world.character.pk}/save-to-library/").json()["character_id"]
    actor = Character.objects.get(pk=actor_id)
    assert actor.project is None and actor.is_library_saved
    other = client_for(charlie).post("/api/v1/projects/", {"name": "Charlie's"}).json()["project_id"]
    response = client_for(charlie).post(f"/api/v1/actors/{actor_id}/cast/", {"project": other})
    assert response.status_code == 201
    cast = Character.objects.get(pk=response.json()["character_id"])
    assert (str(cast.project_id), cast.source_actor_id, cast.base_outfit) == (other, actor.pk, actor.base_outfit)


def test_casting_into_a_project_i_cannot_see_is_a_404(world, charlie, client_for):
    response = client_for(charlie).post(f"/api/v1/actors/{world.actor.pk}/cast/", {"project": str(world.project.pk)})
    assert response.status_code == 404
    assert not world.project.characters.filter(source_actor=world.actor).exists()


def test_activating_a_variant_for_a_story_deactivates_the_previous_one(world, bob, client_for):
    client = client_for(bob)
    base = world.character.variants.get(is_default=True)
    client.post(f"/api/v1/variants/{base.pk}/activate/", {"story": str(world.story.pk)})
    response = client.post(f"/api/v1/variants/{world.variant.pk}/activate/", {"story": str(world.story.pk)})
    assert response.status_code == 200
    assert list(world.character.variants.filter(is_active_for_story=True)) == [world.variant]


def test_a_reference_url_into_our_own_network_is_refused(world, bob, client_for):
    url = f"/api/v1/characters/{world.character.pk}/reference-images/"
    response = client_for(bob).post(url, {"image_url": "http://169.254.169.254/latest/meta-data"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unsafe_reference_url"
    assert world.character.reference_images.count() == 1


def test_making_an_image_primary_moves_the_primary(world, bob, client_for):
    url = f"/api/v1/characters/{world.character.pk}/reference-images/"
    new = client_for(bob).post(url, {"image_url": "https://93.184.215.14/a.png", "is_primary": True}).json()
    assert CharacterReferenceImage.objects.get(is_primary=True, character=world.character).pk.hex == new[
        "reference_image_id"
    ].replace("-", "")
    client_for(bob).patch(f"/api/v1/reference-images/{world.reference_image.pk}/", {"is_primary": True})
    assert world.character.reference_images.get(is_primary=True) == world.reference_image


def test_actors_are_listed_for_everyone_and_created_by_staff_only(world, bob, staff, client_for):
    assert client_for(bob).post("/api/v1/actors/", {"name": "Extra"}).status_code == 403
    response = client_for(staff).post("/api/v1/actors/", {"name": "Extra"})
    assert response.status_code == 201
    names = [row["name"] for row in client_for(bob).get("/api/v1/actors/").json()["results"]]
    assert "Extra" in names


def test_a_suggestion_is_accepted_once_into_a_story_variant(world, bob, client_for):
    client = client_for(bob)
    listed = client.get(f"/api/v1/stories/{world.story.pk}/variant-suggestions/?status=pending").json()["results"]
    assert [row["suggestion_id"] for row in listed] == [str(world.suggestion.pk)]
    response = client.post(f"/api/v1/variant-suggestions/{world.suggestion.pk}/accept/")
    assert response.status_code == 201
    variant = world.character.variants.get(pk=response.json()["variant_id"])
    assert (variant.story_id, variant.override_attributes) == (world.story.pk, {"base_outfit": "soaked raincoat"})
    again = client.post(f"/api/v1/variant-suggestions/{world.suggestion.pk}/dismiss/")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "suggestion_already_decided"
    world.suggestion.refresh_from_db()
    assert world.suggestion.status == "accepted"


def test_scanning_a_story_suggests_only_what_is_new(world, bob, carol, client_for):
    world.scene.source_text = f"{world.character.name} changed into a black wool suit."
    world.scene.save(update_fields=["source_text"])
    world.story.story_characters.get_or_create(character=world.character)
    url = f"/api/v1/stories/{world.story.pk}/variant-suggestions/scan/"
    assert client_for(carol).post(url).status_code == 403
    first = client_for(bob).post(url)
    assert first.status_code == 201
    assert [row["override_attributes"] for row in first.json()] == [{"base_outfit": "a black wool suit"}]
    assert client_for(bob).post(url).json() == []
