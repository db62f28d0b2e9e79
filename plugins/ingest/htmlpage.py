"""Parse a saved HTML news page: main text with trafilatura, metadata fixed where it errs.

trafilatura finds the article body and most metadata; FIELD-NOTES.md says where it is wrong: the
title often carries "| Site" (fixed here from the on-page <h1> or the site name), and the date is
best taken from htmldate with ``original_date=True``. The body is rebuilt from trafilatura's
extracted tree as escaped plain text, so no tag, handler or URL of the page reaches the Markdown.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import htmldate
import lxml.html
import trafilatura
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from htmldate.extractors import try_date_expr
from lxml import etree

from ingest.model import DateValue, Found, IngestError, ParsedArticle, RawText
from ingest.plaintext import PARIS, escape_markdown, person_name, word_set

logger = logging.getLogger(__name__)

NO_TEXT = (
    "no article text found in this HTML page: save the complete article page again "
    "(not the home page or a cut-short file), or paste the article's text into a .txt file"
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"\s+")
_TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " · ", " :: ")
_FURNITURE_WORDS = word_set(
    "digg reddit facebook twitter x linkedin whatsapp telegram pinterest flipboard email e-mail "
    "mail messenger bluesky mastodon share partager partagez imprimer print tweet envoyer send "
    "copier copy lien link sur on par by via this article cet le la l’article"
)
_TRAILING_FURNITURE = re.compile(
    r"\s*(?:read more|lire la suite|lire aussi|en savoir plus|continue reading)\W*$", re.IGNORECASE
)


def squash(text: str | None) -> str:
    """Whitespace runs made one space, ends stripped; None gives "".

    >>> squash("  Le\\n  président ")
    'Le président'
    """
    return _SPACES.sub(" ", text or "").strip()


# --------------------------------------------------------------------------------------------
# What the page's head says, read directly so that each value's origin can be named


@dataclass
class PageMeta:
    """Metadata read from the page itself: ``meta`` maps "property=og:title", "name=author"...
    to content; ``ld`` is the first JSON-LD object whose @type ends in "Article"."""

    meta: dict[str, str] = field(default_factory=dict)
    title_tag: str = ""
    h1s: list[str] = field(default_factory=list)
    canonical: str = ""
    html_lang: str = ""
    ld: dict = field(default_factory=dict)
    ld_nodes: dict[str, dict] = field(default_factory=dict)  # JSON-LD objects by their @id
    ld_webpage: dict = field(default_factory=dict)  # the first JSON-LD "WebPage" object
    times: list[str] = field(default_factory=list)  # <time datetime>, published ones first
    bylines: list[str] = field(default_factory=list)  # rel=author, class/itemprop "author"
    chrome_h1s: list[str] = field(default_factory=list)  # in the site's header, nav, aside...
    written_credits: list[list[str]] = field(default_factory=list)  # "Von Andreas Kürten"
    profile_credits: list[list[str]] = field(default_factory=list)  # "von <a href=/author/x>X"
    post_authors: list[str] = field(default_factory=list)  # a forum's <article data-author>
    commenters: set[str] = field(default_factory=set)  # names in class "comment-author"
    shown_text: str = ""  # all the text of the page's body a reader sees, casefolded
    labelled_dates: list[str] = field(default_factory=list)  # "Erschienen am: 13.10.2021"
    headline_dates: list[str] = field(default_factory=list)  # shown just after the headline
    byline_dates: list[str] = field(default_factory=list)  # "05.02.2020 - Redaktion: Name"
    above_headline_dates: list[str] = field(default_factory=list)  # shown just before it


_UNSEEN = ("script", "style", "noscript", "template")
_UNSEEN_TEXT = re.compile(
    r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")


def visible_text(text: str | None) -> str:
    """Text as a reader sees it: <script>, <style>, <noscript> and <template> blocks and any other
    tag removed (a <title> or a meta value is raw text, where tags are not parsed), then squashed.

    >>> visible_text('Sommet de Bruxelles<script>alert("title")</script>')
    'Sommet de Bruxelles'
    """
    return squash(_TAG.sub(" ", _UNSEEN_TEXT.sub(" ", text or "")))


def element_text(element: etree._Element, skip: re.Pattern | None = None) -> str:
    """An element's text as shown: what is inside <script>, <style>, <noscript> or <template>
    is left out (their tails are kept), and so is any element whose class ``skip`` finds."""
    return visible_text("".join(_texts(element, skip)))


# A headline's kicker (the rubric above it: "Klimaschutz", "Nach Corona-Lockerungen", often in
# a <small>) and separators only there for screen readers are not the headline.
_KICKER = re.compile(r"kicker|dachzeile|topline|overline|eyebrow|roofline|visually-hidden|sr-only")


def headline_text(h1: etree._Element) -> str:
    """An <h1>'s text without its kicker.

    >>> headline_text(lxml.html.fromstring('<h1><span class="kicker">Klimaschutz</span>'
    ...     '<span class="title">Bohren, bis es heiß wird</span></h1>'))
    'Bohren, bis es heiß wird'
    """
    return (_spaced_text(h1, _KICKER) or _spaced_text(h1)).strip(" :|-–—·")


def _spaced_text(h1: etree._Element, skip: re.Pattern | None = None) -> str:
    """The text of a headline whose parts are separate elements ("<span>Kicker</span><span>
    Title</span>"), one space between the parts."""
    pieces = [h1.text or ""]
    for child in h1:
        pieces += [" ", "".join(_texts(child, skip)), " ", child.tail or ""]
    return visible_text("".join(pieces))


def _texts(element: etree._Element, skip: re.Pattern | None = None):
    """The text pieces of ``element`` in order, skipping unseen elements but keeping their tails."""
    if not isinstance(element.tag, str) or element.tag in _UNSEEN:
        return
    if skip is not None and (
        skip.search(element.get("class") or "")
        or element.get("aria-hidden") == "true"
        or element.tag == "small"
    ):
        return
    if element.tag == "br":
        yield " "
    if element.text:
        yield element.text
    for child in element:
        yield from _texts(child, skip)
        if child.tail:
            yield child.tail


def _html_tree(text: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _json_ld_objects(tree: lxml.html.HtmlElement):
    """Every JSON-LD object of the page, in order, those of an "@graph" included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            yield item


def _json_ld_article(tree: lxml.html.HtmlElement, kind: str = "Article") -> dict:
    """The first JSON-LD object typed as an article ("NewsArticle", "Article"...; or another
    ``kind``, "WebPage"), or {}."""
    for item in _json_ld_objects(tree):
        kinds = item.get("@type", "")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(str(each).endswith(kind) for each in kinds):
            return item
    return {}


def _json_ld_nodes(tree: lxml.html.HtmlElement) -> dict[str, dict]:
    """The page's JSON-LD objects that have an "@id", by it: where an article's author given as
    {"@id": ...} is named (Yoast's "@graph")."""
    nodes: dict[str, dict] = {}
    for item in _json_ld_objects(tree):
        if isinstance(item.get("@id"), str) and len(item) > 1:
            nodes.setdefault(item["@id"], item)
    return nodes


def page_meta(tree: lxml.html.HtmlElement) -> PageMeta:
    """Read <meta>, <title>, <h1>, <time>, bylines, <link rel=canonical>, <html lang> and
    JSON-LD; no text inside <script>, <style>, <noscript> or <template> is ever read as text."""
    meta = PageMeta()
    # itemprop values are also given on shown elements: <p itemprop="datePublished"
    # content="2022-01-14 10:31:00">Januar 2022</p>
    for element in tree.xpath("//meta[@content] | //*[@itemprop][@content]"):
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                meta.meta.setdefault(f"{attribute}={key}", visible_text(element.get("content")))
    title = tree.find(".//title")
    meta.title_tag = element_text(title) if title is not None else ""
    meta.h1s = [headline_text(h1) for h1 in tree.iter("h1")]
    meta.chrome_h1s = [headline_text(h1) for h1 in tree.iter("h1") if _in_site_chrome(h1)]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.canonical = squash(canonical[0]) if canonical else ""
    meta.html_lang = squash(tree.get("lang") or tree.get("xml:lang"))
    meta.ld = _json_ld_article(tree)
    meta.ld_nodes = _json_ld_nodes(tree)
    meta.ld_webpage = _json_ld_article(tree, "WebPage")
    times = tree.xpath("//time[@datetime]")
    published = [t for t in times if _says_published(t)]
    in_article = [t for t in times if t not in published and _in_article(t)]
    meta.times = [squash(t.get("datetime")) for t in published + in_article]
    meta.bylines = bylines(tree)
    shown = shown_texts(tree)
    meta.written_credits = written_credits(tree, shown)
    meta.profile_credits = profile_credits(tree, shown)
    meta.post_authors = post_authors(tree)
    meta.commenters = {
        element_text(element).casefold()
        for element in tree.xpath('//*[contains(@class, "comment-author")]')[:_MOST_COMMENTERS]
    }
    body = tree.find("body")
    meta.shown_text = " ".join(_shown_texts(body if body is not None else tree)).casefold()
    meta.labelled_dates = labelled_dates(tree)
    meta.headline_dates, meta.above_headline_dates = headline_dates(tree)
    meta.byline_dates = byline_dates(tree)
    return meta


# Classes of a byline's parts that are not the credit: the author's biography, photo, comments.
_NOT_BYLINE = re.compile(r"bio|desc|image|img|avatar|photo|comment|social|follow|more|date|time")


def bylines(tree: lxml.html.HtmlElement) -> list[str]:
    """Short texts the page marks as its byline, in order: rel=author, itemprop=author, a class
    "author", "byline", "author-name", "article_author-name", "autor"... (not the author's
    biography, photo or a comment's author)."""
    found = []
    for element in tree.xpath(
        '//*[@rel="author" or @itemprop="author"'
        ' or contains(@class, "author") or contains(@class, "byline") or contains(@class, "autor")]'
    ):
        if element.tag in ("meta", "link", "html", "body", "img") or _in_site_chrome(element):
            continue
        classes = (element.get("class") or "").casefold()
        parent = element.getparent()
        if _NOT_BYLINE.search(classes) or (
            parent is not None and _NOT_BYLINE.search((parent.get("class") or "").casefold())
        ):
            continue
        text = element_text(element)
        if text and len(text) <= _SHORT_CREDIT and text not in found:
            found.append(text)
            if len(found) == _MOST_FOUND:
                break
    return found


def _shown_texts(root: etree._Element):
    """The text pieces a reader sees under ``root``, in order (nothing from <script>, <style>,
    <noscript> or <template>), each squashed, empty ones left out."""
    for piece in root.xpath(".//text()"):
        text = squash(str(piece)) if _shown(piece) else ""
        if text:
            yield text


def _shown(piece) -> bool:
    """A text node a reader sees: not inside <script>, <style>, <noscript> or <template>."""
    owner = piece.getparent()
    if owner is not None and piece.is_tail:
        owner = owner.getparent()
    if owner is None or not isinstance(owner.tag, str):
        return False
    return owner.tag not in _UNSEEN and not any(a.tag in _UNSEEN for a in owner.iterancestors())


# "Erschienen am:", "Veröffentlicht am", "Publié le", "Published on", "Publicado el"...: the page
# says which of its dates is the publication's.
_PUBLISHED_LABEL = re.compile(
    r"(?:erschienen|veröffentlicht|publiziert|publié|publiée|published|publicado|publicada"
    r"|pubblicato|gepubliceerd)(?:\s+(?:am|le|on|el|il|op))?\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_SHORT = 80  # a label and its date are short; a sentence of the text that says "published" is not


def labelled_dates(tree: lxml.html.HtmlElement) -> list[str]:
    """Dates the page labels as its publication's, in order: "Erschienen am: 13.10.2021" (the
    label and the date may be in two elements), "Publié le 13 septembre 2023"."""
    body = tree.find("body")
    texts = list(_shown_texts(body if body is not None else tree))
    found = []
    for index, text in enumerate(texts):
        match = _PUBLISHED_LABEL.search(text) if len(text) <= _SHORT else None
        if match:
            following = " ".join([match[1], *texts[index + 1 : index + 3]])[:_SHORT]
            found.append(following)
            if len(found) == _MOST_FOUND:
                break
    return found


_DATE_ALONE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$", re.I)


def byline_dates(tree: lxml.html.HtmlElement) -> list[str]:
    """Dates shown with the article's credit, in order: "05.02.2020" followed by "- Redaktion:
    Eberhard Fuhr", or in one line "04.02.2022 | 13:10 Uhr | Uta Helkenberg"."""
    body = tree.find("body")
    texts = list(_shown_texts(body if body is not None else tree))
    found = []
    for index, text in enumerate(texts):
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if (_DATE_ALONE.match(text) and credit_in(following.lstrip("-–—|· "))) or dated_credit(
            text
        ):
            found.append(text)
            if len(found) == _MOST_FOUND:
                break
    return found


def headline_dates(tree: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """The short texts shown right after the article's headline, and those of the (at most
    two) elements just before it in the same block ("<div class=Datetime>6 May 2022 - 2:00 a.
    m.</div><h1>"). After: the texts (its first <h1> outside the
    site's header, navigation and sidebars), where a page shows its date ("Stand: 28.04.2020
    18:00 Uhr", "<time>29.04.2020, 12:01 Uhr</time>"), up to 300 characters; first a
    ``data-date`` of the next elements, which a style shows (``content: attr(data-date)``)."""
    # an <h1> with no text is a logo (<h1><a href="/"><img ...></a></h1>), not the headline
    h1s = [h1 for h1 in tree.iter("h1") if not _in_site_chrome(h1) and element_text(h1)]
    if not h1s:
        # no <h1> headline (a forum's "<h2 class=Title>"): the first <h2> the <title> starts with
        title = tree.find(".//title")
        head = element_text(title).casefold() if title is not None else ""
        h1s = [
            h2
            for h2 in tree.iter("h2")
            if len(element_text(h2)) >= 15 and head.startswith(element_text(h2).casefold())
        ][:1]
    if not h1s:
        return [], []
    texts = [
        squash(element.get("data-date"))
        for element in h1s[0].xpath("following::*[position() <= 20][@data-date]")[:1]
    ]
    length = 0
    for piece in h1s[0].xpath("following::text()"):
        text = squash(str(piece)) if _shown(piece) else ""
        if not text:
            continue
        texts.append(text)
        length += len(text)
        if length > 300:
            break
    before = [
        element_text(sibling)
        for sibling in reversed(h1s[0].xpath("preceding-sibling::*[position() <= 2]"))
    ]
    under = [
        text
        for index, text in enumerate(texts)
        if len(text) <= _SHORT and not (index and _OTHER_EVENT.search(texts[index - 1]))
    ]
    return under, [text for text in before if text and len(text) <= _SHORT]


# A label of a date that is not the publication's: "Registriert: 18.09.2008" (a forum user's).
_OTHER_EVENT = re.compile(
    r"(?:registriert|mitglied\s+seit|dabei\s+seit|joined|member\s+since|inscrit\s+le)\s*:?$",
    re.IGNORECASE,
)


# A credit as pages write it: "Von Andreas Kürten", "Geschrieben von Cooper am 25.08.2015",
# "Autor: Fritz Imhof", "Auteur : Kossivi Tiassou", "Eine Kolumne von Nils Pickert", or the label
# alone ("Autor:", "Text:") with the name in the next element.
_CREDIT_LABEL = re.compile(
    r"^[-–—|·•\s]*(?:"
    r"(?P<named>(?:(?:geschrieben|erstellt|verfasst|written|posted|publié|escrito)\s+(?:von|by|par|por)"
    r"|(?:ein(?:e|en)?\s+)?(?:artikel|beitrag|kolumne|bericht|text|interview|reportage)\s+von))"
    r"|(?P<by>von|by|par|por)"
    r"|(?P<noun>(?:autor(?:in)?|author|auteure?)\s*(?::|$)"
    r"|(?:text|texte|redaktion)(?:\s*(?:&|und|and|/)\s*(?:fotos?|bilder?|photos?))?\s*:)"
    r")\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ARTICLES = word_set("die der das den dem des ein eine el los las lo il the a an")  # not a name
_MOST_FOUND = 20  # credits, bylines or labelled dates kept per page: only the first ones count
_USER_NAME = re.compile(r"^[A-Z][\w.-]{2,30}$")
_SHORT_CREDIT = 90


def credit_in(text: str, following: str = "", dated: bool = False) -> list[str]:
    """The names a short text gives as the page's credit, else []: after "von", "by", "par"
    a person's name (2 to 5 capitalised words); after an explicit label ("Geschrieben von",
    "Posted by", "Autor:") or before a date (``dated``: "von Marianne1 am 20.09.2020") also a
    user name ("Cooper", "Marianne1"). A label alone takes its name from ``following``, the
    next text shown.

    >>> credit_in("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR")
    ['Volkmar Kabisch', 'Jan Lukas Strozyk', 'Benedikt Strunz']
    >>> credit_in("Autor:", "Fritz Imhof"), credit_in("Erstellt von Fabian am Dienstag 6. Mai 2014")
    (['Fritz Imhof'], ['Fabian'])
    >>> credit_in("Von Berlin aus gesehen ist das weit"), credit_in("Text: Die Lage")
    ([], [])
    """
    match = _CREDIT_LABEL.match(text) if len(text) <= _SHORT_CREDIT else None
    if not match:
        return []
    rest = match["rest"] or (following if len(following) <= _SHORT_CREDIT else "")
    labelled = bool(match["named"] or match["noun"]) or dated
    names = []
    for name in credit_names(rest):
        name = _JOB_BEFORE_NAME.sub("", re.sub(r"\s*\(.*$", "", name)).strip()
        person = person_name(name) if name.split()[0].casefold() not in _ARTICLES else None
        if person is None and labelled and _USER_NAME.match(name):
            person = name
        if person is None:
            break  # not a name, or an agency or a job after the names: "NDR", "Projektleiterin"
        names.append(person)
    return names


# A job title written before a name: "FOCUS-Online-Experte Robin Tschöpe", "Rechtsanwalt X".
_JOB_BEFORE_NAME = re.compile(
    r"^(?:[\w-]*-)?(?:experte|expertin|redakteur(?:in)?|korrespondent(?:in)?|rechtsanwalt|"
    r"rechtsanwältin|chefredakteur(?:in)?|reporter(?:in)?|dr\.(?=\s))\s+",
    re.IGNORECASE,
)


_COMMENTS = re.compile(r"comment|kommentar|reply|respon(?!sive)", re.IGNORECASE)


def _in_comments(element: etree._Element) -> bool:
    """Inside the page's comments (a class or id with "comment", "Kommentar", "reply"): a
    commenter's name there is not the article's credit (lopinion.fr: "Par Bruno Gobin, le
    mercredi 15 mai 2019" under the article)."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):  # the page's own classes ("vc_responsive") say nothing
            break
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _COMMENTS.search(marks):
            return True
    return False


# A byline's date after the name: "von <a>Marianne1</a> am 20.09.2020".
_DATED = re.compile(r"^(?:am|on|le|el|il)\s+\d", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:,|&|und|and|et|y|e)$", re.IGNORECASE)


def shown_texts(tree: lxml.html.HtmlElement) -> tuple[list, list[str]]:
    """The text pieces of the page's body a reader sees (not empty), and each one squashed:
    what the credits are read from (computed once a page, given to each reader of credits)."""
    body = tree.find("body")
    pieces = [
        piece
        for piece in (body if body is not None else tree).xpath(".//text()")
        if _shown(piece) and squash(str(piece))
    ]
    return pieces, [squash(str(piece)) for piece in pieces]


def written_credits(
    tree: lxml.html.HtmlElement, shown: tuple[list, list[str]] | None = None
) -> list[list[str]]:
    """The credits written in the page's text, in order, each a list of names (see
    ``credit_in``): "Von Andreas Kürten", "<strong>Text:</strong> Klausmartin Friedrich". A
    credit opens an element or a line ("von" after other words in a sentence is not one)."""
    pieces, texts = shown or shown_texts(tree)
    credits: list[list[str]] = []
    for index, text in enumerate(texts):
        if pieces[index].is_tail and pieces[index].getparent().tag != "br":
            continue
        following = texts[index + 1] if index + 1 < len(texts) else ""
        after = index + 2
        if after < len(texts) and _JOB_BEFORE_NAME.match(f"{following} "):
            following = f"{following} {texts[after]}"  # "Autor: <a>Rechtsanwalt</a> Name"
            after += 1
        while (
            after + 1 < len(texts)
            and _CONNECTOR.match(texts[after])
            and len(following) + len(texts[after + 1]) < _SHORT_CREDIT
        ):
            following = f"{following}, {texts[after + 1]}"  # "<a>A</a> und <a>B</a>"
            after += 2
        dated = after < len(texts) and bool(_DATED.match(texts[after]))
        names = credit_in(text, following, dated) or dated_credit(text)
        if names and names not in credits and not _in_comments(pieces[index].getparent()):
            credits.append(names)
            if len(credits) == _MOST_FOUND:
                break
    return credits


# A link to a person's page on the site: "/author/fabian/", "/user-uebersicht/?u=79003",
# "userinfo.php?uid=6", "/members/pepemaus.81656/".
_PROFILE_LINK = re.compile(
    r"/(?:authors?|autor(?:en)?|users?|members?|profile?|benutzer|mitglied(?:er)?)(?:[-_.]\w*)?"
    r"(?:/|\?|$)|userinfo|[?&](?:u|uid|userid|user_id)=\d",
    re.IGNORECASE,
)
_BEFORE_LINKED_NAME = re.compile(r"(?:^|\s)(?:von|by|par|por|de)\s*:?$", re.IGNORECASE)
_DATE_AFTER_NAME = re.compile(
    r"^(?:(?:am|on|le|el|il)\s+\S*\s*\d|[,|–-]?\s*\d{1,2}[./]\d{1,2}[./]\d{2,4})", re.IGNORECASE
)
_ALL_BY = re.compile(
    r"^(?:alle[sn]?|all|mehr|more)\s+(?:\w+\s+)?(?:von|by|par|de)\s+(?P<name>.+)$", re.IGNORECASE
)
_LINKED_USER = re.compile(r"^\w[\w.-]{1,30}$")
_MOST_LINKS = 500  # links to people's pages looked at per page
_MOST_COMMENTERS = 200


def _profile_link(piece) -> etree._Element | None:
    """The link to a person's page whose text ``piece`` is (or None)."""
    owner = piece.getparent()
    if piece.is_tail or owner is None:
        return None
    link = next((a for a in (owner, *owner.iterancestors()) if a.tag == "a"), None)
    return link if link is not None and _PROFILE_LINK.search(link.get("href") or "") else None


def _linked_name(link: etree._Element) -> str | None:
    text = element_text(link)
    every = _ALL_BY.match(text)
    name = every["name"] if every else text
    name = person_name(name) or (name if _LINKED_USER.match(name) else None)
    return name if name and name.casefold() not in _NOT_NAMES else None


def profile_credits(
    tree: lxml.html.HtmlElement, shown: tuple[list, list[str]] | None = None
) -> list[list[str]]:
    """Names linked to the person's page on the site and shown as a credit, in order: after
    "von", "by" ("Erstellt von <a href=/author/fabian/>Fabian</a>", with the names linked after
    it: "von <a>A</a> und <a>B</a>"), before a date ("<a href=/user-uebersicht/?u=79003>MikeNils
    </a> 18.10.2019, 15:07 Uhr"), or as "Alles von Martin Junker"; a user name may be in small
    letters ("uriebe"). Not in the site's navigation, sidebars or comments."""
    pieces, texts = shown or shown_texts(tree)
    found: list[list[str]] = []
    looked = 0
    for index, piece in enumerate(pieces):
        link = _profile_link(piece)
        if link is None:
            continue
        looked += 1
        if looked > _MOST_LINKS or len(found) == _MOST_FOUND:
            break
        before = texts[index - 1] if index else ""
        after = texts[index + 1] if index + 1 < len(texts) else ""
        if not (
            _ALL_BY.match(texts[index])
            or _BEFORE_LINKED_NAME.search(before)
            or _DATE_AFTER_NAME.match(after)
        ):
            continue
        name = _linked_name(link)
        if name is None or _in_site_chrome(link) or _in_comments(link):
            continue
        names, following = [name], index + 1
        while following + 1 < len(pieces) and _CONNECTOR.match(texts[following]):
            other = _profile_link(pieces[following + 1])
            other_name = _linked_name(other) if other is not None else None
            if other_name is None:
                break
            names.append(other_name)
            following += 2
        if names not in found:
            found.append(names)
    return found


# A date (and time) then the author: "04.02.2022 | 13:10 Uhr | Uta Helkenberg", "06.11.2023
# 13:30 von Olga".
_DATE_THEN_CREDIT = re.compile(
    r"^\d{1,2}\.\d{1,2}\.\d{2,4}(?:[\s,|]+\d{1,2}[:.]\d{2}(?:\s*uhr)?)?\s*"
    r"(?:(?P<bar>[|·•])\s*|(?P<by>von|by|par|por)\s+)(?P<name>[^|·•]+)$",
    re.IGNORECASE,
)


def dated_credit(text: str) -> list[str]:
    """The author of a line that gives the date, then the name after "|" (a person's name)
    or after "von", "by" (also a user name), else [].

    >>> dated_credit("04.02.2022 | 13:10 Uhr | Uta Helkenberg")
    ['Uta Helkenberg']
    >>> dated_credit("06.11.2023 13:30 von Olga")
    ['Olga']
    >>> dated_credit("04.02.2022 | 13:10 Uhr | Pressemitteilung")
    []
    """
    match = _DATE_THEN_CREDIT.match(text) if len(text) <= _SHORT_CREDIT else None
    if not match:
        return []
    name = squash(match["name"])
    person = person_name(name) or (name if match["by"] and _USER_NAME.match(name) else None)
    return [person] if person else []


def post_authors(tree: lxml.html.HtmlElement) -> list[str]:
    """The author of a forum thread's first post, as the forum marks it (XenForo's
    ``<article class="message" data-author="Pepemaus">``, in a container of replies), outside
    the site's navigation and sidebars."""
    for element in tree.xpath("//*[@data-author]")[:_MOST_FOUND]:
        name = squash(element.get("data-author"))
        if name and len(name) <= 40 and not _in_site_chrome(element):
            return [name]
    return []


# A signature ending the article: "Stefan Wasmer", "Benni 10. September 2017", "Euer HansEhrlich".
_SIGN_OFF = re.compile(
    r"^(?:(?:euer|eure|ihr|ihre|dein|deine|cheers|yours|best|grüße|gruß|lg),?\s+)?"
    r"(?P<name>\S+(?:\s+\S+){0,3}?)(?:\s+(?P<date>\d{1,2}\.?\s+\w+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4}))?$",
    re.IGNORECASE,
)


# A signature with the signer's office on the line after the name: "Kazım TÜRKMEN
# DITIB-Bundesvorsitzender".
_NAME_THEN_JOB = re.compile(
    r"^(?P<name>\S+\s+\S+(?:\s+\S+)?)\s+(?P<job>[\w-]*(?:vorsitzende[rn]?|präsident(?:in)?"
    r"|sprecher(?:in)?|leiter(?:in)?|direktor(?:in)?|redakteur(?:in)?|geschäftsführer(?:in)?"
    r"|bischof|pfarrer(?:in)?|president|director|editor|spokes(?:wo)?man))$",
    re.IGNORECASE,
)


def signature(paragraphs: list[str]) -> list[str]:
    """The name signing the article in its last paragraph: a person's name alone, or a user
    name with a sign-off ("Euer HansEhrlich") or a date ("Benni 10. September 2017"), else [].

    >>> signature(["...", "Stefan Wasmer"]), signature(["...", "Benni 10. September 2017"])
    (['Stefan Wasmer'], ['Benni'])
    >>> signature(["...", "Kazım TÜRKMEN DITIB-Bundesvorsitzender"])
    ['Kazım TÜRKMEN']
    >>> signature(["...", "Viel Glück!"]), signature(["...", "Weiterlesen"])
    ([], [])
    """
    last = paragraphs[-1] if paragraphs else ""
    job = _NAME_THEN_JOB.match(last) if len(last) <= 60 else None
    if job and person_name(job["name"]):
        return [job["name"]]
    match = _SIGN_OFF.match(last) if len(last) <= 60 else None
    if not match:
        return []
    name = match["name"]
    if person_name(name):
        return [person_name(name)]
    signed = name != last  # a sign-off before it or a date after it
    return [name] if signed and _USER_NAME.match(name) else []


# An agency credited in the text, when nobody is: "Hamburg (dpa/lno) – Trotz eines...",
# "Quelle: kathpress", "... gleichgestellt werden. (KAP)".
_DATELINE_AGENCY = re.compile(
    r"^[A-ZÄÖÜ][\w.-]+(?:\s[A-ZÄÖÜ][\w.-]+)?\s+\((?P<credit>[\w/ ,-]{2,30})\)\s*[–—-]"
)
_SOURCE_AGENCY = re.compile(
    r"(?:^|\s)(?:quelle|source|fuente)\s*:\s*(?P<credit>[\w/ -]{2,30})$|\((?P<end>[\w/]{2,20})\)$",
    re.IGNORECASE,
)


def agency_credit(paragraphs: list[str]) -> list[str]:
    """The news agency the text credits in its dateline or at its end, else [].

    >>> agency_credit(["Hamburg (dpa/lno) – Trotz eines Gespräches ...", "..."])
    ['dpa', 'lno']
    >>> agency_credit(["...", "Quelle: kathpress"]), agency_credit(["Berlin (Reuters) - ..."])
    (['kathpress'], ['Reuters'])
    >>> agency_credit(["Paris (Frankreich) – ...", "(Fortsetzung folgt)"])
    []
    """
    if not paragraphs:
        return []
    for match in (
        _DATELINE_AGENCY.match(paragraphs[0][:200]),
        _SOURCE_AGENCY.search(paragraphs[-1][-80:]),
    ):
        credit = match and (match["credit"] if "credit" in match.re.groupindex else None)
        credit = credit or (match["end"] if match and "end" in match.re.groupindex else None)
        parts = [squash(part) for part in re.split(r"[/,]", credit)] if credit else []
        if parts and _AGENCY.match(parts[0]):
            return [part for part in parts if part]
    return []


def _in_site_chrome(element: etree._Element) -> bool:
    """Inside the site's navigation, sidebar or footer, or a <header> outside any <article> or
    <main>: where a logo or another story's teaser sits, not the article's headline."""
    ancestors = [a.tag for a in element.iterancestors()]
    if any(tag in ("nav", "aside", "footer") for tag in ancestors):
        return True
    return "header" in ancestors and not any(tag in ("article", "main") for tag in ancestors)


def _in_article(element: etree._Element) -> bool:
    return any(a.tag in ("article", "main") for a in element.iterancestors())


def _says_published(time: etree._Element) -> bool:
    """A <time> marked as the publication time (pubdate, itemprop=datePublished, a class with
    "publi" or "date-pub" in it)."""
    marks = " ".join(
        (time.get("itemprop") or "", time.get("class") or "", time.get("pubdate") or "")
    )
    return time.get("pubdate") is not None or bool(
        re.search(r"publi|datepub|date-pub", marks, re.I)
    )


def _ld_names(value: object) -> list[str]:
    """Names in a JSON-LD author or publisher value: a string, an object or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = [item.get("name") if isinstance(item, dict) else item for item in items]
    names = [n for name in names for n in (name if isinstance(name, list) else [name])]
    return [squash(str(name)) for name in names if name and isinstance(name, str)]


def ld_authors(page: PageMeta) -> list:
    """The article's JSON-LD authors (else its web page's), each given by reference ({"@id":
    ...}) replaced by the object of that "@id" elsewhere on the page; a person named by a first
    name alone ("Stefanus") with the full name its description starts with ("Stefanus Stahl -
    Maschinenbauer").
    """
    value = page.ld.get("author") or page.ld_webpage.get("author")
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = page.ld_nodes.get(item["@id"], item)
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            name, about = squash(item["name"]), squash(str(item.get("description") or ""))
            whole = person_name(" ".join(about.split()[:2])) if " " not in name else None
            if whole and whole.split()[0] == name:
                item = {**item, "name": whole}
        found.append(item)
    return found


# --------------------------------------------------------------------------------------------
# Fixing trafilatura's metadata


def same(a: str, b: str) -> bool:
    """Texts equal when case and spacing are ignored.

    >>> same(" Le  Monde", "le monde")
    True
    """
    return bool(a) and squash(a).casefold() == squash(b).casefold()


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """The title without a trailing " | X", " - X", " — X" (or " – ", " · ") when X is one of
    the site's names.

    >>> strip_site_suffix("Kim et Poutine se retrouvent | Le Journal", ["Le Journal"])
    'Kim et Poutine se retrouvent'
    >>> strip_site_suffix("Kim et Poutine - Vostotchny", ["Le Journal"])
    'Kim et Poutine - Vostotchny'
    """
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and any(same(tail, name) for name in site_names):
            return head.strip()
    return title


def h1_title(title: str, h1s: list[str]) -> str | None:
    """The on-page <h1> that the title starts with (alone, or followed by a separator such as
    " | Site"), else None.

    >>> h1_title("Kim et Poutine | Le Journal", ["Le Journal", "Kim et Poutine"])
    'Kim et Poutine'
    >>> h1_title("Kim et Poutine se retrouvent", ["Kim"]) is None
    True
    """
    for h1 in h1s:
        if not h1 or not title.casefold().startswith(h1.casefold()):
            continue
        rest = title[len(h1) :]
        if not rest.strip() or rest.startswith(_TITLE_SEPARATORS) or rest.lstrip().startswith(":"):
            return h1
    return None


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def is_site_name(text: str, site_names: list[str], host: str = "") -> bool:
    """The text names the site: one of its names, or its web address ("MDR.DE", "homify" on
    www.homify.de), spacing, case and punctuation ignored.

    >>> is_site_name("MDR.DE", [], "www.mdr.de"), is_site_name("Le Journal", ["le journal"])
    (True, True)
    >>> is_site_name("Vostotchny", ["Le Journal"], "journal.example")
    False
    """
    letters = _letters(text.strip("()[]"))
    if not letters:
        return False
    if any(letters == _letters(name) for name in site_names if name):
        return True
    labels = [label for label in host.casefold().split(".") if label not in ("www", "m")]
    host_letters = _letters("".join(labels))
    return (
        len(letters) >= 3
        and bool(labels)
        and (
            letters == host_letters
            or letters == _letters(labels[0])
            or letters in (_letters(host), _letters(".".join(labels)))
        )
    )


_SIDE_SEPARATORS = re.compile(r"\s+(?:\||-|—|–|·|::|:|›|»|•|/)\s+")


_GENERIC_PART = re.compile(
    r"^(?:blog\s*archiv(?:e)?|archiv(?:e)?s?|blog|forum|news|startseite|home|accueil|neuigkeiten"
    r"|aktuelles|nachrichten|actualités|noticias)$",
    re.I,
)


def strip_site_name(title: str, site_names: list[str], host: str = "") -> str:
    """The title without the site's name before or after a separator (" | ", " - ", " — ",
    " › ", " • "...) or in brackets at the end.

    >>> strip_site_name("Lotte Tobisch ist tot | wien.ORF.at", [], "wien.orf.at")
    'Lotte Tobisch ist tot'
    >>> strip_site_name("Le Journal - Kim et Poutine se retrouvent", ["Le Journal"])
    'Kim et Poutine se retrouvent'
    >>> strip_site_name("Mieten (neues deutschland)", ["neues deutschland"])
    'Mieten'
    """
    title = title.strip()
    bracket = re.match(r"^(.*\S)\s*\(([^()]+)\)$", title)
    if bracket and is_site_name(bracket[2], site_names, host):
        return bracket[1]
    parts = _SIDE_SEPARATORS.split(title)
    generic = [i for i, part in enumerate(parts) if _GENERIC_PART.match(part.strip())]
    if len(parts) > 2 and generic and 0 < generic[0] < len(parts) - 1:
        after = parts[generic[0] + 1 :]  # WordPress: "Site » Blog Archive » Title"
        if not all(is_site_name(part, site_names, host) for part in after):
            parts = after
    parts = [part for part in parts if not _GENERIC_PART.match(part.strip())] or parts
    named = [
        i
        for i, part in enumerate(parts)
        if is_site_name(part, site_names, host) or names_the_host(part, host)
    ]
    after = [i for i in named if i > 0]
    if after:  # "Title | Site | Site's slogan": the site's name and what follows it go
        parts = parts[: after[0]]
    before = [i for i in named if i < len(parts) - 1]
    if before and before[-1] == 0:  # "Site - Title"
        parts = parts[1:]
    if len(parts) == len(_SIDE_SEPARATORS.split(title)):
        return strip_site_suffix(title, site_names)
    kept = " | ".join(parts)
    return (
        title[title.index(parts[0]) : title.rindex(parts[-1]) + len(parts[-1])] if parts else kept
    )


def page_host(page: PageMeta) -> str:
    """The host of the page's canonical address (or og:url): "www.furche.at"."""
    return re.sub(
        r"^https?://([^/]+).*$", r"\1", page.canonical or page.meta.get("property=og:url", "")
    )


def _is_headline_h1(h1: str, site_names: list[str], host: str) -> bool:
    """An <h1> that can be the article's headline: not empty, not the site's name or logo."""
    return len(h1) >= 8 and len(h1.split()) >= 2 and not is_site_name(h1, site_names, host)


def _title(found: str, page: PageMeta, site_names: list[str]) -> Found | None:
    """The headline, reconciled: the page's <h1> when the head of the page (og:title,
    twitter:title, JSON-LD headline, <title>) contains it (the head adds a rubric or the site's
    name); else the head's title without the site's name; else a lone <h1>."""
    host = page_host(page)
    # an <h1> that is how the <title> ends, after a longer part ("Rinderleber-Geschnetzeltes mit
    # Apfel und Zwiebel | Liebe geht durch den Magen"), is the site's name in its logo; after a
    # shorter one ("Corona-Pandemie - ..."), a rubric precedes the headline
    title_parts = _SIDE_SEPARATORS.split(page.title_tag)
    title_ends = [p for p in title_parts[1:] if len(p) < len(title_parts[0])]
    site_names = [*site_names, *(h1 for h1 in page.h1s if any(same(h1, e) for e in title_ends))]
    headline = page.ld.get("headline")
    heads = [
        (page.meta.get("property=og:title", ""), "html <meta property=og:title>"),
        (page.meta.get("name=twitter:title", ""), "html <meta name=twitter:title>"),
        (visible_text(headline) if isinstance(headline, str) else "", "html JSON-LD headline"),
        (page.title_tag, "html <title>"),
        (visible_text(found), "html title (trafilatura)"),
    ]
    heads = [
        (text, how) for text, how in heads if text and not is_site_name(text, site_names, host)
    ]
    # a segment of the head's title left out as the site's name is not a headline either
    dropped = [
        part
        for text, _ in heads
        for part in _SIDE_SEPARATORS.split(text)
        if part.casefold() not in strip_site_name(text, site_names, host).casefold()
    ]
    h1s = [
        h1
        for h1 in page.h1s
        if _is_headline_h1(h1, site_names, host) and not any(same(h1, d) for d in dropped)
    ]
    # of several <h1>s, the one the page's own head names (trafilatura's title is one of them)
    own = [text for text, how in heads if len(h1s) == 1 or how != "html title (trafilatura)"]
    matching = [h1 for h1 in h1s if any(h1.casefold() in text.casefold() for text in own)]
    if matching:
        return Found(max(matching, key=len), "html <h1>")
    h1s = [h1 for h1 in h1s if h1 not in page.chrome_h1s]
    if len(h1s) == 1 and len(h1s[0].split()) >= 4:
        # a kicker written without markup: "Tunesien Große Aufgaben..." when the head says
        # "Große Aufgaben..."
        for text, _ in heads:
            head = strip_site_name(text, site_names, host)
            if len(head) >= 15 and h1s[0].casefold().endswith(head.casefold()):
                return Found(h1s[0][-len(head) :], "html <h1>")
            # or the head writes it with a separator: "Coronavirus und andere Zoonosen – Wie
            # Umweltzerstörung..." for the <h1> "Coronavirus und andere Zoonosen Wie ..."
            parts = _SIDE_SEPARATORS.split(head)
            if len(parts) == 2 and same(h1s[0], " ".join(parts)) and len(parts[1]) >= 15:
                return Found(parts[1], "html <h1>")
        return Found(h1s[0], "html <h1>")
    if heads:
        text, how = heads[0]
        return Found(strip_site_name(text, site_names, host), how)
    return Found(h1s[0], "html <h1>") if h1s else None


def _source(sitename: str | None, page: PageMeta) -> Found | None:
    sitename = squash(sitename)
    if not sitename:
        return None
    if same(sitename, page.meta.get("property=og:site_name", "")):
        return Found(sitename, "html <meta property=og:site_name>")
    if any(same(sitename, name) for name in _ld_names(page.ld.get("publisher"))):
        return Found(sitename, "html JSON-LD publisher")
    return Found(sitename, "html site name (trafilatura)")


_CREDIT_SEPARATORS = re.compile(
    r"\s*(?:;|,|&|\||/|\s[-–—]\s|\bund\b|\band\b|\bet\b|\by\b|\bavec\b|\bwith\b"
    r"|\bim\s+gespräch\s+mit\b|\bin\s+conversation\s+with\b)\s*",
    re.IGNORECASE,
)
_CREDIT_PREFIX = re.compile(
    r"^(?:(?:written\s+|posted\s+|publié\s+)?(?:by|par|von|de|por|door|di)\b|interview|text|texte"
    r"|autor(?:in)?|author|auteure?|reporter|vom|(?:beitrag|artikel)\s*von|mit|posted)\s*:?(?:\s+|$)",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"\s+(?:stand|updated|mis\s+à\s+jour|publié|published|am|le|on|vor|for\s+the|\d|alle\s+artikel"
    r"|all\s+articles|tiempo\s+de|hace\b|»|illustration(?:en)?\b|fotos?\b|photos?\b|bild(?:er)?\b"
    r"|@\w+$).*$",
    re.IGNORECASE,
)
# Words of a byline's date or label, not a name: "Publicado", "Zuletzt geändert", "Stand",
# "14:57 Uhr".
_NOT_A_NAME = re.compile(
    r"^(?:\d|(?:publicado|actualizado|aktualisiert|zuletzt|stand|updated|modifié|pressemitteilung)"
    r"\b)",
    re.IGNORECASE,
)
_NOT_NAMES = word_set(
    "admin administrator wordpressadmin name datum on am le veröffentlicht published publié"
)
# An organisation rather than a person ("Hanns-Seidel-Stiftung e.V", "jungefreiheit.de",
# "Deutsche Welle (www.dw.com)", "Web Commerce GmbH"): kept only when it is the whole credit.
_ORGANISATION = re.compile(
    r"\b(?:e\.\s?v|gmbh|ag|se|ltd|inc|llc|s\.a|verband|verein|stiftung|magazin|zeitung|verlag"
    r"|redaktion|union|partei|online|news|\w*anstalt|institut|ministerium|gesellschaft|agentur"
    r"|hochschule|universität|university|association|agency)\b|\.(?:de|at|ch|com|org|net|fr|es|eu|info)\b|www\.",
    re.IGNORECASE,
)
_WITHOUT_ARTICLE = re.compile(r"^(?:die|der|das|le|la|les|l'|l’|the|el|il)\s*", re.IGNORECASE)
# A desk rather than a person: kept only when it is the whole credit.
# A news agency beside the author ("Peter Maahn/SP-X"): kept only when it is the whole credit.
_AGENCY = re.compile(
    r"^(?:dpa|afp|ap|apa|reuters|kna|epd|sid|sda|ats|ansa|efe|ddp|dapd|sp-x|kathpress|ots|dts"
    r"|upi|anp|belga|ntb|ritzau|ctk|pap|tass|xinhua|kyodo)$",
    re.IGNORECASE,
)
_DESKS = re.compile(r"^(?:redaktion|rédaction|redacción|redazione|newsroom|staff|editors?)\b", re.I)


def credit_names(credit: str) -> list[str]:
    """The names in a credit as a page writes it: "By", "Par", "Von", "Interview" and such
    removed, split on ",", ";", "&", "and", "et", "und"..., a date or "Stand ..." after a name
    dropped.

    >>> credit_names("Par Claire Martin et Jean Dupont")
    ['Claire Martin', 'Jean Dupont']
    >>> credit_names("Von Sara Zinnecker Stand: 12.03.2020")
    ['Sara Zinnecker']
    """
    names = []
    for part in _CREDIT_SEPARATORS.split(visible_text(credit)):
        name = _CREDIT_PREFIX.sub("", squash(part))
        name = _CREDIT_TAIL.sub("", name).strip(" .:,-–—|·'\"“”‘’©")
        name = _JOB_BEFORE_NAME.sub("", name)
        if (
            name
            and any(c.isalpha() for c in name)
            and name.casefold() not in _NOT_NAMES
            and not _NOT_A_NAME.match(name)
        ):
            names.append(name)
    return names


def _ld_people(value: object, organisations: bool = False) -> list[str]:
    """Names of JSON-LD authors that are people (or, with ``organisations``, that are not)."""
    items = value if isinstance(value, list) else [value]
    kept = [
        item
        for item in items
        if organisations == (isinstance(item, dict) and "Organization" in str(item.get("@type")))
    ]
    return _ld_names(kept)


def _completed(people: list[str], credits: list[tuple[list[str], str]]) -> list[str]:
    """Names given as a first name alone ("Nils", the site's user name) completed from another
    credit of the page that starts with it ("Nils Pickert")."""
    others = [name for names, _ in credits for name in names if person_name(name) == name]
    return [
        next((o for o in others if o.casefold().startswith(f"{name.casefold()} ")), name)
        if " " not in name
        else name
        for name in people
    ]


def names_the_host(name: str, host: str) -> bool:
    """The text names the site by its address's main label: it contains it ("EFC Bayrische
    Bembel" on bayrische-bembel.de, "Die FURCHE" on www.furche.at) or starts like it
    ("Bibliothek 2.0 und mehr" on www.bibliothek2null.de).

    >>> names_the_host("MyOOS Community Forum", "foren.myoos.de")
    True
    >>> names_the_host("Bibliothek 2.0 und mehr", "www.bibliothek2null.de")
    True
    >>> names_the_host("Kim et Poutine", "www.journal.fr")
    False
    """
    labels = [label for label in host.casefold().split(".")[:-1] if label not in ("www", "m")]
    main = _letters(labels[-1]) if labels else ""
    letters = _letters(name)
    if len(main) < 5 or not letters:
        return False
    return main in letters or (len(main) >= 8 and letters.startswith(main[:8]))


def reconcile_authors(
    credits: list[tuple[list[str], str]], site_names: list[str], host: str = ""
) -> Found | None:
    """The first credit that names someone other than the site or a desk, deduplicated (case,
    dots and spacing ignored); when none does, the first credit that names anything (the site's
    or publisher's name is then the only credit given).

    >>> reconcile_authors([(["Le Journal"], "a"), (["Claire Martin", "claire martin"], "b")],
    ...                   ["Le Journal"])
    Found(value=('Claire Martin',), how='b', line=None)
    >>> reconcile_authors([([], "a"), (["Le Journal"], "b")], ["Le Journal"])
    Found(value=('Le Journal',), how='b', line=None)
    """
    fallback = None
    for names, how in credits:
        unique: list[str] = []
        for name in names:
            if not any(_letters(name) == _letters(other) for other in unique):
                unique.append(name)
        # one word beside an organisation's name is a piece of it: "Bayerische Landesanstalt
        # für Wald und Forstwirtschaft (LWF)", "L-MAG, Das Magazin für ..."
        organisation = any(_ORGANISATION.search(name) for name in unique)
        people = [
            name
            for name in unique
            if not (organisation and (" " not in name or "(" in name))
            and not is_site_name(_WITHOUT_ARTICLE.sub("", name), site_names, host)
            and not names_the_host(name, host)
            and not is_site_name(name, site_names, host)
            and not _DESKS.match(name)
            and not (_AGENCY.match(name) and any(person_name(other) for other in unique))
            and not _ORGANISATION.search(name)
        ]
        if people:
            return Found(tuple(_completed(people, credits)), how)
        if unique and fallback is None:
            fallback = Found(tuple(unique), how)
    return fallback


def _first_byline(lines: list[str]) -> list[str]:
    """The names of the first byline that gives any ("Posted on" gives none, "by marc" does)."""
    return next((names for names in map(credit_names, lines) if names), [])


def _authors(
    author: str | None, page: PageMeta, site_names: list[str], paragraphs: list[str] = ()
) -> Found | None:
    """Authors from JSON-LD, a credit linked to the author's page, <meta name=author>, the
    credit written in the text, trafilatura's byline (not a commenter's), the page's byline, a
    forum post's author, the article's signature, then the agency the text credits. A <meta
    name=author> the page never shows its readers while it shows a credit of its own (the site's
    owner, its web agency) comes after that credit."""
    meta_author = page.meta.get("name=author", "")
    article_author = page.meta.get("property=article:author", "")
    meta_names = credit_names(meta_author)
    written = page.written_credits[0] if page.written_credits else []
    unshown = written and not any(name.casefold() in page.shown_text for name in meta_names)
    # the agency the text credits, when the page credits nobody, not even its desk ("Redaktion")
    agency = agency_credit(list(paragraphs))
    if any(_DESKS.match(name) for name in [*meta_names, *written, *credit_names(author or "")]):
        agency = []
    credits = [
        (
            [n for name in _ld_people(ld_authors(page)) for n in credit_names(name)],
            "html JSON-LD author",
        ),
        (
            page.profile_credits[0] if page.profile_credits else [],
            "html credit linked to the author's page",
        ),
        ([] if unshown else meta_names, "html <meta name=author>"),
        (
            [] if "://" in article_author else credit_names(article_author),
            "html <meta property=article:author>",
        ),
        (written, "html credit in the text"),
        (meta_names if unshown else [], "html <meta name=author>"),
        (
            [
                n
                for name in (author or "").split(";")
                for n in credit_names(name)
                # a commenter's name (the sidebar's "Recent Comments") is not the article's
                # credit, unless the page's byline also gives it
                if n.casefold() not in page.commenters or n in page.bylines
            ],
            "html byline (trafilatura)",
        ),
        (_first_byline(page.bylines), "html byline"),
        (page.post_authors, "html forum post author"),
        (signature(list(paragraphs)), "html signature ending the article"),
        (agency, "html agency credited in the text"),
        (_ld_people(ld_authors(page), organisations=True), "html JSON-LD author"),
    ]
    # the site's name as its <title> ends ("... | Die FURCHE") is not a person either
    tails = [
        _SIDE_SEPARATORS.split(text)[-1]
        for text in (page.title_tag, page.meta.get("property=og:site_name", ""))
        if len(_SIDE_SEPARATORS.split(text)) > 1
    ]
    return reconcile_authors(credits, [*site_names, *tails], page_host(page))


# Where a page states its publication time, most trusted first.
_PUBLISHED_META = (
    "property=article:published_time",
    "itemprop=datepublished",
    "name=pubdate",
    "name=publishdate",
    "name=publish-date",
    "property=og:published_time",
)
# Generic dates of the page that content systems often set to when it was last generated or
# changed: less trusted than a date the page shows as its publication's.
_GENERIC_META = ("name=dc.date", "name=dcterms.date", "name=date")
_MODIFIED_META = (
    "property=article:modified_time",
    "itemprop=datemodified",
    "property=og:updated_time",
)


def iso_date_value(text: str, tz: dt.tzinfo = PARIS) -> DateValue | None:
    """An ISO 8601 date as the page gives it: with a time and an offset, precision "minute" in
    that very offset; a time without offset is read in ``tz``; a date alone (or a bare midnight)
    is precision "day" at midnight in ``tz``, never a made-up time. None when not ISO 8601.

    >>> iso_date_value("2023-04-28T18:23:00+00:00").when.isoformat()
    '2023-04-28T18:23:00+00:00'
    >>> iso_date_value("2023-09-13").precision
    'day'
    """
    text = squash(text)
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        when = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        try:
            when = dt.datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if len(text) <= 10 or (when.tzinfo is None and when.time() == dt.time()):
        return DateValue(when.replace(tzinfo=tz), "day")
    if when.tzinfo is None:
        return DateValue(when.replace(tzinfo=tz), "minute")
    return DateValue(when.replace(tzinfo=dt.timezone(when.utcoffset())), "minute")


def _stated_dates(page: PageMeta, tz: dt.tzinfo) -> list[tuple[DateValue, str]]:
    """Every publication date the page states, most trusted first, with where it is."""
    stated = [(page.ld.get("datePublished"), "html JSON-LD datePublished")]
    stated += [(page.meta.get(key), f"html <meta {key}>") for key in _PUBLISHED_META]
    stated += [(text, "html <time datetime>") for text in page.times[:1]]
    found = []
    for text, how in stated:
        value = iso_date_value(text, tz) if isinstance(text, str) and text else None
        if value is not None:
            found.append((value, how))
    shown = [(text, "html date labelled as published") for text in page.labelled_dates]
    shown += [(text, "html date under the headline") for text in page.headline_dates]
    shown += [(text, "html date beside the byline") for text in page.byline_dates]
    shown += [(text, "html date above the headline") for text in page.above_headline_dates]
    for text, how in shown:
        value = shown_date(text, tz)
        if value is not None:
            found.append((value, how))
            break
    for key in _GENERIC_META:
        value = iso_date_value(page.meta.get(key) or "", tz)
        if value is not None:
            found.append((value, f"html <meta {key}>"))
    return found


_EARLIEST_SHOWN = dt.datetime(1995, 1, 1)  # before news sites; htmldate's own lower bound
_LATEST_SHOWN = dt.datetime(2100, 1, 1)


_SPACED_DAY = re.compile(r"\b(\d{1,2})\.\s+(\d{1,2})\.\s+(\d{4})\b")  # "4. 2. 2022"


def shown_date(text: str, tz: dt.tzinfo = PARIS) -> DateValue | None:
    """A date as a page shows it to readers, in any of the languages and forms htmldate reads
    ("29.04.2020, 12:01 Uhr", "Freitag, 21. Januar 2022", "13 septembre 2023"), as a day.

    >>> shown_date("Stand: 28.04.2020 18:00 Uhr").when.date()
    datetime.date(2020, 4, 28)
    >>> shown_date("4. 2. 2022.").when.date()
    datetime.date(2022, 2, 4)
    >>> shown_date("Lesedauer: 8 Min.") is None
    True
    """
    text = _SPACED_DAY.sub(r"\1.\2.\3", text)
    found = try_date_expr(text, "%Y-%m-%d", False, _EARLIEST_SHOWN, _LATEST_SHOWN)
    return iso_date_value(found, tz) if found else None


_READING = "html date (htmldate)"
# What the page shows its readers as its date is not doubted for htmldate's reading, which the
# page's other dates (a <meta name=date> of when it was generated, a comment's) may mislead.
_SHOWN = (
    "html date labelled as published",
    "html date under the headline",
    "html date beside the byline",
    "html date above the headline",
    "html date opening the text",
)
_ONE_DAY = dt.timedelta(days=1)


def _reading(html: str, tz: dt.tzinfo) -> DateValue | None:
    """htmldate's reading of the whole page: its original publication date."""
    found = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    return iso_date_value(found, tz) if found else None


def _modified(page: PageMeta, tz: dt.tzinfo) -> DateValue | None:
    texts = [page.ld.get("dateModified")] + [page.meta.get(key) for key in _MODIFIED_META]
    values = [iso_date_value(t, tz) for t in texts if isinstance(t, str) and t]
    return next((value for value in values if value is not None), None)


def _day(value: DateValue) -> dt.date:
    """The day the page means: in the page's own offset."""
    return value.when.date()


def _in_page_zone(
    value: DateValue,
    stated: list[tuple[DateValue, str]],
    reading: DateValue | None,
    tz: dt.tzinfo,
) -> DateValue:
    """A time the page gives in UTC ("Z", "+00:00") kept in UTC when that is the day the page
    reads as, else shown in the page's own offset when another of its dates gives one, else in
    ``tz`` (the page's zone, else the site's): always the same instant, on the day the page
    means. A UTC time that is midnight in ``tz`` is that day, with day precision."""
    if value.precision != "minute" or value.when.utcoffset() != dt.timedelta(0):
        return value
    local = value.when.astimezone(tz)
    if local.time() == dt.time() and local.utcoffset():
        # a day stored as midnight in the page's zone, written in UTC ("2021-11-04T23:00Z" for
        # 5 November in Germany): the day it is, not a time
        return DateValue(local, "day")
    if reading is not None and _day(value) == _day(reading):
        return value
    offsets = [v.when.utcoffset() for v, _ in stated if v.precision == "minute"]
    local = next((o for o in offsets if o), None)
    zone = dt.timezone(local) if local else tz
    return DateValue(value.when.astimezone(zone), value.precision)


def choose_date(
    stated: list[tuple[DateValue, str]],
    reading: DateValue | None = None,
    modified: DateValue | None = None,
    tz: dt.tzinfo = PARIS,
    months: tuple[tuple[int, int], ...] = (),
) -> Found | None:
    """The most trusted stated date that makes sense. ``reading`` is htmldate's reading of the
    whole page (its original publication date); a stated date more than a day away from it is
    doubted, and so is, when there is no reading, one after the page's own ``modified`` date;
    not one in a month (year, month) of ``months``, which the page shows ("Januar 2022" under
    its headline: a print edition's). ``how`` names the source and each date passed over, and why.

    >>> day = lambda d: DateValue(dt.datetime.fromisoformat(d).replace(tzinfo=PARIS), "day")
    >>> found = choose_date([(day("2019-05-02"), "a"), (day("2023-05-04"), "b")], day("2023-05-04"))
    >>> found.value.when.date().isoformat(), found.how
    ('2023-05-04', 'b; a said 2019-05-02, doubted: the page reads as 2023-05-04')
    """
    doubts: list[str] = []
    shown = next((value for value, how in stated if how in _SHOWN), None)
    for value, how in stated:
        if (
            shown is not None
            and value.precision == "minute"
            and _day(value) != _day(shown)
            and value.when.astimezone(dt.UTC).date() == _day(shown)
        ):
            # the page shows this instant's UTC day ("6 May 2022 - 2:00 a. m." for
            # 2022-05-05T21:00-05:00): the same instant, written in UTC
            value = DateValue(value.when.astimezone(dt.UTC), value.precision)
        value = _in_page_zone(value, stated, shown or reading, tz)
        agrees = reading is not None and abs((_day(value) - _day(reading)).days) <= 1
        if (_day(value).year, _day(value).month) in months:
            return Found(
                value, "; ".join([f"{how}, in the month shown under the headline", *doubts])
            )
        if reading is not None and not agrees and how not in _SHOWN:
            doubts.append(f"{how} said {_day(value)}, doubted: the page reads as {_day(reading)}")
        elif not agrees and modified is not None and _day(value) > _day(modified) + _ONE_DAY:
            doubts.append(f"{how} said {_day(value)}, doubted: after the page's modified date")
        else:
            return Found(value, "; ".join([how, *doubts]))
    if reading is not None:
        return Found(_in_page_zone(reading, stated, None, tz), "; ".join([_READING, *doubts]))
    return None


def page_date(html: str, page: PageMeta, tz: dt.tzinfo = PARIS, opening: str = "") -> Found | None:
    """The publication date: JSON-LD datePublished, article:published_time and similar <meta>,
    the first <time datetime>, a date the page shows as its own (labelled, under the headline,
    or opening the ``opening`` paragraph of the text), then htmldate's original date; checked
    against each other and against the page's modified date (see ``choose_date``)."""
    zone = page_zone(page.html_lang or page.meta.get("property=og:locale", "")) or tz
    stated = _stated_dates(page, tz)
    dateline = opening_date(opening, tz)
    if dateline is not None and not any(how in _SHOWN for _, how in stated):
        generic = [i for i, (_, how) in enumerate(stated) if how.startswith(_GENERIC_HOW)]
        stated.insert(generic[0] if generic else len(stated), (dateline, _OPENING))
    months = tuple(
        (value.when.year, value.when.month)
        for value in (shown_month(text, tz) for text in page.headline_dates[:_MONTHS_LOOKED])
        if value is not None
    )
    return choose_date(stated, _reading(html, tz), _modified(page, tz), zone, months)


_MONTHS_LOOKED = 5
_MONTH_YEAR = re.compile(r"^[|·•\s]*(?P<month>[^\W\d_]{3,10})\.?\s+(?P<year>\d{4})$")


def shown_month(text: str, tz: dt.tzinfo = PARIS) -> DateValue | None:
    """A month the page shows alone ("Januar 2022", "| March 2020") as its first day, else None.

    >>> shown_month("Januar 2022").when.date(), shown_month("Lesedauer 2022")
    (datetime.date(2022, 1, 1), None)
    """
    match = _MONTH_YEAR.match(text)
    return shown_date(f"1. {match['month']} {match['year']}", tz) if match else None


_OPENING = "html date opening the text"
_GENERIC_HOW = tuple(
    f"html <meta {key}>" for key in ("name=dc.date", "name=dcterms.date", "name=date")
)
# A text that opens with its date: "31. Oktober 2023. Dragqueens sind...", "(21. November 2022)
# Energieverbraucher erhalten...", "Berlin, 05.02.2020 – ..."
_OPENING_DATE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w.-]+(?:\s[A-ZÄÖÜ][\w.-]+)?,\s+(?:den\s+|le\s+)?)?\(?"
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.?\s+[A-Za-zäéû]{3,10}\.?\s+\d{4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2})\)?\s*[.:,–—-]?\s"
)


