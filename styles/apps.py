from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def ensure_system_presets(sender, apps=global_apps, **kwargs):
    # `flush` (and so every transactional test) empties the tables, then emits post_migrate:
    # the shipped presets come back here, as they would after `migrate` on a fresh database.
    from styles.system_presets import install_system_presets

    install_system_presets(apps.get_model("styles", "StylePreset"))


class StylesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "styles"
    verbose_name = "Style presets"

    def ready(self):
        post_migrate.connect(ensure_system_presets, sender=self, dispatch_uid="styles.ensure_system_presets")
