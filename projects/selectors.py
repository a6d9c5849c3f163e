"""Reads of stories and scenes for the generation screens."""

from __future__ import annotations

from django.db.models import QuerySet

from artifacts.models import GraphRun
from projects.models import Story


def story_generation_progress(*, story: Story) -> dict:
    """Status, progress and the current run of a story, in two queries."""
    story = Story.objects.only("generation_status", "generation_error", "progress", "progress_updated_at").get(
        pk=story.pk
    )
    run = GraphRun.objects.filter(story=story, graph=GraphRun.Graph.STORY_BUILD).order_by("-created_at").first()
    return {
        "status": story.generation_status,
        "error": story.generation_error,
        "progress": story.progress,
        "progress_updated_at": story.progress_updated_at,
        "run_id": str(run.pk) if run else None,
        "run_status": run.status if run else None,
        "failed_node": run.failed_node if run else "",
    }


def story_runs(*, story: Story) -> QuerySet[GraphRun]:
    return GraphRun.objects.filter(story=story).select_related("scene").order_by("-created_at")
