"""Every contact with connexion's internals, in one module.

connexion is the mock's engine: its security handlers check the bearer token, its request
validation runs the project's validators (validation.py) in its order, and in strict mode its
response validation checks every answer. This module builds those objects of connexion's once per
operation of the route table and calls them; nothing else in mock_server imports from connexion.

How this differs from running connexion's own middleware stack, and why:

- Routing. The pipeline matches the route table (routes.py), whose patterns are connexion's
  (`route_path`), and hands the match here. connexion's stack routes every request through two
  Starlette routers and a mount, copying its scope, and its Swagger UI layer routes every API
  call once more to learn that it is not for the UI.
- One chain per operation, built once, in connexion's order: security, request validation,
  response validation (strict mode), the handler. In connexion's stack each layer looks the
  operation up again, and a lifespan and a context layer sit between them.
- Request validation (`PreparedValidation`) builds its validators once per operation and content
  type; connexion 3.3 builds them, and a URI parser twice, on every request.
- Handlers are called with their arguments directly (`HandlerCall`); connexion rebuilds its
  decorator chain, inspecting the handler's signature, on every request.
- Errors: connexion's problems become ApiErrors here, and the pipeline renders them.

Each piece of connexion this copies, bypasses or overrides is listed in UPSTREAM with a
fingerprint of its source. tests/test_connexion_adapter.py fails on a connexion upgrade that
changes one, naming it and what to re-verify; tests/test_differential.py runs a corpus of
requests through this and through a stock connexion AsyncApp and expects the same answers.
The failing test gives each changed piece's new fingerprint, for UPSTREAM once it is checked.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import inspect
import logging
import textwrap
import typing as t
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from connexion import utils
from connexion.datastructures import MediaTypeDict
from connexion.decorators.parameter import pythonic
from connexion.exceptions import (
    InvalidSpecification,
    NonConformingResponseBody,
    OAuthProblem,
    OAuthResponseProblem,
    ProblemException,
    UnsupportedMediaTypeProblem,
)
from connexion.frameworks.starlette import starlettify_path
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from connexion.middleware.response_validation import ResponseValidationOperation
from connexion.middleware.security import SecurityOperation
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.security import NO_VALUE, BearerSecurityHandler, SecurityHandlerFactory
from connexion.spec import Specification
from connexion.validators import AbstractRequestBodyValidator, JSONResponseBodyValidator
from jsonschema.protocols import Validator
from jsonschema.validators import extend
from starlette.responses import Response
from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ApiError
from ..formats import FORMAT_CHECKER
from ..patterns import pattern
from ..spec import SpecError

if t.TYPE_CHECKING:
    from .routes import RouteMatch, RouteTable

logger = logging.getLogger("mock_server")

UI_PATH = "/ui"  # where Swagger UI is served
Handler = Callable[..., Awaitable[Response]]
TokenInfo = Callable[[str], "dict[str, t.Any] | None"]
# Content types are the client's to choose; past this many, answers are worked out uncached.
MAX_CACHED_CONTENT_TYPES = 64


# Routing: the route table's patterns, in connexion's path syntax.


def route_path(template: str, parameters: list[dict[str, t.Any]]) -> str:
    """The Starlette path connexion's router registers for an OpenAPI path `template`, given
    the operation's parameters (refs resolved): typed path parameters get convertors."""
    types: dict[str, t.Any] = {}
    # As OpenAPIOperation.get_path_parameter_types, without building an operation.
    for parameter in parameters:
        if parameter["in"] != "path":
            continue
        schema = parameter.get("schema", {})
        is_path = schema.get("type") == "string" and schema.get("format") == "path"
        types[parameter["name"]] = "path" if is_path else schema.get("type")
    path: str = starlettify_path(template, types)
    return path


# connexion mounts an API at its base path ("" here) with Starlette's Mount, whose pattern this
# is: a path it does not match (one with a line break inside, for one) reaches no route.
_API_MOUNT = compile_path("/{path:path}")[0]


def mounted(path: str) -> bool:
    """Whether connexion's router would pass `path` on to the API's routes at all."""
    return _API_MOUNT.match(path) is not None


# Where the validators leave what they parsed for the handler call: the query as typed values
# and the JSON body. The scope is passed on, so nothing is parsed twice.
VALIDATED = "northflank_mock.validated"


