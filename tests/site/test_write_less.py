"""What the site no longer writes: whole articles in every entity's feed."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.site
ATOM = "{http://www.w3.org/2005/Atom}"


def test_an_entity_feed_carries_the_summary_and_the_link_not_the_article(seed_site):
    [article] = seed_site.article_files()
    body = article.read_text(encoding="utf-8").split("\n\n")
    last_paragraph = body[-1].strip()
    feed = ET.parse(seed_site.output / "entities" / "people" / "vladimir-poutine.atom.xml")
    # The site's name once, then the entity's (Pelican puts the site's name first).
    assert feed.getroot().find(f"{ATOM}title").text == "News Digest - Vladimir Poutine"
    [entry] = feed.getroot().findall(f"{ATOM}entry")
    content = entry.find(f"{ATOM}content").text
    assert "Vladimir Poutine" in content  # the summary names him
    assert last_paragraph[:60] not in content  # the article's last paragraph stays on its page
    assert len(content) < 600
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(f"articles/{article.stem}.html")
