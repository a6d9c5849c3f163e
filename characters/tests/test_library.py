import pytest

from characters.exceptions import ActorNotInLibrary, CharacterOutOfScope
from characters.factories import ActorFactory, CharacterReferenceImageFactory
from characters.models import Character, StoryCharacter
from characters.selectors import actor_list
from characters.services import (
    character_cast_actor,
    character_cast_into_story,
    character_save_to_library,
    character_update,
)
from projects.factories import ProjectFactory, StoryFactory


@pytest.fixture
def mina(db):
    story = StoryFactory()
    mina = character_cast_into_story(
        story=story,
        name="Mina",
        aliases=["민아"],
        gender="female",
        age_range="young_adult",
        hair_description="short black hair",
        base_outfit="a yellow raincoat",
        appearance={"eyes": "brown"},
    )
    CharacterReferenceImageFactory(character=mina, is_primary=True, approved=True)
    return mina


@pytest.mark.django_db
class TestSaveToLibrary:
    def test_it_makes_a_global_actor_with_the_look_and_references(self, mina):
        actor = character_save_to_library(character=mina)

        assert (actor.project_id, actor.canonical_code, actor.is_library_saved) == (None, "", True)
        assert (actor.name, actor.hair_description, actor.base_outfit) == (
            "Mina",
            "short black hair",
            "a yellow raincoat",
        )
        assert actor.identity_line == Character.objects.get(pk=mina.pk).identity_line
        assert actor.reference_images.get().is_primary
        assert actor.variants.get().is_default
        assert Character.objects.get(pk=mina.pk).source_actor_id == actor.pk

    def test_saving_again_updates_the_same_actor(self, mina):
        actor = character_save_to_library(character=mina)
        character_update(character=mina, data={"base_outfit": "a grey hoodie"})

        again = character_save_to_library(character=Character.objects.get(pk=mina.pk))

        assert again.pk == actor.pk
        assert Character.objects.filter(project__isnull=True).count() == 1
        assert "grey hoodie" in Character.objects.get(pk=actor.pk).identity_line


@pytest.mark.django_db
class TestCastActor:
    def test_it_makes_a_coded_project_character_that_keeps_the_actors_look(self, mina):
        actor = character_save_to_library(character=mina)
        story = StoryFactory()

        cast = character_cast_actor(actor=actor, project=story.project, story=story)

        assert (cast.project_id, cast.canonical_code, cast.source_actor_id) == (story.project_id, "CHAR_A", actor.pk)
        assert (cast.hair_description, cast.appearance, cast.aliases) == (
            "short black hair",
            {"eyes": "brown"},
            ["민아"],
        )
        assert cast.identity_line == actor.identity_line
        assert cast.reference_images.get().image_url == actor.reference_images.get().image_url
        assert StoryCharacter.objects.filter(story=story, character=cast).exists()

    def test_casting_the_same_actor_twice_returns_the_first_casting(self, mina):
        actor = character_save_to_library(character=mina)
        project = ProjectFactory()

        first = character_cast_actor(actor=actor, project=project)
        second = character_cast_actor(actor=actor, project=project)

        assert first.pk == second.pk
        assert Character.objects.filter(project=project).count() == 1

    def test_it_refuses_a_project_character_as_actor(self, mina):
        with pytest.raises(ActorNotInLibrary):
            character_cast_actor(actor=mina, project=ProjectFactory())

    def test_it_refuses_a_story_of_another_project(self, mina):
        actor = character_save_to_library(character=mina)
        project = ProjectFactory()

        with pytest.raises(CharacterOutOfScope):
            character_cast_actor(actor=actor, project=project, story=StoryFactory())

        assert not Character.objects.filter(project=project).exists()


@pytest.mark.django_db
class TestActorList:
    def test_it_lists_only_saved_global_actors(self, mina):
        saved = ActorFactory(name="Captain Ahn")
        ActorFactory(name="Unsaved", is_library_saved=False)

        assert list(actor_list()) == [saved]

    @pytest.mark.parametrize("term", ["ahn", "Captain", "harbor", "안선장"])
    def test_it_searches_names_descriptions_and_identity_lines(self, db, term):
        ActorFactory(name="Captain Ahn", display_name="안선장", description="Harbor master of Incheon.")
        ActorFactory(name="Mina")

        assert [actor.name for actor in actor_list(search=term)] == ["Captain Ahn"]

    def test_it_searches_aliases(self, db):
        ActorFactory(name="Joon", aliases=["The Fox"])

        assert [actor.name for actor in actor_list(search="fox")] == ["Joon"]
