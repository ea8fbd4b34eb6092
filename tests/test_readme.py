"""The README's promises: its curl examples work as written against the real mock."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

from tests.mockproc import MockProcess

README = Path(__file__).resolve().parent.parent / "README.md"


def curl_examples() -> list[str]:
    text = README.read_text()
    section = text.split("## Try it with curl", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.startswith("curl ")]


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
    section = README.read_text().split("### Scripting a scenario", 1)[1].split("\n\n", 3)[2]
    return re.findall(r"`(curl [^`]+)`", section)


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
