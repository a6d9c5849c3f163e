"""English characters and speech tags, from rules over capitalised words, titles and said-verbs."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import lexicon
from .cast import DESCRIBED, NARRATOR, Cast, Member, normalise
from .models import Quote
from .speakers import QuoteContext, Tag, resolve_pronoun

TITLE_ABBREVIATIONS = r"(?:Mr|Mrs|Ms|Dr|St|Capt|Prof|Mme|Mlle|Rev|Hon|Gen|Col|Sgt|Lt)\.?"
NAME_WORD = r"(?:St\.|[A-Z][a-z]*['’]?[A-Za-z](?:[\w'’]|-(?!-))*|[A-Z]{2,})"
NAME_SEQUENCE = re.compile(
    rf"(?<![\w'’-])(?:(?:{TITLE_ABBREVIATIONS}|Harbou?r master)\s+)?{NAME_WORD}"
    rf"(?:[ \t]+(?:{NAME_WORD}|[A-Z]\.(?=\s+[A-Z])))*"
)
POSSESSIVE_SUFFIX = re.compile(r"['’]s?$")
SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n]|--|—)[\s\"“‘'(\[_*]*$")
WORD = re.compile(r"[A-Za-z][\w'’-]*")
LOWERCASE_WORD = re.compile(r"\b[a-z][a-z]+\b")
SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?](?:[\"”’']|\s|$)|\n")
PRONOUN_AHEAD = re.compile(r"\b(he|him|his|she|her)\b", re.IGNORECASE)
VOCATIVE = re.compile(
    rf"(?:^[\"“‘'](?=\S+\s*,)|,\s|[!?]\s)(?:(?:my|dear|good|old|poor)\s+){{0,2}}"
    rf"((?:{TITLE_ABBREVIATIONS}\s+)?{NAME_WORD}(?:\s+{NAME_WORD})?)(?=\s*[,!?]|\.[\"”’']?$)"
)
POSSESSOR = re.compile(r"^[A-Z][a-z]+['’]s$")
NAME_ALONE = re.compile(rf"^[\"“‘'](?:(?:my|dear|good|old|poor)\s+)*({NAME_WORD}(?:\s+{NAME_WORD})?)[.!?]*[\"”’']$")
FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b")
VERB_PATTERN = "|".join(sorted(lexicon.SPEECH_VERBS | lexicon.THOUGHT_VERBS, key=len, reverse=True))
DESCRIPTION = r"(?:the|a|an|his|her|my|our|their|your)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+"
SUBJECT = (
    rf"(?P<subject>{DESCRIPTION}|{TITLE_ABBREVIATIONS}\s+{NAME_WORD}(?:\s+{NAME_WORD})*"
    rf"|Harbou?r master\s+{NAME_WORD}|{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}|he|she|I|they)"
)
TAG_AFTER_INVERTED = re.compile(rf"^[\s,;:—–-]*(?:{VERB_PATTERN})\s+{SUBJECT}\b")
TAG_AFTER_NORMAL = re.compile(rf"^[\s,;:—–-]*{SUBJECT}\s+(?:[a-z]+ly\s+|had\s+|then\s+)?(?:{VERB_PATTERN})\b")
TAG_SENTENCE = re.compile(
    rf"(?:^|[.!?;]\s+|,\s+and\s+|\band\s+){SUBJECT}\s+(?:[a-z]+ly\s+|had\s+|then\s+|at\s+last\s+)?(?:{VERB_PATTERN})\b"
)
LEAD_IN = re.compile(rf"{SUBJECT}\s+(?:[a-z]+ly\s+|had\s+|then\s+)?(?:{VERB_PATTERN})\b[^.!?\"“”]*[,:—-]*\s*$")
ACTION_SUBJECT = re.compile(rf"(?:^|[.!?]\s+){SUBJECT}\s+[a-z]")
SENTENCE_SUBJECT = re.compile(rf"{SUBJECT}\s+[a-z]")

DESCRIBED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<phrase>(?:The|A|An|His|Her|My|Our|Their|[A-Z][a-z]+['’]s)\s+"
    r"(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z-]+))(?:\s+|,\s+)[a-z]",
    re.MULTILINE,
)

MIN_PLAIN_MENTIONS = 3


@dataclass
class NameForm:
    words: tuple[str, ...]
    title: str | None
    count: int = 0
    speaks: bool = False
    vocatives: int = 0
    narration: int = 0
    non_initial: int = 0
    person_evidence: int = 0
    place_evidence: int = 0
    offsets: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(((self.title,) if self.title else ()) + self.words)


def title_gender(title: str | None) -> str | None:
    if not title:
        return None
    key = title.lower().rstrip(".")
    if key in lexicon.MALE_TITLES:
        return "male"
    if key in lexicon.FEMALE_TITLES:
        return "female"
    return None


def given_name_gender(word: str) -> str | None:
    lowered = word.lower()
    if lowered in lexicon.MALE_GIVEN_NAMES:
        return "male"
    if lowered in lexicon.FEMALE_GIVEN_NAMES:
        return "female"
    return None


def _label(phrase: str) -> str:
    """`The boy` -> `the boy`; a possessor's name keeps its capital (`Mina's father`)."""
    first, _, rest = phrase.partition(" ")
    if POSSESSOR.match(first):
        return f"{first} {rest.lower()}"
    return phrase.lower()


def _clean_word(word: str) -> str:
    word = POSSESSIVE_SUFFIX.sub("", word)
    return word.capitalize() if word.isupper() and len(word) > 1 else word


class EnglishReader:
    """Reads one English text: builds its cast and the speech tag of every quote."""

    def __init__(self, text: str, quotes: list[Quote], paragraphs: list[tuple[int, int]]):
        self.text = text
        self.quotes = [quote for quote in quotes if not quote.nested]
        self.paragraphs = paragraphs
        self.cast = Cast()
        self.narrator: Member | None = None
        self._described: dict[str, Member] = {}
        self._quote_starts = [quote.start for quote in self.quotes]
        self._lowercase_words = set(LOWERCASE_WORD.findall(text))
        self._inside_quote = self._quote_mask()

    # --- characters --------------------------------------------------------------------------

    def build_cast(self, contexts: list[QuoteContext]) -> Cast:
        forms = self._name_forms()
        self._add_tag_evidence(forms, contexts)
        self._add_vocative_evidence(forms)
        for form in forms.values():
            self._score_context(form)
        kept = [form for form in forms.values() if self._is_person(form)]
        kept_words = {form.words[0] for form in kept if len(form.words) == 1}
        kept_words |= {form.words[0] for form in forms.values() if len(form.words) == 1 and form.vocatives}
        kept += [
            form
            for form in forms.values()
            if len(form.words) > 1
            and form not in kept
            and not form.title
            and (form.words[0] in kept_words or form.words[-1] in kept_words)
            and not any(word.lower() in lexicon.NON_NAME_WORDS | lexicon.PLACE_NAMES for word in form.words)
        ]
        kept_surnames = {form.words[-1] for form in kept}
        kept += [
            form
            for form in forms.values()
            if form.title and form not in kept and form.words[-1] in kept_surnames and form.place_evidence < form.count
        ]
        kept_multi_words = {word for form in kept if len(form.words) > 1 for word in form.words}
        kept += [
            form
            for form in forms.values()
            if len(form.words) == 1 and form not in kept and form.vocatives and form.words[0] in kept_multi_words
        ]
        self._cluster(kept)
        self._vote_genders()
        self._described_subjects()
        if self._first_person_narration():
            self.narrator = self.cast.add(Member(name="I", kind=NARRATOR))
        return self.cast

    def _quote_mask(self) -> list[tuple[int, int]]:
        return [(quote.start, quote.end) for quote in self.quotes]

    def _in_quote(self, offset: int) -> bool:
        import bisect

        index = bisect.bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and self.quotes[index].end > offset

    def _name_forms(self) -> dict[str, NameForm]:
        forms: dict[str, NameForm] = {}
        for match in NAME_SEQUENCE.finditer(self.text):
            for offset, title, words in self._name_runs(match):
                in_quote = self._in_quote(offset)
                initial = self._sentence_initial(offset)
                if (
                    in_quote
                    and initial
                    and title is None
                    and not self.text.startswith(",", offset + len(" ".join(words)))
                ):
                    continue
                key = normalise(" ".join(((title,) if title else ()) + tuple(words)))
                form = forms.get(key)
                if form is None:
                    form = forms[key] = NameForm(words=tuple(words), title=title)
                form.count += 1
                form.offsets.append(offset)
                form.narration += not in_quote
                if title or not initial:
                    form.non_initial += 1
        return forms

    def _name_runs(self, match: re.Match):
        """Splits a capitalised sequence at words that are never names ("LADY Howard To The Rev")."""
        tokens = [(token.start() + match.start(), token.group()) for token in re.finditer(r"\S+", match.group())]
        run: list[tuple[int, str]] = []
        for position, (offset, raw) in enumerate(tokens + [(-1, "")]):
            lowered = raw.rstrip(".").lower()
            is_title = lowered in lexicon.TITLES and position + 1 < len(tokens)
            after_title = bool(run) and self._is_title(run[-1][1])
            common = lowered in lexicon.NON_NAME_WORDS or (
                not run and position == 0 and not is_title and self._is_common_word(lowered, offset)
            )
            breaks = raw == "" or (common and not is_title and not after_title)
            if breaks or (is_title and run and not self._is_title(run[-1][1])):
                yield from self._title_and_words(run)
                run = []
            if not breaks:
                run.append((offset, raw))

    def _is_common_word(self, lowered: str, offset: int) -> bool:
        """A sentence-opening capital on a word the text also writes in lower case ("Presently")."""
        if not self._sentence_initial(offset):
            return False
        adverb = lowered.endswith("ly") and given_name_gender(lowered) is None
        return adverb or lowered in self._lowercase_words

    @staticmethod
    def _is_title(raw: str) -> bool:
        return raw.rstrip(".").lower() in lexicon.TITLES

    def _title_and_words(self, run: list[tuple[int, str]]):
        if not run:
            return
        offset = run[0][0]
        raws = [raw for _, raw in run]
        title = None
        if len(raws) > 1 and self._is_title(raws[0]):
            if raws[1] in lexicon.TITLE_SECOND_WORDS and len(raws) > 2:
                title, raws = f"{raws[0]} {raws[1]}", raws[2:]
            else:
                title, raws = raws[0], raws[1:]
        words = [_clean_word(raw) for raw in raws]
        if title is None and (
            words[0] == "I" or words[0].startswith(("I'", "I’")) or any(len(word) < 2 for word in words)
        ):
            return
        yield offset, title, words

    def _sentence_initial(self, offset: int) -> bool:
        return bool(SENTENCE_OPENING.search(self.text, max(0, offset - 6), offset))

    def _score_context(self, form: NameForm) -> None:
        text = self.text
        if form.title:
            form.person_evidence += form.count
        for offset in form.offsets:
            end = offset + len(form.text)
            after = WORD.search(text, end, end + 30)
            if after and after.start() - end <= 2 and after.group().lower() in lexicon.HUMAN_VERBS:
                form.person_evidence += 1
            if text.startswith("'s", end) or text.startswith("’s", end):
                form.person_evidence += 1
            before = text[max(0, offset - 14) : offset].split()
            if before:
                previous = before[-1].lower()
                if previous in lexicon.PLACE_PREPOSITIONS - {"to", "of"}:
                    form.place_evidence += 1
                elif previous in lexicon.SPEECH_VERBS:
                    form.person_evidence += 1
                elif previous == "the":
                    # People rarely take an article before their name; inns, ships and places do.
                    form.place_evidence += 2 if form.title else 1

    def _is_person(self, form: NameForm) -> bool:
        if form.title:
            if form.place_evidence >= form.count:
                return False
            return form.narration > 0 or form.person_evidence > form.count
        if form.narration == 0 and form.person_evidence == 0:
            return False
        lowered = [word.lower() for word in form.words]
        if any(word in lexicon.NON_NAME_WORDS for word in lowered):
            return False
        if any(word in lexicon.PLACE_NAMES for word in lowered):
            return False
        if form.speaks or (form.vocatives >= 2 and form.narration > 0):
            return True
        if form.place_evidence > form.person_evidence:
            return False
        if lowered[0] in lexicon.MALE_GIVEN_NAMES or lowered[0] in lexicon.FEMALE_GIVEN_NAMES:
            return form.count >= 2 or form.person_evidence >= 1
        if form.person_evidence >= 1 and form.count >= 2:
            return True
        return form.non_initial >= MIN_PLAIN_MENTIONS and form.person_evidence >= 1

    def _add_tag_evidence(self, forms: dict[str, NameForm], contexts: list[QuoteContext]) -> None:
        for context in contexts:
            for subject in self._tag_subjects(context):
                form = forms.get(normalise(subject))
                if form is not None:
                    form.person_evidence += 2
                    form.speaks = True

    def _add_vocative_evidence(self, forms: dict[str, NameForm]) -> None:
        for quote in self.quotes:
            for name in VOCATIVE.findall(quote.text):
                form = forms.get(normalise(" ".join(_clean_word(word) for word in name.split())))
                if form is not None:
                    form.person_evidence += 1
                    form.vocatives += 1

    def _cluster(self, kept: list[NameForm]) -> None:
        groups: list[list[NameForm]] = []
        by_word: dict[str, list[list[NameForm]]] = defaultdict(list)
        kept.sort(key=lambda form: (-len(form.words), -form.count))
        for form in kept:
            group = self._group_for(form, by_word)
            if group is None:
                group = []
                groups.append(group)
                for word in form.words:
                    by_word[word].append(group)
            group.append(form)
        for group in groups:
            self._add_member(group)

    def _group_for(self, form: NameForm, by_word: dict[str, list[list[NameForm]]]) -> list[NameForm] | None:
        gender = title_gender(form.title)
        candidates = []
        for group in by_word.get(form.words[-1], []) + by_word.get(form.words[0], []):
            full = group[0]
            if not set(form.words) <= set(full.words):
                continue
            if len(form.words) == 1 and form.words[0] not in (full.words[0], full.words[-1]):
                continue
            if gender and not self._same_person_gender(gender, group):
                continue
            candidates.append(group)
        if not candidates:
            return None
        return max(candidates, key=lambda group: sum(member.count for member in group))

    @staticmethod
    def _same_person_gender(gender: str, group: list[NameForm]) -> bool:
        """`Mr. Pett` joins `Peter Pett` or `Mr. Peter Pett`, never `Nesta Pett` or a guess."""
        full = group[0]
        titled = {title_gender(member.title) for member in group} - {None}
        if titled:
            return gender in titled
        if len(full.words) == 1:
            return True
        return given_name_gender(full.words[0]) == gender

    def _add_member(self, group: list[NameForm]) -> None:
        full = max(group, key=lambda form: (len(form.words), form.title is not None, form.count))
        titled = [form for form in group if form.title]
        name_words = full.words
        name = full.text
        member = Member(name=name)
        genders = Counter(title_gender(form.title) for form in titled) - Counter({None: 10**9})
        if genders:
            member.title_gender = genders.most_common(1)[0][0]
        else:
            member.title_gender = given_name_gender(name_words[0])
        self.cast.add(member)
        for form in group:
            self.cast.add_form(member, form.text, form.count)
            if form.title:
                self.cast.add_lookup(member, form.words[-1])
            for offset in form.offsets:
                if not self._in_quote(offset):
                    self.cast.mention(member, offset)

    def _vote_genders(self) -> None:
        for member in self.cast.members:
            self._vote_gender(member)

    def _vote_gender(self, member: Member) -> None:
        """Counts the he/she that first follows each mention, within the sentence or just after."""
        text = self.text
        for form in member.forms:
            for match in re.finditer(re.escape(form), text):
                window_end = SENTENCE_END.search(text, match.end())
                limit = window_end.end() if window_end else len(text)
                pronoun = PRONOUN_AHEAD.search(text, match.end(), min(limit + 80, len(text)))
                if pronoun:
                    member.gender_votes[lexicon.PRONOUN_GENDER[pronoun.group(1).lower()]] += 1

    def _described_subjects(self) -> None:
        """Nameless people as sentence subjects ("The boy looked up"), so pronouns can reach them."""
        for match in DESCRIBED_SUBJECT.finditer(self.text):
            if self._in_quote(match.start()):
                continue
            noun = match.group("noun").lower()
            if noun not in lexicon.PERSON_NOUNS:
                continue
            member = self._described_member(noun, match.group("phrase"))
            self.cast.mention(member, match.start("phrase"))

    def _described_member(self, noun: str, phrase: str) -> Member:
        member = self._described.get(noun)
        if member is None:
            member = self._described[noun] = self.cast.add(Member(name=_label(phrase), kind=DESCRIBED))
            for match in re.finditer(
                rf"\b(?:the|a|an|his|her|my|our|their)\s+{re.escape(noun)}\b", self.text, re.IGNORECASE
            ):
                if not self._in_quote(match.start()):
                    member.forms[match.group().lower()] += 1
            if noun in lexicon.MALE_NOUNS:
                member.title_gender = "male"
            elif noun in lexicon.FEMALE_NOUNS:
                member.title_gender = "female"
        member.forms[_label(phrase)] += 1
        # "Mina's father" says who it is better than the more frequent "her father".
        member.name = max(member.forms, key=lambda form: (bool(POSSESSOR.match(form.split()[0])), member.forms[form]))
        return member

    def _first_person_narration(self) -> bool:
        narration_words = 0
        first_person = 0
        position = 0
        for quote in self.quotes + [Quote(len(self.text), len(self.text), "")]:
            segment = self.text[position : quote.start]
            narration_words += segment.count(" ")
            first_person += len(FIRST_PERSON.findall(segment))
            position = quote.end
        return narration_words > 0 and first_person * 100 >= narration_words

    # --- speech tags -------------------------------------------------------------------------

    def _tag_subjects(self, context: QuoteContext) -> list[str]:
        subjects = []
        for pattern in (TAG_AFTER_INVERTED, TAG_AFTER_NORMAL):
            match = pattern.match(context.after)
            if match:
                subjects.append(match.group("subject"))
        match = LEAD_IN.search(context.before)
        if match:
            subjects.append(match.group("subject"))
        if context.after_is_narration_only:
            subjects += [
                match.group("subject") for match in TAG_SENTENCE.finditer(context.after[: context.later_limit])
            ]
        return subjects

    def tag(self, context: QuoteContext) -> Tag | None:
        after = context.after
        first_sentence_end = SENTENCE_END.search(after)
        first_sentence = after[: first_sentence_end.end()] if first_sentence_end else after
        for pattern, strength in ((TAG_AFTER_INVERTED, 3), (TAG_AFTER_NORMAL, 3)):
            match = pattern.match(first_sentence)
            if match:
                tag = self._resolve(
                    match.group("subject"), context.quote.end + match.start("subject"), context, strength
                )
                if tag:
                    return tag
        if context.before.strip():
            match = LEAD_IN.search(context.before)
            if match:
                tag = self._resolve(match.group("subject"), context.before_offset + match.start("subject"), context, 3)
                if tag:
                    return tag
        if context.after_is_narration_only:
            for match in TAG_SENTENCE.finditer(after[: context.later_limit]):
                tag = self._resolve(match.group("subject"), context.quote.end + match.start("subject"), context, 2)
                if tag:
                    return tag
        if context.previous_paragraph_lead_in:
            match = LEAD_IN.search(context.previous_paragraph_lead_in)
            if match:
                tag = self._resolve(match.group("subject"), context.quote.start - 1, context, 3)
                if tag:
                    return tag
        if context.before.strip():
            matches = list(ACTION_SUBJECT.finditer(context.before))
            for match in reversed(matches):
                tag = self._resolve(match.group("subject"), context.before_offset + match.start("subject"), context, 1)
                if tag:
                    return tag
        elif context.previous_narration:
            # Who acted in the narration paragraph just before usually speaks next.
            last_sentence_start = max(
                context.previous_narration.rfind(". ", 0, len(context.previous_narration) - 1) + 2, 0
            )
            match = SENTENCE_SUBJECT.match(context.previous_narration, last_sentence_start)
            if match:
                offset = context.previous_narration_offset + match.start("subject")
                return self._resolve(match.group("subject"), offset, context, 1)
        return None

    def _resolve(self, subject: str, offset: int, context: QuoteContext, strength: int) -> Tag | None:
        lowered = subject.lower()
        if lowered in ("he", "she"):
            member = resolve_pronoun(self.cast, context, lexicon.PRONOUN_GENDER[lowered], offset)
            return Tag(member, strength) if member else None
        if lowered == "i":
            return Tag(self._ensure_narrator(), strength)
        if lowered == "they":
            return None
        first = lowered.split()[0]
        if first in lexicon.DESCRIPTION_DETERMINERS:
            return self._describe(subject, strength)
        words = [_clean_word(word) for word in subject.split()]
        while words:
            member = self.cast.lookup(" ".join(words))
            if member:
                return Tag(member, strength)
            words = words[:-1]
        return None

    def _ensure_narrator(self) -> Member:
        if self.narrator is None:
            self.narrator = self.cast.add(Member(name="I", kind=NARRATOR))
        return self.narrator

    def _describe(self, phrase: str, strength: int) -> Tag | None:
        words = phrase.lower().split()
        noun = words[-1]
        if noun not in lexicon.PERSON_NOUNS:
            return None
        for member in self.cast.members:
            if member.kind != DESCRIBED and member.name.split()[0].lower().rstrip(".") == noun and words[0] == "the":
                return Tag(member, strength)
        return Tag(self._described_member(noun, phrase), strength)

    def vocatives(self, quote: Quote) -> set[Member]:
        addressees = set()
        called_alone = NAME_ALONE.match(quote.text)
        names = [called_alone.group(1)] if called_alone else VOCATIVE.findall(quote.text)
        for name in names:
            member = self.cast.lookup(" ".join(_clean_word(word) for word in name.split()))
            if member:
                addressees.add(member)
        return addressees
