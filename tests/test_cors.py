"""CORS, opt-in with --cors: preflights on API paths answered from the route table, allowed
origins' answers readable by the browser, the control plane left same-origin."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from mock_server import Settings, create_app
from mock_server.http.cors import parse_origin
from tests.conftest import EXAMPLE_RUN, RUNS
from tests.mockproc import MockProcess, run_cli

DEV = RUNS.format(stage="development")
APP = "http://localhost:3000"


def preflight(
    method: str, headers: str = "authorization, content-type", origin: str = APP
) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": headers,
    }


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(Settings(cors_origins=(APP, "https://app.example.com")))
    with TestClient(app, base_url="http://127.0.0.1:4010") as client:
        yield client


def test_a_preflight_for_an_api_route_lists_its_methods(client: TestClient) -> None:
    response = client.options(DEV, headers=preflight("POST"))
    assert response.status_code == 204 and response.content == b""
    assert response.headers["access-control-allow-origin"] == APP
    assert response.headers["access-control-allow-methods"] == "GET, POST"
    assert response.headers["access-control-allow-headers"] == "authorization, content-type"
    assert response.headers["access-control-max-age"] == "600"
    assert "Origin" in response.headers["vary"]
    assert "access-control-allow-credentials" not in response.headers
    abort = client.options(f"{DEV}/{EXAMPLE_RUN}/abort", headers=preflight("POST"))
    assert abort.headers["access-control-allow-methods"] == "POST"


def test_preflights_the_request_would_fail_are_errors(client: TestClient) -> None:
    stranger = client.options(DEV, headers=preflight("GET", origin="http://evil.example"))
    assert stranger.status_code == 403
    assert "--cors http://evil.example" in stranger.json()["error"]["message"]
    assert "access-control-allow-origin" not in stranger.headers
    wrong_method = client.options(DEV, headers=preflight("DELETE"))
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "GET, POST"
    assert client.options("/v1/nowhere", headers=preflight("GET")).status_code == 404


def test_answers_to_an_allowed_origin_are_readable(client: TestClient) -> None:
    ok = client.get(DEV, headers={"Origin": APP, "Authorization": "Bearer t"})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == APP
    exposed = ok.headers["access-control-expose-headers"]
    assert (
        "x-request-id" in exposed
        and "x-ratelimit-remaining" in exposed
        and "retry-after" in exposed
    )
    # Errors too: the browser app must be able to read the envelope.
    refused = client.get(DEV, headers={"Origin": APP})
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == APP
    spec = client.get("/openapi.json", headers={"Origin": "https://app.example.com"})
    assert spec.headers["access-control-allow-origin"] == "https://app.example.com"
    other = client.get(DEV, headers={"Origin": "http://evil.example", "Authorization": "Bearer t"})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers


def test_the_control_plane_stays_same_origin(client: TestClient) -> None:
    for method in ("POST", "DELETE"):
        response = client.options("/_mock/requests", headers=preflight(method))
        assert "access-control-allow-origin" not in response.headers
        assert response.status_code >= 400
    read = client.get("/_mock/requests", headers={"Origin": APP})
    assert "access-control-allow-origin" not in read.headers


def test_preflights_are_not_api_requests(client: TestClient) -> None:
    client.delete("/_mock/requests")
    client.options(DEV, headers=preflight("POST"))
    assert client.get("/_mock/requests").json()["count"] == 0


def test_private_network_access_is_granted_when_asked(client: TestClient) -> None:
    headers = {**preflight("GET"), "Access-Control-Request-Private-Network": "true"}
    response = client.options(DEV, headers=headers)
    assert response.headers["access-control-allow-private-network"] == "true"


def test_without_cors_nothing_changes() -> None:
    with TestClient(create_app(Settings())) as client:
        response = client.options(DEV, headers=preflight("GET"))
        assert response.status_code == 405 and "access-control-allow-origin" not in response.headers
        answer = client.get(DEV, headers={"Origin": APP, "Authorization": "Bearer t"})
        assert "access-control-allow-origin" not in answer.headers


def test_any_origin() -> None:
    with TestClient(create_app(Settings(cors_origins=("*",)))) as client:
        response = client.options(DEV, headers=preflight("GET", origin="https://anywhere.dev"))
        assert response.headers["access-control-allow-origin"] == "https://anywhere.dev"


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("http://localhost:3000", "http://localhost:3000"),
        ("HTTP://LocalHost:3000/", "http://localhost:3000"),
        ("https://app.example.com:443", "https://app.example.com"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("*", "*"),
    ],
)
def test_origins_are_written_as_browsers_send_them(given: str, origin: str) -> None:
    assert parse_origin(given) == origin


@pytest.mark.parametrize(
    "given",
    [
        "localhost:3000",
        "http://localhost:3000/app",
        "ftp://host",
        "http://",
        "http://u@h",
        "http://h:99999",
        "http://h?x=1",
    ],
)
def test_what_is_not_an_origin_is_refused(given: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="not an origin"):
        parse_origin(given)


def test_the_command_line_and_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli("--cors", "localhost:3000")
    assert result.returncode == 2 and "not an origin: 'localhost:3000'" in result.stderr
    monkeypatch.setenv("NORTHFLANK_MOCK_CORS", "http://a.test:1 http://b.test:2")
    with MockProcess() as mock:
        for origin in ("http://a.test:1", "http://b.test:2"):
            response = mock.control.options(DEV, headers=preflight("GET", origin=origin))
            assert response.headers["access-control-allow-origin"] == origin


def test_worker_processes_get_the_origins() -> None:
    settings = Settings(cors_origins=("http://localhost:3000", "*"))
    assert Settings.from_json(settings.to_json()) == settings
