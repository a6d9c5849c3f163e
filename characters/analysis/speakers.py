"""Speaker attribution shared by both languages: explicit tags first, then the shape of the exchange.

A language reader supplies, per quote, the speech tag it can read from the narration around it and
the characters the quote addresses by name (a vocative marks the addressee, never the speaker).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from .cast import GROUP, NAMED, NARRATOR, Cast, Member
from .models import Quote

STRONG = 2
SAID = 3
LATER_SENTENCES = 2
SENTENCE_BOUNDARY = ".!?\n"
SCENE_BREAK = re.compile(r"\n\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|#+\s)")


@dataclass(frozen=True)
class Tag:
    """Who the narration says speaks: strength 3 for a said-tag or lead-in, 2 for a speech verb a
    sentence or two later, 1 for a hint (who acted just before). STRONG and above anchor the exchange."""

    member: Member
    strength: int


@dataclass(eq=False)
class QuoteContext:
    """A quote with the narration around it; compared by identity so readers can cache per quote."""

    quote: Quote
    paragraph: int
    before: str
    before_offset: int
    after: str
    after_is_narration_only: bool
    later_limit: int
    next_paragraph: str = ""
    previous_paragraph_lead_in: str = ""
    previous_narration: str = ""
    previous_narration_offset: int = 0
    addressees: set[Member] = field(default_factory=set)
    recent_speakers: list[Member] = field(default_factory=list)


class Reader(Protocol):
    cast: Cast
    # English keeps one speaker per paragraph; Korean (one sentence per line) does not.
    same_paragraph_same_speaker: bool
    # Narration longer than this (in characters) between two quotes ends the exchange.
    conversation_gap: int
    # An untagged turn follows the closest tagged one, even a later one (English, where the tag often
    # comes on the answer); readers without the attribute follow the last tagged turn before.
    nearest_anchor_either_side: bool

    def tag(self, context: QuoteContext) -> Tag | None: ...

    def is_speech(self, context: QuoteContext) -> bool:
        """False for a quoted word or title inside narration ("the "Coach and Horses" inn"), which
        nobody says and which must not count as a turn of the exchange."""
        ...

    def vocatives(self, quote: Quote) -> set[Member]: ...

    def continues_turn(self, previous: QuoteContext, context: QuoteContext) -> bool:
        """True when the narration between two quotes only carries the first speaker on into the
        second (`"…" / 하고 말을 끊었다가 다시 이어, / "…"`); optional."""
        ...

    def mentioned(self, quote: Quote) -> set[Member]:
        """People the line speaks of by name, who are therefore not its speaker; optional."""
        ...

    def last_present(self, offset: int, exclude, include_narrator: bool) -> Member | None:
        """Who the narration last showed in the scene before `offset`, read from its own words; optional
        (without it, the cast's last mention stands)."""
        ...


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
        after = text[quote.end : max(quote.end, following_start)]
        next_paragraph = ""
        if not same_paragraph_next and paragraph + 1 < len(paragraphs):
            next_start, next_end = paragraphs[paragraph + 1]
            next_paragraph = text[next_start:next_end]
        lead_in, previous_narration, previous_narration_offset = "", "", 0
        if previous_end == para_start and paragraph > 0 and paragraph - 1 not in quoted_paragraphs:
            prev_start, prev_end = paragraphs[paragraph - 1]
            previous_narration, previous_narration_offset = text[prev_start:prev_end].rstrip(), prev_start
            if previous_narration.endswith((":", ",", "—", "-")):
                lead_in = previous_narration
        contexts.append(
            QuoteContext(
                quote=quote,
                paragraph=paragraph,
                before=text[previous_end : quote.start],
                before_offset=previous_end,
                after=after,
                after_is_narration_only=not same_paragraph_next,
                later_limit=_sentences_end(after, LATER_SENTENCES + 1),
                next_paragraph=next_paragraph,
                previous_paragraph_lead_in=lead_in,
                previous_narration=previous_narration,
                previous_narration_offset=previous_narration_offset,
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


def attribute(text: str, contexts: list[QuoteContext], reader: Reader) -> None:
    """Sets `quote.speaker` on every context's quote; guesses rather than leaving a line unassigned."""
    cast = reader.cast
    # Readers without the notion (Korean marks speech by its own lines) treat every quote as speech.
    is_speech = getattr(reader, "is_speech", None)
    if is_speech is not None:
        contexts = [context for context in contexts if is_speech(context)]
    for context in contexts:
        context.addressees = reader.vocatives(context.quote)
    turns = _turns(contexts, reader.same_paragraph_same_speaker)
    for turn in turns:
        addressed = _addressees(turn)
        for context in turn:
            context.addressees = addressed
    speakers: list[Member | None] = [None] * len(turns)
    anchored = [False] * len(turns)
    tagged: set[Member] = set()
    # A paragraph holding two said-tags for two people ("'Yes,' said A. B frowned. 'No,' said B.").
    second_voice: dict[QuoteContext, Member] = {}
    for number, turn in enumerate(turns):
        weak = None
        recent = _recent_speakers(text, turns, speakers, number, reader.conversation_gap)
        voice = None
        for context in turn:
            context.recent_speakers = recent
            tag = reader.tag(context)
            if tag and tag.strength >= SAID and speakers[number] not in (None, tag.member):
                second_voice[context] = voice = tag.member
            elif tag and tag.strength >= SAID:
                voice = None
            elif voice is not None:
                # An untagged line after the second voice's tag goes on in that voice.
                second_voice[context] = voice
            if tag and tag.strength >= STRONG and speakers[number] is None:
                speakers[number] = tag.member
                anchored[number] = True
                tagged.add(tag.member)
            if speakers[number] is None:
                weak = weak or (tag.member if tag else None)
        speakers[number] = speakers[number] or weak
        if speakers[number] is not None:
            cast.mention(speakers[number], turn[0].quote.start)
    for conversation in _conversations(text, turns, reader.conversation_gap):
        _alternate(conversation, turns, speakers, cast, reader)
    continues = getattr(reader, "continues_turn", None)
    if continues is not None:
        # After the alternation, which counts such a line as a turn of its own (the lines after it
        # keep their places in the exchange), it takes the speaker of the line it continues.
        for number in range(1, len(turns)):
            if not anchored[number] and continues(turns[number - 1][-1], turns[number][0]):
                speakers[number] = speakers[number - 1]
    named_narrator = _narrator_name(turns, speakers, tagged)
    for number, turn in enumerate(turns):
        member = speakers[number]
        if member is not None and member.kind == NARRATOR and named_narrator is not None:
            member = named_narrator
        if member is None or member.kind == GROUP:
            # A line said together is nobody's in particular.
            continue
        member.speeches += 1
        for context in turn:
            context.quote.speaker = member.name
    for context, member in second_voice.items():
        if member.kind == GROUP:
            continue
        member.speeches += 1
        context.quote.speaker = member.name


def _recent_speakers(text: str, turns, speakers: list, number: int, gap_limit: int, depth: int = 4) -> list[Member]:
    """Speakers of the turns just before `number` in the same exchange, most recent first."""
    recent: list[Member] = []
    previous = number - 1
    while previous >= 0 and number - previous <= depth:
        gap = text[turns[previous][-1].quote.end : turns[previous + 1][0].quote.start]
        if len(gap) > gap_limit:
            break
        if speakers[previous] is not None:
            recent.append(speakers[previous])
        previous -= 1
    return recent


def resolve_pronoun(cast: Cast, context: QuoteContext, gender: str | None, offset: int) -> Member | None:
    """He/she in a tag: the one participant of that gender in the exchange, else the last one mentioned."""
    participants = []
    for member in context.recent_speakers:
        if member not in participants and member not in context.addressees and member.kind != NARRATOR:
            participants.append(member)
    fitting = [member for member in participants if gender is not None and member.gender == gender]
    if len(fitting) == 1:
        return fitting[0]
    exclude = set(context.addressees)
    if len(fitting) > 1:
        exclude.add(context.recent_speakers[0])
    return cast.last_mentioned(offset, gender, exclude=exclude)


def _turns(contexts: list[QuoteContext], same_paragraph_same_speaker: bool) -> list[list[QuoteContext]]:
    turns: list[list[QuoteContext]] = []
    for context in contexts:
        if same_paragraph_same_speaker and turns and turns[-1][-1].paragraph == context.paragraph:
            turns[-1].append(context)
        else:
            turns.append([context])
    return turns


def _conversations(text: str, turns: list[list[QuoteContext]], gap_limit: int) -> list[list[int]]:
    """Runs of turns with little narration between them: the exchanges where speakers alternate."""
    conversations: list[list[int]] = []
    for number, turn in enumerate(turns):
        between = text[turns[number - 1][-1].quote.end : turn[0].quote.start] if number else ""
        if number and len(between) <= gap_limit and not SCENE_BREAK.search(between):
            conversations[-1].append(number)
        else:
            conversations.append([number])
    return conversations


def _addressees(turn: list[QuoteContext]) -> set[Member]:
    return set().union(*(context.addressees for context in turn))


def _alternate(conversation: list[int], turns, speakers: list, cast: Cast, reader: Reader) -> None:
    """Fills unknown turns from the nearest known one: same speaker two turns apart, the partner one apart."""
    known = [number for number in conversation if speakers[number] is not None]
    for position, number in enumerate(conversation):
        if speakers[number] is not None:
            continue
        either_side = getattr(reader, "nearest_anchor_either_side", False)
        anchor = _nearest(
            _unbroken(known, number, turns, speakers, cast) if either_side else known, number, either_side
        )
        addressed = _addressees(turns[number])
        reply = _called_by_previous(conversation, position, turns, speakers) - addressed
        addressed = addressed | _mentioned(turns[number], reader)
        if len(reply) == 1:
            speakers[number] = reply.pop()
            continue
        guess = None
        if anchor is not None:
            distance = abs(number - anchor)
            anchor_speaker = speakers[anchor]
            same_speaker = distance % 2 == 0
            guess = anchor_speaker if same_speaker else _partner(anchor, conversation, turns, speakers, cast, reader)
            if guess is not None and guess in addressed:
                # The partner is the one addressed: the anchor's speaker again, unless the anchor is the
                # next or previous paragraph, which in English is another speaker's: then a third person.
                # (With narration between, the anchor's speaker may well go on.)
                third = None
                first, second = sorted((anchor, number))
                adjacent = turns[second][0].paragraph - turns[first][-1].paragraph == 1
                if distance == 1 and adjacent and reader.same_paragraph_same_speaker:
                    exclude = addressed | {anchor_speaker} | ({speakers[number - 1]} if position else set())
                    third = cast.last_mentioned(turns[number][0].quote.start, exclude=exclude - {None})
                if third is not None:
                    guess = third
                elif guess is not anchor_speaker:
                    guess = anchor_speaker
                else:
                    guess = _partner(anchor, conversation, turns, speakers, cast, reader)
        if guess is None or guess in addressed:
            previous = speakers[number - 1] if position else None
            exclude = addressed | ({previous} if previous else set())
            guess = _last_present(reader, cast, turns[number][0].quote.start, exclude)
            if guess is None and not known:
                # An exchange before anyone is named ("'TOM!' / No answer. / The old lady ..."): the
                # narration goes on to name its speaker.
                guess = cast.next_mentioned(turns[number][-1].quote.end, exclude=exclude)
        speakers[number] = guess


def _mentioned(turn: list[QuoteContext], reader: Reader) -> set[Member]:
    """People the turn speaks of by name, for readers that tell (none speak of themselves)."""
    mentioned = getattr(reader, "mentioned", None)
    if mentioned is None:
        return set()
    return set().union(*(mentioned(context.quote) for context in turn))


def _called_by_previous(conversation: list[int], position: int, turns, speakers: list) -> set[Member]:
    """Who the turn before called by name ("What does he say, Van?"): that one answers next."""
    if position == 0:
        return set()
    previous = conversation[position - 1]
    return _addressees(turns[previous]) - {speakers[previous]}


def _unbroken(known: list[int], number: int, turns, speakers: list, cast: Cast) -> list[int]:
    """The anchors before `number`, and those after it with no paragraph of narration between in
    which the anchor's speaker acts (`"..." / The driver laughed. / "Sorry," the driver said.`): one
    seen reacting to the lines before is not the one who spoke them."""
    if not any(anchor < number for anchor in known):
        return known
    kept = []
    for anchor in known:
        if anchor > number and any(
            turns[later][0].paragraph - turns[later - 1][-1].paragraph > 1
            and cast.mentioned_between(speakers[anchor], turns[later - 1][-1].quote.end, turns[later][0].quote.start)
            for later in range(number + 1, anchor + 1)
        ):
            continue
        kept.append(anchor)
    return kept


def _nearest(known: list[int], number: int, either_side: bool = False) -> int | None:
    """The last tagged turn before, else the first after; with `either_side`, the closer of the two."""
    before = [anchor for anchor in known if anchor < number]
    after = [anchor for anchor in known if anchor > number]
    if before and (not either_side or not after or number - before[-1] <= after[0] - number):
        return before[-1]
    return after[0] if after else None


def _partner(
    anchor: int, conversation: list[int], turns, speakers: list, cast: Cast, reader: Reader | None = None
) -> Member | None:
    """The other person in the exchange around turn `anchor`."""
    speaker = speakers[anchor]
    for neighbour in (anchor - 1, anchor + 1):
        if neighbour in conversation and speakers[neighbour] is not None and speakers[neighbour] is not speaker:
            return speakers[neighbour]
    addressed = _addressees(turns[anchor]) - {speaker}
    if addressed:
        return next(iter(addressed))
    others = Counter(speakers[number] for number in conversation if speakers[number] not in (None, speaker))
    if others:
        return others.most_common(1)[0][0]
    return _last_present(reader, cast, turns[anchor][0].quote.start, exclude={speaker}, include_narrator=True)


def _last_present(reader, cast: Cast, offset: int, exclude, include_narrator: bool = False) -> Member | None:
    """Who is in the scene before `offset`: the reader's answer when it has one (Korean reads the
    narration's own words), else the last member mentioned."""
    present = getattr(reader, "last_present", None)
    if present is not None:
        member = present(offset, exclude, include_narrator)
        if member is not None:
            return member
    return cast.last_mentioned(offset, exclude=exclude, include_narrator=include_narrator)


def _narrator_name(turns, speakers: list, tagged: set[Member]) -> Member | None:
    """A first-person narrator is often named only by the others' vocatives ("Well, Watson, ...")."""
    votes: Counter = Counter()
    for number, turn in enumerate(turns):
        speaker = speakers[number]
        if speaker is None or speaker.kind == NARRATOR:
            continue
        neighbours = [speakers[other] for other in (number - 1, number + 1) if 0 <= other < len(speakers)]
        if not any(neighbour is not None and neighbour.kind == NARRATOR for neighbour in neighbours):
            continue
        for addressee in _addressees(turn):
            if addressee.kind == NAMED and addressee is not speaker and addressee not in tagged:
                votes[addressee] += 1
    if not votes:
        return None
    candidate = votes.most_common(1)[0][0]
    candidate.narrates = True
    return candidate
