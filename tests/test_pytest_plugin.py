"""The pytest plugin as another project uses it: inner test suites run with pytester, each
asserting what its fixtures give, and the outer test checking how the inner run ended."""

from __future__ import annotations

import json
import shutil
import socket

import httpx
import pytest

from mock_server.embedded import EmbeddedMock
from mock_server.storage.fixtures import DEFAULT_FIXTURES

pytest_plugins = ["pytester"]

RUNS = "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"
HEADER = f'RUNS = "{RUNS}"\n'


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", *args)


def test_real_port_and_in_process_mocks_reset_between_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        HEADER
        + """
import httpx

def test_a_real_port(northflank_mock):
    assert northflank_mock.url.startswith("http://127.0.0.1:")
    with httpx.Client(base_url=northflank_mock.url) as client:
        created = client.post(RUNS, json={}, headers={"Authorization": f"Bearer {northflank_mock.token}"})
    assert created.status_code == 200
    assert northflank_mock.count("runReleaseFlow") == 1

def test_reset_before_each_test(northflank_mock, northflank_mock_session):
    assert northflank_mock.count() == 0
    assert northflank_mock.url == northflank_mock_session.url

def test_no_port(northflank_mock_inprocess):
    assert northflank_mock_inprocess.url == "http://northflank-mock.invalid"
    with northflank_mock_inprocess.http() as api:
        assert api.get(RUNS).status_code == 200
    with httpx.Client(transport=northflank_mock_inprocess.transport(), base_url="http://any") as raw:
        assert raw.get("/_mock/health").json()["status"] == "ok"
    northflank_mock_inprocess.assert_called("listReleaseFlowRuns", times=1)

def test_in_process_reset_too(northflank_mock_inprocess):
    assert northflank_mock_inprocess.count() == 0
"""
    )
    run(pytester).assert_outcomes(passed=4)


