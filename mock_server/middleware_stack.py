"""The connexion middleware stack the mock runs: connexion's own, in connexion's order, with three
middlewares replaced by versions that work out once, per operation, what connexion 3.3 works
out again on every request. Every request still passes routing, security, request validation
(and response validation in strict mode) exactly as connexion defines them.
"""

from __future__ import annotations

import typing as t

from connexion import utils
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import UnsupportedMediaTypeProblem
from connexion.middleware.abstract import ROUTING_CONTEXT, RoutedMiddleware
from connexion.middleware.lifespan import LifespanMiddleware
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.request_validation import (
    RequestValidationAPI,
    RequestValidationMiddleware,
    RequestValidationOperation,
)
from connexion.middleware.routing import RoutingMiddleware, RoutingOperation
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from starlette.routing import Match, Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

UI_PATH = "/ui"  # where app.py tells connexion to serve Swagger UI; the API's base path is ""
# Content types are the client's to choose; past this many, answers are worked out uncached.
_MAX_CACHED_CONTENT_TYPES = 64


class SwaggerUIWhereAsked(SwaggerUIMiddleware):  # type: ignore[misc]
    """connexion's Swagger UI, consulted only for paths under /ui.

    The stock middleware sends every request through a Starlette router (and copies its scope)
    to learn that an API call is not for the UI: a quarter of the time of a list request."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(UI_PATH):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def link_operation(layer: ASGIApp, operation_id: str) -> ASGIApp:
    """What serves `operation_id` from `layer` inwards, with each routed layer's operation wired
    straight to the next routed layer's operation for the same operationId.

    Each of connexion's routed layers (security, request and response validation, context, the
    app) hands a request to the whole next layer, which looks the operation up again in the
    routing context: five lookups and a lifespan hop per request, for an answer known when the
    app is built. Wiring is in place, so connexion's own routing reaches the same chain; a layer
    this does not know is left to route for itself."""
    while isinstance(layer, LifespanMiddleware):  # HTTP requests pass a lifespan layer untouched
        layer = t.cast(ASGIApp, layer.next_app)
    if not isinstance(layer, RoutedMiddleware):
        return layer
    operation: ASGIApp | None = next(
        (
            api.operations[operation_id]
            for api in layer.apis.get("", ())
            if operation_id in api.operations
        ),
        None,
    )
    if operation is None:
        return t.cast(ASGIApp, layer)
    if isinstance(operation, (RoutedMiddleware, LifespanMiddleware)):
        # A layer with nothing to do for this operation (response validation when off) names
        # the next layer as its operation.
        return link_operation(operation, operation_id)
    if hasattr(operation, "next_app"):
        operation.next_app = link_operation(operation.next_app, operation_id)
    return operation


class DirectRouting(RoutingMiddleware):  # type: ignore[misc]
    """connexion's routing, with the routes of an API at base path "" matched directly.

    connexion mounts each API under its base path: every request copies its scope and passes
    two Starlette routers and a mount, which rewrites the root path, before it reaches its
    operation. Here the same Starlette routes connexion registered are matched against the
    request itself, and a full match (path and method) gets the routing context connexion's
    RoutingOperation would set and goes to the operation's linked chain (link_operation).
    Anything else (no route, or a method the path does not have) takes connexion's own way, for
    its 404s and 405s."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        # By method, in connexion's order: only a route that takes the method can match fully.
        self.routes: dict[str, list[tuple[Route, str, ASGIApp]]] = {}

    def add_api(self, *args: t.Any, **kwargs: t.Any) -> None:
        # connexion adds each API to the inner layers first, so their operations exist here.
        super().add_api(*args, **kwargs)
        self.routes = {}
        for mount in self.router.routes:
            if not (isinstance(mount, Mount) and mount.path == ""):
                continue
            for route in mount.routes:
                if isinstance(route, Route) and isinstance(route.app, RoutingOperation):
                    operation_id = route.app.operation_id
                    entry = (route, operation_id, link_operation(self.app, operation_id))
                    for method in route.methods or ():
                        self.routes.setdefault(method, []).append(entry)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            for route, operation_id, chain in self.routes.get(scope["method"], ()):
                match, child = route.matches(scope)
                if match is Match.FULL:
                    scope.setdefault("path_params", {}).update(child["path_params"])
                    routing = scope.setdefault("extensions", {}).setdefault(ROUTING_CONTEXT, {})
                    routing.update({"api_base_path": "", "operation_id": operation_id})
                    await chain(scope, receive, send)
                    return
        await super().__call__(scope, receive, send)


