"""Korean characters and speech tags: kiwipiepy proper nouns and subjects, confirmed by rules.

Kiwi tags a modern given name as NNP but splits unfamiliar ones ("운철이가" -> 운/철/이/가), so a
name is read from the whole word (eojeol) with its trailing particles cut off, and kiwi is trusted
only for where the particles are.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import lexicon
from .cast import DESCRIBED, NARRATOR, Cast, Member
from .models import Quote
from .speakers import QuoteContext, Tag

EOJEOL = re.compile(r"\S+")
HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]+$")
LEAD_IN_END = re.compile(r"[,，]\s*$|(?:며|면서|더니|다가|고|서)\s*[,.]?\s*$")
FIRST_PERSON_SHARE = 0.012
MIN_NAME_MENTIONS = 2


@dataclass(frozen=True)
class Word:
    """One eojeol: its noun part (particles cut), the particles that followed, where it starts."""

    start: int
    stem: str
    stem_tags: tuple[str, ...]
    particles: tuple[str, ...]
    predicate: str

    @property
    def is_subject(self) -> bool:
        return bool(self.particles) and self.particles[-1] in lexicon.KO_SUBJECT_PARTICLES

    @property
    def has_proper_noun(self) -> bool:
        return "NNP" in self.stem_tags


class KoreanReader:
    def __init__(self, text: str, quotes: list[Quote], paragraphs: list[tuple[int, int]], kiwi):
        self.text = text
        self.quotes = [quote for quote in quotes if not quote.nested]
        self.paragraphs = paragraphs
        self.kiwi = kiwi
        self.cast = Cast()
        self.narrator: Member | None = None
        self._described: dict[str, Member] = {}
        self.words_by_paragraph: dict[int, list[Word]] = self._read_narration()

    # --- tokenising ----------------------------------------------------------------------------

    def _narration_segments(self) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) of every stretch of narration outside quotes."""
        segments = []
        quote_index = 0
        for number, (start, end) in enumerate(self.paragraphs):
            position = start
            while quote_index < len(self.quotes) and self.quotes[quote_index].start < end:
                quote = self.quotes[quote_index]
                if quote.start > position:
                    segments.append((number, position, quote.start))
                position = max(position, quote.end)
                if quote.end > end:
                    break
                quote_index += 1
            if position < end:
                segments.append((number, position, end))
        return [segment for segment in segments if self.text[segment[1]:segment[2]].strip()]

    def _read_narration(self) -> dict[int, list[Word]]:
        segments = self._narration_segments()
        texts = [self.text[start:end] for _, start, end in segments]
        words: dict[int, list[Word]] = defaultdict(list)
        for (paragraph, start, _), tokens in zip(segments, self.kiwi.tokenize(texts)):
            words[paragraph].extend(self._group_eojeols(start, tokens))
        return words

    def _group_eojeols(self, base: int, tokens) -> list[Word]:
        words = []
        current: list = []
        previous_end = None
        for token in tokens:
            if previous_end is not None and token.start > previous_end:
                words.append(self._word(base, current))
                current = []
            current.append(token)
            previous_end = token.start + token.len
        if current:
            words.append(self._word(base, current))
        return [word for word in words if word is not None]

    def _word(self, base: int, tokens) -> Word | None:
        particles_from = len(tokens)
        while particles_from > 0 and tokens[particles_from - 1].tag.startswith(("J", "SF", "SP", "SS", "SE", "SO", "SW")):
            particles_from -= 1
        stem_tokens = tokens[:particles_from]
        if not stem_tokens:
            return None
        start = base + stem_tokens[0].start
        end = base + stem_tokens[-1].start + stem_tokens[-1].len
        stem = self.text[start:end]
        particles = tuple(token.form for token in tokens[particles_from:] if token.tag.startswith("J"))
        predicate = "".join(token.form for token in stem_tokens if token.tag.startswith(("VV", "XSV", "NNG")))
        return Word(start=start, stem=stem, stem_tags=tuple(token.tag for token in stem_tokens), particles=particles, predicate=predicate)

    # --- characters ----------------------------------------------------------------------------

    def build_cast(self, contexts: list[QuoteContext]) -> Cast:
        evidence: Counter = Counter()
        places: Counter = Counter()
        mentions: dict[str, list[int]] = defaultdict(list)
        pronouns = 0
        total = 0
        for words in self.words_by_paragraph.values():
            for index, word in enumerate(words):
                total += 1
                if word.stem in lexicon.KO_FIRST_PERSON and word.stem_tags[:1] == ("NP",):
                    pronouns += 1
                if not word.has_proper_noun:
                    continue
                name = self._name_of(word, words[index + 1] if index + 1 < len(words) else None)
                if name is None:
                    continue
                mentions[name].append(word.start)
                last = word.particles[-1] if word.particles else ""
                if last in lexicon.KO_ANIMATE_PARTICLES or word.is_subject:
                    evidence[name] += 1
                if last in lexicon.KO_PLACE_PARTICLES:
                    places[name] += 1
        for context in contexts:
            subject = self._tag_subject(context)
            if subject and subject[0].has_proper_noun:
                name = self._name_of(subject[0], None)
                if name:
                    evidence[name] += 2
        for name, offsets in mentions.items():
            if len(offsets) >= MIN_NAME_MENTIONS and evidence[name] >= 1 and evidence[name] >= places[name]:
                self._named_member(name, offsets)
        if total and pronouns / total >= FIRST_PERSON_SHARE:
            self.narrator = self.cast.add(Member(name="나", kind=NARRATOR))
        return self.cast

    def _name_of(self, word: Word, following: Word | None) -> str | None:
        stem = word.stem
        if not HANGUL_WORD.match(stem.replace(" ", "")):
            return None
        if following is not None and len(stem) == 1 and following.stem in lexicon.KO_NAME_TITLES:
            return f"{stem} {following.stem}"
        if len(stem) < 2:
            return None
        for title in sorted(lexicon.KO_NAME_TITLES, key=len, reverse=True):
            if stem.endswith(title) and len(stem) - len(title) >= 2:
                stem = stem[: -len(title)]
                break
        if stem.endswith("이") and len(stem) >= 3:
            stem = stem[:-1]
        return stem

    def _named_member(self, name: str, offsets: list[int]) -> Member:
        member = self.cast.lookup(name)
        if member is None:
            member = self.cast.add(Member(name=name))
            member.forms[name] += 0
            self.cast.add_lookup(member, name + "이")
        member.forms[name] += len(offsets)
        for offset in offsets:
            self.cast.mention(member, offset)
        return member

    # --- speech tags ---------------------------------------------------------------------------

    def _words_between(self, paragraph: int, start: int, end: int) -> list[Word]:
        return [word for word in self.words_by_paragraph.get(paragraph, []) if start <= word.start < end]

    def _clause_subject(self, words: list[Word]) -> list[Word] | None:
        """The subject of the first clause: a word with 이/가/은/는/께서/도, with a noun before it."""
        for index, word in enumerate(words):
            if word.is_subject:
                phrase = [word]
                if index and self._is_modifier(words[index - 1], word):
                    phrase.insert(0, words[index - 1])
                return phrase[::-1]
            if word.predicate and word.stem_tags[-1:] and word.stem_tags[-1].startswith("E") and word.stem_tags[0].startswith("V"):
                continue
        return None

    def _is_modifier(self, previous: Word, word: Word) -> bool:
        return not previous.particles and previous.stem_tags and all(tag.startswith("NN") for tag in previous.stem_tags) and word.start - (previous.start + len(previous.stem)) == 1

    def _tag_subject(self, context: QuoteContext) -> list[Word] | None:
        tag = self._find_tag(context)
        return tag[0] if tag else None

    def _find_tag(self, context: QuoteContext) -> tuple[list[Word], int] | None:
        quote = context.quote
        para_start, para_end = self.paragraphs[context.paragraph]
        after_words = self._words_between(context.paragraph, quote.end, quote.end + len(context.after))
        if after_words:
            subject = self._clause_subject(after_words[:6])
            if subject:
                return subject, 3
        if context.after_is_narration_only and context.next_paragraph and not context.next_paragraph.lstrip().startswith(('"', "'")):
            next_words = self.words_by_paragraph.get(context.paragraph + 1, [])
            opener = context.next_paragraph.lstrip().startswith(lexicon.KO_TAG_OPENERS)
            subject = self._clause_subject(next_words[:8] if opener else next_words)
            if subject:
                speech = opener or any(self._is_speech(word) for word in next_words)
                return subject, 3 if speech else 1
        before_words = self._words_between(context.paragraph, context.before_offset, quote.start)
        if before_words:
            subject = self._clause_subject(before_words)
            if subject:
                return subject, 2
        if context.before_offset == para_start and context.paragraph > 0:
            previous_text = self.text[slice(*self.paragraphs[context.paragraph - 1])]
            previous_words = self.words_by_paragraph.get(context.paragraph - 1, [])
            if previous_words and not previous_text.rstrip().endswith(('"', "'")):
                subject = self._clause_subject(previous_words)
                if subject:
                    lead_in = bool(LEAD_IN_END.search(previous_text)) or self._is_speech(previous_words[-1])
                    return subject, 3 if lead_in else 1
        return None

    @staticmethod
    def _is_speech(word: Word) -> bool:
        return any(word.predicate.startswith(stem) for stem in lexicon.KO_SPEECH_STEMS if len(stem) > 1) or word.predicate in lexicon.KO_SPEECH_STEMS

    def tag(self, context: QuoteContext) -> Tag | None:
        found = self._find_tag(context)
        if not found:
            return None
        phrase, strength = found
        member = self._resolve(phrase, context)
        return Tag(member, strength) if member else None

    def _resolve(self, phrase: list[Word], context: QuoteContext) -> Member | None:
        head = phrase[-1]
        stem = head.stem
        if stem in lexicon.KO_FIRST_PERSON and head.stem_tags[:1] == ("NP",):
            if self.narrator is None:
                self.narrator = self.cast.add(Member(name="나", kind=NARRATOR))
            return self.narrator
        if stem in lexicon.KO_THIRD_PERSON:
            return self.cast.last_mentioned(head.start, lexicon.KO_THIRD_PERSON[stem], exclude=context.addressees)
        if head.has_proper_noun or (len(phrase) > 1 and phrase[0].has_proper_noun):
            name = self._name_of(head, None) if len(phrase) == 1 else f"{phrase[0].stem} {stem}"
            if name:
                member = self.cast.lookup(name) or self.cast.lookup(stem)
                return member or self._named_member(name, [head.start])
        noun = stem
        if noun in lexicon.KO_PERSON_NOUNS or any(noun.endswith(person) for person in lexicon.KO_PERSON_NOUNS if len(person) > 1):
            label = " ".join(word.stem for word in phrase) if len(phrase) > 1 else noun
            return self._described_member(label, noun, head.start)
        member = self.cast.lookup(stem)
        return member

    def _described_member(self, label: str, noun: str, offset: int) -> Member:
        member = self.cast.lookup(label)
        if member is None:
            member = self.cast.add(Member(name=label, kind=DESCRIBED))
            member.forms[label] += 0
            if noun in lexicon.KO_FEMALE_NOUNS:
                member.title_gender = "female"
            elif noun in lexicon.KO_MALE_NOUNS:
                member.title_gender = "male"
        member.forms[label] += 1
        self.cast.mention(member, offset)
        return member

    def vocatives(self, quote: Quote) -> set[Member]:
        addressees = set()
        body = quote.text[1:40]
        for member in self.cast.members:
            if member.kind == NARRATOR:
                continue
            for form in [member.name, *member.forms]:
                index = body.find(form)
                if index < 0:
                    continue
                rest = body[index + len(form):index + len(form) + 3]
                if re.match(r"(?:아|야|씨|님|군|이)?\s*[!,?.]", rest):
                    addressees.add(member)
                    break
        return addressees