def validated(scope: Scope) -> dict[str, t.Any]:
    found: dict[str, t.Any] = scope.setdefault(VALIDATED, {})
    return found


# The JSON-schema dialect connexion validates requests and responses with (`nullable`,
# `readOnly`, `writeOnly`), with the project's format checks, and patterns read as the
# ECMAScript regular expressions JSON Schema says they are (patterns.py).
_REQUEST_VALIDATOR = extend(Draft4RequestValidator, {"pattern": pattern})
_RESPONSE_VALIDATOR = extend(Draft4ResponseValidator, {"pattern": pattern})


def request_schema_validator(schema: dict[str, t.Any]) -> Validator:
    validator: Validator = _REQUEST_VALIDATOR(schema, format_checker=FORMAT_CHECKER)
    return validator


def response_schema_validator(schema: dict[str, t.Any]) -> Validator:
    validator: Validator = _RESPONSE_VALIDATOR(schema, format_checker=FORMAT_CHECKER)
    return validator


# The operation chains.


class ConnexionEngine:
    """connexion's checks and the handler, one chain per operation of the route table.

    A request runs each chain's steps in connexion's order: security, request validation,
    response validation (strict mode only), the handler. Each step is handed the next when it
    is built, so a chain is built from the handler outwards."""

    def __init__(
        self,
        specification: Specification,
        routes: RouteTable,
        handlers: Mapping[str, Handler],
        *,
        token_info: TokenInfo,
        validators: dict[str, t.Any],
        strict_responses: bool,
    ) -> None:
        self.specification = specification
        resolver = Resolver(function_resolver=handlers.__getitem__)
        security = SecurityHandlerFactory({"bearer": bearer_security(token_info)})
        self.chains: dict[str, ASGIApp] = {}
        for route in routes.routes:
            # As connexion's RoutedAPI.add_operation builds each middleware's operations.
            operation = self.specification.operation_cls.from_spec(
                self.specification, path=route.template, method=route.method.lower(),
                resolver=resolver, uri_parser_class=None,
            )  # fmt: skip
            chain: ASGIApp = HandlerCall(operation, handlers[route.operation_id])
            if strict_responses:
                chain = ResponseValidationOperation(
                    chain, operation=operation, validator_map=validators
                )
            chain = PreparedValidation(
                chain, operation=operation, strict_validation=True, validator_map=validators
            )
            chain = SecurityOperation.from_operation(
                operation, next_app=chain, security_handler_factory=security
            )
            self.chains[route.operation_id] = chain

    async def __call__(self, scope: Scope, receive: Receive, send: Send, match: RouteMatch) -> None:
        """Serve a routed request; a miss is the 404 or 405 connexion's router would answer."""
        if match.route is None:
            raise match.error()
        chain = self.chains[match.route.operation_id]
        scope["path_params"] = match.path_params
        try:
            await chain(scope, receive, send)
        except ProblemException as problem:
            raise api_error_from_problem(problem) from None


def load_specification(spec: dict[str, t.Any]) -> Specification:
    """connexion's reading of the spec, checked against the OpenAPI schema (a copy: connexion
    annotates what it is given). Built once, for the engine and Swagger UI alike, as connexion
    shares one among its layers. A document that is not valid OpenAPI is a SpecError."""
    try:
        return Specification.load(copy.deepcopy(spec))
    except InvalidSpecification as exc:
        raise SpecError(f"the spec is not valid OpenAPI: {exc}") from exc


def api_error_from_problem(problem: ProblemException) -> ApiError:
    """A problem connexion raised (401 and 403 from security, 415 from validation, 500 from
    response validation) as the mock's error."""
    status = problem.status or 500
    if status >= 500:
        logger.error("%s: %s", problem.title, problem.detail)
    return ApiError(status, str(problem.detail or problem.title))


