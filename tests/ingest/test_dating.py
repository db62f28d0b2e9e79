import datetime as dt
import logging
import os
import subprocess
import zoneinfo

import pytest
from ingest import convert, dating
from ingest.dates import DateError, parse_date
from ingest.model import IngestError
from ingest.rawfile import read_raw

UTC = zoneinfo.ZoneInfo("UTC")
# Inference for articles whose entities are never asked for (the date fails first).
_NO_ENTITIES = convert.Inference(UTC, ("fr",), None, None, convert.EntityCache(None))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2016-03-04_mars.txt", dt.date(2016, 3, 4)),
        ("20160304-mars.txt", dt.date(2016, 3, 4)),
        (
            "2004-11-24_internal-emails-expose-boeing-air-force-contract-d.txt",
            dt.date(2004, 11, 24),
        ),
    ],
)
def test_date_from_file_name(tmp_path, name, expected):
    found = dating.date_from_file_name(tmp_path / name, name, UTC)
    assert found.value.when.date() == expected
    assert found.how == "file name"


@pytest.mark.parametrize("name", ["000_c3b89795a0f00579.txt", "article.txt", "2016.txt"])
def test_no_date_in_file_name(tmp_path, name):
    assert dating.date_from_file_name(tmp_path / name, name, UTC) is None


def test_a_file_name_date_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(IngestError) as error:
        dating.date_from_file_name(tmp_path / "2023-02-31_x.txt", "seeds/2023-02-31_x.txt", UTC)
    assert str(error.value) == (
        'seeds/2023-02-31_x.txt: file name starts with "2023-02-31", which is not a real day; '
        "rename the file or state the date in a sidecar"
    )


def git_in(folder):
    """``git(*args, date=...)`` run in ``folder`` with commits dated ``date``."""

    def git(*args, date):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(folder),
               "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@x", "GIT_COMMITTER_NAME": "E",
               "GIT_COMMITTER_EMAIL": "e@x", "PATH": "/usr/bin:/bin"}  # fmt: skip
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)

    return git


def test_date_from_git_is_the_first_commit_of_the_file(tmp_path):
    git = git_in(tmp_path)
    git("init", "-q", date="2020-01-01T00:00:00+00:00")
    raw = tmp_path / "a.txt"
    raw.write_text("one", encoding="utf-8")
    git("add", "a.txt", date="2021-05-06T10:00:00+00:00")
    git("commit", "-qm", "add", date="2021-05-06T10:00:00+00:00")
    raw.write_text("two", encoding="utf-8")
    git("commit", "-qam", "change", date="2022-01-01T00:00:00+00:00")
    found = dating.date_from_git(raw, UTC)
    assert found.value.when == dt.datetime(2021, 5, 6, 10, tzinfo=UTC)
    assert found.how == "git commit of the raw file"


def test_one_git_log_dates_every_file_of_the_seeds_folder_through_renames(tmp_path, monkeypatch):
    git = git_in(tmp_path)
    git("init", "-q", date="2020-01-01T00:00:00+00:00")
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "a.txt").write_text("one", encoding="utf-8")
    (seeds / 'sub/b "q" é.txt').write_text("two", encoding="utf-8")
    git("add", ".", date="2021-05-06T10:00:00+00:00")
    git("commit", "-qm", "add", date="2021-05-06T10:00:00+00:00")
    git("mv", "seeds/a.txt", "seeds/renamed.txt", date="2022-01-01T00:00:00+00:00")
    (seeds / "sub" / "c.txt").write_text("three", encoding="utf-8")
    git("add", ".", date="2022-01-01T00:00:00+00:00")
    git("commit", "-qm", "more", date="2022-01-01T00:00:00+00:00")
    (seeds / "never-committed.txt").write_text("four", encoding="utf-8")
    runs = []
    read = dating._git
    monkeypatch.setattr(dating, "_git", lambda *args: runs.append(args) or read(*args))

    history = dating.FirstCommits(seeds)
    names = ("renamed.txt", 'sub/b "q" é.txt', "sub/c.txt", "never-committed.txt")
    found = {name: dating.date_from_git(seeds / name, UTC, history) for name in names}
    assert {name: date and date.value.when.year for name, date in found.items()} == {
        "renamed.txt": 2021,  # first added as a.txt
        'sub/b "q" é.txt': 2021,
        "sub/c.txt": 2022,
        "never-committed.txt": None,
    }
    assert len(runs) == 2  # the repository's top folder, then one log for all the files


