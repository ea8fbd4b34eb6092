"""Write the mock's default dataset, deterministically, from a seed.

The dataset is committed under mock_server/fixtures/default/; tests regenerate it into a
temporary folder and compare, so the files and this script can never disagree. It holds the
reference pages' own examples verbatim (run 110ddb52-..., build joyous-view-6290) plus enough
generated history for pagination to have real work to do.
"""

from __future__ import annotations

import argparse
import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "mock_server" / "fixtures" / "default"
DEFAULT_SEED = 20261123

PROJECT = "demo-project"
PIPELINE = "demo-pipeline"
JOB = "demo-job"
REPO = "https://github.com/northflank-examples/remix-postgres-redis-demo"
# The newest generated item is this old; everything else is older. Fixed so output never drifts.
ANCHOR = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# How many runs each stage gets, and the concurrency policy of its release flow.
STAGES: dict[str, tuple[int, str]] = {
    "development": (149, "allow"),
    "staging": (60, "queue"),
    "production": (40, "forbid"),
}
BUILD_COUNT = 149

# The reference page's example run, as "Get release flow run details" shows it, with RFC 3339
# timestamps (the page separates date and time with a space).
EXAMPLE_RUN: dict[str, Any] = {
    "apiVersion": "v1.2",
    "triggers": [
        {
            "vcsService": "github",
            "accountLogin": "github-user",
            "repoUrl": REPO,
            "pathIgnoreRules": ["README.md"],
            "ciIgnoreFlags": ["[skip ci]"],
        }
    ],
    "options": {"concurrencyPolicy": "allow", "paused": False},
    "gitops": {
        "vcsService": "github",
        "accountLogin": "github-user",
        "repoUrl": REPO,
        "branch": "main",
    },
    "spec": {
        "settings": {"maxAttempts": 3, "backoff": {"type": "fixed", "delay": 60}},
        "kind": "Workflow",
        "response": {
            "status": "success",
            "retries": {"attempts": 1, "maxAttempts": 3, "timestamp": 1657296265},
            "startTime": 1657296265,
            "endTime": 1657296265,
        },
    },
    "id": "110ddb52-bdcd-482d-8ac2-05ba580afe2f",
    "name": "Example run",
    "description": "This is an example description",
    "status": "success",
    "startedAt": "2021-01-01T12:01:00.000Z",
    "concluded": True,
    "concludedAt": "2021-01-01T12:10:00.000Z",
    "createdAt": "2021-01-01T12:00:00.000Z",
    "updatedAt": "2021-01-01T12:00:00.000Z",
}

# The reference page's example build, exactly as "List job builds" shows it.
EXAMPLE_BUILD: dict[str, Any] = {
    "id": "joyous-view-6290",
    "branch": "main",
    "status": "SUCCESS",
    "sha": "12c15e7ee25fd78f567ebf87f9178b8ad70025b3",
    "concluded": True,
    "createdAt": "2021-07-28T15:55:38.296Z",
    "success": True,
    "message": "Image successfully built",
    "buildConcludedAt": 1606237973,
}

# Concluded outcomes of historical runs, weighted like a healthy project's history.
RUN_OUTCOMES = ["success"] * 14 + ["failure"] * 3 + ["aborted"] * 2 + ["skipped"]
# The newest development runs are still in flight, so abort and lifecycle have work to do.
ACTIVE_DEVELOPMENT = ["running", "pending"]

BUILD_OUTCOMES = ["SUCCESS"] * 14 + ["FAILURE"] * 3 + ["ABORTED", "CRASHED", "SUBMISSION_FAILURE"]
ACTIVE_BUILDS = ["BUILDING", "QUEUED"]
BUILD_MESSAGES = {
    "SUCCESS": "Image successfully built",
    "FAILURE": "Build failed: step 7/12 exited with code 1",
    "ABORTED": "Build aborted",
    "CRASHED": "Build container crashed",
    "SUBMISSION_FAILURE": "Build could not be submitted",
    "BUILDING": "Building image",
    "QUEUED": "Waiting for build capacity",
}
ADJECTIVES = ["joyous", "brave", "calm", "eager", "gentle", "lively", "quiet", "swift", "bold"]
NOUNS = ["view", "river", "forest", "meadow", "harbor", "summit", "canyon", "lake", "grove"]
BRANCHES = ["main", "main", "main", "feature/checkout", "fix/login-timeout", "chore/deps"]


