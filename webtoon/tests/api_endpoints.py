"""Every endpoint of the API with a request that succeeds for a user allowed to make it.

The permission matrix and the query-count tests walk this table; a new endpoint joins them by
being listed here (a test fails when the URL conf has a route this table does not cover).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLResolver, get_resolver

from artifacts.factories import sample_payload
from projects.models import ProjectMembership

Role = ProjectMembership.Role
SUCCESS = {"get": 200, "post": 201, "put": 200, "patch": 200, "delete": 204}


@dataclass(frozen=True)
class Case:
    route: str  # formatted with the world: "stories/{story.pk}/"
    method: str
    body: Callable | None = None
    role: str = Role.EDITOR  # the least role that may do it
    expect: int | None = None  # success status when not the method's usual one
    tags: tuple = field(default=())

    @property
    def success(self) -> int:
        return self.expect or SUCCESS[self.method]

    def url(self, world) -> str:
        return "/api/v1/" + self.route.format(w=world)

    def payload(self, world):
        return self.body(world) if self.body else None

    def __str__(self):
        return f"{self.method.upper()} {self.route}"


def crud(list_route, detail_route, *, create=None, put=None, patch=None, role=Role.EDITOR, reads=True, delete=None):
    cases = []
    if reads:
        cases += [Case(list_route, "get", role=Role.VIEWER), Case(detail_route, "get", role=Role.VIEWER)]
    if create:
        cases.append(Case(list_route, "post", create, role=role))
    if put:
        cases.append(Case(detail_route, "put", put, role=role))
    if patch:
        cases.append(Case(detail_route, "patch", patch, role=role))
    if delete if delete is not None else (put or patch):
        cases.append(Case(detail_route, "delete", role=role))
    return cases


def _story(w):
    return {"title": "A new story", "source_text": "It rained.", "language": "en"}


def _scene(w):
    return {"scene_index": 7, "source_text": "The door opened.", "scene_importance": "high"}


def _character(w):
    return {"name": "Mina", "role": "protagonist", "gender": "female", "aliases": ["Min"]}


def _variant(w):
    return {"variant_name": "Winter", "variant_type": "outfit_change", "traits": {"outfit": "coat"}}


def _episode_scene(w):
    return {"scene": str(w.bare_scene.pk), "order_index": 1}


def _preset(w):
    return {"style_type": "image", "name": "ink-wash", "label": "Ink wash", "style_config": {"prompt": "ink"}}


def _environment(w):
    return {"name": "Harbor", "description": "A grey harbor at dawn.", "locked_elements": ["crane"]}


PROJECT_CASES = [
    Case("projects/{w.project.pk}/", "get", role=Role.VIEWER),
    Case("projects/{w.project.pk}/", "put", lambda w: {"name": "Renamed", "description": "x"}, role=Role.OWNER),
    Case("projects/{w.project.pk}/", "patch", lambda w: {"description": "y"}, role=Role.OWNER),
    Case("projects/{w.project.pk}/", "delete", role=Role.OWNER),
    *crud(
        "projects/{w.project.pk}/members/",
        "projects/{w.project.pk}/members/{w.membership.pk}/",
        create=lambda w: {"user": "dave", "role": "viewer"},
        put=lambda w: {"role": "editor"},
        patch=lambda w: {"role": "editor"},
        role=Role.OWNER,
    ),
    *crud("projects/{w.project.pk}/stories/", "stories/{w.story.pk}/", create=_story, put=_story, patch=_story),
    Case("stories/{w.story.pk}/generate/", "post", lambda w: {"parameters": {"max_scenes": 3}}, expect=202),
    Case("stories/{w.story.pk}/progress/", "get", role=Role.VIEWER),
    Case("stories/{w.story.pk}/cancel/", "post", expect=200),
    *crud("stories/{w.story.pk}/scenes/", "scenes/{w.scene.pk}/", create=_scene, put=_scene, patch=_scene),
    Case("scenes/{w.scene.pk}/lock/", "post", expect=200),
    Case("scenes/{w.scene.pk}/unlock/", "post", expect=200),
    Case("scenes/{w.scene.pk}/plan/", "post", expect=202),
    Case("scenes/{w.scene.pk}/render/", "post", lambda w: {"parameters": {}}, expect=202),
    *crud(
        "scenes/{w.bare_scene.pk}/dialogue-layers/",
        "dialogue-layers/{w.dialogue_layer.pk}/",
        create=lambda w: {"bubbles": []},
        put=lambda w: {"bubbles": []},
        patch=lambda w: {"bubbles": []},
    ),
    *crud(
        "scenes/{w.scene.pk}/layers/",
        "layers/{w.layer.pk}/",
        create=lambda w: {"layer_type": "effects", "z_index": 3, "objects": []},
        put=lambda w: {"layer_type": "overlay", "z_index": 1, "objects": [{"kind": "rect"}]},
        patch=lambda w: {"z_index": 2},
    ),
    *crud(
        "environments/",
        "environments/{w.environment.pk}/",
        put=lambda w: {**_environment(w), "project": str(w.project.pk)},
        patch=lambda w: {"pinned": True},
        reads=False,
    ),
    Case("environments/{w.environment.pk}/", "get", role=Role.VIEWER),
    *crud(
        "projects/{w.project.pk}/characters/",
        "characters/{w.character.pk}/",
        create=_character,
        put=_character,
        patch=_character,
    ),
    Case("characters/{w.character.pk}/save-to-library/", "post"),
    Case("actors/{w.actor.pk}/cast/", "post", lambda w: {"project": str(w.project.pk), "story": str(w.story.pk)}),
    *crud(
        "characters/{w.character.pk}/variants/",
        "variants/{w.variant.pk}/",
        create=_variant,
        put=_variant,
        patch=lambda w: {"variant_name": "Rain"},
    ),
    Case("variants/{w.variant.pk}/activate/", "post", lambda w: {"story": str(w.story.pk)}, expect=200),
    *crud("stories/{w.story.pk}/variant-suggestions/", "variant-suggestions/{w.suggestion.pk}/"),
    Case("stories/{w.story.pk}/variant-suggestions/scan/", "post"),
    Case("variant-suggestions/{w.suggestion.pk}/accept/", "post"),
    Case("variant-suggestions/{w.suggestion.pk}/dismiss/", "post", expect=200),
    *crud(
        "characters/{w.character.pk}/reference-images/",
        "reference-images/{w.reference_image.pk}/",
        create=lambda w: {"image_url": "https://93.184.215.14/new.png", "ref_type": "full_body"},
        put=lambda w: {"image_url": "https://93.184.215.14/b.png", "ref_type": "face", "approved": True},
        patch=lambda w: {"approved": True},
    ),
    *crud(
        "scenes/{w.scene.pk}/artifacts/",
        "artifacts/{w.artifact.pk}/",
        create=lambda w: {"type": "scene_intent", "payload": sample_payload("scene_intent")},
    ),
    *crud("scenes/{w.scene.pk}/images/", "images/{w.image.pk}/"),
    *crud("stories/{w.story.pk}/runs/", "runs/{w.run.pk}/"),
    Case("runs/{w.run.pk}/cancel/", "post", expect=200),
    Case("runs/{w.run.pk}/retry/", "post", expect=202),
    Case("style-presets/{w.preset.pk}/", "get", role=Role.VIEWER),
    Case("style-presets/{w.preset.pk}/", "put", lambda w: {**_preset(w), "project": str(w.project.pk)}),
    Case("style-presets/{w.preset.pk}/", "patch", lambda w: {"label": "Renamed"}),
    Case("style-presets/{w.preset.pk}/", "delete"),
    *crud(
        "stories/{w.story.pk}/episodes/",
        "episodes/{w.episode.pk}/",
        create=lambda w: {"title": "Episode 2"},
        put=lambda w: {"title": "Episode 1b"},
        patch=lambda w: {"title": "Episode 1c"},
    ),
    Case("episodes/{w.episode.pk}/publish/", "post", expect=200),
    # A draft cannot be unpublished: members allowed to try get the domain's 409.
    Case("episodes/{w.episode.pk}/unpublish/", "post", expect=409),
    Case("episodes/{w.episode.pk}/reorder/", "post", lambda w: {"scenes": [str(w.scene.pk)]}, expect=200),
    Case("episodes/{w.episode.pk}/export/", "post", lambda w: {"format": "pdf"}, expect=202),
    *crud(
        "episodes/{w.episode.pk}/scenes/",
        "episode-scenes/{w.episode_scene.pk}/",
        create=_episode_scene,
        put=lambda w: {"scene": str(w.scene.pk), "order_index": 0},
        patch=lambda w: {"order_index": 0},
    ),
    *crud(
        "episodes/{w.episode.pk}/assets/",
        "episode-assets/{w.episode_asset.pk}/",
        create=lambda w: {"asset_type": "thumbnail", "asset_id": str(w.image.pk)},
        delete=True,
    ),
    *crud("episodes/{w.episode.pk}/exports/", "exports/{w.export.pk}/"),
    # The world's export is still queued: its file is not there yet.
    Case("exports/{w.export.pk}/download/", "get", role=Role.VIEWER, expect=409),
    # ... nor can it be retried: only a failed export can.
    Case("exports/{w.export.pk}/retry/", "post", expect=409),
    Case("audit-logs/{w.audit_log.pk}/", "get", role=Role.VIEWER),
]

# Rows with no project: every signed-in user reads them, only staff writes them.
GLOBAL_CASES = [
    Case("actors/{w.actor.pk}/", "get"),
    Case("actors/{w.actor.pk}/", "patch", lambda w: {"description": "Tall."}),
    Case("actors/{w.actor.pk}/", "delete"),
    Case("characters/{w.actor.pk}/variants/", "get"),
    Case("characters/{w.actor.pk}/variants/", "post", _variant),
    Case("variants/{w.actor_variant.pk}/", "patch", lambda w: {"variant_name": "Gala"}),
    Case("characters/{w.actor.pk}/reference-images/", "get"),
    Case("reference-images/{w.actor_reference_image.pk}/", "patch", lambda w: {"approved": True}),
    Case("style-presets/{w.system_preset.pk}/", "get"),
    Case("style-presets/{w.system_preset.pk}/", "patch", lambda w: {"label": "House style"}),
    Case("environments/{w.shared_environment.pk}/", "get"),
    Case("environments/{w.shared_environment.pk}/", "patch", lambda w: {"pinned": True}),
]

# Lists not under a project: each user sees their own rows and the global ones.
FLAT_LISTS = ["projects/", "actors/", "style-presets/", "environments/", "audit-logs/"]


def api_routes(resolver=None, prefix=""):
    """(route, name) of every URL pattern under /api/v1/, e.g. ("scenes/<uuid:scene_id>/layers/", "layer-list")."""
    for pattern in (resolver or get_resolver("webtoon.api.urls")).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name or ""


def shape(route: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "*", route)
