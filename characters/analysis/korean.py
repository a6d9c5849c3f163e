"""Korean characters and speech tags: kiwipiepy proper nouns and subjects, confirmed by rules.

Kiwi tags a modern given name as NNP but splits unfamiliar ones ("운철이가" -> 운/철/이/가), so a
name is read from the whole word (eojeol) with its trailing particles cut off, and kiwi is trusted
only for where the particles are.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import lexicon
from .cast import DESCRIBED, GROUP, NAMED, NARRATOR, Cast, Member
from .models import Quote
from .speakers import SAID, STRONG, QuoteContext, Tag, resolve_pronoun

HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]+$")
VOCATIVE = re.compile(r"(?:^[\"']|[,!?.…]\s*)([\uac00-\ud7a3]{1,3}?)(?:아|야|씨|님|군)\s*[,!.?…]")
# Connective endings that keep the subject for the next clause (…하며, …하고, …하다가); `…하니까,`
# and `…하자,` hand it to someone else.
SAME_SUBJECT_END = re.compile(r"(?:며|면서|더니|다가|고|서|이어)\s*[,.]?\s*$")
# A clause ending `…하니까,` / `…하자,` / `…하면,` before a line: the other person answers.
HAND_OVER_END = re.compile(r"(?:니까|으니|자|면)\s*,\s*$")
HANDED_OVER = re.compile(r"(?:니까|자)$")
# A title with the honorific 님 called out in a line (`"네, 과장님."`, `"사장님, …"`).
TITLE_CALL = re.compile(r"(?<![\uac00-\ud7a3])(?<![\uac00-\ud7a3] )([\uac00-\ud7a3]{1,3}님)(?=\s*[,.!?])")
QUOTE_OPENERS = ('"', "'", "“", "‘")
LEAD_IN_END = re.compile(r"[,，]\s*$|(?:며|면서|더니|다가|고|서)\s*[,.]?\s*$")
SPEECH_PREDICATE = re.compile("|".join(sorted(lexicon.KO_SPEECH_STEMS, key=len, reverse=True)))
PERSON_NOUN_END = re.compile(
    "(?:"
    + "|".join(
        sorted(
            {noun for noun in lexicon.KO_PERSON_NOUNS if len(noun) > 1} | lexicon.KO_PERSON_SUFFIXES,
            key=len,
            reverse=True,
        )
    )
    + ")$"
)
# Narration that points back at the line before it: `그는 이렇게 말하였다`, `이런 말을 하였다`.
BACK_REFERENCE = re.compile(r"(?:이렇게|이처럼|이와 같이|이런 말|이러한 말|이 말을)")
# `"…" / 하는 소리에 X는 …`: the narration after a line tells who heard it.
# Where a thought or a cry sits: `X의 눈에는 '…'`, `X의 입에서 "…"`.
MIND_NOUNS = {*lexicon.KO_VOICE_NOUNS, "마음", "가슴", "머리", "머릿속", "속"}
HEARD = re.compile(r"하는\s*(?:소리|말|목소리|대답|고함)(?:에|을|를)")
# Subject particles kiwi sometimes leaves glued to an unfamiliar name (문호도, 난수는).
GLUED_PARTICLES = "도는은가"
# Only the opening words of the narration after a line speak of that line.
VOICE_REACH = 8
# The face a sentence opens on is in its first words (`그의 얼굴에는`, `아내의 창백한 얼굴에`).
FACE_REACH = 3
# Paragraphs of narration looked back through for who is in the scene.
PRESENCE_REACH = 4
FIRST_PERSON_SHARE = 0.025
# Share of the narration's subjects that are 나/내가 in a story told in the first person (measured:
# 7-15% in such stories, at most 1% where only the characters' inner voices say 나).
FIRST_PERSON_SUBJECTS = 0.05
# Stories hold no URLs, e-mail addresses, hashtags or emoji: skipping those matchers saves time.
NO_SPECIAL_TOKENS = 0
# Tags that end a word's noun or verb part: particles and punctuation.
NON_STEM_TAGS = ("J", "SF", "SP", "SS", "SE", "SO", "SW")
OPENING_TAGS = ("SSO", "SS")
PREDICATE_STEM_TAGS = ("VV", "XSV", "NNG")
TITLE_LENGTHS_LONGEST_FIRST = sorted({len(title) for title in lexicon.KO_NAME_TITLES}, reverse=True)
MIN_NAME_MENTIONS = 2
# One person-like use (a subject) against one place use (에, 에서) is a place; two or more outweigh it.
MIN_NAME_EVIDENCE = 2
MIN_ROLE_SUBJECTS = 2
# A word kiwi reads as a common noun is a name only when the narration uses it as a person this often.
MIN_COMMON_NAME_MENTIONS = 3
MIN_COMMON_NAME_SUBJECTS = 2
ANIMATE_LAST = {(particle,) for particle in lexicon.KO_ANIMATE_PARTICLES}
NEXT_WORD = re.compile(r" ([\uac00-\ud7a3]+)")
# `거북이라는 갓난아이`: a word introduced as the name of the person noun that follows.
INTRODUCED = re.compile(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,5}?)(?:라는|란) ([\uac00-\ud7a3]+)")
# `애희네 집에서`: a name and the suffix 네 (that person's family or household).
HOUSEHOLD = re.compile(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,3})네(?=\s|의|가|는|를|에|도)")
PREVIOUS_WORD = re.compile(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]+) $")
# `(본 이름이 봉필이니까)`, `본명은 만수였다`: the narration gives the name of someone it has been calling
# by a role word.
NAME_STATEMENT = re.compile(r"(?<![\uac00-\ud7a3])(?:본 ?이름|본명|이름)(?:이|은|는) ([\uac00-\ud7a3]{2,6})")
# How far back the role word a name statement names may stand.
NAME_STATEMENT_REACH = 400
# A line that asks someone's name (`"성명은?"`, `"이름이 뭐냐?"`) and a line that is only a name.
NAME_QUESTION = re.compile(r"(?:성명|이름|성함)(?:은|이|이 뭐|이 무엇|을 대)[^\uac00-\ud7a3]*[^\"'”’]*\?")
NAME_ANSWER = re.compile(r"^[\"'“‘]\s*([\uac00-\ud7a3]{2,6})\s*[.…!]*\s*[\"'”’]$")
ASKED_PARTICLES = {("을",), ("를",), ("에게",), ("한테",), ("더러",), ("보고",)}
# What may follow a relative's noun in `만수의 처는`, `만수의 친구인`.
RELATIVE_ENDINGS = (
    lexicon.KO_SUBJECT_PARTICLES | lexicon.KO_ANIMATE_PARTICLES | {"", "을", "를", "의", "와", "과", "인", "만"}
)
# A word a line opens a sentence with and sets off like a call: `"누님, …"`, `"영감님! …"`.
CALLED_WORD = re.compile(r"(?:^[\"']|[,!?.…]\s*)([\uac00-\ud7a3]{1,5})\s*[,!?…]")
TOPIC_REACH = 4
# `그는 고개를 숙이며 대답했다`: the tag's verb, a few words after its subject, answers.
ANSWERED = re.compile(r"[은는이가]?\s(?:[^\s.!?\"]+\s){0,4}?[^\s.!?\"]*(?:대답|답하|응답)")
# `K(내 이름)`, `내 이름은 민수다`: the narrator names themself.
OWN_NAME = re.compile(
    r"(?<![\uac00-\ud7a3A-Za-z])([A-Z]|[\uac00-\ud7a3]{2,4})\((?:내|나의|제) 이름\)"
    r"|(?:내|나의|제) 이름은 ([A-Z]|[\uac00-\ud7a3]{2,4}?)(?:이?(?:다|라고|에요|예요|야|요|입니다|이오|올시다))[ .,!]"
)
# `정숙이가`: a two- or three-syllable word, the familiar 이, and a particle.
FAMILIAR_NAME = re.compile(
    r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,3}이)(?=(?:가|는|를|도|의|에게|한테|와|하고|더러|만)(?![\uac00-\ud7a3]))"
)
TITLE_END = r"(?=(?:의|을|를|이|가|은|는|도|께|에게|한테|께서|과|와|만)?(?![\uac00-\ud7a3]))"
# A surname, a space and a title in the dialogue (`박 군을`, `김 판사 집`): 한 is left out, since
# `한 영감` is as often `an old man`.
QUOTED_TITLED_NAME = re.compile(
    r"(?<![\uac00-\ud7a3])("
    + "|".join(sorted(lexicon.KO_SURNAMES - {"한"}))
    + r") ("
    + "|".join(sorted(lexicon.KO_NAME_TITLES, key=len, reverse=True))
    + r")"
    + TITLE_END
)
# How far back a bare kinship word in a tag still shortens a fuller label (바위 어머니 -> 어머니).
FULLER_LABEL_REACH = 1500
# Narration longer than this between two lines is more than a continuation of one speaker's turn.
CONTINUATION_LIMIT = 120
# A phone that rings or a call that comes in.
PHONE_RINGS = re.compile(r"(?:전화|휴대폰|핸드폰|폰)(?:이|가|벨이)\s(?:\S+\s)?(?:울|왔|오)|전화벨")
# How surely a first-person narrator says an untagged line that opens calling someone.
VOCATIVE_STRENGTH = 1
# `말없이`, `아무 말 없이`, `말이 없었다`, `입을 다물었다`: a sentence saying its subject keeps silent.
SILENCE = re.compile(r"말\s?없이|말이\s(?:\S+\s)?없|입을\s(?:\S+\s)?다물")
TOPIC_STRENGTH = 2
# Tags are read from a quote's paragraph and the ones either side; kiwi reads only those. Narration
# further away only counts who is mentioned there, so a quick pattern reads it: a word and its
# particle, the word a name when kiwi has seen it as one in context or tags it so on its own.
TAG_REACH = 1
FAR_PARTICLES = sorted(
    lexicon.KO_SUBJECT_PARTICLES - {"ᆫ", "도"}
    | lexicon.KO_ANIMATE_PARTICLES - {"보고", "께"}
    | {"을", "를", "의", "에", "에서"},
    key=len,
    reverse=True,
)
FAR_WORD = re.compile(
    r"(?<![\uac00-\ud7a3A-Za-z])(?:([\uac00-\ud7a3]) (?=(?:"
    + "|".join(sorted(lexicon.KO_NAME_TITLES, key=len, reverse=True))
    + r")[\uac00-\ud7a3]))?((?(1)[\uac00-\ud7a3]{1,5}?|(?:[\uac00-\ud7a3]{2,5}?|[A-Z])))("
    + "|".join(FAR_PARTICLES)
    + r")(?![\uac00-\ud7a3])"
)


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

    @property
    def is_initial(self) -> bool:
        """A Latin capital standing for a person (`T는`, `K의`), as modern Korean fiction often writes."""
        return len(self.stem) == 1 and "A" <= self.stem <= "Z"

    @property
    def is_first_person(self) -> bool:
        """나/내/저 read as a pronoun, not as the verb 나다 or a noun that looks like one."""
        return self.stem_tags[:1] == ("NP",) and self.stem in lexicon.KO_FIRST_PERSON


PREDICATE_TAGS = ("VV", "VA", "VX", "XSV", "XSA", "VCP")


def _leads_into_own_line(paragraph: str) -> bool:
    """The paragraph opens with narration sentences that end right before a line of its own (not a
    line set inside a sentence: `몽주는 섰더니 "에비 에비" 하면서 걸어온다`)."""
    opening = min((index for index in (paragraph.find('"'), paragraph.find("“")) if index >= 0), default=-1)
    return opening > 0 and paragraph[:opening].rstrip().endswith((".", "!", "?"))


def _first_clause(words: list[Word]) -> list[Word]:
    """Words up to the first predicate after a leading 하고/라고: `하고 X가 말했다` keeps X, while in
    `하고 쓰러지니까 X는 화가 났다` X belongs to the next clause."""
    start = 1 if words and words[0].stem_tags[:1] and words[0].stem_tags[0].startswith(PREDICATE_TAGS) else 0
    for index in range(start, len(words)):
        tags = words[index].stem_tags
        # A relative clause (…는, …ㄴ: ETM) still describes the coming subject; EC/EF end the clause.
        if tags[-1] in ("EC", "EF") and any(tag.startswith(PREDICATE_TAGS) for tag in tags):
            return words[start:index]
    return words[start:]


def _topicalised_adjunct(word: Word) -> bool:
    """`명호에게는`, `아내와도`: a person with 에게/와 before 은/는/도 is the one spoken to or with,
    not the one who acts."""
    return len(word.particles) > 1 and word.particles[-2] in (*lexicon.KO_ANIMATE_PARTICLES, "와", "과")


def _split_surname(stem_tokens) -> bool:
    """`이철원은` read as 이 (this) + 철 + 원: a determiner is never written joined to its noun, so
    the 이 is the surname of a three-syllable name."""
    return (
        len(stem_tokens) >= 2
        and stem_tokens[0][0] == "이"
        and stem_tokens[0][1] == "MM"
        and all(token[1].startswith("N") for token in stem_tokens[1:])
        and sum(len(token[0]) for token in stem_tokens) == 3
    )


def _familiar_suffix(tokens, particles_from: int) -> bool:
    """Noun tokens, then 이 read as a subject particle, then another particle: `특실/이/가`."""
    if particles_from < 1 or particles_from + 1 >= len(tokens):
        return False
    suffix, following = tokens[particles_from], tokens[particles_from + 1]
    return (
        suffix[0] == "이"
        and suffix[1] == "JKS"
        and following[1].startswith("J")
        and tokens[0][1].startswith("NN")
        and all(token[1].startswith(("NN", "XSN")) for token in tokens[:particles_from])
    )


def _familiar_ending(tokens, particles_from: int) -> bool:
    """Nouns of two syllables or more, then 이 read as a noun suffix, then a particle: `운경/이/는`.
    Kiwi splits a name it does not know this way; a common noun that ends in 이 (고양이, 어린이) is
    one token, and a number (둘/이/는) is no noun."""
    if particles_from < 2 or particles_from >= len(tokens) or not tokens[particles_from][1].startswith("J"):
        return False
    if tokens[particles_from - 1][:2] != ("이", "XSN") or not tokens[0][1].startswith("NN"):
        return False
    before = tokens[: particles_from - 1]
    return all(token[1].startswith(("NN", "XSN")) for token in before) and sum(len(token[0]) for token in before) >= 2


# What follows a quoted term or inscription: `(이)라는 말`, `(이)란`, `(이)라고 적혀/쓰여/새겨 …`.
QUOTED_TERM_AFTER = re.compile(r"(?:이)?(?:라는|란\s|라고\s*(?:적|쓰|써|씌|새겨|새긴|박혀|찍혀|붙어))")
MAX_TERM_CHARS = 12


def _fold_given_names(mentions: dict, surfaces: dict, evidence: Counter, places: Counter, called: Counter) -> set:
    """`김수아` and `수아` in one text are one person: a surname plus a given name the text also uses
    alone. The given name's mentions and evidence join the full name's; returns the full names."""
    folded = set()
    for full in list(mentions):
        given = full[1:]
        if len(full) == 3 and full[0] in lexicon.KO_SURNAMES and given in mentions:
            mentions[full].extend(mentions.pop(given))
            surfaces[full].update(surfaces.pop(given))
            for counter in (evidence, places, called):
                counter[full] += counter.pop(given, 0)
            folded.add(full)
    return folded


def _kinship_gender(word: str) -> str | None:
    """The gender a kinship or title word gives the one it calls (할머니, 할머님, 아저씨)."""
    for noun in (word, word.removesuffix("님"), word.removesuffix("님") + "니"):
        if noun in lexicon.KO_FEMALE_NOUNS:
            return "female"
        if noun in lexicon.KO_MALE_NOUNS:
            return "male"
    return None


class KoreanReader:
    """Reads one Korean text: kiwi over the narration once, then its cast and every quote's tag."""

    same_paragraph_same_speaker = False
    # Only lines that follow each other with at most a short sentence between them take turns:
    # narration longer than that lets the next line be anyone's (measured: 250 lost ~4 points).
    conversation_gap = 30

    def __init__(self, text: str, quotes: list[Quote], paragraphs: list[tuple[int, int]], kiwi):
        self.text = text
        self.quotes = [quote for quote in quotes if not quote.nested]
        self.paragraphs = paragraphs
        self._paragraph_starts = [start for start, _ in paragraphs]
        self.kiwi = kiwi
        self.cast = Cast()
        self.narrator: Member | None = None
        self._described: dict[str, Member] = {}
        self._tags: dict[QuoteContext, tuple[list[Word], int] | None] = {}
        self._kinship: dict[str, Member] = {}
        self._resolved: dict[QuoteContext, Member | None] = {}
        # Lines whose subjectless tag goes on with the speaker of the said-tag before them.
        self._continued: dict[QuoteContext, Member] = {}
        self._cast_ready = False
        self._mentioned: dict[int, set[Member]] = {}
        self._first_person_narration: bool | None = None
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
        return [segment for segment in segments if self.text[segment[1] : segment[2]].strip()]

    def _read_narration(self) -> dict[int, list[Word]]:
        segments = self._narration_segments()
        quoted = {bisect.bisect_right(self._paragraph_starts, quote.start) - 1 for quote in self.quotes}
        self.read_paragraphs = {number + shift for number in quoted for shift in range(-TAG_REACH, TAG_REACH + 1)}
        near = [segment for segment in segments if segment[0] in self.read_paragraphs]
        texts = [self.text[start:end] for _, start, end in near]
        words: dict[int, list[Word]] = defaultdict(list)
        for (paragraph, start, _), tokens in zip(
            near, self.kiwi.tokenize(texts, match_options=NO_SPECIAL_TOKENS), strict=True
        ):
            words[paragraph].extend(self._group_eojeols(start, tokens))
        far = [segment for segment in segments if segment[0] not in self.read_paragraphs]
        self._skim(far, words)
        return words

    def _skim(self, segments: list[tuple[int, int, int]], words: dict[int, list[Word]]) -> None:
        """Mentions in narration far from any quote: `stem + particle` words, the stem a proper noun
        when kiwi tagged it so in the narration it read, or tags the whole word so on its own."""
        proper = {word.stem for paragraph_words in words.values() for word in paragraph_words if word.has_proper_noun}
        found = [
            (paragraph, match)
            for paragraph, start, end in segments
            for match in FAR_WORD.finditer(self.text, start, end)
        ]
        recurring = Counter(match.group(2) for _, match in found)
        # A name needs two mentions, or one as a subject that a tag without one may fall back on.
        unknown = list(
            {
                match.group(2, 3)
                for _, match in found
                if match.group(2) not in proper
                and (recurring[match.group(2)] >= 2 or match.group(3) in lexicon.KO_SUBJECT_PARTICLES)
            }
        )
        analyses = self.kiwi.tokenize([stem + particle for stem, particle in unknown], match_options=NO_SPECIAL_TOKENS)
        for (stem, _), tokens in zip(unknown, analyses, strict=True):
            tags = [token.tag for token in tokens]
            plain = [(token.form, token.tag) for token in tokens]
            named = (
                "NNP" in tags
                or _familiar_suffix(plain, len(plain) - 2)
                or _familiar_ending(plain, len(plain) - 1)
                or _split_surname(plain[:-1])
            )
            if named and tags[-1].startswith("J") and all(tag.startswith(("NN", "XSN", "J")) for tag in tags):
                proper.add(stem)
        for paragraph, match in found:
            surname, stem, particle = match.groups()
            if surname:
                # `황 진사는`: a surname before a title, read as kiwi reads it in context (two words).
                words[paragraph].append(Word(match.start(), surname, ("NNP",), (), ""))
            tags = ("NNP",) if stem in proper else ("NNG",)
            words[paragraph].append(Word(match.start(2), stem, tags, (particle,), ""))

    def _group_eojeols(self, base: int, tokens) -> list[Word]:
        words = []
        current: list[tuple[str, str, int, int]] = []
        previous_end = None
        # Reading a kiwi Token's attributes is slow; copy each one once into a plain tuple.
        for form, tag, start, length in ((token.form, token.tag, token.start, token.len) for token in tokens):
            if previous_end is not None and start > previous_end:
                words.append(self._word(base, current))
                current = []
            current.append((form, tag, start, length))
            previous_end = start + length
        if current:
            words.append(self._word(base, current))
        return [word for word in words if word is not None]

    def _word(self, base: int, tokens: list[tuple[str, str, int, int]]) -> Word | None:
        """One eojeol from its (form, tag, start, length) tokens."""
        # An opening bracket or quote mark written against the word (`(뭉태의`) is not part of it.
        while len(tokens) > 1 and tokens[0][1] in OPENING_TAGS:
            tokens = tokens[1:]
        particles_from = len(tokens)
        while particles_from > 0 and tokens[particles_from - 1][1].startswith(NON_STEM_TAGS):
            particles_from -= 1
        if not particles_from:
            return None
        stem_tags = tuple(tag for _, tag, _, _ in tokens[:particles_from])
        if _split_surname(tokens[:particles_from]) or _familiar_ending(tokens, particles_from):
            stem_tags = ("NNP",)
        if _familiar_suffix(tokens, particles_from):
            # `특실이가` read as 특실 + 이 + 가: no common noun takes two subject particles, so 이 is
            # the familiar ending of a name (특실이) and the word a proper noun.
            particles_from += 1
            stem_tags = ("NNP",)
        stem_tokens = tokens[:particles_from]
        start = base + stem_tokens[0][2]
        end = base + stem_tokens[-1][2] + stem_tokens[-1][3]
        return Word(
            start=start,
            stem=self.text[start:end],
            stem_tags=stem_tags,
            particles=tuple(form for form, tag, _, _ in tokens[particles_from:] if tag[0] == "J"),
            predicate="".join(form for form, tag, _, _ in stem_tokens if tag.startswith(PREDICATE_STEM_TAGS)),
        )

    # --- characters ----------------------------------------------------------------------------

    def build_cast(self, contexts: list[QuoteContext]) -> Cast:
        """Names are words kiwi tags as proper nouns, or words the dialogue calls out (X아, X야), that
        behave like people: subjects, objects of 에게/한테, speakers in tags; not places (에, 에서)."""
        called = Counter(match.group(1) for quote in self.quotes for match in VOCATIVE.finditer(quote.text))
        evidence: Counter = Counter()
        places: Counter = Counter()
        proper: Counter = Counter()
        mentions: dict[str, list[int]] = defaultdict(list)
        surfaces: dict[str, Counter] = defaultdict(Counter)
        pronouns = 0
        total = 0
        roles: dict[str, list[int]] = defaultdict(list)
        role_subjects: Counter = Counter()
        common: dict[str, list[Word]] = defaultdict(list)
        for paragraph, words in self.words_by_paragraph.items():
            read = paragraph in self.read_paragraphs
            for index, word in enumerate(words):
                total += read
                if read and word.is_first_person:
                    pronouns += 1
                if not (word.stem_tags[0].startswith("NN") or word.is_initial):
                    continue
                if self._is_person_noun(word.stem):
                    roles[word.stem].append(word.start)
                    role_subjects[word.stem] += word.is_subject
                found = self._name_of(word, words[index + 1] if index + 1 < len(words) else None)
                if found is None:
                    continue
                name, surface = found
                if not (word.has_proper_noun or word.is_initial) and name not in called:
                    if " " not in name and word.stem_tags[0] == "NNG":
                        common[name].append(word)
                    continue
                proper[name] += word.has_proper_noun
                mentions[name].append(word.start)
                surfaces[name][surface] += 1
                # `김 소사는`: the particles of a surname-and-title name sit on the title.
                carrier = words[index + 1] if " " in name else word
                last = carrier.particles[-1] if carrier.particles else ""
                related = " " not in name and self._has_relative(word)
                if last in lexicon.KO_ANIMATE_PARTICLES or carrier.is_subject or related:
                    evidence[name] += 1
                if last in lexicon.KO_PLACE_PARTICLES:
                    places[name] += 1
        self._households(mentions, surfaces, evidence)
        self._introduced(mentions, surfaces, evidence, common)
        tagged: Counter = Counter()
        for context in contexts:
            subject = self._tag_subject(context)
            found = self._name_of(subject[-1], None) if subject else None
            if found:
                tagged[found[0]] += 1
        for name, uses in common.items():
            # Once kiwi reads a word as a name anywhere (운경이와), its common-noun readings are the
            # same name (운경이 시집간).
            # same name (운경이 시집간), though `운경이` there may be 운경 with its particle: the forms
            # stay the ones kiwi read as names.
            known = surfaces[name].most_common(1)[0][0] if name in mentions else None
            if known or (tagged[name] and self._acts_as_person(name, uses)):
                for word in uses:
                    mentions[name].append(word.start)
                    surfaces[name][known or word.stem] += 1
                    evidence[name] += word.is_subject or word.particles[-1:] in ANIMATE_LAST
        for name, count in tagged.items():
            if name in mentions:
                evidence[name] += 2 * count
        full_names = _fold_given_names(mentions, surfaces, evidence, places, called)
        for name, offsets in mentions.items():
            if name in lexicon.KO_PERSON_NOUNS or name in lexicon.KO_NON_NAMES or name in lexicon.KO_PLACE_NAMES:
                continue
            evidence[name] += 2 * called[name]
            enough = len(offsets) >= MIN_NAME_MENTIONS or called[name] > 0
            if (
                enough
                and evidence[name] >= 1
                and (evidence[name] > places[name] or evidence[name] >= MIN_NAME_EVIDENCE)
            ):
                member = self._named_member(name, surfaces[name], offsets)
                if name in full_names:
                    member.name = name  # the most complete name the text uses: 김수아, not 수아
        self._titled_in_quotes()
        self._familiar_names_in_quotes()
        if total and pronouns / total >= FIRST_PERSON_SHARE and self._first_person_subjects():
            self.narrator = self.cast.add(Member(name=self._own_name() or "나", kind=NARRATOR))
        # Tags read before the names were known are read again: `홍철의 아내는` names 홍철's wife once
        # 홍철 is known as a name.
        self._tags.clear()
        self._link_kinship_words()
        self._role_members(roles, role_subjects)
        self._cast_the_described(contexts)
        self._gender_from_calls(contexts)
        return self.cast

    def _own_name(self) -> str | None:
        """`K(내 이름)는 …`, `내 이름은 민수다`: the first-person narrator gives their own name."""
        for match in OWN_NAME.finditer(self.text):
            if match.group(1):
                # The aside in brackets is the narrator's own, even inside a line they repeat.
                return match.group(1)
            if not any(quote.start <= match.start() < quote.end for quote in self.quotes):
                # Inside a line, `내 이름은 …` is the speaker's name, not the narrator's.
                return match.group(2)
        return None

    def _familiar_names_in_quotes(self) -> None:
        """`정숙이가 …`, `정숙이는 …` in the lines: a given name that ends in a consonant takes the
        familiar 이 before its particle, which no common noun does; said twice and read by kiwi as
        a proper noun, it is a person the dialogue names."""
        counts = Counter(match.group(1) for quote in self.quotes for match in FAMILIAR_NAME.finditer(quote.text))
        candidates = [
            form
            for form, count in sorted(counts.items())
            if count >= MIN_NAME_MENTIONS
            and (ord(form[-2]) - 0xAC00) % 28
            and self.cast.lookup(form) is None
            and self.cast.lookup(form[:-1]) is None
            and not self._is_person_noun(form)
        ]
        if not candidates:
            return
        for form, tokens in zip(
            candidates,
            self.kiwi.tokenize([form + "가" for form in candidates], match_options=NO_SPECIAL_TOKENS),
            strict=True,
        ):
            if tokens[0].form == form and tokens[0].tag == "NNP":
                self._named_member(form[:-1], Counter({form: counts[form]}), [])

    def _titled_in_quotes(self) -> None:
        """`박 군의 여비`, `김 판사 집도` said in the lines: a surname and a title name a person even
        when only the dialogue speaks of them, once the text names them twice."""
        found = {
            f"{match.group(1)} {match.group(2)}"
            for quote in self.quotes
            for match in QUOTED_TITLED_NAME.finditer(quote.text)
        }
        for name in sorted(found):
            if self.cast.lookup(name) is not None:
                continue
            # Counted over the whole text: the narration may name them once more (`김 판사 집 혼처`).
            uses = len(re.findall(r"(?<![\uac00-\ud7a3])" + name + TITLE_END, self.text))
            if uses >= MIN_NAME_MENTIONS:
                self._named_member(name, Counter({name: uses}), [])

    def _introduced(self, mentions: dict, surfaces: dict, evidence: Counter, common: dict) -> None:
        """`거북이라는 갓난아이가`, `영애란 계집애는`: X(이)라는/란 before a person noun introduces X as
        that person's name. Kiwi must read X as a noun with the copula (커다란 is an adjective)."""
        found: dict[str, int] = {}
        for match in INTRODUCED.finditer(self.text):
            following = match.group(2)
            if any(
                following[length:] in RELATIVE_ENDINGS and self._is_person_noun(following[:length])
                for length in range(len(following), 0, -1)
            ):
                found.setdefault(match.group(1), match.start())
        if not found:
            return
        phrases = [self.text[offset : self.text.index(" ", offset)] for offset in found.values()]
        for (word, offset), tokens in zip(
            found.items(), self.kiwi.tokenize(phrases, match_options=NO_SPECIAL_TOKENS), strict=True
        ):
            tags = [token.tag for token in tokens]
            if "VCP" not in tags or not all(tag.startswith(("NN", "XSN")) for tag in tags[: tags.index("VCP")]):
                continue
            name = word[:-1] if word.endswith("이") and len(word) >= 3 else word
            if name in lexicon.KO_NON_NAMES or self._is_person_noun(name):
                continue
            readings = Counter(use.stem for use in common.get(name, []))
            surface = surfaces[name].most_common(1)[0][0] if surfaces[name] else None
            surface = surface or (readings.most_common(1)[0][0] if readings else word)
            mentions[name].append(offset)
            surfaces[name][surface] += 1
            evidence[name] += 1

    def _households(self, mentions: dict, surfaces: dict, evidence: Counter) -> None:
        """`애희네 집`, `순복네 어머니`: X네 is X's family, so X is a person's name, when kiwi knows X
        as a proper noun or not as a word at all (a common noun, 여편네, 우리네, is one token)."""
        found: dict[str, list[int]] = defaultdict(list)
        for match in HOUSEHOLD.finditer(self.text):
            name = match.group(1)
            if not (self._is_person_noun(name) or name in lexicon.KO_NON_NAMES or name in lexicon.KO_FIRST_PERSON):
                found[name].append(match.start())
        if not found:
            return
        candidates = list(found)
        for name, tokens in zip(
            candidates, self.kiwi.tokenize(candidates, match_options=NO_SPECIAL_TOKENS), strict=True
        ):
            tags = [token.tag for token in tokens]
            if tags != ["NNP"] and (len(tags) < 2 or not all(tag.startswith(("NN", "MM", "XSN")) for tag in tags)):
                continue
            mentions[name].extend(found[name])
            surfaces[name][name] += len(found[name])
            evidence[name] += 1

    def _acts_as_person(self, name: str, uses: list[Word]) -> bool:
        """A word kiwi reads as a common noun (문호, a literary giant) that the narration treats as a
        person: often a subject, given to or told something (에게, 더러) or someone's kin (문호의
        어머니), rarely a place (에, 에서)."""
        if len(uses) < MIN_COMMON_NAME_MENTIONS or name.endswith("들") or self._is_person_noun(name):
            return False
        if name in lexicon.KO_NON_NAMES or name in lexicon.KO_TIME_NOUNS or name in lexicon.KO_VOICE_NOUNS:
            return False
        subjects = sum(word.is_subject for word in uses)
        animate = sum(
            word.particles[-1:] in ANIMATE_LAST or (word.particles == ("의",) and self._has_relative(word))
            for word in uses
        )
        placed = sum(bool(word.particles) and word.particles[0] in lexicon.KO_PLACE_PARTICLES for word in uses)
        return animate >= 1 and subjects >= MIN_COMMON_NAME_SUBJECTS and placed * 5 <= len(uses)

    def _has_relative(self, word: Word) -> bool:
        """`만수의 처`, `칠봉 아범`: a word whose relative or companion follows it is a person's name.
        Read from the text, since narration far from the lines keeps only words with particles."""
        if word.particles not in ((), ("의",)):
            return False
        end = word.start + len(word.stem) + len("".join(word.particles))
        following = NEXT_WORD.match(self.text, end)
        if following is None:
            return False
        run = following.group(1)
        return any(
            run[length:] in RELATIVE_ENDINGS and self._is_person_noun(run[:length]) for length in range(len(run), 0, -1)
        )

    def _role_members(self, roles: dict[str, list[int]], subjects: Counter) -> None:
        """A role word the narration keeps as a subject (누님은 … 누님이 …) and the dialogue calls
        out (`"누님, …"`) is one nameless person in the scenes, unless it already stands for a named
        one (아내 순희): their mentions let an untagged line fall to them, and a line that calls
        them is not theirs."""
        called = {match.group(1) for quote in self.quotes for match in CALLED_WORD.finditer(quote.text)}
        for noun, offsets in roles.items():
            if subjects[noun] < MIN_ROLE_SUBJECTS or noun in self._kinship or self.cast.lookup(noun) is not None:
                continue
            if not {noun, noun + "님", noun + "아", noun + "야"} & called:
                continue
            member = self._described_member(noun, noun.removesuffix("님"), offsets[0])
            for offset in offsets[1:]:
                self.cast.mention(member, offset)

    def _cast_the_described(self, contexts: list[QuoteContext]) -> None:
        """Nameless speakers named by a tag (아내가 말했다) join the cast before any line is
        attributed, so a line that calls them (`"여보, …"`, `"어머니, …"`) marks them as listeners."""
        for context in contexts:
            found = self._find_tag(context)
            if found and found[0][-1].stem in lexicon.KO_SPEAKING_NOUNS and found[1] >= SAID:
                # `"어디로 모실까요?" 기사가 물었다`: a word that is a person only when a tag makes it speak.
                self._resolved[context] = self._described_member(
                    found[0][-1].stem, found[0][-1].stem, found[0][-1].start
                )
            elif found and (self._is_joined(found[0]) or self._is_person_noun(found[0][-1].stem)):
                self._resolved[context] = self._resolve(found[0], context)
            elif found and self._is_group(found[0]):
                phrase = found[0]
                label = self.text[phrase[0].start : phrase[-1].start + len(phrase[-1].stem)]
                self._resolved[context] = self._described_member(label, phrase[-1].stem, phrase[-1].start)

    def _is_group(self, phrase: list[Word]) -> bool:
        """People speaking together (`사람들이 외쳤다`, `일꾼들이`, `몇 사람이`): a plural person noun,
        or 사람 with a word that says which or how many."""
        stem = phrase[-1].stem
        if self._is_joined(phrase):
            return True
        if stem == "사람":
            return len(phrase) > 1
        single = stem.removesuffix("들")
        return single != stem and (single == "사람" or self._is_person_noun(single))

    def _gender_from_calls(self, contexts: list[QuoteContext]) -> None:
        """`"할머니, …"` answered by the 노인: the kinship word a line calls a nameless person by
        gives their gender, over the default of a generic noun (노인, usually a man)."""
        for previous, context in itertools.pairwise(contexts):
            member = self._resolved.get(context)
            if member is None or member.kind != DESCRIBED or member.title_gender:
                continue
            if self._resolved.get(previous) is member:
                continue
            for match in CALLED_WORD.finditer(previous.quote.text):
                gender = _kinship_gender(match.group(1))
                if gender:
                    member.title_gender = gender
                    break

    def _link_kinship_words(self) -> None:
        """`아내 순희`, `아들 만수`: a role word set before a name stands for that one person, so a
        tag `아내가 말했다` can name her; a word set before two different names stays nameless."""
        links: dict[str, set[Member]] = defaultdict(set)
        for words in self.words_by_paragraph.values():
            for word in words:
                if not word.stem_tags[0].startswith("NN"):
                    continue
                # Read from the text: narration far from the lines keeps only words with particles.
                before = PREVIOUS_WORD.search(self.text, max(0, word.start - 12), word.start)
                if before is None or not self._is_person_noun(before.group(1)):
                    continue
                found = self._name_of(word, None)
                member = self.cast.lookup(found[0]) if found else None
                if member is not None:
                    links[before.group(1)].add(member)
        for noun, member in [*self._named_by_statement(), *self._named_by_answer()]:
            links[noun].add(member)
        self._kinship = {noun: next(iter(members)) for noun, members in links.items() if len(members) == 1}
        for noun, member in self._kinship.items():
            # `아내 순희`: the kinship word says whether the named one is a man or a woman.
            gender = _kinship_gender(noun)
            if gender and member.kind == NAMED and not member.title_gender:
                member.gender_votes[gender] += 1

    def _named_by_statement(self) -> list[tuple[str, Member]]:
        """`장인님은 약이 올랐다 … 그를 욕필이(본 이름이 봉필이니까)라고`: a name the narration states
        (이름이/본명은 X) belongs to the person it was speaking of, the last role word it made a
        subject (a plural or a bare 사람 is nobody in particular). The name must already be a named
        member; lines are skipped, since `내 이름은 …` there is the speaker's own."""
        found = []
        for match in NAME_STATEMENT.finditer(self.text):
            if any(quote.start <= match.start() < quote.end for quote in self.quotes):
                continue
            before = self.text[max(0, match.start() - 3) : match.start()]
            if re.search(r"(?:내|제|나의) ?$", before):
                continue
            word = match.group(1)
            member = next(
                (
                    self.cast.lookup(word[:length])
                    for length in range(len(word), 1, -1)
                    if self.cast.lookup(word[:length]) is not None
                ),
                None,
            )
            if member is not None and member.kind != NAMED:
                continue
            tokens = None
            if member is None:
                # A name stated only here (봉필이니까): kiwi must read it as a proper noun and a copula.
                tokens = self.kiwi.tokenize(word, match_options=NO_SPECIAL_TOKENS)
                if len(tokens) < 2 or tokens[0].tag != "NNP" or tokens[1].tag != "VCP" or len(tokens[0].form) < 2:
                    continue
            role = None
            for words in self.words_by_paragraph.values():
                for candidate in words:
                    if not match.start() - NAME_STATEMENT_REACH <= candidate.start < match.start():
                        continue
                    stem = candidate.stem
                    if (
                        candidate.is_subject
                        and candidate.stem_tags[0].startswith("NN")
                        and self._is_person_noun(stem)
                        and stem != "사람"
                        and not stem.endswith("들")
                        and not any(quote.start <= candidate.start < quote.end for quote in self.quotes)
                        and (role is None or candidate.start > role.start)
                    ):
                        role = candidate
            if role is None or (member is not None and self.cast.lookup(role.stem) is member):
                continue
            if member is None:
                surface = tokens[0].form
                base = surface[:-1] if surface.endswith("이") and len(surface) >= 3 else surface
                member = self._named_member(base, Counter({surface: 1}), [match.start(1)])
            for noun in {role.stem, role.stem.removesuffix("님")}:
                found.append((noun, member))
        return found

    def _named_by_answer(self) -> list[tuple[str, Member]]:
        """`"성명은?" … 그 청년을 노려보았다. / "김군현이…."`: a line asking a name, the role word the
        narration between turns to (its object), and a line that is only a name: that role word is
        the named person. Kiwi must read the answer as nouns opening on a proper noun."""
        found = []
        for question, answer in itertools.pairwise(self.quotes):
            if not NAME_QUESTION.search(question.text):
                continue
            said = NAME_ANSWER.match(answer.text)
            if said is None:
                continue
            roles = [
                word
                for words in self.words_by_paragraph.values()
                for word in words
                if question.end <= word.start < answer.start
                and word.particles[-1:] in ASKED_PARTICLES
                and word.stem_tags[0].startswith("NN")
                and self._is_person_noun(word.stem)
                and word.stem != "사람"
                and not word.stem.endswith("들")
            ]
            if len({word.stem for word in roles}) != 1:
                continue
            tokens = self.kiwi.tokenize(said.group(1), match_options=NO_SPECIAL_TOKENS)
            nouns = list(itertools.takewhile(lambda token: token.tag.startswith("NN"), tokens))
            rest = [token.tag for token in tokens[len(nouns) :]]
            if not nouns or nouns[0].tag != "NNP" or rest not in ([], ["JKS"], ["VCP", "EF"], ["JX"]):
                continue
            name = said.group(1)[: nouns[-1].start + nouns[-1].len]
            if len(name) < 2 or name in lexicon.KO_NON_NAMES or self._is_person_noun(name):
                continue
            member = self.cast.lookup(name)
            if member is None:
                member = self._named_member(name, Counter({name: 1}), [answer.start])
            if member.kind == NAMED:
                found.append((roles[0].stem, member))
        return found

    def _name_of(self, word: Word, following: Word | None) -> tuple[str, str] | None:
        """(base, surface): the base drops the familiar suffix 이 so 칠성 and 칠성이 meet."""
        stem = word.stem
        if word.is_initial:
            return stem, stem
        if not HANGUL_WORD.match(stem.replace(" ", "")):
            return None
        if (
            following is not None
            and len(stem) == 1
            # `윤 사장님이`: kiwi may keep the honorific on the title (사장님).
            and (
                following.stem in lexicon.KO_NAME_TITLES or following.stem.removesuffix("님") in lexicon.KO_NAME_TITLES
            )
        ):
            surface = f"{stem} {following.stem}"
            return surface, surface
        if len(stem) == 1 and stem in lexicon.KO_SURNAMES and word.has_proper_noun:
            return stem, stem
        if len(stem) < 2 or stem in lexicon.KO_NAME_TITLES:
            return None
        for length in TITLE_LENGTHS_LONGEST_FIRST:
            if len(stem) - length >= 2 and stem[-length:] in lexicon.KO_NAME_TITLES:
                stem = stem[:-length]
                break
        base = stem[:-1] if stem.endswith("이") and len(stem) >= 3 else stem
        return base, stem

    def _named_member(self, base: str, surfaces: Counter, offsets: list[int]) -> Member:
        member = self.cast.lookup(base)
        if member is None:
            member = self.cast.add(Member(name=surfaces.most_common(1)[0][0]))
            self.cast.add_lookup(member, base)
            self.cast.add_lookup(member, base + "이")
        for surface, count in surfaces.items():
            self.cast.add_form(member, surface, count)
        member.name = member.forms.most_common(1)[0][0]
        for offset in offsets:
            self.cast.mention(member, offset)
        return member

    # --- speech tags ---------------------------------------------------------------------------

    def _words_between(self, paragraph: int, start: int, end: int) -> list[Word]:
        return [word for word in self.words_by_paragraph.get(paragraph, []) if start <= word.start < end]

    def _clause_subject(self, words: list[Word], *, last: bool = False) -> list[Word] | None:
        """A subject (a word with 이/가/은/는/께서/도) with its noun modifier: the first one, or the
        last one when the clause leads into the quote that follows it. A subject that can be a
        person wins over one that cannot (`내가 … 접전이 있은 것은 …`); a clause whose only subject
        is a thing (`문이 열리며,`) names nobody, and its subject is returned to say so."""
        words = [self._unglued(word) for word in words]
        if last:
            # `그는 … 내려서니까 … 늦잠쟁이가,`: a clause ending 니까/자 hands the sentence to someone
            # else, so a topic before it does not lead into the line when a person acts after it.
            boundary = max(
                (
                    index
                    for index, word in enumerate(words)
                    if word.stem_tags[-1] == "EC" and HANDED_OVER.search(word.stem)
                ),
                default=-1,
            )
            if boundary >= 0 and any(word.is_subject and self._could_be_person(word) for word in words[boundary + 1 :]):
                words = words[boundary + 1 :]
        indices = range(len(words) - 1, -1, -1) if last else range(len(words))
        if last:
            # Leading into a line, the topic (은/는) acts; a 이/가 or 도 subject after it belongs to
            # a clause inside (`장사는 … 선주의 말도 옳은 듯하여,`).
            for index in indices:
                word = words[index]
                if (
                    word.particles[-1:] in (("은",), ("는",))
                    and not _topicalised_adjunct(word)
                    and self._could_be_person(word)
                ):
                    return self._with_modifier(words, index)
        fallback = None
        for index in indices:
            word = words[index]
            if not word.is_subject or _topicalised_adjunct(word):
                continue
            if index and word.stem in lexicon.KO_VOICE_NOUNS and words[index - 1].particles[-1:] == ("의",):
                # `아내의 목소리는`, `노마님의 손이`: whose voice or hand acts names who speaks.
                return [words[index - 1]]
            if not word.stem_tags[0].startswith(("NN", "NP")) or word.stem_tags[0] == "NNB":
                if word.is_initial:
                    return [word]
                # `X는 아직도 …`, `… 있은 것은 …`: an adverb or a bound noun with 도/은 is no subject.
                continue
            if not self._may_be_speaker(word):
                fallback = fallback or [word]
                continue
            if not last and word.particles[-1] in ("이", "가") and self._in_nominal_clause(words, index):
                # `아내가 치사하는 것도 들은 체하고 처형은 …`: the subject of a clause made a noun
                # (…하는 것) is not the sentence's; a topic (은/는) is.
                fallback = fallback or self._with_modifier(words, index)
                continue
            return self._with_modifier(words, index)
        return fallback

    @staticmethod
    def _in_nominal_clause(words: list[Word], index: int) -> bool:
        """The subject at `index` belongs to a clause made a noun or describing one (`아내가 치사하는
        것도`, `그가 온 줄을`, `동생이 떠났다는 소식을`)."""
        for position in range(index + 1, len(words) - 1):
            tags = words[position].stem_tags
            if any(tag.startswith(PREDICATE_TAGS) for tag in tags):
                if tags[-1] == "EC" and "VX" in words[position + 1].stem_tags:
                    # `누워 있는 방`: an auxiliary verb carries the clause's ending.
                    tags = words[position + 1].stem_tags
                # `동생이 안 보임을 보고`, `동생이 떠났다는 소식을`: a clause made a noun (음/기) or
                # describing a noun.
                return tags[-1] in ("ETN", "ETM")
            if words[position].is_subject:
                return False
        return False

    def _unglued(self, word: Word) -> Word:
        """`문호도`, `난수도` read by kiwi as one noun: a cast member's name with its particle."""
        stem = word.stem
        if (
            word.particles
            or not self._cast_ready
            or len(stem) < 3
            or stem[-1] not in GLUED_PARTICLES
            or self.cast.lookup(stem) is not None
        ):
            return word
        member = self.cast.lookup(stem[:-1])
        if member is None or member.kind != NAMED:
            return word
        return Word(word.start, stem[:-1], ("NNP",), (stem[-1],), "")

    def _with_modifier(self, words: list[Word], index: int) -> list[Word]:
        """The subject at `index` with the noun or possessor that belongs to its label."""
        word = words[index]
        if index and (self._is_modifier(words[index - 1], word) or self._is_possessor(words[index - 1], word)):
            return [words[index - 1], word]
        if index and self._joined_with(words[index - 1], word):
            # `서준과 하은이 한목소리로 말했다`: two people joined by 과/와 speak as one group.
            return [words[index - 1], word]
        return [word]

    def _joined_with(self, previous: Word, word: Word) -> bool:
        """`서준과 하은이`, `아버지와 어머니는`: a person joined by 과/와 to the subject after it."""
        return (
            previous.particles in (("과",), ("와",))
            and word.start - (previous.start + len(previous.stem) + 1) == 1
            and (previous.has_proper_noun or self._could_be_person(previous) or self._is_cast_name(previous))
        )

    @staticmethod
    def _is_joined(phrase: list[Word]) -> bool:
        return len(phrase) > 1 and phrase[0].particles in (("과",), ("와",))

    def _may_be_speaker(self, word: Word) -> bool:
        """A word that can name a person: a name, a kinship or role word, a pronoun, or (once the
        cast is known) any form of a cast member."""
        if self._could_be_person(word):
            return True
        if not self._cast_ready:
            return word.stem_tags[0] in ("NNG", "NNP")
        found = self._name_of(word, None)
        return found is not None and self.cast.lookup(found[0]) is not None

    def _is_possessor(self, previous: Word, word: Word) -> bool:
        """`승호의 어머니`: a named person's relative is known by that name, not as one more 어머니."""
        return (
            previous.particles == ("의",)
            and (previous.has_proper_noun or self._is_cast_name(previous))
            and word.start - (previous.start + len(previous.stem) + 1) == 1
            and self._is_person_noun(word.stem)
        )

    def _is_cast_name(self, word: Word) -> bool:
        """A word kiwi reads as a common noun that the cast holds as a person's name (문호)."""
        found = self._name_of(word, None)
        member = self.cast.lookup(found[0]) if found else None
        return member is not None and member.kind == NAMED

    @staticmethod
    def _is_modifier(previous: Word, word: Word) -> bool:
        """A word that belongs to the subject's label: a noun (김 소사, 바위 어머니), an indefinite
        determiner (한 소년, 어떤 사람) or an age adjective (늙은 아버지)."""
        if previous.particles or word.start - (previous.start + len(previous.stem)) != 1:
            return False
        if all(tag.startswith("NN") for tag in previous.stem_tags):
            return previous.stem not in lexicon.KO_TIME_NOUNS
        return previous.stem in lexicon.KO_LABEL_MODIFIERS

    def _tag_subject(self, context: QuoteContext) -> list[Word] | None:
        tag = self._find_tag(context)
        return tag[0] if tag else None

    def _find_tag(self, context: QuoteContext) -> tuple[list[Word], int] | None:
        if context not in self._tags:
            self._tags[context] = self._read_tag(context)
        return self._tags[context]

    def _read_tag(self, context: QuoteContext) -> tuple[list[Word], int] | None:
        """The subject naming the speaker, by how reliably each place names one.

        Right after the quote (`"…" 하고 X가`) or a next line opening with 하고/라고 is a tag; the
        narration just before the quote in its paragraph, or a lead-in line ending in `…며,`, names
        who is acting; a following line with a speech verb usually reports it; any other nearby
        subject is a weak hint.
        """
        quote = context.quote
        para_start, _ = self.paragraphs[context.paragraph]
        after_words = self._words_between(context.paragraph, quote.end, quote.end + len(context.after))
        said_without_subject = bool(context.after.lstrip().startswith(lexicon.KO_TAG_OPENERS))
        if context.before_offset != para_start and not context.before.strip(" ,、·…"):
            # `몽주는 "과자를 다구", "외를 다구" 하고 졸랐다`: lines strung together with commas
            # are one person's, named before the first of them.
            chain_words = self._words_between(context.paragraph, para_start, quote.start)
            subject = self._clause_subject(chain_words, last=True) if chain_words else None
            if subject and self._may_be_speaker(subject[-1]):
                return subject, SAID
        voice = self._voice_owner(after_words or self._following_words(context))
        if voice:
            return voice, SAID
        face = self._face_after(after_words or self._following_words(context))
        if face:
            return face, SAID
        if self._heard(context):
            # `"…" / 하는 소리에 X는 놀랐다`: X hears the line; whoever said it is not named here.
            return None
        owner = self._mind_owner(self._words_between(context.paragraph, context.before_offset, quote.start))
        if owner:
            return owner, SAID
        if after_words:
            clause = _first_clause(after_words)
            subject = self._clause_subject(clause)
            if subject:
                heard = self._heard_in(after_words, subject)
                if heard is None:
                    return subject, 3
                if heard:
                    return heard, SAID
        next_words: list[Word] = []
        opener = False
        if (
            context.after_is_narration_only
            and context.next_paragraph
            and not context.next_paragraph.lstrip().startswith(('"', "'"))
        ):
            next_words = self.words_by_paragraph.get(context.paragraph + 1, [])
            opener = context.next_paragraph.lstrip().startswith(lexicon.KO_TAG_OPENERS)
            if opener:
                clause = _first_clause(next_words)
                subject = self._clause_subject(clause)
                heard = self._heard_in(next_words, subject) if subject else None
                if heard:
                    return heard, SAID
                if (
                    subject
                    and heard is None
                    and (self._may_be_speaker(subject[-1]) or subject[-1].particles[-1:] == ("의",))
                ):
                    return subject, 3
                # `"…" / 하고 웃음이 나와서 …`: a tag whose subject is no person keeps the speaker
                # the narration before named.
                said_without_subject = True
        before_words = self._words_between(context.paragraph, context.before_offset, quote.start)
        if before_words and HAND_OVER_END.search(self.text[context.before_offset : quote.start]):
            return self._listener(before_words)
        if before_words:
            subject = self._clause_subject(before_words, last=True)
            if subject:
                return subject, 3
        previous: tuple[list[Word], int] | None = None
        if context.before_offset == para_start and context.paragraph > 0:
            previous_text = self.text[slice(*self.paragraphs[context.paragraph - 1])]
            previous_words = self.words_by_paragraph.get(context.paragraph - 1, [])
            tags_the_quote_before = previous_text.lstrip().startswith(lexicon.KO_TAG_OPENERS)
            caller = self._caller(previous_text, previous_words)
            if caller:
                # `윤아의 휴대폰이 울렸다. 화면에는 윤호의 이름이 …` / `"누나, 어디야?"`: the first line
                # of a call that rang is the caller's, from the other end, not of anyone in the room.
                return caller, STRONG
            if (
                previous_words
                and not previous_text.rstrip().endswith(('"', "'"))
                and HAND_OVER_END.search(previous_text)
            ):
                return self._listener(previous_words)
            if tags_the_quote_before and previous_words and self._ends_asking(previous_words):
                # `"…?" / 하고 나는 누이더러 물었다. / "…"`: the one asked answers.
                asked = self._listener(previous_words)
                if asked:
                    return asked[0], 2
            if previous_words and not previous_text.rstrip().endswith(('"', "'")) and not tags_the_quote_before:
                lead_in = bool(LEAD_IN_END.search(previous_text))
                owner = previous_words[-1]
                if lead_in and owner.particles[-1:] == ("의",) and self._may_be_speaker(owner):
                    # `그리고 춘심이의, / "…" / 하는 한마디의 말은`: the line is the words of X.
                    return [owner], SAID
                subject = self._clause_subject(previous_words, last=lead_in)
                if subject:
                    if lead_in:
                        return subject, 3
                    # `"…" 엄마가 웃으며 말했다. / "…"`: the sentence is the tag of its own paragraph's
                    # line, and says nothing of the next one.
                    own_line_tag = previous_text.lstrip().startswith(QUOTE_OPENERS) and self._ends_saying(
                        previous_words
                    )
                    if (
                        self._ends_saying(previous_words)
                        and self._may_be_speaker(subject[-1])
                        and not self._follows_quote(context.paragraph - 1)
                        and not own_line_tag
                    ):
                        # `명호는 처를 향하여 웃으며 말하였다. / "…"`: a sentence saying someone speaks,
                        # not itself the tag of a line before it, introduces the line after it.
                        return subject, SAID
                    if not own_line_tag:
                        previous = (subject, 1)
                if not lead_in and not self._follows_quote(context.paragraph - 1):
                    # `그리하여 그의 말소리는 조금 높았다. / "…"`: whose voice the sentence before
                    # speaks of says the line.
                    voice = self._voice_owner(previous_words)
                    if voice:
                        return voice, SAID
                said_without_subject = said_without_subject or lead_in
        if next_words and not opener and BACK_REFERENCE.search(context.next_paragraph):
            # `"…" / 그는 이렇게 부르짖었다`: the line after points back at the quote and names its speaker.
            subject = self._clause_subject(next_words)
            heard = self._heard_in(next_words, subject) if subject else None
            if heard:
                return heard, SAID
            if subject and heard is None:
                return subject, SAID
        if said_without_subject:
            # `"…" / 하고 눈을 크게 떴다`: a tag with no subject keeps the narration's topic, the
            # person the sentences before were about, or the speaker tagged since.
            found = self._subjectless_tag(context)
            if found:
                return found
        if next_words and not opener and not _leads_into_own_line(context.next_paragraph):
            # `"…" / 옆자리의 예린이 팔을 찔렀다. "…"`: a sentence leading into a line of its own
            # paragraph is about that line, not the one before.
            # `아저씨가 물을 붓는 동안 문이 열렸다. 수아였다.`: the first sentence's subject, even one
            # of a clause inside it, acts on from the line; a later sentence's (수아는) does not.
            sentence_end = re.search(r"[.!?]", context.next_paragraph)
            cut = self.paragraphs[context.paragraph + 1][0] + (
                sentence_end.end() if sentence_end else len(context.next_paragraph)
            )
            first_sentence = [word for word in next_words if word.start < cut] or next_words
            subject = self._clause_subject(first_sentence)
            heard = self._heard_in(next_words, subject) if subject else None
            if heard:
                return heard, SAID
            silent = SILENCE.search(re.split(r"[.!?]", context.next_paragraph.lstrip(), maxsplit=1)[0])
            if subject and heard is None and not silent:
                # `"…" / 나는 말없이 …`, `두 아이는 입을 다물었다`: who keeps silent after a line did
                # not say it.
                speech = any(self._is_speech(word) for word in next_words)
                return subject, 2 if speech else 1
        if (
            (previous is None or not self._may_be_speaker(previous[0][-1]))
            and context.before_offset == para_start
            and context.paragraph > 1
            and not self._follows_quote(context.paragraph)
            and not self._follows_quote(context.paragraph - 1)
            and not self.text[slice(*self.paragraphs[context.paragraph - 1])].lstrip().startswith(QUOTE_OPENERS)
        ):
            # A line after narration (not the tag of a line before it) that names no one here is
            # the narration's topic's, the last person a sentence before was about (a hint).
            topic = self._topic_before(context.paragraph)
            if topic:
                return topic, 1
        return previous

    def _heard_in(self, words: list[Word], subject: list[Word]) -> list[Word] | None | bool:
        """`민수는 아내의 말에 …`, `영희는 이 말을 듣더니`: a subject who meets a line's words (말에,
        소리를 듣고) hears it. Returns whose words they were when a known person owns them (`아내의`), False
        when the subject hears from someone unnamed, None when the subject does not hear."""
        # The subject's clause runs to its first predicate ending a clause (`이 말을 듣더니`: the word
        # after it too); the words may come first, in a clause describing the subject (`아이의 우는
        # 소리에 잠을 깬 어머니는`) or one it shares (`… 소리를 듣고 나는`).
        starts = {word.start for word in subject}
        end = len(words)
        for index, word in enumerate(words):
            if (
                word.start > subject[-1].start
                and word.stem_tags[-1] in ("EC", "EF")
                and any(tag.startswith(PREDICATE_TAGS) for tag in word.stem_tags)
            ):
                end = index + 2
                break
        others = [word for word in words[:end] if word.start not in starts]
        for index, word in enumerate(others):
            if word.stem not in lexicon.KO_SPOKEN_NOUNS or not word.particles:
                continue
            met = word.particles[0] == "에"
            heard = (
                word.particles[0] in ("을", "를") and index + 1 < len(others) and others[index + 1].predicate == "듣"
            )
            if not (met or heard):
                continue
            for previous in reversed(others[max(index - 3, 0) : index]):
                if previous.particles[-1:] == ("의",) and self._could_be_person(previous):
                    # A described owner the cast does not hold may be someone already named.
                    known = previous.stem in lexicon.KO_THIRD_PERSON or self._known_member(previous) is not None
                    return [previous] if known else False
                if previous.particles and previous.particles[-1:] != ("의",):
                    break
            return False
        return None

    def _narrated_in_first_person(self) -> bool:
        """The narration's own subjects are often 나/내가: a story told in the first person, not one
        whose characters think `나는 …` inside their lines."""
        return self.narrator is not None and self._first_person_subjects()

    def _first_person_subjects(self) -> bool:
        """Whether 나/내가 are a real share of the narration's subjects (7-15% in stories told in the
        first person, about 1% in third-person ones whose characters think in 나)."""
        if self._first_person_narration is None:
            subjects = [word for words in self.words_by_paragraph.values() for word in words if word.is_subject]
            own = sum(word.is_first_person for word in subjects)
            self._first_person_narration = bool(subjects) and own >= FIRST_PERSON_SUBJECTS * len(subjects)
        return self._first_person_narration

    def _ends_saying(self, words: list[Word]) -> bool:
        """The sentence's last verb is a speech verb (`… 웃으며 말하였다`, `… 물었다`)."""
        for word in reversed(words):
            if any(tag.startswith((*PREDICATE_TAGS, "VCN")) for tag in word.stem_tags):
                return any(tag.startswith(("VV", "XSV")) for tag in word.stem_tags) and self._is_speech(word)
        return False

    def _ends_asking(self, words: list[Word]) -> bool:
        """The sentence's last verb asks (`… 물었다`, `물어보았다`)."""
        for word in reversed(words):
            if any(tag.startswith((*PREDICATE_TAGS, "VCN")) for tag in word.stem_tags):
                return word.predicate.startswith(("묻", "물", "질문", "반문"))
        return False

    def _follows_quote(self, paragraph: int) -> bool:
        """The paragraph before `paragraph` ends with a quote (so `paragraph` may be its tag)."""
        if paragraph < 1:
            return False
        return self.text[slice(*self.paragraphs[paragraph - 1])].rstrip().endswith(('"', "'", "”", "’"))

    def _heard(self, context: QuoteContext) -> bool:
        following = context.after if context.after.strip() else ""
        if not following and self._following_words(context):
            following = context.next_paragraph
        return bool(HEARD.match(following.lstrip()))

    def _hearer(self, context: QuoteContext) -> Member | None:
        """Who the narration after a line says heard it (`하는 소리에 X는 …`)."""
        if not self._heard(context):
            return None
        words = self._words_between(context.paragraph, context.quote.end, context.quote.end + len(context.after))
        subject = self._clause_subject(_first_clause(words or self._following_words(context)))
        return self._resolve(subject, context) if subject else None

    def _following_words(self, context: QuoteContext) -> list[Word]:
        """The narration line right after a quote, when no quote opens it."""
        if not context.after_is_narration_only or context.next_paragraph.lstrip().startswith(('"', "'", "“")):
            return []
        return self.words_by_paragraph.get(context.paragraph + 1, [])

    def _voice_owner(self, words: list[Word]) -> list[Word] | None:
        """`아내의 떠는 목소리가`, `처의 말에는`: whose voice or words the narration right after a
        line speaks of (a possessor with 의, a few modifiers before the noun) said it."""
        for index, word in enumerate(words[:VOICE_REACH]):
            if word.is_subject and self._could_be_person(word):
                # `하고 나는 그 여인의 말을 물었다`: a person who acts first is the one speaking.
                return None
            # `느릿한 아씨의 목소리였다`: the voice noun may be the predicate, with the copula.
            noun = word.predicate if "VCP" in word.stem_tags else word.stem
            if noun not in lexicon.KO_SPOKEN_NOUNS:
                continue
            for position in range(index - 1, max(index - 3, 0) - 1, -1):
                previous = words[position]
                if previous.particles[-1:] == ("의",) and self._could_be_person(previous):
                    return [previous]
                if (
                    previous.particles[-1:] == ("의",)
                    and previous.stem == "사람"
                    and position
                    and self._is_modifier(words[position - 1], previous)
                ):
                    # `조선 사람의 소리가`: a 사람 a noun says which is someone nameless.
                    return [words[position - 1], previous]
                if previous.particles and not previous.stem_tags[0].startswith(("VA", "VV")):
                    # `중국인의 굵고도 줄기찬 소리`: a verb or adjective with 도 still describes the
                    # voice; a noun with a particle ends the phrase.
                    break
        return None

    def _face_after(self, words: list[Word]) -> list[Word] | None:
        """`"…" / 아내의 얼굴에 붉은빛이 짙어지며`: the narration right after a line opens on the face
        or eyes of the one who said it (`… 내 얼굴에 쓰러진다` further on is where someone falls)."""
        for index, word in enumerate(words[:FACE_REACH]):
            if word.is_subject and self._could_be_person(word):
                return None
            if index and word.particles[:1] in (("에",), ("에서",)) and word.stem in MIND_NOUNS:
                previous = words[index - 1]
                if previous.particles[-1:] == ("의",) and self._could_be_person(previous):
                    return [previous]
        return None

    def _mind_owner(self, words: list[Word]) -> list[Word] | None:
        """`아내의 눈에는 '…' 하는 생각이`, `그의 입에서 "…"`: the line sits in someone's eyes, mind
        or mouth, the last thing the narration names before it."""
        if len(words) < 2:
            return None
        previous, word = words[-2], words[-1]
        if (
            word.particles[:1] in (("에",), ("에서",))
            and word.stem in MIND_NOUNS
            and previous.particles[-1:] == ("의",)
            and self._could_be_person(previous)
        ):
            return [previous]
        return None

    def _listener(self, words: list[Word]) -> tuple[list[Word], int] | None:
        """`아키코가 영애에게 눈을 뜨니까,`: the one acted on (에게, 보고, 더러) answers."""
        for word in reversed(words):
            if (
                word.particles[-1:]
                and word.particles[-1] in lexicon.KO_ANIMATE_PARTICLES
                and self._could_be_person(word)
            ):
                return [word], SAID
        return None

    def last_present(self, offset: int, exclude=(), include_narrator: bool = False) -> Member | None:
        """The last person the narration before `offset` names (`홍철의 아내` as herself, not 홍철):
        who is in the scene when an exchange names no one."""
        paragraph = max(bisect.bisect_right(self._paragraph_starts, offset) - 1, 0)
        for number in range(paragraph, max(paragraph - PRESENCE_REACH, 0) - 1, -1):
            words = self.words_by_paragraph.get(number, [])
            for index in range(len(words) - 1, -1, -1):
                word = words[index]
                if word.start >= offset:
                    continue
                if word.stem_tags[:1] == ("NP",) and word.stem in ("나", "내"):
                    member = self.narrator if include_narrator else None
                elif index and self._is_possessor(words[index - 1], word):
                    label = self.text[words[index - 1].start : word.start + len(word.stem)]
                    member = self.cast.lookup(label) or self._known_member(word)
                elif self._could_be_person(word) or word.has_proper_noun:
                    if word.stem in lexicon.KO_THIRD_PERSON or word.stem_tags[:1] == ("NP",):
                        continue
                    if (
                        word.particles[-1:] == ("의",)
                        and index + 1 < len(words)
                        and self._is_possessor(word, words[index + 1])
                    ):
                        continue
                    member = self._known_member(word)
                else:
                    continue
                if member is not None and member not in exclude:
                    return member
        return None

    def _known_member(self, word: Word) -> Member | None:
        """The cast member a narration word names, if there is one (never a new one)."""
        if self._is_person_noun(word.stem):
            member = self._kinship.get(word.stem) or self.cast.lookup(word.stem)
            if member is not None:
                return self._fuller_label(member, word.start) if member.kind == DESCRIBED else member
            return None
        found = self._name_of(word, None) if word.has_proper_noun or word.is_initial else None
        return self.cast.lookup(found[0]) if found else None

    def _subjectless_tag(self, context: QuoteContext) -> tuple[list[Word], int] | None:
        """`"…" / 하고 웃었다`: a tag with no subject goes on with the person the story was last
        about: the narration's topic, unless a line was given to someone by a said-tag since that
        topic was named (`X는 … / "…" / Y의 목소리였다. / "…" / 하고 웃었다`): that speaker goes on."""
        topic = self._topic_before(context.paragraph)
        last = self._last_said_tag(context)
        if (
            self._cast_ready
            and topic
            # A speaker read from the tag's own words while the cast was built (`몇 사람이`) stands.
            and (context not in self._resolved or self._resolved[context] is self._resolve(topic, context))
            and last is not None
            and last[0].quote.start > topic[-1].start
        ):
            earlier, phrase = last
            member = self._resolved[earlier] if earlier in self._resolved else self._resolve(phrase, earlier)
            if member is not None:
                self._continued[context] = member
                return phrase, TOPIC_STRENGTH
        if topic:
            return topic, TOPIC_STRENGTH
        return None

    def _last_said_tag(self, context: QuoteContext) -> tuple[QuoteContext, list[Word]] | None:
        """The latest line before this one, among those read, that a said-tag gave to someone."""
        best = None
        for earlier, found in self._tags.items():
            if (
                found
                and found[1] >= SAID
                and earlier.quote.start < context.quote.start
                and self.is_speech(earlier)
                and (best is None or earlier.quote.start > best[0].quote.start)
            ):
                best = (earlier, found[0])
        return best

    def _caller(self, text: str, words: list[Word]) -> list[Word] | None:
        """The person a ringing phone shows or a call comes from (`윤호의 이름이`, `민수에게서 전화가`)."""
        if not PHONE_RINGS.search(text):
            return None
        for word, following in itertools.pairwise(reversed(words)):
            # Reversed pairs: `following` comes before `word` in the text.
            caller, noun = following, word
            if not self._could_be_person(caller):
                continue
            if caller.particles == ("의",) and noun.stem in ("이름", "번호"):
                return [caller]
            if caller.particles in (("에게서",), ("한테서",)) and noun.stem == "전화":
                return [caller]
        return None

    def _topic_before(self, paragraph: int) -> list[Word] | None:
        """The last person who was a subject in the narration of the few paragraphs before."""
        for number in range(paragraph - 1, max(paragraph - TOPIC_REACH, 0) - 1, -1):
            for word in reversed(self.words_by_paragraph.get(number, [])):
                if word.is_subject and self._could_be_person(word):
                    return [word]
        return None

    def _could_be_person(self, word: Word) -> bool:
        stem = word.stem
        if word.has_proper_noun or word.is_initial or self._is_person_noun(stem) or stem in lexicon.KO_THIRD_PERSON:
            return True
        return word.is_first_person

    @staticmethod
    def _is_speech(word: Word) -> bool:
        return bool(SPEECH_PREDICATE.match(word.predicate))

    def is_speech(self, context: QuoteContext) -> bool:
        """A short quote that names a term or what is written (`'사랑'이라는 말`, `명찰에는
        '한도윤'이라고 적혀 있었다`) is not a line; thoughts (`'…'라고 생각했다`) are."""
        inner = context.quote.text.strip("\"'“”‘’")
        if len(inner) > MAX_TERM_CHARS or inner.endswith(("!", "?", ".")):
            return True
        return not QUOTED_TERM_AFTER.match(context.after)

    def tag(self, context: QuoteContext) -> Tag | None:
        if not self._cast_ready:
            # Tags read while the cast was being built took any noun for a subject; now the cast
            # tells which nouns are people.
            self._cast_ready = True
            self._tags.clear()
        found = self._find_tag(context)
        narrators_thought = context.quote.text.startswith("'") and self._narrated_in_first_person()
        if narrators_thought and (not found or found[1] < SAID):
            # `'…'` thoughts no tag gives to anyone are the first-person narrator's own.
            return Tag(self.narrator, SAID)
        if (not found or found[1] < STRONG) and self._calls_first(context.quote) and self._narrated_in_first_person():
            # `"수아야, 이 시간에 웬일이야?"` in a story told by 나: a line calling someone that no
            # tag gives away is the narrator's, the other side of the exchange with them.
            return Tag(self.narrator, VOCATIVE_STRENGTH)
        if not found:
            hearer = self._hearer(context)
            if hearer is not None:
                # The one who hears a line is the one it was said to.
                context.addressees.add(hearer)
            return None
        phrase, strength = found
        if context in self._continued:
            member = self._continued[context]
        elif context in self._resolved:
            member = self._resolved[context]
        else:
            member = self._resolve(phrase, context)
        if member is not None and member.kind == DESCRIBED:
            member = self._fuller_label(member, context.quote.start)
        if member is not None and member.kind == GROUP and strength < SAID:
            # `서준과 하은은 옥상에 올라갔다` before an exchange: the two talk with each other; only a
            # said-tag (`서준과 하은이 한목소리로 말했다`) gives a line to both at once.
            return None
        if member is None and narrators_thought:
            # `'…'는 동정심이 …`: a thought whose sentence names a feeling, not a person, is the
            # narrator's too.
            return Tag(self.narrator, SAID)
        if member is None or member in context.addressees or member in self.mentioned(context.quote):
            # `"어머니, …"` then `어머니는 일감을 놓았다`: the one called in the line listens, and
            # the one a line names is seldom its speaker.
            return None
        return Tag(member, strength)

    def _resolve(self, phrase: list[Word], context: QuoteContext) -> Member | None:
        head = phrase[-1]
        stem = head.stem
        if self._is_joined(phrase):
            label = self.text[phrase[0].start : head.start + len(stem)]
            return self.cast.lookup(label) or self.cast.add(Member(name=label, kind=GROUP))
        if stem in ("저", "제") and head.stem_tags[:1] == ("NP",):
            # Narration never humbles itself: 저/제 there is the reflexive `oneself` of the person
            # the sentence is about, as 그 is.
            return resolve_pronoun(self.cast, context, None, head.start)
        if head.is_first_person:
            # In third-person narration 나 as a subject belongs to a character's inner voice.
            return self.narrator
        if stem in lexicon.KO_THIRD_PERSON:
            gender = lexicon.KO_THIRD_PERSON[stem]
            member = resolve_pronoun(self.cast, context, gender, head.start)
            previous = context.recent_speakers[0] if context.recent_speakers else None
            if member is not None and member is previous and ANSWERED.match(self.text, head.start + len(stem)):
                # `"…?" / "응." / 그는 작게 대답했다`: who answers is not who asked.
                other = self.last_present(head.start, exclude={previous, *context.addressees})
                return other if other is not None and (gender is None or other.gender in (gender, "unknown")) else None
            return member
        if len(phrase) > 1 and phrase[0].has_proper_noun and len(phrase[0].stem) == 1:
            name = f"{phrase[0].stem} {stem}"
            return self.cast.lookup(name) or self._named_member(name, Counter({name: 1}), [head.start])
        if stem in lexicon.KO_NAME_TITLES:
            titled = self._titled(stem)
            if titled is not None:
                return titled
        if head.has_proper_noun or head.is_initial:
            found = self._name_of(head, None)
            if found:
                base, surface = found
                if base in lexicon.KO_NON_NAMES:
                    # `그네는`, tagged a proper noun in some sentences, is the old pronoun she/they.
                    return self.cast.lookup(base)
                return self.cast.lookup(base) or self._named_member(base, Counter({surface: 1}), [head.start])
        if self._is_person_noun(stem):
            if len(phrase) == 1 and stem in self._kinship:
                return self._kinship[stem]
            label = self.text[phrase[0].start : head.start + len(stem)]
            return self._described_member(label, stem.removesuffix("님"), head.start)
        return self.cast.lookup(stem)

    def _fuller_label(self, member: Member, offset: int) -> Member:
        """`어머니` in a tag is `바위 어머니` when the text knows one named person's 어머니 and no
        other: the bare kinship word is how the narration shortens her label (`사돈 마님` and
        `마님` are two people). It shortens a label it has just used: a bare 신랑 far from any
        `혜수의 신랑` is a groom of its own."""
        fuller = []
        for other in self.cast.members:
            if other is member or other.kind != DESCRIBED or not other.name.endswith(" " + member.name):
                continue
            owner = self.cast.lookup(other.name[: -len(member.name) - 1].removesuffix("의"))
            recent = any(
                self.text.rfind(form, max(0, offset - FULLER_LABEL_REACH), offset) >= 0 for form in other.forms
            )
            if owner is not None and owner.kind == NAMED and recent:
                fuller.append(other)
        return fuller[0] if len(fuller) == 1 else member

    def _titled(self, title: str) -> Member | None:
        """A title alone (소사가) stands for the one named person who carries it (김 소사)."""
        carriers = {
            member
            for member in self.cast.members
            if member.kind != DESCRIBED and any(form.endswith(title) and form != title for form in member.forms)
        }
        return carriers.pop() if len(carriers) == 1 else None

    @staticmethod
    def _is_person_noun(noun: str) -> bool:
        """Kinship and role words (아내, 소년, 떡장수); anyone addressed with the honorific 님 (조부님),
        or called after a place or a relative with 댁 (오라버니댁, 안성댁; 시댁 and 큰댁 are houses)."""
        if noun.endswith(("님", "댁")) and len(noun) >= 3:
            return True
        return noun in lexicon.KO_PERSON_NOUNS or PERSON_NOUN_END.search(noun) is not None

    def _described_member(self, label: str, noun: str, offset: int) -> Member:
        member = self.cast.lookup(label)
        if member is None:
            member = self.cast.add(Member(name=label, kind=DESCRIBED))
            member.forms[label] += 0
            if noun in lexicon.KO_FEMALE_NOUNS:
                member.title_gender = "female"
            elif noun in lexicon.KO_MALE_NOUNS:
                member.title_gender = "male"
            elif noun in lexicon.KO_DEFAULT_MALE_NOUNS:
                member.default_gender = "male"
        member.forms[label] += 1
        self.cast.mention(member, offset)
        return member

    def continues_turn(self, previous: QuoteContext, context: QuoteContext) -> bool:
        """`"…" / 하고 말을 끊었다가 다시 이어, / "…"`: a tag of the first line that leads into the
        next one, or a lead-in naming nobody, keeps the same speaker."""
        between = self.text[previous.quote.end : context.quote.start].strip()
        if not between or "\n" in between or len(between) > CONTINUATION_LIMIT or not SAME_SUBJECT_END.search(between):
            return False
        if between.startswith(lexicon.KO_TAG_OPENERS):
            return True
        words = self._words_between(context.paragraph, previous.quote.end, context.quote.start)
        if context.paragraph != previous.paragraph:
            words = self._words_between(context.paragraph - 1, previous.quote.end, context.quote.start) + words
        return not any(word.is_subject and self._could_be_person(word) for word in words)

    def mentioned(self, quote: Quote) -> set[Member]:
        """Named people a line speaks of; people seldom say their own name (about 1 line in 25)."""
        if quote.start not in self._mentioned:
            self._mentioned[quote.start] = {
                member
                for member in self.cast.members
                if member.kind == NAMED and any(len(form) >= 2 and form in quote.text for form in member.forms)
            }
        return self._mentioned[quote.start]

    def _calls_first(self, quote: Quote) -> bool:
        """The line opens by calling a known person other than the narrator (`"수아야, …"`)."""
        body = quote.text[1:]
        return any(body.startswith(form) for member in self.vocatives(quote) for form in [member.name, *member.forms])

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
                rest = body[index + len(form) : index + len(form) + 3]
                if re.match(r"(?:아|야|씨|님|군|이)?\s*[!,?.]", rest):
                    addressees.add(member)
                    break
        for match in TITLE_CALL.finditer(body):
            # `"네, 과장님. …"`: a title called alone calls the one named person who carries it (김 과장님).
            carrier = self._titled(match.group(1))
            if carrier is not None:
                addressees.add(carrier)
        return addressees
