"""Hostile values in the OWASP XSS filter-evasion forms, each carrying a unique marker.

Every value planted in the hostile site is made by ``Planter.plant(form, field, file)``: it gets
a number ``n`` that appears in what it would run (``window.__pwned_n = 1``, ``alert('SEC-n')``)
and in its text (``SEC-n``), so that any hit, in a scan or in the browser, names the payload and
the field it was planted in. Plain data, no pytest.
"""

from __future__ import annotations

import base64
import dataclasses
import re


@dataclasses.dataclass(frozen=True)
class Form:
    """One way of smuggling script into a page; ``template`` has ``{n}`` for the marker."""

    name: str
    template: str
    kind: str = "markup"  # markup | url | template (Jinja) | text (control characters)


def _data_url(n: str) -> str:
    html = f"<script>parent.__pwned_{n}=1</script>"
    return "data:text/html;base64," + base64.b64encode(html.encode()).decode()


# {n} is replaced by the marker number. The forms follow OWASP's XSS Filter Evasion Cheat Sheet.
FORMS = [
    Form("script", "SEC-{n} <script>window.__pwned_{n}=1;alert('SEC-{n}')</script>"),
    Form("img-onerror", "SEC-{n} <img src=x onerror=\"window.__pwned_{n}=1;alert('SEC-{n}')\">"),
    Form("svg-onload", "SEC-{n} <svg/onload=window.__pwned_{n}=1>"),
    Form("attr-dq", 'SEC-{n}" autofocus onfocus="window.__pwned_{n}=1" onmouseover="alert(1)" x="'),
    Form("attr-sq", "SEC-{n}' onmouseover='window.__pwned_{n}=1' x='"),
    Form("attr-close", "SEC-{n}'><script>window.__pwned_{n}=1</script>"),
    Form("title-close", "SEC-{n}</title><script>window.__pwned_{n}=1</script>"),
    Form("iframe-srcdoc", 'SEC-{n} <iframe srcdoc="<script>parent.__pwned_{n}=1</script>">'),
    Form("css-expression", 'SEC-{n} <div style="width: expression(window.__pwned_{n}=1)">x</div>'),
    Form("data-url", 'SEC-{n} <a href="' + "{data}" + '">lien</a>'),
    Form("javascript-url", "javascript:window.__pwned_{n}=1//SEC-{n}", "url"),
    Form("mixed-case-url", "JaVaScRiPt:window.__pwned_{n}=1//SEC-{n}", "url"),
    Form("entity-url", "&#x6A;avascript:window.__pwned_{n}=1//SEC-{n}", "url"),
    Form("jinja-expr", "SEC-{n}:{{7*7}}", "template"),
    Form("jinja-stmt", "{% for i in 'ab' %}SEC-{n}-LOOP{% endfor %}", "template"),
    Form("jinja-concat", "{{'SEC-{n}'~'-EVAL'}}", "template"),
    Form("control", "SEC-{n}\x1b[31m\u202e\u2028\x0b<script>window.__pwned_{n}=1</script>", "text"),
    Form("nul", "SEC-{n}\x00<script>window.__pwned_{n}=1</script>", "text"),
    # a value written unchanged into an article's metadata would add a line of its own
    Form("newline", "SEC-{n}\nSave_as: ../../../escaped-newline-{n}.html\nStatus: hidden", "text"),
    Form("amp", "Fusions & acquisitions : 3 < 5 && R&D SEC-{n}", "text"),
]
BY_NAME = {form.name: form for form in FORMS}
# The forms that break out of an attribute or a tag: what a slug or a language code would try.
BREAKOUTS = ["attr-dq", "attr-sq", "attr-close", "title-close", "script"]
# Forms whose text is the same as what an editor could legitimately write (no markup at all).
URL_FORMS = ["javascript-url", "mixed-case-url", "entity-url"]


def render(form: Form, n: int) -> str:
    """The form's value for marker ``n`` (``{n}`` is the only placeholder: Jinja braces stay).

    >>> render(BY_NAME["jinja-expr"], 7)
    'SEC-7:{{7*7}}'
    """
    return form.template.replace("{data}", _data_url(str(n))).replace("{n}", str(n))


@dataclasses.dataclass(frozen=True)
class Planted:
    """One hostile value, where it was put."""

    n: int
    form: str
    field: str  # e.g. "sidecar title", "html <meta name=description>"
    file: str  # as the project shows it, e.g. "seeds/side-03.txt"
    value: str

    def __str__(self) -> str:
        return f"payload {self.n} ({self.form}) in {self.field} of {self.file}"


class Planter:
    """Hands out markers and remembers what went where."""

    def __init__(self) -> None:
        self.planted: list[Planted] = []

    def plant(self, form: str | Form, field: str, file: str) -> str:
        chosen = BY_NAME[form] if isinstance(form, str) else form
        n = len(self.planted) + 1
        value = render(chosen, n)
        self.planted.append(Planted(n, chosen.name, field, file, value))
        return value

    def by_number(self, n: int) -> Planted | None:
        return self.planted[n - 1] if 0 < n <= len(self.planted) else None

    def name(self, text: str) -> str:
        """The payloads whose markers ``text`` carries, or "no known payload"."""
        found = sorted({int(n) for n in MARKER.findall(text)})
        named = [str(self.planted[n - 1]) for n in found if 0 < n <= len(self.planted)]
        return "; ".join(named) or "no known payload"


MARKER = re.compile(r"(?:SEC-|__pwned_)(\d+)", re.IGNORECASE)


def evaluated_templates(text: str) -> list[int]:
    """Markers of Jinja payloads that were evaluated in ``text`` (7*7 became 49, a loop ran,
    a string concatenation happened); their literal forms never match.

    >>> evaluated_templates("SEC-3:{{7*7}} SEC-4-LOOPSEC-4-LOOP SEC-5-EVAL SEC-6:49")
    [4, 5, 6]
    >>> evaluated_templates("{% for i in 'ab' %}SEC-4-LOOP{% endfor %} {{'SEC-5'~'-EVAL'}}")
    []
    """
    found = {int(n) for n in re.findall(r"SEC-(\d+):49\b", text)}
    found |= {int(n) for n in re.findall(r"SEC-(\d+)-LOOPSEC-\1-LOOP", text)}
    found |= {int(n) for n in re.findall(r"SEC-(\d+)-EVAL", text)}
    return sorted(found)
