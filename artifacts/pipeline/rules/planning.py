"""Scene planning by rules: intent, panel plan with shot grammar, normalisation, panel semantics and
a draft dialogue layer. Every function takes the scene brief (see `nodes.scene_brief`) and returns a
payload of the artifact contract."""

from __future__ import annotations

import math
import re

from artifacts.pipeline.qc import LIMITS

from . import lexicon
from .mood import scene_mood

CLOSE = {"close_up", "extreme_close_up"}
FRAMING_BY_SHOT = {
    "establishing": "extreme_wide",
    "dialogue_medium": "medium",
    "emotion_closeup": "close_up",
    "action": "wide",
    "reaction": "medium_close",
    "object_focus": "extreme_close_up",
    "reveal": "wide",
    "impact_silence": "medium",
}
CAMERA_BY_SHOT = {
    "establishing": "high angle, static wide view",
    "dialogue_medium": "eye level, over the shoulder",
    "emotion_closeup": "eye level, tight on the face",
    "action": "low angle, dynamic, motion lines",
    "reaction": "eye level, slight push in",
    "object_focus": "top-down insert",
    "reveal": "low angle, slow reveal",
    "impact_silence": "locked off, empty space around the subject",
}
FRAMINGS = ["extreme_wide", "wide", "medium", "medium_close", "close_up", "extreme_close_up"]
MAX_LINE_WORDS = 15
# A single quote inside a word is an apostrophe ("sister's", "He'll"), never a quotation mark.
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)'[^']*'(?!\w)|‘[^’]*’")
FIRST_PERSON = re.compile(
    r"(?<!\w)(I|I'm|I'd|I've|my|me|myself)(?!\w)|(?<![가-힣])(나는|내가|나를|나의|나도|내)(?![가-힣])"
)
SPEECH_VERBS = (
    r"(?:said|says|asked|asks|replied|answered|whispered|shouted|muttered|murmured|snapped|called|cried|"
    r"repeated|read|added|began|continued|yelled|admitted|insisted|told \w+)"
)
SPEAKER = r"(?:[A-Z][\w.'’]*(?:\s+[A-Z][\w'’]*)*|she|he|they|I|we|(?:the|a|an)\s+[a-z]+(?:\s+[a-z]+)?)"
ADVERB = r"(?:\s+(?:\w+ly|finally|again|at last|at once|too|back))?"
TAG_REST = r"(?P<rest>(?:[,;]\s+|\s+(?:from|by|at|in|on|with|behind|as|under|over|through|without)\s+).*?)?"
SPEECH_TAG = re.compile(rf"^[,\s]*(?P<who>{SPEAKER})\s+{SPEECH_VERBS}{ADVERB}{TAG_REST}[.!?,]*$")
INVERTED_TAG = re.compile(rf"^[,\s]*{SPEECH_VERBS}\s+(?P<who>{SPEAKER}){ADVERB}(?P<rest>\s+.*?)?[.!?,]*$")
ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
CLAUSE_END = re.compile(r"(?<=[,;:—])\s+")
# Bubbles one panel holds before a merge would crowd it; a merge past it still keeps every line.
PANEL_LINES = 2


def scene_intent(brief: dict) -> dict:
    text = brief["source_text"]
    narration = [s for beat in brief["beats"] for s in _pictured(beat["description"])]
    lowered = text.lower()
    peak = max(brief["beats"], key=lambda beat: beat["weight"]) if brief["beats"] else None
    action_hits = sum(1 for word in lexicon.ACTION_WORDS if word in lowered)
    average = sum(len(lexicon.words(s)) for s in narration) / max(len(narration), 1)
    pace = "fast" if action_hits >= 3 or (average and average < 9) else ("slow" if average > 18 else "normal")
    codes = []
    for beat in brief["beats"]:
        codes.extend(code for code in beat["characters"] if code not in codes)
    for line in brief["lines"]:
        if line.get("speaker") and line["speaker"] not in codes:
            codes.append(line["speaker"])
    return {
        "summary": " ".join(narration[:2])[:300] or brief["title"],
        "location": brief.get("location") or "",
        "time_of_day": brief.get("time_of_day") or "",
        "mood": scene_mood(text),
        "characters": codes,
        "pace": pace,
        "emotional_peak": _trim(_first_sentence(peak["description"]), 25) if peak and peak["weight"] >= 0.6 else "",
    }


