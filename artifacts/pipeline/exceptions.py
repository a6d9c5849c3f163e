"""Errors of the generation pipeline; each names what went wrong in words an editor can act on."""

from webtoon.exceptions import ApplicationError


class PipelineError(ApplicationError):
    code = "pipeline_error"


class InvalidGenerationInput(PipelineError):
    code = "invalid_generation_input"


class GenerationInProgress(PipelineError):
    code = "generation_in_progress"


class PlanningLocked(PipelineError):
    """A locked scene was asked for an artifact it does not have; locked scenes are never re-planned."""

    code = "planning_locked"


class RunCancelled(PipelineError):
    code = "run_cancelled"


class QualityCheckFailed(PipelineError):
    code = "quality_check_failed"
