from django.db.models import F

from artifacts.models import ArtifactType
from artifacts.pipeline import brief as briefs
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce_per_scene
from audit import capture
from characters.services import character_cast_into_story, variant_suggestions_create
from episodes.models import Episode
from episodes.services import episode_compose
from projects.models import EnvironmentAnchor, Scene, Story


@pipeline_node("persist_story", message="Saving scenes, characters and the first episode", checkpointed=True)
def persist_story(state, ctx):
    """Characters through casting (canonical codes, dedup), then scenes, their places and the first
    episode in one transaction (its audit rows in one INSERT); a story that already has scenes keeps
    them (a resumed run)."""
    with capture.batched():
        story = Story.objects.select_for_update().get(pk=state["story_id"])
        for character in state["characters"]:
            character_cast_into_story(
                story=story,
                name=character["name"],
                aliases=character["aliases"],
                gender=character["gender"],
                role=character["role"],
                hair_description=character["hair_description"],
                base_outfit=character["base_outfit"],
                appearance=character["appearance"],
            )
        scenes = list(story.scenes.order_by("scene_index"))
        if not scenes:
            scenes = [_create_scene(story, split, state) for split in state["scenes"]]
        if not story.episodes.exists():
            episode_compose(episode=Episode.objects.create(story=story, title=story.title), scenes=scenes)
    codes = briefs.code_map(briefs.story_cast(story))
    produce_per_scene(
        ctx,
        node="persist_story",
        type=ArtifactType.DIALOGUE_SUGGESTIONS,
        scenes=scenes,
        state=state,
        codes=codes,
        build=lambda beats, codes: {"lines": briefs.suggested_lines(beats, codes)},
    )
    # Outfit, injury and mood changes the text mentions wait for an editor in admin and the API.
    variant_suggestions_create(story=story)
    return {"scene_ids": [str(scene.pk) for scene in scenes]}


def _create_scene(story, split: dict, state) -> Scene:
    text = state["text"]
    beats = [state["beats"][index] for index in split["beat_indexes"]]
    environment = None
    if split["location"]:
        environment, _ = EnvironmentAnchor.objects.get_or_create(
            project=story.project,
            name=split["location"],
            defaults={"description": f"The {split['location']}"},
        )
        EnvironmentAnchor.objects.filter(pk=environment.pk).update(usage_count=F("usage_count") + 1)
    return Scene.objects.create(
        story=story,
        scene_index=split["scene_index"],
        title=split["title"][:300],
        source_text="\n\n".join(text[beat["start"] : beat["end"]] for beat in beats),
        scene_importance=split["importance"],
        environment=environment,
    )
