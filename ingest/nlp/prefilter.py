"""Literal pre-checks for the rule regexes: skip a regex whose required words are absent.

Most rule patterns can only match where one of a few literal words occurs ("gang", "breach",
"last month"), but the regex engine still tries them at every position of the text; patterns
that open with ``\\s+`` or a capitalised-name group are the costliest. :class:`LiteralGate`
derives, from each compiled pattern's own syntax tree, sets of literal strings of which at
least one must occur in any text the pattern matches (a conjunction of such sets), and checks
them once per document against the lower-cased text. A pattern that cannot match is skipped;
every other pattern runs unchanged, so results are identical to running them all.

Soundness: the derivation only keeps strings that every match must contain (lower-cased,
whatever the pattern's case flags). Lower-casing the text keeps every such string except
around characters whose case mapping differs from the regex engine's case-insensitive matching
(``ſ``, ``ı``, ``İ``, ``µ``…); a text containing one of those runs every pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import product
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_MAX_SET = 64  # literal alternatives kept per clause
_MIN_LEN = 1  # a clause holding the empty string is always true
_SPARSE = 16  # anchored search while the candidate starts are fewer than 1 per 16 characters


def _odd_class() -> re.Pattern[str]:
    """Characters where ``str.lower`` and the regex engine's case-insensitive matching may
    disagree: a lower case of several characters or unlike their upper case's lower case
    (``ſ``, ``ı``, ``İ``, ``µ``…), the capital sigma (its lower case depends on the context),
    and everything outside the Basic Multilingual Plane."""
    odd = [0x3A3]
    for i in range(0x80, 0x10000):
        c = chr(i)
        low = c.lower()
        if len(low) != 1 or low != c.upper().lower():
            odd.append(i)
    odd.sort()
    ranges: list[list[int]] = []
    for i in odd:
        if ranges and ranges[-1][1] == i - 1:
            ranges[-1][1] = i
        else:
            ranges.append([i, i])
    body = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[{body}\\U00010000-\\U0010ffff]")


_ODD = _odd_class()

Strings = frozenset[str]


def _exact(items: Sequence[tuple[Any, Any]]) -> Strings | None:
    """The finite set of (lower-cased) strings a sequence can match, or None."""
    out: set[str] = {""}
    for item in items:
        part = _exact_item(item)
        if part is None:
            return None
        out = {a + b for a, b in product(out, part)}
        if len(out) > _MAX_SET:
            return None
    return frozenset(out)


def _exact_item(item: tuple[Any, Any]) -> Strings | None:
    op, av = item
    if op is C.LITERAL:
        return None if _ODD.match(chr(av)) else frozenset({chr(av).lower()})
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset({""})  # zero-width
    if op is C.IN:
        chars: set[str] = set()
        for sop, sav in av:
            if sop is C.LITERAL:
                chars.add(chr(sav))
            elif sop is C.RANGE and sav[1] - sav[0] < 8:
                chars.update(chr(x) for x in range(sav[0], sav[1] + 1))
            else:
                return None
        if any(_ODD.match(c) for c in chars):
            return None  # (a pattern's own odd characters are not pre-checked)
        chars = {c.lower() for c in chars}
        return frozenset(chars) if len(chars) <= 8 else None
    if op is C.SUBPATTERN:
        return _exact(av[-1])
    if op is C.BRANCH:
        alts: set[str] = set()
        for alt in av[1]:
            sub = _exact(alt)
            if sub is None:
                return None
            alts |= sub
        return frozenset(alts) if len(alts) <= _MAX_SET else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] <= 2:
        body = _exact(av[2])
        if body is None:
            return None
        reps: set[str] = set()
        for n in range(av[0], av[1] + 1):
            reps |= {"".join(p) for p in product(body, repeat=n)}
        return frozenset(reps) if len(reps) <= _MAX_SET else None
    return None


def _clauses(items: Sequence[tuple[Any, Any]]) -> list[Strings]:
    """Sets of strings such that every match contains at least one string of each set."""
    out: list[Strings] = []
    run: Strings | None = frozenset({""})
    for item in items:
        part = _exact_item(item)
        if part is not None and run is not None:
            joined = frozenset(a + b for a, b in product(run, part))
            if len(joined) <= _MAX_SET:
                run = joined
                continue
        if run is not None:
            out.append(run)
        run = part
        if part is None:
            out.extend(_item_clauses(item))
    if run is not None:
        out.append(run)
    return [c for c in out if c and min(len(s) for s in c) >= _MIN_LEN]


def _item_clauses(item: tuple[Any, Any]) -> list[Strings]:
    op, av = item
    if op in (C.SUBPATTERN, C.ATOMIC_GROUP):
        return _clauses(av[-1] if op is C.SUBPATTERN else av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _clauses(av[2])
    if op is C.ASSERT:  # a positive look-around matches inside the text too
        return _clauses(av[1])
    if op is C.BRANCH:
        # one clause every alternative implies: the union of each one's best clause
        union: set[str] = set()
        for alt in av[1]:
            best = _best(_clauses(alt))
            if best is None:
                return []
            union |= best
        return [frozenset(union)] if len(union) <= _MAX_SET * 4 else []
    return []


def _best(clauses: list[Strings]) -> Strings | None:
    if not clauses:
        return None
    return max(clauses, key=lambda c: (min(len(s) for s in c), -len(c)))


def required_literals(rx: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """The clauses of ``rx``: each match contains one string of every clause (lower-cased).
    A string holding another string of its clause is dropped (the shorter one is enough)."""
    out: dict[tuple[str, ...], None] = {}
    for clause in _clauses(_parser.parse(rx.pattern, rx.flags).data):
        kept = [s for s in clause if not any(t != s and t in s for t in clause)]
        out[tuple(sorted(kept))] = None
    return tuple(out)


def _starts(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    """Non-empty strings one of which every match of the sequence begins with, or None."""
    run: set[str] = {""}
    k = 0
    while k < len(items):
        part = _exact_item(items[k])
        if part is None:
            break
        joined = {a + b for a, b in product(run, part)}
        if len(joined) > _MAX_SET:
            break
        run = joined
        k += 1
    done = {r for r in run if r}
    if "" not in run:
        return done
    if k == len(items):
        return None  # the whole sequence may match the empty string
    op, av = items[k]
    sub: set[str] | None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
        body, rest = _starts(av[2]), _starts(items[k + 1 :])
        sub = None if body is None or rest is None else body | rest
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        sub = _starts(av[2])
    elif op is C.SUBPATTERN:
        sub = _starts(av[-1])
    elif op is C.BRANCH:
        sub = set()
        for alt in av[1]:
            alt_starts = _starts(alt)
            if alt_starts is None:
                return None
            sub |= alt_starts
    else:
        return None
    return None if sub is None else done | sub


def start_literals(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings (lower-cased, at least 2 characters) one of which every match of ``rx`` begins
    with; None when there are none or when ``rx`` can match the empty string."""
    tree = _parser.parse(rx.pattern, rx.flags)
    if tree.getwidth()[0] == 0:
        return None
    starts = _starts(tree.data)
    if not starts or min(len(x) for x in starts) < 2:
        return None
    # a string that begins with another one is implied by it
    return tuple(sorted(x for x in starts if not any(y != x and x.startswith(y) for y in starts)))


