"""The rules as validator of the LLM's answer (DESIGN section 4).

A checked task asks the LLM, then keeps its answer item by item only where it holds against the text
and the rules' answer; whatever the LLM missed or got wrong comes from the rules' answer instead. Each
check returns `(payload, report)`: the payload in the rules' shape, the report (kept in `_meta.checked`)
saying which strategy produced which part and what was refused.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from artifacts.pipeline.rules.lexicon import MOOD_COLORS
from artifacts.pipeline.rules.review import holds_gap
from artifacts.pipeline.rules.script import importance_of
from characters.analysis import never_a_character
from characters.analysis.models import GENDERS, ROLES

# A free-text detail (a pose, an outfit, a camera note) longer than this is a paragraph, not a detail:
# it would crowd the identity line or the panel prompt, so the rules' detail stays.
MAX_DETAIL = 200


class Item(BaseModel):
    model_config = ConfigDict(extra="ignore")


class NamedCharacter(Item):
    name: str = Field(min_length=1)
    aliases: Any = None
    gender: Any = None
    role: Any = None

    def alias_list(self) -> list[str]:
        """Aliases as given, forgiving one alias given as a bare string and skipping non-strings."""
        aliases = [self.aliases] if isinstance(self.aliases, str) else self.aliases
        return [" ".join(alias.split()) for alias in aliases or () if isinstance(alias, str)]


class SpokenBy(Item):
    quote: int = Field(ge=0)
    speaker: str | None = None


class Look(Item):
    name: str
    hair: Any = None
    outfit: Any = None
    build: Any = None


class FigureAnswer(Item):
    code: str
    pose: Any = None
    expression: Any = None


class PanelAnswer(Item):
    panel_index: int
    camera: Any = None
    environment: Any = None
    action: Any = None
    mood: Any = None
    characters: list = []


class BeatWeight(Item):
    beat_index: int
    weight: float = Field(ge=0, le=1)


def _items(raw, model: type[Item]) -> tuple[list, int]:
    """The entries of `raw` that fit `model`, and how many did not (a bad entry costs only itself)."""
    valid, invalid = [], 0
    for entry in raw if isinstance(raw, list) else []:
        try:
            valid.append(model.model_validate(entry))
        except ValidationError:
            invalid += 1
    return valid, invalid


def _detail(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value if 0 < len(value) <= MAX_DETAIL else None


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def occurs(form: str, text: str) -> bool:
    """`form` appears in `text` as a whole word (Latin script) or as a run of Hangul, which takes
    particles directly after it (민수가, 민수는), so no right boundary is asked of it."""
    pattern = re.escape(form)
    if form[:1].isascii() and form[:1].isalnum():
        pattern = r"(?<!\w)" + pattern
    if form[-1:].isascii() and form[-1:].isalnum():
        pattern += r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


# --- characters and speakers -----------------------------------------------------------------------


def check_characters(answer: dict, rules: dict, inputs: dict) -> tuple[dict, dict]:
    """Characters the LLM names are kept when their name or an alias occurs in the text (aliases that do
    not are dropped); the analyzer's characters the LLM missed are added; gender and role fall back to
    the analyzer's. A speaker must be a listed character, else the analyzer's speaker of that quote stands."""
    text = inputs["text"]
    named, invalid = _items(answer.get("characters"), NamedCharacter)
    kept: list[dict] = []
    dropped, not_a_person = [], []
    for item in named:
        name = " ".join(item.name.split())
        forms = list(dict.fromkeys(form for form in (name, *item.alias_list()) if form))
        found = [form for form in forms if occurs(form, text)]
        if not found:
            dropped.append(name)
            continue
        if never_a_character(name):  # in the text, but a day, a place or a nationality
            not_a_person.append(name)
            continue
        keys = {_key(form) for form in (name, *found)}
        same = next((character for character in kept if character["keys"] & keys), None)
        if same is not None:  # the LLM listed one person twice
            _add_aliases(same, found)
            continue
        kept.append(
            {
                "name": name,
                "aliases": [form for form in found if _key(form) != _key(name)],
                "gender": item.gender,
                "role": item.role,
                "keys": keys,
                "rules": None,
            }
        )
    from_llm = [character["name"] for character in kept]
    from_rules = []
    for character in rules["characters"]:
        forms = [character["name"], *character["aliases"]]
        keys = {_key(form) for form in forms}
        overlapping = [mine for mine in kept if mine["keys"] & keys]
        if not overlapping:
            kept.append({**character, "aliases": list(character["aliases"]), "keys": keys, "rules": character})
            from_rules.append(character["name"])
            continue
        # The same person: the analyzer's forms become aliases, so its speakers still resolve to them.
        match = next((mine for mine in overlapping if mine["rules"] is None), overlapping[0])
        match["rules"] = match["rules"] or character
        _add_aliases(match, forms)
    characters = [
        {
            "name": character["name"],
            "aliases": character["aliases"],
            "gender": _choice(character["gender"], GENDERS, character["rules"], "gender", "unknown"),
            "role": _choice(character["role"], ROLES, character["rules"], "role", "minor"),
        }
        for character in kept
    ]
    speakers, speaker_report = _speakers(answer, rules, characters)
    report = {
        "characters": {
            "llm": from_llm,
            "rules": from_rules,
            "not_in_text": dropped,
            "not_a_person": not_a_person,
            "invalid_entries": invalid,
        },
        "speakers": speaker_report,
    }
    return {"characters": characters, "speakers": speakers}, report


def _add_aliases(character: dict, forms: list[str]) -> None:
    for form in forms:
        key = _key(form)
        if key != _key(character["name"]) and all(key != _key(alias) for alias in character["aliases"]):
            character["aliases"].append(form)
        character["keys"].add(key)


def _choice(value, allowed: tuple[str, ...], rules: dict | None, field: str, default: str) -> str:
    """The LLM's value when it is one of `allowed` and says something; else the analyzer's, else `default`."""
    if value in allowed and value != default:
        return value
    if rules is not None:
        return rules[field]
    return value if value in allowed else default


def _speakers(answer: dict, rules: dict, characters: list[dict]) -> tuple[list[dict], dict]:
    names = {}
    for character in characters:
        for form in (character["name"], *character["aliases"]):
            names.setdefault(_key(form), character["name"])
    said = {item.quote: item.speaker for item in _items(answer.get("speakers"), SpokenBy)[0]}
    speakers, invalid = [], []
    llm = rules_count = 0
    for entry in rules["speakers"]:
        claimed = said.get(entry["quote"])
        speaker = names.get(_key(claimed)) if claimed else None
        if speaker is not None:
            llm += 1
        else:
            if claimed:
                invalid.append({"quote": entry["quote"], "speaker": claimed})
            speaker = names.get(_key(entry["speaker"])) if entry["speaker"] else None
            rules_count += 1
        speakers.append({"quote": entry["quote"], "speaker": speaker})
    return speakers, {"llm": llm, "rules": rules_count, "not_a_character": invalid}


# --- looks ---------------------------------------------------------------------------------------


def check_looks(answer: dict, rules: dict, inputs: dict) -> tuple[dict, dict]:
    """Each listed character's hair, outfit and build from the LLM when given as a short detail; any
    other detail, and any character the LLM skipped, from the rules. Names not listed are ignored."""
    listed = {}
    for character in inputs["characters"]:
        for form in (character["name"], *character.get("aliases", [])):
            listed.setdefault(_key(form), character["name"])
    looks, invalid = _items(answer.get("characters"), Look)
    answered, unknown = {}, []
    for look in looks:
        name = listed.get(_key(look.name))
        if name is None:
            unknown.append(look.name)
        else:
            answered.setdefault(name, look)
    characters, from_llm = [], {}
    for look in rules["characters"]:
        merged = dict(look)
        mine = answered.get(look["name"])
        for field in ("hair", "outfit", "build"):
            value = _detail(getattr(mine, field)) if mine else None
            if value:
                merged[field] = value
                from_llm.setdefault(look["name"], []).append(field)
        characters.append(merged)
    report = {"llm": from_llm, "not_listed": unknown, "invalid_entries": invalid}
    return {"characters": characters}, report


# --- panel semantics -----------------------------------------------------------------------------


def check_panel_semantics(answer: dict, rules: dict, inputs: dict) -> tuple[dict, dict]:
    """The plan's structure (panels, shots, framing, who is in each panel, the lines) is the rules'; the
    LLM may describe camera, environment, action, mood (one the palette knows) and each present
    character's pose and expression. Panels or characters not in the plan are ignored."""
    answered = {panel.panel_index: panel for panel in _items(answer.get("panels"), PanelAnswer)[0]}
    panels, from_llm, ignored = [], {}, []
    known = {panel["panel_index"] for panel in rules["panels"]}
    ignored.extend(f"panel {index}" for index in answered if index not in known)
    for panel in rules["panels"]:
        merged = {**panel, "characters": [dict(character) for character in panel["characters"]]}
        mine = answered.get(panel["panel_index"])
        fields = []
        if mine is not None:
            for field in ("camera", "environment", "action"):
                value = _detail(getattr(mine, field))
                if value:
                    merged[field] = value
                    fields.append(field)
            mood = (_detail(mine.mood) or "").lower()
            if mood in MOOD_COLORS:
                merged["mood"], merged["mood_color"] = mood, MOOD_COLORS[mood]
                fields.append("mood")
            figures = {figure.code: figure for figure in _items(mine.characters, FigureAnswer)[0]}
            present = {character["code"] for character in merged["characters"]}
            ignored.extend(f"panel {panel['panel_index']}: {code}" for code in figures if code not in present)
            for character in merged["characters"]:
                figure = figures.get(character["code"])
                for field in ("pose", "expression"):
                    value = _detail(getattr(figure, field)) if figure else None
                    if value:
                        character[field] = value
                        fields.append(f"{character['code']}.{field}")
        if fields:
            from_llm[str(panel["panel_index"])] = fields
        panels.append(merged)
    return {"panels": panels}, {"llm": from_llm, "ignored": ignored}


# --- critic --------------------------------------------------------------------------------------


def check_critic(answer: dict, rules: dict, inputs: dict) -> tuple[dict, dict]:
    """The LLM reweighs the beats; a beat holding a gap may not end below the rules' weight for it (the
    revision must show what the reader missed), and a beat it skipped keeps the rules' revision."""
    gaps = inputs["gaps"]
    weights = {beat.beat_index: round(beat.weight, 2) for beat in _items(answer.get("beats"), BeatWeight)[0]}
    beats, from_llm, from_rules = [], [], []
    for beat in rules["beats"]:
        weight = weights.get(beat["beat_index"])
        if weight is None or (holds_gap(beat, gaps) and weight < beat["weight"]):
            beats.append(beat)
            from_rules.append(beat["beat_index"])
            continue
        beats.append({**beat, "weight": weight, "importance": importance_of(weight)})
        from_llm.append(beat["beat_index"])
    return {"beats": beats}, {"llm": from_llm, "rules": from_rules}


CHECKS = {
    "characters": check_characters,
    "character_looks": check_looks,
    "panel_semantics": check_panel_semantics,
    "critic": check_critic,
}
