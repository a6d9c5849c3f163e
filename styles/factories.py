import factory

from styles.models import StylePreset


class StylePresetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StylePreset

    project = None
    style_type = StylePreset.StyleType.IMAGE
    name = factory.Sequence(lambda n: f"style-{n}")
    label = factory.Sequence(lambda n: f"Style {n}")
    style_config = factory.LazyFunction(lambda: {"prompt": "clean line art", "palette": ["#222222", "#f5f0e6"]})
