"""Style presets over the API: effective config down the tree, system presets kept for staff."""

import pytest

from styles.factories import StylePresetFactory
from styles.models import StylePreset

pytestmark = pytest.mark.django_db


def test_a_child_shows_its_config_merged_down_from_its_parent(world, carol, client_for):
    child = StylePresetFactory(
        project=world.project, parent=world.system_preset, style_config={"palette": ["#000000"], "ink": {"weight": 2}}
    )
    expected = {"prompt": "clean line art", "palette": ["#000000"], "ink": {"weight": 2}}
    detail = client_for(carol).get(f"/api/v1/style-presets/{child.pk}/").json()
    assert detail["effective_config"] == expected
    rows = client_for(carol).get(f"/api/v1/style-presets/?project={world.project.pk}").json()["results"]
    assert {row["preset_id"]: row["effective_config"] for row in rows}[str(child.pk)] == expected


def test_an_editor_creates_a_project_preset_under_a_system_one(world, bob, client_for):
    body = {
        "project": str(world.project.pk),
        "parent": str(world.system_preset.pk),
        "style_type": "image",
        "name": "noir",
        "label": "Noir",
        "style_config": {"mood": "dark"},
    }
    response = client_for(bob).post("/api/v1/style-presets/", body)
    assert response.status_code == 201
    assert response.json()["effective_config"]["mood"] == "dark"
    assert StylePreset.objects.get(name="noir").parent == world.system_preset


def test_only_staff_create_system_presets(world, bob, staff, client_for):
    body = {"style_type": "image", "name": "house", "label": "House"}
    refused = client_for(bob).post("/api/v1/style-presets/", body)
    assert refused.status_code == 403, refused.content
    response = client_for(staff).post("/api/v1/style-presets/", body)
    assert response.status_code == 201
    assert response.json()["is_system"] is True


def test_a_parent_of_another_style_type_is_refused(world, bob, client_for):
    story_style = StylePresetFactory(project=None, style_type="story")
    body = {"project": str(world.project.pk), "parent": str(story_style.pk), "style_type": "image", "name": "x"}
    response = client_for(bob).post("/api/v1/style-presets/", {**body, "label": "X"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "style_type_mismatch"
    assert not StylePreset.objects.filter(name="x").exists()


def test_a_preset_cannot_move_to_another_project(world, bob, client_for):
    other = client_for(bob).post("/api/v1/projects/", {"name": "Bob's"}).json()["project_id"]
    response = client_for(bob).patch(f"/api/v1/style-presets/{world.preset.pk}/", {"project": other})
    assert response.status_code == 400
    assert "project" in response.json()["error"]["fields"]


def test_a_duplicate_name_in_the_project_is_a_400_naming_it(world, bob, client_for):
    body = {"project": str(world.project.pk), "style_type": "image", "name": world.preset.name, "label": "Again"}
    response = client_for(bob).post("/api/v1/style-presets/", body)
    assert response.status_code in (400, 409)
    assert StylePreset.objects.filter(name=world.preset.name).count() == 1
