import json

import pytest
from django.urls import reverse

from artifacts.factories import sample_payload
from artifacts.models import Artifact, ArtifactType
from artifacts.services import artifact_version_create, image_create
from projects.factories import SceneFactory

pytestmark = pytest.mark.django_db

PLAN = ArtifactType.PANEL_PLAN


@pytest.fixture
def plans():
    scene = SceneFactory()
    return [artifact_version_create(scene=scene, type=PLAN, payload=sample_payload(PLAN)) for _ in range(2)]


# The (read-only) images inline still posts its management form.
NO_IMAGES = {"images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0"}


def change(admin_client, artifact, payload, **extra):
    """Posts the change form as a browser does, with the hidden initial value of the payload."""
    url = reverse("admin:artifacts_artifact_change", args=[artifact.pk])
    data = {"payload": json.dumps(payload), "initial-payload": json.dumps(artifact.payload), **NO_IMAGES}
    return admin_client.post(url, {**data, **extra})


def test_saving_a_change_in_admin_writes_a_new_version_derived_from_the_edited_one(admin_client, admin_user, plans):
    first, _second = plans
    payload = sample_payload(PLAN)
    payload["panels"][0]["narration"] = "Ten years dark."

    response = change(admin_client, first, payload, _continue="1")

    new = Artifact.objects.get(scene=first.scene, type=PLAN, version=3)
    assert response.status_code == 302
    assert response.url == reverse("admin:artifacts_artifact_change", args=[new.pk])
    assert (new.parent, new.created_by, new.updated_by) == (first, admin_user.username, admin_user.username)
    assert new.payload["panels"][0]["narration"] == "Ten years dark."
    first.refresh_from_db()
    assert first.payload == sample_payload(PLAN)


def test_a_bad_payload_in_admin_is_shown_on_the_form_naming_the_field_and_nothing_is_written(admin_client, plans):
    first, _second = plans
    payload = sample_payload(PLAN)
    payload["panels"][1]["shot"] = "wide"

    response = change(admin_client, first, payload)

    assert response.status_code == 200
    assert "panels.1.shot: Input should be" in response.context["adminform"].form.errors["payload"][0]
    assert Artifact.objects.filter(scene=first.scene).count() == 2
    first.refresh_from_db()
    assert first.payload == sample_payload(PLAN)


def test_adding_in_admin_writes_the_next_version(admin_client, admin_user, plans):
    first, second = plans

    response = admin_client.post(
        reverse("admin:artifacts_artifact_add"),
        {"scene": str(first.scene_id), "type": PLAN, "payload": json.dumps(sample_payload(PLAN)), **NO_IMAGES},
    )

    assert response.status_code == 302
    new = Artifact.objects.get(scene=first.scene, type=PLAN, version=3)
    assert (new.parent, new.created_by) == (second, admin_user.username)


def test_a_bad_payload_when_adding_in_admin_is_shown_on_the_form(admin_client, plans):
    payload = sample_payload(PLAN)
    del payload["panels"][0]["framing"]

    response = admin_client.post(
        reverse("admin:artifacts_artifact_add"),
        {"scene": str(plans[0].scene_id), "type": PLAN, "payload": json.dumps(payload), **NO_IMAGES},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["payload"] == ["panels.0.framing: Field required"]
    assert Artifact.objects.count() == 2


def test_saving_an_unchanged_artifact_in_admin_writes_no_version(admin_client, plans):
    response = change(admin_client, plans[0], sample_payload(PLAN))

    assert response.status_code == 302
    assert Artifact.objects.count() == 2


def test_the_change_page_of_an_artifact_with_images_renders(admin_client, plans):
    image_create(artifact=plans[0], content=b"png", filename="panel.png")

    response = admin_client.get(reverse("admin:artifacts_artifact_change", args=[plans[0].pk]))

    assert response.status_code == 200
    assert b"panel.png" in response.content
