"""Name matching for deduplication: one key per spelling, whatever the case, spacing or script."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
# Said after a Korean name without changing who is meant: 씨 (Mr/Ms), 님 (honorific).
_KOREAN_HONORIFICS = ("씨", "님")


def _is_hangul(text: str) -> bool:
    return bool(text) and all(_HANGUL_FIRST <= ord(char) <= _HANGUL_LAST for char in text)


def _has_final_consonant(syllable: str) -> bool:
    return (ord(syllable) - _HANGUL_FIRST) % 28 != 0


def name_key(name: str) -> str:
    """The comparison key of a name: NFC, case-folded, without whitespace or a Korean address suffix.

    NFC first, because the same Hangul name typed on two systems may arrive as composed syllables
    or as separate jamo. For a Hangul name, a trailing 씨/님 goes, and so does the friendly 이 that
    follows a given name ending in a consonant (지훈이 is 지훈), but only on names of three or more
    syllables so that two-syllable names ending in 이 stay whole.
    """
    key = _SPACES.sub("", unicodedata.normalize("NFC", name)).casefold()
    if _is_hangul(key):
        if len(key) > 2 and key.endswith(_KOREAN_HONORIFICS):
            key = key[:-1]
        if len(key) > 2 and key.endswith("이") and _has_final_consonant(key[-2]):
            key = key[:-1]
    return key


def name_keys(names) -> set[str]:
    return {key for key in (name_key(name) for name in names if name) if key}
