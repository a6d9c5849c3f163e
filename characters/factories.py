import factory

from characters.models import (
    Character,
    CharacterReferenceImage,
    CharacterVariant,
    CharacterVariantSuggestion,
    StoryCharacter,
)
from characters.services.casting import canonical_code_for
from projects.factories import ProjectFactory, StoryFactory


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    project = factory.SubFactory(ProjectFactory)
    canonical_code = factory.Sequence(lambda n: canonical_code_for(n + 1))
    name = factory.Sequence(lambda n: f"Character {n}")
    display_name = factory.LazyAttribute(lambda character: character.name)
    role = Character.Role.SECONDARY
    gender = Character.Gender.FEMALE
    age_range = Character.AgeRange.YOUNG_ADULT
    hair_description = "short black hair"
    base_outfit = "yellow raincoat"
    appearance = factory.LazyFunction(lambda: {"eyes": "brown", "build": "slim"})


class ActorFactory(CharacterFactory):
    """A global actor of the library: no project, no canonical code."""

    project = None
    canonical_code = ""
    is_library_saved = True
    approved = True


class StoryCharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryCharacter

    story = factory.SubFactory(StoryFactory)
    character = factory.SubFactory(CharacterFactory, project=factory.SelfAttribute("..story.project"))


class CharacterReferenceImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharacterReferenceImage

    character = factory.SubFactory(CharacterFactory)
    image_url = factory.Sequence(lambda n: f"https://images.example.com/ref-{n}.png")
    ref_type = CharacterReferenceImage.RefType.FACE


class CharacterVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharacterVariant

    character = factory.SubFactory(CharacterFactory)
    story = None
    variant_type = CharacterVariant.VariantType.OUTFIT_CHANGE
    variant_name = factory.Sequence(lambda n: f"Look {n}")
    traits = factory.LazyFunction(lambda: {"outfit": "winter coat", "mood": "determined"})
    override_attributes = factory.LazyFunction(lambda: {"base_outfit": "winter coat"})


class CharacterVariantSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharacterVariantSuggestion

    story = factory.SubFactory(StoryFactory)
    character = factory.SubFactory(CharacterFactory, project=factory.SelfAttribute("..story.project"))
    variant_type = CharacterVariant.VariantType.OUTFIT_CHANGE
    override_attributes = factory.LazyFunction(lambda: {"base_outfit": "soaked raincoat"})
    reason = "The text says her raincoat is soaked through."
