"""The scene brief: everything scene planning reads, gathered from the rows and artifacts of a scene.

Planning reads only this, so a scene plans the same way inside a story build, from `plan_scene`, or
on a worker of its own.
"""

from __future__ import annotations

from artifacts.models import ArtifactType
from artifacts.pipeline.rules import script as script_rules
from artifacts.pipeline.store import latest
from characters.selectors import character_effective_attributes, character_list_for_story


def story_cast(story) -> list[dict]:
    """The story's characters as its scenes render them: the active variant's look (an outfit change,
    an injury) is already merged into each identity line."""
    cast = []
    for character in character_list_for_story(story=story):
        look = character_effective_attributes(character=character, story=story)
        cast.append(
            {
                "code": look["code"],
                "name": look["name"],
                "aliases": list(character.aliases),
                "identity_line": look["identity_line"],
                "variant_id": look["variant_id"],
            }
        )
    return cast


def brief_sources(scene) -> dict:
    """What the scene's brief is made from, the part that keys what is made of it: two queries where
    the whole brief takes a dozen."""
    return _sources(scene, latest(scene, ArtifactType.VISUAL_PLAN), latest(scene, ArtifactType.DIALOGUE_SUGGESTIONS))


def _sources(scene, visual_plan, suggestions) -> dict:
    if visual_plan is not None and suggestions is not None:
        return {"visual_plan": str(visual_plan.pk), "dialogue_suggestions": str(suggestions.pk)}
    return {"source_text": scene.source_text}


def scene_brief(scene) -> dict:
    cast = story_cast(scene.story)
    visual_plan = latest(scene, ArtifactType.VISUAL_PLAN)
    suggestions = latest(scene, ArtifactType.DIALOGUE_SUGGESTIONS)
    sources = _sources(scene, visual_plan, suggestions)
    if "visual_plan" in sources:
        beats = visual_plan.payload["beats"]
        lines = suggestions.payload["lines"]
    else:
        beats, lines = beats_from_text(scene.source_text, cast)
    derived = script_rules.write_script(text=scene.source_text, quotes=[], characters=[])["beats"]
    previous = scene.story.scenes.filter(scene_index__lt=scene.scene_index).order_by("-scene_index").first()
    return {
        "scene_id": str(scene.pk),
        "scene_index": scene.scene_index,
        "title": scene.title or f"Scene {scene.scene_index + 1}",
        "source_text": scene.source_text,
        "importance": scene.scene_importance,
        "location": scene.environment.name if scene.environment_id else _first(derived, "location"),
        "time_of_day": _first(derived, "time_of_day"),
        "environment": scene.environment.description if scene.environment_id else "",
        "previous_location": (previous.environment.name if previous and previous.environment_id else None),
        "beats": beats,
        "lines": lines,
        "cast": cast,
        "sources": sources,
    }


def _first(beats: list[dict], key: str) -> str:
    return next((beat[key] for beat in beats if beat[key]), "")


def beats_from_text(text: str, cast: list[dict]) -> tuple[list[dict], list[dict]]:
    """Beats and lines of a scene that has no visual plan yet (made by hand, or built characters-only)."""
    from characters.analysis import analyze

    analysis = analyze(text)
    quotes = [
        {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "kind": q.kind} for q in analysis.quotes
    ]
    people = [{"name": member["name"], "aliases": member["aliases"]} for member in cast]
    script = script_rules.write_script(text=text, quotes=quotes, characters=people)
    codes = code_map(cast)
    return visual_beats(script["beats"], codes), suggested_lines(script["beats"], codes)


def code_map(cast: list[dict]) -> dict[str, str]:
    """Every name and alias of the cast, mapped to its canonical code."""
    codes = {}
    for member in cast:
        for form in (member["name"], *member.get("aliases", [])):
            codes.setdefault(form, member["code"])
    return codes


def visual_beats(beats: list[dict], codes: dict[str, str]) -> list[dict]:
    return [
        {
            "beat_index": position,
            "description": beat["text"],
            "importance": beat["importance"],
            "weight": beat["weight"],
            "characters": list(dict.fromkeys(codes[name] for name in beat["characters"] if name in codes)),
        }
        for position, beat in enumerate(beats)
    ]


def suggested_lines(beats: list[dict], codes: dict[str, str]) -> list[dict]:
    lines = []
    for beat in beats:
        if beat["narration"] and not beat["dialogue"]:
            lines.append({"speaker": None, "text": beat["narration"], "kind": "narration", "panel_index": None})
        for line in beat["dialogue"]:
            if line["text"]:
                lines.append(
                    {
                        "speaker": codes.get(line["speaker"]),
                        "text": line["text"],
                        "kind": line.get("kind", "speech"),
                        "panel_index": None,
                    }
                )
        lines.extend({"speaker": None, "text": sound, "kind": "sfx", "panel_index": None} for sound in beat["sfx"])
    return lines
