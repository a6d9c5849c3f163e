"""The webtoon script from the text: beats with narrative weight, dialogue, narration and sound effects,
and the split of those beats into scenes within a budget."""

from __future__ import annotations

import math
import re

from characters.analysis.text import paragraph_spans

from . import lexicon

QUOTE_STRIP = re.compile(r"^[\"'“”‘’「」『』]+|[\"'“”‘’「」『』]+$")
MARKDOWN = re.compile(r"[*_`]+")


def write_script(*, text: str, quotes: list[dict], characters: list[dict]) -> dict:
    """One beat per paragraph; markers and headings become scene breaks and are not beats."""
    beats: list[dict] = []
    pending_break, heading = False, ""
    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        lines = [line for line in paragraph.splitlines() if line.strip()]
        marker_lines = [line for line in lines if lexicon.SCENE_MARKER.match(line)]
        if marker_lines and len(marker_lines) == len(lines):
            found = lexicon.HEADING.match(marker_lines[-1])
            # The first level-one heading is the story's title, not a scene break.
            if found and len(found.group(1)) == 1 and not beats:
                continue
            pending_break = bool(beats)
            heading = found.group(2) if found else heading
            continue
        beat = _beat(text, start, end, quotes, characters)
        opener = lexicon.SHIFT_OPENERS.match(beat["narration"] or paragraph.lstrip('"“ '))
        beat["scene_break"] = bool(beats) and (pending_break or (opener is not None and not beats[-1]["scene_break"]))
        beat["heading"] = heading if (beat["scene_break"] or not beats) else ""
        beat["beat_index"] = len(beats)
        beats.append(beat)
        pending_break, heading = False, ""
    _carry_pronoun_subjects(beats, characters)
    return {"beats": beats}


# A paragraph led by a personal pronoun goes on about someone already in the scene.
PRONOUN_LEAD = re.compile(r"^(?:(?P<she>She|그녀(?:는|가|의|도)?\s)|(?P<he>He|그(?:는|가|도)\s)|(?P<they>They)\b)")
PRONOUN_GENDER = {"she": "female", "he": "male"}
# How many paragraphs back the one a pronoun points at may be.
PRONOUN_REACH = 3


def _carry_pronoun_subjects(beats: list[dict], characters: list[dict]) -> None:
    """A beat naming nobody whose narration opens with a pronoun ("She jumped the gap", "그는 달렸다")
    shows the character it points at: the latest of the scene's earlier characters whose gender fits;
    failing that, the only character of the beat just before when nobody's gender is known."""
    genders = {character["name"]: character.get("gender", "unknown") for character in characters}
    for index, beat in enumerate(beats):
        lead = PRONOUN_LEAD.match(beat["narration"])
        if beat["characters"] or beat["dialogue"] or beat["scene_break"] or not lead:
            continue
        wanted = PRONOUN_GENDER.get(lead.lastgroup)
        earlier = []
        for before in reversed(beats[max(0, index - PRONOUN_REACH) : index]):
            earlier.append(before)
            if before["scene_break"]:
                break
        for before in earlier:
            fitting = [name for name in before["characters"] if wanted is None or genders.get(name) == wanted]
            if fitting:
                beat["characters"] = fitting if wanted is None else fitting[:1]
                break
        else:
            last = earlier[0]["characters"] if earlier else []
            if len(last) == 1 and genders.get(last[0], "unknown") == "unknown":
                beat["characters"] = list(last)


