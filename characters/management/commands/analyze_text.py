"""`manage.py analyze_text PATH [PATH ...]`: one JSON line per file with its characters and quotes."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from characters.analysis import Analyzer


class Command(BaseCommand):
    help = "Finds the characters, quotes and speakers of UTF-8 text files, offline."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--lang", choices=("auto", "en", "ko"), default="auto")

    def handle(self, *args, paths: list[str], lang: str, **options):
        analyzer = Analyzer()
        failed = []
        for path in paths:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                self.stderr.write(f"{path}: cannot read as UTF-8 text: {error}")
                failed.append(path)
                continue
            result = {"file": path, **analyzer.analyze(text, lang).to_dict()}
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be read: {', '.join(failed)}")
