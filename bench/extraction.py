"""Scores the offline analyzer against the labelled corpora and the sample stories.

Run from the repository root:
    python bench/extraction.py [--corpora ../shared/corpora] [--stories ../shared/stories]
                               [--lang ko] [--docs koconovel-05 ...] [--half odd|even] [--errors]

--lang scores one language's corpora (and skips the stories of the other); --docs keeps the documents
whose id starts with one of the prefixes; --half keeps the works with an odd number (to develop rules
on) or an even one (held back to confirm them); --errors prints every quote whose speaker is wrong, with the
narration around it, for error analysis.

Scoring follows ../shared/corpora/README.md: names compared ignoring case and whitespace; character
recall, strict precision and lenient precision/recall (descriptions count); quote spans found;
speaker accuracy with the same-span-else-most-overlap (at least half) rule. A document's predicted
names are every character's name and aliases. Also prints speed on ~100,000 characters per language
(pinned to one core when the OS allows) and the peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SPEED_CHARS = 100_000
COUNTERS = (
    "gold",
    "recall_hit",
    "lenient_hit",
    "pred",
    "pred_hit",
    "pred_lenient",
    "quotes",
    "spans",
    "spoken",
    "speaker_hit",
)


def normalise(name: str) -> str:
    """Names compare ignoring case and all whitespace (the corpora README's rule)."""
    return "".join(name.split()).lower()


def predicted_names(analysis) -> set[str]:
    names = set()
    for character in analysis.characters:
        names.add(normalise(character.name))
        names.update(normalise(alias) for alias in character.aliases)
    return names


def score_document(doc: dict, analysis, errors: list | None = None) -> dict:
    counts = dict.fromkeys(COUNTERS, 0)
    predicted = predicted_names(analysis)
    strict_forms, lenient_forms = [], []
    for character in doc["characters"]:
        strict = {normalise(character["name"])} | {normalise(alias) for alias in character["aliases"]}
        lenient = strict | {normalise(description) for description in character["descriptions"]}
        strict_forms.append(strict)
        lenient_forms.append(lenient)
        counts["gold"] += 1
        counts["recall_hit"] += bool(strict & predicted)
        counts["lenient_hit"] += bool(lenient & predicted)
    all_strict = set().union(*strict_forms) if strict_forms else set()
    all_lenient = set().union(*lenient_forms) if lenient_forms else set()
    counts["pred"] = len(predicted)
    counts["pred_hit"] = len(predicted & all_strict)
    counts["pred_lenient"] = len(predicted & all_lenient)

    aliases_of = {}
    for character in doc["characters"]:
        aliases_of[character["name"]] = {normalise(character["name"])} | {normalise(a) for a in character["aliases"]}
    predicted_quotes = analysis.quotes
    by_span = {(quote.start, quote.end): quote for quote in predicted_quotes}
    gold_by_span = defaultdict(list)
    for quote in doc["quotes"]:
        gold_by_span[(quote["start"], quote["end"])].append(quote["speaker"])
    for (start, end), speakers in gold_by_span.items():
        counts["quotes"] += 1
        counts["spans"] += (start, end) in by_span
        gold_speakers = [speaker for speaker in speakers if speaker is not None]
        if not gold_speakers:
            continue
        counts["spoken"] += 1
        match = by_span.get((start, end)) or _most_overlapping(predicted_quotes, start, end)
        predicted_speaker = normalise(match.speaker) if match is not None and match.speaker else None
        hit = predicted_speaker is not None and any(
            predicted_speaker in aliases_of.get(speaker, set()) for speaker in gold_speakers
        )
        counts["speaker_hit"] += hit
        if errors is not None and not hit:
            errors.append((start, end, gold_speakers, match.speaker if match is not None else "(no span)"))
    return counts


ERROR_CONTEXT = 80


def print_errors(doc: dict, errors: list) -> None:
    """One block per wrongly attributed quote: gold and predicted speaker, the quote, what surrounds it."""
    text = doc["text"]
    for start, end, gold, predicted in errors:
        before = text[max(0, start - ERROR_CONTEXT) : start].replace("\n", " / ")
        after = text[end : end + ERROR_CONTEXT].replace("\n", " / ")
        quote = text[start:end].replace("\n", " / ")
        print(f"  @{start} gold {'|'.join(gold)} predicted {predicted}")
        print(f"    before: …{before}")
        print(f"    quote:  {quote[:120]}")
        print(f"    after:  {after}…")


def _most_overlapping(quotes, start: int, end: int):
    best, best_overlap = None, 0
    for quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best if best_overlap * 2 >= end - start else None


def ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f}" if total else "  -  "


def format_counts(label: str, counts: dict) -> str:
    return (
        f"{label:<24} chars R {ratio(counts['recall_hit'], counts['gold'])} "
        f"P {ratio(counts['pred_hit'], counts['pred'])} "
        f"lenient R {ratio(counts['lenient_hit'], counts['gold'])} P {ratio(counts['pred_lenient'], counts['pred'])} "
        f"({counts['gold']} gold, {counts['pred']} predicted) | "
        f"spans {ratio(counts['spans'], counts['quotes'])} ({counts['quotes']}) | "
        f"speaker {ratio(counts['speaker_hit'], counts['spoken'])} ({counts['spoken']})"
    )


