from artifacts.pipeline.rules.looks import character_looks
from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("normalize_characters", message="Giving each character a consistent look", checkpointed=True)
def normalize_characters(state, ctx):
    """Hair, outfit and build per character (the rules pick them from the name, stable across runs; an
    LLM reads them from the text, checked by the rules); casting compiles them into the identity line
    every panel prompt repeats, so a character looks the same in every panel."""
    people = [
        {"name": character["name"], "aliases": character["aliases"], "gender": character["gender"]}
        for character in state["characters"]
    ]
    inputs = {"text": state["text"], "characters": people}
    answer = ctx.llm.run_checked("character_looks", inputs, rules=character_looks(**inputs))
    characters = []
    for character, look in zip(state["characters"], answer["characters"], strict=True):
        characters.append(
            {
                **character,
                "hair_description": look["hair"],
                "base_outfit": look["outfit"],
                "appearance": {"build": look["build"], "hair": look["hair"], "outfit": look["outfit"]},
            }
        )
    return {"characters": characters, "meta": {**state.get("meta", {}), "normalize_characters": answer["_meta"]}}
