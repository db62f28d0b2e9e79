"""The hostile projects: every input field with payloads (``write_hostile_project``), and the
files that each could stop or hang a build (``write_crash_project``). Plain data, no pytest.

A project lives in ``<root>/project`` beside ``<root>/canary``: a folder nothing may write into
and a secret file nothing may read (reached from seeds/ through symlinks and absolute paths).
"""

from __future__ import annotations

import dataclasses
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from payloads import BREAKOUTS, FORMS, URL_FORMS, Planter
from sitekit import EXAMPLE_SLUG, ROOT, Site

SEED = ROOT / "seeds" / "000_c3b89795a0f00579.txt"
SEED_SLUG = EXAMPLE_SLUG  # what ingest makes of the example seed with the real model
GOOD_PAGE = f"articles/{SEED_SLUG}.html"
CANARY_SECRET = "CANARY-4f1d9e secret d'un fichier hors du projet"

BODY = (
    "Le gouvernement a présenté mardi un projet de loi sur l’énergie, qui doit être examiné au "
    "Parlement dans les prochaines semaines. Les députés de l’opposition ont critiqué un texte "
    "jugé trop timide, tandis que les syndicats demandent davantage de garanties pour les "
    "salariés du secteur."
)
BODY_2 = (
    "Le ministre a défendu son projet devant la presse, en rappelant que la réforme avait été "
    "préparée pendant plusieurs mois avec les entreprises et les collectivités locales."
)


