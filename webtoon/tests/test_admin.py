"""Every model's admin pages render for an editor with full rights."""

import pytest
from django.contrib import admin
from django.urls import reverse

from artifacts.factories import GraphRunFactory, ImageFactory
from audit.factories import AuditLogFactory
from characters.factories import (
    CharacterReferenceImageFactory,
    CharacterVariantFactory,
    CharacterVariantSuggestionFactory,
    StoryCharacterFactory,
)
from episodes.factories import EpisodeAssetFactory, EpisodeSceneFactory, ExportJobFactory
from projects.factories import DialogueLayerFactory, EnvironmentAnchorFactory, LayerFactory, ProjectMembershipFactory
from styles.factories import StylePresetFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"projects", "characters", "artifacts", "styles", "episodes", "audit"}


@pytest.fixture
def populated():
    for factory in (
        ImageFactory,
        GraphRunFactory,
        AuditLogFactory,
        CharacterVariantFactory,
        CharacterReferenceImageFactory,
        CharacterVariantSuggestionFactory,
        StoryCharacterFactory,
        EpisodeAssetFactory,
        EpisodeSceneFactory,
        ExportJobFactory,
        DialogueLayerFactory,
        EnvironmentAnchorFactory,
        LayerFactory,
        ProjectMembershipFactory,
        StylePresetFactory,
    ):
        factory()


def domain_models():
    return [model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS]


def test_every_domain_model_is_registered():
    assert len(domain_models()) == 21


def test_every_changelist_and_change_page_renders(admin_client, populated):
    for model in domain_models():
        opts = model._meta
        changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.label
        searched = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "anything"})
        assert searched.status_code == 200, opts.label
        row = model._default_manager.first()
        assert row is not None, opts.label
        change = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))
        assert change.status_code == 200, opts.label


def test_audit_rows_cannot_be_added_changed_or_deleted_in_admin(admin_client):
    entry = AuditLogFactory()
    assert admin_client.get(reverse("admin:audit_auditlog_add")).status_code == 403
    response = admin_client.post(reverse("admin:audit_auditlog_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    entry.refresh_from_db()