def _beat(text: str, start: int, end: int, quotes: list[dict], characters: list[dict]) -> dict:
    paragraph = text[start:end]
    inside = [quote for quote in quotes if start <= quote["start"] < end]
    dialogue = [
        {"speaker": quote.get("speaker"), "text": _clean(quote["text"]), "kind": quote.get("kind", "speech")}
        for quote in inside
    ]
    narration = paragraph
    for quote in sorted(inside, key=lambda quote: quote["start"], reverse=True):
        narration = narration[: quote["start"] - start] + " " + narration[quote["end"] - start :]
    # Who is named outside the quotes or speaks is there; a name only spoken of ("Grandma's key",
    # "Father?") may be far away.
    present = _characters_in(narration, characters) | {line["speaker"] for line in dialogue if line["speaker"]}
    narration = _clean_narration(narration)
    weight = _weight(paragraph, dialogue)
    return {
        "start": start,
        "end": end,
        "text": MARKDOWN.sub("", paragraph).strip(),
        "summary": (lexicon.sentences(narration) or [narration or (dialogue[0]["text"] if dialogue else "")])[0][:200],
        "weight": weight,
        "importance": importance_of(weight),
        "characters": sorted(present, key=lambda name: paragraph.find(name.split()[-1]) % (len(paragraph) + 1)),
        "dialogue": dialogue,
        "narration": narration,
        "sfx": sorted({sound for word, sound in lexicon.SFX.items() if word in paragraph.lower()}),
        # From the narration only: a place or a time someone talks about is not where the scene is.
        "location": _location(narration),
        "time_of_day": _time_of_day(narration),
    }


def _clean(quote: str) -> str:
    return QUOTE_STRIP.sub("", quote.strip()).strip().rstrip(",")


# A speech tag left by a removed quote, up to the end of its sentence.
SPEECH_TAG = re.compile(
    r"(^|[.!?]\s+)[,\s]*(?:[A-Z]\w*|she|he|they|I)\s+(?:said|called|asked|whispered|answered|"
    r"replied|shouted|cried)\b(?P<rest>[^.!?]*)(?P<end>[.!?]?)"
)
# What a tag's sentence goes on to tell after a comma ("..., stepping into the kitchen", "..., and the lamp went out").
TAG_CLAUSE = re.compile(r"^\s*[,;]\s+(?:(?:and|then)\s+)?(?P<clause>\S.*)$")


def _without_tag(found: re.Match) -> str:
    """A speech tag ("she said.") carries no picture of its own and goes; a clause after it stays."""
    clause = TAG_CLAUSE.match(found.group("rest"))
    if not clause or not lexicon.words(clause.group("clause")):
        return found.group(1)
    text = clause.group("clause").strip()
    return f"{found.group(1)}{text[0].upper()}{text[1:]}{found.group('end') or '.'}"


def _clean_narration(narration: str) -> str:
    narration = MARKDOWN.sub("", narration)
    narration = SPEECH_TAG.sub(_without_tag, narration)
    narration = re.sub(r"\s+", " ", narration).strip(" ,")
    return narration if lexicon.words(narration) else ""


def _characters_in(paragraph: str, characters: list[dict]) -> set[str]:
    found = set()
    for character in characters:
        for form in [character["name"], *character.get("aliases", [])]:
            if form and re.search(rf"(?<!\w){re.escape(form)}", paragraph):
                found.add(character["name"])
                break
    return found


def _weight(paragraph: str, dialogue: list[dict]) -> float:
    lowered = paragraph.lower()
    intensity = sum(1 for word in lexicon.INTENSE if word in lowered)
    marks = paragraph.count("!") + paragraph.count("?")
    weight = 0.3 + 0.15 * min(intensity, 3) + 0.05 * min(marks, 3) + 0.04 * min(len(dialogue), 3)
    return round(min(weight, 1.0), 2)


def importance_of(weight: float) -> str:
    if weight >= 0.75:
        return "critical"
    if weight >= 0.6:
        return "high"
    if weight >= 0.4:
        return "medium"
    return "low"


# A Korean place noun stands alone or takes particles (항구에는): 산 is no place inside 우산 (umbrella), nor
# 방 inside 방금 (just now).
KOREAN_PARTICLES = "에서|에게|에|으로|로|은|는|이|가|을|를|의|도|까지|부터|마다|처럼|보다|과|와|이나|나|만"


def _place_pattern(place: str) -> str:
    if place.isascii():
        return rf"(?<!\w){re.escape(place)}(?!\w)(?! master| keeper)"
    return rf"(?<![가-힣]){re.escape(place)}(?:{KOREAN_PARTICLES}){{0,2}}(?![가-힣])"


def _location(paragraph: str) -> str:
    """The first place of the lexicon (ordered from landmarks to rooms) named in lower case: a capital
    marks a name ("Mina Park"), and a place used as a title ("harbor master") is a person."""
    for place in lexicon.PLACES:
        if re.search(_place_pattern(place), paragraph):
            return place
    return ""


