"""An offline Northflank: the release endpoints of openapi/northflank.yaml, served by a connexion
app from fixtures and a simulated release lifecycle.

    from mock_server import Settings, create_app
    app = create_app(Settings(manual_clock=True, seed=1))   # an ASGI app

`northflank-mock --help` runs it under uvicorn; its pytest plugin (pytest_plugin.py) serves it
to test suites. docs/architecture.md maps the package: http/ (the request path), domain/ (rules:
lifecycle, pagination, faults, auth), storage/ (data, rendering and persistence).

The names below are imported when first used: the pytest plugin lives in this package, and a
test run that never asks for the mock must not pay for importing it.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

# connexion imports starlette's test client, which warns about httpx, and deprecated names of
# jsonschema; irrelevant to serving. First, before anything imports connexion, and here, so that
# worker processes and test suites using the pytest plugin (even with -W error) are quiet too.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
warnings.filterwarnings(
    "ignore", message=r"jsonschema\..* is deprecated", category=DeprecationWarning
)

if TYPE_CHECKING:
    from .app import create_app
    from .control_client import (
        MissingClientError,
        MockControlError,
        NorthflankMock,
        RecordedRequest,
    )
    from .domain.auth import TokensFileError
    from .embedded import EmbeddedMock
    from .errors import ApiError
    from .http.pipeline import MockServer
    from .settings import Settings
    from .spec import SpecError
    from .storage.fixtures import DEFAULT_FIXTURES, FixtureError
    from .storage.persistence import StateFileError

_WHERE = {
    "create_app": ".app",
    "MissingClientError": ".control_client",
    "MockControlError": ".control_client",
    "NorthflankMock": ".control_client",
    "RecordedRequest": ".control_client",
    "TokensFileError": ".domain.auth",
    "EmbeddedMock": ".embedded",
    "ApiError": ".errors",
    "MockServer": ".http.pipeline",
    "Settings": ".settings",
    "SpecError": ".spec",
    "DEFAULT_FIXTURES": ".storage.fixtures",
    "FixtureError": ".storage.fixtures",
    "StateFileError": ".storage.persistence",
}

__all__ = [
    "DEFAULT_FIXTURES",
    "ApiError",
    "EmbeddedMock",
    "FixtureError",
    "MissingClientError",
    "MockControlError",
    "MockServer",
    "NorthflankMock",
    "RecordedRequest",
    "Settings",
    "SpecError",
    "StateFileError",
    "TokensFileError",
    "create_app",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
