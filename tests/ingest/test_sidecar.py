"""Sidecars: what an editor states about a raw file, in YAML or JSON beside it."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ingest.dates import parse_date
from ingest.model import DateValue, Found, IngestError
from ingest.sidecar import HOW, read_sidecar
from sitekit import CORPUS, corpus_dir

PROJECT = Path(__file__).resolve().parents[2]
PARIS = ZoneInfo("Europe/Paris")


def raw_with_sidecar(tmp_path: Path, suffix: str, text: str) -> Path:
    raw = tmp_path / "000_x.txt"
    raw.write_text("Texte.\n", encoding="utf-8")
    (tmp_path / f"000_x{suffix}").write_text(text, encoding="utf-8")
    return raw


def read(tmp_path: Path, suffix: str, text: str, **kwargs) -> dict[str, Found]:
    return read_sidecar(raw_with_sidecar(tmp_path, suffix, text), "seeds/000_x.txt", **kwargs)


def error_of(tmp_path: Path, suffix: str, text: str) -> str:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, suffix, text)
    return str(caught.value)


YAML = """\
title: "Kim et Poutine : la rencontre"
date: 2023-09-13 10:05
url: https://www.rfi.fr/x
licence: CC BY 4.0
attribution: RFI
source: RFI
authors: [Jean Dupont, Marie Curie]
lang: fr
slug: kim-poutine
summary: Une rencontre au cosmodrome.
"""

EXPECTED = {
    "title": Found("Kim et Poutine : la rencontre", HOW),
    "date": Found(DateValue(dt.datetime(2023, 9, 13, 10, 5, tzinfo=PARIS), "minute"), HOW),
    "source_url": Found("https://www.rfi.fr/x", HOW),
    "license": Found("CC BY 4.0", HOW),
    "attribution": Found("RFI", HOW),
    "source": Found("RFI", HOW),
    "authors": Found(("Jean Dupont", "Marie Curie"), HOW),
    "lang": Found("fr", HOW),
    "slug": Found("kim-poutine", HOW),
    "summary": Found("Une rencontre au cosmodrome.", HOW),
}


def test_no_sidecar_is_nothing(tmp_path):
    raw = tmp_path / "000_x.txt"
    raw.write_text("Texte.\n", encoding="utf-8")
    assert read_sidecar(raw, "seeds/000_x.txt") == {}


@pytest.mark.parametrize("suffix", [".yml", ".yaml"])
def test_yaml_sidecar(tmp_path, suffix):
    assert read(tmp_path, suffix, YAML) == EXPECTED


def test_json_sidecar(tmp_path):
    data = {
        "Title": "Kim et Poutine : la rencontre",
        "date": "2023-09-13T10:05",
        "source_url": "https://www.rfi.fr/x",
        "license": "CC BY 4.0",
        "attribution": "RFI",
        "source_name": "RFI",
        "author": "Jean Dupont; Marie Curie",
        "language": "fr",
        "slug": "kim-poutine",
        "summary": "Une rencontre au cosmodrome.",
    }
    assert read(tmp_path, ".json", json.dumps(data)) == EXPECTED


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("date: 13 septembre 2023", "date", DateValue(dt.datetime(2023, 9, 13, tzinfo=PARIS))),
        ("dateline: 22 mai 2012", "date", DateValue(dt.datetime(2012, 5, 22, tzinfo=PARIS))),
        ("date: 2012-05-22\ndateline: 1 mai 2012", "date",
         DateValue(dt.datetime(2012, 5, 22, tzinfo=PARIS))),
        ("authors: Jane Doe, John Roe", "authors", ("Jane Doe", "John Roe")),
        ("author: Jane Doe", "authors", ("Jane Doe",)),
        ("url: https://a.example\nsource_url: https://b.example", "source_url",
         "https://b.example"),
        ("title: 2023", "title", "2023"),
    ],
)  # fmt: skip
def test_yaml_values(tmp_path, text, field, value):
    assert read(tmp_path, ".yml", text)[field] == Found(value, HOW)


def test_dates_are_midnight_in_the_given_zone(tmp_path):
    zone = ZoneInfo("Asia/Seoul")
    found = read(tmp_path, ".yml", "date: 2023-09-13", tz=zone)
    assert found["date"].value.when == dt.datetime(2023, 9, 13, tzinfo=zone)


@pytest.mark.parametrize("text", ["", "# nothing\n", "title:\nsummary: ''\n", "{}"])
def test_empty_sidecar_or_values_say_nothing(tmp_path, text):
    assert read(tmp_path, ".yml", text) == {}


def test_unknown_keys_are_ignored_and_logged_at_debug(tmp_path, caplog):
    with caplog.at_level(logging.DEBUG, logger="ingest.sidecar"):
        found = read(
            tmp_path, ".json", '{"id": "x", "license_url": "https://cc.example", "title": "T"}'
        )
    assert found == {"title": Found("T", HOW)}
    assert caplog.messages == [
        "seeds/000_x.json: ignoring unknown key 'id'",
        "seeds/000_x.json: ignoring unknown key 'license_url'",
    ]


@pytest.mark.parametrize(
    ("suffix", "text", "message"),
    [
        (
            ".yml",
            "title: x\ndate: [2023\n",
            "seeds/000_x.yml:3: not valid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (
            ".yml",
            "title: x\n  bad: indent\n",
            "seeds/000_x.yml:2: not valid YAML: mapping values are not allowed here",
        ),
        (
            ".yaml",
            "title: 'x\n",
            "seeds/000_x.yaml:2: not valid YAML: found unexpected end of stream",
        ),
        (
            ".json",
            '{\n  "title": "x",\n}',
            "seeds/000_x.json:3: not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (".json", '{"title": "x"', "seeds/000_x.json:1: not valid JSON: Expecting ',' delimiter"),
        (
            ".yml",
            "title: x\ndate: 31/02/2023\n",
            'seeds/000_x.yml:2: date "31/02/2023" is not a real day',
        ),
        (".yml", "date: 2023-02-30\n", 'seeds/000_x.yml:1: date "2023-02-30" is not a real day'),
        (
            ".json",
            '{\n "title": "x",\n "date": "30 février 2023"\n}',
            'seeds/000_x.json:3: date "30 février 2023" is not a real day',
        ),
        (
            ".json",
            '{"date": "hier"}',
            'seeds/000_x.json:1: cannot read "hier" as a date: write it like 2023-09-13, '
            "2023-09-13 10:05 or 13 septembre 2023",
        ),
        (
            ".yml",
            "- title\n- date\n",
            'seeds/000_x.yml: a sidecar must be "key: value" pairs, like "title: ..."',
        ),
        (
            ".yml",
            "title: [a, b]\n",
            'seeds/000_x.yml:1: "title" must be a single value, not a list',
        ),
        (
            ".yml",
            "authors: {name: x}\n",
            'seeds/000_x.yml:1: "authors" must be a name or a list of names',
        ),
        (
            ".yml",
            "title: x\nslug: ../../x\n",
            "seeds/000_x.yml:2: '../../x' is not a slug: use lower-case letters, digits and "
            "single hyphens (a-z, 0-9, -)",
        ),
        (
            ".yml",
            "slug: /etc/cron.d/x\n",
            "seeds/000_x.yml:1: '/etc/cron.d/x' is not a slug: use lower-case letters, digits "
            "and single hyphens (a-z, 0-9, -)",
        ),
        (
            ".json",
            '{\n "title": "x",\n "slug": "../digests/vostotchny"\n}',
            "seeds/000_x.json:3: '../digests/vostotchny' is not a slug: use lower-case letters, "
            "digits and single hyphens (a-z, 0-9, -)",
        ),
        (
            ".yml",
            'slug: "a\\nTitle: x"\n',
            "seeds/000_x.yml:1: 'a?Title: x' is not a slug: use lower-case letters, digits and "
            "single hyphens (a-z, 0-9, -)",
        ),
        (
            ".yml",
            f"slug: {'a' * 101}\n",
            "seeds/000_x.yml:1: the slug is 101 characters long; at most 100 are allowed",
        ),
    ],
)
def test_errors_name_the_sidecar_and_line(tmp_path, suffix, text, message):
    assert error_of(tmp_path, suffix, text) == message


def test_two_sidecars_for_one_file_is_an_error(tmp_path):
    raw = raw_with_sidecar(tmp_path, ".yml", "title: a\n")
    (tmp_path / "000_x.json").write_text('{"title": "b"}', encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_sidecar(raw, "seeds/000_x.txt")
    assert str(caught.value) == (
        "seeds/000_x.txt: has two sidecars, 000_x.yml and 000_x.json: keep only one"
    )


def test_sidecar_not_in_utf8_is_an_error(tmp_path):
    raw = tmp_path / "000_x.txt"
    raw.write_text("Texte.\n", encoding="utf-8")
    (tmp_path / "000_x.yml").write_bytes("title: Été".encode("cp1252"))
    with pytest.raises(IngestError) as caught:
        read_sidecar(raw, "seeds/000_x.txt")
    assert str(caught.value) == "seeds/000_x.yml: is not valid UTF-8: save it again as UTF-8"


# --- the corpus ---------------------------------------------------------------------------


def corpus_sidecars() -> list[Path]:
    return sorted(CORPUS.glob("*/*.json")) if CORPUS.is_dir() else []


@pytest.mark.corpus
def test_corpus_sidecars_are_there():
    assert len(sorted(corpus_dir().glob("*/*.json"))) > 100


@pytest.mark.corpus
def test_one_corpus_sidecar_exactly():
    raw = corpus_dir() / "fr" / "2012-05-22_etats-unis-lancement-reussi-pour-space-x-dragon.txt"
    url = "https://fr.wikinews.org/wiki/États-Unis_:_Lancement_réussi_pour_Space_X_Dragon"
    assert read_sidecar(raw, "seeds/x.txt") == {
        "title": Found("États-Unis : Lancement réussi pour Space X Dragon", HOW),
        "date": Found(DateValue(dt.datetime(2012, 5, 22, tzinfo=PARIS)), HOW),
        "source_url": Found(url, HOW),
        "license": Found("CC BY 2.5", HOW),
        "attribution": Found(f"Wikinews contributors, {url}", HOW),
        "source": Found("Wikinews", HOW),
        "lang": Found("fr", HOW),
    }


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus_sidecars(), ids=lambda path: path.stem[:40])
def test_every_corpus_sidecar_reads(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    found = read_sidecar(path.with_suffix(".txt"), f"seeds/{path.stem}.txt")
    assert found["title"] == Found(data["title"], HOW)
    assert found["date"].value.when.date() == dt.date.fromisoformat(data["date"])
    assert found["source"] == Found("Wikinews", HOW)
    assert found["lang"] == Found(data["language"], HOW)
    assert found["license"] == Found(data["license"], HOW)
    assert found["source_url"] == Found(data["source_url"], HOW)
    assert found["attribution"] == Found(data["attribution"], HOW)
    if data["dateline"]:  # as written on the page: "22 mai 2012", "Thursday, May 7, 2015"...
        assert parse_date(data["dateline"]).precision in ("day", "minute")
