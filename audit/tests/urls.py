"""An API-shaped view for the request-id tests: DRF, token authentication, a change and a task."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.tests.tasks import retitle_story
from projects.models import Story


class RetitleStory(APIView):
    def post(self, request, story_id):
        story = Story.objects.get(pk=story_id)
        story.title = request.data["title"]
        story.save(update_fields=["title"])
        retitle_story.delay(str(story.pk), request.data["title"] + " (by task)")
        return Response({"story_id": str(story.pk)})


urlpatterns = [path("stories/<uuid:story_id>/retitle/", RetitleStory.as_view())]
