from abc import ABC, abstractmethod


class ImageProvider(ABC):
    """Renders pictures for the studio. Every method returns PNG bytes of exactly the size asked."""

    name = "base"

    @abstractmethod
    def render_profile_sheet(self, *, code: str, name: str, identity_line: str, width: int, height: int) -> bytes:
        """A character reference sheet: front, three-quarter, side and back poses, and expressions."""
