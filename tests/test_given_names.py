"""The census lists of given names behind the person rules of the recogniser."""

from __future__ import annotations

from corridormap.given_names import given_names


def test_given_names_hold_both_census_lists_in_lower_case() -> None:
    names = given_names()
    assert {"brian", "victoria", "james", "mary"} <= names
    assert len(names) > 5000
    assert all(name == name.lower() and " " not in name for name in names)


def test_words_that_are_no_given_names_are_not_listed() -> None:
    assert not {"tampa", "said", "the", "department"} & given_names()