class PreparedValidation:
    """connexion's request validation of one operation (RequestValidationOperation.__call__),
    with what it builds per request built once.

    connexion 3.3 builds a URI parser twice, the parameter validator and the body validator for
    each request, and derives the body's definition four times (each time attaching every spec
    component to it). Here the parameter validator is built with the operation, and a body
    validator once per content type; the checks, their order and their errors are connexion's:
    parameters, then the content type (415), then the body."""

    def __init__(
        self,
        next_app: ASGIApp,
        *,
        operation: t.Any,
        strict_validation: bool,
        validator_map: dict[str, t.Any],
    ) -> None:
        self.next_app = next_app
        self.operation = operation
        self.strict_validation = strict_validation
        self.validator_map = validator_map
        self.parameters = validator_map["parameter"](
            operation.parameters,
            uri_parser=operation.uri_parser_class(
                operation.parameters, operation.body_definition()
            ),
            strict_validation=strict_validation,
            security_query_params=_security_query_params(operation),
        )
        self.consumes = MediaTypeDict([(c.lower(), None) for c in operation.consumes])
        self.content_types: dict[bytes | None, tuple[str, str]] = {}
        self.accepted: dict[str, bool] = {}  # by media type: whether the operation takes it
        self.bodies: dict[tuple[str, str], t.Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.parameters.validate(scope)
        mime_type, encoding = self.content_type(scope["headers"])
        self.check_mime_type(mime_type)
        validator = self.body_validator(mime_type, encoding)
        if validator is not None:
            receive, scope = await validator.wrap_receive(receive, scope=scope)
        await self.next_app(scope, receive, send)

    def content_type(self, headers: list[tuple[bytes, bytes]]) -> tuple[str, str]:
        """The media type and encoding of the body (RequestValidationOperation.
        extract_content_type), worked out once per Content-Type value."""
        raw = next((value for name, value in headers if name.lower() == b"content-type"), None)
        found = self.content_types.get(raw)
        if found is None:
            given = [(b"content-type", raw)] if raw is not None else []
            content_type = utils.extract_content_type(given)
            mime_type, encoding = utils.split_content_type(content_type)
            if mime_type is None:  # the header is optional: take a best guess
                consumes = self.operation.consumes
                mime_type = consumes[0] if consumes else "application/octet-stream"
            found = (mime_type, encoding or "utf-8")
            if len(self.content_types) < MAX_CACHED_CONTENT_TYPES:
                self.content_types[raw] = found
        return found

    def check_mime_type(self, mime_type: str) -> None:
        """415 unless the operation takes the media type (RequestValidationOperation.
        validate_mime_type), worked out once per media type."""
        accepted = self.accepted.get(mime_type)
        if accepted is None:
            accepted = not self.operation.consumes or mime_type.lower() in self.consumes
            if len(self.accepted) < MAX_CACHED_CONTENT_TYPES:
                self.accepted[mime_type] = accepted
        if not accepted:
            raise UnsupportedMediaTypeProblem(
                detail=f"Invalid Content-type ({mime_type}), expected {self.operation.consumes}"
            )

    def body_validator(self, mime_type: str, encoding: str) -> t.Any:
        """The body validator for this content type; None when the body goes unchecked."""
        key = (mime_type, encoding)
        if key in self.bodies:
            return self.bodies[key]
        operation = self.operation
        schema = operation.body_schema(mime_type)
        validator = None
        if schema:
            validator_class = self.validator_map["body"].get(mime_type)
            if validator_class is None:
                logger.info("Skipping validation. No validator for content type: %s", mime_type)
            else:
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
        if len(self.bodies) < MAX_CACHED_CONTENT_TYPES:
            self.bodies[key] = validator
        return validator


def _security_query_params(operation: t.Any) -> list[str]:
    """Names of query parameters that carry credentials (RequestValidationOperation.
    security_query_params): strict validation does not call them unknown."""
    names: list[str] = []
    for requirement in operation.security or ():
        for scheme_name in requirement:
            scheme = operation.security_schemes[scheme_name]
            if scheme["type"] == "apiKey" and scheme["in"] == "query":
                names.append(scheme["name"])
    return names


class HandlerCall:
    """Calls an operation's handler, as connexion's AsyncOperation would, with its arguments
    worked out once.

    connexion's AsyncOperation rebuilds its decorator chain on every request (`fn` is a
    property), and the chain inspects the handler's signature and re-derives snake_case names
    each time. Here, per request: the path parameters from the route, the query and body as the
    validators parsed them, and the token info connexion's security check found, handed over
    as an argument rather than through a context variable."""

    def __init__(self, operation: t.Any, handler: Handler) -> None:
        self.handler = handler
        parameters = operation.parameters
        self.path = [
            (p["name"].replace("-", "_"), pythonic(p["name"]))
            for p in parameters
            if p["in"] == "path"
        ]
        query = [p for p in parameters if p["in"] == "query"]
        self.query = {p["name"]: pythonic(p["name"]) for p in query}
        self.defaults = {
            pythonic(p["name"]): p["schema"]["default"]
            for p in query
            if "default" in p.get("schema", {})
        }
        accepted = inspect.signature(handler).parameters
        self.takes_body = operation.is_request_body_defined and "body" in accepted
        self.takes_token_info = "token_info" in accepted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kwargs: dict[str, t.Any] = dict(self.defaults)
        path_params = scope["path_params"]
        for name, python in self.path:
            kwargs[python] = path_params[name]
        parsed = validated(scope)
        query = self.query
        for name, value in parsed.get("query", {}).items():
            kwargs[query[name]] = value
        if self.takes_body:
            kwargs["body"] = parsed.get("body", {})
        if self.takes_token_info:
            # Where connexion's security check leaves what it found (ConnexionRequest.context).
            context = scope.get("extensions", {}).get("connexion_context", {})
            kwargs["token_info"] = context.get("token_info")
        response = await self.handler(**kwargs)
        await response(scope, receive, send)


# Security: bearer tokens checked by the mock's Authenticator.


def bearer_security(token_info: TokenInfo) -> type[BearerSecurityHandler]:
    """A connexion bearer handler that asks `token_info` (the spec names no function)."""

    class MockBearer(BearerSecurityHandler):  # type: ignore[misc]
        """connexion's bearer handler, checking tokens with `token_info`. connexion would
        resolve the function from the spec (`x-bearerInfoFunc`) and, per request, inspect its
        signature to decide what to pass it."""

        def _resolve_func(self, security_scheme: dict[str, t.Any]) -> t.Any:
            return token_info

        def _get_verify_func(self, token_info_func: t.Any) -> t.Any:
            # connexion's generic check inspects the function's signature on every request.
            def verify(request: t.Any) -> t.Any:
                scheme, token = authorization_header(request.scope)
                if scheme != "bearer":
                    return NO_VALUE
                info = token_info_func(token)
                if info is None:
                    raise OAuthResponseProblem(detail="Provided token is not valid")
                return info

            return verify

    return MockBearer


def authorization_header(scope: Scope) -> tuple[str | None, str | None]:
    """The Authorization header's scheme (lowercase) and credentials, as connexion's
    `get_auth_header_value` reads them (None, None when absent), from the ASGI scope itself:
    connexion's builds a Starlette Headers object for the purpose on every request."""
    value = next((v for name, v in scope["headers"] if name == b"authorization"), None)
    if not value:
        return None, None
    try:
        scheme, credentials = value.decode("latin-1").split(maxsplit=1)
    except ValueError:
        raise OAuthProblem(detail="Invalid authorization header") from None
    return scheme.lower(), credentials


# Validators in connexion's validator-map protocol, around the project's checks.


def validator_map(
    parameter_validator: type,
    check_body: Callable[[dict[str, t.Any], bytes, str], t.Any],
    response_problems: Callable[[dict[str, t.Any], t.Any], list[str]],
) -> dict[str, t.Any]:
    """A `validator_map` for connexion: the parameter validator class as it is, and JSON body
    and response validators that run `check_body` (which returns the parsed body or raises)
    and `response_problems`."""

    class JSONBody(AbstractRequestBodyValidator):  # type: ignore[misc]
        """Reads the whole body and checks it, listing every violation; replaces connexion's
        wrap_receive, which turns a missing body into the schema's default and stops at the
        first error (here no body at all counts as `{}`: official clients send none)."""

        async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
            messages: list[t.MutableMapping[str, t.Any]] = []
            chunks: list[bytes] = []
            more_body = True
            while more_body:
                message = await receive()
                messages.append(message)
                chunks.append(message.get("body", b""))
                more_body = message.get("more_body", False)
            validated(scope)["body"] = check_body(self._schema, b"".join(chunks), self._encoding)
            return self._insert_messages(receive, messages=messages), scope

    class JSONResponse(JSONResponseBodyValidator):  # type: ignore[misc]
        """Strict mode's response check: every violation, where connexion's `_validate`
        reports the first."""

        def _validate(self, body: t.Any) -> None:
            problems = response_problems(self._schema, body)
            if problems:
                raise NonConformingResponseBody(
                    detail="Response does not conform to the spec: " + "; ".join(problems)
                )

    return {
        "parameter": parameter_validator,
        "body": MediaTypes({"application/json": JSONBody}),
        "response": MediaTypes({"application/json": JSONResponse}),
    }


class MediaTypes(dict[str, t.Any]):
    """Validators by media type, found whatever the case of the name (RFC 9110: media types are
    case-insensitive). connexion looks its validators up by the exact name the client sent, so
    a body sent as `Application/JSON` would go unvalidated; connexion reads this map with `[]`,
    PreparedValidation with `get`."""

    def __getitem__(self, key: str) -> t.Any:
        return super().__getitem__(key.lower())

    def get(self, key: str, default: t.Any = None) -> t.Any:
        return super().get(key.lower(), default)

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.lower() if isinstance(key, str) else key)


