"""Ratios taken round by round, and a table cell of their median with its spread.

Every table compares contenders that took turns within each round: a ratio is taken
within a round, where both ran under the same conditions, and the rounds' ratios are
summed up by their median and interquartile range.
"""

from __future__ import annotations

import statistics


def ratios_per_round(measures: dict[str, list[float]], baseline: str) -> dict[str, list[float]]:
    """Each contender's measure over ``baseline``'s in the same round, round by round."""
    return {
        name: [value / base for value, base in zip(values, measures[baseline], strict=True)]
        for name, values in measures.items()
    }


def with_spread(values: list[float], digits: int = 2) -> str:
    """The median of ``values`` and, in brackets, their interquartile range."""
    if len(values) == 1:  # one round: no spread to show
        return f"{values[0]:,.{digits}f} (one round)"
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return f"{median:,.{digits}f} ({q1:,.{digits}f}\N{EN DASH}{q3:,.{digits}f})"
