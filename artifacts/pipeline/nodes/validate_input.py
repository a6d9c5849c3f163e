from artifacts.pipeline.parameters import validate_parameters, validate_story_text
from artifacts.pipeline.runtime import pipeline_node
from characters.analysis.text import detect_language
from projects.models import Story


@pipeline_node("validate_input", message="Checking the story text")
def validate_input(state, ctx):
    story = Story.objects.get(pk=state["story_id"])
    text = validate_story_text(story.source_text)
    ctx.parameters = validate_parameters(ctx.parameters)
    lang = story.language if story.language != Story.Language.AUTO else detect_language(text)
    return {"text": text, "lang": lang, "attempt": state.get("attempt", 0)}
