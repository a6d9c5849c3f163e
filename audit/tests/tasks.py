"""A task used by the request-id tests: it changes a row, as pipeline tasks do."""

from celery import shared_task

from projects.models import Story


@shared_task(name="audit.tests.retitle_story")
def retitle_story(story_id: str, title: str) -> str:
    story = Story.objects.get(pk=story_id)
    story.title = title
    story.save(update_fields=["title"])
    return story_id