def panel_plan(brief: dict, intent: dict, panel_count: int | None = None) -> dict:
    panels: list[dict] = []
    beats = brief["beats"]
    names = {member["code"]: member["name"] for member in brief.get("cast", [])}
    if intent["location"] and beats:
        first = lexicon.sentences(QUOTED.sub(" ", beats[0]["description"]))
        caption = first[0] if first and lexicon.SHIFT_OPENERS.match(first[0]) else ""
        panels.append(
            _panel(
                "establishing",
                focus=intent["location"],
                characters=[],
                weight=0.3,
                action=_place_shot(intent["location"], intent["time_of_day"]),
                narration=_trim(caption, MAX_LINE_WORDS),
            )
        )
        # A dateline paragraph ("Winter, 1998.") is the establishing panel's caption, not a panel of its own.
        spoken = [line for line in _lines_of(beats[0], brief["lines"]) if line["kind"] in ("speech", "thought")]
        if caption and first == [caption] and not spoken:
            beats = beats[1:]
        elif caption and len(lexicon.words(caption)) <= MAX_LINE_WORDS:
            # The caption tells the opening sentence whole: the beat's panels go on from the next one.
            rest = beats[0]["description"].replace(caption, " ", 1).strip()
            if lexicon.words(QUOTED.sub(" ", rest)):
                beats = [{**beats[0], "description": rest}, *beats[1:]]
    for beat in beats:
        panels.extend(_beat_panels(beat, _lines_of(beat, brief["lines"]), names))
    if panel_count:
        panels = _fit(panels, panel_count)
    elif len(panels) > 12:
        panels = _fit(panels, 12)
    _voice_captions(panels)
    for index, panel in enumerate(panels):
        panel["panel_index"] = index
    return {"panels": panels}


def _voice_captions(panels: list[dict]) -> None:
    """A first-person narrator's sentences are a voice no picture shows: they caption silent panels,
    heaviest first, while captions and silent panels stay within the QC ratios."""
    captioned = sum(1 for panel in panels if panel["narration"])
    silent = [panel for panel in panels if not panel["narration"] and not panel["dialogue"]]
    most_captions = int(len(panels) * LIMITS["narration_ratio"])
    fewest_silent = math.ceil(len(panels) * LIMITS["silent_ratio"])
    voiced = [
        panel
        for panel in silent
        if panel["shot"] != "establishing"
        and FIRST_PERSON.search(panel["action"])
        and len(lexicon.words(panel["action"])) <= MAX_LINE_WORDS
    ]
    for panel in sorted(voiced, key=lambda panel: -panel["weight"]):
        if captioned >= most_captions or len(silent) <= fewest_silent:
            return
        panel["narration"] = panel["action"]
        captioned += 1
        silent.remove(panel)


def _place_shot(location: str, time_of_day: str) -> str:
    if not location.isascii():
        return location + (f", {time_of_day}" if time_of_day else "")  # no English article on a Korean place
    return f"The {location}" + (f" at {time_of_day}" if time_of_day else "")


def _speaking(speaker: str | None, names: dict[str, str]) -> str:
    return f"{names.get(speaker, speaker) if speaker else 'Someone'} speaking"


