from pathlib import Path

import pytest
from django.conf import settings

from artifacts.pipeline.executor import execute_run
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