def _yaml(value: str) -> str:
    """A YAML scalar holding ``value`` exactly (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def make_root(root: Path) -> tuple[Site, Path]:
    site = Site(root / "project")
    canary = root / "canary"
    canary.mkdir(parents=True)
    (canary / "secret.txt").write_text(
        f"{CANARY_SECRET}. {BODY}\n\n{BODY_2}\n\nRFI\n", encoding="utf-8"
    )
    (canary / "secret.yml").write_text(f"title: {_yaml(CANARY_SECRET)}\n", encoding="utf-8")
    (canary / "secret.html").write_text(f"<p>{CANARY_SECRET}</p>", encoding="utf-8")
    return site, canary


def _good_seed(site: Site) -> None:
    shutil.copy(SEED, site.seeds / "good.txt")
    (site.seeds / "good.yml").write_text("date: 2023-09-13\n", encoding="utf-8")


# --- every field, several payloads -----------------------------------------------------------


def _text_seed(site: Site, planter: Planter, form) -> None:
    name = f"txt-{form.name}.txt"
    shown = f"seeds/{name}"
    title = planter.plant(form, "text title line", shown)
    byline = planter.plant(form, "text byline", shown)
    body = planter.plant(form, "text paragraph", shown)
    credit = planter.plant(form, "text credit line", shown)
    (site.seeds / name).write_text(
        f"{title}\n\nPar {byline}\n\n{BODY} {body}\n\n{BODY_2}\n\nSource: {credit}\n",
        encoding="utf-8",
    )


def _html_seed(site: Site, planter: Planter, form) -> None:
    from html import escape

    name = f"html-{form.name}.html"
    shown = f"seeds/{name}"

    def attr(field: str) -> str:  # a page that escaped its own attributes, as browsers save them
        return escape(planter.plant(form, field, shown), quote=True)

    def raw(field: str) -> str:  # a page that did not: the hostile markup is in the file
        return planter.plant(form, field, shown)

    headline = planter.plant(form, "html JSON-LD headline", shown)
    author = planter.plant(form, "html JSON-LD author", shown)
    publisher = planter.plant(form, "html JSON-LD publisher", shown)
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": headline,
            "author": {"@type": "Person", "name": author},
            "publisher": {"@type": "Organization", "name": publisher},
            "datePublished": "2023-09-14",
        },
        ensure_ascii=False,
    )
    link = attr("html link href") if form.kind == "url" else "https://example.org/a"
    (site.seeds / name).write_text(
        '<!doctype html><html lang="fr"><head>'
        f"<title>{raw('html <title>')}</title>"
        f'<meta name="description" content="{attr("html meta description")}">'
        f'<meta name="author" content="{attr("html meta author")}">'
        f'<meta property="og:site_name" content="{attr("html og:site_name")}">'
        f'<meta property="og:url" content="{attr("html og:url")}">'
        f'<link rel="canonical" href="{attr("html canonical")}">'
        f'<script type="application/ld+json">{ld}</script>'
        "</head><body><article>"
        f"<h1>{raw('html <h1>')}</h1>"
        f"<p>{BODY} {raw('html paragraph')}</p>"
        f'<p>{BODY_2} <a href="{link}">{raw("html link text")}</a></p>'
        "</article></body></html>",
        encoding="utf-8",
    )


def _markdown_seed(site: Site, planter: Planter, form) -> None:
    name = f"md-{form.name}.md"
    shown = f"seeds/{name}"

    def meta(key: str) -> str:
        return planter.plant(form, f"Markdown {key}:", shown).replace("\n", " ")

    url = meta("Source_url") if form.kind == "url" else "https://example.org/b"
    link = meta("body link") if form.kind == "url" else "https://example.org/c"
    (site.seeds / name).write_text(
        f"Title: {meta('Title')}\nDate: 2023-09-15\nAuthors: {meta('Authors')}\n"
        f"Source: {meta('Source')}\nSource_url: {url}\nSummary: {meta('Summary')}\n"
        f"Attribution: {meta('Attribution')}\nNote: {meta('Note')}\n\n"
        f"{BODY} {planter.plant(form, 'Markdown body', shown)}\n\n"
        f"{BODY_2} [lien]({link})\n",
        encoding="utf-8",
    )


def _sidecar_seed(site: Site, planter: Planter, form) -> None:
    stem = f"side-{form.name}"
    shown = f"seeds/{stem}.yml"
    (site.seeds / f"{stem}.txt").write_text(f"{BODY}\n\n{BODY_2}\n\nRFI\n", encoding="utf-8")
    keys = ["title", "authors", "source", "summary", "attribution", "license"]
    fields = {key: planter.plant(form, f"sidecar {key}", shown) for key in keys}
    fields["url"] = (
        planter.plant(form, "sidecar url", shown)
        if form.kind == "url"
        else ("https://example.org/d")
    )
    fields["date"] = "2023-09-16"
    (site.seeds / f"{stem}.yml").write_text(
        "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items()), encoding="utf-8"
    )


def _identity_seeds(site: Site, planter: Planter) -> None:
    """lang and slug: the values that become attributes, file names and URLs."""
    for form in BREAKOUTS:
        # a sidecar lang, a sidecar slug
        for key in ("lang", "slug"):
            stem = f"{key}-side-{form}"
            shown = f"seeds/{stem}.yml"
            (site.seeds / f"{stem}.txt").write_text(
                f"Un article sur {key} {form}. {BODY}\n\n{BODY_2}\n\nRFI\n", encoding="utf-8"
            )
            value = planter.plant(form, f"sidecar {key}", shown)
            (site.seeds / f"{stem}.yml").write_text(
                f"{key}: {_yaml(value)}\ndate: 2023-09-17\n", encoding="utf-8"
            )
        # Markdown Lang: and Slug:
        for key in ("Lang", "Slug"):
            name = f"{key.lower()}-md-{form}.md"
            value = planter.plant(form, f"Markdown {key}:", f"seeds/{name}").replace("\n", " ")
            (site.seeds / name).write_text(
                f"Title: Un article Markdown sur {key} {form}\nDate: 2023-09-18\n{key}: {value}\n"
                f"\n{BODY}\n\n{BODY_2}\n",
                encoding="utf-8",
            )
        # a saved page's own <html lang>
        name = f"lang-html-{form}.html"
        value = planter.plant(form, "html <html lang>", f"seeds/{name}")
        quote = "'" if '"' in value else '"'
        (site.seeds / name).write_text(
            f"<!doctype html><html lang={quote}{value}{quote}><head><title>Une page sur "
            f"lang {form}</title></head><body><article><h1>Une page sur lang {form}</h1>"
            f"<p>{BODY}</p><p>{BODY_2}</p></article></body></html>",
            encoding="utf-8",
        )


ENTITY_NAMES = [  # names the seed's text gives, with their kinds
    ("Vladimir Poutine", "person"),
    ("Kim Jong-un", "person"),
    ("Dmitri Peskov", "person"),
    ("Sergueï Choïgou", "person"),
    ("Vostotchny", "place"),
    ("Moscou", "place"),
    ("Washington", "place"),
    ("Séoul", "place"),
    ("Kremlin", "organisation"),
    ("ONU", "organisation"),
]
ENTITY_FORMS = [
    "script", "img-onerror", "svg-onload", "attr-dq", "attr-close", "title-close",
    "jinja-expr", "jinja-stmt", "jinja-concat", "amp",
]  # fmt: skip


def _entities(site: Site, planter: Planter) -> None:
    shown = "content/entities.yml"
    lines = ["# hostile names and descriptions, each standing for a name the seed gives\n"]
    for (alias, kind), form in zip(ENTITY_NAMES, ENTITY_FORMS, strict=True):
        name = planter.plant(form, "entities.yml name", shown)
        description = planter.plant(form, "entities.yml description", shown)
        lines.append(
            f"{_yaml(name)}:\n  kind: {kind}\n  aliases: [{_yaml(alias)}]\n"
            f"  description: {_yaml(description)}\n"
        )
    for place, form in (("Corée du Nord", "attr-dq"), ("Russie", "javascript-url")):
        wikidata = planter.plant(form, "entities.yml wikidata", shown)
        lines.append(f"{_yaml(place)}:\n  kind: place\n  wikidata: {_yaml(wikidata)}\n")
    site.content.joinpath("entities.yml").write_text("".join(lines), encoding="utf-8")


DIGEST_FORMS = ["script", "img-onerror", "attr-dq", "title-close", "jinja-expr", "amp"]


def _digests(site: Site, planter: Planter) -> None:
    digests = site.content / "digests"
    digests.mkdir(exist_ok=True)
    (digests / "keep.md").write_text(
        f"Title: Un digest correct\nDate: 2023-09-13\nSlug: keep\nArticles: {SEED_SLUG}\n\n"
        "Une introduction sans piège.\n",
        encoding="utf-8",
    )
    for form in DIGEST_FORMS:
        name = f"digest-{form}.md"
        shown = f"content/digests/{name}"
        title = planter.plant(form, "digest Title:", shown).replace("\n", " ")
        intro = planter.plant(form, "digest introduction", shown)
        (digests / name).write_text(
            f"Title: {title}\nDate: 2023-09-13\nArticles: {SEED_SLUG}\n\n{intro}\n",
            encoding="utf-8",
        )
    for form in BREAKOUTS[:3]:
        name = f"digest-slug-{form}.md"
        shown = f"content/digests/{name}"
        slug = planter.plant(form, "digest Slug:", shown)
        lang = planter.plant(form, "digest Lang:", shown)
        (digests / name).write_text(
            f"Title: Un digest au slug piégé {form}\nDate: 2023-09-13\nSlug: {slug}\n"
            f"Lang: {lang}\nArticles: {SEED_SLUG}\n\nUne introduction.\n",
            encoding="utf-8",
        )


# --- writes and reads outside -----------------------------------------------------------------

# (seed file, what it tries): the file and the place each would write outside when obeyed.
ESCAPES = {
    "escape-side-relative.txt": "sidecar slug: ../../../escaped-sidecar",
    "escape-side-absolute.txt": "sidecar slug: <canary>/escaped-absolute",
    "escape-side-digests.txt": "sidecar slug: ../digests/keep (an editor's digest)",
    "escape-md-slug.md": "Markdown Slug: ../../../escaped-markdown",
    "escape-md-save-as.md": "Markdown Save_as: ../../escaped-save-as.html",
    "escape-md-save-as-absolute.md": "Markdown Save_as: <canary>/escaped-save-as.html",
    "escape-md-url.md": "Markdown Url: javascript:...",
    "content/digests/escape-digest.md": "digest Slug: ../../../escaped-digest",
    "leak.txt": "symlink to canary/secret.txt",
    "leak-sidecar.txt": "sidecar symlinked to canary/secret.yml",
    "leak-folder": "symlinked folder canary/",
}


def _escapes(site: Site, planter: Planter, canary: Path) -> None:
    seeds = site.seeds
    text = f"{BODY}\n\n{BODY_2}\n\nRFI\n"
    for stem, slug in [
        ("escape-side-relative", "../../../escaped-sidecar"),
        ("escape-side-absolute", str(canary / "escaped-absolute")),
        ("escape-side-digests", "../digests/keep"),
    ]:
        (seeds / f"{stem}.txt").write_text(f"Un article {stem}. {text}", encoding="utf-8")
        (seeds / f"{stem}.yml").write_text(f"slug: {_yaml(slug)}\n", encoding="utf-8")
    for name, line in [
        ("escape-md-slug.md", "Slug: ../../../escaped-markdown"),
        ("escape-md-save-as.md", "Save_as: ../../escaped-save-as.html"),
        ("escape-md-save-as-absolute.md", f"Save_as: {canary / 'escaped-save-as.html'}"),
        (
            "escape-md-url.md",
            f"Url: {planter.plant('javascript-url', 'Markdown Url:', 'seeds/escape-md-url.md')}",
        ),
    ]:
        (seeds / name).write_text(
            f"Title: Un article Markdown {name}\nDate: 2023-09-19\n{line}\n\n{BODY}\n\n{BODY_2}\n",
            encoding="utf-8",
        )
    (site.content / "digests" / "escape-digest.md").write_text(
        f"Title: Un digest qui s’échappe\nDate: 2023-09-13\nSlug: ../../../escaped-digest\n"
        f"Articles: {SEED_SLUG}\n\nUne introduction.\n",
        encoding="utf-8",
    )
    (seeds / "leak.txt").symlink_to(canary / "secret.txt")
    (seeds / "leak-sidecar.txt").write_text(f"Un article au sidecar lié. {text}", encoding="utf-8")
    (seeds / "leak-sidecar.yml").symlink_to(canary / "secret.yml")
    (seeds / "leak-folder").symlink_to(canary, target_is_directory=True)


def write_hostile_project(root: Path) -> tuple[Site, Path, Planter]:
    """The project with every field x several payloads; returns it, the canary, the planter."""
    site, canary = make_root(root)
    planter = Planter()
    _good_seed(site)
    for form in FORMS:
        if form.name not in URL_FORMS:
            _text_seed(site, planter, form)
        _html_seed(site, planter, form)
        _markdown_seed(site, planter, form)
        _sidecar_seed(site, planter, form)
    _identity_seeds(site, planter)
    _entities(site, planter)
    _digests(site, planter)
    _escapes(site, planter, canary)
    return site, canary, planter


# --- files that each could stop or hang the build ---------------------------------------------


def _alias_bomb(levels: int = 6, width: int = 9) -> str:
    """A YAML "billion laughs": ``width ** levels`` strings from a few hundred bytes."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines)