# Swagger UI: connexion's, on its own, for requests under UI_PATH only.


def swagger_ui(specification: Specification, not_found: ASGIApp) -> ASGIApp:
    """connexion's Swagger UI for the spec, reading the spec from /openapi.json (the pipeline
    serves it: connexion's own spec endpoint fails on the recursive node schema); anything
    else under UI_PATH goes to `not_found`."""
    ui = SwaggerUIMiddleware(not_found)
    ui.add_api(
        specification,
        base_path="",
        swagger_ui_options=SwaggerUIOptions(
            serve_spec=False, spec_path="/openapi.json", swagger_ui_path=UI_PATH
        ),
    )
    return t.cast(ASGIApp, ui)


# What this module depends on in connexion, fingerprinted.


@dataclass(frozen=True)
class Upstream:
    """A piece of connexion this module copies, bypasses or overrides."""

    name: str  # module:qualified.name
    reverify: str  # what to check again when it changes
    fingerprint: str


# What to re-verify when a piece of connexion changes, by topic.
REVERIFY = {
    "chain": "ConnexionEngine's chain: connexion's layers in its order (security, request "
    "validation, response validation when strict, the app), and no new layer it would need",
    "routing": "routes.py matches as connexion's router: a Starlette route per operation from "
    "route_path behind the mount, in the spec's order, GET taking HEAD; path parameters land "
    "in scope['path_params']",
    "validation": "PreparedValidation copies RequestValidationOperation: the same checks "
    "(parameters, content type, body), in the same order, with the same arguments",
    "handler": "HandlerCall passes what connexion's AsyncOperation would: snake_case path and "
    "query parameters, query defaults, the JSON body as `body`, and `token_info` from the "
    "security check",
    "security": "bearer_security and authorization_header: connexion's bearer check reads the "
    "header, returns NO_VALUE for another scheme and 401s an unknown token the same way",
    "validators": "validator_map's classes: the attributes they read (_schema, _encoding), "
    "_insert_messages, and that a response is buffered until it has been validated",
    "errors": "errors: connexion's error layers are not run; ProblemExceptions become ApiErrors "
    "(api_error_from_problem) and anything else a 500, as the mock's own handlers did",
}

