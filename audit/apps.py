from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from audit import capture
        from webtoon import request_id

        capture.connect_receivers()
        request_id.install_command_hook()