def test_the_generated_client_sync_and_async(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nnorthflank_mock_manual_clock = true\n")
    pytester.makepyfile(
        """
import asyncio

def test_sync_over_the_port(northflank_mock):
    nf = northflank_mock.client()
    run = nf.pipelines.run_release_flow("demo-project", "demo-pipeline", "development", name="From a test")
    northflank_mock.advance(60)
    assert nf.pipelines.get_release_flow_run("demo-project", "demo-pipeline", "development", run.id).status == "success"

def test_async_in_process(northflank_mock_inprocess):
    northflank_mock_inprocess.outcomes("failure", count=1)

    async def release():
        async with northflank_mock_inprocess.async_client() as nf:
            run = await nf.pipelines.run_release_flow("demo-project", "demo-pipeline", "development", name="Async test")
            northflank_mock_inprocess.advance(60)
            return await nf.pipelines.get_release_flow_run("demo-project", "demo-pipeline", "development", run.id)

    assert asyncio.run(release()).status == "failure"
    # The sync client sees what the async one did: one mock, one state.
    listed = northflank_mock_inprocess.client().pipelines.list_release_flow_runs("demo-project", "demo-pipeline", "development", per_page=1)
    assert listed.data.runs[0].status == "failure"
"""
    )
    run(pytester).assert_outcomes(passed=2)


def test_control_helpers_and_verification(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nnorthflank_mock_manual_clock = true\n")
    pytester.makepyfile(
        HEADER
        + """
import pytest

from mock_server import MockControlError, RecordedRequest

def test_helpers(northflank_mock):
    api = northflank_mock.http()
    rule = northflank_mock.fault("listReleaseFlowRuns", status=503, count=1)
    assert rule["status"] == 503 and northflank_mock.faults()[0]["id"] == rule["id"]
    assert api.get(RUNS).status_code == 503
    assert api.get(RUNS).status_code == 200
    started = northflank_mock.now()
    assert northflank_mock.advance(90) == started + 90
    run_id = api.post(RUNS, json={}).json()["data"]["id"]
    details = northflank_mock.run_outcome(run_id, "hold")
    assert details["data"]["id"] == run_id
    northflank_mock.outcomes("failure", project_id="demo-project", pipeline_id="demo-pipeline", stage="staging")
    northflank_mock.clear_outcomes()
    northflank_mock.clear_faults()
    assert northflank_mock.faults() == []
    (post,) = northflank_mock.assert_called("runReleaseFlow", times=1, method="POST", status=200)
    assert post.body == {} and post.headers["authorization"] == "Bearer <redacted>"
    assert [r.status for r in northflank_mock.requests(path=RUNS)] == [503, 200, 200]
    assert northflank_mock.count(status="5xx") == 1
    assert northflank_mock.requests(since=started + 90)[0].operation_id == "runReleaseFlow"
    northflank_mock.assert_not_called("abortReleaseFlowRun")
    northflank_mock.clear_requests()
    assert northflank_mock.count() == 0
    with pytest.raises(MockControlError, match="advance.*must be a number"):
        northflank_mock.advance(-1)
    assert issubclass(MockControlError, AssertionError)
    assert RecordedRequest is type(post)

def test_the_failure_lists_what_arrived(northflank_mock):
    api = northflank_mock.http()
    api.get(RUNS, params={"per_page": 2})
    api.post(RUNS, json={})
    api.get("/v1/nowhere")
    northflank_mock.assert_called("runReleaseFlow", times=2)
"""
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*expected runReleaseFlow to be called twice, but it was called once.",
            "*The mock received 3 request(s) since its last reset:",
            f"*  GET {RUNS}?per_page=2 -> 200  listReleaseFlowRuns",
            f"*[*] POST {RUNS} -> 200  runReleaseFlow",
            "*  GET /v1/nowhere -> 404  (no operation)",
            "*([*] marks those that match)",
        ]
    )


def test_options_from_the_ini_file_and_the_command_line(pytester: pytest.Pytester) -> None:
    data = pytester.path / "data"
    shutil.copytree(DEFAULT_FIXTURES, data)
    builds = data / "projects/demo-project/jobs/demo-job/builds.json"
    builds.write_text(json.dumps(json.loads(builds.read_text())[:3]))
    (pytester.path / "tokens.yaml").write_text(
        "tokens:\n  - token: first-token\n    permissions: [jobs:read]\n"
        "  - token: second\n    permissions: [pipelines:read, pipelines:update]\n"
    )
    pytester.makeini(
        "[pytest]\n"
        "northflank_mock_fixtures = data\n"
        "northflank_mock_manual_clock = true\n"
        "northflank_mock_seed = 5\n"
        "northflank_mock_tokens = tokens.yaml\n"
        "northflank_mock_args = --strict --pending-seconds 7\n"
    )
    pytester.makepyfile(
        """
def test_configured(northflank_mock, northflank_mock_inprocess):
    for mock in (northflank_mock, northflank_mock_inprocess):
        health = mock.health()
        assert health["builds"] == 3 and health["clock"]["manual"] is True
        assert mock.token == "first-token"
        with mock.http() as api:
            assert api.get("/v1/projects/demo-project/jobs/demo-job/build").status_code == 200
        with mock.http(token="second") as api:
            assert api.get("/v1/projects/demo-project/jobs/demo-job/build").status_code == 403
            assert api.get("/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs").status_code == 200
            assert api.get("/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs", headers={"Authorization": "Bearer nobody"}).status_code == 401

def test_seeded_ids(northflank_mock_factory):
    ids = []
    for _ in range(2):
        with northflank_mock_factory().http(token="second") as api:
            ids.append([api.post("/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs", json={}).json()["data"]["id"] for _ in range(2)])
    assert ids[0] == ids[1] and len(set(ids[0])) == 2
"""
    )
    run(pytester).assert_outcomes(passed=2)
    # The command line wins over the ini file.
    pytester.makepyfile(
        test_override="""
def test_override(northflank_mock):
    assert northflank_mock.health()["clock"]["manual"] is True
    assert northflank_mock.health()["builds"] == 150
    assert northflank_mock.token == "given"
"""
    )
    result = run(
        pytester,
        "test_override.py",
        f"--northflank-mock-fixtures={DEFAULT_FIXTURES}",
        "--northflank-mock-token=given",
        "--northflank-mock-tokens=",
    )
    result.assert_outcomes(passed=1)


def test_bad_configuration_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_it(northflank_mock):\n    pass\n")
    result = run(pytester, "--northflank-mock-args=--outcome maybe")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*northflank mock: invalid options *--outcome*: argument --outcome: invalid choice: 'maybe'*"
        ]
    )
    result = run(pytester, "--northflank-mock-args=--workers 2")
    result.stdout.fnmatch_lines(["*invalid options*--workers > 1 needs --state*"])
    data = pytester.path / "broken"
    shutil.copytree(DEFAULT_FIXTURES, data)
    (data / "projects/demo-project/jobs/demo-job/builds.json").write_text("[{}]")
    result = run(pytester, f"--northflank-mock-fixtures={data}")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*northflank mock did not start: invalid fixture*builds.json*"])


