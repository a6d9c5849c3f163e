"""The style tree in the studio: drag to re-parent through the tree service, effective config shown."""

import json

import pytest
from django.urls import reverse

from projects.factories import ProjectFactory
from projects.models import ProjectMembership
from styles.models import StylePreset
from styles.services import style_preset_create
from styles.tests.conftest import assert_tree_is_valid
from webtoon.tests.admin_helpers import staff_member

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:styles_stylepreset_changelist"


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def bob(project, client):
    user = staff_member(project, ProjectMembership.Role.EDITOR)
    client.force_login(user)
    return user


@pytest.fixture
def tree(project):
    base = style_preset_create(style_type="image", name="ink", label="Ink", project=project, style_config={"a": 1})
    soft = style_preset_create(style_type="image", name="soft", label="Soft", project=project, parent=base)
    loose = style_preset_create(
        style_type="image", name="loose", label="Loose", project=project, style_config={"b": {"c": 2}}
    )
    story = style_preset_create(style_type="story", name="tale", label="Tale", project=project)
    return {"ink": base, "soft": soft, "loose": loose, "tale": story}


def move(client, preset, target, position="last-child"):
    return client.post(
        reverse(CHANGELIST),
        {"cmd": "move_node", "cut_item": preset.pk, "pasted_on": target.pk, "position": position},
    )


def test_dropping_a_preset_onto_another_makes_it_its_child(client, bob, tree):
    response = move(client, tree["soft"], tree["loose"])

    assert response.content == b"OK, moved."
    assert StylePreset.objects.get(pk=tree["soft"].pk).parent_id == tree["loose"].pk
    assert_tree_is_valid()


def test_dropping_beside_a_preset_gives_it_the_same_parent(client, bob, tree):
    move(client, tree["loose"], tree["soft"], position="right")

    assert StylePreset.objects.get(pk=tree["loose"].pk).parent_id == tree["ink"].pk


def test_a_move_that_would_make_a_cycle_is_refused(client, bob, tree):
    response = move(client, tree["ink"], tree["soft"])

    assert response.content.startswith(b"FAIL")
    assert StylePreset.objects.get(pk=tree["ink"].pk).parent_id is None
    assert_tree_is_valid()


def test_a_move_across_style_types_is_refused(client, bob, tree):
    response = move(client, tree["tale"], tree["ink"])

    assert response.content.startswith(b"FAIL")
    assert StylePreset.objects.get(pk=tree["tale"].pk).parent_id is None


def test_the_preset_page_shows_the_effective_config_beside_its_own(client, bob, tree):
    move(client, tree["soft"], tree["loose"])

    page = client.get(reverse("admin:styles_stylepreset_change", args=[tree["soft"].pk])).content.decode()

    assert "Effective config" in page
    assert "&quot;b&quot;: {" in page and "&quot;c&quot;: 2" in page


def test_editing_a_preset_goes_through_the_update_service(client, bob, tree):
    url = reverse("admin:styles_stylepreset_change", args=[tree["loose"].pk])
    data = {
        "label": "Looser",
        "name": "loose",
        "parent": str(tree["ink"].pk),
        "is_active": "on",
        "description": "",
        "style_config": json.dumps({"b": {"c": 3}}),
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    preset = StylePreset.objects.get(pk=tree["loose"].pk)
    assert (preset.label, preset.parent_id, preset.style_config) == ("Looser", tree["ink"].pk, {"b": {"c": 3}})
    assert_tree_is_valid()


def test_an_editor_sees_system_presets_and_their_own_but_not_another_projects(client, bob, tree):
    other = style_preset_create(style_type="image", name="theirs", label="Theirs", project=ProjectFactory())

    listed = set(client.get(reverse(CHANGELIST)).context["cl"].result_list)

    assert tree["ink"] in listed and other not in listed
    assert any(preset.is_system for preset in listed)
