"""What the browser tests and the screenshot script share: tools, a static server, Chromium.

Plain Python, no pytest: ``conftest.py`` wraps it in fixtures and ``screenshots.py`` uses it
as a script. The tools come from the system's package manager (Chromium, Java) and from the
npm registry, pinned in ``package-lock.json`` beside this file (axe-core, vnu-jar).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Debian's chromium by default; CHROMIUM_PATH names another build (e.g. Google Chrome on a
# GitHub-hosted runner, where Ubuntu's chromium package is only a snap stub).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

# Without the background-networking flags Chromium keeps calling home on a closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SUB_PATH = "/digest/"

# The WCAG 2.1 AA rule set, and nothing beyond it (no "best-practice" rules).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class ToolMissing(RuntimeError):
    """A tool the browser tests need is absent and could not be installed here."""


Say = Callable[[str], None]


def _run(command: list[str], say: Say, cwd: Path | None = None) -> None:
    say("running: " + " ".join(command))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    for line in (done.stdout + done.stderr).splitlines()[-15:]:
        say("    " + line)
    if done.returncode:
        raise ToolMissing(f"{' '.join(command)} failed with exit code {done.returncode}")


def _can_apt() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_install(packages: list[str], why: str, say: Say) -> None:
    """Install Debian packages, as root only, saying what is done and why."""
    if not _can_apt():
        raise ToolMissing(f"{why}: apt-get install {' '.join(packages)} (as root)")
    say(f"{why}: installing Debian's {', '.join(packages)} with apt-get")
    _run(["apt-get", "update"], say)
    _run(["apt-get", "install", "-y", "--no-install-recommends", *packages], say)


def ensure_chromium(say: Say = log.info) -> Path:
    """Debian's chromium (never Playwright's own download, which this network refuses)."""
    if not CHROMIUM.exists():
        apt_install(["chromium"], "headless Chromium is needed", say)
    if (
        shutil.which("fc-list")
        and not subprocess.run(
            ["fc-list"], capture_output=True, text=True, check=False
        ).stdout.strip()
    ):
        apt_install(["fonts-dejavu-core"], "Chromium needs at least one font", say)
    if not CHROMIUM.exists():
        raise ToolMissing("headless Chromium is needed: apt-get install chromium")
    return CHROMIUM


def ensure_java(say: Say = log.info) -> str:
    """A Java runtime for the Nu HTML checker (vnu.jar)."""
    java = shutil.which("java")
    if java is None:
        apt_install(["default-jre-headless"], "Java is needed by the Nu HTML checker", say)
        java = shutil.which("java")
    if java is None:
        raise ToolMissing(
            "Java is needed by the Nu HTML checker: apt-get install default-jre-headless"
        )
    return java


def ensure_node_tools(say: Say = log.info) -> Path:
    """axe-core and vnu-jar, exactly as pinned in package-lock.json (no install scripts run)."""
    if AXE_JS.exists() and VNU_JAR.exists():
        return NODE_MODULES
    npm = shutil.which("npm")
    if npm is None:
        raise ToolMissing("npm is needed to fetch axe-core and vnu-jar: apt-get install npm")
    _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], say, cwd=HERE)
    if not (AXE_JS.exists() and VNU_JAR.exists()):
        raise ToolMissing(f"npm ci in {HERE} did not install {AXE_JS.name} and {VNU_JAR.name}")
    return NODE_MODULES


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serve one folder at / and again under SUB_PATH, as a host serving a sub-path would."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".pagefind": "application/octet-stream",
    }

    def translate_path(self, path: str) -> str:
        if path == SUB_PATH.rstrip("/"):
            path = SUB_PATH
        elif path.startswith(SUB_PATH):
            path = "/" + path[len(SUB_PATH) :]
        return super().translate_path(path)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == SUB_PATH.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", SUB_PATH)
            self.end_headers()
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        log.debug("http: " + format, *args)


class StaticServer:
    """A built site on http://127.0.0.1:<free port>/, and the same under /digest/."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        handler = functools.partial(_SiteHandler, directory=str(self.folder))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.root = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str = "", sub_path: bool = False) -> str:
        """The address of a file of the site, e.g. url("articles/x.html", sub_path=True)."""
        base = self.root + SUB_PATH.lstrip("/") if sub_path else self.root
        return base + path.lstrip("/")

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def launch_chromium(playwright, executable: Path):
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)


def is_local(url: str) -> bool:
    """Requests a built site may make: to the test server, or to its own files on disk."""
    return url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:", "about:"))


def block_outside(context, record: Callable[[str], None] | None = None) -> None:
    """Abort every request that leaves the machine, and tell `record` about it."""

    def refuse(route) -> None:
        if record is not None:
            record(f"request outside the site: {route.request.url}")
        route.abort()

    context.route(lambda url: not is_local(url), refuse)
