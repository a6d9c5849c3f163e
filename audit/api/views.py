from django.db.models import Q
from rest_framework import mixins, viewsets

from artifacts.models import Artifact, GraphRun
from audit.api.serializers import AuditLogSerializer
from audit.models import AuditLog
from characters.models import Character, CharacterReferenceImage, CharacterVariant
from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from projects.models import DialogueLayer, EnvironmentAnchor, Layer, Project, ProjectMembership, Scene, Story
from projects.selectors import scope_for_user
from styles.models import StylePreset

# Audit rows name their entity by id only; a user reads the trail of the rows they can see.
AUDITED_ROWS = (
    (Project, ("project_id",)),
    (ProjectMembership, ("project",)),
    (Story, ("project",)),
    (Scene, ("story__project",)),
    (DialogueLayer, ("scene__story__project",)),
    (Layer, ("scene__story__project",)),
    (EnvironmentAnchor, ("project",)),
    (Character, ("project",)),
    (CharacterVariant, ("character__project",)),
    (CharacterReferenceImage, ("character__project",)),
    (Artifact, ("scene__story__project",)),
    (GraphRun, ("story__project", "scene__story__project")),
    (StylePreset, ("project",)),
    (Episode, ("story__project",)),
    (EpisodeScene, ("episode__story__project",)),
    (EpisodeAsset, ("episode__story__project",)),
    (ExportJob, ("episode__story__project", "scene__story__project")),
)


class AuditLogViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The change history: staff read all of it, others the changes of rows in their projects."""

    lookup_value_converter = "uuid"
    queryset = AuditLog.objects.all()
    serializer_class = AuditLogSerializer
    filterset_fields = ("entity_type", "entity_id", "action", "actor", "request_id")
    ordering_fields = ("timestamp",)

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or user.is_staff:
            return self.queryset.all()
        visible = Q()
        for model, paths in AUDITED_ROWS:
            ids = scope_for_user(model.objects.all(), user=user, project_paths=paths).values("pk")
            visible |= Q(entity_id__in=ids)
        return self.queryset.filter(visible)
