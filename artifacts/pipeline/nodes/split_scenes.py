from artifacts.pipeline.rules.script import split_scenes as split
from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("split_scenes", message="Splitting the script into scenes", checkpointed=True)
def split_scenes(state, ctx):
    from artifacts.pipeline.graphs.story_build import estimate_steps

    scenes = split(beats=state["beats"], max_scenes=ctx.parameters["max_scenes"])["scenes"]
    # Now the scene count is known, the progress bar's end can be told.
    ctx.total_steps = estimate_steps(ctx.parameters, len(scenes))
    return {"scenes": scenes}
