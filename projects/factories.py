import factory
from django.contrib.auth import get_user_model

from projects.models import DialogueLayer, EnvironmentAnchor, Layer, Project, ProjectMembership, Scene, Story


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def persist_password(user, create, extracted, **kwargs):
        if create:
            user.save(update_fields=["password"])


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Project {n}")
    description = "A test project."


class ProjectMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectMembership.Role.EDITOR


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Story {n}")
    source_text = 'Mina climbed the lighthouse stairs. "Is anyone there?" she called.'


class EnvironmentAnchorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnvironmentAnchor

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Location {n}")
    description = "A narrow stone lighthouse on a cliff, storm clouds overhead."
    locked_elements = factory.LazyFunction(lambda: ["red door", "spiral staircase"])


class SceneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scene

    story = factory.SubFactory(StoryFactory)
    scene_index = factory.Sequence(lambda n: n)
    source_text = "The storm rolled in over the harbor."


class DialogueLayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueLayer

    scene = factory.SubFactory(SceneFactory)
    bubbles = factory.LazyFunction(
        lambda: [{"panel_index": 0, "type": "speech", "speaker": "CHAR_A", "text": "Is anyone there?"}]
    )


class LayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Layer

    scene = factory.SubFactory(SceneFactory)
    layer_type = Layer.LayerType.BACKGROUND
    layer_objects = factory.LazyFunction(lambda: [{"kind": "rect", "x": 0, "y": 0, "w": 1, "h": 1}])