class PreparedRequestValidation(RequestValidationOperation):  # type: ignore[misc]
    """connexion's request validation of one operation, with its validators built once.

    connexion 3.3's RequestValidationOperation.__call__ builds a URI parser twice, the
    parameter validator and the body validator, and derives the body's definition four times
    (each time attaching every spec component to it), on every request. Here the parameter
    validator is built with the operation, and a body validator once per content type. The
    checks, their order and their errors are connexion's."""

    def __init__(self, next_app: ASGIApp, *, operation: t.Any, **kwargs: t.Any) -> None:
        super().__init__(next_app, operation=operation, **kwargs)
        uri_parser = operation.uri_parser_class(operation.parameters, operation.body_definition())
        self._parameters = self._validator_map["parameter"](
            operation.parameters,
            uri_parser=uri_parser,
            strict_validation=self.strict_validation,
            security_query_params=self.security_query_params,
        )
        self._consumes = MediaTypeDict([(c.lower(), None) for c in operation.consumes])
        self._content_types: dict[bytes | None, tuple[str, str]] = {}
        self._accepted: dict[str, bool] = {}  # by media type: whether the operation takes it
        self._bodies: dict[tuple[str, str], t.Any] = {}

    def extract_content_type(self, headers: list[tuple[bytes, bytes]]) -> tuple[str, str]:
        raw = next((value for name, value in headers if name.lower() == b"content-type"), None)
        found = self._content_types.get(raw)
        if found is None:
            found = super().extract_content_type([(b"content-type", raw)] if raw else [])
            if len(self._content_types) < _MAX_CACHED_CONTENT_TYPES:
                self._content_types[raw] = found
        return found

    def validate_mime_type(self, mime_type: str) -> None:
        accepted = self._accepted.get(mime_type)
        if accepted is None:
            consumes = self._operation.consumes
            accepted = not consumes or mime_type.lower() in self._consumes
            if len(self._accepted) < _MAX_CACHED_CONTENT_TYPES:
                self._accepted[mime_type] = accepted
        if not accepted:
            raise UnsupportedMediaTypeProblem(
                detail=f"Invalid Content-type ({mime_type}), expected {self._operation.consumes}"
            )

    def _body_validator(self, mime_type: str, encoding: str) -> t.Any:
        """The body validator for this content type; None when the body goes unchecked."""
        key = (mime_type, encoding)
        if key in self._bodies:
            return self._bodies[key]
        operation = self._operation
        schema = operation.body_schema(mime_type)
        validator_class = self._validator_map["body"].get(mime_type) if schema else None
        validator = None
        if validator_class is not None:
            validator = validator_class(
                schema=schema,
                required=operation.request_body.get("required", False),
                nullable=utils.is_nullable(operation.body_definition(mime_type)),
                encoding=encoding,
                strict_validation=self.strict_validation,
                uri_parser=operation.uri_parser_class(
                    operation.parameters, operation.body_definition()
                ),
            )
        if len(self._bodies) < _MAX_CACHED_CONTENT_TYPES:
            self._bodies[key] = validator
        return validator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._parameters.validate(scope)
        mime_type, encoding = self.extract_content_type(scope["headers"])
        self.validate_mime_type(mime_type)
        validator = self._body_validator(mime_type, encoding)
        if validator is not None:
            receive, scope = await validator.wrap_receive(receive, scope=scope)
        await self.next_app(scope, receive, send)


class PreparedRequestValidationAPI(RequestValidationAPI):  # type: ignore[misc]
    def make_operation(self, operation: t.Any) -> PreparedRequestValidation:
        return PreparedRequestValidation(
            self.next_app,
            operation=operation,
            strict_validation=self.strict_validation,
            validator_map=self.validator_map,
        )


class PreparedRequestValidationMiddleware(RequestValidationMiddleware):  # type: ignore[misc]
    api_cls = PreparedRequestValidationAPI


_REPLACEMENTS: dict[t.Any, t.Any] = {
    SwaggerUIMiddleware: SwaggerUIWhereAsked,
    RoutingMiddleware: DirectRouting,
    RequestValidationMiddleware: PreparedRequestValidationMiddleware,
}
MIDDLEWARES: list[t.Any] = [
    _REPLACEMENTS.get(middleware, middleware)
    for middleware in ConnexionMiddleware.default_middlewares
]