# fingerprint, then connexion.<module>:<qualified name>, under the topic to re-verify.
_FINGERPRINTS = """
[chain]
70b1b81a74f15c7d middleware.main:ConnexionMiddleware.default_middlewares
40d7545779c1efe3 middleware.main:ConnexionMiddleware._build_middleware_stack
d6102b8ed409380e middleware.abstract:RoutedMiddleware.__call__
fd3364a622c56a3b middleware.abstract:RoutedAPI.add_operation
354fb03e902e2ff6 middleware.security:SecurityAPI.make_operation
be669af407790417 middleware.response_validation:ResponseValidationAPI.make_operation
7b98c0f07a5c521d middleware.context:ContextOperation.__call__
21788d035257a8ae middleware.lifespan:LifespanMiddleware.__call__
[routing]
8da04b6377f1ba35 middleware.routing:RoutingMiddleware.add_api
4a90dfc2277303da middleware.routing:RoutingMiddleware.__call__
975a3f81c007ba7c middleware.routing:RoutingOperation.__call__
2afd5491d0fb8142 middleware.routing:RoutingAPI._framework_path_and_name
a0aad0439cb80006 operations.openapi:OpenAPIOperation.get_path_parameter_types
3648bd0d4cd878c8 middleware.swagger_ui:SwaggerUIMiddleware.__call__
660acb3710b3e807 middleware.swagger_ui:SwaggerUIMiddleware.add_api
[validation]
db8fd2b7b9e4ba0a middleware.request_validation:RequestValidationAPI.make_operation
13949ec5125cb9ee middleware.request_validation:RequestValidationOperation.__call__
75c828481e0ad8bf middleware.request_validation:RequestValidationOperation.extract_content_type
98fc885a86529eb7 middleware.request_validation:RequestValidationOperation.validate_mime_type
d0a3563bdaa32f16 middleware.request_validation:RequestValidationOperation.security_query_params
[handler]
39e13e73b6486c27 apps.asynchronous:AsyncOperation.__call__
242db1d787c16c72 apps.asynchronous:AsyncOperation.fn
a2887248a53445c2 decorators.parameter:AsyncParameterDecorator.__call__
3c9485b51f91fdf8 decorators.parameter:prep_kwargs
2b968816a1f42fe6 decorators.parameter:get_arguments
47e1ba1fcfed285b decorators.parameter:_get_path_arguments
3a05f26c99129468 decorators.parameter:_get_query_arguments
303f03fd90169ad3 decorators.parameter:_get_query_defaults
b38f13a34c46c18f decorators.parameter:_get_body_argument
2da7ec5bd7d10c09 lifecycle:ConnexionRequest.context
b33b86a4da7e37a8 security:SecurityHandlerFactory.verify_security
[security]
092d9adf475920d6 security:AbstractSecurityHandler.get_fn
4375674f69c2fb03 security:AbstractSecurityHandler._resolve_func
438dec50f0a10c0f security:AbstractSecurityHandler._generic_check
1f0480e167a20612 security:AbstractSecurityHandler.get_auth_header_value
cc32c35c5955aef5 security:BearerSecurityHandler._get_verify_func
[validators]
ed02d47ba6b40ea9 validators.abstract:AbstractRequestBodyValidator.__init__
f85cd0f865b86a31 validators.abstract:AbstractRequestBodyValidator.wrap_receive
db70cbdc20e48045 validators.abstract:AbstractRequestBodyValidator._insert_messages
2cdc14b6b4db9048 validators.abstract:AbstractResponseBodyValidator.__init__
8459382c71e5639b validators.abstract:AbstractResponseBodyValidator.wrap_send
f295bdde340d8055 validators.json:JSONResponseBodyValidator._validate
[errors]
f97814332e53e9c5 middleware.exceptions:ExceptionMiddleware
49de699d24ae5a3b middleware.server_error:ServerErrorMiddleware
"""


