from django.db import migrations

from styles.system_presets import install_system_presets


def forwards(apps, schema_editor):
    install_system_presets(apps.get_model("styles", "StylePreset"))


def backwards(apps, schema_editor):
    StylePreset = apps.get_model("styles", "StylePreset")
    # Leaves first: parent is PROTECT.
    for preset in StylePreset.objects.filter(is_system=True).order_by("-level"):
        preset.delete()


class Migration(migrations.Migration):
    dependencies = [("styles", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
