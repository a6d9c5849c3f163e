from abc import ABC, abstractmethod


class ImageProvider(ABC):
    """Renders pictures for the studio. Every method returns PNG bytes of exactly the size asked."""

    name = "base"

    @abstractmethod
    def render_profile_sheet(self, *, code: str, name: str, identity_line: str, width: int, height: int) -> bytes:
        """A character reference sheet: front, three-quarter, side and back poses, and expressions."""

    @abstractmethod
    def render_panel(
        self, *, semantics: dict, width: int, height: int, style: dict, prompt: str = "", seed: int = 0
    ) -> bytes:
        """One panel from its `panel_semantics` entry (and the render spec's prompt and seed). Never text:
        bubbles are lettered on top from the DialogueLayer."""

    def keep_clear(self, *, semantics: dict, width: int, height: int) -> list[tuple[float, float, float, float]]:
        """Boxes (x0, y0, x1, y1 in pixels of a `width` x `height` panel) of the picture `render_panel` draws
        that bubbles must not cover, such as a storyboard's figure labels. None by default."""
        return []
