"""Characters in the studio: casting through services, reference images, variants, the actor library."""

import pytest
from django.urls import reverse

from characters.factories import ActorFactory, CharacterReferenceImageFactory, StoryCharacterFactory
from characters.models import Character, CharacterVariant
from characters.services import character_create, character_variant_create
from projects.factories import ProjectFactory, StoryFactory
from projects.models import ProjectMembership
from webtoon.tests.admin_helpers import change_form_data, staff_member

pytestmark = pytest.mark.django_db

Role = ProjectMembership.Role


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def bob(project, client):
    user = staff_member(project, Role.EDITOR)
    client.force_login(user)
    return user


@pytest.fixture
def mina(project):
    return character_create(project=project, name="Mina", hair_description="short black hair")


def url(name, *args):
    return reverse(f"admin:characters_character_{name}", args=args)


def test_adding_a_character_in_the_studio_gives_it_the_next_code_and_an_identity_line(client, bob, project, mina):
    data = change_form_data(client.get(url("add")))
    data.update({"project": project.pk, "name": "Joon", "role": "protagonist", "gender": "male"})
    data.update({"age_range": "adult", "aliases": "[]", "appearance": "{}"})

    response = client.post(url("add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    joon = Character.objects.get(name="Joon")
    assert joon.canonical_code == "CHAR_B"
    assert joon.identity_line
    assert joon.variants.filter(is_default=True).count() == 1


def test_the_character_page_shows_the_identity_line_and_a_read_only_code(client, bob, mina):
    page = client.get(url("change", mina.pk))

    assert page.status_code == 200
    assert "canonical_code" not in page.context["adminform"].form.fields
    assert mina.identity_line in page.content.decode()


def test_editing_the_look_recompiles_the_identity_line(client, bob, mina):
    data = change_form_data(client.get(url("change", mina.pk)))
    data["hair_description"] = "long silver hair"

    assert client.post(url("change", mina.pk), data).status_code == 302
    mina.refresh_from_db()
    assert "long silver hair" in mina.identity_line
    assert mina.canonical_code == "CHAR_A"


def test_reference_images_are_approved_and_made_primary_from_their_rows(client, bob, mina):
    first = CharacterReferenceImageFactory(character=mina, is_primary=True, approved=True)
    second = CharacterReferenceImageFactory(character=mina)
    page = client.get(url("change", mina.pk)).content.decode()
    assert url("reference_primary", mina.pk, second.pk) in page and first.image_url in page

    client.post(url("reference_approve", mina.pk, second.pk))
    client.post(url("reference_primary", mina.pk, second.pk))

    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.approved, second.is_primary, first.is_primary) == (True, True, False)


def test_a_reference_image_of_another_character_cannot_be_touched_through_this_one(client, bob, project, mina):
    other = CharacterReferenceImageFactory(character=character_create(project=project, name="Joon"))

    assert client.post(url("reference_approve", mina.pk, other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.approved is False


def test_a_reference_image_is_added_from_a_public_url(client, bob, mina):
    response = client.post(
        url("reference_add", mina.pk), {"image_url": "https://93.184.215.14/mina.png", "ref_type": "face"}
    )

    assert response.status_code == 302
    assert mina.reference_images.get().image_url == "https://93.184.215.14/mina.png"


def test_a_private_reference_url_is_refused_and_nothing_is_added(client, bob, mina):
    response = client.post(url("reference_add", mina.pk), {"image_url": "http://127.0.0.1/x.png", "ref_type": "face"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not mina.reference_images.exists()


def test_variants_are_made_default_and_activated_for_a_story(client, bob, project, mina):
    story = StoryFactory(project=project)
    StoryCharacterFactory(story=story, character=mina)
    winter = character_variant_create(
        character=mina, variant_name="Winter", variant_type="outfit_change", override_attributes={"base_outfit": "coat"}
    )
    assert url("variant_activate", mina.pk, winter.pk, story.pk) in client.get(url("change", mina.pk)).content.decode()

    client.post(url("variant_default", mina.pk, winter.pk))
    client.post(url("variant_activate", mina.pk, winter.pk, story.pk))

    winter.refresh_from_db()
    assert winter.is_default and winter.is_active_for_story
    assert CharacterVariant.objects.filter(character=mina, is_default=True).count() == 1


def test_saving_to_the_library_makes_an_actor_found_in_the_actor_library(client, bob, mina):
    client.post(url("library", mina.pk))

    mina.refresh_from_db()
    actor = mina.source_actor
    assert actor.project is None and actor.is_library_saved
    listed = client.get(url("changelist"), {"kind": "actor", "q": "Mina"}).context["cl"].result_list
    assert list(listed) == [actor]


def test_the_actor_library_lists_actors_to_every_staff_member_read_only(client, bob):
    actor = ActorFactory(name="Captain Ro")

    listed = client.get(url("changelist"), {"kind": "actor"}).context["cl"].result_list

    assert list(listed) == [actor]
    assert client.get(url("change", actor.pk)).status_code == 200


def test_a_viewer_cannot_approve_a_reference_image(client, project, mina):
    client.force_login(staff_member(project, Role.VIEWER))
    image = CharacterReferenceImageFactory(character=mina)

    assert client.post(url("reference_approve", mina.pk, image.pk)).status_code == 403
    image.refresh_from_db()
    assert image.approved is False


def test_another_projects_characters_are_hidden(client, bob, mina):
    theirs = character_create(project=ProjectFactory(), name="Stranger")

    listed = set(client.get(url("changelist")).context["cl"].result_list)

    assert mina in listed and theirs not in listed
