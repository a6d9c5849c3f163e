"""The rule-based strategies of the offline provider: deterministic, no network, English and Korean."""
