"""Finding quoted spans: speech in double quotes, thoughts in single quotes, dialogue dashes.

English apostrophes (don't, Reyes') are told apart from single quotes by what surrounds them; an
English paragraph that opens a quote without closing it continues into the next paragraph when that
one opens with a quote mark again (the typographic convention for long speeches).
"""

from __future__ import annotations

import re

from .models import Quote

DOUBLE_MARK = re.compile(r'["“”]')
SINGLE_MARK = re.compile(r"['‘’]")
# A single mark opens a quote after a space or opening punctuation, and closes one before a
# space or punctuation; a mark between two letters is an apostrophe.
SINGLE_OPENER_CONTEXT = re.compile(r"(?<![^\s(\[“\"—–-])['‘](?=[^\s'’])")
SINGLE_CLOSER_CONTEXT = re.compile(r"(?<=[^\s'‘])['’](?![0-9A-Za-z\u00c0-\u024f])")
POSSESSIVE_BEFORE_WORD = re.compile(r"s['’] [a-z]")
DIALOGUE_DASH = re.compile(r"(?:--|—|―)")
TRAILING_DASHES = re.compile(r"[\s\-—―]+$")
MIN_DASH_PARAGRAPHS = 2
# `_..._` is italics in Gutenberg texts (titles, emphasis, foreign words), speech only where a verb of
# crying out introduces it: `cried out in a shrill voice, _Hekinah degul_`, `a universal shout of _Huzza_`.
ITALIC = re.compile(r"_([^_\n]{2,120})_")
ITALIC_SPEECH_BEFORE = re.compile(
    r"\b(?:cried|cry|cries|crying|shouted|shout|shouts|shouting|exclaimed|exclaiming|repeating|repeated"
    r"|called\s+out|calling\s+out|sang\s+out|screamed|screaming)\b[^.!?;:_\"“”\n]{0,60}$"
)


def find_quotes(text: str, lang: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Every quoted span in text order; spans inside another quote are marked `nested`."""
    doubles = len(DOUBLE_MARK.findall(text))
    single_openers = len(SINGLE_OPENER_CONTEXT.findall(text))
    singles_are_speech = lang == "en" and doubles < 2 and single_openers >= 2

    spans: list[tuple[int, int, str]] = []
    if not singles_are_speech:
        spans += [(start, end, "speech") for start, end in _double_quoted(text, lang, paragraphs)]
    single_kind = "speech" if singles_are_speech else "thought"
    spans += [(start, end, single_kind) for start, end in _single_quoted(text, lang, paragraphs)]
    if not spans:
        spans = [(start, end, "speech") for start, end in _dash_dialogue(text, paragraphs)]

    if lang == "en":
        spans += [(start, end, "speech") for start, end in _italic_speech(text, spans)]
    spans.sort(key=lambda span: (span[0], -span[1]))
    quotes: list[Quote] = []
    outer_end = -1
    for start, end, kind in spans:
        nested = end <= outer_end
        quotes.append(Quote(start=start, end=end, text=text[start:end], kind=kind, nested=nested))
        if not nested:
            outer_end = end
    return quotes


def _double_quoted(text: str, lang: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    carried_open: int | None = None
    for index, (para_start, para_end) in enumerate(paragraphs):
        open_at = None
        marks = list(DOUBLE_MARK.finditer(text, para_start, para_end))
        if carried_open is not None:
            if marks and marks[0].start() == para_start and marks[0].group() != "”":
                open_at = carried_open
                marks = marks[1:]
            else:
                spans.append((carried_open, _trimmed_end(text, paragraphs[index - 1][1])))
            carried_open = None
        for mark in marks:
            char, position = mark.group(), mark.start()
            if open_at is None:
                if char != "”":
                    open_at = position
            elif char == "“":
                open_at = position
            else:
                spans.append((open_at, position + 1))
                open_at = None
        if open_at is not None:
            if lang == "en" and index + 1 < len(paragraphs):
                carried_open = open_at
            else:
                spans.append((open_at, _trimmed_end(text, para_end)))
    if carried_open is not None:
        spans.append((carried_open, _trimmed_end(text, paragraphs[-1][1])))
    return spans


def _single_quoted(text: str, lang: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for para_start, para_end in paragraphs:
        marks = list(SINGLE_MARK.finditer(text, para_start, para_end))
        if not marks:
            continue
        openers = {m.start() for m in SINGLE_OPENER_CONTEXT.finditer(text, para_start, para_end)}
        closers = {m.start() for m in SINGLE_CLOSER_CONTEXT.finditer(text, para_start, para_end)}
        open_at = None
        for number, mark in enumerate(marks):
            position = mark.start()
            if open_at is None:
                if position in openers and mark.group() != "’":
                    open_at = position
                continue
            if position not in closers or mark.group() == "‘":
                continue
            if lang == "en" and _looks_possessive(text, position, marks[number + 1 :], closers):
                continue
            spans.append((open_at, position + 1))
            open_at = None
    return spans


def _looks_possessive(text: str, position: int, later_marks: list[re.Match], closers: set[int]) -> bool:
    """`Reyes' boat`: a plural/possessive apostrophe, when a better closing mark follows."""
    if not POSSESSIVE_BEFORE_WORD.match(text, position - 1):
        return False
    return any(mark.start() in closers for mark in later_marks)


def _italic_speech(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Italic words of two or more after a verb of crying out, outside any quote: a cry in the narration."""
    found = []
    for match in ITALIC.finditer(text):
        if len(match.group(1).split()) < 2 or any(start <= match.start() < end for start, end, _ in spans):
            continue
        if ITALIC_SPEECH_BEFORE.search(text, max(0, match.start() - 120), match.start()):
            found.append((match.start(), match.end()))
    return found


def _dash_dialogue(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Joyce-style dialogue: a paragraph opening with a dash is one speech."""
    spans = []
    for para_start, para_end in paragraphs:
        if DIALOGUE_DASH.match(text, para_start):
            end = para_start + len(TRAILING_DASHES.sub("", text[para_start:para_end]))
            if end > para_start + 2:
                spans.append((para_start, end))
    return spans if len(spans) >= MIN_DASH_PARAGRAPHS else []


def _trimmed_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
