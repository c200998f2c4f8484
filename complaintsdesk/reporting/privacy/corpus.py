"""Measure the checker on a corpus of labelled sentences: recall per kind, false refusals.

Shared by the test that holds the line (tests/reporting_docs/test_privacy_corpus.py) and the
benchmark that prints the figures (bench/privacy_bench.py). A corpus is a tab-separated file:
group, kind, planted, sentence (see tests/reporting_docs/privacy_corpus.tsv).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from complaintsdesk.reporting.privacy import Finding, text_findings

CLEAN = "clean"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Sentence:
    group: str  # "clean", a kind of personal data, or "unicode"
    kind: str  # the finding kind that must be reported ("-" when clean)
    planted: str  # the words that finding must cover ("-" when clean)
    text: str


@dataclass
class Score:
    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    clean: int = 0
    misses: list[tuple[Sentence, list[Finding]]] = field(default_factory=list)
    false_refusals: list[tuple[Sentence, list[Finding]]] = field(default_factory=list)

    def recall(self, group: str) -> float:
        return self.caught[group] / self.planted[group]

    @property
    def false_refusal_rate(self) -> float:
        return len(self.false_refusals) / self.clean if self.clean else 0.0


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def read_corpus(path: Path) -> list[Sentence]:
    lines = [s for s in path.read_text(encoding="utf-8").splitlines() if not s.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        Sentence(r["group"], r["kind"], _unescape(r["planted"]), _unescape(r["sentence"]))
        for r in rows
    ]


def caught(sentence: Sentence, findings: list[Finding]) -> bool:
    """A finding of the planted kind overlaps the planted words."""
    start = sentence.text.find(sentence.planted)
    if start < 0:
        raise ValueError(f"planted words not in the sentence: {sentence.text!r}")
    end = start + len(sentence.planted)
    return any(f.kind == sentence.kind and f.start < end and f.end > start for f in findings)


def score(sentences: list[Sentence]) -> Score:
    result = Score()
    for s in sentences:
        findings = text_findings(s.text)
        if s.group == CLEAN:
            result.clean += 1
            if findings:
                result.false_refusals.append((s, findings))
            continue
        result.planted[s.group] += 1
        if caught(s, findings):
            result.caught[s.group] += 1
        else:
            result.misses.append((s, findings))
    return result
