"""Paragraph and sentence boundaries shared by the language modules."""

from __future__ import annotations

import bisect
import re

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty paragraph; paragraphs are separated by blank lines."""
    spans = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if text[position : match.start()].strip():
            spans.append((position, match.start()))
        position = match.end()
    if text[position:].strip():
        spans.append((position, len(text)))
    return spans


class ParagraphIndex:
    """Maps a text offset to the index of the paragraph holding it, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [start for start, _ in spans]

    def of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)


def detect_language(text: str) -> str:
    """'ko' when Hangul outnumbers a tenth of the Latin letters, else 'en'."""
    sample = text[:20000]
    hangul = len(HANGUL.findall(sample))
    latin = len(LATIN.findall(sample))
    return "ko" if hangul * 10 >= latin and hangul > 0 else "en"