def _document_number(doc_id: str) -> int:
    """The work's number in its dataset: koconovel-46-part02 -> 46."""
    return int(doc_id.split("-")[1])


def run_corpora(
    analyzer, corpora: Path, lang: str | None, prefixes: list[str], half: str | None, show_errors: bool
) -> dict[str, list[str]]:
    pooled = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    texts = defaultdict(list)
    for path in sorted(corpora.glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if (lang and doc["lang"] != lang) or (prefixes and not doc["id"].startswith(tuple(prefixes))):
            continue
        if half and _document_number(doc["id"]) % 2 != (half == "odd"):
            continue
        analysis = analyzer.analyze(doc["text"])
        if analysis.lang != doc["lang"]:
            print(f"{doc['id']}: language detected as {analysis.lang}, labelled {doc['lang']}")
        errors = [] if show_errors else None
        counts = score_document(doc, analysis, errors)
        print(format_counts(doc["id"], counts))
        if errors:
            print(f"  predicted characters: {', '.join(c.name for c in analysis.characters)}")
            print(f"  gold characters: {', '.join(c['name'] for c in doc['characters'])}")
            print_errors(doc, errors)
        for key, value in counts.items():
            pooled[doc["lang"]][key] += value
        texts[doc["lang"]].append(doc["text"])
    print()
    for lang, counts in sorted(pooled.items()):
        print(format_counts(f"POOLED {lang}", counts))
    return texts


def run_stories(analyzer, stories: Path, lang: str | None) -> None:
    print()
    for labels_path in sorted(stories.glob("*.labels.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        text = (stories / labels["story"]).read_text(encoding="utf-8")
        analysis = analyzer.analyze(text)
        if lang and analysis.lang != lang:
            continue
        predicted = predicted_names(analysis)
        gold = [{normalise(c["name"])} | {normalise(a) for a in c.get("aliases", [])} for c in labels["characters"]]
        recalled = sum(bool(forms & predicted) for forms in gold)
        precise = sum(any(name in forms for forms in gold) for name in predicted)
        turns = speech_turns(text, analysis.quotes)
        expected = labels.get("speakers_in_order", [])
        gold_by_name = {c["name"]: forms for c, forms in zip(labels["characters"], gold, strict=True)}
        right = sum(
            turn is not None and normalise(turn) in gold_by_name.get(want, {normalise(want)})
            for turn, want in zip(turns, expected, strict=False)
        )
        print(
            f"story {labels['story']:<16} chars R {ratio(recalled, len(gold))} P {ratio(precise, len(predicted))} | "
            f"turns {len(turns)}/{len(expected)} | speakers in order {ratio(right, len(expected))}"
        )


def speech_turns(text: str, quotes) -> list[str | None]:
    """Quotes in one paragraph with one speaker make one turn, as the story labels count them."""
    turns: list[str | None] = []
    previous = None
    for quote in quotes:
        if quote.nested:
            continue
        same_paragraph = previous is not None and "\n\n" not in text[previous.end : quote.start]
        if not (same_paragraph and previous.speaker == quote.speaker):
            turns.append(quote.speaker)
        previous = quote
    return turns


def run_speed(analyzer, texts: dict[str, list[str]]) -> None:
    print()
    for lang, documents in sorted(texts.items()):
        sample = ""
        for document in documents:
            if len(sample) >= SPEED_CHARS:
                break
            sample += document + "\n\n"
        sample = sample[:SPEED_CHARS]
        analyzer.analyze(sample[:2000], lang=lang)
        started, cpu_started = time.perf_counter(), time.process_time()
        analyzer.analyze(sample, lang=lang)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        print(
            f"speed {lang}: {len(sample):,} chars in {elapsed:.2f} s wall, {cpu:.2f} s CPU "
            f"= {len(sample) / elapsed:,.0f} chars/s wall"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--stories", type=Path, default=REPO.parent / "shared" / "stories")
    parser.add_argument("--lang", choices=("en", "ko"), help="score only this language")
    parser.add_argument("--docs", nargs="*", default=[], help="document id prefixes to score")
    parser.add_argument(
        "--half", choices=("odd", "even"), help="only works with an odd (develop) or even (confirm) number"
    )
    parser.add_argument("--errors", action="store_true", help="print every wrongly attributed quote")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed and memory section")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sys.path.insert(0, str(REPO))
    from characters.analysis import Analyzer

    analyzer = Analyzer()
    texts = run_corpora(analyzer, args.corpora, args.lang, args.docs, args.half, args.errors)
    run_stories(analyzer, args.stories, args.lang)
    if not args.no_speed:
        run_speed(analyzer, texts)


if __name__ == "__main__":
    main()
