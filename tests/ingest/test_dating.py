import datetime as dt
import logging
import subprocess
import zoneinfo

import pytest
from ingest import dating
from ingest.model import IngestError

UTC = zoneinfo.ZoneInfo("UTC")


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


def test_date_from_git_is_the_first_commit_of_the_file(tmp_path):
    def git(*args, date):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(tmp_path),
               "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@x", "GIT_COMMITTER_NAME": "E",
               "GIT_COMMITTER_EMAIL": "e@x", "PATH": "/usr/bin:/bin"}  # fmt: skip
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

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
