"""English proper names: capitalised words that behave like people, one group of forms per person.

`Captain Ada Reyes`, `Reyes`, `Ada` and `Captain Reyes` become one group; `Mr. Pett` stays apart from
`Nesta Pett`. For a person: a title, a said-verb next to the name, a vocative, a possessive, a common
given name. Against: an article or a place preposition before it, a known place name, a word the text
also writes in lower case when it only ever opens sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from . import lexicon
from .cast import normalise

ATTRIBUTIVE = re.compile(r"\s+(?:" + "|".join(sorted(lexicon.PERSON_NOUNS, key=len, reverse=True)) + r")s?\b")

# Also in capitals, as a chapter's first words are set ("MR. Temple was the youngest son").
TITLE_ABBREVIATIONS = r"(?:(?:Mr|Mrs|Ms|Dr|St|Capt|Prof|Mme|Mlle|Rev|Hon|Gen|Col|Sgt|Lt|MR|MRS|DR)\.?|Mis')"
NAME_WORD = r"(?:St\.|[A-Z][a-z]*['’]?[A-Za-z](?:[\w'’]|-(?!-))*|[A-Z]{2,})"
NAME_SEQUENCE = re.compile(
    rf"(?<![\w'’])(?<!\w-)(?:(?:{TITLE_ABBREVIATIONS}|Harbou?r master)\s+)?{NAME_WORD}"
    rf"(?:[ \t]+(?:{TITLE_ABBREVIATIONS}(?=[ \t])|{NAME_WORD}|[A-Z]\.(?=\s+[A-Z])))*"
)
POSSESSIVE_SUFFIX = re.compile(r"['’]s?$")
SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n]|--|—)[\s\"“‘'(\[_*]*$")
WORD = re.compile(r"[A-Za-z][\w'’-]*")
LOWERCASE_WORD = re.compile(r"\b[a-z][a-z]+\b")
VOCATIVE = re.compile(
    rf"(?:^[\"“‘'](?=\S+\s*,)|,\s|[!?]\s)(?:(?:my|dear|good|old|poor)\s+){{0,2}}"
    rf"((?:{TITLE_ABBREVIATIONS}\s+)?{NAME_WORD}(?:\s+{NAME_WORD})?)(?=\s*[,!?;]|\s*(?:--|—)|\.[\"”’']?$)"
)
MIN_PLAIN_MENTIONS = 3
# Twice in mid-sentence, always capitalised, never after "in"/"at"/"the"/"a": a name, not a sentence opener.
NON_INITIAL_MENTIONS = 2
# After a name: a verb in the past or present, then within the clause his/her/their own something.
OWN_THING_AFTER = re.compile(r" [a-z]+(?:ed|s) (?:[a-z]+ ){0,3}(?:his|her) [a-z]+")
FREQUENT_MENTIONS = 5
INDEFINITE_ARTICLE_BEFORE = re.compile(r"\b[Aa]n?\s+(?:[a-z]+\s+){0,2}$")
PARTNER_BEFORE = re.compile(rf"((?:{TITLE_ABBREVIATIONS}\s+)?{NAME_WORD}(?:\s+{NAME_WORD})*)(?:\s+and|,)\s+$")
PARTNER_AFTER = re.compile(rf"(?:\s+and|,)\s+((?:{TITLE_ABBREVIATIONS}\s+)?{NAME_WORD}(?:\s+{NAME_WORD})*)")
MIN_SHORT_FORM = 3
# "a classmate named Tom": the word before introduces a name ("called" counts as a said-verb).
NAMING_WORDS = lexicon.words("named christened nicknamed")
# Capitalised words that make the name after them a place's: "St. Paul", "Castle Dracula", "Mount Kenia".
PLACE_WORDS_BEFORE = lexicon.words("st. saint castle abbey fort mount lake cape port")
DEMONYM = re.compile(r"(?:men|[sc]hman)$")
# "Yo-ho-ho", "Heigh-ho": a hyphen before a lower-case part is a refrain, not a given name.
SONG_WORD = re.compile(r"-[a-z]")


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


def _pet_form_stem(word: str) -> str | None:
    """`Danny` -> Dan, `Jenny` -> Jen, `Robbie` -> Rob: a pet form's stem, its consonant doubled before
    -y/-ie (not `Mary`, which is no pet form of Martha)."""
    for ending in ("ie", "y"):
        stem = word.removesuffix(ending)
        if stem != word and len(stem) > MIN_SHORT_FORM and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            return stem[:-1]
    return None


def _title_key(title: str | None) -> str | None:
    return title.lower().rstrip(".") if title else None


def clean_word(word: str) -> str:
    word = POSSESSIVE_SUFFIX.sub("", word)
    return word.capitalize() if word.isupper() and len(word) > 1 else word


class NameFinder:
    """Finds the people among the capitalised words of one text."""

    def __init__(self, text: str, in_quote: Callable[[int], bool]):
        self.text = text
        self._in_quote = in_quote
        self._lowercase_words = set(LOWERCASE_WORD.findall(text))
        self._forms: dict[str, NameForm] = {}
        self._titled_given: set[tuple[str | None, str]] = set()

    def people(self, tag_subjects: list[str], quote_texts: list[str]) -> list[list[NameForm]]:
        """Groups of name forms, one per person; `tag_subjects` are the names said-verbs point at."""
        forms = self._name_forms()
        for subject in tag_subjects:
            form = forms.get(normalise(subject))
            if form is not None:
                form.person_evidence += 2
                form.speaks = True
        for quote_text in quote_texts:
            for name in VOCATIVE.findall(quote_text):
                # The raw form first: cleaning strips the apostrophe of a title like "Mis'".
                form = forms.get(normalise(name)) or forms.get(
                    normalise(" ".join(clean_word(word) for word in name.split()))
                )
                if form is not None:
                    form.person_evidence += 1
                    form.vocatives += 1
        self._forms = forms
        for form in forms.values():
            self._score_context(form)
        kept = [form for form in forms.values() if self._is_person(form)]
        kept += self._partners(forms, kept)
        kept_words = {form.words[0] for form in kept if len(form.words) == 1}
        kept_words |= {form.words[0] for form in forms.values() if len(form.words) == 1 and form.vocatives}
        # A family name already carried by a titled person (Mrs. Reed): another given name with it is
        # a relative (Georgiana Reed), even named once.
        kept_words |= {form.words[-1] for form in kept if form.title or len(form.words) > 1}
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
        kept += self._given_name_pairs(forms, kept)
        kept += self._short_forms(forms, kept)
        # "Henrietta Lebrune ... Henrietta Lebrune Patch": the leading words of a kept full name.
        kept_leads = {form.words[:size] for form in kept for size in range(2, len(form.words))}
        kept += [form for form in forms.values() if form not in kept and not form.title and form.words in kept_leads]
        return self._cluster(self._without_places(forms, kept))

    @staticmethod
    def _without_places(forms: dict[str, NameForm], kept: list[NameForm]) -> list[NameForm]:
        """`Westfield Middle School ... "Thank you, Westfield!"`: a name the text also gives a school,
        a hall or a park (and never a verb of its own there), while the word alone is never in the
        narration, is that place; the word alone is only a place called to, unless it acts or speaks."""
        places = {
            form.words[0]
            for form in forms.values()
            if len(form.words) > 1
            and not form.title
            and not form.speaks
            and form.person_evidence == 0
            and form.words[-1].lower() in lexicon.PLACE_NAME_ENDS
            and given_name_gender(form.words[0]) is None
            and not any(alone.words == form.words[:1] and (alone.narration or alone.speaks) for alone in forms.values())
        }
        return [
            form
            for form in kept
            if form.words[0] not in places
            or form.title
            or (len(form.words) == 1 and (form.speaks or form.person_evidence > form.vocatives))
            or (len(form.words) > 1 and form.words[-1].lower() not in lexicon.PLACE_NAME_ENDS)
        ]

    def _short_forms(self, forms: dict[str, NameForm], kept: list[NameForm]) -> list[NameForm]:
        """`Sir Henry Curtis ... Curtis and I`, `Mr. Chizzle ... Chizzle`: the surname or given name of a
        kept full or titled name, used alone in the narration even once, is that person's name too."""
        parts = {form.words[-1] for form in kept if form.title or len(form.words) > 1}
        parts |= {form.words[0] for form in kept if not form.title and len(form.words) > 1}
        return [
            form
            for form in forms.values()
            if form not in kept
            and not form.title
            and len(form.words) == 1
            and form.words[0] in parts
            and form.narration > 0
            and form.place_evidence == 0
            and form.words[0].lower() not in lexicon.NON_NAME_WORDS | lexicon.PLACE_NAMES
            and self._always_capitalised(form)
        ]

    def _partners(self, forms: dict[str, NameForm], kept: list[NameForm]) -> list[NameForm]:
        """`Tom and Kell`, `Kell and Mrs. Vane`: a name joined by "and" to a person is a person too."""
        kept_texts = {form.text for form in kept}
        added = []
        for form in forms.values():
            if form in kept:
                continue
            for offset in form.offsets:
                before = PARTNER_BEFORE.search(self.text, max(0, offset - 40), offset)
                after = PARTNER_AFTER.match(self.text, offset + len(form.text))
                if (before and before.group(1) in kept_texts) or (after and after.group(1) in kept_texts):
                    form.person_evidence += 1
            if self._is_person(form):
                added.append(form)
        return added

    @staticmethod
    def _given_name_pairs(forms: dict[str, NameForm], kept: list[NameForm]) -> list[NameForm]:
        """`Marcus Bell ... Marcus took his coat`: a full name and its given name alone, each seen
        once, add up to a person when one of the two is already one or acts like one."""
        singles = {form.words[0]: form for form in forms.values() if len(form.words) == 1 and not form.title}
        added = []
        for full in forms.values():
            single = singles.get(full.words[0])
            if full.title or len(full.words) == 1 or single is None or (full in kept and single in kept):
                continue
            if any(word.lower() in lexicon.NON_NAME_WORDS | lexicon.PLACE_NAMES for word in full.words):
                continue
            evidence = (
                full in kept
                or single in kept
                or full.person_evidence + single.person_evidence >= 1
                or given_name_gender(full.words[0]) is not None
            )
            if full.narration and single.narration and evidence:
                added += [form for form in (full, single) if form not in kept and form not in added]
        return added

    def addressed_only(self) -> str | None:
        """The name the dialogue calls someone by most often that the narration never uses: in a
        first-person story, the narrator's own name ("What does he say, Van?"). Call after people()."""
        narrated_words = {word for form in self._forms.values() if form.narration for word in form.words}
        candidates = [
            form
            for form in self._forms.values()
            if form.vocatives
            and not form.narration
            and not set(form.words) & narrated_words
            and not any(word.lower() in self._lowercase_words for word in form.words)
            # "View, air, good water": a word opening a quote before a comma is as often a noun.
            and not all(self.text[offset - 1 : offset] in "\"“‘'" for offset in form.offsets)
            and not any(SONG_WORD.search(word) for word in form.words)
            and not any(word.lower() in lexicon.NON_NAME_WORDS | lexicon.PLACE_NAMES for word in form.words)
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda form: (form.vocatives, form.count)).text

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
            # "_Edinburgh Castle_": underscores mark italics, the title of a book or a ship's name.
            common = (
                "_" in raw
                or lowered in lexicon.NON_NAME_WORDS
                or (not run and position == 0 and not is_title and self._is_common_word(lowered, offset))
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
                # "SIR Henry" in a heading: the title reads as it would in a sentence.
                title, raws = raws[0].capitalize() if raws[0].isupper() else raws[0], raws[1:]
        words = [clean_word(raw) for raw in raws]
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
            elif OWN_THING_AFTER.match(text, end):
                # "Theo pulled off his gloves": a subject acting on its own things is someone.
                form.person_evidence += 1
            before = text[max(0, offset - 24) : offset].split()
            if before:
                previous = before[-1].lower()
                if previous == "of" and len(before) > 1 and before[-2].lower() in lexicon.PLACE_HEADS:
                    # "the plains of Arvel", "the coast of Morra": a stretch of land, where "son of" is kin.
                    form.place_evidence += 1
                elif previous in lexicon.COMPASS_WORDS:
                    # "the south Atlantic", "northern Arvel".
                    form.place_evidence += 1
                elif previous in lexicon.PLACE_PREPOSITIONS - {"to", "of"}:
                    form.place_evidence += 1
                elif previous == "to" and len(before) > 1 and before[-2].lower() in lexicon.MOTION_WORDS:
                    # "went to Harvard", "back to Grimley": somewhere to go, where "said to Tom" is someone.
                    form.place_evidence += 1
                elif previous in lexicon.SPEECH_VERBS or previous in NAMING_WORDS:
                    # "said Tom"; "a classmate named Tom", where the article belongs to the classmate.
                    form.person_evidence += 1
                elif previous in PLACE_WORDS_BEFORE and not form.title:
                    # "St. Paul", "Castle Dracula": a saint's name in a place's name, a castle's name.
                    form.place_evidence += 1
                elif previous == "the" and not self._takes_article(form.title):
                    # People rarely take an article before their name; inns, ships and places do.
                    form.place_evidence += 2 if form.title else 1
                elif not form.title and INDEFINITE_ARTICLE_BEFORE.search(text, max(0, offset - 30), offset):
                    # "a Dane", "an ancient Dane": the indefinite article makes a common noun of a capitalised word.
                    form.place_evidence += 1
            if not form.title and ATTRIBUTIVE.match(text, end):
                # "a Boston lawyer", "the Scotch doctor": a capitalised word before a person noun qualifies it.
                form.place_evidence += 1

    @staticmethod
    def _takes_article(title: str | None) -> bool:
        """Rank and church titles come with "the" (the Duke of X, the Reverend X, the Widow X)."""
        return bool(title) and title.split()[0].lower().rstrip(".") in lexicon.ARTICLE_TITLES

    def _is_person(self, form: NameForm) -> bool:
        if form.title:
            if form.place_evidence >= form.count:
                return False
            return form.narration > 0 or form.person_evidence > form.count
        if form.narration == 0 and form.person_evidence == 0:
            return False
        if any(SONG_WORD.search(word) for word in form.words):
            return False
        lowered = [word.lower() for word in form.words]
        if any(word in lexicon.NON_NAME_WORDS for word in lowered):
            return False
        if (
            len(form.words) > 1
            and form.words[-1].lower() in lexicon.PLACE_NAME_ENDS
            and given_name_gender(form.words[0]) is None
        ):
            return False
        if any(word in lexicon.PLACE_NAMES for word in lowered):
            return False
        if form.speaks or (form.vocatives >= 2 and form.narration > 0):
            return True
        if (
            form.non_initial >= FREQUENT_MENTIONS
            and form.place_evidence * 4 <= form.count
            and self._always_capitalised(form)
        ):
            # Named mid-sentence again and again, rarely after "in"/"at": a character the story is about.
            return True
        if form.place_evidence > form.person_evidence:
            return False
        if lowered[0] in lexicon.MALE_GIVEN_NAMES or lowered[0] in lexicon.FEMALE_GIVEN_NAMES:
            return form.count >= 2 or form.person_evidence >= 1
        if form.person_evidence >= 1 and form.count >= 2:
            return True
        plain_mentions = NON_INITIAL_MENTIONS if len(form.words) == 1 else MIN_PLAIN_MENTIONS
        if form.non_initial >= plain_mentions or (len(form.words) > 1 and form.count >= MIN_PLAIN_MENTIONS):
            return form.person_evidence >= 1 or (form.place_evidence == 0 and self._always_capitalised(form))
        return False

    def _always_capitalised(self, form: NameForm) -> bool:
        """A word the text capitalises every time, never next to a place word, and that is no
        contraction or demonym (Englishmen) is a name even with no verb beside it."""
        return not any(
            word.lower() in self._lowercase_words or "'" in word or "’" in word or DEMONYM.search(word)
            for word in form.words
        )

    def _cluster(self, kept: list[NameForm]) -> list[list[NameForm]]:
        groups: list[list[NameForm]] = []
        by_word: dict[str, list[list[NameForm]]] = defaultdict(list)
        kept.sort(key=lambda form: (-len(form.words), -form.count))
        # "Miss Jemima" beside "Miss Pinkerton": a younger sister is called by title and given name.
        self._titled_given = {
            (_title_key(form.title), form.words[0]) for form in kept if form.title and len(form.words) == 1
        }
        for form in kept:
            group = self._group_for(form, by_word)
            if group is None:
                group = []
                groups.append(group)
                for word in form.words:
                    by_word[word].append(group)
            group.append(form)
        return groups

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
            if form.title and self._another_of_the_family(form, group):
                continue
            candidates.append(group)
        if not candidates and len(form.words) == 1 and not form.title:
            candidates = self._short_form_groups(form.words[0], by_word)
        if not candidates:
            return None
        return max(candidates, key=lambda group: sum(member.count for member in group))

    @staticmethod
    def _short_form_groups(word: str, by_word: dict[str, list[list[NameForm]]]) -> list[list[NameForm]]:
        """`Sid` / `Sidney`, `Rob` / `Robert`: a given name and its clipped form, one starting the other."""
        groups = []
        pet = _pet_form_stem(word)
        for known, known_groups in by_word.items():
            shorter, longer = sorted((word, known), key=len)
            clipped = len(shorter) >= MIN_SHORT_FORM and shorter != longer and longer.startswith(shorter)
            # `Danny` / `Daniel`, `Jenny` / `Jennifer`: a pet form's stem starts the given name.
            petted = pet is not None and len(known) > len(pet) + 1 and known.startswith(pet)
            if petted and None not in (genders := {given_name_gender(word), given_name_gender(known)}):
                petted = len(genders) == 1
            if clipped or petted:
                groups += [group for group in known_groups if group[0].words[0] == known]
        return groups

    def _another_of_the_family(self, form: NameForm, group: list[NameForm]) -> bool:
        """`Mrs. Sedley` is not `Miss Amelia Sedley`, and `Miss Pinkerton` is not `Miss Jemima
        Pinkerton` when the text also says `Miss Jemima`."""
        title = _title_key(form.title)
        titles = {_title_key(member.title) for member in group} - {None}
        if {title} | titles >= {"mrs", "miss"}:
            return True
        full = group[0]
        surname_only = len(form.words) == 1 and len(full.words) > 1 and form.words[0] == full.words[-1]
        return surname_only and (title, full.words[0]) in self._titled_given

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
