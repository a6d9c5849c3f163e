import factory

from episodes.models import Episode, EpisodeAsset, EpisodeScene, ExportJob
from projects.factories import SceneFactory, StoryFactory


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    story = factory.SubFactory(StoryFactory)
    title = factory.Sequence(lambda n: f"Episode {n}")


class EpisodeSceneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EpisodeScene

    episode = factory.SubFactory(EpisodeFactory)
    scene = factory.SubFactory(SceneFactory, story=factory.SelfAttribute("..episode.story"))
    order_index = factory.Sequence(lambda n: n)


class EpisodeAssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EpisodeAsset

    episode = factory.SubFactory(EpisodeFactory)
    asset_type = EpisodeAsset.AssetType.COVER
    asset_id = factory.Faker("uuid4", cast_to=None)


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    episode = factory.SubFactory(EpisodeFactory)
    format = ExportJob.Format.WEBTOON
