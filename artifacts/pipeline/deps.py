"""Services of other apps the pipeline calls, through one door.

TEMPORARY: the fallbacks below stand in for services other branches are landing
(artifacts.services, characters.services, styles.selectors) and go away once they are merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

try:
    from artifacts.services import artifact_version_create
except ImportError:  # pragma: no cover - replaced by the artifacts branch

    def artifact_version_create(*, scene, type, payload, parent=None, actor=None):
        from artifacts.models import Artifact

        with transaction.atomic():
            from projects.models import Scene

            # Lock the scene row: versions of one scene are numbered one writer at a time.
            Scene.objects.select_for_update().get(pk=scene.pk)
            latest = Artifact.objects.filter(scene=scene, type=type).order_by("-version").first()
            version = (latest.version + 1) if latest else 1
            return Artifact.objects.create(
                scene=scene,
                type=type,
                version=version,
                payload=payload,
                parent=parent or latest,
                created_by=str(actor or "system"),
                updated_by=str(actor or "system"),
            )


try:
    from characters.services import character_cast_into_story
except ImportError:  # pragma: no cover - replaced by the casting branch

    def character_cast_into_story(*, story, name, aliases, gender, role, **details):
        from characters.models import Character, StoryCharacter
        from projects.models import Project

        with transaction.atomic():
            project = Project.objects.select_for_update().get(pk=story.project_id)
            names = {name.lower(), *(alias.lower() for alias in aliases)}
            character = None
            for candidate in Character.objects.filter(project=project):
                known = {candidate.name.lower(), *(alias.lower() for alias in candidate.aliases)}
                if names & known:
                    character = candidate
                    break
            if character is None:
                project.character_code_seq += 1
                project.save(update_fields=["character_code_seq"])
                number, code = project.character_code_seq, ""
                while number:
                    number, rest = divmod(number - 1, 26)
                    code = chr(65 + rest) + code
                character = Character.objects.create(
                    project=project,
                    canonical_code=f"CHAR_{code}",
                    name=name,
                    display_name=name,
                    aliases=list(aliases),
                    gender=gender,
                    role=role if role in Character.Role.values else Character.Role.SECONDARY,
                    **details,
                )
            StoryCharacter.objects.get_or_create(story=story, character=character)
            return character


try:
    from styles.selectors import style_resolve_for_scene
except ImportError:  # pragma: no cover - replaced by the casting branch

    @dataclass
    class ResolvedStyle:
        preset: object
        config: dict
        decided_by: str

    def style_resolve_for_scene(*, scene, episode=None):
        if scene.image_style_override_id:
            return ResolvedStyle(scene.image_style_override, {}, "scene")
        if episode is not None and episode.default_image_style_id:
            return ResolvedStyle(episode.default_image_style, {}, "episode")
        if scene.story.default_image_style_id:
            return ResolvedStyle(scene.story.default_image_style, {}, "story")
        return ResolvedStyle(None, {}, "system")


__all__ = ["artifact_version_create", "character_cast_into_story", "style_resolve_for_scene"]
