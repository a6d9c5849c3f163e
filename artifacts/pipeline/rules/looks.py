"""A character's look by rules: visual details picked from the name, stable across runs and machines."""

from __future__ import annotations

import hashlib

HAIR = (
    "short black hair",
    "long dark braid",
    "messy brown hair",
    "grey cropped hair",
    "auburn bob",
    "sleek silver ponytail",
    "curly black hair",
    "shaved head",
)
OUTFITS = (
    "yellow raincoat and boots",
    "navy peacoat",
    "white uniform with brass buttons",
    "knitted green sweater",
    "leather jacket",
    "flour-dusted apron",
    "grey hoodie",
    "long red scarf and wool coat",
)
BUILDS = ("slight", "broad-shouldered", "tall and lean", "stocky", "wiry")


def look_of(name: str) -> dict:
    seed = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    return {
        "name": name,
        "hair": HAIR[seed % len(HAIR)],
        "outfit": OUTFITS[(seed // 7) % len(OUTFITS)],
        "build": BUILDS[(seed // 49) % len(BUILDS)],
    }


def character_looks(text: str, characters: list[dict]) -> dict:
    """The `character_looks` task offline: the text is not read, so a look never depends on wording."""
    return {"characters": [look_of(character["name"]) for character in characters]}
