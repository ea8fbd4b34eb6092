"""Cross-origin requests from browser apps: opt-in, for the origins given with `--cors`.

For an allowed origin, the API's answers (errors too) and the spec documents carry
`Access-Control-Allow-Origin` and expose the headers clients read (request id, rate limits,
Retry-After), and a preflight (`OPTIONS` with `Access-Control-Request-Method`) on an API path is
answered here with the methods the spec gives that path. A preflight the real request would fail
(an origin not given, a path no operation serves, a method the path does not take) answers an
error in the envelope, which the browser reports as a failed preflight. The control plane
(`/_mock/*`) never gets these headers: browsers keep it same-origin.

Tokens travel in `Authorization`, not cookies, so credentials are never allowed.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..errors import ApiError

ANY = "*"
EXPOSED = b"x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after"
MAX_AGE = b"600"  # seconds a browser may keep a preflight's answer
_DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_origin(value: str) -> str:
    """An origin as browsers send it in `Origin` (`http://localhost:3000`), or `*` for any.
    The argparse type of --cors."""
    if value == ANY:
        return ANY
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if (
        parts is None
        or parts.scheme not in _DEFAULT_PORTS
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise argparse.ArgumentTypeError(
            f"not an origin: {value!r}; give scheme://host[:port], as http://localhost:3000, "
            "or * for any origin"
        )
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    shown_port = "" if port in (None, _DEFAULT_PORTS[parts.scheme]) else f":{port}"
    return f"{parts.scheme}://{host.lower()}{shown_port}"


class CorsPolicy:
    """Which origins may call the API from a browser, and the headers that tell the browser."""

    def __init__(self, origins: Iterable[str]) -> None:
        given = [parse_origin(origin) for origin in origins]
        self.any = ANY in given
        self.origins = frozenset(origin.encode("latin-1") for origin in given if origin != ANY)

    def allows(self, origin: bytes) -> bool:
        return self.any or origin in self.origins

    def headers(self, origin: bytes) -> list[tuple[bytes, bytes]]:
        """For an answer to an allowed origin. The origin itself, never `*`: the answer varies
        by origin, and says so for caches."""
        return [
            (b"access-control-allow-origin", origin),
            (b"access-control-expose-headers", EXPOSED),
            (b"vary", b"Origin"),
        ]

    def preflight(
        self, origin: bytes, path: str, headers: dict[bytes, bytes], methods: tuple[str, ...]
    ) -> list[tuple[bytes, bytes]]:
        """The headers of a 204 that lets the browser send its request, or the ApiError of the
        request it must not send. `methods` are those some route takes on `path`."""
        shown = origin.decode("latin-1")
        if not self.allows(origin):
            raise ApiError(
                403, f"Origin {shown} may not call the mock: start it with --cors {shown}"
            )
        if not methods:
            raise ApiError(404, f"No route matches {path}")
        wanted = headers.get(b"access-control-request-method", b"").decode("latin-1")
        allowed = ", ".join(methods)
        if wanted not in methods:
            raise ApiError(
                405,
                f"Method {wanted} is not allowed on {path}: use {allowed}",
                headers={"Allow": allowed},
            )
        answer = [
            *self.headers(origin)[:1],
            (b"access-control-allow-methods", allowed.encode()),
            (b"access-control-max-age", MAX_AGE),
            (b"vary", b"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
        ]
        requested = headers.get(b"access-control-request-headers")
        if requested:
            answer.append((b"access-control-allow-headers", requested))
        # Chrome asks before a public site's page may call a server on the local network.
        if headers.get(b"access-control-request-private-network", b"").lower() == b"true":
            answer.append((b"access-control-allow-private-network", b"true"))
        return answer
