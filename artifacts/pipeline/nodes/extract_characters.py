from artifacts.pipeline.rules.understanding import answer_of, quote_inputs
from artifacts.pipeline.runtime import pipeline_node
from characters.analysis import analyze


@pipeline_node("extract_characters", message="Finding the characters and who says what", checkpointed=True)
def extract_characters(state, ctx):
    """The one code path for story understanding: the analyzer finds quotes, names, aliases and speakers;
    an LLM provider answers the same questions and the analyzer validates its answer (and stands in for
    what it misses). Quotes and their offsets are always the analyzer's."""
    analysis = analyze(state["text"], state["lang"])
    answer = ctx.llm.run_checked(
        "characters",
        {"text": state["text"], "lang": analysis.lang, "quotes": quote_inputs(analysis)},
        rules=answer_of(analysis),
    )
    characters = answer["characters"][: ctx.parameters["max_characters"]]
    kept = {character["name"] for character in characters}
    speakers = {entry["quote"]: entry["speaker"] for entry in answer["speakers"]}
    quotes = [
        {
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "speaker": speakers.get(index) if speakers.get(index) in kept else None,
            "kind": q.kind,
        }
        for index, q in enumerate(analysis.quotes)
    ]
    return {"characters": characters, "quotes": quotes, "meta": {"extract_characters": answer["_meta"]}}
