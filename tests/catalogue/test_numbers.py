"""Numbers and dates as Dutch and English readers write them."""

from __future__ import annotations

import datetime as dt

from catalogue import numbers


def test_dutch_writes_a_decimal_comma_and_thousands_dots() -> None:
    assert numbers.number(30.0, "nl", 1, sign=True) == "+30,0"
    assert numbers.number(30.0, "en", 1, sign=True) == "+30.0"
    assert numbers.number(-2.25, "nl", 1, sign=True) == "−2,2"
    assert numbers.number(0.0, "nl", 1, sign=True) == "0,0"
    assert numbers.number(1234567.891, "nl", 2) == "1.234.567,89"
    assert numbers.number(1234567.891, "en", 2) == "1,234,567.89"
    assert numbers.number(-0.04, "nl", 1) == "0,0", "no minus before a number that shows as zero"
    assert numbers.km(0.4, "nl") == "0,4 km"
    assert numbers.km(0.4, "en") == "0.4 km"


def test_dates_in_words_and_in_figures() -> None:
    day = dt.date(2026, 12, 7)
    assert numbers.date(day, "nl") == "7 december 2026"
    assert numbers.date(day, "en") == "7 December 2026"
    assert numbers.date(day, "nl", short=True) == "07-12-2026"
    assert numbers.date(day, "en", short=True) == "07/12/2026"
    assert numbers.date_time(dt.datetime(2026, 3, 1, 9, 5), "nl") == "1 maart 2026 09:05"
