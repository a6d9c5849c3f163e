"""Word lists the rules read: scene shifts, places, times, moods, shots and sound effects."""

import re

SCENE_MARKER = re.compile(r"^\s*(\*\s*\*\s*\*[\s*]*|-{3,}|_{3,}|#{1,6}\s+.*|~{3,}|=+)\s*$")
HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")

# Openings that move the story in time or place: a new scene even without a marker.
SHIFT_OPENERS = re.compile(
    r"^(the next (morning|day|night|evening)|next (morning|day)|that (night|evening|morning|afternoon)|"
    r"(hours|days|weeks|months|years|minutes) later|(an? |one |two |three |several |a few )"
    r"(hour|day|week|month|year|minute)s? later|later that|meanwhile|the following|back at|"
    r"by (dawn|nightfall|morning|evening)|at (dawn|dusk|midnight)|when (morning|night) came|"
    r"다음 날|그날 밤|그날 저녁|며칠 (후|뒤)|몇 (시간|주|달) (후|뒤)|한편|이튿날|다음날|아침이 되자|밤이 되자)",
    re.IGNORECASE,
)

PLACES = (
    "lighthouse", "harbor", "harbour", "pier", "boathouse", "customs office", "office", "bakery", "kitchen",
    "street", "alley", "market", "shop", "store", "cafe", "café", "restaurant", "bar", "station", "train",
    "school", "classroom", "hospital", "church", "temple", "palace", "castle", "village", "city", "town",
    "forest", "woods", "beach", "shore", "coast", "bay", "sea", "ship", "boat", "river", "bridge", "mountain",
    "cave", "garden", "park", "rooftop", "roof", "stairs", "staircase", "gallery", "hall", "room", "bedroom",
    "house", "home", "apartment", "library", "lab", "laboratory", "field", "road", "car", "bus", "plaza",
    "등대", "항구", "부두", "빵집", "부엌", "주방", "거리", "골목", "시장", "가게", "카페", "식당", "역", "학교",
    "교실", "병원", "숲", "바다", "해변", "배", "강", "다리", "산", "정원", "공원", "옥상", "방", "집", "도서관",
)
TIMES = {
    "dawn": "dawn", "sunrise": "dawn", "morning": "morning", "noon": "noon", "afternoon": "afternoon",
    "evening": "evening", "dusk": "dusk", "sunset": "dusk", "night": "night", "tonight": "night",
    "midnight": "night", "dark": "night", "새벽": "dawn", "아침": "morning", "점심": "noon", "오후": "afternoon",
    "저녁": "evening", "밤": "night", "자정": "night",
}
MOODS = {
    "tense": ("afraid", "dark", "shaking", "pistol", "gun", "whisper", "watching", "danger", "threat", "trust",
              "scar", "storm", "lightning", "hammered", "siren", "불안", "무서", "위험", "총"),
    "mysterious": ("note", "key", "shadow", "strange", "secret", "silent", "no one", "echo", "비밀", "그림자"),
    "joyful": ("laughed", "smiling", "smile", "fixed", "celebrat", "happy", "joy", "cheer", "웃", "기뻐", "행복"),
    "melancholic": ("tears", "cried", "alone", "lost", "grief", "miss", "cold", "thin", "눈물", "울", "외로"),
    "warm": ("bread", "warm", "hug", "kind", "gentle", "tea", "coffee", "따뜻", "빵", "포옹"),
}
MOOD_COLORS = {
    "tense": "#5b3a4a", "mysterious": "#3a4a6b", "joyful": "#f2c14e", "melancholic": "#6d7f8f",
    "warm": "#e39b5b", "calm": "#8fb9a8",
}
INTENSE = (
    "shattered", "pistol", "gun", "scream", "blood", "sirens", "siren", "lightning", "crash", "grabbed", "struck",
    "came down", "hesitated", "afraid", "died", "kiss", "tears", "laughed", "cried", "never", "first time",
    "shaking", "mocking", "fled", "fell", "broke", "burst", "총", "비명", "피", "울었", "웃었", "깨졌",
)
ACTION_WORDS = (
    "climbed", "marched", "ran", "grabbed", "lifted", "raised", "came down", "skidded", "struck", "threw",
    "pushed", "pulled", "jumped", "fell", "opened", "slammed", "kicked", "mending", "swinging", "hammered",
    "stepped", "rushed", "chased", "fought", "carried", "kneaded", "baked", "달려", "뛰어", "잡았", "던졌", "열었",
)
REACTION_WORDS = (
    "looked up", "glanced", "hesitated", "stared", "froze", "smiled", "laughed", "nodded", "sighed", "frowned",
    "gasped", "waited", "watched", "watching", "shrugged", "바라보", "웃었", "한숨", "놀라",
)
REVEAL_WORDS = ("found", "revealed", "it was not", "was not", "suddenly", "silhouette", "appeared", "discovered",
                "realized", "burned again", "발견", "나타났")
SILENCE_WORDS = ("no one answered", "silence", "silent", "nothing", "still", "counting heartbeats", "침묵", "조용")
OBJECTS = ("key", "note", "letter", "lamp", "pistol", "gun", "cup", "oar", "lantern", "glass", "ring", "photo",
           "phone", "knife", "book", "map", "bread", "cake", "box", "door", "열쇠", "편지", "쪽지", "램프", "총")
SFX = {
    "creak": "CREAK", "crunch": "CRUNCH", "hammer": "DRUM DRUM", "wail": "WEEEOOO", "skid": "SKRRT",
    "crash": "CRASH", "bang": "BANG", "knock": "KNOCK KNOCK", "slam": "SLAM", "thud": "THUD", "ring": "RING",
    "삐걱": "삐걱", "쾅": "쾅", "똑똑": "똑똑",
}
WORD = re.compile(r"\w+", re.UNICODE)
SENTENCE = re.compile(r"[^.!?…。]+(?:[.!?…。]+[\"'”’]?|$)")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.findall(text) if part.strip() and words(part)]


def contains(text: str, vocabulary) -> str | None:
    lowered = text.lower()
    for word in vocabulary:
        if word in lowered:
            return word
    return None
