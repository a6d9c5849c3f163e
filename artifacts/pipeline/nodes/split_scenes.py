from artifacts.pipeline.rules.script import split_scenes as split
from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("split_scenes", message="Splitting the script into scenes", checkpointed=True)
def split_scenes(state, ctx):
    return {"scenes": split(beats=state["beats"], max_scenes=ctx.parameters["max_scenes"])["scenes"]}
