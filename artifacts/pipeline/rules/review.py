"""The blind test (can the story be told back from the panels alone?) and the critic that answers it."""

from __future__ import annotations

from . import lexicon
from .script import importance_of

PASS_SCORE = 0.6
STOPWORDS = {
    "about",
    "after",
    "again",
    "against",
    "before",
    "behind",
    "being",
    "below",
    "between",
    "could",
    "every",
    "first",
    "their",
    "there",
    "these",
    "those",
    "three",
    "through",
    "under",
    "until",
    "where",
    "which",
    "while",
    "would",
    "across",
    "began",
    "still",
    "other",
    "thing",
    "without",
}


def key_terms(brief: dict) -> list[str]:
    """What a reader must get from the scene: its characters, and the long words of its weighty beats."""
    terms = [member["name"].split()[-1].lower() for member in brief["cast"] if member["code"] in _codes(brief)]
    for beat in brief["beats"]:
        if beat["weight"] < 0.45:
            continue
        for word in lexicon.words(beat["description"]):
            lowered = word.lower()
            if len(lowered) >= 5 and lowered not in STOPWORDS and lowered not in terms:
                terms.append(lowered)
    return terms


def _codes(brief: dict) -> set[str]:
    return {code for beat in brief["beats"] for code in beat["characters"]}


def blind_test(brief: dict, semantics: dict) -> dict:
    told = []
    for panel in semantics["panels"]:
        names = " and ".join(character["name"] for character in panel["characters"])
        told.append(" ".join(part for part in (names, panel["action"], panel["narration"]) if part))
        told.extend(f"{line['speaker'] or 'someone'}: {line['text']}" for line in panel["dialogue"])
    summary = ". ".join(part.rstrip(".") for part in told if part)
    lowered = summary.lower()
    terms = key_terms(brief)
    gaps = [term for term in terms if term not in lowered]
    score = round(1 - len(gaps) / len(terms), 2) if terms else 1.0
    return {"reconstructed_summary": summary[:2000], "score": score, "gaps": gaps, "passed": score >= PASS_SCORE}


def critic(visual_plan: dict, gaps: list[str]) -> dict:
    """Raise every beat that holds a missing term to critical, so the planner shows all of it."""
    beats = []
    for beat in visual_plan["beats"]:
        if holds_gap(beat, gaps):
            weight = max(beat["weight"], 0.8)
            beat = {**beat, "weight": weight, "importance": importance_of(weight)}
        beats.append(beat)
    return {"beats": beats}


def holds_gap(beat: dict, gaps: list[str]) -> bool:
    lowered = beat["description"].lower()
    return any(gap in lowered for gap in gaps)
