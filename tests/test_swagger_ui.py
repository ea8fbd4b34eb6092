"""Swagger UI works from a browser's point of view: every asset its page references answers,
over HTTP from the real mock, and the mock still serves the API afterwards.

Static files are sent by Starlette while it listens on the request's `receive` for the client
to disconnect; a `receive` that answered with an empty body forever once made the first
stylesheet spin the event loop and freeze the whole server.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

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
