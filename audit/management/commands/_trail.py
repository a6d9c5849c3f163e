"""Formatting shared by `trace_request` and `entity_history`."""

import json

from django.core.management.base import BaseCommand


def render_value(value, *, full: bool, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if not full and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def field_changes(entry, *, full: bool) -> list[str]:
    """`field: old -> new` for an update; `field: value` for the snapshot of a create or delete."""
    old, new = entry.old_value or {}, entry.new_value or {}
    if entry.action == "update":
        return [
            f"{name}: {render_value(old.get(name), full=full)} -> {render_value(new.get(name), full=full)}"
            for name in sorted(new)
        ]
    snapshot = new if entry.action == "create" else old
    return [f"{name}: {render_value(value, full=full)}" for name, value in sorted(snapshot.items())]


class TrailCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="print values whole instead of cut at 60 characters")

    def timestamp(self, entry) -> str:
        return entry.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f")
