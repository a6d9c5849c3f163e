"""The analyzer's result types: plain dataclasses, serialisable without Django."""

from __future__ import annotations

from dataclasses import dataclass, field

GENDERS = ("male", "female", "non_binary", "unknown")
ROLES = ("protagonist", "secondary", "minor", "narrator")
QUOTE_KINDS = ("speech", "thought")


@dataclass
class Character:
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str = "unknown"
    role: str = "minor"
    mentions: int = 0

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases), "gender": self.gender, "role": self.role}


@dataclass
class Quote:
    """A quoted span; `start`/`end` are str offsets into the analysed text, quote marks included."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    kind: str = "speech"
    nested: bool = False

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "speaker": self.speaker}


@dataclass
class Analysis:
    lang: str
    characters: list[Character] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape printed by the `analyze_text` command."""
        return {
            "lang": self.lang,
            "characters": [character.to_dict() for character in self.characters],
            "quotes": [quote.to_dict() for quote in self.quotes],
        }