class LiteralGate:
    """The literal pre-checks of a set of patterns (see the module docstring)."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self._patterns = tuple(patterns)
        # keyed by id: hashing a compiled pattern hashes its whole program, on every lookup
        self._info = {id(rx): (required_literals(rx), start_literals(rx)) for rx in self._patterns}

    def finditer(self, rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """The matches of ``rx.finditer(text)``: none when a required string is missing; when
        every match begins with one of a few strings, ``rx`` is tried only where they occur."""
        low = _lowered(text)
        info = self._info.get(id(rx))
        if low is None or info is None:
            return rx.finditer(text)
        clauses, starts = info
        for clause in clauses:
            for needle in clause:
                if needle in low:
                    break
            else:
                return iter(())
        if starts is None:
            return rx.finditer(text)
        return _anchored(rx, text, low, starts)


def _anchored(
    rx: re.Pattern[str], text: str, low: str, starts: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` trying only the positions where one of ``starts`` begins (``low``
    is ``text`` lower-cased, same length). ``rx.match(text, p)`` sees the text before ``p``,
    so look-behinds and ``\\b`` behave as in a scan; ``rx`` never matches the empty string."""
    found: set[int] = set()
    limit = len(low) // _SPARSE
    for start in starts:
        p = low.find(start)
        while p != -1:
            found.add(p)
            p = low.find(start, p + 1)
        if len(found) > limit:  # too many places to try one by one: let the engine scan
            yield from rx.finditer(text)
            return
    pos = 0
    for p in sorted(found):
        if p < pos:
            continue
        m = rx.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def _lowered(text: str) -> str | None:
    """``text`` lower-cased, or None when it holds a character where ``str.lower`` and the
    regex engine's case-insensitive matching may disagree."""
    global _LAST
    last_text, low = _LAST
    if text is last_text:
        return low
    low = text.lower() if text.isascii() or _ODD.search(text) is None else None
    _LAST = (text, low)
    return low


_LAST: tuple[str, str | None] = ("", None)
