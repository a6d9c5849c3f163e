"""Speaker attribution shared by both languages: explicit tags first, then the shape of the exchange.

A language reader supplies, per quote, the speech tag it can read from the narration around it and
the characters the quote addresses by name (a vocative marks the addressee, never the speaker).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Protocol

from .cast import Cast, Member
from .models import Quote

STRONG = 2
# Narration longer than this between two quotes ends the exchange: alternation no longer holds.
CONVERSATION_GAP = 400
LATER_SENTENCES = 2


@dataclass(frozen=True)
class Tag:
    member: Member
    strength: int


@dataclass(eq=False)
class QuoteContext:
    quote: Quote
    paragraph: int
    before: str
    before_offset: int
    after: str
    after_is_narration_only: bool
    later_limit: int
    next_paragraph: str = ""
    previous_paragraph_lead_in: str = ""
    addressees: set[Member] = field(default_factory=set)


class Reader(Protocol):
    cast: Cast

    def tag(self, context: QuoteContext) -> Tag | None: ...

    def vocatives(self, quote: Quote) -> set[Member]: ...


SENTENCE_BOUNDARY = ".!?\n"


def quote_contexts(text: str, quotes: list[Quote], paragraphs: list[tuple[int, int]]) -> list[QuoteContext]:
    """The narration before and after each (non-nested) quote, cut at paragraph boundaries."""
    outer = [quote for quote in quotes if not quote.nested]
    starts = [start for start, _ in paragraphs]
    paragraph_of = [max(bisect.bisect_right(starts, quote.start) - 1, 0) for quote in outer]
    quoted_paragraphs = set(paragraph_of)
    contexts = []
    for index, quote in enumerate(outer):
        paragraph = paragraph_of[index]
        para_start, para_end = paragraphs[paragraph]
        previous_end = outer[index - 1].end if index and paragraph_of[index - 1] == paragraph else para_start
        same_paragraph_next = index + 1 < len(outer) and paragraph_of[index + 1] == paragraph
        following_start = outer[index + 1].start if same_paragraph_next else para_end
        after = text[quote.end:max(quote.end, following_start)]
        next_paragraph = ""
        if not same_paragraph_next and paragraph + 1 < len(paragraphs):
            next_start, next_end = paragraphs[paragraph + 1]
            next_paragraph = text[next_start:next_end]
        lead_in = ""
        if previous_end == para_start and paragraph > 0 and paragraph - 1 not in quoted_paragraphs:
            prev_start, prev_end = paragraphs[paragraph - 1]
            candidate = text[prev_start:prev_end].rstrip()
            if candidate.endswith((":", ",", "—", "-")):
                lead_in = candidate
        contexts.append(
            QuoteContext(
                quote=quote,
                paragraph=paragraph,
                before=text[previous_end:quote.start],
                before_offset=previous_end,
                after=after,
                after_is_narration_only=not same_paragraph_next,
                later_limit=_sentences_end(after, LATER_SENTENCES + 1),
                next_paragraph=next_paragraph,
                previous_paragraph_lead_in=lead_in,
            )
        )
    return contexts


def _sentences_end(segment: str, count: int) -> int:
    seen = 0
    for position, char in enumerate(segment):
        if char in SENTENCE_BOUNDARY and position > 0:
            seen += 1
            if seen == count:
                return position + 1
    return len(segment)


def attribute(text: str, contexts: list[QuoteContext], reader: Reader, *, same_paragraph_same_speaker: bool) -> None:
    """Sets `quote.speaker` on every context's quote; guesses rather than leaving a line unassigned."""
    cast = reader.cast
    for context in contexts:
        context.addressees = reader.vocatives(context.quote)
    speakers: list[Member | None] = [None] * len(contexts)
    weak: list[Member | None] = [None] * len(contexts)
    for index, context in enumerate(contexts):
        tag = reader.tag(context)
        previous = contexts[index - 1] if index else None
        if tag and tag.strength >= STRONG:
            speakers[index] = tag.member
        elif same_paragraph_same_speaker and previous and previous.paragraph == context.paragraph and speakers[index - 1]:
            speakers[index] = speakers[index - 1]
        elif tag:
            weak[index] = tag.member
        if speakers[index] is None:
            speakers[index] = weak[index] or _by_alternation(text, contexts, speakers, index, forward=True)
        if speakers[index] is not None:
            cast.mention(speakers[index], context.quote.start)
    for index in range(len(contexts) - 1, -1, -1):
        if speakers[index] is None:
            speakers[index] = _by_alternation(text, contexts, speakers, index, forward=False)
    for index, context in enumerate(contexts):
        if speakers[index] is None:
            speakers[index] = cast.last_mentioned(context.quote.start, exclude=context.addressees)
        member = speakers[index]
        if member is not None:
            member.speeches += 1
            context.quote.speaker = member.name


def _continuous(text: str, contexts: list[QuoteContext], first: int, second: int) -> bool:
    low, high = sorted((first, second))
    if low < 0 or high >= len(contexts):
        return False
    between = text[contexts[low].quote.end:contexts[high].quote.start]
    return len(between) <= CONVERSATION_GAP


def _by_alternation(text: str, contexts: list[QuoteContext], speakers: list, index: int, *, forward: bool) -> Member | None:
    step = -1 if forward else 1
    near, far = index + step, index + 2 * step
    context = contexts[index]
    if not _continuous(text, contexts, index, near):
        return None
    near_speaker = speakers[near]
    if near_speaker is None:
        return None
    if forward and contexts[near].addressees:
        addressed = next(iter(contexts[near].addressees - {near_speaker}), None)
        if addressed is not None and addressed not in context.addressees:
            return addressed
    if _continuous(text, contexts, near, far):
        far_speaker = speakers[far]
        if far_speaker is not None and far_speaker is not near_speaker and far_speaker not in context.addressees:
            return far_speaker
    return None