def _time_of_day(paragraph: str) -> str:
    lowered = paragraph.lower()
    for word, time_of_day in lexicon.TIMES.items():
        if re.search(rf"(?<!\w){re.escape(word)}", lowered):
            return time_of_day
    return ""


def split_scenes(*, beats: list[dict], max_scenes: int) -> dict:
    """Group beats at scene breaks, then merge the weakest scenes into a neighbour until within budget.

    A scene's strength is its strongest beat, so emotional peaks keep their own scene longest.
    """
    groups: list[list[dict]] = []
    for beat in beats:
        if not groups or beat["scene_break"]:
            groups.append([])
        groups[-1].append(beat)
    while len(groups) > max_scenes:
        weakest = min(range(len(groups)), key=lambda i: (max(b["weight"] for b in groups[i]), len(groups[i])))
        neighbour = (
            weakest - 1
            if weakest == len(groups) - 1
            else (weakest + 1 if weakest == 0 or len(groups[weakest + 1]) <= len(groups[weakest - 1]) else weakest - 1)
        )
        first, second = sorted((weakest, neighbour))
        groups[first : second + 1] = [groups[first] + groups[second]]
    _split_overlong(groups, max_scenes)
    location = ""
    scenes = []
    for index, group in enumerate(groups):
        # A scene cut from a longer one goes on where it was unless it opens somewhere new: a place
        # mentioned later in it ("a tractor passed on the road") is not where it is.
        if index > 0 and not group[0]["scene_break"]:
            location = _opening_place(group[0]) or location
        else:
            location = next((beat["location"] for beat in group if beat["location"]), location)
        time_of_day = next((beat["time_of_day"] for beat in group if beat["time_of_day"]), "")
        peak = max(group, key=lambda beat: beat["weight"])
        scenes.append(
            {
                "scene_index": index,
                "beat_indexes": [beat["beat_index"] for beat in group],
                "title": group[0]["heading"] or _title(location, time_of_day, index),
                "importance": peak["importance"],
                "location": location,
                "time_of_day": time_of_day,
            }
        )
    return {"scenes": scenes}


# Panels a scene's beats may need before it is cut in two: a scene is planned into at most 12 panels,
# one of which establishes the place.
SCENE_PANELS = 11


def _panel_need(beat: dict) -> int:
    """Panels a beat needs: one, or one per two lines of its dialogue."""
    return max(1, math.ceil(len(beat["dialogue"]) / 2))


def _split_overlong(groups: list[list[dict]], max_scenes: int) -> None:
    """Cut in two, in place, every scene whose beats need more panels than a scene holds, while the
    budget allows: a story without markers would otherwise lose whole exchanges to panel merges."""
    while len(groups) < max_scenes:
        index = next(
            (i for i, group in enumerate(groups) if len(group) > 1 and sum(map(_panel_need, group)) > SCENE_PANELS),
            None,
        )
        if index is None:
            return
        group = groups[index]
        groups[index : index + 1] = [group[: _cut(group)], group[_cut(group) :]]


def _cut(group: list[dict]) -> int:
    """Where the scene turns nearest its middle: a paragraph opening at a place, else one without dialogue,
    else the beat that halves the panels."""
    total = sum(map(_panel_need, group))
    best, best_score = 1, math.inf
    before = 0
    for position in range(1, len(group)):
        before += _panel_need(group[position - 1])
        beat = group[position]
        score = (
            abs(before - total / 2) - (total / 4 if _opening_place(beat) else 0) - (1 if not beat["dialogue"] else 0)
        )
        if score < best_score:
            best, best_score = position, score
    return best


def _opening_place(beat: dict) -> str:
    """The place a paragraph's first sentence names: where it opens, not somewhere seen from there."""
    first = lexicon.sentences(beat["narration"])[:1]
    return _location(first[0]) if first else ""


def _title(location: str, time_of_day: str, index: int) -> str:
    if location and not location.isascii():
        return location  # a Korean place name reads as a title by itself
    if location:
        return f"The {location}" + (f", {time_of_day}" if time_of_day else "")
    return f"Scene {index + 1}"
