"""Languages: detected among all that py3langid knows, stated ones checked, and no entity model
ever reads a language it was not trained on."""

import logging
import zoneinfo

import pytest
from ingest import convert
from ingest.language import detect_language, given_language
from ingest.model import Found, IngestError, RawText

MODELLED = ("en", "fr")
ARABIC = (
    "التقى الرئيس الروسي فلاديمير بوتين بالزعيم الكوري الشمالي كيم جونغ أون في قاعدة "
    "فوستوشني الفضائية في شرق روسيا، وبحث الزعيمان التعاون العسكري بين البلدين."
)
CHINESE = (
    "俄罗斯总统普京与朝鲜领导人金正恩在俄罗斯远东的东方航天发射场会面，"
    "两国领导人讨论了军事合作问题。"
)
RUSSIAN = (
    "Президент России Владимир Путин встретился с северокорейским лидером Ким Чен Ыном на "
    "космодроме Восточный на востоке России. Лидеры обсудили военное сотрудничество."
)
SPANISH = (
    "El presidente ruso Vladimir Putin se reunió con el líder norcoreano Kim Jong-un en el "
    "cosmódromo de Vostochni, en el este de Rusia, para hablar de cooperación militar."
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ARABIC, "ar"),
        (CHINESE, "zh"),
        (RUSSIAN, "ru"),
        (SPANISH, "es"),
        ("Le président russe Vladimir Poutine a rencontré Kim Jong-un à Vostotchny.", "fr"),
        ("Russian President Vladimir Putin met Kim Jong-un at Vostochny.", "en"),
    ],
)
def test_every_language_competes(text, lang):
    assert detect_language([text], MODELLED).value == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [  # sentences of the corpus that all languages together get wrong, p < 0.2
        ("— Albert Fachler", "fr"),  # Luxembourgish, p=0.15
        ("Park Geun-hye, 2013.", "fr"),  # Gun, p=0.05
        ("Valeska Paris", "en"),  # Czech, p=0.05
        ("Group G — Belgium 3 – 0 Panama", "en"),  # Latin, p=0.06
    ],
)
def test_an_unsure_guess_falls_back_to_a_modelled_language(text, lang):
    found = detect_language([text], MODELLED)
    assert found.value in MODELLED
    assert found.how.startswith("detected by py3langid among en, fr (unsure), p=")


@pytest.mark.parametrize(
    ("value", "code"), [("fr", "fr"), ("fr-FR", "fr"), (" EN_gb ", "en"), ("ar", "ar")]
)
def test_a_stated_language_is_kept_as_its_code(value, code):
    found = given_language(Found(value, "editor", line=3), "seeds/x.md")
    assert found == Found(code, "editor", line=3)


@pytest.mark.parametrize("value", ['"><script>alert(1)</script>', "french", "xx", ""])
def test_a_stated_value_that_is_no_language_is_an_error(caplog, value):
    with caplog.at_level(logging.ERROR, logger="ingest.language"):
        assert given_language(Found(value, "html <html lang>", line=1), "seeds/x.html") is None
    shown = value.replace("\n", "?")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            f"seeds/x.html:1: language {shown!r} (html <html lang>) is not a language code such "
            "as fr, en or ar; the language is detected from the text instead",
        )
    ]


class Aliases:
    def resolve(self, name):
        return None


class FailingRecognizer:
    """Stands for a model that fails on a text (spaCy's E088, out of memory...)."""

    def model_version(self, lang):
        return f"{lang}_model 1.0"

    def spans(self, text, lang):
        raise ValueError("[E088] Text of length 1500000 exceeds maximum of 1000000.")


def _inference(recognizer) -> convert.Inference:
    return convert.Inference(
        tz=zoneinfo.ZoneInfo("Europe/Paris"),
        languages=MODELLED,
        recognizer=lambda: recognizer,
        aliases=Aliases(),
        cache=convert.EntityCache(None),
    )


def _infer(tmp_path, text: str, recognizer, name: str):
    """Convert ``text`` as seeds/``name`` (a new name per test: Pelican's log filter drops a
    warning already given)."""
    raw_path = tmp_path / name
    raw_path.write_text(text, encoding="utf-8")
    raw = RawText(f"seeds/{name}", text, "text", "utf-8", "")
    parsed = convert.parse(raw, raw_path, zoneinfo.ZoneInfo("Europe/Paris"))
    return convert.infer(raw, raw_path, parsed, _inference(recognizer))


@pytest.mark.parametrize(("text", "lang"), [(ARABIC, "ar"), (CHINESE, "zh"), (RUSSIAN, "ru")])
def test_a_language_without_a_model_gets_no_entities_and_a_warning(tmp_path, caplog, text, lang):
    with caplog.at_level(logging.WARNING, logger="ingest.convert"):
        article = _infer(tmp_path, text + "\n", FailingRecognizer(), "2023-09-13_x.txt")
    assert (article.lang.value, article.people, article.places, article.entities_by) == (
        lang,
        (),
        (),
        "",
    )
    assert [r.getMessage() for r in caplog.records] == [
        f"seeds/2023-09-13_x.txt: language {lang} has no entity model; no entities extracted; "
        "add one in INGEST_MODELS"
    ]


def test_a_model_that_fails_is_this_files_error(tmp_path):
    with pytest.raises(IngestError) as error:
        _infer(
            tmp_path,
            "Le président russe a rencontré son homologue à Vostotchny.\n",
            FailingRecognizer(),
            "2023-09-13_x.txt",
        )
    assert str(error.value) == (
        "seeds/2023-09-13_x.txt: the entity model fr_model 1.0 failed on this text (ValueError: "
        "[E088] Text of length 1500000 exceeds maximum of 1000000.): shorten the article or "
        "split it, and report the error"
    )


def test_a_wrong_stated_language_is_replaced_by_detection(tmp_path, caplog):
    (tmp_path / "2023-09-13_y.yml").write_text("lang: '<b>'\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        article = _infer(tmp_path, RUSSIAN + "\n", FailingRecognizer(), "2023-09-13_y.txt")
    assert article.lang.value == "ru"
    assert [r.getMessage() for r in caplog.records] == [
        "seeds/2023-09-13_y.txt: language '<b>' (editor (sidecar)) is not a language code such "
        "as fr, en or ar; the language is detected from the text instead",
        "seeds/2023-09-13_y.txt: language ru has no entity model; no entities extracted; add "
        "one in INGEST_MODELS",
    ]
