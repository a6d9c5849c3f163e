"""Quality rules of a planned scene (DESIGN.md section 3), measured on its panel semantics."""

from __future__ import annotations

from artifacts.pipeline.rules.lexicon import words

CLOSE = {"close_up", "extreme_close_up"}
LIMITS = {
    "dialogue_ratio": 0.6,
    "narration_ratio": 0.35,
    "silent_ratio": 0.15,
    "words_per_panel": 25,
    "words_per_line": 15,
    "close_up_ratio": 0.5,
}


def qc_report(semantics: dict, *, enforced: bool) -> dict:
    panels = semantics["panels"]
    count = max(len(panels), 1)
    issues = []

    def issue(rule: str, message: str, severity: str = "warning", panel_index=None):
        issues.append({"rule": rule, "severity": severity, "message": message, "panel_index": panel_index})

    with_dialogue = sum(1 for panel in panels if panel["dialogue"])
    with_narration = sum(1 for panel in panels if panel["narration"])
    silent = sum(1 for panel in panels if not panel["dialogue"] and not panel["narration"])
    close = sum(1 for panel in panels if panel["framing"] in CLOSE)
    metrics = {
        "panels": len(panels),
        "dialogue_ratio": round(with_dialogue / count, 3),
        "narration_ratio": round(with_narration / count, 3),
        "silent_ratio": round(silent / count, 3),
        "close_up_ratio": round(close / count, 3),
        "max_words_per_panel": 0,
        "max_words_per_line": 0,
    }
    if metrics["dialogue_ratio"] > LIMITS["dialogue_ratio"]:
        issue("dialogue_ratio", f"{with_dialogue} of {len(panels)} panels carry dialogue (limit 60%).")
    if metrics["narration_ratio"] > LIMITS["narration_ratio"]:
        issue("narration_ratio", f"{with_narration} of {len(panels)} panels carry narration (limit 35%).")
    if metrics["silent_ratio"] < LIMITS["silent_ratio"]:
        issue("silent_panels", f"only {silent} of {len(panels)} panels are silent (at least 15%).")
    if metrics["close_up_ratio"] > LIMITS["close_up_ratio"]:
        issue("close_up_ratio", f"{close} of {len(panels)} panels are close-ups (limit 50%).")
    for panel in panels:
        lines = [line["text"] for line in panel["dialogue"]] + ([panel["narration"]] if panel["narration"] else [])
        total = sum(len(words(line)) for line in lines)
        longest = max((len(words(line)) for line in lines), default=0)
        metrics["max_words_per_panel"] = max(metrics["max_words_per_panel"], total)
        metrics["max_words_per_line"] = max(metrics["max_words_per_line"], longest)
        if total > LIMITS["words_per_panel"]:
            issue("words_per_panel", f"{total} words in the panel (limit 25).", panel_index=panel["panel_index"])
        if longest > LIMITS["words_per_line"]:
            issue("words_per_line", f"a line of {longest} words (limit 15).", panel_index=panel["panel_index"])
        if panel["shot"] == "establishing" and not panel["environment"].strip():
            issue(
                "establishing_environment", "an establishing shot shows no environment.", "error", panel["panel_index"]
            )
    for index in range(2, len(panels)):
        if panels[index]["framing"] == panels[index - 1]["framing"] == panels[index - 2]["framing"]:
            issue("repeated_framing", f"three {panels[index]['framing']} panels in a row.", panel_index=index)
    # Advisory by default: the report says what failed; only an enforcing run stops on it.
    if enforced:
        for item in issues:
            item["severity"] = "error"
    return {"passed": not issues, "enforced": enforced, "metrics": metrics, "issues": issues}
