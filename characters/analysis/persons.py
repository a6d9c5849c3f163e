"""Whether a name can belong to a character at all: the check other strategies (an LLM's answer) use."""

from __future__ import annotations

from . import lexicon


def never_a_character(name: str) -> bool:
    """True for a day, month, holiday, nationality, well-known place or function word offered as a
    character ("Tuesday", "Christmas", "London", "서울"); a name with any other word may be one."""
    words = [word.strip(".,;:!?'\"’").lower() for word in name.split()]
    words = [word for word in words if word]
    if not words:
        return True
    if all(word in lexicon.NON_NAME_WORDS or word in lexicon.PLACE_NAMES for word in words):
        return True
    compact = "".join(words)
    return compact in lexicon.KO_PLACE_NAMES or compact in lexicon.KO_NON_NAMES
