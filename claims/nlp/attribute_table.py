"""spaCy's attribute ruler as array operations: the same rules and the same result in a fraction of the time.

The English pipelines' `attribute_ruler` runs a Matcher of some 180 one- and two-token patterns (the tag map
and its exceptions: "gonna", "ain't", "n't", auxiliaries by dependency…) over every token, which took about 8 % of
the whole parse on news text (2.1 s of some 27 s for 200 articles; this table takes 0.4 s). Those patterns only compare a token's TAG, LOWER, DEP and IS_SPACE with
a value, a list (IN, NOT_IN) or a regular expression, so each compiles to a boolean mask over the doc's
columns. As in the ruler, every rule is matched on the doc as it came in and the rules are applied in their
order, a later one overriding an earlier one; the values written are the ruler's own. `replace` swaps the
component in only when every pattern compiles, so a model with other patterns keeps spaCy's ruler.
`tests/nlp/test_attribute_table.py` compares every token with the stock ruler's output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

NAME = "attribute_ruler"
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # what a pattern may test, as doc.to_array columns
_SEEN_MAX = 20_000
_WRITTEN = (POS, MORPH, LEMMA)  # set in one from_array call; TAG and DEP (rare: whitespace tokens) one by one


class UnsupportedPatternError(ValueError):
    """A pattern this table cannot express (another model's ruler): keep spaCy's."""


@dataclass(frozen=True)
class _Test:
    """One attribute of one token of a pattern: equal to a value, in or not in a set, or matching a regex."""

    column: int
    values: frozenset[int]  # hashes (strings) or 0/1 (IS_SPACE)
    negate: bool = False
    regex: re.Pattern[str] | None = None
    _seen: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)  # regex verdict per string

    def _matches(self, value: int, vocab: Vocab) -> bool:
        """The regex's verdict on one string, kept (a doc's words recur across docs)."""
        verdict = self._seen.get(value)
        if verdict is None:
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()  # bounded: a worker meets new words all its life
            verdict = self._seen[value] = self.regex is not None and self.regex.search(vocab.strings[value]) is not None
        return verdict

    def possible(self, present: Sequence[set[int]]) -> bool:
        """Whether any token of the doc can pass (present: the values each column holds in it)."""
        return self.negate or self.regex is not None or not self.values.isdisjoint(present[self.column])

    def mask(self, columns: NDArray[np.uint64], vocab: Vocab) -> NDArray[np.bool_]:
        col = columns[:, self.column]
        if self.regex is not None:
            hits = [h for h in np.unique(col).tolist() if self._matches(h, vocab)]
            return np.isin(col, hits)
        found = col == next(iter(self.values)) if len(self.values) == 1 else np.isin(col, list(self.values))
        return ~found if self.negate else found


@dataclass(frozen=True)
class _Rule:
    """One ruler entry: its patterns (alternatives, each a sequence of token tests), the matched token to
    change (index into the match, negative from its end) and the attribute values to write."""

    patterns: tuple[tuple[tuple[_Test, ...], ...], ...]
    index: int
    attrs: dict[int, int]

    def targets(self, columns: NDArray[np.uint64], present: Sequence[set[int]], vocab: Vocab) -> NDArray[np.bool_]:
        """Which tokens this rule writes to (present: the values each column holds in the doc, so that a rule
        for a word or tag the doc lacks costs a set lookup)."""
        n = len(columns)
        out = np.zeros(n, dtype=bool)
        for pattern in self.patterns:
            length = len(pattern)
            if length > n or not all(test.possible(present) for tests in pattern for test in tests):
                continue
            starts = np.ones(n - length + 1, dtype=bool)
            for offset, tests in enumerate(pattern):
                for test in tests:
                    starts &= test.mask(columns, vocab)[offset : offset + n - length + 1]
            shift = self.index if self.index >= 0 else length + self.index
            out[np.flatnonzero(starts) + shift] = True
        return out


def _test(vocab: Vocab, attr: str, spec: Any) -> _Test:
    if attr not in _COLUMNS:
        raise UnsupportedPatternError(f"attribute {attr}")
    column = _COLUMNS[attr]

    def ids(values: Iterable[Any]) -> frozenset[int]:
        return frozenset(int(v) if isinstance(v, bool) else vocab.strings.add(v) for v in values)

    if not isinstance(spec, dict):
        return _Test(column, ids([spec]))
    if len(spec) != 1:
        raise UnsupportedPatternError(f"operators {sorted(spec)}")
    ((op, value),) = spec.items()
    if op == "IN":
        return _Test(column, ids(value))
    if op == "NOT_IN":
        return _Test(column, ids(value), negate=True)
    if op == "REGEX" and attr != "IS_SPACE":
        return _Test(column, frozenset(), regex=re.compile(value))
    raise UnsupportedPatternError(f"operator {op}")


def compile_rules(vocab: Vocab, entries: Sequence[dict[str, Any]], attrs: Sequence[dict[int, int]]) -> list[_Rule]:
    """The ruler's entries (its `patterns` property, in rule order) with its normalised attribute values."""
    rules = []
    for entry, values in zip(entries, attrs, strict=True):
        patterns = []
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or any("OP" in token for token in pattern):
                raise UnsupportedPatternError("a pattern with operators")
            patterns.append(tuple(tuple(_test(vocab, a, s) for a, s in token.items()) for token in pattern))
        if set(values) - {*_WRITTEN, TAG, DEP}:
            raise UnsupportedPatternError(f"writes {sorted(values)}")
        rules.append(_Rule(tuple(patterns), int(entry.get("index", 0)), dict(values)))
    return rules


