"""Story understanding in the shape of the `characters` LLM task: the offline analyzer's answer."""

from __future__ import annotations

from characters.analysis import Analysis, analyze


def answer_of(analysis: Analysis) -> dict:
    """Characters (name, aliases, gender, role) and, by quote position, who speaks each quote."""
    return {
        "characters": [character.to_dict() for character in analysis.characters],
        "speakers": [{"quote": index, "speaker": quote.speaker} for index, quote in enumerate(analysis.quotes)],
    }


def understand(text: str, lang: str, quotes: list[dict]) -> dict:
    """The `characters` task offline; `quotes` are the analyzer's own, found again from the text."""
    return answer_of(analyze(text, lang))


def quote_inputs(analysis: Analysis) -> list[dict]:
    """The quotes as the LLM sees them: numbered, so it answers a speaker per number, never offsets."""
    return [{"quote": index, "text": quote.text} for index, quote in enumerate(analysis.quotes)]
