"""What the generated client costs to parse a response, against json.loads alone."""

from __future__ import annotations

import json
import timeit
from typing import Any

from .inprocess import get
from .scenarios import STAGE


def measure_client() -> dict[str, dict[str, float]]:
    """Parsing with the generated client against json.loads alone, on the same bytes."""
    from northflank_release_client.models import (
        ReleaseFlowRunListResponse,
        ReleaseFlowRunResponse,
    )

    from mock_server import Settings, create_app

    app = create_app(Settings())
    _, page = get(app, STAGE, b"per_page=100")
    production = STAGE.replace("development", "production")
    newest = json.loads(get(app, production, b"per_page=1")[1])["data"]["runs"][0]["id"]
    _, details = get(app, f"{production}/{newest}")
    payloads: list[tuple[str, bytes, Any]] = [
        ("100-run list page", page, ReleaseFlowRunListResponse),
        ("run details", details, ReleaseFlowRunResponse),
    ]
    results = {}
    loops = 200
    for label, payload, model in payloads:

        def raw(payload: bytes = payload) -> Any:
            return json.loads(payload)

        def parsed(payload: bytes = payload, model: Any = model) -> Any:
            return model.from_dict(json.loads(payload))

        raw_us = min(timeit.repeat(raw, number=loops, repeat=5)) / loops * 1e6
        parsed_us = min(timeit.repeat(parsed, number=loops, repeat=5)) / loops * 1e6
        results[label] = {
            "bytes": len(payload),
            "json_loads_us": raw_us,
            "client_us": parsed_us,
            "ratio": parsed_us / raw_us,
        }
        print(
            f"  {label:18} {len(payload):7} bytes: json.loads {raw_us:8.1f} us, "
            f"generated client {parsed_us:8.1f} us ({parsed_us / raw_us:.1f}x)",
            flush=True,
        )
    return results
