from rest_framework import serializers

from audit.models import AuditLog


class AuditLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditLog
        fields = (
            "audit_id",
            "entity_type",
            "entity_id",
            "action",
            "actor",
            "request_id",
            "old_value",
            "new_value",
            "timestamp",
        )
        read_only_fields = fields
