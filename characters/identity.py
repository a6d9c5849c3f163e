"""The identity line: one stable sentence that describes a character's look in every prompt."""

from typing import Any

# Nouns by age range, in the order child, teen, young adult, adult, middle-aged, elderly.
_AGES = ["child", "teen", "young_adult", "adult", "middle_aged", "elderly"]
_NOUNS = {
    "female": ["girl", "teenage girl", "young woman", "woman", "middle-aged woman", "elderly woman"],
    "male": ["boy", "teenage boy", "young man", "man", "middle-aged man", "elderly man"],
    "person": ["child", "teenager", "young adult", "adult", "middle-aged adult", "elderly person"],
}
_UNKNOWN_AGE_NOUN = {"female": "woman", "male": "man", "person": "person"}


def _subject(gender: str, age_range: str) -> str:
    kind = gender if gender in ("female", "male") else "person"
    noun = _NOUNS[kind][_AGES.index(age_range)] if age_range in _AGES else _UNKNOWN_AGE_NOUN[kind]
    if gender == "non_binary":
        noun = f"androgynous {noun}"
    article = "An" if noun[0] in "aeiou" else "A"
    return f"{article} {noun}"


def _phrases(attributes: dict[str, Any], prefix: str = "") -> list[str]:
    """'brown eyes' for short values, 'marks: scar over the left brow' for long ones and lists;
    keys sorted, nested dicts flattened ('injury arm' for {"injury": {"arm": ...}})."""
    phrases = []
    for key in sorted(attributes):
        value = attributes[key]
        label = f"{prefix}{key}".replace("_", " ").strip()
        if isinstance(value, dict):
            phrases.extend(_phrases(value, prefix=f"{label} "))
            continue
        if isinstance(value, list | tuple):
            items = " and ".join(str(item) for item in value if item not in (None, ""))
            if items:
                phrases.append(f"{label}: {items}")
            continue
        if value is True:
            phrases.append(label)
            continue
        value = "" if value is None or value is False else str(value).strip()
        if value:
            phrases.append(f"{value} {label}" if len(value.split()) <= 2 else f"{label}: {value}")
    return phrases


def identity_line_compile(
    *,
    gender: str,
    age_range: str,
    hair_description: str = "",
    base_outfit: str = "",
    appearance: dict[str, Any] | None = None,
    traits: dict[str, Any] | None = None,
) -> str:
    """The same inputs always give the same sentence (dict keys are sorted), so prompts stay stable."""
    sentence = _subject(gender, age_range)
    if hair_description.strip():
        sentence += f" with {hair_description.strip()}"
    if base_outfit.strip():
        sentence += f", wearing {base_outfit.strip()}"
    for group in (_phrases(appearance or {}), _phrases(traits or {})):
        if group:
            sentence += "; " + ", ".join(group)
    return sentence + "."
