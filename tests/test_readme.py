"""The documentation's promises: the README's curl examples and the scenario table of
docs/mock.md work as written against the real mock."""

from __future__ import annotations

import json
import re
import shlex
import subprocess

from tests.mockproc import MockProcess
from tests.readme_blocks import MOCK_DOC, README, commands, section


def curl_examples() -> list[str]:
    return [line for line in commands("Try it with curl") if line.startswith("curl ")]


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.read_text().split("```", 2)[1]
    assert "make mock" in first_block and "make test" in first_block


def test_curl_examples_work_as_written() -> None:
    commands = curl_examples()
    assert len(commands) == 7
    with MockProcess() as mock:
        outputs = []
        for command in commands:
            argv = [
                part.replace("http://127.0.0.1:4010", mock.url) for part in shlex.split(command)
            ]
            result = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
            outputs.append(json.loads(result.stdout))
    listed, details, created, aborted, builds, team_builds, recorded = outputs
    assert listed["pagination"]["count"] == 2
    assert details["data"]["id"] == "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
    assert (
        created["data"]["status"] == "pending" and created["data"]["arguments"]["ARG_1"] == "value"
    )
    assert aborted["error"]["status"] == 409
    assert builds["data"]["builds"][0]["id"]
    assert team_builds == builds
    assert [r["method"] for r in recorded["requests"]] == [
        "GET",
        "GET",
        "POST",
        "POST",
        "GET",
        "GET",
    ]
    assert recorded["requests"][-1]["path"].startswith("/v1/teams/demo-team/")


def scenario_commands() -> list[str]:
    """The curl commands of the scenario table (the table only: the section's prose has none)."""
    table = [line for line in section("Scripting a scenario", MOCK_DOC).splitlines() if "|" in line]
    return re.findall(r"`(curl [^`]+)`", "\n".join(table))


def test_scenario_commands_work_as_written() -> None:
    commands = scenario_commands()
    assert len(commands) == 9
    with MockProcess("--manual-clock") as mock, mock.http() as api:
        run_id = api.post(
            "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"
        ).json()["data"]["id"]
        for command in commands:
            argv = [
                part.replace("http://127.0.0.1:4010", mock.url).replace("<runId>", run_id)
                for part in shlex.split(command)
            ]
            result = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
            body = json.loads(result.stdout)
            assert "error" not in body, (command, body)
        assert mock.control.get("/_mock/faults").json()["rules"] == []