# hostile file (as the project shows it) -> what it is; each must be built or named in a log line
CRASH_FILES = {
    "seeds/long-line.txt": "a 300 kB paragraph on one line",
    "seeds/bomb-sidecar.yml": "a YAML alias bomb in a sidecar",
    "seeds/bomb-front-matter.md": "a YAML alias bomb in Markdown front matter",
    "seeds/far-date.txt": "date 9999-12-31 and 'demain' in the text",
    "content/entities.yml": "a 5,000-character entity name",
    "seeds/draft.md": "Status: draft",
    "seeds/template.md": "Template: pointing outside the theme",
    "seeds/new\nline.txt": "a newline in a file name",
    "content/articles/latin1.md": "a Markdown article in cp1252 in content/articles/",
}


def write_crash_project(root: Path) -> tuple[Site, Path]:
    site, canary = make_root(root)
    _good_seed(site)
    seeds = site.seeds
    sentence = "Le gouvernement a présenté un projet de loi que les députés examinent, "
    (seeds / "long-line.txt").write_text(
        "Une très longue dépêche. " + sentence * (300_000 // len(sentence)) + "\n\nRFI\n",
        encoding="utf-8",
    )
    (seeds / "bomb-sidecar.txt").write_text(f"Un article piégé. {BODY}\n\nRFI\n", encoding="utf-8")
    (seeds / "bomb-sidecar.yml").write_text(
        _alias_bomb() + "\nauthors: *a6\ntitle: Une bombe\n", encoding="utf-8"
    )
    (seeds / "bomb-front-matter.md").write_text(
        f"---\ntitle: Une bombe en front matter\ndate: 2023-09-20\n{_alias_bomb()}\n"
        f"notes: *a6\n---\n\n{BODY}\n",
        encoding="utf-8",
    )
    (seeds / "far-date.txt").write_text(
        f"Le sommet aura lieu demain à Paris. {BODY}\n\n{BODY_2}\n\nRFI\n", encoding="utf-8"
    )
    (seeds / "far-date.yml").write_text("date: 9999-12-31\n", encoding="utf-8")
    (site.content / "entities.yml").write_text(
        f"{_yaml(('Poutine ' * 625).strip())}:\n  kind: person\n  aliases: [Vladimir Poutine]\n",
        encoding="utf-8",
    )
    (seeds / "draft.md").write_text(
        f"Title: Un brouillon\nDate: 2023-09-21\nStatus: draft\n\n{BODY}\n", encoding="utf-8"
    )
    (seeds / "template.md").write_text(
        f"Title: Un gabarit piégé\nDate: 2023-09-21\nTemplate: ../../../canary/secret\n\n{BODY}\n",
        encoding="utf-8",
    )
    (seeds / "new\nline.txt").write_text(
        f"Un nom de fichier sur deux lignes. {BODY}\n\nRFI\n", encoding="utf-8"
    )
    (site.content / "articles" / "latin1.md").write_bytes(
        f"Title: Un article édité en cp1252\nDate: 2023-09-22\n\n{BODY}\n".encode("cp1252")
    )
    return site, canary


# --- the `pelican` command, bounded -----------------------------------------------------------


@dataclasses.dataclass
class Run:
    """One ``pelican`` command run: its exit code (None when it timed out) and its output."""

    exitcode: int | None
    output: str
    seconds: float


def _limit_memory() -> None:  # a YAML bomb must not take the machine with it
    limit = 8 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def pelican_run(site: Site, strict: bool, timeout: int = 240) -> Run:
    """The ``pelican`` command over ``site`` with the project's pelicanconf.py."""
    command = [
        sys.executable, "-m", "pelican", str(site.content), "-o", str(site.output),
        "-s", str(ROOT / "pelicanconf.py"),
        "-e", "SEARCH_INDEX=false", f"DIGEST_STRICT={'true' if strict else 'false'}",
    ]  # fmt: skip
    env = {"PATH": "/usr/bin:/bin", "HOME": str(site.root), "COLUMNS": "250"}
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=site.root, capture_output=True, text=True, timeout=timeout, env=env,
            preexec_fn=_limit_memory,
        )  # fmt: skip
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout or ""
        out = out.decode(errors="replace") if isinstance(out, bytes) else out
        return Run(None, out + f"\n(timed out after {timeout} s)", time.monotonic() - started)
    return Run(done.returncode, done.stdout + done.stderr, time.monotonic() - started)
