"""In a real browser (headless Chromium): Swagger UI's "Try it out" sends its request to the mock
it was loaded from, never to the real API; a browser app on an origin given with --cors calls the
API and reads its answers, and one on another origin cannot."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable, Iterator

import pytest

from mock_server import NorthflankMock
from tests.browser import Browser, Page, chromium_or_skip
from tests.readme_blocks import MOCK_DOC, blocks, commands

LIST_RUNS = "#operations-Pipelines-listReleaseFlowRuns"
RUNS = "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser(chromium_or_skip()) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with browser.page() as opened:
        yield opened


def test_try_it_out_sends_the_request_to_the_mock(fresh: NorthflankMock, page: Page) -> None:
    page.goto(f"{fresh.url}/ui/")
    page.wait_for(f"document.querySelector('{LIST_RUNS}') !== null")
    servers = page.evaluate(
        "Array.from(document.querySelectorAll('.servers select option')).map(o => o.value)"
    )
    assert servers == [fresh.url, "https://api.northflank.com"]
    assert page.evaluate("document.querySelector('.servers select').value") == fresh.url
    # Authorize, open the operation, Try it out, fill its path, Execute: as a person would.
    page.click(".btn.authorize")
    page.type(".modal-ux input", "browser-token")
    page.click(".modal-ux .auth-btn-wrapper .authorize")
    page.click(".modal-ux .btn-done")
    page.click(f"{LIST_RUNS} .opblock-summary-control")
    page.click(f"{LIST_RUNS} .try-out__btn")
    for name, value in (
        ("projectId", "demo-project"),
        ("pipelineId", "demo-pipeline"),
        ("stage", "development"),
    ):
        page.type(f'{LIST_RUNS} tr[data-param-name="{name}"] input', value)
    page.click(f"{LIST_RUNS} .execute")
    shown = page.wait_for(
        f"(document.querySelector('{LIST_RUNS} .live-responses-table tbody .response-col_status') || {{}}).innerText"
    )
    assert shown.strip() == "200"
    (sent,) = fresh.assert_called("listReleaseFlowRuns", times=1, status=200)
    assert "HeadlessChrome" in sent.headers["user-agent"]
    assert sent.headers["authorization"] == "Bearer <redacted>"
    assert sent.headers["referer"] == f"{fresh.url}/ui/"
    url = page.evaluate(f"document.querySelector('{LIST_RUNS} .request-url pre').innerText")
    assert url.startswith(f"{fresh.url}{RUNS}")


FETCH = """
fetch({url}, {{method: "POST", headers: {{"Authorization": "Bearer app-token",
    "Content-Type": "application/json"}}, body: JSON.stringify({{name: "From a browser app"}})}})
  .then(async r => ({{status: r.status, requestId: r.headers.get("x-request-id"),
                     run: (await r.json()).data.name}}))
  .catch(e => ({{failed: String(e)}}))
"""


def test_a_browser_app_on_an_allowed_origin_calls_the_api(
    northflank_mock_factory: Callable[..., NorthflankMock], page: Page
) -> None:
    app = northflank_mock_factory()  # any page served from another origin: the app's
    stranger = northflank_mock_factory()
    api = northflank_mock_factory("--cors", app.url)
    page.goto(f"{app.url}/")
    answer = page.evaluate(FETCH.format(url=json.dumps(api.url + RUNS)))
    assert answer["status"] == 200 and answer["run"] == "From a browser app"
    assert answer["requestId"]  # an exposed header: readable by the app
    api.assert_called("runReleaseFlow", times=1)
    # Another origin: the browser's preflight is refused, and the request is never sent.
    page.goto(f"{stranger.url}/")
    refused = page.evaluate(FETCH.format(url=json.dumps(api.url + RUNS)))
    assert refused == {"failed": "TypeError: Failed to fetch"}
    api.assert_called("runReleaseFlow", times=1)


def test_the_documented_browser_example(
    northflank_mock_factory: Callable[..., NorthflankMock], page: Page
) -> None:
    (command,) = commands("Browser apps", document=MOCK_DOC)
    (script,) = blocks("Browser apps", "js", MOCK_DOC)
    app = northflank_mock_factory()  # serves the page the script runs in: the app's origin
    options = [part.replace("http://localhost:3000", app.url) for part in shlex.split(command)[1:]]
    api = northflank_mock_factory(*options)
    page.goto(f"{app.url}/")
    script = script.replace("http://127.0.0.1:4010", api.url)
    # The script as the page runs it, with what it logs collected.
    logged = page.evaluate(
        "(async () => { const logged = []; const console = {log: (...a) => logged.push(a)};\n"
        f"{script}\nreturn logged; }})()"
    )
    ((status, request_id),) = logged
    assert status == 200 and request_id
    (created,) = api.assert_called("runReleaseFlow", times=1)
    assert created.body == {"name": "From the browser"}
