"""Honorifics inside a name span come off whatever order the lexicon is read in."""

from __future__ import annotations

import itertools

import pytest

from kg.extract.mentions import strip_honorifics

HONORIFICS = ("rt", "rev", "the right honourable", "mr", "dr")


@pytest.mark.parametrize(("written", "name"), [
    ("Rt Rev Ilse Marchetti", "Ilse Marchetti"),
    ("The Right Honourable Omar Vale", "Omar Vale"),
    ("Mr. Tomas Reyes", "Tomas Reyes"),
    ("Dr Rev", "Rev"),  # a name is never stripped to nothing
    ("Revere Holt", "Revere Holt"),  # an honorific is a whole word
])
def test_every_leading_honorific_comes_off_in_any_order(written: str, name: str) -> None:
    for order in itertools.permutations(HONORIFICS):
        assert strip_honorifics(written, frozenset(order)) == name
