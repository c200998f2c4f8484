"""The published edition's personal-data check: recall per kind, false refusals, and speed.

    .venv/bin/python -m bench.privacy_bench [--corpus PATH ...] [--sentences 5000]

Recall is, per kind of planted personal data, the share of sentences where a finding of that
kind covers the planted words; the false-refusal rate is the share of clean sentences with any
finding (each would hold up publication). The goal is 100% and 0%. Speed: the check over
`--sentences` sentences drawn in turn from the corpus, as if over a report's free text
(CPU time, median of three runs). Pure Python: no database, no Django.

By default both corpora, each on its own: the main one the rules were built on, and the
held-out one written blind before the checker was read (tests/reporting_docs/
privacy_corpus_holdout.tsv), whose figures say how the rules carry to new wordings.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from complaintsdesk.reporting.privacy import text_findings
from complaintsdesk.reporting.privacy.corpus import CLEAN, read_corpus, score

CORPORA = Path(__file__).resolve().parent.parent / "tests/reporting_docs"
CORPUS = CORPORA / "privacy_corpus.tsv"
HOLDOUT = CORPORA / "privacy_corpus_holdout.tsv"


def _timed(texts: list[str]) -> float:
    """CPU seconds: the machine is shared, and wall time counts others' work too."""
    start = time.process_time()
    for text in texts:
        text_findings(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--sentences", type=int, default=5_000)
    args, _ = parser.parse_known_args()  # `python -m bench` passes every benchmark's options
    met = [_report(path, args.sentences) for path in args.corpus or (CORPUS, HOLDOUT)]
    print("goal met on every corpus" if all(met) else "goal missed")


def _report(path: Path, sentence_count: int) -> bool:
    """Print one corpus's figures; whether every item was caught and nothing clean refused."""
    sentences = read_corpus(path)
    result = score(sentences)
    print(f"corpus: {path.name}, {len(sentences)} sentences")
    print(f"{'kind':<16}{'planted':>8}{'caught':>8}{'recall':>9}")
    for group in sorted(result.planted):
        planted, caught = result.planted[group], result.caught[group]
        print(f"{group:<16}{planted:>8}{caught:>8}{result.recall(group):>9.1%}")
    total_planted, total_caught = sum(result.planted.values()), sum(result.caught.values())
    print(f"{'all':<16}{total_planted:>8}{total_caught:>8}{total_caught / total_planted:>9.1%}")
    refused = len(result.false_refusals)
    print(f"clean sentences: {result.clean}, refused: {refused} ({result.false_refusal_rate:.1%})")
    for s, findings in result.misses:
        print(f"  missed {s.group}: {s.text!r} (found {[(f.kind, f.text) for f in findings]})")
    for s, findings in result.false_refusals:
        print(f"  refused clean: {s.text!r} ({[(f.kind, f.text) for f in findings]})")

    texts = [sentences[i % len(sentences)].text for i in range(sentence_count)]
    text_findings(texts[0])  # the name lists are read once, on first use
    runs = [_timed(texts) for _ in range(3)]
    median = statistics.median(runs)
    chars = sum(len(t) for t in texts)
    print(
        f"speed: {len(texts)} sentences ({chars:,} characters) in {median * 1000:.0f} ms, "
        f"{median / len(texts) * 1e6:.0f} µs a sentence (CPU time, median of 3)"
    )
    goal = not result.misses and not refused and {s.group for s in sentences} >= {CLEAN}
    print(
        "goal met: every planted item caught, no clean sentence refused" if goal else "goal missed"
    )
    print()
    return goal


if __name__ == "__main__":
    main()
