"""``safe_html`` cleans with one ``nh3.Cleaner`` made for the build: the same HTML as
``nh3.clean`` given the same allow-list at each call, hostile or not."""

import nh3
import pytest
from article_page.sanitise import ATTRIBUTES, safe_html
from newstext.safety import strip_controls

TEXTS = [
    "SEC-1 <script>window.__pwned_1=1;alert('SEC-1')</script>",
    'SEC-2 <img src=x onerror="window.__pwned_2=1"><svg/onload=window.__pwned_2=1>',
    'SEC-3 <iframe srcdoc="<script>parent.__pwned_3=1</script>"><a href="JaVaScRiPt:x()">a</a>',
    'SEC-4 <div style="width: expression(x)">x</div><form action="x"><input></form>',
    '<h2 id="suite" class="x" onclick="y()">Suite</h2><p lang="fr" dir="ltr">Texte</p>',
    '<a href="../p.html" rel="nofollow" class="entity-link">P</a><a href="entity:1">Q</a>',
    "<table><tr><td>1</td></tr></table><p>a &amp; b &lt; c<br>\x1b[31m</p><!-- x -->",
    "<ul><li><p>un</p></li></ul><img src=x alt=y><pre><code>x < y</code></pre>",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_kept_cleaner_cleans_as_nh3_clean(text):
    expected = nh3.clean(strip_controls(text), attributes=ATTRIBUTES, link_rel=None)
    assert safe_html(text) == expected
