"""Layered configuration: the one merge rule shared by style inheritance and character variants."""

from typing import Any


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """A new dict: `override` wins; nested dicts merge key by key; lists and scalars replace whole.

    Lists replace rather than concatenate because a palette or a tag list is one choice: a child
    that names three colours means those three, not its parent's plus three.
    """
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
