"""`python -m mock_server.healthcheck`: exit 0 when the mock this environment configures answers
`GET /_mock/health`, 1 otherwise (with the reason on stderr). The container image's HEALTHCHECK.

It reads the mock's own variables: NORTHFLANK_MOCK_HOST and NORTHFLANK_MOCK_PORT (an address on
all interfaces is reached on loopback), NORTHFLANK_MOCK_CONTROL_TOKEN when the control plane has
one. Standard library only: it runs every few seconds and must start fast.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

from .control_headers import control_headers

TIMEOUT = 3.0
_ALL_INTERFACES = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}


def health_url(environ: dict[str, str]) -> str:
    host = environ.get("NORTHFLANK_MOCK_HOST", "127.0.0.1").strip()
    host = _ALL_INTERFACES.get(host, host)
    port = environ.get("NORTHFLANK_MOCK_PORT", "4010").strip() or "4010"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/_mock/health"


def main() -> int:
    environ = dict(os.environ)
    url = health_url(environ)
    request = urllib.request.Request(
        url, headers=control_headers(environ.get("NORTHFLANK_MOCK_CONTROL_TOKEN") or None)
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status = response.status
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: {url} answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