def timestamp(moment: datetime) -> str:
    """ISO 8601 with milliseconds and a `Z`, the form the live API writes."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def release_flow_template(stage: str, policy: str) -> dict[str, Any]:
    """The template a stage's release flow runs: build (development only), release, checks."""
    steps: list[dict[str, Any]] = []
    if stage == "development":
        steps.append(
            {
                "kind": "Build",
                "ref": "build-app",
                "spec": {"type": "build", "buildId": "demo-service", "branch": "main"},
            }
        )
    if stage == "production":
        steps.append(
            {"kind": "Approval", "ref": "approve-release", "spec": {"reviewers": ["release-team"]}}
        )
    steps.append(
        {
            "kind": "Release",
            "ref": "release-app",
            "settings": {"maxAttempts": 2, "backoff": {"type": "fixed", "delay": 30}},
            "spec": {"type": "release", "serviceId": f"demo-service-{stage}"},
        }
    )
    steps.append(
        {
            "kind": "Message",
            "ref": "notify",
            "spec": {"type": "slack", "channel": "#releases", "text": f"Released to {stage}"},
        }
    )
    template: dict[str, Any] = {
        "apiVersion": "v1.2",
        "arguments": {"ENVIRONMENT": stage, "IMAGE_TAG": "latest"},
        "options": {"concurrencyPolicy": policy, "paused": False},
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": steps}},
    }
    if stage == "development":
        template["triggers"] = [
            {
                "ref": "app-repo",
                "vcsService": "github",
                "accountLogin": "github-user",
                "repoUrl": REPO,
                "branchRestrictions": ["main", "feature/*"],
                "pathIgnoreRules": ["README.md", "*.md"],
                "ciIgnoreFlags": ["[skip ci]"],
                "ciIgnoreFlagsEnabled": True,
                "isAllowList": False,
                "ignoreDrafts": True,
            }
        ]
    if stage == "production":
        template["gitops"] = {
            "vcsService": "github",
            "accountLogin": "github-user",
            "repoUrl": REPO,
            "branch": "main",
            "filePath": "/.northflank/release-production.json",
        }
    return template


def make_runs(rng: random.Random, stage: str, count: int) -> list[dict[str, Any]]:
    """`count` runs of one stage, newest first, 3 to 9 hours apart."""
    runs: list[dict[str, Any]] = []
    created = ANCHOR - timedelta(minutes=rng.randint(0, 90))
    for index in range(count):
        if stage == "development" and index < len(ACTIVE_DEVELOPMENT):
            status = ACTIVE_DEVELOPMENT[index]
        else:
            status = rng.choice(RUN_OUTCOMES)
        run: dict[str, Any] = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4))}
        number = count - index
        if rng.random() < 0.8:
            run["name"] = f"{stage.capitalize()} release {number}"
        if rng.random() < 0.5:
            run["description"] = f"Release of build {1000 + number} to {stage}."
        run["status"] = status
        started = created + timedelta(seconds=rng.randint(2, 40), milliseconds=rng.randint(0, 999))
        updated = created
        if status not in ("pending", "waiting"):
            run["startedAt"] = timestamp(started)
            updated = started
        run["concluded"] = status in ("success", "failure", "aborted", "skipped")
        if run["concluded"]:
            concluded = started + timedelta(seconds=rng.randint(45, 1500))
            run["concludedAt"] = timestamp(concluded)
            updated = concluded
        run["createdAt"] = timestamp(created)
        run["updatedAt"] = timestamp(updated)
        runs.append(run)
        created -= timedelta(minutes=rng.randint(180, 540))
    return runs


def make_builds(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """`count` builds of the demo job, newest first, 2 to 12 hours apart."""
    builds: list[dict[str, Any]] = []
    seen: set[str] = {EXAMPLE_BUILD["id"]}
    created = ANCHOR - timedelta(minutes=rng.randint(0, 60))
    for index in range(count):
        build_id = EXAMPLE_BUILD["id"]
        while build_id in seen:
            build_id = f"{rng.choice(ADJECTIVES)}-{rng.choice(NOUNS)}-{rng.randint(1000, 9999)}"
        seen.add(build_id)
        status = ACTIVE_BUILDS[index] if index < len(ACTIVE_BUILDS) else rng.choice(BUILD_OUTCOMES)
        branch = rng.choice(BRANCHES)
        concluded = status not in ACTIVE_BUILDS
        build: dict[str, Any] = {
            "id": build_id,
            "branch": branch,
            "pullRequestId": None if branch == "main" else rng.randint(10, 480),
            "status": status,
            "sha": f"{rng.getrandbits(160):040x}",
            "concluded": concluded,
            "createdAt": timestamp(created),
            "success": status == "SUCCESS",
            "message": BUILD_MESSAGES[status] if rng.random() < 0.9 else None,
        }
        if concluded:
            took = timedelta(seconds=rng.randint(60, 900))
            build["buildConcludedAt"] = int((created + took).timestamp())
        if status == "SUCCESS":
            build["registry"] = {"uri": f"registry.northflank.com/demo-project/demo-job:{build_id}"}
        builds.append(build)
        created -= timedelta(minutes=rng.randint(120, 720))
    return builds


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def generate(out: Path, seed: int = DEFAULT_SEED) -> None:
    rng = random.Random(seed)
    pipeline_dir = out / "projects" / PROJECT / "pipelines" / PIPELINE / "release-flows"
    for stage, (count, policy) in STAGES.items():
        runs: list[dict[str, Any]] = make_runs(rng, stage, count)
        if stage == "development":
            runs.append(EXAMPLE_RUN)
        write_json(pipeline_dir / stage / "template.json", release_flow_template(stage, policy))
        write_json(pipeline_dir / stage / "runs.json", runs)
    builds = [*make_builds(rng, BUILD_COUNT), EXAMPLE_BUILD]
    write_json(out / "projects" / PROJECT / "jobs" / JOB / "builds.json", builds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args()
    generate(args.out, args.seed)
    print(f"wrote the dataset to {args.out}")


if __name__ == "__main__":
    main()
