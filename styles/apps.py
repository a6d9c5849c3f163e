from django.apps import AppConfig


class StylesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "styles"
    verbose_name = "Style presets"
