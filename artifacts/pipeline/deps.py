"""Services of other apps the pipeline calls, through one door.

TEMPORARY: the fallback below stands in for `characters.services.character_cast_into_story`, which
the casting branch is landing; it goes away once that is merged.
"""

from __future__ import annotations

from django.db import transaction

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


__all__ = ["character_cast_into_story"]
