from webtoon.exceptions import ApplicationError


class EpisodeError(ApplicationError):
    code = "episode_error"


class SceneNotInStory(EpisodeError):
    code = "scene_not_in_story"


class SceneAlreadyInEpisode(EpisodeError):
    code = "scene_already_in_episode"


class SceneNotInEpisode(EpisodeError):
    code = "scene_not_in_episode"


class InvalidOrder(EpisodeError):
    code = "invalid_order"


class AssetNotFound(EpisodeError):
    code = "asset_not_found"


class InvalidEpisodeStyle(EpisodeError):
    code = "invalid_episode_style"


class InvalidStatusTransition(EpisodeError):
    code = "invalid_status_transition"


class ExportError(ApplicationError):
    code = "export_error"


class UnknownExportFormat(ExportError):
    code = "unknown_export_format"


class InvalidExportOptions(ExportError):
    code = "invalid_export_options"


class ExportInputError(ExportError):
    """The episode or scene cannot be exported as it stands (no scenes, a scene never rendered)."""

    code = "export_input_invalid"


class ExportNotRetryable(ExportError):
    code = "export_not_retryable"


class FontNotFound(ExportError):
    code = "font_not_found"
