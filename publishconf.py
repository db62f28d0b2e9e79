"""Settings for publishing (``invoke publish``): pelicanconf.py plus an absolute SITEURL.

Set SITEURL through the environment, e.g. ``SITEURL=https://example.org/digest invoke publish``;
feeds, the sitemap and Open Graph links need it absolute. Pages keep relative links, so the
output still works wherever it is copied.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"  # off locally: a feed needs absolute links
DIGEST_STRICT = True
# What is deployed is exactly this build: nothing a local build left in output/ (files of other
# settings, pages of a build that stopped early, files put there by hand) can ship with it. A
# publish renders every page anyway: its SITEURL changes every key.
DELETE_OUTPUT_DIRECTORY = True
