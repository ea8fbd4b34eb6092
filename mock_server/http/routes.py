"""The route table: every operation of the spec, built once when the app is.

One table serves everything that needs to know which operation a request is for: the pipeline's
route match (fault rules and `Prefer` need the operation before connexion runs), the 404 and 405
answers (with `Allow`), the examples `Prefer` answers from, and the connexion adapter, which
wires one chain of connexion's checks per route. It holds whatever operations the spec has:
nothing here names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from starlette.convertors import Convertor
from starlette.routing import compile_path

from ..errors import ApiError
from ..spec import resolve
from .connexion_adapter import mounted, route_path

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# An operation marked with it is its twin under another path (a team-scoped route): same
# parameters plus one, same answers.
VARIANT_OF = "x-team-scoped-variant-of"


@dataclass(frozen=True)
class Route:
    operation_id: str
    method: str  # as in the request line: "GET"
    template: str  # the spec's path: "/v1/projects/{projectId}/..."
    tag: str | None
    path_params: tuple[str, ...]
    variant_of: str | None  # the operationId this one is a team-scoped variant of
    # The path as connexion's router matches it: Starlette's pattern and value convertors.
    regex: re.Pattern[str] = field(repr=False, compare=False)
    convertors: dict[str, Convertor[Any]] = field(repr=False, compare=False)
    # The spec's response examples, by status and name (for `Prefer`).
    examples: dict[int, dict[str, Any]] = field(repr=False, compare=False)
    # Whether the spec defines a request body: one that does not takes none (validation.py).
    takes_body: bool = field(default=True, compare=False)


@dataclass(frozen=True, slots=True)
class RouteMatch:
    """Which operation a request is for. `route` None: none takes this method on this path,
    and `allowed` names the methods that some operation takes there."""

    method: str
    path: str
    route: Route | None
    path_params: dict[str, Any]
    allowed: tuple[str, ...] = ()

    def error(self) -> ApiError:
        """The answer to a request no operation takes: 404, or 405 with `Allow`."""
        if not self.allowed:
            return ApiError(404, f"No route matches {self.path}")
        methods = ", ".join(self.allowed)
        message = f"Method {self.method} is not allowed on {self.path}: use {methods}"
        # RFC 9110: a 405 lists the methods the resource supports.
        return ApiError(405, message, headers={"Allow": methods})


class RouteTable:
    def __init__(self, routes: list[Route]) -> None:
        self.routes = tuple(routes)
        self.by_id = {route.operation_id: route for route in routes}
        self.operation_ids = frozenset(self.by_id)
        # Each team-scoped operation's twin, by operationId.
        self.variants = {r.operation_id: r.variant_of for r in routes if r.variant_of is not None}
        # By method, in the spec's order, as Starlette's router tries them; a GET route takes
        # HEAD too, as Starlette's does.
        self._by_method: dict[str, list[Route]] = {}
        for route in routes:
            for method in ("GET", "HEAD") if route.method == "GET" else (route.method,):
                self._by_method.setdefault(method, []).append(route)

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> RouteTable:
        routes = []
        for template, item in spec["paths"].items():
            shared = [resolve(p, spec) for p in item.get("parameters", [])]
            for method, operation in item.items():
                if method not in HTTP_METHODS:
                    continue
                own = [resolve(p, spec) for p in operation.get("parameters", [])]
                parameters = _merged(shared, own)
                regex, _, convertors = compile_path(route_path(template, parameters))
                routes.append(
                    Route(
                        operation_id=operation["operationId"],
                        method=method.upper(),
                        template=template,
                        tag=next(iter(operation.get("tags", [])), None),
                        path_params=tuple(p["name"] for p in parameters if p["in"] == "path"),
                        variant_of=operation.get(VARIANT_OF),
                        regex=regex,
                        convertors=convertors,
                        examples=_examples(operation, spec),
                        takes_body="requestBody" in operation,
                    )
                )
        return cls(routes)

    def match(self, method: str, path: str) -> RouteMatch:
        if not mounted(path):
            return RouteMatch(method, path, None, {})
        for route in self._by_method.get(method, ()):
            found = route.regex.match(path)
            if found is not None:
                convert = route.convertors
                params = {name: convert[name].convert(v) for name, v in found.groupdict().items()}
                return RouteMatch(method, path, route, params)
        return RouteMatch(method, path, None, {}, self.allowed(path))

    def allowed(self, path: str) -> tuple[str, ...]:
        """The methods some operation takes on `path` (sorted; none for an unknown path)."""
        if not mounted(path):
            return ()
        return tuple(sorted({route.method for route in self.routes if route.regex.match(path)}))


def _merged(shared: list[dict[str, Any]], own: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An operation's parameters: the path item's, overridden by the operation's own."""
    names = {(p["name"], p["in"]) for p in own}
    return [p for p in shared if (p["name"], p["in"]) not in names] + own


def _examples(operation: dict[str, Any], spec: dict[str, Any]) -> dict[int, dict[str, Any]]:
    examples: dict[int, dict[str, Any]] = {}
    for status, response in operation.get("responses", {}).items():
        if not str(status).isdigit():
            continue  # `default` names no status to answer with
        media = resolve(response, spec).get("content", {}).get("application/json", {})
        named = media.get("examples", {})
        examples[int(status)] = {name: resolve(ex, spec)["value"] for name, ex in named.items()}
    return examples
