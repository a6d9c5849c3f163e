import pytest
from django.urls import reverse

from projects.factories import UserFactory
from styles.models import StylePreset
from styles.selectors import style_preset_can_edit
from styles.services import style_preset_create
from styles.tests.conftest import assert_tree_is_valid

pytestmark = pytest.mark.django_db


def preset_form(**fields):
    return {
        "style_type": "image",
        "name": "a-new-style",
        "label": "A new style",
        "project": "",
        "parent": "",
        "description": "",
        "style_config": '{"lighting": "dusk"}',
        "is_active": "on",
        **fields,
    }


def test_adding_a_preset_under_a_parent_goes_through_the_tree_service(admin_client):
    root = style_preset_create(style_type="image", name="a-root", label="Root")

    response = admin_client.post(reverse("admin:styles_stylepreset_add"), preset_form(parent=root.pk))

    assert response.status_code == 302
    assert StylePreset.objects.get(name="a-new-style").parent_id == root.pk
    assert_tree_is_valid()


def test_the_admin_form_refuses_a_parent_of_another_style_type(admin_client):
    story_root = style_preset_create(style_type="story", name="a-story-root", label="Story root")

    response = admin_client.post(reverse("admin:styles_stylepreset_add"), preset_form(parent=story_root.pk))

    assert response.status_code == 200
    assert "cannot inherit from the story style" in response.content.decode()
    assert not StylePreset.objects.filter(name="a-new-style").exists()


def test_the_admin_form_refuses_a_cycle(admin_client):
    root = style_preset_create(style_type="image", name="a-root", label="Root")
    child = style_preset_create(style_type="image", name="a-child", label="Child", parent=root)

    response = admin_client.post(
        reverse("admin:styles_stylepreset_change", args=[root.pk]),
        {**preset_form(name="a-root", label="Root", parent=child.pk)},
    )

    assert response.status_code == 200
    assert "cycle" in response.content.decode()
    assert StylePreset.objects.get(pk=root.pk).parent_id is None


def test_moving_a_preset_in_admin_keeps_the_tree_valid(admin_client):
    one = style_preset_create(style_type="image", name="a-one", label="One")
    two = style_preset_create(style_type="image", name="a-two", label="Two")
    leaf = style_preset_create(style_type="image", name="a-leaf", label="Leaf", parent=one)

    admin_client.post(
        reverse("admin:styles_stylepreset_change", args=[leaf.pk]),
        preset_form(name="a-leaf", label="Leaf", parent=two.pk),
    )

    assert StylePreset.objects.get(pk=leaf.pk).parent_id == two.pk
    assert_tree_is_valid()


def test_a_non_staff_user_cannot_edit_system_presets_but_staff_can(system_presets):
    preset = system_presets["film-noir"]

    assert not style_preset_can_edit(user=UserFactory(is_staff=False), preset=preset)
    assert style_preset_can_edit(user=UserFactory(is_staff=True), preset=preset)
