"""Scores the offline analyzer against the labelled corpora and the sample stories.

Run from the repository root:
    python bench/extraction.py [--corpora ../shared/corpora] [--stories ../shared/stories bench/stories]
        [--lang en|ko] [--half even|odd] [--doc ID ...] [--errors] [--no-stories] [--no-speed]

`--half` keeps the documents whose numeric id is even (to develop rules on) or odd (held out, to
confirm they generalise); `--errors` prints, per document, the missed and spurious character names and
every quote whose speaker is wrong, with the narration around it (for the stories: every speech turn whose
speaker differs from the label at that position).

Stories: each folder given to `--stories` holds `NAME.md` + `NAME.labels.json` (characters with name and
aliases, `speakers_in_order` per speech turn, `null` for a group or several people at once, right when
given to none of the labelled characters). By default
`../shared/stories` (the two sample stories) and `bench/stories` (10 short modern, dialogue-heavy stories,
5 English and 5 Korean, written for this bench: a check, outside the 19th/early-20th-century corpora the
rules are tuned on, that they carry over to web-novel prose). Each folder's figures
are also pooled per language: character recall and precision (over predicted names) and speakers in
order (the n-th predicted turn against the n-th labelled one). `--lang` picks the stories too.

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


def score_document(doc: dict, analysis) -> dict:
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
        if match is None or match.speaker is None:
            continue
        predicted_speaker = normalise(match.speaker)
        counts["speaker_hit"] += any(predicted_speaker in aliases_of.get(speaker, set()) for speaker in gold_speakers)
    return counts


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


def document_number(doc_id: str) -> int:
    """`litbank-2005` -> 2005, `koconovel-05-part02` -> 5: the work's number, which picks its half."""
    return int(doc_id.split("-")[1])


def selected(doc: dict, lang: str | None, half: str | None, ids: list[str] | None) -> bool:
    if lang and doc["lang"] != lang:
        return False
    if ids and doc["id"] not in ids:
        return False
    if half:
        return (document_number(doc["id"]) % 2 == 0) == (half == "even")
    return True


def print_missed_and_spurious(gold_by_name: dict[str, set[str]], analysis) -> None:
    """Gold characters no predicted name matches, then predicted characters matching no gold character."""
    predicted = predicted_names(analysis)
    for name, forms in gold_by_name.items():
        if not forms & predicted:
            print(f"  MISSED character {name!r} forms={sorted(forms)}")
    gold_forms = set().union(*gold_by_name.values()) if gold_by_name else set()
    spurious = sorted(
        character.name
        for character in analysis.characters
        if not ({normalise(character.name)} | {normalise(a) for a in character.aliases}) & gold_forms
    )
    if spurious:
        print(f"  SPURIOUS {spurious}")


def print_errors(doc: dict, analysis) -> None:
    """Missed and spurious names, then each wrongly attributed quote with its tag text around it."""
    aliases_of = {c["name"]: {normalise(c["name"])} | {normalise(a) for a in c["aliases"]} for c in doc["characters"]}
    print_missed_and_spurious(aliases_of, analysis)
    text = doc["text"]
    by_span = {(quote.start, quote.end): quote for quote in analysis.quotes}
    for gold in doc["quotes"]:
        if gold["speaker"] is None:
            continue
        match = by_span.get((gold["start"], gold["end"])) or _most_overlapping(
            analysis.quotes, gold["start"], gold["end"]
        )
        said = match.speaker if match else "<no quote>"
        if said is not None and normalise(said) in aliases_of.get(gold["speaker"], set()):
            continue
        before = text[max(0, gold["start"] - 120) : gold["start"]].replace("\n", " / ")
        quoted = text[gold["start"] : gold["end"]].replace("\n", " / ")
        after = text[gold["end"] : gold["end"] + 120].replace("\n", " / ")
        if len(quoted) > 160:
            quoted = quoted[:70] + " ... " + quoted[-70:]
        print(f"  @{gold['start']} gold={gold['speaker']!r} predicted={said!r}")
        print(f"      ...{before}[[{quoted}]]{after}...")


