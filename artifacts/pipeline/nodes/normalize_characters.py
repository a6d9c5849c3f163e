import hashlib

from artifacts.pipeline.runtime import pipeline_node

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


@pipeline_node("normalize_characters", message="Giving each character a consistent look", checkpointed=True)
def normalize_characters(state, ctx):
    """Visual details picked from the name, stable across runs and machines; casting compiles them
    into the identity line every panel prompt repeats, so a character looks the same in every panel."""
    characters = []
    for character in state["characters"]:
        seed = int(hashlib.sha256(character["name"].encode()).hexdigest(), 16)
        hair = HAIR[seed % len(HAIR)]
        outfit = OUTFITS[(seed // 7) % len(OUTFITS)]
        build = BUILDS[(seed // 49) % len(BUILDS)]
        characters.append(
            {
                **character,
                "hair_description": hair,
                "base_outfit": outfit,
                "appearance": {"build": build, "hair": hair, "outfit": outfit},
            }
        )
    return {"characters": characters}