def test_a_mock_running_elsewhere_is_used_by_url(pytester: pytest.Pytester) -> None:
    with EmbeddedMock() as elsewhere:
        pytester.makepyfile(
            HEADER
            + f"""
import pytest

def test_remote(northflank_mock):
    assert northflank_mock.url == "{elsewhere.url}"
    northflank_mock.http().post(RUNS, json={{}})
    northflank_mock.assert_called("runReleaseFlow", times=1)
    with pytest.raises(RuntimeError, match="needs a mock in this process"):
        northflank_mock.transport()
"""
        )
        run(pytester, f"--northflank-mock-url={elsewhere.url}").assert_outcomes(passed=1)
        # It was driven over HTTP: the inner test's requests are in this mock's log.
        log = httpx.get(f"{elsewhere.url}/_mock/requests").json()
        assert log["byOperationId"] == {"runReleaseFlow": 1}


def test_servers_are_stopped_when_the_session_ends(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pathlib

def test_note_the_port(northflank_mock, northflank_mock_factory):
    own = northflank_mock_factory("--seed", "3")
    pathlib.Path("ports").write_text(f"{northflank_mock.url} {own.url}")
"""
    )
    run(pytester).assert_outcomes(passed=1)
    for url in (pytester.path / "ports").read_text().split():
        host, port = url.removeprefix("http://").split(":")
        with socket.socket() as probe:
            assert probe.connect_ex((host, int(port))) != 0, f"{url} still listening"


def test_in_process_transports_respect_timeouts_and_a_missing_client(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        HEADER
        + """
import asyncio, sys
import httpx, pytest
from mock_server import MissingClientError

def test_timeout(northflank_mock_inprocess):
    with northflank_mock_inprocess.http(timeout=0.2) as api:
        with pytest.raises(httpx.ReadTimeout):
            api.get(RUNS, headers={"Prefer": "delay=3000"})

    async def slow():
        async with httpx.AsyncClient(transport=northflank_mock_inprocess.async_transport(), base_url="http://m", timeout=0.2) as api:
            await api.get(RUNS, headers={"Prefer": "delay=3000", "Authorization": "Bearer t"})

    with pytest.raises(httpx.ReadTimeout):
        asyncio.run(slow())

def test_missing_client(northflank_mock, monkeypatch):
    monkeypatch.setitem(sys.modules, "northflank_release_client", None)
    with pytest.raises(MissingClientError, match="generated/northflank-release-client"):
        northflank_mock.client()

def test_stopped_mock_refuses_connections(northflank_mock_factory):
    mock = northflank_mock_factory(listen=False)
    transport = mock.transport()
    mock.embedded.stop()
    with httpx.Client(transport=transport, base_url="http://m") as api:
        with pytest.raises(httpx.ConnectError, match="not running"):
            api.get("/_mock/health")
"""
    )
    run(pytester).assert_outcomes(passed=3)


def test_the_plugin_imports_nothing_heavy(pytester: pytest.Pytester) -> None:
    """A test suite that uses no fixture of the plugin does not pay for the mock."""
    pytester.makepyfile(
        """
import sys

def test_untouched():
    assert "connexion" not in sys.modules and "mock_server.app" not in sys.modules
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=300)
    result.assert_outcomes(passed=1)


def test_options_are_listed_in_help(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--help")
    for option in (
        "fixtures",
        "manual-clock",
        "seed",
        "tokens",
        "token",
        "control-token",
        "args",
        "url",
    ):
        result.stdout.fnmatch_lines([f"*--northflank-mock-{option}*"])
    result.stdout.fnmatch_lines(["*northflank_mock_fixtures*"])


def test_listening_address_is_loopback_only() -> None:
    with EmbeddedMock() as mock:
        assert mock.url.startswith("http://127.0.0.1:")
        assert mock.running and httpx.get(f"{mock.url}/_mock/health").status_code == 200
    assert not mock.running and mock.url == "http://northflank-mock.invalid"
    with pytest.raises(RuntimeError, match="not running"):
        EmbeddedMock().app  # noqa: B018


def test_the_control_token_goes_with_control_requests_only(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nnorthflank_mock_control_token = s3cret\n")
    pytester.makepyfile(
        """
def test_token(northflank_mock, northflank_mock_inprocess):
    for mock in (northflank_mock, northflank_mock_inprocess):
        assert mock.control.headers["authorization"] == "Bearer s3cret"
        with mock.http() as api:
            assert api.headers["authorization"] == f"Bearer {mock.token}"
"""
    )
    run(pytester).assert_outcomes(passed=1)
