"""Who may talk to the mock: the Host check for every request, and the control plane's own checks.

The mock listens on the developer's machine, where any web page they visit can send requests to
it. Two things keep such pages out (docs/control-plane.md tells the whole story):

- The Host check. A page on a domain that an attacker re-points at 127.0.0.1 (DNS rebinding) is,
  to the browser, same-origin with the mock and can read its answers; but its requests name the
  attacker's domain in `Host`. The mock answers only requests whose `Host` is an address it
  serves (the CLI fills `Settings.allowed_hosts` from the address it binds, and `--allow-host`).
- The control plane (/_mock/*) is same-origin only, takes only JSON bodies, and can ask for a
  token. A browser sends `Origin` (and `Sec-Fetch-Site`) with every cross-origin request and with
  every POST, and can only send a cross-origin POST without a preflight if its body is a form or
  `text/plain`: refusing other origins and non-JSON bodies leaves a page nothing to send.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from ..errors import ApiError

CONTROL_PREFIX = "/_mock"
# Open even with --control-token: liveness probes and start-up waits read it, and it changes
# nothing.
UNGUARDED_CONTROL = frozenset({"/_mock/health"})
_FETCHED_FROM_ELSEWHERE = (b"cross-site", b"same-site")
MAX_CACHED_HOSTS = 64


def host_port(value: str) -> tuple[str, str | None]:
    """`Example.com:80` as ("example.com", "80"), `[::1]:4010` as ("[::1]", "4010")."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end == -1:
            return value, None
        host, rest = value[: end + 1], value[end + 1 :]
        return host, rest[1:] if rest.startswith(":") else None
    host, colon, port = value.partition(":")
    return host.rstrip("."), port if colon else None


class Guard:
    """The checks of one mock. `allowed_hosts` None: every Host is served (in-process apps, and
    a mock bound to all interfaces). Each allowed entry is `name:port` (that port only) or
    `name` (any port, or none: behind a proxy)."""

    def __init__(self, allowed_hosts: tuple[str, ...] | None, control_token: str | None) -> None:
        self.any_host = allowed_hosts is None or "*" in allowed_hosts
        self.exact: set[tuple[str, str | None]] = set()
        self.names: set[str] = set()
        for entry in allowed_hosts or ():
            host, port = host_port(entry)
            if port is None:
                self.names.add(host)
            else:
                self.exact.add((host, port))
        self.control_token = control_token.encode() if control_token else None
        # Clients send the same Host on every request: each verdict is worked out once.
        self.verdicts: dict[bytes, bool] = {}

    def host_allowed(self, host: bytes | None) -> bool:
        """Whether the mock answers a request with this Host header. A request without one
        (HTTP/1.0) comes from no browser, so it cannot be a rebinding page's."""
        if self.any_host or host is None:
            return True
        verdict = self.verdicts.get(host)
        if verdict is None:
            name, port = host_port(host.decode("latin-1"))
            verdict = name in self.names or (name, port) in self.exact
            if len(self.verdicts) < MAX_CACHED_HOSTS:
                self.verdicts[host] = verdict
        return verdict

    def check_host(self, host: bytes | None) -> None:
        if not self.host_allowed(host):
            shown = host.decode("latin-1")[:200] if host else ""
            raise ApiError(
                421,
                f"This mock does not serve the host {shown!r}: use the address it printed at "
                "start-up, or start it with --allow-host NAME",
            )

    def check_control(self, path: str, method: str, headers: dict[bytes, bytes]) -> None:
        """The control plane's checks, in order: same origin (403), the token (401), a JSON
        body (415)."""
        if _cross_origin(headers):
            raise ApiError(
                403,
                "The control endpoints take no requests from web pages of other origins",
            )
        if self.control_token is not None and path not in UNGUARDED_CONTROL:
            scheme, _, token = headers.get(b"authorization", b"").partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(
                token.strip(), self.control_token
            ):
                raise ApiError(
                    401,
                    "The control endpoints need the control token: "
                    "send `Authorization: Bearer <token>` as given by --control-token",
                    headers={"WWW-Authenticate": 'Bearer realm="northflank-mock control"'},
                )
        if method in ("GET", "HEAD"):
            return
        content_type = headers.get(b"content-type")
        declares_body = headers.get(b"content-length", b"0").strip() not in (b"0", b"") or (
            b"transfer-encoding" in headers
        )
        if content_type is not None or declares_body:
            media = (content_type or b"").split(b";")[0].strip().lower()
            if media != b"application/json":
                raise ApiError(
                    415,
                    "The control endpoints take JSON bodies only: send "
                    "`Content-Type: application/json`",
                )


def _cross_origin(headers: dict[bytes, bytes]) -> bool:
    """Whether a browser says the request comes from a page of another origin than the mock's
    own (its Host). Clients that are not browsers send neither header."""
    if headers.get(b"sec-fetch-site", b"").lower() in _FETCHED_FROM_ELSEWHERE:
        return True
    origin = headers.get(b"origin")
    if origin is None:
        return False
    parts = urlsplit(origin.decode("latin-1").strip().lower())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return True  # `null` (sandboxed frames, files) and the like
    host = headers.get(b"host", b"").decode("latin-1")
    return host_port(parts.netloc) != host_port(host)


def allowed_hosts_for(host: str, port: int, extra: list[str]) -> tuple[str, ...] | None:
    """The Host headers the mock answers, bound to `host`:`port` (guard.py): that address, the
    loopback names when it is a loopback address, and `extra`; None (any) when bound to every
    interface, as in a container."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:
        return None
    shown = f"[{host}]" if ":" in host else host
    allowed = [f"{shown}:{port}"]
    if address is not None and address.is_loopback:
        allowed += [f"{name}:{port}" for name in ("localhost", "127.0.0.1", "[::1]")]
    return (*allowed, *extra)