def opening_date(text: str, tz: dt.tzinfo = PARIS) -> DateValue | None:
    """The date a text opens with, as a day, else None.

    >>> opening_date("31. Oktober 2023. Dragqueens sind Kunstfiguren").when.date()
    datetime.date(2023, 10, 31)
    >>> opening_date("(21. November 2022) Energieverbraucher erhalten").when.date()
    datetime.date(2022, 11, 21)
    >>> opening_date("2022 war ein Jahr der Krisen") is None
    True
    """
    match = _OPENING_DATE.match(text[:80])
    return shown_date(match["date"], tz) if match else None


def _tz_table(name: str) -> list[list[str]]:
    """The rows of one of the IANA tables (zone.tab, zonenow.tab), from the tzdata package or
    the system; [] when neither has it."""
    try:
        text = (resources.files("tzdata") / "zoneinfo" / name).read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        try:
            text = (Path("/usr/share/zoneinfo") / name).read_text("utf-8")
        except OSError:
            return []
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    return [row for row in rows if len(row) >= 3]


def _clock(zone: str, year: int) -> tuple:
    """How a zone's clock runs over two years: its offset on the first of each month."""
    tz = ZoneInfo(zone)
    return tuple(
        dt.datetime(year + month // 12, month % 12 + 1, 1, 12, tzinfo=tz).utcoffset()
        for month in range(24)
    )


def _zone_table() -> dict[str, str]:
    """Country code to its main time zone: the zone zone.tab says keeps the time of "most of"
    the country ("UA": Europe/Kyiv, not its first, Europe/Simferopol). Else, since zone.tab lists
    a country's zones geography first, and its first may be an island's alone on its clock
    ("BR": America/Noronha, "AU": Australia/Lord_Howe, "RU": Europe/Kaliningrad), the first
    whose clock (its offsets over the next two years) other zones of the country share, given
    as the zone tzdb lists for that clock in zonenow.tab (the most populous of its kind) when
    it is one of them: "BR" America/Sao_Paulo, "AU" Australia/Sydney, "RU" Europe/Moscow, "US"
    America/New_York. When no two zones share a clock, zone.tab's first."""
    by_country: dict[str, list[str]] = {}
    most: dict[str, str] = {}
    for row in _tz_table("zone.tab"):
        by_country.setdefault(row[0], []).append(row[2])
        if len(row) > 3 and row[3].casefold().startswith("most of "):
            most.setdefault(row[0], row[2])
    listed = {row[2] for row in _tz_table("zonenow.tab")}
    year = dt.date.today().year
    table: dict[str, str] = {}
    for country, zones in by_country.items():
        table[country] = most.get(country, zones[0])
        if len(zones) == 1 or country in most:
            continue
        groups: dict[tuple, list[str]] = {}
        for zone in zones:
            try:
                groups.setdefault(_clock(zone, year), []).append(zone)
            except (KeyError, ValueError, OSError):  # a zone this tzdata does not have
                continue
        shared = next((group for group in groups.values() if len(group) >= 2), None)
        if shared:
            table[country] = next((zone for zone in shared if zone in listed), shared[0])
    return table


_ZONES: dict[str, str] | None = None


def page_zone(locale: str) -> dt.tzinfo | None:
    """The time zone of a page's language and country ("pt-BR", "de_AT"; "de" alone is likely
    Germany, through Babel's likely subtags), where a time the page gives in UTC is shown when
    UTC is not the day the page means. None when unknown.

    >>> page_zone("pt-BR").key, page_zone("de").key, page_zone("xx")
    ('America/Sao_Paulo', 'Europe/Berlin', None)
    """
    global _ZONES
    if _ZONES is None:
        _ZONES = _zone_table()
    try:
        territory = Locale.parse(locale.replace("-", "_")).territory
        if territory is None:
            likely = get_global("likely_subtags").get(locale.split("-")[0].split("_")[0].lower())
            territory = Locale.parse(likely).territory if likely else None
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    name = _ZONES.get(territory or "")
    return ZoneInfo(name) if name else None


def _lang(page: PageMeta, detected: str | None) -> Found | None:
    if page.html_lang:
        return Found(page.html_lang.split("-")[0].split("_")[0].lower(), "html <html lang>")
    locale = page.meta.get("property=og:locale", "")
    if locale:
        return Found(locale.split("_")[0].split("-")[0].lower(), "html <meta property=og:locale>")
    return Found(detected, "html language (trafilatura)") if detected else None


def _source_url(page: PageMeta, found: str | None) -> Found | None:
    candidates = [
        (page.canonical, "html <link rel=canonical>"),
        (page.meta.get("property=og:url", ""), "html <meta property=og:url>"),
        (squash(found), "html url (trafilatura)"),
    ]
    for url, how in candidates:
        if url.startswith(("http://", "https://")):
            return Found(url, how)
    return None


def _summary(page: PageMeta, description: str | None) -> Found | None:
    for key in ("name=description", "property=og:description"):
        if page.meta.get(key):
            return Found(page.meta[key], f"html <meta {key}>")
    return Found(squash(description), "html description (trafilatura)") if description else None


# --------------------------------------------------------------------------------------------
# The body


def is_page_furniture(text: str) -> bool:
    """A block that is only share buttons or similar page furniture: every word is one of
    "Digg", "Reddit", "Facebook", "Partager", "Imprimer", "Email"...

    >>> is_page_furniture("Digg Reddit Email"), is_page_furniture("Partager sur Facebook")
    (True, True)
    >>> is_page_furniture("Reddit a été introduit en bourse")
    False
    """
    words = [word.strip("|•·,:;()[]").casefold() for word in text.split()]
    words = [word for word in words if word]
    return bool(words) and all(word in _FURNITURE_WORDS for word in words)


def _block_text(element: etree._Element) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return _TRAILING_FURNITURE.sub("", squash("".join(element.itertext())))


def extracted_blocks(body: etree._Element) -> list[tuple[str, str]]:
    """trafilatura's extracted tree as (kind, text) blocks: kind is "head", "p", "item" (one per
    list item), "quote" or "row" (table cells joined by " | "); furniture blocks are dropped."""
    blocks: list[tuple[str, str]] = []
    for element in body:
        if element.tag == "list":
            blocks.extend(("item", _block_text(item)) for item in element.iter("item"))
        elif element.tag == "table":
            for row in element.iter("row"):
                cells = [_block_text(cell) for cell in row.iter("cell")]
                blocks.append(("row", " | ".join(cell for cell in cells if cell)))
        elif element.tag in ("head", "quote"):
            blocks.append((element.tag, _block_text(element)))
        else:
            blocks.append(("p", _block_text(element)))
    return [(kind, text) for kind, text in blocks if text and not is_page_furniture(text)]


_MARKERS = {"head": "## ", "item": "- ", "quote": "> ", "p": "", "row": ""}


def blocks_markdown(blocks: list[tuple[str, str]]) -> str:
    """Blocks as Markdown: each text escaped (see ``escape_markdown``), headings as "## ",
    list items as "- ", quotes as "> "; consecutive list items form one list.

    >>> print(blocks_markdown([("head", "Un lieu"), ("item", "un"), ("item", "<b>deux</b>")]))
    ## Un lieu
    <BLANKLINE>
    - un
    - &lt;b>deux&lt;/b>
    """
    parts: list[str] = []
    previous = ""
    for kind, text in blocks:
        joiner = "\n" if kind == previous == "item" else "\n\n"
        parts.append((joiner if parts else "") + _MARKERS[kind] + escape_markdown(text))
        previous = kind
    return "".join(parts)


def _extract(html: str, precision: bool = True) -> trafilatura.settings.Document | None:
    """trafilatura's reading of the page, favouring precision; when that finds no text (a short
    page, an unusual layout), favouring recall."""
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_precision=precision,
            favor_recall=not precision,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, etree.LxmlError) as error:  # trafilatura lets some lxml errors through
        logger.debug("trafilatura failed: %s", error)
        return None
    if precision and (document is None or document.body is None or not len(document.body)):
        return _extract(html, precision=False)
    return document


