from pathlib import Path

import pytest
from django.conf import settings

from artifacts.pipeline.executor import execute_run
from artifacts.providers.stub_server import StubServer
from projects.factories import ProjectFactory
from projects.services import story_create, story_generation_start

STORIES = Path(settings.BASE_DIR) / "demo" / "stories"

SHORT_STORY = """# The Bakery Test

Hana kneaded the dough in the warm kitchen of the bakery. Flour dusted her apron.

"Is the bread ready?" Minho asked from the door.

"Almost," Hana said, smiling.

***

That night the street outside the bakery was dark and silent. A strange note lay on the doorstep.

Minho found it first. "Someone knows our secret," he whispered.
"""


@pytest.fixture
def lighthouse_text():
    return (STORIES / "lighthouse.md").read_text()


@pytest.fixture
def build():
    """Create a story from text and run its build in this process; returns (story, finished run)."""

    def run_build(text=SHORT_STORY, *, project=None, images=None, llm=None, **parameters):
        story = story_create(project=project or ProjectFactory(), title="A story", source_text=text)
        run = story_generation_start(story=story, parameters=parameters, queue=False)
        finished = execute_run(run.pk, images=images, llm=llm)
        story.refresh_from_db()
        return story, finished

    return run_build


@pytest.fixture
def stub(settings):
    """A server on 127.0.0.1 speaking the OpenAI and Gemini protocols; unscripted, it answers as the rules."""
    with StubServer() as server:
        settings.OPENAI_BASE_URL = f"{server.url}/v1"
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_MODEL = "stub-model"
        settings.GEMINI_BASE_URL = f"{server.url}/v1beta"
        settings.GEMINI_API_KEY = "gm-test"
        settings.PROVIDER_BACKOFF_SECONDS = 0.01
        settings.PROVIDER_MAX_RETRIES = 3
        settings.PROVIDER_TIMEOUT_SECONDS = 2
        yield server
