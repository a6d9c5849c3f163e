"""Rule-based spotting of look changes in story text (English and Korean). Pure Python.

A change is a keyword pattern (changed into, soaked, 갈아입었다, 다쳤다 ...) in a sentence that names a
character; it is credited to the nearest name in that sentence, or, in a sentence that names no
one, to the only character of the sentence before (she/he/그녀 continue the previous subject).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

_SENTENCE_END = re.compile(r"(?<=[.!?。…])[\"'”’」』)]*\s+|\n+")
_LEADING_POSSESSIVE = re.compile(r"^(?:his|her|their|its|my|your)\s+", re.IGNORECASE)
_HANGUL = re.compile(r"[가-힣]")
# Korean pronouns that can lead a captured outfit phrase ("그녀는 교복을 입고").
_KOREAN_PRONOUN = re.compile(r"^(?:그녀|그|나|너|저|우리|그들)(?:는|은|가|이|도)$")
_WORD = r"[가-힣A-Za-z]+"

OUTFIT, INJURY, MOOD, OTHER = "outfit_change", "injury", "mood_change", "other"


@dataclass(frozen=True)
class Finding:
    character: Any  # whatever key the caller passed in (a pk)
    variant_type: str
    override_attributes: dict[str, Any]
    sentence: str
    scene_index: int | None = None


@dataclass(frozen=True)
class _Rule:
    variant_type: str
    pattern: re.Pattern
    # From the match to the suggested attributes; None drops the match.
    build: Callable[[re.Match], dict[str, Any] | None]


# "wearing a smile" is a face, not clothes.
_NOT_CLOTHES = re.compile(r"\b(?:smile|grin|frown|scowl|expression|look|mask of)\b", re.IGNORECASE)


def _outfit(match: re.Match) -> dict[str, Any] | None:
    what = _LEADING_POSSESSIVE.sub("", match.group("what").strip(" ,"))
    if len(what) < 2 or _NOT_CLOTHES.search(what):
        return None
    return {"base_outfit": what}


def _fixed(key: str, value: str, nested: str | None = None):
    def build(match: re.Match) -> dict[str, Any]:
        return {nested: {key: value}} if nested else {key: value}

    return build


def _english(words: str) -> re.Pattern:
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_CLAUSE_END = r"(?=\s+(?:and|but|before|after|as|while|then|when|for|to)\b|[.,;:!?\n\"”]|$)"

RULES: tuple[_Rule, ...] = (
    _Rule(
        OUTFIT,
        re.compile(
            r"\b(?:changed into|changes into|change into|changing into|put on|puts on|putting on|dressed in|"
            r"wearing|slipped into|wore)\s+(?P<what>[^.,;:!?\n\"”]{2,60}?)" + _CLAUSE_END,
            re.IGNORECASE,
        ),
        _outfit,
    ),
    # Korean: the object before (으)로 갈아입다 / 을·를 입다 is the new outfit (one or two words).
    _Rule(OUTFIT, re.compile(rf"(?P<what>(?:{_WORD}\s)?{_WORD}?)(?:으로|로)\s*갈아입"), _outfit),
    _Rule(
        OUTFIT,
        re.compile(rf"(?P<what>(?:{_WORD}\s)?{_WORD}?)(?:을|를)\s*(?:갈아입|입고|입은|입었|걸치|걸친|걸쳤)"),
        _outfit,
    ),
    _Rule(OTHER, _english("soaked|drenched|soaking wet|dripping wet"), _fixed("condition", "soaked", "appearance")),
    _Rule(OTHER, re.compile(r"흠뻑|젖은|젖었|젖어"), _fixed("condition", "soaked", "appearance")),
    _Rule(OTHER, _english("covered in mud|muddy"), _fixed("condition", "muddy", "appearance")),
    _Rule(INJURY, _english("injured|wounded|hurt"), _fixed("injury", "injured", "appearance")),
    _Rule(INJURY, _english("bleeding|bloodied|covered in blood"), _fixed("injury", "bleeding", "appearance")),
    _Rule(INJURY, _english("bandaged|in a sling|limping"), _fixed("injury", "bandaged", "appearance")),
    _Rule(INJURY, re.compile(r"다쳤|다친|다치고|부상"), _fixed("injury", "injured", "appearance")),
    _Rule(INJURY, re.compile(r"피를 흘|피투성이|피가 흐"), _fixed("injury", "bleeding", "appearance")),
    _Rule(INJURY, re.compile(r"붕대"), _fixed("injury", "bandaged", "appearance")),
    _Rule(MOOD, _english("furious|enraged|seething"), _fixed("mood", "furious")),
    _Rule(MOOD, _english("in tears|tearful|crying|sobbing|wept"), _fixed("mood", "tearful")),
    _Rule(MOOD, _english("terrified|trembling with fear"), _fixed("mood", "terrified")),
    _Rule(MOOD, _english("exhausted|worn out"), _fixed("mood", "exhausted")),
    _Rule(MOOD, re.compile(r"화가 (?:나|났)|분노|격분"), _fixed("mood", "furious")),
    _Rule(MOOD, re.compile(r"울었|울고|눈물"), _fixed("mood", "tearful")),
    _Rule(MOOD, re.compile(r"겁에 질|공포에 질"), _fixed("mood", "terrified")),
    _Rule(MOOD, re.compile(r"지친|지쳐|기진맥진"), _fixed("mood", "exhausted")),
)


@dataclass
class _Cast:
    key: Any
    patterns: list[re.Pattern] = field(default_factory=list)

    def mentions(self, sentence: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for pattern in self.patterns for m in pattern.finditer(sentence)]


def _name_pattern(name: str) -> re.Pattern | None:
    name = name.strip()
    if len(name) < 2:
        return None
    if _HANGUL.search(name):
        # Korean particles attach to the name (민지는, 민지가), so no word boundary after it.
        return re.compile(re.escape(name))
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def _strip_names(attributes: dict[str, Any], cast: list[_Cast]) -> dict[str, Any] | None:
    """An outfit phrase that swallowed a name or pronoun ('민지는 교복') keeps the words after it."""
    outfit = attributes.get("base_outfit")
    if outfit is None:
        return attributes
    words = outfit.split()
    while words and (_KOREAN_PRONOUN.match(words[0]) or any(c.mentions(words[0]) for c in cast)):
        words = words[1:]
    return {**attributes, "base_outfit": " ".join(words)} if words else None


def scan(
    text: str, characters: Iterable[tuple[Any, Iterable[str]]], *, scene_index: int | None = None
) -> list[Finding]:
    """Look changes in `text` for `characters`, given as (key, names and aliases) pairs."""
    cast = [
        _Cast(key, [pattern for pattern in map(_name_pattern, names) if pattern is not None])
        for key, names in characters
    ]
    findings: list[Finding] = []
    previous_subjects: list[_Cast] = []
    for sentence in sentences(text):
        mentioned = [(c, span) for c in cast for span in c.mentions(sentence)]
        for rule in RULES:
            for match in rule.pattern.finditer(sentence):
                attributes = rule.build(match)
                if attributes is None:
                    continue
                attributes = _strip_names(attributes, cast)
                if attributes is None:
                    continue
                before = [(c, span) for c, span in mentioned if span[1] <= match.start()]
                if before:
                    who = max(before, key=lambda item: item[1][1])[0]
                elif mentioned:
                    who = min(mentioned, key=lambda item: item[1][0])[0]
                elif len(previous_subjects) == 1:
                    who = previous_subjects[0]
                else:
                    continue
                findings.append(Finding(who.key, rule.variant_type, attributes, sentence, scene_index))
        if mentioned:
            previous_subjects = list({id(c): c for c, _ in mentioned}.values())
    return findings
