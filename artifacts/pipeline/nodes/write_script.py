from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("write_script", message="Writing the webtoon script", checkpointed=True)
def write_script(state, ctx):
    people = [
        {"name": character["name"], "aliases": character["aliases"], "gender": character.get("gender", "unknown")}
        for character in state["characters"]
    ]
    script = ctx.llm.run("script", {"text": state["text"], "quotes": state["quotes"], "characters": people})
    return {"beats": script["beats"]}
