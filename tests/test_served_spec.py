"""The spec the mock serves names the mock as its first server, so Swagger UI's "Try it out"
calls the mock, never production; `GET /` points a person to Swagger UI."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import yaml
from starlette.testclient import TestClient

from mock_server import NorthflankMock, create_app
from mock_server.http.documents import SpecDocuments
from mock_server.spec import SPEC_PATH, load_spec


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # The bound address, as the server reports it in the ASGI scope, is 127.0.0.1:4010.
    with TestClient(create_app(), base_url="http://127.0.0.1:4010") as client:
        yield client


def servers(client: TestClient, path: str, **headers: str) -> list[dict[str, str]]:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    document = response.json() if path.endswith(".json") else yaml.safe_load(response.text)
    listed: list[dict[str, str]] = document["servers"]
    return listed


@pytest.mark.parametrize("path", ["/openapi.json", "/openapi.yaml"])
def test_the_mock_comes_first_at_the_address_it_was_called_by(
    client: TestClient, path: str
) -> None:
    first, *rest = servers(client, path)
    assert first["url"] == "http://127.0.0.1:4010"
    assert "never reach Northflank" in first["description"]
    assert rest == load_spec()["servers"] and rest[0]["url"] == "https://api.northflank.com"
    assert servers(client, path, host="localhost:8080")[0]["url"] == "http://localhost:8080"
    assert servers(client, path, host="[::1]:4010")[0]["url"] == "http://[::1]:4010"


@pytest.mark.parametrize(
    "host", ['evil"host', "a b", "x/y", "h:port", "", "-lead.test", "under_score.test"]
)
def test_a_host_header_unfit_to_write_gives_the_bound_address(
    client: TestClient, host: str
) -> None:
    for path in ("/openapi.json", "/openapi.yaml"):
        assert servers(client, path, host=host)[0]["url"] == "http://127.0.0.1:4010"


def test_the_yaml_is_the_spec_file_with_one_entry_more(client: TestClient) -> None:
    served = client.get("/openapi.yaml").text
    original = SPEC_PATH.read_text()
    added = [line for line in served.splitlines() if line not in original.splitlines()]
    assert added == [
        '  - url: "http://127.0.0.1:4010"',
        '    description: "This mock: requests sent here never reach Northflank"',
    ]
    assert yaml.safe_load(served) == client.get("/openapi.json").json()


def test_a_spec_laid_out_otherwise_is_still_served_right() -> None:
    spec = {"openapi": "3.0.3", "servers": [{"url": "https://api.example"}], "paths": {}}
    flow = b'openapi: 3.0.3\nservers: [{url: "https://api.example"}]\npaths: {}\n'
    body, _ = SpecDocuments(spec, flow).render("/openapi.yaml", "http://mock:1")
    assert yaml.safe_load(body)["servers"][0]["url"] == "http://mock:1"
    assert yaml.safe_load(body)["servers"][1] == {"url": "https://api.example"}
    bare = {"openapi": "3.0.3", "paths": {}}
    body, _ = SpecDocuments(bare, b"openapi: 3.0.3\npaths: {}\n").render(
        "/openapi.json", "http://m"
    )
    assert yaml.safe_load(body)["servers"] == [
        {"url": "http://m", "description": "This mock: requests sent here never reach Northflank"}
    ]


def test_the_start_page_points_to_swagger_ui(client: TestClient) -> None:
    page = client.get("/", headers={"accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'href="http://127.0.0.1:4010/ui/"' in page.text
    machine = client.get("/")
    assert machine.json()["ui"] == "http://127.0.0.1:4010/ui/"
    assert client.post("/").status_code == 404


def test_the_served_spec_names_the_port_it_was_fetched_from(fresh: NorthflankMock) -> None:
    with httpx.Client(base_url=fresh.url) as client:
        assert '"/openapi.json"' in client.get("/ui/").text
        spec = client.get("/openapi.json").json()
    assert spec["servers"][0]["url"] == fresh.url and fresh.url.startswith("http://127.0.0.1:")
