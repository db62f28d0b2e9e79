"""Dates as texts write them: the order of day and month in figures."""

import datetime as dt

import pytest
from ingest.dates import date_value, match_date, month_first, month_first_in
from ingest.model import DateValue, RawText
from ingest.plaintext import PARIS, parse_plain_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted 05/04/2023 at 6:30 pm. Updated 05/14/2023", True),  # 14 cannot be a month
        ("Publié le 05/04/2023 à 10h05", False),  # ambiguous: day first, as French writes it
        ("Le 13/05/2023, puis le 05/04/2023", False),
        ("Updated 05/14/2023 and 13/05/2023", False),  # contradictory: day first
        ("No date at all", False),
    ],
)
def test_month_first_in(text, expected):
    assert month_first_in(text) is expected


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("05/04/2023", dt.date(2023, 5, 4)),
        ("4 May 2023", dt.date(2023, 5, 4)),  # words never swap
    ],
)
def test_month_first_swaps_only_figures(written, day):
    assert date_value(month_first(match_date(written))).when.date() == day


def test_a_us_wire_dateline_is_read_month_first():
    text = (
        "Posted 05/04/2023 at 6:30 pm\n\n"
        "The company said the aircraft will begin its tour a week late, on 05/14/2023.\n\n"
        "Airbus says the A380 will cut operating costs.\n"
    )
    parsed = parse_plain_text(RawText("seeds/us.txt", text, "text", "utf-8", ""), tz=PARIS)
    assert parsed.date.value == DateValue(dt.datetime(2023, 5, 4, 18, 30, tzinfo=PARIS), "minute")
    assert parsed.date.how == "dateline (month first, as the text's other dates)"


def test_a_french_dateline_with_a_time_keeps_the_time():
    text = "Publié le 13 septembre 2023 à 10h05\n\nLe président a parlé.\n\nIl a dit oui.\n"
    parsed = parse_plain_text(RawText("seeds/fr.txt", text, "text", "utf-8", ""), tz=PARIS)
    assert parsed.date.value == DateValue(dt.datetime(2023, 9, 13, 10, 5, tzinfo=PARIS), "minute")
    assert parsed.date.how == "dateline"
