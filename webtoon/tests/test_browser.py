"""An editor's whole day in the studio, driven through Debian's Chromium by Playwright.

Logs in, creates a story, generates it (Celery runs in-process: the request returns when the
story is built), opens a scene and sees its renders, reorders the episode by drag and drop, and
downloads an export. Set STUDIO_SCREENSHOTS=docs/screenshots to refresh the README's screenshots.
"""

import os
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from episodes.models import Episode, EpisodeScene, ExportJob
from projects.factories import ProjectFactory, StoryFactory
from projects.models import ProjectMembership, Story
from webtoon.tests.admin_helpers import staff_member

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"
STORY = (Path(settings.BASE_DIR) / "demo" / "stories" / "lighthouse.md").read_text()
# A generation renders every panel of every scene in the request that starts it (eager Celery).
SLOW = 180_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture
def page(monkeypatch):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
    # plain synchronous code, so Django's guard against async contexts does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        context.set_default_timeout(30_000)
        try:
            yield context.new_page()
            browser.close()
        finally:
            # Inside sync_playwright the test runs in a contextvars context of its own, so the ORM
            # opened a connection pytest-django never sees (it closes the outer context's): close it
            # here, or it holds the test database open and the session cannot drop it at the end.
            connections.close_all()


def shoot(page, name: str):
    folder = os.environ.get("STUDIO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def choose_autocomplete(page, field: str, text: str):
    """Pick `text` in the admin's select2 autocomplete of `field`."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def test_an_editor_writes_generates_reviews_reorders_and_exports_a_story(live_server, page, settings):
    settings.ROOT_URLCONF = "webtoon.tests.browser_urls"
    project = ProjectFactory(name="Lighthouse project")
    editor = staff_member(project, ProjectMembership.Role.EDITOR, username="editor")
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")

    page.goto(f"{base}/admin/projects/story/add/")
    choose_autocomplete(page, "project", "Lighthouse project")
    page.fill("#id_title", "The lighthouse")
    page.fill("#id_source_text", STORY)
    shoot(page, "story-add")
    page.click("input[name=_continue]")
    page.wait_for_selector("text=Generate")
    story = Story.objects.get(title="The lighthouse")

    page.click(".object-tools a:has-text('Generate')")
    page.select_option("#id_mode", "full")
    page.fill("#id_max_scenes", "3")
    page.fill("#id_panel_count", "2")
    page.click("input[value='Start generation']", timeout=SLOW)
    page.wait_for_selector("#studio-progress[data-status='completed']", timeout=SLOW)
    story.refresh_from_db()
    assert story.generation_status == Story.GenerationStatus.COMPLETED, story.generation_error
    shoot(page, "story")

    scene = story.scenes.order_by("scene_index").first()
    page.goto(f"{base}/admin/projects/scene/{scene.pk}/change/")
    for selector in ("img.studio-scene-image", "img.studio-panel-image", "img.studio-lettered"):
        image = page.wait_for_selector(selector)
        assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", image), selector
    shoot(page, "scene")

    page.click("a:has-text('history & diff') >> nth=0")
    page.wait_for_selector("text=Lineage of the latest version")
    shoot(page, "artifact-history")

    episode = Episode.objects.get(story=story)
    before = list(
        EpisodeScene.objects.filter(episode=episode).order_by("order_index").values_list("scene_id", flat=True)
    )
    assert len(before) >= 2, (story.scenes.count(), len(story.source_text), story.progress)
    page.goto(f"{base}/admin/episodes/episode/{episode.pk}/change/")
    rows = page.locator("#episode_scenes-group tbody tr.has_original")
    rows.nth(len(before) - 1).locator("td.original p").drag_to(rows.nth(0).locator("td.original p"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    after = list(
        EpisodeScene.objects.filter(episode=episode).order_by("order_index").values_list("scene_id", flat=True)
    )
    assert after == [before[-1], *before[:-1]]
    assert list(
        EpisodeScene.objects.filter(episode=episode).values_list("order_index", flat=True).order_by("order_index")
    ) == list(range(len(before)))

    page.click(".object-tools a:has-text('Export')")
    page.select_option("#id_format", "webtoon")
    page.click("input[value='Start export']", timeout=SLOW)
    link = page.wait_for_selector("#exports-group a.studio-download", timeout=SLOW)
    shoot(page, "episode")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    saved = Path(download.path())
    assert zipfile.is_zipfile(saved)
    assert ExportJob.objects.get(episode=episode).status == ExportJob.Status.COMPLETED

    for name, path in (
        ("style-tree", "/admin/styles/stylepreset/"),
        ("audit", f"/admin/audit/auditlog/?entity_id={story.pk}"),
        ("characters", "/admin/characters/character/"),
    ):
        page.goto(base + path)
        page.wait_for_selector("#content-main")
        shoot(page, name)


def test_the_story_page_follows_a_running_generation_by_itself(live_server, page):
    project = ProjectFactory()
    editor = staff_member(project, ProjectMembership.Role.EDITOR)
    story = StoryFactory(
        project=project,
        generation_status=Story.GenerationStatus.PROCESSING,
        progress={"current_node": "write_script", "step": 2, "total_steps": 9, "message": "Writing the script"},
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/projects/story/{story.pk}/change/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("text=Writing the script")

    Story.objects.filter(pk=story.pk).update(
        progress={"current_node": "split_scenes", "step": 5, "total_steps": 9, "message": "Splitting into scenes"}
    )
    page.wait_for_selector("text=Splitting into scenes", timeout=10_000)
    assert page.locator("#studio-progress progress").get_attribute("value") == "5"

    Story.objects.filter(pk=story.pk).update(
        generation_status=Story.GenerationStatus.FAILED, generation_error="split_scenes: the text has no paragraphs"
    )
    page.wait_for_selector("#studio-progress[data-status='failed']", timeout=10_000)
    assert "the text has no paragraphs" in page.inner_text("#studio-progress")
