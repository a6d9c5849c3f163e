"""Offline story understanding: characters, quotes and who speaks them. Pure Python, no Django."""

from .analyzer import Analyzer, analyze
from .models import Analysis, Character, Quote
from .persons import never_a_character

__all__ = ["Analysis", "Analyzer", "Character", "Quote", "analyze", "never_a_character"]
