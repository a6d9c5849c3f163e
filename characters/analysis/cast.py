"""The cast of a text: characters being collected, their surface forms and where they are mentioned."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from .models import GENDERS, Character

NAMED, DESCRIBED, NARRATOR = "named", "described", "narrator"
# People who speak a line together (`A와 B가 한목소리로`): the line is theirs, no one character's.
GROUP = "group"


def normalise(form: str) -> str:
    """Names compare ignoring case and whitespace."""
    return "".join(form.split()).lower()


@dataclass(eq=False)
class Member:
    name: str
    kind: str = NAMED
    forms: Counter = field(default_factory=Counter)
    gender_votes: Counter = field(default_factory=Counter)
    title_gender: str | None = None
    # A generic noun's usual gender (노인: an old man), used only when nothing else tells.
    default_gender: str | None = None
    speeches: int = 0
    narrates: bool = False

    @property
    def gender(self) -> str:
        if self.title_gender:
            return self.title_gender
        male, female = self.gender_votes["male"], self.gender_votes["female"]
        if male > female:
            return "male"
        if female > male:
            return "female"
        return self.default_gender or "unknown"

    @property
    def weight(self) -> int:
        return sum(self.forms.values()) + 2 * self.speeches


class Cast:
    """Members plus a timeline of mentions, so a pronoun can find the last fitting character."""

    def __init__(self) -> None:
        self.members: list[Member] = []
        self._by_form: dict[str, Member] = {}
        self._mention_offsets: list[int] = []
        self._mention_members: list[Member] = []

    def add(self, member: Member) -> Member:
        self.members.append(member)
        for form in list(member.forms) + [member.name]:
            self._by_form.setdefault(normalise(form), member)
        return member

    def add_form(self, member: Member, form: str, count: int = 1) -> None:
        member.forms[form] += count
        self._by_form.setdefault(normalise(form), member)

    def add_lookup(self, member: Member, form: str) -> None:
        """A form that finds the member in tags without counting as one of its names."""
        self._by_form.setdefault(normalise(form), member)

    def lookup(self, form: str) -> Member | None:
        return self._by_form.get(normalise(form))

    def mention(self, member: Member, offset: int) -> None:
        """Record a mention; offsets may arrive in any order."""
        index = bisect.bisect_right(self._mention_offsets, offset)
        self._mention_offsets.insert(index, offset)
        self._mention_members.insert(index, member)

    def last_mentioned(
        self, offset: int, gender: str | None = None, exclude=(), limit: int = 3000, include_narrator: bool = False
    ):
        """The most recent member mentioned before `offset` whose gender does not contradict."""
        index = bisect.bisect_left(self._mention_offsets, offset) - 1
        while index >= 0 and offset - self._mention_offsets[index] <= limit:
            member = self._mention_members[index]
            eligible = member not in exclude and (include_narrator or member.kind != NARRATOR)
            if eligible and (gender is None or member.gender in (gender, "unknown")):
                return member
            index -= 1
        return None

    def mentioned_between(self, member: Member, start: int, end: int) -> bool:
        low = bisect.bisect_left(self._mention_offsets, start)
        high = bisect.bisect_left(self._mention_offsets, end)
        return member in self._mention_members[low:high]

    def next_mentioned(self, offset: int, exclude=(), limit: int = 1000) -> Member | None:
        """The first member (not the narrator) mentioned after `offset`: who a story opening on a line
        goes on to introduce."""
        index = bisect.bisect_right(self._mention_offsets, offset)
        while index < len(self._mention_offsets) and self._mention_offsets[index] - offset <= limit:
            member = self._mention_members[index]
            if member not in exclude and member.kind != NARRATOR:
                return member
            index += 1
        return None

    @staticmethod
    def _is_character(member: Member) -> bool:
        """Named at least twice, or heard speaking; the nameless only when they speak."""
        if member.kind == NAMED:
            return member.speeches > 0 or sum(member.forms.values()) >= 2
        return member.speeches > 0 and member.kind != GROUP

    def characters(self) -> list[Character]:
        """Public Character objects, most important first, with roles by prominence."""
        ranked = sorted(
            (member for member in self.members if self._is_character(member)), key=lambda member: -member.weight
        )
        top = max((member.weight for member in ranked if member.kind != NARRATOR), default=0)
        characters = []
        for member in ranked:
            if member.kind == NARRATOR or member.narrates:
                role = "narrator"
            elif member.weight == top and top > 0:
                role = "protagonist"
            elif member.weight * 3 >= top:
                role = "secondary"
            else:
                role = "minor"
            characters.append(
                Character(
                    name=member.name,
                    aliases=self.aliases(member),
                    gender=member.gender if member.gender in GENDERS else "unknown",
                    role=role,
                    mentions=member.weight,
                )
            )
        return characters

    def aliases(self, member: Member) -> list[str]:
        """The member's other forms, most frequent first."""
        return _distinct([form for form, _ in member.forms.most_common() if normalise(form) != normalise(member.name)])


def _distinct(forms: list[str]) -> list[str]:
    seen, kept = set(), []
    for form in forms:
        if normalise(form) not in seen:
            seen.add(normalise(form))
            kept.append(form)
    return kept
