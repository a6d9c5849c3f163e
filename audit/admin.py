from django.contrib import admin

from audit.models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the application and never edited through it."""

    list_display = ["timestamp", "action", "entity_type", "entity_id", "actor", "request_id"]
    list_filter = ["action", "entity_type"]
    search_fields = ["=entity_id", "=request_id", "actor"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