def _beat_panels(beat: dict, lines: list[dict], names: dict[str, str]) -> list[dict]:
    description = beat["description"]
    narration = _pictured(description)
    speech = [line for line in lines if line["kind"] in ("speech", "thought")]
    # What is said is not what is seen: "누가 쫓아와요" spoken by a still figure is no chase on the panel.
    shot = _shot(QUOTED.sub(" ", description), speech, beat["weight"])
    # A critical beat shows each of its sentences (up to three), so nothing of it is lost.
    shown = narration[:3] if beat["importance"] == "critical" else narration[:1]
    focus = beat["characters"][0] if beat["characters"] else (lexicon.contains(description, lexicon.OBJECTS) or "")
    panels = []
    for position, sentence in enumerate(shown or [""]):
        sentence_shot = shot if position == 0 else _shot(sentence, [], beat["weight"])
        panels.append(
            _panel(
                sentence_shot,
                focus=focus,
                characters=beat["characters"],
                weight=beat["weight"],
                action=_trim(
                    sentence or (_speaking(speech[0]["speaker"], names) if speech else beat["description"]), 25
                ),
            )
        )
    for index, line in enumerate(_split_long(speech)):
        target = panels[min(index // PANEL_LINES, len(panels) - 1)] if index < PANEL_LINES * len(panels) else None
        if target is None or len(target["dialogue"]) >= PANEL_LINES:
            target = _panel(
                "dialogue_medium",
                focus=line["speaker"] or focus,
                characters=beat["characters"],
                weight=beat["weight"],
                action=_speaking(line["speaker"], names),
            )
            panels.append(target)
        target["dialogue"].append({"speaker": line["speaker"], "text": line["text"]})
    if beat["weight"] >= 0.7 and shot in ("action", "reveal"):
        panels.append(
            _panel(
                "impact_silence",
                focus=focus,
                characters=beat["characters"],
                weight=beat["weight"],
                action="A beat of silence after " + _trim(_mid_sentence(narration[-1]) if narration else "it", 12),
            )
        )
    if beat["importance"] == "critical" or (not speech and beat["weight"] >= 0.6):
        panels[0]["narration"] = _trim(narration[0], MAX_LINE_WORDS) if narration and not panels[0]["dialogue"] else ""
    return panels


def _shot(text: str, speech: list[dict], weight: float) -> str:
    lowered = text.lower()
    if lexicon.contains(lowered, lexicon.SILENCE_WORDS) and not speech:
        return "impact_silence"
    if lexicon.contains(lowered, lexicon.REVEAL_WORDS):
        return "reveal"
    if lexicon.contains(lowered, lexicon.ACTION_WORDS):
        return "action"
    if speech:
        emotional = weight >= 0.6 or any(mark in line["text"] for line in speech for mark in "!?")
        return "emotion_closeup" if emotional else "dialogue_medium"
    if lexicon.contains(lowered, lexicon.REACTION_WORDS):
        return "reaction"
    if lexicon.contains(lowered, lexicon.OBJECTS):
        return "object_focus"
    return "reaction"


def _panel(shot: str, *, focus: str, characters: list[str], weight: float, action: str, narration: str = "") -> dict:
    return {
        "panel_index": 0,
        "shot": shot,
        "framing": FRAMING_BY_SHOT[shot],
        "focus": focus,
        "characters": list(characters) if shot != "object_focus" else list(characters[:1]),
        "action": action,
        "weight": round(max(0.0, min(weight, 1.0)), 2),
        "dialogue": [],
        "narration": narration,
    }


def _lines_of(beat: dict, lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["text"] and line["text"] in beat["description"]]


def _split_long(speech: list[dict]) -> list[dict]:
    """Lines over the word limit are cut at sentence ends, a sentence over it at its clauses or into
    even runs of words: each balloon stays readable and no word of the line is lost."""
    out = []
    for line in speech:
        chunk = ""
        for part in _balloon_pieces(line["text"]):
            if chunk and len(lexicon.words(chunk + " " + part)) > MAX_LINE_WORDS:
                out.append({**line, "text": chunk})
                chunk = part
            else:
                chunk = f"{chunk} {part}".strip()
        out.append({**line, "text": chunk})
    return out


def _balloon_pieces(text: str) -> list[str]:
    pieces = []
    for sentence in lexicon.sentences(text) or [text]:
        if len(lexicon.words(sentence)) <= MAX_LINE_WORDS:
            pieces.append(sentence)
            continue
        for clause in CLAUSE_END.split(sentence):
            tokens = clause.split()
            runs = -(-len(tokens) // MAX_LINE_WORDS)
            size = -(-len(tokens) // runs) if runs else 1
            pieces.extend(" ".join(tokens[start : start + size]) for start in range(0, len(tokens), size))
    return pieces


def _fit(panels: list[dict], count: int) -> list[dict]:
    """Merge the lightest panel into its neighbour until `count` remain; split actions to reach it.

    A merge never drops a line of dialogue: merges that keep both panels' lines within a panel's
    bubbles go first, and when none is left the merged panel carries all of them."""
    panels = [dict(panel, dialogue=list(panel["dialogue"])) for panel in panels]
    while len(panels) > count:

        def crowding(index: int) -> int:
            into = index - 1 if index > 0 else 1
            return max(0, len(panels[index]["dialogue"]) + len(panels[into]["dialogue"]) - PANEL_LINES)

        lightest = min(range(len(panels)), key=lambda i: (crowding(i), panels[i]["weight"], -i))
        into = lightest - 1 if lightest > 0 else 1
        keep, drop = panels[into], panels.pop(lightest)
        keep["dialogue"] = (
            keep["dialogue"] + drop["dialogue"] if into < lightest else drop["dialogue"] + keep["dialogue"]
        )
        keep["characters"] = list(dict.fromkeys(keep["characters"] + drop["characters"]))
        keep["weight"] = max(keep["weight"], drop["weight"])
        keep["narration"] = keep["narration"] or drop["narration"]
    while len(panels) < count:
        heaviest = max(range(len(panels)), key=lambda i: panels[i]["weight"])
        source = panels[heaviest]
        panels.insert(
            heaviest + 1,
            _panel(
                "reaction",
                focus=source["focus"],
                characters=source["characters"],
                weight=source["weight"] * 0.8,
                action="Reaction to " + source["action"],
            ),
        )
    return panels


def normalize(plan: dict, *, changes_place: bool) -> dict:
    panels = [dict(panel) for panel in plan["panels"]]
    corrections = []
    if len(panels) > 12:
        panels = _fit(panels, 12)
        corrections.append("merged panels down to 12")
    if changes_place and panels and panels[0]["shot"] != "establishing":
        if any(panel["shot"] == "establishing" for panel in panels):
            panels.insert(0, panels.pop(next(i for i, p in enumerate(panels) if p["shot"] == "establishing")))
            corrections.append("moved the establishing shot first")
        elif len(panels) > 1:
            panels[0] = {**panels[0], "shot": "establishing", "framing": "extreme_wide"}
            corrections.append("made the first panel establish the new place")
    for index in range(2, len(panels)):
        if panels[index]["framing"] == panels[index - 1]["framing"] == panels[index - 2]["framing"]:
            framing = panels[index - 1]["framing"]
            position = FRAMINGS.index(framing)
            panels[index - 1] = {**panels[index - 1], "framing": FRAMINGS[position - 1 if position else 1]}
            corrections.append(f"varied the framing of panel {index - 1} (three {framing} in a row)")
    close = [i for i, panel in enumerate(panels) if panel["framing"] in CLOSE]
    allowed = len(panels) // 2
    for index in sorted(close, key=lambda i: panels[i]["weight"])[: max(len(close) - allowed, 0)]:
        panels[index] = {**panels[index], "framing": "medium_close"}
        corrections.append(f"opened panel {index} to medium close (close-up ratio over 0.5)")
    for index, panel in enumerate(panels):
        panel["panel_index"] = index
    return {"panels": panels, "corrections": corrections}


def panel_semantics(brief: dict, intent: dict, plan: dict) -> dict:
    cast = {member["code"]: member for member in brief["cast"]}
    environment = ", ".join(part for part in (intent["location"], intent["time_of_day"]) if part)
    described = brief.get("environment") or ""
    # An anchor that only names the place ("The station") adds nothing to the place itself.
    if described and ARTICLE.sub("", described.strip().rstrip(".")).lower() != intent["location"].lower():
        environment = f"{environment}: {described}" if environment else described
    environment = environment or "an unspecified place"
    panels = []
    for panel in plan["panels"]:
        characters = [
            {
                "code": code,
                "name": cast[code]["name"] if code in cast else code,
                "variant_id": cast.get(code, {}).get("variant_id"),
                "pose": _pose(panel),
                "expression": _expression(panel, code, intent["mood"]),
            }
            for code in panel["characters"]
        ]
        panels.append(
            {
                "panel_index": panel["panel_index"],
                "shot": panel["shot"],
                "framing": panel["framing"],
                "camera": CAMERA_BY_SHOT[panel["shot"]],
                "characters": characters,
                "environment": environment,
                "action": panel["action"],
                "mood": intent["mood"],
                "mood_color": lexicon.MOOD_COLORS.get(intent["mood"], lexicon.MOOD_COLORS["calm"]),
                "dialogue": list(panel["dialogue"]),
                "narration": panel["narration"],
            }
        )
    return {"panels": panels}


def _pose(panel: dict) -> str:
    return {
        "action": "in motion",
        "reveal": "turning toward the reveal",
        "dialogue_medium": "talking, facing the other",
        "emotion_closeup": "face filling the frame",
        "reaction": "reacting",
        "impact_silence": "frozen still",
        "object_focus": "hand near the object",
    }.get(panel["shot"], "standing")


def _expression(panel: dict, code: str, mood: str) -> str:
    own = [line["text"] for line in panel["dialogue"] if line["speaker"] == code]
    if any("!" in text for text in own):
        return "urgent"
    if any("?" in text for text in own):
        return "questioning"
    return {"tense": "wary", "joyful": "smiling", "melancholic": "sad", "warm": "gentle", "mysterious": "puzzled"}.get(
        mood, "neutral"
    )


def dialogue_bubbles(semantics: dict) -> list[dict]:
    """Narration boxes top left, speech balloons over their speaker among several figures (else alternating
    sides), tails pointing at the speaker's figure (figures stand evenly spaced across the panel, as the
    storyboard draws them)."""
    bubbles: list[dict] = []

    def add(panel: dict, kind: str, speaker: str | None, text: str, x: float, y: float) -> dict:
        bubble = {
            "bubble_id": f"b{len(bubbles) + 1}",
            "panel_index": panel["panel_index"],
            "type": kind,
            "speaker": speaker,
            "text": text,
            "x": x,
            "y": round(y, 3),
        }
        bubbles.append(bubble)
        return bubble

    for panel in semantics["panels"]:
        figures = panel["characters"]
        positions = {figure["code"]: (index + 1) / (len(figures) + 1) for index, figure in enumerate(figures)}
        if panel["narration"]:
            add(panel, "narration", None, panel["narration"], 0.3, 0.1)
        # Balloons step down the panel in reading order; a crowded panel steps closer so all stay inside it.
        step = min(0.2, 0.56 / max(len(panel["dialogue"]) - 1, 1))
        for order, line in enumerate(panel["dialogue"]):
            x = 0.3 if order % 2 == 0 else 0.7
            # Among several figures a balloon goes over its speaker, so its tail crosses no one else.
            if len(figures) > 1 and line["speaker"] in positions:
                x = round(min(0.75, max(0.25, positions[line["speaker"]])), 3)
            bubble = add(panel, "speech", line["speaker"], line["text"], x, 0.22 + step * order)
            if line["speaker"] in positions:
                bubble.update(tail_x=round(positions[line["speaker"]], 3), tail_y=0.55)
    return bubbles


def _first_sentence(text: str) -> str:
    found = _pictured(text)
    return found[0] if found else text


def _pictured(description: str) -> list[str]:
    """The sentences of a paragraph outside its quotes, as pictures: a bare speech tag left by a quote
    ("she said.") is no picture and goes; a tag with more ("Ada said, pacing by the window.") keeps who
    and what they do ("Ada, pacing by the window.")."""
    pictured = []
    for sentence in lexicon.sentences(QUOTED.sub(" ", description)):
        tag = SPEECH_TAG.match(sentence) or INVERTED_TAG.match(sentence)
        if not tag:
            pictured.append(sentence)
        elif lexicon.words(tag.group("rest") or ""):
            rest = re.sub(r"^[,;]\s+(?:and|then)\s+", " ", tag.group("rest"))
            pictured.append(f"{tag.group('who')}{rest}".strip())
    return pictured


# Sentence openers that are common words, not names: lower-cased when the sentence goes on inside another.
COMMON_OPENERS = re.compile(
    r"^(She|He|They|It|We|You|The|A|An|His|Her|Their|Its|Our|My|Your|This|That|These|Those|There|Then)\b"
)


def _mid_sentence(sentence: str) -> str:
    """`sentence` as it reads inside another ("after she ran", never "after She ran"); names keep their capital."""
    return COMMON_OPENERS.sub(lambda found: found.group(1).lower(), sentence, count=1)


def _trim(text: str, limit: int) -> str:
    tokens = text.split()
    return " ".join(tokens[:limit]) + ("…" if len(tokens) > limit else "")