def _upstream(table: str) -> tuple[Upstream, ...]:
    items = []
    topic = ""
    for line in table.strip().splitlines():
        if line.startswith("["):
            topic = line.strip("[]")
            continue
        fingerprint, name = line.split()
        items.append(Upstream(f"connexion.{name}", REVERIFY[topic], fingerprint))
    return tuple(items)


UPSTREAM = _upstream(_FINGERPRINTS)


def source_of(target: object) -> str:
    """What a fingerprint covers: a function's or class's source, normalised (dedented,
    trailing spaces and blank lines dropped); for a list, the names in it."""
    if isinstance(target, (list, tuple)):
        return "\n".join(getattr(item, "__qualname__", repr(item)) for item in target)
    if isinstance(target, property):
        target = target.fget
    lines = textwrap.dedent(inspect.getsource(t.cast(t.Any, target))).splitlines()
    return "\n".join(line.rstrip() for line in lines if line.strip())


def fingerprint(target: object) -> str:
    return hashlib.sha256(source_of(target).encode()).hexdigest()[:16]


def find(name: str) -> object:
    """The object `module:qualified.name` names."""
    module_name, _, qualified = name.partition(":")
    target: object = importlib.import_module(module_name)
    for part in qualified.split("."):
        target = getattr(target, part)
    return target


def changed_upstream(lookup: Callable[[str], object] = find) -> list[str]:
    """One message per fingerprinted piece of connexion that is gone or changed."""
    messages = []
    for item in UPSTREAM:
        try:
            now = fingerprint(lookup(item.name))
        except (ImportError, AttributeError, OSError, TypeError) as exc:
            messages.append(f"{item.name} is gone ({exc}): re-verify {item.reverify}")
            continue
        if now != item.fingerprint:
            messages.append(
                f"{item.name} changed (fingerprint {now}, was {item.fingerprint}): "
                f"re-verify {item.reverify}"
            )
    return messages
