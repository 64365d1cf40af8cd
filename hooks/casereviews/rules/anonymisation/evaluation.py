"""Measuring the check: recall and false alarms of each rule over a labelled corpus of sentences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .checker import RULES, Checker
from .text import TextUnit

ALL = "all"
#: The never-publish list the labelled corpus is measured with (its listed-name sentences use them).
CORPUS_LISTED_NAMES = ("Jayden Exampleton", "Maisie Samplewood")


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence, the rule that should flag it (None: an ordinary sentence), and why it is there."""

    text: str
    expected_rule: str | None
    note: str = ""


@dataclass
class RuleScore:
    """How one rule (or all rules, under 'all') did over a corpus.

    true_positives and false_negatives count the sentences that expect this rule; false_alarms
    counts the ordinary sentences this rule flagged, out of ordinary_total.
    """

    true_positives: int = 0
    false_negatives: int = 0
    false_alarms: int = 0
    ordinary_total: int = 0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.ordinary_total if self.ordinary_total else 0.0


def evaluate(checker: Checker, corpus: Iterable[LabelledSentence]) -> dict[str, RuleScore]:
    """Scores per rule, plus 'all': an identifying sentence counts once, found if its rule fired;
    an ordinary sentence is a false alarm (under 'all') if any rule fired on it."""
    sentences = list(corpus)
    units = [TextUnit(f"corpus[{index}]", None, sentence.text, index) for index, sentence in enumerate(sentences)]
    fired: dict[int, set[str]] = {index: set() for index in range(len(sentences))}
    for finding in checker.check(units):
        fired[finding.line].add(finding.rule)
    ordinary = sum(1 for sentence in sentences if sentence.expected_rule is None)
    scores = {name: RuleScore(ordinary_total=ordinary) for name in [*RULES, ALL]}
    for index, sentence in enumerate(sentences):
        rules = fired[index]
        if sentence.expected_rule is None:
            for rule in rules:
                scores[rule].false_alarms += 1
            scores[ALL].false_alarms += bool(rules)
            continue
        hit = sentence.expected_rule in rules
        for name in (sentence.expected_rule, ALL):
            if hit:
                scores[name].true_positives += 1
            else:
                scores[name].false_negatives += 1
    return scores


def load_corpus(path: Path) -> list[LabelledSentence]:
    """Sentences from a YAML list of {text, rule, note} entries (rule: null for an ordinary sentence)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = []
    for entry in entries:
        rule = entry.get("rule")
        if rule is not None and rule not in RULES:
            raise ValueError(f"{path}: unknown rule {rule!r} for {entry['text']!r}")
        corpus.append(LabelledSentence(" ".join(entry["text"].split()), rule, entry.get("note", "")))
    return corpus


def misses(checker: Checker, corpus: Iterable[LabelledSentence]) -> list[tuple[LabelledSentence, list[str]]]:
    """The sentences the check got wrong, with the findings it made on each (for reading, not scoring)."""
    wrong = []
    for sentence in corpus:
        found = checker.check([TextUnit("corpus", None, sentence.text, 1)])
        rules = {finding.rule for finding in found}
        if (sentence.expected_rule is None and rules) or (
            sentence.expected_rule is not None and sentence.expected_rule not in rules
        ):
            wrong.append((sentence, [f"{finding.rule}: {finding.text}" for finding in found]))
    return wrong


def score_table(scores: dict[str, RuleScore], found: dict[str, int] | None = None) -> list[str]:
    """The figures of each rule as text lines: recall, false alarms, and findings in the content."""
    lines = [
        f"{'rule':<28} {'recall':>14} {'false alarms':>14}" + (f" {'in content':>11}" if found is not None else "")
    ]
    for name, score in scores.items():
        expected = score.true_positives + score.false_negatives
        recall = f"{score.true_positives}/{expected} {score.recall:5.0%}"
        alarms = f"{score.false_alarms}/{score.ordinary_total} {score.false_alarm_rate:4.0%}"
        count = "" if found is None else f" {found.get(name, sum(found.values()) if name == ALL else 0):>11}"
        lines.append(f"{name:<28} {recall:>14} {alarms:>14}{count}")
    return lines
