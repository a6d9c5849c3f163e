from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from artifacts.api.serializers import GraphRunSerializer
from artifacts.models import GraphRun
from projects import selectors, services
from projects.api import serializers as s
from projects.models import DialogueLayer, EnvironmentAnchor, Layer, Project, ProjectMembership, Scene, Story
from webtoon.api.viewsets import Parent, ScopedViewSet, accepted
from webtoon.exceptions import ConflictError
from webtoon.request_id import current_request_id

Role = ProjectMembership.Role

PROJECT_PARENT = Parent(
    url_kwarg="project_id", field="project", queryset=Project.objects.all(), project_paths=("project_id",)
)
STORY_PARENT = Parent(url_kwarg="story_id", field="story", queryset=Story.objects.all(), project_paths=("project",))
SCENE_PARENT = Parent(
    url_kwarg="scene_id",
    field="scene",
    queryset=Scene.objects.select_related("story"),
    project_paths=("story__project",),
)


class NothingToCancel(ConflictError):
    code = "nothing_to_cancel"


class ProjectViewSet(ScopedViewSet):
    """Projects you are a member of. Anyone signed in may create one and becomes its owner."""

    queryset = Project.objects.all()
    serializer_class = s.ProjectSerializer
    project_paths = ("project_id",)
    write_role = Role.OWNER
    filterset_fields = {"name": ["exact", "icontains"]}
    ordering_fields = ("name", "created_at", "updated_at")

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        my_role = ProjectMembership.objects.filter(project=OuterRef("pk"), user=self.request.user).values("role")
        return queryset.annotate(role=Subquery(my_role[:1]))

    def perform_create(self, serializer):
        serializer.instance = services.project_create(user=self.request.user, **serializer.validated_data)
        serializer.instance.role = Role.OWNER


class MembershipViewSet(ScopedViewSet):
    """The members of a project: every member reads them, only owners change them."""

    queryset = ProjectMembership.objects.select_related("user")
    serializer_class = s.MembershipSerializer
    parent = PROJECT_PARENT
    write_role = Role.OWNER
    filterset_fields = ("role",)
    ordering_fields = ("created_at", "role")

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return s.MembershipUpdateSerializer
        return s.MembershipSerializer

    def perform_create(self, serializer):
        serializer.instance = services.membership_create(project=self.get_parent(), **serializer.validated_data)

    def perform_update(self, serializer):
        role = serializer.validated_data.get("role", serializer.instance.role)
        serializer.instance = services.membership_update(membership=serializer.instance, role=role)

    def perform_destroy(self, instance):
        services.membership_delete(membership=instance)


class StoryViewSet(ScopedViewSet):
    queryset = Story.objects.all()
    serializer_class = s.StorySerializer
    parent = PROJECT_PARENT
    filterset_fields = ("generation_status", "language")
    ordering_fields = ("title", "created_at", "updated_at")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        style = data.pop("default_image_style", None)
        with transaction.atomic():
            story = services.story_create(project=self.get_parent(), source_text=data.pop("source_text", ""), **data)
            if style is not None:
                story.default_image_style = style
                story.save(update_fields=["default_image_style", "updated_at"])
        serializer.instance = story

    @extend_schema(request=s.GenerationStartSerializer, responses={202: GraphRunSerializer})
    @action(detail=True, methods=["post"], throttle_scope="generation")
    def generate(self, request, pk=None):
        """Start building the story (scenes, characters, plans, renders): 202 with the run to poll.

        A second start while one is processing is refused with 409.
        """
        story = self.get_object()
        parameters = self.validated(s.GenerationStartSerializer).get("parameters")
        run = services.story_generation_start(
            story=story, parameters=parameters, actor=request.user, request_id=current_request_id()
        )
        response = accepted(GraphRunSerializer(run, context=self.get_serializer_context()).data, "run-detail", run)
        response["Link"] = f'<{reverse("story-progress", args=[story.pk])}>; rel="progress"'
        return response

    @extend_schema(responses=s.GenerationProgressSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        """Where the story's generation is: status, current node, step of total, the run and its error."""
        return Response(selectors.story_generation_progress(story=self.get_object()))

    @extend_schema(request=None, responses=GraphRunSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the story's running generation; its worker stops before the next step."""
        run = services.story_generation_cancel(story=self.get_object())
        if run is None:
            raise NothingToCancel("The story has no generation in progress.")
        run.refresh_from_db()
        return Response(GraphRunSerializer(run, context=self.get_serializer_context()).data)


class SceneViewSet(ScopedViewSet):
    queryset = Scene.objects.select_related("story")
    serializer_class = s.SceneSerializer
    parent = STORY_PARENT
    project_paths = ("story__project",)
    filterset_fields = ("scene_importance", "planning_locked", "environment")
    ordering_fields = ("scene_index", "created_at", "updated_at")

    def _set_lock(self, locked: bool):
        scene = services.scene_planning_lock_set(scene=self.get_object(), locked=locked)
        return Response(self.get_serializer(scene).data)

    def _start(self, graph: str):
        scene = self.get_object()
        parameters = self.validated(s.GenerationStartSerializer).get("parameters")
        run = services.scene_run_start(
            scene=scene, graph=graph, parameters=parameters, actor=self.request.user, request_id=current_request_id()
        )
        return accepted(GraphRunSerializer(run, context=self.get_serializer_context()).data, "run-detail", run)

    @extend_schema(request=s.GenerationStartSerializer, responses={202: GraphRunSerializer})
    @action(detail=True, methods=["post"], throttle_scope="generation")
    def plan(self, request, pk=None):
        """Plan the scene into panels (intent, panel plan, layout, semantics): 202 with the run to poll."""
        return self._start(GraphRun.Graph.SCENE_PLANNING)

    @extend_schema(request=s.GenerationStartSerializer, responses={202: GraphRunSerializer})
    @action(detail=True, methods=["post"], throttle_scope="generation")
    def render(self, request, pk=None):
        """Render the scene's panels and check their quality: 202 with the run to poll."""
        return self._start(GraphRun.Graph.SCENE_RENDER)

    @extend_schema(request=None, responses=s.SceneSerializer)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        """Lock the scene's planning: the pipeline keeps its artifacts and never re-plans it."""
        return self._set_lock(True)

    @extend_schema(request=None, responses=s.SceneSerializer)
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        return self._set_lock(False)


class EnvironmentViewSet(ScopedViewSet):
    """Environment anchors of your projects, and the shared ones (no project: written by staff)."""

    queryset = EnvironmentAnchor.objects.all()
    serializer_class = s.EnvironmentSerializer
    include_global = True
    filterset_fields = ("project", "anchor_type", "pinned")
    ordering_fields = ("name", "usage_count", "created_at")


class DialogueLayerViewSet(ScopedViewSet):
    queryset = DialogueLayer.objects.select_related("scene__story").order_by("created_at")
    serializer_class = s.DialogueLayerSerializer
    parent = SCENE_PARENT
    project_paths = ("scene__story__project",)
    ordering_fields = ("created_at",)


class LayerViewSet(ScopedViewSet):
    queryset = Layer.objects.select_related("scene__story")
    serializer_class = s.LayerSerializer
    parent = SCENE_PARENT
    project_paths = ("scene__story__project",)
    filterset_fields = ("layer_type",)
    ordering_fields = ("z_index", "created_at")
