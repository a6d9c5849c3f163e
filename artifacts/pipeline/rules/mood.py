"""A scene's mood from the words of its action and dialogue, in English and Korean.

Each mood has cues of two strengths: a strong cue names what the scene is about (a chase, a shout,
a weapon, tears, laughter), a weak one only colours it (a shadow, a cold wind, a cup of tea). A cue
that is denied ("not afraid", "무섭지 않았다") does not count. The mood with the highest score wins;
a tie goes to the mood that drives a scene harder: danger and conflict before grief, grief before
joy, joy before mystery and warmth, so a chase with a laugh in it stays a chase.
"""

from __future__ import annotations

import re

STRONG, WEAK = 2.0, 1.0
# A line that ends in "!" raises the tension a little; a shouting match adds up, but only so far.
EXCLAIM, MOST_EXCLAIMED = 0.5, 2.0
PRIORITY = ("tense", "melancholic", "joyful", "mysterious", "warm")

# English cues are word starts (stems), so one cue covers "chase", "chased", "chasing".
EN_START = r"(?<![\w'’])"
# Korean cues start a word (nothing Hangul before them: 겨울 and 서울 are not 울다) and, for verbs,
# list the endings they take so that 울리다 (ring) or 떨어지다 (fall) do not pass for 울다 or 떨다.
KO_START = r"(?<![가-힣])"

CUES: dict[str, dict[float, tuple[str, ...]]] = {
    "tense": {
        STRONG: (
            # danger, chase, flight
            r"chas(?:e|ed|es|ing)\b",
            r"pursu",
            r"r[au]n(?:s|ning)?\b(?! (?:a|his|her|their|my|the) (?:hand|finger|thumb|eye|palm|shop|business))",
            r"sprint",
            r"dash(?:ed|ing)\b",
            r"fle(?:e|es|eing|d)\b",
            r"escap",
            r"danger",
            r"threat",
            r"gun",
            r"pistol",
            r"rifle",
            r"knife",
            r"blade",
            r"bullet",
            r"blood",
            r"trap(?:ped)?\b",
            r"attack",
            r"fight",
            r"fought",
            r"punch",
            r"struggl",
            r"explo(?:de|ded|sion)",
            r"siren",
            # shouting
            r"shout",
            r"yell",
            r"scream",
            r"shriek",
            r"bellow",
            r"roar",
            r"cried out",
            # fear
            r"fear",
            r"afraid",
            r"terrif",
            r"scared",
            r"panic",
            r"dread",
            r"horror",
            r"trembl",
            # anger and open conflict
            r"ang(?:er|ry|rily)",
            r"furious",
            r"rage",
            r"glar(?:e|ed|es|ing)\b",
            r"snarl",
            r"hiss(?:ed)?\b",
            r"tense",
            r"tension",
            r"hostil",
            r"accus",
            r"(?:thin|cold|tight|forced|humou?rless)(?:ly)? smil",
            r"smiled? (?:thinly|coldly|tightly)",
            r"heart (?:pound|rac|hammer)",
            r"held (?:his|her|their|my) breath",
        ),
        WEAK: (
            r"shaking",
            r"whisper",
            r"watching",
            r"storm",
            r"lightning",
            r"hammered",
            r"stared",
            r"clench",
            r"sweat",
            r"warn",
            r"alarm",
            r"silence",
            r"uneasy",
            r"nervous",
        ),
    },
    "melancholic": {
        STRONG: (
            r"tears\b",
            r"tearful",
            r"wept",
            r"weep",
            r"sob(?:s|bed|bing)?\b",
            r"crying",
            r"grie[fv]",
            r"mourn",
            r"funeral",
            r"heartbr",
            r"sorrow",
            r"sad(?:ly|ness)?\b",
            r"lonel",
        ),
        WEAK: (
            r"cried\b(?! out)",
            r"alone",
            r"missed\b",
            r"miss (?:you|him|her|them|us)\b",
            r"farewell",
            r"goodbye",
            r"regret",
            r"empty",
            r"grave\b",
        ),
    },
    "joyful": {
        STRONG: (
            r"laugh",
            r"giggl",
            r"chuckl",
            r"cheer",
            r"celebrat",
            r"delight",
            r"joy",
            r"happ(?:y|ily|iness)",
            r"(?:ha){2,}",
            r"hooray",
            r"hurrah",
        ),
        WEAK: (r"smil", r"grin", r"danc", r"excit", r"fixed\b"),
    },
    "mysterious": {
        STRONG: (r"myster", r"secret", r"riddle"),
        WEAK: (r"shadow", r"strange", r"hidden", r"unknown", r"fog", r"mist\b", r"echo", r"no one", r"silent"),
    },
    "warm": {
        STRONG: (r"hug(?:s|ged|ging)?\b", r"embrac", r"tender", r"grateful"),
        WEAK: (
            r"warm",
            r"kind(?:ly|ness)\b",
            r"gentl",
            r"tea\b",
            r"coffee",
            r"bread",
            r"thank",
            r"cozy",
            r"cosy",
            r"blanket",
        ),
    },
}