class AttributeTable:
    """The pipeline component: the compiled rules applied to each doc."""

    def __init__(self, vocab: Vocab, rules: list[_Rule], patterns: list[dict[str, Any]] | None = None) -> None:
        self.vocab = vocab
        self.rules = rules
        self.patterns = patterns or []  # the ruler's entries the rules were compiled from, for comparison

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # spaCy types to_array's result loosely; for these attributes it is a uint64 array
        columns: NDArray[np.uint64] = doc.to_array([TAG, LOWER, DEP, IS_SPACE])  # type: ignore[assignment]
        written: NDArray[np.uint64] = doc.to_array(list(_WRITTEN))  # type: ignore[assignment]
        present = [set(np.unique(columns[:, c]).tolist()) for c in range(columns.shape[1])]
        singles: list[tuple[int, int, int]] = []  # (token, attribute, value) for TAG and DEP
        for rule in self.rules:
            hit = rule.targets(columns, present, self.vocab)
            if not hit.any():
                continue
            for attr, value in rule.attrs.items():
                if attr in _WRITTEN:
                    written[hit, _WRITTEN.index(attr)] = value
                else:
                    singles += [(int(i), attr, value) for i in np.flatnonzero(hit)]
        doc.from_array(list(_WRITTEN), written)  # type: ignore[arg-type]
        for i, attr, value in singles:
            if attr == TAG:
                doc[i].tag = value
            else:
                doc[i].dep = value
        return doc


def replace(nlp: Language) -> bool:
    """Put an AttributeTable (named "quotecheck_attributes") in place of the pipeline's attribute ruler when
    every pattern compiles; whether it did."""
    if NAME not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(NAME)
    try:
        rules = compile_rules(nlp.vocab, ruler.patterns, ruler.attrs)  # type: ignore[attr-defined]  # spaCy's ruler
    except UnsupportedPatternError:
        return False
    table = nlp.replace_pipe(NAME, "quotecheck_attributes")  # at the ruler's place in the pipeline
    nlp.rename_pipe(NAME, "quotecheck_attributes")
    table.rules, table.patterns = rules, ruler.patterns  # type: ignore[attr-defined]
    return True


@Language.factory("quotecheck_attributes")
def _factory(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp.vocab, [])
