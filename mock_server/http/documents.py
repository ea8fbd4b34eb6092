"""What the mock serves about itself: the spec (/openapi.json, /openapi.yaml) and a start page (/).

The spec file lists the real API as its server. The spec the mock serves lists the mock itself
first, at the address the request was sent to, so that Swagger UI's "Try it out" (which calls
the first server) reaches the mock and never production; the real API follows, for reference.
The YAML keeps the file's own text (its comments and order) with the mock's entry inserted.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import yaml
from starlette.types import Scope

from .connexion_adapter import UI_PATH

_PLACEHOLDER = "__northflank_mock_url__"
_DESCRIPTION = "This mock: requests sent here never reach Northflank"
# A Host header fit to be written into the documents as it is: a name or address and a port.
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_SERVERS = re.compile(r"^servers:[ \t]*\n(?P<indent>[ \t]+)- ", re.MULTILINE)


class SpecDocuments:
    """The spec as served, by path, for a given base URL."""

    def __init__(self, spec: dict[str, Any], text: bytes) -> None:
        served = {**spec, "servers": [_mock_server(_PLACEHOLDER), *spec.get("servers", [])]}
        self._bodies = {
            "/openapi.json": (json.dumps(served).encode(), b"application/json"),
            "/openapi.yaml": (_yaml_with_mock_server(text, served), b"application/yaml"),
        }
        self.paths = frozenset(self._bodies)

    def render(self, path: str, base_url: str) -> tuple[bytes, bytes]:
        """The document at `path` (one of `paths`) naming `base_url` as the mock: body and
        content type."""
        body, media_type = self._bodies[path]
        # Both forms hold the placeholder as a quoted string; base_url needs no escaping in
        # either (base_url() builds it from checked parts).
        return body.replace(_PLACEHOLDER.encode(), base_url.encode()), media_type


def base_url(scope: Scope, host: bytes | None) -> str:
    """The mock's URL as the client addressed it: the Host header when it is a plain
    host[:port], else the address the server listens on."""
    scheme = "https" if scope.get("scheme") == "https" else "http"
    root = scope.get("root_path", "")
    root = root if re.fullmatch(r"(/[A-Za-z0-9._~-]+)*", root) else ""
    name = host.decode("latin-1") if host else ""
    if not _HOST.fullmatch(name):
        server = scope.get("server") or ("127.0.0.1", None)
        address = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
        name = address if server[1] is None else f"{address}:{server[1]}"
    return f"{scheme}://{name}{root}"


def start_page(base: str, accept: bytes | None) -> tuple[bytes, bytes]:
    """GET /: where a person goes from here (HTML for browsers, JSON for anything else)."""
    links = {
        "ui": f"{base}{UI_PATH}/",
        "openapi": f"{base}/openapi.json",
        "health": f"{base}/_mock/health",
        "requests": f"{base}/_mock/requests",
    }
    if accept is None or b"text/html" not in accept:
        body = {"name": "Northflank mock", "api": f"{base}/v1", **links}
        return json.dumps(body).encode(), b"application/json"
    shown = {key: html.escape(value) for key, value in links.items()}
    api = html.escape(f"{base}/v1/")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Northflank mock</title></head>
<body>
<h1>Northflank mock</h1>
<p>An offline Northflank API for release automation. Its API answers under
<code>{api}</code> to any bearer token (unless started with <code>--tokens</code>).</p>
<ul>
<li><a href="{shown["ui"]}">Swagger UI</a>: every operation, with "Try it out" sending
requests to this mock</li>
<li><a href="{shown["openapi"]}">The spec</a> (also as
<a href="{html.escape(base)}/openapi.yaml">YAML</a>)</li>
<li><a href="{shown["health"]}">Health</a> and the
<a href="{shown["requests"]}">requests received</a></li>
</ul>
</body></html>
"""
    return page.encode(), b"text/html; charset=utf-8"


def _mock_server(url: str) -> dict[str, str]:
    return {"url": url, "description": _DESCRIPTION}


def _yaml_with_mock_server(text: bytes, served: dict[str, Any]) -> bytes:
    """The spec file's text with the mock listed first under `servers`. Checked by parsing it
    back: a file laid out otherwise is dumped from the parsed spec instead."""
    source = text.decode("utf-8")
    found = _YAML_SERVERS.search(source)
    if found is not None:
        indent = found.group("indent")
        # JSON strings are YAML double-quoted scalars.
        entry = (
            f"{indent}- url: {json.dumps(_PLACEHOLDER)}\n"
            f"{indent}  description: {json.dumps(_DESCRIPTION)}\n"
        )
        source = source[: found.start("indent")] + entry + source[found.start("indent") :]
        try:
            same = yaml.load(source, Loader=_LOADER) == served
        except yaml.YAMLError:
            same = False
        if same:
            return source.encode("utf-8")
    return yaml.safe_dump(served, sort_keys=False, allow_unicode=True).encode("utf-8")
