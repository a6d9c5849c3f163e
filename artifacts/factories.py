import factory

from artifacts.models import Artifact, ArtifactType, GraphRun, Image
from projects.factories import SceneFactory, StoryFactory


class ArtifactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Artifact

    scene = factory.SubFactory(SceneFactory)
    type = ArtifactType.SCENE_INTENT
    version = 1
    payload = factory.LazyFunction(lambda: {"summary": "Mina reaches the lighthouse.", "mood": "tense"})


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    artifact = factory.SubFactory(ArtifactFactory, type=ArtifactType.RENDER_RESULT)
    image_url = factory.Sequence(lambda n: f"/media/images/panel-{n}.png")
    metadata = factory.LazyFunction(lambda: {"width": 800, "height": 600, "panel_index": 0})


class GraphRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraphRun

    graph = GraphRun.Graph.STORY_BUILD
    story = factory.SubFactory(StoryFactory)
    parameters = factory.LazyFunction(lambda: {"mode": "full", "max_scenes": 6})