def test_no_git_date_outside_a_repository(tmp_path):
    raw = tmp_path / "a.txt"
    raw.write_text("x", encoding="utf-8")
    assert dating.date_from_git(raw, UTC) is None


def test_mtime_is_the_last_resort_and_said_to_be_a_guess(tmp_path, caplog):
    raw = tmp_path / "a.txt"
    raw.write_text("x", encoding="utf-8")
    import os

    os.utime(raw, (1_600_000_000, 1_600_000_000))
    with caplog.at_level(logging.INFO, logger="ingest.dating"):
        found = dating.date_from_mtime(raw, UTC, "seeds/a.txt")
    assert found.value.when == dt.datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC)
    assert found.how == "file modification time (a guess: nothing in or about the file dates it)"
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "seeds/a.txt: dated by file time: add `date:` to its sidecar")
    ]


# --- every article date lies in 1800..2200 ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0099-01-01",  # never the year 2099
        "0100-09-13",  # Pelican silently dropped such an article
        "9999-12-31",  # "demain" overflowed
        "1799-12-31",
        "1 janvier 2201",
    ],
)
def test_written_dates_outside_the_range_are_refused(text):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert str(error.value) == (
        f'date "{text}" is not between 1800-01-01 and 2200-12-31: check the year'
    )


def test_year_zero_is_not_a_day_never_the_year_2000():
    with pytest.raises(DateError) as error:
        parse_date("0000-01-01")
    assert str(error.value) == 'date "0000-01-01" is not a real day'


@pytest.mark.parametrize(
    ("text", "year"), [("1800-01-01", 1800), ("2200-12-31", 2200), ("13/09/23", 2023)]
)
def test_dates_at_the_ends_of_the_range_and_two_digit_years(text, year):
    assert parse_date(text).when.year == year


@pytest.mark.parametrize(
    ("name", "sidecar", "message"),
    [
        (
            "9999-12-31_x.txt",
            None,
            "seeds/9999-12-31_x.txt: date 9999-12-31 (from the file name) is not between "
            "1800-01-01 and 2200-12-31: check the year, or state the date in a sidecar "
            "(date: 2023-09-13)",
        ),
        (
            "0100-01-01_x.txt",
            None,
            "seeds/0100-01-01_x.txt: date 0100-01-01 (from the file name) is not between "
            "1800-01-01 and 2200-12-31: check the year, or state the date in a sidecar "
            "(date: 2023-09-13)",
        ),
        (
            "x.txt",
            "date: 9999-12-31\n",
            'seeds/x.yml:1: date "9999-12-31" is not between 1800-01-01 and 2200-12-31: check '
            "the year",
        ),
    ],
)
def test_article_dates_outside_the_range_are_errors(tmp_path, name, sidecar, message):
    raw_path = tmp_path / name
    raw_path.write_text("Le texte de l'article.\n", encoding="utf-8")
    if sidecar:
        raw_path.with_suffix(".yml").write_text(sidecar, encoding="utf-8")
    raw = read_raw(raw_path, f"seeds/{name}")
    with pytest.raises(IngestError) as error:
        parsed = convert.parse(raw, raw_path, UTC)
        convert.infer(raw, raw_path, parsed, _NO_ENTITIES)
    assert str(error.value) == message


def test_a_markdown_date_outside_the_range_names_its_line(tmp_path):
    raw_path = tmp_path / "x.md"
    raw_path.write_text("Title: Un titre\nDate: 31/12/9999\n\nLe texte.\n", encoding="utf-8")
    with pytest.raises(IngestError) as error:
        convert.parse(read_raw(raw_path, "seeds/x.md"), raw_path, UTC)
    assert str(error.value) == (
        'seeds/x.md:2: date "31/12/9999" is not between 1800-01-01 and 2200-12-31: check the year'
    )


def test_a_mtime_outside_the_range_is_an_error(tmp_path):
    raw_path = tmp_path / "x.txt"
    raw_path.write_text("Le texte de l'article.\n", encoding="utf-8")
    year_2300 = dt.datetime(2300, 6, 1, tzinfo=dt.UTC).timestamp()  # ext4 stores up to 2446
    os.utime(raw_path, (year_2300, year_2300))
    raw = read_raw(raw_path, "seeds/x.txt")
    with pytest.raises(IngestError) as error:
        convert.infer(raw, raw_path, convert.parse(raw, raw_path, UTC), _NO_ENTITIES)
    assert str(error.value) == (
        "seeds/x.txt: date 2300-06-01 (from the file modification time) is not between "
        "1800-01-01 and 2200-12-31: check the year, or state the date in a sidecar "
        "(date: 2023-09-13)"
    )
