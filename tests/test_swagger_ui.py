"""Swagger UI works from a browser's point of view: every asset its page references answers,
over HTTP from the real mock, and the mock still serves the API afterwards.

Static files are sent by Starlette while it listens on the request's `receive` for the client
to disconnect; a `receive` that answered with an empty body forever once made the first
stylesheet spin the event loop and freeze the whole server.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

from mock_server.http.routes import RouteTable
from mock_server.spec import load_spec
from tests.conftest import RUNS
from tests.mockproc import MockProcess


class _References(HTMLParser):
    """The URLs a page loads: stylesheets and icons (`href`), scripts and images (`src`)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src"):
            value = found.get(name)
            if value and (tag != "a" or name != "href"):
                self.urls.append(value)


def test_every_asset_of_the_ui_page_answers_and_the_api_still_does() -> None:
    with MockProcess() as mock, httpx.Client(base_url=mock.url, timeout=10.0) as client:
        page = client.get("/ui/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        parser = _References()
        parser.feed(page.text)
        # The page's script loads the spec from the URL it was given.
        spec_url = re.search(r'url: "([^"]+)"', page.text)
        assert spec_url is not None
        assets = [*parser.urls, spec_url.group(1)]
        assert len(assets) >= 5, assets  # a stylesheet, icons, two scripts and the spec
        for reference in assets:
            url = urljoin(f"{mock.url}/ui/", reference)
            response = client.get(url)  # a frozen server fails this on the timeout
            assert response.status_code == 200, (url, response.status_code)
            assert response.content, url
        runs = client.get(
            f"{RUNS.format(stage='development')}?per_page=1",
            headers={"Authorization": "Bearer t"},
        )
        assert runs.status_code == 200 and runs.json()["pagination"]["count"] == 1
        assert client.get("/ui").headers["location"].endswith("/ui/")
        missing = client.get("/ui/no-such-file.js")
        assert missing.status_code == 404 and missing.json()["error"]["status"] == 404


# A real browser: Chromium from Debian's packages, headless. CI installs it and sets
# NORTHFLANK_MOCK_REQUIRE_BROWSER=1, so that a missing browser fails there instead of skipping.

BROWSER_NAMES = ("chromium", "chromium-browser")
ACCESS_LINE = re.compile(r'"GET (\S+) HTTP/1\.1" (\d{3})')


def _browser() -> str:
    found = next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium): /ui/ was not checked in a browser"
        if os.environ.get("NORTHFLANK_MOCK_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + ", and NORTHFLANK_MOCK_REQUIRE_BROWSER=1 requires it")
        pytest.skip(reason)
    return found


def test_a_browser_renders_every_operation_and_the_mock_still_answers(tmp_path: Path) -> None:
    browser = _browser()
    with MockProcess("--access-log", "--log-level", "info") as mock:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=15000", "--dump-dom", f"{mock.url}/ui/",
        ]  # fmt: skip
        rendered = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert rendered.returncode == 0, rendered.stderr[-2000:]
        dom = rendered.stdout
        for route in RouteTable.from_spec(load_spec()).routes:
            block = f'id="operations-{route.tag or "default"}-{route.operation_id}"'
            assert block in dom, f"{route.operation_id} is not rendered"
        with mock.http() as api:
            runs = api.get(RUNS.format(stage="development"), params={"per_page": 1})
        assert runs.status_code == 200 and runs.json()["pagination"]["count"] == 1
        loaded = ACCESS_LINE.findall(mock.stderr())
    # What the browser asked for, page, assets and spec, was all answered.
    assert any(path == "/ui/" for path, _ in loaded)
    assert any(path == "/openapi.json" for path, _ in loaded)
    assert len(loaded) >= 5, loaded
    assert [(path, status) for path, status in loaded if status != "200"] == []