def run_corpora(
    analyzer, corpora: Path, lang: str | None = None, half: str | None = None, ids=None, errors: bool = False
) -> dict[str, list[str]]:
    pooled = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    texts = defaultdict(list)
    for path in sorted(corpora.glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not selected(doc, lang, half, ids):
            continue
        analysis = analyzer.analyze(doc["text"])
        if analysis.lang != doc["lang"]:
            print(f"{doc['id']}: language detected as {analysis.lang}, labelled {doc['lang']}")
        counts = score_document(doc, analysis)
        print(format_counts(doc["id"], counts))
        if errors:
            print_errors(doc, analysis)
        for key, value in counts.items():
            pooled[doc["lang"]][key] += value
        texts[doc["lang"]].append(doc["text"])
    print()
    for lang, counts in sorted(pooled.items()):
        print(format_counts(f"POOLED {lang}", counts))
    return texts


def run_stories(analyzer, stories: Path, lang: str | None = None, errors: bool = False) -> None:
    """Each labelled story of one folder, then that folder's figures pooled per language."""
    print()
    pooled = defaultdict(
        lambda: dict.fromkeys(("gold", "recalled", "predicted", "precise", "turns", "expected", "right"), 0)
    )
    for labels_path in sorted(stories.glob("*.labels.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        text = (stories / labels["story"]).read_text(encoding="utf-8")
        analysis = analyzer.analyze(text)
        story_lang = labels.get("language") or analysis.lang
        if lang and story_lang != lang:
            continue
        predicted = predicted_names(analysis)
        gold = [{normalise(c["name"])} | {normalise(a) for a in c.get("aliases", [])} for c in labels["characters"]]
        recalled = sum(bool(forms & predicted) for forms in gold)
        precise = sum(any(name in forms for forms in gold) for name in predicted)
        turns = speech_turns(text, analysis.quotes)
        expected = labels.get("speakers_in_order", [])
        gold_by_name = {c["name"]: forms for c, forms in zip(labels["characters"], gold, strict=True)}
        right = sum(turn_matches(turn, want, gold_by_name) for turn, want in zip(turns, expected, strict=False))
        print(
            f"story {labels['story']:<24} chars R {ratio(recalled, len(gold))} P {ratio(precise, len(predicted))} | "
            f"turns {len(turns)}/{len(expected)} | speakers in order {ratio(right, len(expected))}"
        )
        if errors:
            print_story_errors(labels, analysis, text, gold_by_name)
        counts = pooled[story_lang]
        for key, value in (
            ("gold", len(gold)),
            ("recalled", recalled),
            ("predicted", len(predicted)),
            ("precise", precise),
            ("turns", len(turns)),
            ("expected", len(expected)),
            ("right", right),
        ):
            counts[key] += value
    folder = "/".join(stories.resolve().parts[-2:])
    for story_lang, counts in sorted(pooled.items()):
        print(
            f"{f'POOLED {folder} {story_lang}':<24} chars R {ratio(counts['recalled'], counts['gold'])} "
            f"P {ratio(counts['precise'], counts['predicted'])} "
            f"({counts['gold']} gold, {counts['predicted']} predicted names) | "
            f"turns {counts['turns']}/{counts['expected']} | "
            f"speakers in order {ratio(counts['right'], counts['expected'])} ({counts['expected']})"
        )


def turn_matches(turn: str | None, want: str | None, gold_by_name: dict[str, set[str]]) -> bool:
    """A turn labelled `null` (a group, several people at once) is right when it is given to no one of the
    labelled characters: no speaker, or the group as the analyzer names it ("the soldiers", 아이들)."""
    if want is None:
        return turn is None or not any(normalise(turn) in forms for forms in gold_by_name.values())
    return turn is not None and normalise(turn) in gold_by_name.get(want, {normalise(want)})


def speech_turns(text: str, quotes) -> list[str | None]:
    """Quotes in one paragraph with one speaker make one turn, as the story labels count them."""
    return [quote.speaker for quote in speech_turn_quotes(text, quotes)]


def speech_turn_quotes(text: str, quotes) -> list:
    """The first quote of each speech turn."""
    turns = []
    previous = None
    for quote in quotes:
        if quote.nested:
            continue
        same_paragraph = previous is not None and "\n\n" not in text[previous.end : quote.start]
        if not (same_paragraph and previous.speaker == quote.speaker):
            turns.append(quote)
        previous = quote
    return turns


def print_story_errors(labels: dict, analysis, text: str, gold_by_name: dict[str, set[str]]) -> None:
    """Missed and spurious names, then each turn whose speaker differs from the label at that position."""
    print_missed_and_spurious(gold_by_name, analysis)
    for quote, want in zip(
        speech_turn_quotes(text, analysis.quotes), labels.get("speakers_in_order", []), strict=False
    ):
        if turn_matches(quote.speaker, want, gold_by_name):
            continue
        before = text[max(0, quote.start - 80) : quote.start].replace("\n", " / ")
        after = text[quote.end : quote.end + 80].replace("\n", " / ")
        print(f"  @{quote.start} gold={want!r} predicted={quote.speaker!r}")
        print(f"      ...{before}[[{text[quote.start : quote.end]}]]{after}...")


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
    parser.add_argument(
        "--stories",
        type=Path,
        nargs="+",
        default=[REPO.parent / "shared" / "stories", REPO / "bench" / "stories"],
        help="folders of labelled stories (NAME.md + NAME.labels.json)",
    )
    parser.add_argument("--lang", choices=("en", "ko"), help="only the documents and stories of this language")
    parser.add_argument("--half", choices=("even", "odd"), help="only the documents whose id number is even/odd")
    parser.add_argument("--doc", nargs="+", metavar="ID", help="only these document ids (e.g. litbank-2005)")
    parser.add_argument("--errors", action="store_true", help="print missed names and wrong speakers per document")
    parser.add_argument("--no-stories", action="store_true", help="skip the sample stories")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sys.path.insert(0, str(REPO))
    from characters.analysis import Analyzer

    analyzer = Analyzer()
    texts = run_corpora(analyzer, args.corpora, args.lang, args.half, args.doc, args.errors)
    if not args.no_stories:
        for folder in args.stories:
            run_stories(analyzer, folder, args.lang, args.errors)
    if not args.no_speed:
        run_speed(analyzer, texts)


if __name__ == "__main__":
    main()