KO_CUES: dict[str, dict[float, tuple[str, ...]]] = {
    "tense": {
        STRONG: (
            r"달(?:리|려|렸|린|릴)",
            r"뛰(?:어|었|고|며|는|다)",
            r"뛴",
            r"쫓(?:아|았|고|기|겨|는|다)",
            r"추격",
            r"도망",
            r"달아나",
            r"달아났",
            r"소리(?:를 )?(?:치|쳐|쳤|질|지르|질렀)",
            r"외(?:치|쳐|쳤)",
            r"고함",
            r"비명",
            r"위험",
            r"위협",
            r"협박",
            r"권총",
            r"총(?:을|이|구|성|알|소리)",
            r"칼(?:을|이|날|끝)",
            r"피(?:가|를|투성이|범벅)",
            r"싸(?:우|워|웠|움)",
            r"주먹",
            r"폭발",
            r"경보",
            r"사이렌",
            r"무서",
            r"무섭",
            r"두려",
            r"겁(?:에|이|을|먹)",
            r"공포",
            r"살려",
            r"화(?:가 나|가 났|를 내|를 냈|났|내며)",
            r"분노",
            r"노려",
            r"긴장",
            r"떨(?:리|렸|었|고|며)",
            r"숨(?:을 )?죽",
            r"비웃",
        ),
        WEAK: (r"침묵", r"정적", r"싸늘", r"차갑", r"냉랭", r"속삭", r"불안", r"초조", r"식은땀", r"폭풍", r"천둥"),
    },
    "melancholic": {
        STRONG: (
            r"울(?:었|고|며|어|음|먹|컥|지|기|면서|다|던|상)",
            r"눈물",
            r"흐느",
            r"슬(?:프|퍼|펐|픈|픔)",
            r"통곡",
            r"장례",
            r"우울",
        ),
        WEAK: (r"외로", r"외롭", r"그리(?:워|웠|운|움)", r"그립", r"쓸쓸", r"이별", r"작별", r"무덤", r"후회"),
    },
    "joyful": {
        STRONG: (
            r"웃(?:었|고|으|음|어|는|던|다|긴)",
            r"깔깔",
            r"낄낄",
            r"(?:하하|히히|호호|헤헤)",
            r"기(?:뻐|쁘|쁜|쁨|뻤)",
            r"행복",
            r"신(?:나|난|났)",
            r"환호",
            r"축하",
            r"즐거",
            r"즐겁",
        ),
        WEAK: (r"미소",),
    },
    "mysterious": {
        STRONG: (r"비밀", r"수수께끼", r"정체"),
        WEAK: (r"그림자", r"수상", r"이상한", r"낯선", r"안개", r"메아리"),
    },
    "warm": {
        STRONG: (r"포옹", r"껴안", r"안아 주", r"안아주"),
        WEAK: (r"따뜻", r"고마", r"고맙", r"감사", r"다정", r"빵", r"차 한 잔"),
    },
}

# "not afraid", "no danger", "without fear", "never ran": the cue is denied.
EN_DENIED = re.compile(r"(?:\b(?:not|no|never|without|nothing)\b|n['’]t)(?:\s+\w+)?\s*$", re.IGNORECASE)
# "무섭지 않았다", "위험은 없었다", "울지 마": the cue is denied by what follows it.
KO_DENIED = re.compile(r"^[가-힣]{0,3}?(?:지\s*(?:않|말|마|못)|\s*(?:않|없|못\s))")
# "안 무서워", "못 웃었다": a short negation before the word.
KO_DENIED_BEFORE = re.compile(r"(?:안|못)\s$")


def _compile(cues: dict[str, dict[float, tuple[str, ...]]], start: str) -> list[tuple[str, float, re.Pattern]]:
    return [
        (mood, weight, re.compile(start + "(?:" + "|".join(patterns) + ")", re.IGNORECASE))
        for mood, by_weight in cues.items()
        for weight, patterns in by_weight.items()
    ]


EN_PATTERNS = _compile(CUES, EN_START)
KO_PATTERNS = _compile(KO_CUES, KO_START)
EXCLAIMED = re.compile(r"!+\s*[\"”’']")


def mood_scores(text: str) -> dict[str, float]:
    """The score of every mood in `text` (a scene's narration and dialogue together)."""
    scores = dict.fromkeys(PRIORITY, 0.0)
    for patterns, denied in ((EN_PATTERNS, _en_denied), (KO_PATTERNS, _ko_denied)):
        for mood, weight, pattern in patterns:
            for found in pattern.finditer(text):
                if not denied(text, found):
                    scores[mood] += weight
    scores["tense"] += min(len(EXCLAIMED.findall(text)) * EXCLAIM, MOST_EXCLAIMED)
    return scores


def scene_mood(text: str) -> str:
    """The mood of a scene's text, "calm" when nothing in it leans anywhere."""
    scores = mood_scores(text)
    best = max(PRIORITY, key=lambda mood: (scores[mood], -PRIORITY.index(mood)))
    return best if scores[best] >= WEAK else "calm"


def _en_denied(text: str, found: re.Match) -> bool:
    return bool(EN_DENIED.search(text[max(0, found.start() - 20) : found.start()]))


def _ko_denied(text: str, found: re.Match) -> bool:
    return bool(
        KO_DENIED.match(text[found.end() : found.end() + 8])
        or KO_DENIED_BEFORE.search(text[max(0, found.start() - 2) : found.start()])
    )
