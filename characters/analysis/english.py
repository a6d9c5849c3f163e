"""English cast and speech tags: names from english_names, nameless people, the narrator, said-verbs."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from . import lexicon
from .cast import DESCRIBED, NAMED, NARRATOR, Cast, Member
from .english_names import (
    NAME_WORD,
    TITLE_ABBREVIATIONS,
    VOCATIVE,
    NameFinder,
    NameForm,
    clean_word,
    given_name_gender,
    title_gender,
)
from .models import Quote
from .speakers import STRONG, QuoteContext, Tag, resolve_pronoun

SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?](?:[\"”’']|\s|$)|\n")
PRONOUN_AHEAD = re.compile(r"\b(he|him|his|she|her)\b", re.IGNORECASE)
SUBJECT_PRONOUN_AHEAD = re.compile(r"\b(he|his|she)\b", re.IGNORECASE)
# "him", and "her" as an object: before punctuation or a word that cannot follow a possessive ("to her as").
OBJECT_PRONOUN = re.compile(
    r"him\b|her\b(?=\s*[.,;:!?\"”’'—-]|\s+(?:as|and|but|or|to|that|the|a|an|in|on|at|with|from|for|by|if|when|while|so|again"
    r"|back|up|down|away|out|off)\b)",
    re.IGNORECASE,
)
POSSESSOR = re.compile(r"^[A-Z][a-z]+['’]s$")
NAME_ALONE = re.compile(rf"^[\"“‘'](?:(?:my|dear|good|old|poor)\s+)*({NAME_WORD}(?:\s+{NAME_WORD})?)[.!?]*[\"”’']$")
FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b")
# `"Hi. I'm Priya, by the way."`: a line that gives the speaker's own name (not "I'm Jo's sister").
NAMES_ONESELF = re.compile(
    rf"^[\"“‘'](?:(?:Hi|Hello|Hey|Oh|Well|Yes|No)[,.!]?\s+)?(?:I'm|I am|I’m|[Mm]y name is|[Cc]all me)\s+"
    rf"({NAME_WORD}(?:\s+{NAME_WORD})?)(?![\w'’-])(?!\s+[a-z])"
)
SELF_INTRODUCTION = re.compile(
    rf"^[\"“‘'](?:(?:[Mm]y name is|I am|I'm)\s+)?({NAME_WORD}(?:\s+{NAME_WORD})+)[.!]?[\"”’']$"
)


def _base_forms(verbs) -> set[str]:
    """`declared` -> declare, `sighed` -> sigh, `replied` -> reply, `begged` -> beg: the forms a
    modal takes ("she would sigh"). Spellings that are no word (sighe) match nothing."""
    forms = {"tell", "speak", "begin"}
    for verb in verbs:
        if verb.endswith("ied"):
            forms.add(verb[:-3] + "y")
        elif verb.endswith("ed"):
            forms.update((verb[:-1], verb[:-2]))
            if len(verb) > 4 and verb[-3] == verb[-4]:
                forms.add(verb[:-3])
    return forms


# A letter or note quoted is its writer's line ("he wrote me the following note:").
WRITING_VERBS = frozenset(("wrote", "writes"))
MODALS = ("would", "will", "could", "might", "should", "must", "did", "shall", "can")
VERB_PATTERN = "|".join(
    sorted(
        [phrase.replace(" ", r"\s+") for phrase in lexicon.SPEECH_PHRASES]
        + sorted(lexicon.SPEECH_VERBS | lexicon.THOUGHT_VERBS | WRITING_VERBS),
        key=len,
        reverse=True,
    )
    # After a modal, the bare verb: "she would sigh", "he did declare".
    + [
        "(?:"
        + "|".join(f"(?<={modal}\\s)" for modal in MODALS)
        + ")(?:"
        + "|".join(sorted(_base_forms(lexicon.SPEECH_VERBS | lexicon.THOUGHT_VERBS), key=len, reverse=True))
        + ")"
    ]
)
# Between a subject and its said-verb: an adverb, an auxiliary ("would say", "had said"), "then".
VERB_MODIFIERS = (
    r"(?:(?:[a-z]+ly|had|then|would|will|could|did|must|might|should|now|again|at\s+once|at\s+last|presently)\s+){0,2}"
)
# A capitalised adverb opening a sentence ("Finally", "Presently").
SENTENCE_ADVERB = re.compile(r"[A-Z][a-z]+ly")
# "the old man", and "the Captain" / "the Doctor" as older texts capitalise a title used alone.
# Its words are no pronoun: in "at the door he said" the subject is "he".
DESCRIPTION_WORD = r"(?!(?:he|she|it|they|we|you|i)\b)[a-z-]+"
# The determiner may open a sentence ("The night porter leaned in").
DESCRIPTION = (
    rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir|[Yy]our)\s+"
    rf"(?:{DESCRIPTION_WORD}\s+){{0,2}}?(?:{DESCRIPTION_WORD}|[A-Z][a-z]+)"
)
# Capitalised only because they open a sentence ("So she lifted ...", "But Sidney said"): no subject.
SENTENCE_OPENERS = (
    r"(?:And|But|Or|Nor|For|So|Yet|If|Then|Than|That|This|These|Those|There|Here|Where|When|While|What|Which"
    r"|Who|How|Why|All|Each|Every|Some|No|Not|None|Yes|Well|Now|Still|Just|Only|Even|Also|Too|Very|Such"
    r"|In|On|At|To|From|Into|Of|By|With|Upon|Over|Under|After|Before|About|Through|Once|Again"
    r"|As|Though|Although|Because|Since|Until|Unless|Perhaps|Suddenly|Presently|Meanwhile|Instead|Indeed|Thus)\b"
)
# One of a group who speaks without being singled out: "said one", "another asked", "one of them cried".
SOMEONE = r"(?:(?<![Nn]o\s)(?<![Ee]very\s)one(?:\s+of\s+(?:them|us|the\s+[a-z]+))?|another)"
SUBJECT = (
    rf"(?P<subject>{DESCRIPTION}|{TITLE_ABBREVIATIONS}\s+{NAME_WORD}(?:\s+{NAME_WORD})*"
    rf"|Harbou?r master\s+{NAME_WORD}|(?!{SENTENCE_OPENERS}){NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}"
    rf"|{SOMEONE}|he|she|I|they)"
)
TAG_AFTER_INVERTED = re.compile(rf"^[\s,;:—–-]*(?:{VERB_PATTERN})\s+(?:the\s+voice\s+of\s+)?{SUBJECT}\b")
# `"…," said a shrill voice in the crowd`: a voice from a group is the group's line.
VOICE_IN_GROUP = re.compile(
    rf"^[\s,;:—–-]*(?:(?:{VERB_PATTERN})|came)\s+(?:a|an|the|another|one)\s+(?:[A-Za-z-]+\s+){{0,3}}?voices?\s+"
    r"(?:in|from|among|of|out\s+of)\s+(?P<group>the\s+[a-z]+)\b"
)
# `"…," I heard one small urchin grumbling`: the one the narrator heard is the speaker.
HEARD_SPEAKER = re.compile(
    rf"^[\s,;:—–-]*I\s+(?:had\s+|could\s+|then\s+)?(?:heard|hear)\s+(?P<subject>{DESCRIPTION}|one(?:\s+[a-z-]+){{1,3}}"
    rf"|{NAME_WORD}(?:\s+{NAME_WORD})?)\b"
)
# "Then a voice spoke.", "a voice called:": a line whose speaker the narration does not yet know.
UNKNOWN_VOICE = re.compile(
    r"\b[Aa]n?\s+(?:[a-z-]+\s+){0,2}voice\s+(?:[a-z]+\s+){0,2}?(?:spoke|said|called|cried|came|asked)\b"
)
# `"…," you will exclaim`: a line a letter or a narration puts in its reader's mouth.
SECOND_PERSON_TAG = re.compile(rf"^[\s,;:—–-]*you\s+{VERB_MODIFIERS}(?:{VERB_PATTERN})\b")
# `"…," as the sailors say`: a saying put in a group's mouth.
TAG_AFTER_NORMAL = re.compile(rf"^[\s,;:—–-]*(?:as\s+)?{SUBJECT}\s+{VERB_MODIFIERS}(?:{VERB_PATTERN})\b")
TAG_SENTENCE = re.compile(rf"(?:^|[.!?;]\s+|,\s+and\s+|\band\s+){SUBJECT}\s+{VERB_MODIFIERS}(?:{VERB_PATTERN})\b")
LEAD_IN = re.compile(rf"{SUBJECT}\s+{VERB_MODIFIERS}(?:{VERB_PATTERN})\b[^.!?\"“”]*[,:—-]*\s*$")
# "X put her head in at the door, and said--": the said-verb's subject is the sentence's.
# "X looked up, and, noting the hour, announced:": a participle phrase may stand between.
ELIDED_LEAD_IN = re.compile(rf"\band(?:,[^.!?\"“”,]*,)?\s+{VERB_MODIFIERS}(?:{VERB_PATTERN})\b[^.!?\"“”]*[,:—-]*\s*$")
# The subject opening a sentence or a clause after a conjunction ("..., but Eliza just put ...").
CLAUSE_SUBJECT = re.compile(
    rf"(?:^\s*|[.!?;]\s+(?:(?:But|And|Then|When|While|So)\s+)?|,?\s+(?:but|and|then|when|while|so)\s+){SUBJECT}\s+[a-z]"
)
# "Daniel Ruiz, the music teacher, leaned out": an appositive may stand between subject and verb.
APPOSITIVE = r"(?:,\s+(?:a|an|the|his|her|their|my)\s+[^,.!?;:\"“”]{1,50},)?"
# `"…," I told Theo`: the one a said-tag names as its object is the line's listener.
TOLD_LISTENER = re.compile(
    rf"^[\s,;:—–-]*{SUBJECT}\s+{VERB_MODIFIERS}(?:told|asked|answered|reminded|warned|assured|begged|urged)\s+"
    rf"(?P<listener>{NAME_WORD}(?:\s+{NAME_WORD})?)\b"
)
ACTION_SUBJECT = re.compile(rf"(?:^|[.!?]\s+){SUBJECT}{APPOSITIVE}\s+[a-z]")
# A mention is the subject of its clause when a clause opens before it and a verb-like word follows.
CLAUSE_OPENING = re.compile(
    r"(?:^|[.!?;:][\"”’'_]*\s+|\n\s*|\b(?:and|but|then|when|as|while|so|until|till|because|though|although|where|that)\s+)$",
    re.IGNORECASE,
)
# A sentence opening on a short phrase of time or place before its subject ("In the firelight Snake ...").
SETTING_OPENING = re.compile(
    r"(?:^|[.!?][\"”’'_]*\s+|\n\s*)(?:At|In|On|By|After|Before|During|Near|Under|Outside|Inside|Across|Through"
    r"|Meanwhile|Presently|Suddenly|Then|Now|Here|There)(?:\s+[a-z-]+){0,3},?\s+$"
)
POSSESSOR_OF_SUBJECT = re.compile(r"['’]s\s+(?:[a-z-]+\s+)?[a-z-]+\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b")
VERB_FOLLOWS = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]")
# Up to three lower-case words after a description's shortest match, where its head noun may be.
DESCRIPTION_TAIL = re.compile(r"(?:\s+[a-z-]+){0,3}(?:\s+[A-Z][a-z]+)?")
SUBJECT_WINDOW = 1500
# `"Dr. Hale?" A nurse looked in. It was Owen Blake, ...`: the narration right after a line says who it was.
IDENTIFIED = re.compile(rf"^(?:[^.!?\"“”]*[.!?]\s+)?It\s+was\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})\b")
GENDERED_DESCRIPTION = re.compile(r"\b(?:[Tt]he|[Aa]n?)(?P<words>(?:\s+(?!(?:the|an?)\b)[a-z-]+){1,3})")
# A letter's closing ("Yours ever,") and the signature alone on the next line.
SIGNATURE = re.compile(
    rf"(?:^|\n)[A-Z][^\n.!?]{{0,40}},[ \t]*\n\s*\n?\s*((?:{NAME_WORD}[ \t]*){{1,3}})\.?[ \t]*(?:\n|$)"
)
# He/she opening a sentence or a main clause: the subject a narration keeps on ("..., and she turned").
SUBJECT_PRONOUN = re.compile(
    r"(?:^|[.!?;:][\"”’']?\s+|\b(?:and|but|then|And|But|Then|So)\s+)(?P<pronoun>[Hh]e|[Ss]he)\s+[a-z]"
)
# A capitalised plural: a people or a family ("the Danes", "the Brannocks").
PEOPLE_NAME = re.compile(r"[A-Z][a-z]+[^s]s")
# The gender of a group or of "one of them": neither he nor she resolves to it.
GROUP = "group"
SPOUSE_TITLES = {"wife": "mrs", "husband": "mr"}
# Abbreviated titles and the noun a narration uses for the same person ("Dr. Mortimer" / "the doctor").
TITLE_WORDS = {"dr": "doctor", "capt": "captain", "prof": "professor", "col": "colonel", "gen": "general"}
# A quoted term sits in a narration sentence right after a word, with no comma, colon or dash.
TERM_BEFORE = re.compile(r"[A-Za-z]\s+$")
MAX_TERM_WORDS = 4
NO_REPLY = re.compile(
    r"\b(?:[Nn]o (?:answer|reply|response)|(?:nobody|no one|none) (?:answered|replied)"
    r"|(?:made|gave|got|received) no (?:answer|reply)|did not (?:answer|reply))\b"
)
NO_REPLY_LIMIT = 200
# `"Psychic," they whispered, and "spiritual."`: a quote after a conjunction continues a line.
LINE_CONJUNCTIONS = frozenset(("and", "but", "or"))
# A name shouted in capitals or after "you" ("You TOM!", "Y-o-u-u TOM!") calls that person.
SHOUTED_NAME = re.compile(r"(?:\b[A-Z]{2,}(?=!)|(?<=\b[Yy]ou\s)[A-Z][a-z]+(?=!))")
# A title called alone, like a name: "I don't know, aunt."
TITLE_VOCATIVE = re.compile(
    rf"(?:^[\"“‘']|,\s|[!?]\s)({'|'.join(sorted(lexicon.TITLES))})(?=\s*[,!?;]|\s*(?:--|—)|\.[\"”’']?$)",
    re.IGNORECASE,
)

# A sentence opening with a determiner and a few lower-case words, among them maybe a person noun.
DESCRIBED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<determiner>The|A|An|His|Her|My|Our|Their|[A-Z][a-z]+['’]s)"
    r"(?P<words>(?:\s+[a-z-]+){1,3}),?\s+[a-z]",
    re.MULTILINE,
)


def _label(phrase: str) -> str:
    """`The boy` -> `the boy`; a possessor's name keeps its capital (`Mina's father`)."""
    first, _, rest = phrase.partition(" ")
    if POSSESSOR.match(first):
        return f"{first} {rest.lower()}"
    return phrase.lower()


def _whole_description(subject: str, rest: str) -> str:
    """`said a young officer to him`: the shortest match ("a young") is cut before its head noun; the
    description runs on to the last person noun among the next few lower-case words, or to a name
    ("said the burly Moze")."""
    if subject.split()[0].lower() not in lexicon.DESCRIPTION_DETERMINERS:
        return subject
    words = subject.split()
    best = subject if words[-1].lower() in lexicon.PERSON_NOUNS else None
    for word in DESCRIPTION_TAIL.match(rest).group().split():
        words.append(word)
        if word in lexicon.PERSON_NOUNS or (word[0].isupper() and best is None):
            best = " ".join(words)
    return best or subject


def _without_opener(subject: str) -> str:
    """`But Sidney`, `Finally Tom`: the conjunction or adverb opening the sentence is no part of the name."""
    words = subject.split()
    while len(words) > 1 and words[1][:1].isupper() and _is_opener(words[0]):
        words = words[1:]
    return " ".join(words)


def _is_opener(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    if lowered in lexicon.TITLES or lowered in lexicon.DESCRIPTION_DETERMINERS:
        return False
    return lowered in lexicon.NON_NAME_WORDS or bool(SENTENCE_ADVERB.fullmatch(word))


def _self_introduction(contexts: list[QuoteContext], tag_subjects) -> str | None:
    """`"Yes," I said, "Jonathan Harker."`: a line of the narrator's that is only a full name."""
    tagged_paragraphs = {context.paragraph for context in contexts if "I" in tag_subjects(context)}
    for context in contexts:
        introduction = SELF_INTRODUCTION.match(context.quote.text)
        if introduction and context.paragraph in tagged_paragraphs:
            return introduction.group(1)
    return None


def _elided_subject(lead_in: str) -> str | None:
    """The subject of a lead-in whose said-verb follows "and" ("X looked up, and said--")."""
    verb = ELIDED_LEAD_IN.search(lead_in)
    if not verb:
        return None
    subjects = list(CLAUSE_SUBJECT.finditer(lead_in, 0, verb.start()))
    if not subjects:
        return None
    return _whole_description(subjects[-1].group("subject"), lead_in[subjects[-1].end("subject") :])


class EnglishCast(Cast):
    """Aliases are other proper names for a character; a nameless one's other descriptions ("the
    stranger" for "her visitor") stay internal, where they find the character in tags."""

    def aliases(self, member: Member) -> list[str]:
        return [] if member.kind == DESCRIBED else super().aliases(member)


class EnglishReader:
    """Reads one English text: builds its cast and the speech tag of every quote."""

    same_paragraph_same_speaker = True
    conversation_gap = 400
    nearest_anchor_either_side = True

    def __init__(self, text: str, quotes: list[Quote]):
        self.text = text
        self.quotes = [quote for quote in quotes if not quote.nested]
        self._nested = [quote for quote in quotes if quote.nested]
        self.cast = EnglishCast()
        self.narrator: Member | None = None
        self._described: dict[str, Member] = {}
        self._quote_starts = [quote.start for quote in self.quotes]
        # Where each member is the subject of a narration clause: the topic a later he/she continues.
        self._subject_offsets: list[int] = []
        self._subject_members: list[Member] = []
        # Narration he/she that open a clause, linked in text order as the reading reaches them.
        self._chain_pronouns: list[tuple[int, str]] | None = None
        self._chains_linked = 0
        self._first_person = False

    # --- characters --------------------------------------------------------------------------

    def build_cast(self, contexts: list[QuoteContext]) -> Cast:
        self._first_person = self._first_person_narration()
        finder = NameFinder(self.text, self._in_quote)
        subjects = [_without_opener(subject) for context in contexts for subject in self._tag_subjects(context)]
        for group in finder.people(subjects, [quote.text for quote in self.quotes]):
            self._add_member(group)
        self._vote_genders()
        self._described_subjects()
        if self._first_person:
            own_name = finder.addressed_only() or _self_introduction(contexts, self._tag_subjects) or self._signature()
            self.narrator = self.cast.add(Member(name=own_name or "I", kind=NARRATOR))
            # The narrator's "I" and "me" are mentions, so the partner of an exchange can be the narrator.
            for match in FIRST_PERSON.finditer(self.text):
                if not self._in_quote(match.start()):
                    self.cast.mention(self.narrator, match.start())
        return self.cast

    def _signature(self) -> str | None:
        """`Yours ever,` then `ANNA WEST.` alone: a letter-writing narrator signs with a name the cast knows."""
        for match in SIGNATURE.finditer(self.text):
            words = [clean_word(word) for word in match.group(1).split()]
            member = self.cast.lookup(" ".join(words))
            if member is not None and member.kind == NAMED:
                return member.name
        return None

    def _in_quote(self, offset: int) -> bool:
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and self.quotes[index].end > offset

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
                    if self._is_clause_subject(offset, offset + len(form.text)) or self._subject_after_setting(
                        offset, offset + len(form.text)
                    ):
                        self._subject_mention(member, offset)

    def _subject_after_setting(self, start: int, end: int) -> bool:
        """`At the juncture Moze returned.`: a name after a sentence's opening phrase of time or place,
        followed by a verb-like word, is that sentence's subject."""
        if POSSESSOR_OF_SUBJECT.match(self.text, end) and CLAUSE_OPENING.search(self.text, max(0, start - 12), start):
            # `Marilla's lips twitched. She ...`: the owner of a sentence's subject is what it is about.
            return True
        return bool(SETTING_OPENING.search(self.text, max(0, start - 40), start)) and bool(
            VERB_FOLLOWS.match(self.text, end)
        )

    def _is_clause_subject(self, start: int, end: int) -> bool:
        return bool(CLAUSE_OPENING.search(self.text, max(0, start - 12), start)) and bool(
            VERB_FOLLOWS.match(self.text, end)
        )

    def _subject_mention(self, member: Member, offset: int) -> None:
        index = bisect.bisect_right(self._subject_offsets, offset)
        self._subject_offsets.insert(index, offset)
        self._subject_members.insert(index, member)

    def _topic(self, offset: int, gender: str, exclude: set[Member], since: int) -> Member | None:
        """The last member of `gender` that was a clause subject between `since` and `offset`."""
        index = bisect.bisect_left(self._subject_offsets, offset) - 1
        while index >= 0 and self._subject_offsets[index] >= since:
            member = self._subject_members[index]
            if member not in exclude and member.kind != NARRATOR and member.gender == gender:
                return member
            index -= 1
        return None

    def _link_pronoun_chains(self, until: int) -> None:
        """`Mrs. Hall lit the fire. ... She rapped and entered.`: a he/she opening a narration clause
        continues the topic before it, so the chain reaches a tag far from the last name. Linked up to
        `until` only, so the said-tags read before (`said Marcus, and ... He frowned.`) count."""
        if self._chain_pronouns is None:
            self._chain_pronouns = [
                (match.start("pronoun"), lexicon.PRONOUN_GENDER[match.group("pronoun").lower()])
                for match in SUBJECT_PRONOUN.finditer(self.text)
                if not self._in_quote(match.start("pronoun"))
            ]
        while self._chains_linked < len(self._chain_pronouns) and self._chain_pronouns[self._chains_linked][0] < until:
            offset, gender = self._chain_pronouns[self._chains_linked]
            self._chains_linked += 1
            member = self._topic(offset, gender, set(), offset - SUBJECT_WINDOW)
            if member is not None:
                self._subject_mention(member, offset)

    def _vote_genders(self) -> None:
        for member in self.cast.members:
            self._vote_gender(member)

    def _vote_gender(self, member: Member, subjects_only: bool = False) -> None:
        """Counts the he/she that first follows each mention, within the sentence or just after.
        A description is often an object ("she let the stranger in; her ..."), so for one only the
        mentions that are clause subjects vote."""
        text = self.text
        for form in member.forms:
            for match in re.finditer(re.escape(form), text, re.IGNORECASE if subjects_only else 0):
                if subjects_only and not self._is_clause_subject(match.start(), match.end()):
                    continue
                window_end = SENTENCE_END.search(text, match.end())
                limit = window_end.end() if window_end else len(text)
                # "her" may be the object of the sentence, another person; a description votes without it.
                pattern = SUBJECT_PRONOUN_AHEAD if subjects_only else PRONOUN_AHEAD
                pronoun = pattern.search(text, match.end(), min(limit + 80, len(text)))
                # "X grumbled to her", "X peered at her.": an object is another person, the one X acts on.
                if pronoun and not OBJECT_PRONOUN.match(text, pronoun.start()):
                    member.gender_votes[lexicon.PRONOUN_GENDER[pronoun.group(1).lower()]] += 1

    def _described_subjects(self) -> None:
        """Nameless people as sentence subjects ("The boy looked up"), so pronouns can reach them."""
        for match in DESCRIBED_SUBJECT.finditer(self.text):
            if self._in_quote(match.start()):
                continue
            words = match.group("words").split()
            # The first person noun is the head ("The old lady pulled ..."); later ones are objects.
            head = next((index for index, word in enumerate(words) if word in lexicon.PERSON_NOUNS), None)
            if head is None:
                continue
            phrase = " ".join([match.group("determiner"), *words[: head + 1]])
            member = self._sole_named_of_epithet(phrase, match.start())
            if member is None and head > 0:
                # An adjective before the noun ("Her only child") describes more than it introduces.
                continue
            member = member or self._described_member(words[head], phrase)
            self.cast.mention(member, match.start())
            self._subject_mention(member, match.start())

    def _apposed(self, noun: str) -> Member | None:
        """`my cousin, John Herncastle`, `the officer, whose name was Blake`: a description the narration
        puts a name beside is that person."""
        apposition = re.compile(
            rf"\b(?i:the|his|her|my|our|their)\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(noun)}"
            rf"(?:,\s+whose\s+name\s+was\s+|,\s+|\s+named\s+)({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})"
        )
        for match in apposition.finditer(self.text):
            if self._in_quote(match.start()):
                continue
            words = [clean_word(word) for word in match.group(1).split()]
            while words:
                member = self.cast.lookup(" ".join(words))
                if member is not None and member.kind != DESCRIBED:
                    return member
                words = words[:-1]
        return None

    def _names_herself(self, noun: str) -> Member | None:
        """`A woman with a paperback sat down. ... "I'm Priya."`: a newcomer the narration describes
        and who then gives her name, which the narration never used before, is that named character."""
        gender = "male" if noun in lexicon.MALE_NOUNS else "female" if noun in lexicon.FEMALE_NOUNS else None
        if gender is None:
            return None
        introduced = re.search(rf"\b(?:[Aa]n?)\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(noun)}\b", self.text)
        if introduced is None or self._in_quote(introduced.start()):
            return None
        for quote in self.quotes:
            named = NAMES_ONESELF.match(quote.text)
            if named is None or quote.start < introduced.start():
                continue
            member = self._named(named.group(1))
            if member is None or member.title_gender not in (None, gender):
                continue
            earlier = any(
                not self._in_quote(match.start())
                for form in member.forms
                for match in re.finditer(rf"\b{re.escape(form)}\b", self.text[: quote.start])
            )
            if not earlier:
                return member
        return None

    def _described_member(self, noun: str, phrase: str) -> Member:
        nouns = lexicon.NEWCOMER_NOUNS if noun in lexicon.NEWCOMER_NOUNS else {noun}
        key = min(nouns)
        member = self._described.get(key)
        named = self._apposed(noun) if member is None and noun not in lexicon.NEWCOMER_NOUNS else None
        if named is None and member is None:
            named = self._names_herself(noun)
        if named is not None:
            member = self._described[key] = named
        if member is not None and member.kind != DESCRIBED:
            return member
        if member is None:
            member = self._described[key] = self.cast.add(Member(name=_label(phrase), kind=DESCRIBED))
            alternatives = "|".join(re.escape(word) for word in sorted(nouns))
            for match in re.finditer(
                rf"\b(?:the|a|an|his|her|my|our|their)\s+(?:{alternatives})\b", self.text, re.IGNORECASE
            ):
                if not self._in_quote(match.start()):
                    member.forms[match.group().lower()] += 1
            # Every mention in the narration, adjectives between or not ("our last guide"), so a he or
            # she in a first-person narration can reach the one last spoken of.
            for match in re.finditer(
                rf"\b(?:the|his|her|my|our|their)\s+(?:[a-z-]+\s+){{0,2}}?(?:{alternatives})\b",
                self.text,
                re.IGNORECASE,
            ):
                if self._first_person and not self._in_quote(match.start()):
                    self.cast.mention(member, match.start())
            if noun in lexicon.MALE_NOUNS:
                member.title_gender = "male"
            elif noun in lexicon.FEMALE_NOUNS:
                member.title_gender = "female"
            else:
                self._vote_gender(member, subjects_only=True)
        member.forms[_label(phrase)] += 1
        # "Mina's father" says who it is better than the more frequent "her father".
        member.name = max(member.forms, key=lambda form: (bool(POSSESSOR.match(form.split()[0])), member.forms[form]))
        return member

    def _someone(self, label: str) -> Member:
        """A group that speaks as one ("the soldiers"), or one of a group ("said one", "one of them"):
        a nameless character of its own, never the he or she of a later tag."""
        member = self._described.get(label)
        if member is None:
            member = self._described[label] = self.cast.add(Member(name=label, kind=DESCRIBED))
            member.title_gender = GROUP
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
        for lead_in in (context.before, context.previous_paragraph_lead_in):
            match = LEAD_IN.search(lead_in)
            if match:
                subjects.append(match.group("subject"))
        subjects += filter(None, (_elided_subject(context.before), _elided_subject(context.previous_paragraph_lead_in)))
        if context.after_is_narration_only:
            subjects += [
                match.group("subject") for match in TAG_SENTENCE.finditer(context.after[: context.later_limit])
            ]
        return subjects

    def tag(self, context: QuoteContext) -> Tag | None:
        after = context.after
        first_sentence_end = SENTENCE_END.search(after)
        first_sentence = after[: first_sentence_end.end()] if first_sentence_end else after
        voice = VOICE_IN_GROUP.match(first_sentence)
        if voice:
            tag = self._describe(voice.group("group"), 3, context.quote.end + voice.start("group"))
            if tag:
                return tag
        heard = HEARD_SPEAKER.match(first_sentence)
        if heard:
            tag = self._heard(heard.group("subject"), context.quote.end + heard.start("subject"), context)
            if tag:
                return tag
        for pattern, strength in ((TAG_AFTER_INVERTED, 3), (TAG_AFTER_NORMAL, 3)):
            match = pattern.match(first_sentence)
            if match and match.group("subject") in ("He", "She") and context.quote.text.rstrip("\"”’'")[-1:] in ".!?":
                # `"…!" He spoke those words, and fell.`: a capital after a closed sentence opens narration,
                # read below as a later sentence, after any lead-in before the line.
                match = None
            if match:
                subject = match.group("subject")
                if pattern is TAG_AFTER_INVERTED:
                    subject = _whole_description(subject, first_sentence[match.end("subject") :])
                tag = self._resolve(subject, context.quote.end + match.start("subject"), context, strength)
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
        identified = IDENTIFIED.match(after.lstrip())
        if identified:
            member = self._named(identified.group("name"))
            if member is not None and member not in context.addressees:
                return Tag(member, 2)
        if context.previous_paragraph_lead_in:
            match = LEAD_IN.search(context.previous_paragraph_lead_in)
            if match:
                tag = self._resolve(match.group("subject"), context.quote.start - 1, context, 3)
                if tag:
                    return tag
        tail = self._quoted_paragraph_lead_in(context)
        if tail:
            match = LEAD_IN.search(tail)
            if match:
                tag = self._resolve(match.group("subject"), context.quote.start - 1, context, 3)
                if tag:
                    return tag
        for lead_in in (context.before, context.previous_paragraph_lead_in, tail):
            tag = self._elided_lead_in(lead_in, context)
            if tag:
                return tag
        answer = self._answers_introduction(context.quote)
        if answer is not None:
            return Tag(answer, 3)
        named = NAMES_ONESELF.match(context.quote.text)
        if named:
            member = self.cast.lookup(" ".join(clean_word(word) for word in named.group(1).split()))
            if member is not None:
                return Tag(member, 3)
        if context.before.strip():
            matches = list(ACTION_SUBJECT.finditer(context.before))
            for match in reversed(matches):
                # "The stage manager, a tall girl, tapped her": the shortest match stops before the head noun.
                subject = _whole_description(match.group("subject"), context.before[match.end("subject") :])
                tag = self._resolve(subject, context.before_offset + match.start("subject"), context, 1)
                if tag:
                    return tag
        else:
            narration, offset = self._narration_before(context)
            if narration and UNKNOWN_VOICE.search(narration[narration.rfind(". ") + 1 :]):
                # `Then a voice spoke. / "Hello, pop!" / Ogden Ford was sprawling in a chair.`
                return self._introduced_after(context)
            if narration:
                return self._actor_of(narration, offset, context)
        return None

    def _named(self, name: str) -> Member | None:
        """The named member a run of capitalised words begins with ("Owen Blake" of "Owen Blake Said")."""
        words = [clean_word(word) for word in name.split()]
        while words:
            member = self.cast.lookup(" ".join(words))
            if member is not None and member.kind == NAMED:
                return member
            words = words[:-1]
        return None

    def _introduced_after(self, context: QuoteContext) -> Tag | None:
        """The subject opening the narration paragraph right after a line whose voice was unknown."""
        paragraph = context.next_paragraph
        if not context.after_is_narration_only or context.after.strip() or not paragraph:
            return None
        if paragraph.lstrip()[:1] in "\"“‘'_":
            return None
        match = CLAUSE_SUBJECT.match(paragraph)
        if match is None:
            return None
        offset = self.text.find(paragraph, context.quote.end)
        return self._resolve(match.group("subject"), offset + match.start("subject"), context, 1)

    def _heard(self, subject: str, offset: int, context: QuoteContext) -> Tag | None:
        """`I heard one small urchin grumbling`: one of a group, named by the noun the narration uses."""
        words = subject.lower().split()
        if words[0] == "one":
            nouns = [index for index, word in enumerate(words) if word in lexicon.PERSON_NOUNS]
            return Tag(self._someone(" ".join(words[: nouns[-1] + 1])), 3) if nouns else None
        if words[0] in lexicon.DESCRIPTION_DETERMINERS:
            subject = _whole_description(subject, self.text[offset + len(subject) : offset + len(subject) + 40])
        return self._resolve(subject, offset, context, 3)

    def _narration_before(self, context: QuoteContext) -> tuple[str, int]:
        """The narration just before a quote that opens its paragraph: the paragraph before when it
        holds no quote, else the sentences closing it after its last quote, past that quote's tag."""
        if context.previous_narration:
            return context.previous_narration, context.previous_narration_offset
        text, start = self.text, context.quote.start
        paragraph_break = text.rfind("\n\n", 0, start)
        index = bisect.bisect_left(self._quote_starts, start) - 1
        if paragraph_break < 0 or index < 0 or self.quotes[index].end > paragraph_break:
            return "", 0
        if self.quotes[index].end <= text.rfind("\n\n", 0, paragraph_break):
            return "", 0
        tail_start = self.quotes[index].end
        first_sentence = SENTENCE_END.search(text, tail_start, paragraph_break)
        if first_sentence is None or not text[first_sentence.end() : paragraph_break].strip():
            return "", 0
        return text[first_sentence.end() : paragraph_break].rstrip(), first_sentence.end()

    def _actor_of(self, narration: str, offset: int, context: QuoteContext) -> Tag | None:
        """Who acted in the narration just before a quote usually speaks it: the subject of the last
        clause of its last sentence ("X sat with his back to me, and I ...")."""
        sentence_break = narration.rfind(". ", 0, len(narration) - 1)
        last_sentence_start = sentence_break + 2 if sentence_break >= 0 else 0
        last_sentence = narration[last_sentence_start:]
        for match in reversed(list(CLAUSE_SUBJECT.finditer(last_sentence))):
            subject_offset = offset + last_sentence_start + match.start("subject")
            tag = self._resolve(match.group("subject"), subject_offset, context, 1)
            # One the line calls by name is its listener ("Tom picked up the pail. / 'No, TOM!'").
            if tag and tag.member not in context.addressees:
                return tag
        return None

    def _quoted_paragraph_lead_in(self, context: QuoteContext) -> str:
        """`"Where is she?" he went on. Then Eliza looked in, and said--`: the narration closing a
        paragraph that also holds quotes introduces the quote opening the next paragraph."""
        text, start = self.text, context.quote.start
        if context.before.strip() or context.previous_paragraph_lead_in:
            return ""
        paragraph_break = text.rfind("\n\n", 0, start)
        if paragraph_break < 0:
            return ""
        index = bisect.bisect_left(self._quote_starts, start) - 1
        if index < 0 or self.quotes[index].end <= text.rfind("\n\n", 0, paragraph_break):
            return ""
        tail = text[self.quotes[index].end : paragraph_break].rstrip()
        return tail if tail.endswith((":", ",", "—", "-")) else ""

    def _elided_lead_in(self, lead_in: str, context: QuoteContext) -> Tag | None:
        subject = _elided_subject(lead_in)
        return self._resolve(subject, context.quote.start - 1, context, 3) if subject else None

    def _resolve(self, subject: str, offset: int, context: QuoteContext, strength: int) -> Tag | None:
        lowered = subject.lower()
        if lowered in ("he", "she"):
            member = self._resolve_pronoun(context, lexicon.PRONOUN_GENDER[lowered], offset)
            return Tag(member, strength) if member else None
        if lowered == "i":
            return Tag(self._ensure_narrator(), strength)
        if lowered == "they":
            return None
        first = lowered.split()[0]
        if re.fullmatch(SOMEONE, lowered):
            return Tag(self._someone(lowered), strength)
        if first in lexicon.DESCRIPTION_DETERMINERS:
            named = self._epithet_of_named(subject, context, offset) if strength >= STRONG else None
            tag = Tag(named, strength) if named else self._describe(subject, strength, offset)
            head = subject.split()[-1]
            if tag is None and head[:1].isupper():
                # "said the burly Moze": a name after an epithet.
                member = self.cast.lookup(clean_word(head))
                tag = Tag(member, strength) if member else None
        else:
            tag = None
            words = [clean_word(word) for word in _without_opener(subject).split()]
            titled = self._titled_surname(words[0]) if len(words) == 1 else None
            tag = Tag(titled, strength) if titled else None
            while words and tag is None:
                member = self.cast.lookup(" ".join(words))
                tag = Tag(member, strength) if member else None
                words = words[:-1]
        if tag is not None and strength >= STRONG:
            # Whoever a said-tag names is the topic a later "he said" continues.
            self._subject_mention(tag.member, offset)
        return tag

    def _resolve_pronoun(self, context: QuoteContext, gender: str, offset: int) -> Member | None:
        """He/she: whoever of that gender the quote's own paragraph made the subject, else the one
        participant of that gender in the exchange, else the last subject of that gender nearby."""
        self._link_pronoun_chains(offset)
        # The paragraph of the pronoun: a lead-in may stand in a paragraph of its own before the quote.
        paragraph_start = self.text.rfind("\n\n", 0, min(offset, context.quote.start)) + 1
        exclude = set(context.addressees)
        local = self._topic(offset, gender, exclude, paragraph_start)
        if local is not None:
            return local
        if offset > context.quote.start and not context.before.strip():
            # `Marilla's lips twitched. She had expected ... / "Oh, no," she said.`: the tag of a line
            # opening its paragraph continues the subject of the narration paragraph just before.
            narration, start = self._narration_before(context)
            previous = self._topic(start + len(narration), gender, exclude, start) if narration else None
            if previous is not None:
                return previous
        member = resolve_pronoun(self.cast, context, gender, offset)
        if member is not None and member in context.recent_speakers:
            return member
        return (
            self._topic(offset, gender, exclude, offset - SUBJECT_WINDOW)
            or member
            or self._described_of(gender, offset)
        )

    def _described_of(self, gender: str, offset: int) -> Member | None:
        """`The girl ... she abruptly asked`: with nobody of that gender known yet, the he/she is the
        person the narration last described with a noun of that gender."""
        nouns = lexicon.MALE_NOUNS if gender == "male" else lexicon.FEMALE_NOUNS
        found = None
        for match in GENDERED_DESCRIPTION.finditer(self.text, max(0, offset - SUBJECT_WINDOW), offset):
            noun = next((word for word in match.group("words").split() if word in nouns), None)
            if noun is not None and not self._in_quote(match.start()):
                found = noun
        if found is None:
            return None
        member = self._described_member(found, f"the {found}")
        return member if member.gender in (gender, "unknown") else None

    def _epithet_gender(self, phrase: str, offset: int) -> str | None:
        """The gender of a definite description with an adjective ("the old lady"), which names
        someone known, unless the text introduced such a person ("an old lady came in") before."""
        words = phrase.lower().split()
        noun = words[-1]
        gender = "male" if noun in lexicon.MALE_NOUNS else "female" if noun in lexicon.FEMALE_NOUNS else None
        if words[0] != "the" or len(words) < 3 or gender is None:
            return None
        if re.search(rf"\b(?:a|an)\s+(?:[a-z-]+\s+){{0,2}}{re.escape(noun)}\b", self.text[:offset], re.IGNORECASE):
            return None
        return gender

    def _sole_named_of_epithet(self, phrase: str, offset: int) -> Member | None:
        """`The old lady pulled her spectacles down` in a story whose one named woman is Aunt Polly."""
        gender = self._epithet_gender(phrase, offset)
        named = [member for member in self.cast.members if member.kind == NAMED and member.gender == gender]
        return named[0] if gender is not None and len(named) == 1 else None

    def _epithet_of_named(self, phrase: str, context: QuoteContext, offset: int) -> Member | None:
        """`said the old lady` in a scene with one named woman: an epithet for a known speaker."""
        gender = self._epithet_gender(phrase, offset)
        if gender is None:
            return None
        for member in context.recent_speakers:
            if member.kind == NAMED and member.gender == gender and member not in context.addressees:
                return member
        member = self.cast.last_mentioned(offset, gender, exclude=context.addressees)
        return member if member is not None and member.kind == NAMED and member.gender == gender else None

    def _titled_surname(self, word: str) -> Member | None:
        """`said Temple` where the text has both Mr. Temple and Charlotte Temple: a bare surname in a
        tag is the man called by title and surname, not the one the text calls by her first name."""
        titled = {
            member
            for member in self.cast.members
            if len(member.name.split()) == 2
            and member.name.split()[1] == word
            and member.name.split()[0].lower().rstrip(".") in lexicon.MALE_TITLES
        }
        owner = self.cast.lookup(word)
        if len(titled) != 1 or owner is None or owner in titled:
            return None
        return titled.pop()

    def _ensure_narrator(self) -> Member:
        if self.narrator is None:
            self.narrator = self.cast.add(Member(name="I", kind=NARRATOR))
        return self.narrator

    def _describe(self, phrase: str, strength: int, offset: int) -> Tag | None:
        words = phrase.lower().split()
        noun = words[-1]
        group = noun in lexicon.GROUP_NOUNS or bool(PEOPLE_NAME.fullmatch(phrase.split()[-1]))
        if group and strength < STRONG:
            # A group is a speaker only when a tag says so, never for having acted just before.
            return None
        if len(words) >= 3 and words[-2:] in (["of", "them"], ["of", "us"]) and strength >= STRONG:
            # "the three of them whispered": several people speaking at once.
            return Tag(self._someone(_label(phrase)), strength)
        if noun in lexicon.GROUP_NOUNS and words[0] not in ("a", "an"):
            return Tag(self._someone(_label(phrase)), strength)
        head = phrase.split()[-1]
        if len(words) == 2 and words[0] == "the" and PEOPLE_NAME.fullmatch(head) and not self.cast.lookup(head):
            # "the Danes say", "said the Brannocks": a people or a family speaking, named without the article.
            return Tag(self._someone(head), strength)
        if noun not in lexicon.PERSON_NOUNS and not (head[:1].isupper() and noun in lexicon.PEOPLE_OF_NATIONS):
            # "said the dying Indian", "the old Frenchman asked": one of a people is a person.
            return None
        titled = self._titled(noun, offset) if words[0] == "the" else None
        if titled is not None:
            return Tag(titled, strength)
        spouse = self._spouse(noun) if words[0] in ("his", "her") else None
        if spouse is not None:
            return Tag(spouse, strength)
        return Tag(self._described_member(noun, phrase), strength)

    def _titled(self, noun: str, offset: int) -> Member | None:
        """`the sergeant` is the character some form names with that title ("Sergeant Bibot"); of
        several so titled, the one mentioned last."""
        titled = set()
        for member in self.cast.members:
            if member.kind == DESCRIBED:
                continue
            for form in [member.name, *member.forms]:
                title = form.split()[0].lower().rstrip(".")
                if len(form.split()) > 1 and TITLE_WORDS.get(title, title) == noun:
                    titled.add(member)
        if len(titled) <= 1:
            return next(iter(titled), None)
        return self.cast.last_mentioned(offset, exclude=set(self.cast.members) - titled)

    def _spouse(self, noun: str) -> Member | None:
        """`his wife` / `her husband` in a story with one married couple (Mr. and Mrs. Surname)."""
        title = SPOUSE_TITLES.get(noun)
        if title is None:
            return None
        by_title: dict[str, dict[str, Member]] = {"mr": {}, "mrs": {}}
        for member in self.cast.members:
            for form in member.forms:
                first, _, surname = form.partition(" ")
                key = first.lower().rstrip(".")
                if key in by_title and surname:
                    by_title[key][surname.split()[-1]] = member
        couples = set(by_title["mr"]) & set(by_title["mrs"])
        if len(couples) != 1:
            return None
        return by_title[title][couples.pop()]

    def continues_turn(self, previous: QuoteContext, context: QuoteContext) -> bool:
        """`"TOM!" / No answer. / "TOM!"`: narration saying nobody answered leaves the line after it
        to the one who spoke before."""
        between = self.text[previous.quote.end : context.quote.start]
        return len(between) <= NO_REPLY_LIMIT and bool(NO_REPLY.search(between))

    def is_speech(self, context: QuoteContext) -> bool:
        """A short quote run into the narration after a plain word (`no "haggler," and`, `the
        "jimpson" weeds`) with no said-verb beside it is a term being quoted, not a line."""
        quote = context.quote
        if SECOND_PERSON_TAG.match(context.after):
            # `"What a noble fellow!" you will exclaim.`: the reader's line, which no character says.
            return False
        words = quote.text.strip("\"“”‘’'").split()
        if len(words) > MAX_TERM_WORDS or quote.text.rstrip("\"”’'").endswith(("!", "?")):
            return True
        if not TERM_BEFORE.search(self.text, max(0, quote.start - 30), quote.start):
            return True
        previous_word = self.text[max(0, quote.start - 30) : quote.start].split()[-1:]
        if previous_word and previous_word[0].lower() in lexicon.SPEECH_VERBS | LINE_CONJUNCTIONS:
            return True
        return bool(TAG_AFTER_INVERTED.match(context.after) or TAG_AFTER_NORMAL.match(context.after))

    def vocatives(self, quote: Quote) -> set[Member]:
        addressees = set()
        said = self._own_words(quote)
        called_alone = NAME_ALONE.match(said) if self._answers_introduction(quote) is None else None
        names = [called_alone.group(1)] if called_alone else VOCATIVE.findall(said) + SHOUTED_NAME.findall(said)
        for name in names:
            member = self.cast.lookup(" ".join(clean_word(word) for word in name.split()))
            if member:
                addressees.add(member)
        told = TOLD_LISTENER.match(self.text[quote.end : quote.end + 80])
        if told:
            member = self.cast.lookup(" ".join(clean_word(word) for word in told.group("listener").split()))
            if member:
                addressees.add(member)
        for title in TITLE_VOCATIVE.findall(said):
            member = self._only_titled(title.lower())
            if member:
                addressees.add(member)
        return addressees

    def _answers_introduction(self, quote: Quote) -> Member | None:
        """`"I'm Priya, by the way." / "Jun."`: a name alone answering a line that gave the speaker's
        own name is the answerer's own name, not a call."""
        alone = NAME_ALONE.match(quote.text)
        index = bisect.bisect_left(self._quote_starts, quote.start) - 1
        if alone is None or index < 0 or not NAMES_ONESELF.match(self.quotes[index].text):
            return None
        if self.text[self.quotes[index].end : quote.start].strip():
            return None
        return self._named(alone.group(1))

    def _own_words(self, quote: Quote) -> str:
        """The quote without the quotes it reports ("Say, 'What do you want, Master Reed?'"), whose
        vocatives address someone else's listener."""
        said = quote.text
        for inner in reversed(self._nested):
            if quote.start < inner.start and inner.end <= quote.end:
                said = said[: inner.start - quote.start] + said[inner.end - quote.start :]
        return said

    def _only_titled(self, title: str) -> Member | None:
        """`"I don't know, aunt."`: the one character whose name carries that title."""
        titled = {
            member
            for member in self.cast.members
            if any(form.split()[0].lower().rstrip(".") == title for form in list(member.forms) + [member.name])
        }
        return titled.pop() if len(titled) == 1 else None
