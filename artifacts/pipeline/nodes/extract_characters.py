from artifacts.pipeline.runtime import pipeline_node
from characters.analysis import analyze


@pipeline_node("extract_characters", message="Finding the characters and who says what", checkpointed=True)
def extract_characters(state, ctx):
    """The one code path for story understanding: the analyzer finds names, aliases and speakers."""
    analysis = analyze(state["text"], state["lang"])
    characters = [character.to_dict() for character in analysis.characters][: ctx.parameters["max_characters"]]
    kept = {character["name"] for character in characters}
    quotes = [
        {
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "speaker": q.speaker if q.speaker in kept else None,
            "kind": q.kind,
        }
        for q in analysis.quotes
    ]
    return {"characters": characters, "quotes": quotes}
