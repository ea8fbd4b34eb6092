"""An offline Northflank: the release endpoints of openapi/northflank.yaml, served by a connexion
app from fixtures and a simulated release lifecycle.

    from mock_server import Settings, create_app
    app = create_app(Settings(manual_clock=True, seed=1))   # an ASGI app

`python -m mock_server --help` runs it under uvicorn. docs/architecture.md maps the package:
http/ (the request path), domain/ (rules: lifecycle, pagination, faults, auth), storage/ (data,
rendering and persistence).
"""

import warnings

# connexion imports starlette's test client, which warns about httpx; irrelevant to serving.
# First, before anything imports connexion, and here, so that worker processes are quiet too.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from .app import create_app  # noqa: E402
from .domain.auth import TokensFileError  # noqa: E402
from .errors import ApiError  # noqa: E402
from .http.pipeline import MockServer  # noqa: E402
from .settings import Settings  # noqa: E402
from .spec import SpecError  # noqa: E402
from .storage.fixtures import DEFAULT_FIXTURES, FixtureError  # noqa: E402
from .storage.persistence import StateFileError  # noqa: E402

__all__ = [
    "DEFAULT_FIXTURES",
    "ApiError",
    "FixtureError",
    "MockServer",
    "Settings",
    "SpecError",
    "StateFileError",
    "TokensFileError",
    "create_app",
]