def _opening(paragraphs: list[str]) -> str:
    """The paragraph that opens the text with its date: the first, or the first of 60
    characters or more (a short first one may be a kicker or an intro's title: "Im
    Schlepptau")."""
    long = next((p for p in paragraphs[:3] if len(p) >= 60), paragraphs[0])
    return paragraphs[0] if _OPENING_DATE.match(paragraphs[0][:80]) else long


def parse_html_page(raw: RawText, tz: dt.tzinfo = PARIS) -> ParsedArticle:
    """Read a saved HTML article page. Raises ``IngestError`` (``NO_TEXT``) when no article text
    can be found in it (a home page, a cut-short or empty file)."""
    html = _XML_DECLARATION.sub("", raw.text, count=1)
    tree = _html_tree(html)
    document = _extract(html) if tree is not None else None
    if document is None or document.body is None:
        raise IngestError(raw.path, NO_TEXT)
    page = page_meta(tree)
    site_names = [page.meta.get("property=og:site_name", ""), *_ld_names(page.ld.get("publisher"))]
    if not any(_letters(document.sitename or "") in _letters(text) for text in page.h1s if text):
        site_names.append(document.sitename or "")  # trafilatura may take a headline for it
    title = _title(document.title or "", page, site_names)
    blocks = extracted_blocks(document.body)
    if title is not None:
        blocks = [b for b in blocks if not (b[0] == "head" and same(b[1], str(title.value)))]
    paragraphs = [text for kind, text in blocks if kind != "head"]
    if not paragraphs:
        raise IngestError(raw.path, NO_TEXT)
    return ParsedArticle(
        path=raw.path,
        kind=raw.kind,
        paragraphs=paragraphs,
        body_markdown=blocks_markdown(blocks),
        title=title,
        date=page_date(html, page, tz, _opening(paragraphs)),
        authors=_authors(document.author, page, site_names, paragraphs),
        source=_source(document.sitename, page),
        source_url=_source_url(page, document.url),
        lang=_lang(page, document.language),
        summary=_summary(page, document.description),
        license=Found(document.license, "html license link (trafilatura)")
        if document.license
        else None,
    )
