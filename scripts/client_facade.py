"""The resource-style facade of the generated client (`northflank_release_client/facade.py`), and
the package README that describes it.

openapi-python-client renders one module per operation, but nothing that spans them. This module
reads the spec with openapi-python-client's own parser (the pinned version, so the output is as
deterministic as the rest of the package), decides what the facade offers, and renders
`client_templates/facade.py.jinja` with the generator's own Jinja environment and filters.

What the facade offers, all derived from the spec:
- a class per tag (`Pipelines`, `Jobs`) with one method per operation, path parameters positional
  and everything else keyword-only: query parameters, and the JSON body's fields flattened;
- `iter_*` for a list operation paged by `cursor` (its response has `pagination` and a `data`
  object holding one array);
- `wait_for_*` for a GET whose answer has a required boolean `concluded`;
- for an operation marked `x-team-scoped-variant-of: <operationId>`, no method of its own: a
  `team_id` keyword on its twin's methods (and its iter/wait) calls it instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.parser.properties import EnumProperty, ModelProperty, Property
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.protocol import PropertyProtocol
from openapi_python_client.strings import PythonIdentifier
from ruamel.yaml import YAML

TEAM_VARIANT = "x-team-scoped-variant-of"
TEMPLATE = "facade.py.jinja"
MODULE = "facade.py"
README_TEMPLATE = "package_readme.md.jinja"
# Keywords every facade method has (or may have): a parameter of the same name would shadow them.
RESERVED = frozenset(
    {"self", "timeout", "request_timeout", "max_retries", "team_id", "client", "body", "call"}
)
DEFAULT_BASE_URL = "https://api.northflank.com"


RawOperations = dict[str, tuple[dict[str, Any], dict[str, Any]]]


class FacadeError(ValueError):
    """The spec asks for a facade this generator cannot build (a name clash, an odd twin)."""


@dataclass(frozen=True)
class Param:
    """A keyword (or positional) argument of a facade method."""

    name: str
    annotation: str
    required: bool
    description: Any
    default: str | None = None
    """The default's Python code; None for a required argument."""
    check: str | None = None
    """Python code that checks the argument and gives the value to send (validation.py)."""


@dataclass(frozen=True)
class Call:
    """How the facade calls one generated function."""

    tag: str
    module: str
    path_params: list[str]


@dataclass
class Operation:
    name: str
    summary: Any
    description: Any
    call: Call
    path_params: list[Param]
    query_params: list[Param]
    body_model: str | None
    body_fields: list[Param]
    expected: str | None
    returns: str
    take_data: bool
    team: Call | None = None
    team_param: str | None = None
    iter_name: str | None = None
    item_type: str | None = None
    items_attribute: str | None = None
    items_optional: bool = False
    wait_name: str | None = None

    @property
    def iter_params(self) -> list[Param]:
        return [p for p in self.query_params if p.name not in ("cursor", "page")]


@dataclass
class Resource:
    tag: str
    class_name: str
    operations: list[Operation] = field(default_factory=list)


@dataclass
class Plan:
    resources: list[Resource]
    imports: list[str]
    base_url: str


def load(spec: Path, config_path: Path) -> tuple[dict[str, Any], Config, GeneratorData]:
    """The spec as the generator reads it, its config, and its parsed model."""
    config = Config.from_sources(
        ConfigFile.load_from_path(config_path), MetaType.SETUP, spec, "utf-8", True, None
    )
    raw: dict[str, Any] = YAML(typ="safe").load(spec)
    data = GeneratorData.from_dict(raw, config=config)
    if not isinstance(data, GeneratorData):
        raise FacadeError(f"openapi-python-client cannot read {spec}: {data.header} {data.detail}")
    return raw, config, data


def plan(raw: dict[str, Any], config: Config, data: GeneratorData) -> Plan:
    models = {str(model.class_info.name): model for model in data.models}
    operations = _raw_operations(raw, config)
    endpoints = {
        str(endpoint.name): (str(tag), endpoint)
        for tag, collection in data.endpoint_collections_by_tag.items()
        for endpoint in collection.endpoints
    }
    twins = _team_variants(operations)
    imports: set[str] = set()
    resources: list[Resource] = []
    for tag, collection in sorted(data.endpoint_collections_by_tag.items()):
        resource = Resource(tag=str(tag), class_name=_class_name(str(tag)))
        for endpoint in collection.endpoints:
            if endpoint.name in twins:
                continue  # a team-scoped variant: a keyword of its twin's method
            operation = _operation(str(tag), endpoint, operations, raw, models, config, imports)
            team = next((name for name, twin in twins.items() if twin == endpoint.name), None)
            if team is not None:
                _attach_team_variant(operation, endpoint, *endpoints[team], config)
            resource.operations.append(operation)
        if resource.operations:
            resources.append(resource)
    servers = raw.get("servers") or [{}]
    base_url = str(servers[0].get("url") or DEFAULT_BASE_URL)
    return Plan(resources=resources, imports=sorted(imports), base_url=base_url)


def render(spec: Path, config_path: Path, templates: Path, project_dir: Path) -> None:
    """Write the facade module for `spec` into the project's package, and the project's README
    (which describes the facade) over openapi-python-client's generic one."""
    raw, config, data = load(spec, config_path)
    project = Project(openapi=data, config=config, custom_template_path=templates)
    facade = plan(raw, config, data)
    module = project.env.get_template(TEMPLATE).render(plan=facade)
    (project_dir / project.package_name / MODULE).write_text(module, "utf-8")
    readme = project.env.get_template(README_TEMPLATE).render(plan=facade)
    (project_dir / "README.md").write_text(readme, "utf-8")


def _raw_operations(raw: dict[str, Any], config: Config) -> RawOperations:
    """Each operation of the spec as written (its path item, and itself), by the name the
    generator gives it (the operationId in snake case)."""
    found = {}
    for item in (raw.get("paths") or {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                name = str(PythonIdentifier(operation["operationId"], config.field_prefix))
                found[name] = (item, operation)
    return found


def _team_variants(operations: RawOperations) -> dict[str, str]:
    """Each team-scoped operation's name -> its twin's name."""
    by_id = {operation["operationId"]: name for name, (_, operation) in operations.items()}
    variants = {}
    for name, (_, operation) in operations.items():
        if TEAM_VARIANT not in operation:
            continue
        twin_id = operation[TEAM_VARIANT]
        if twin_id not in by_id:
            raise FacadeError(
                f"{operation['operationId']}: {TEAM_VARIANT} names {twin_id!r}, "
                "which no operation has as its operationId"
            )
        variants[name] = by_id[twin_id]
    if set(variants) & set(variants.values()):
        raise FacadeError(f"a team-scoped variant is also a twin: {sorted(variants)}")
    if len(set(variants.values())) != len(variants):
        raise FacadeError(f"an operation has more than one {TEAM_VARIANT}: {sorted(variants)}")
    return variants


def _class_name(tag: str) -> str:
    return "".join(part.capitalize() for part in tag.split("_"))


def _module(endpoint: Endpoint, config: Config) -> str:
    return str(PythonIdentifier(endpoint.name, config.field_prefix))


def _type(prop: PropertyProtocol, optional: bool = True) -> str:
    return prop.get_type_string(no_optional=not optional).as_unembedded_code()


def _props(model: ModelProperty) -> list[Property]:
    return [*(model.required_properties or []), *(model.optional_properties or [])]


def _plain_input(prop: Property, models: dict[str, ModelProperty]) -> str | None:
    """What plain value a model's own constructor accepts for `prop` (model.py.jinja's rule)."""
    if isinstance(prop, EnumProperty) and prop.value_type is str:
        return "str"
    if isinstance(prop, ModelProperty):
        target = models.get(prop.class_info.name)
        if (
            target is not None
            and not target.required_properties
            and not target.optional_properties
            and target.additional_properties
        ):
            return "Mapping[str, Any]"
    return None


def _raw_parameters(
    item: dict[str, Any], operation: dict[str, Any], raw: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Each parameter of an operation as the spec writes it ($refs resolved), by name."""
    found = {}
    for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
        if "$ref" in parameter:
            parameter = raw["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        schema = parameter.get("schema") or {}
        if "$ref" in schema:
            schema = raw["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        found[parameter["name"]] = {**parameter, "schema": schema}
    return found


def _description(parameter: dict[str, Any] | None, prop: Property) -> Any:
    """The spec's description of a parameter (on the parameter, not its schema, which is where
    openapi-python-client looks), else the property's."""
    if parameter and parameter.get("description"):
        return " ".join(str(parameter["description"]).split())
    return prop.description


def _param(
    prop: Property,
    models: dict[str, ModelProperty],
    imports: set[str],
    parameter: dict[str, Any] | None = None,
    *,
    in_path: bool = False,
) -> Param:
    """A facade argument for `prop`: its annotation, default, and the check of what is passed.

    Path parameters are non-empty strings. An optional query parameter or body field also takes
    None for "not given"; its check maps None to UNSET. An enum takes its Literal of values (or a
    member); a free-form object a plain mapping of JSON values."""
    name = str(prop.python_name)
    base = prop.get_type_string(no_optional=True).as_unembedded_code()
    imports.update(_class_names(prop, models))
    description = _description(parameter, prop)
    if in_path:
        return Param(name, "str", True, description, None, f'_check.path("{name}", {name})')
    annotation = base
    check = _check_of(prop, models, imports, name, base, parameter)
    if isinstance(prop, EnumProperty) and prop.value_type is str:
        annotation = f"{base} | {base}Value"
    elif _plain_input(prop, models) == "Mapping[str, Any]":
        annotation = f"{base} | Mapping[str, Any]"
    if prop.required:
        check = f'_check.present("{name}", {check})' if check else None
        return Param(name, annotation, True, description, None, check)
    if check:
        return Param(name, f"{annotation} | None | Unset", False, description, "None", check)
    return Param(name, f"{annotation} | Unset", False, description, "UNSET", None)


def _check_of(
    prop: Property,
    models: dict[str, ModelProperty],
    imports: set[str],
    name: str,
    base: str,
    parameter: dict[str, Any] | None,
) -> str | None:
    """The check (validation.py) of an argument of this type; None for types passed as given."""
    kind = type(prop).__name__
    if isinstance(prop, EnumProperty) and prop.value_type is str:
        imports.add(f"{base}Value")
        return f'_check.enum("{name}", {base}, {name})'
    if _plain_input(prop, models) == "Mapping[str, Any]":
        return f'_check.json_object("{name}", {name}, {base})'
    if kind == "IntProperty":
        schema = (parameter or {}).get("schema", {})
        bounds = [schema.get("minimum"), schema.get("maximum")]
        extra = "".join(
            f", {key}={int(value)}"
            for key, value in zip(("minimum", "maximum"), bounds, strict=True)
            if value is not None
        )
        return f'_check.integer("{name}", {name}{extra})'
    simple = {"StringProperty": "string", "FloatProperty": "number", "BooleanProperty": "boolean"}
    if kind in simple:
        return f'_check.{simple[kind]}("{name}", {name})'
    return None


def _class_names(prop: PropertyProtocol, models: dict[str, ModelProperty]) -> set[str]:
    """Classes of the package's models that a property's type names."""
    if isinstance(prop, EnumProperty | ModelProperty):
        return {str(prop.class_info.name)}
    if isinstance(prop, ListProperty):
        return _class_names(prop.inner_property, models)
    inner = getattr(prop, "inner_properties", None)
    if inner:
        return set().union(*(_class_names(p, models) for p in inner))
    return set()


def _operation(
    tag: str,
    endpoint: Endpoint,
    operations: RawOperations,
    raw: dict[str, Any],
    models: dict[str, ModelProperty],
    config: Config,
    imports: set[str],
) -> Operation:
    name = _module(endpoint, config)
    parameters = _raw_parameters(*operations[name], raw)
    path_params = [
        _param(p, models, imports, parameters.get(p.name.get_untrusted_value()), in_path=True)
        for p in endpoint.path_parameters
    ]
    query_params = [
        _param(p, models, imports, parameters.get(p.name.get_untrusted_value()))
        for p in endpoint.query_parameters
    ]
    body_model, body_fields = _body(endpoint, models, imports)
    expected, returns, take_data = _success(endpoint, models, imports)
    operation = Operation(
        name=name,
        summary=endpoint.summary,
        description=endpoint.description,
        call=Call(tag, name, [p.name for p in path_params]),
        path_params=path_params,
        query_params=query_params,
        body_model=body_model,
        body_fields=body_fields,
        expected=expected,
        returns=returns,
        take_data=take_data,
    )
    _check_names(endpoint, [*path_params, *query_params, *body_fields])
    _find_pagination(operation, endpoint, models, imports)
    _find_wait(operation, endpoint, models)
    return operation


def _body(
    endpoint: Endpoint, models: dict[str, ModelProperty], imports: set[str]
) -> tuple[str | None, list[Param]]:
    if not endpoint.bodies:
        return None, []
    body = endpoint.bodies[0]
    if (
        len(endpoint.bodies) != 1
        or body.body_type.value != "json"
        or not isinstance(body.prop, ModelProperty)
    ):
        raise FacadeError(
            f"{endpoint.name}: the facade flattens one JSON object body; this operation has "
            f"{[str(b.content_type.get_untrusted_value()) for b in endpoint.bodies]}"
        )
    model = models[body.prop.class_info.name]
    imports.add(str(model.class_info.name))
    return str(model.class_info.name), [_param(p, models, imports) for p in _props(model)]


def _success(
    endpoint: Endpoint, models: dict[str, ModelProperty], imports: set[str]
) -> tuple[str | None, str, bool]:
    """The model a 2xx answer parses as, what the method returns, and whether that is its `data`."""
    for response in endpoint.responses.patterns:
        low, high = response.status_code.range or (0, 0)
        if low >= 200 and high <= 299:
            prop = response.prop
            if not isinstance(prop, ModelProperty):
                return None, "None", False
            model = models[prop.class_info.name]
            imports.add(str(model.class_info.name))
            props = _props(model)
            if len(props) == 1 and props[0].name == "data" and props[0].required:
                data = props[0]
                imports.update(_class_names(data, models))
                return str(model.class_info.name), _type(data), True
            return str(model.class_info.name), str(model.class_info.name), False
    return None, "None", False


def _check_names(endpoint: Endpoint, params: Iterable[Param]) -> None:
    names = [p.name for p in params]
    clashes = sorted({n for n in names if names.count(n) > 1} | (set(names) & RESERVED))
    if clashes:
        raise FacadeError(
            f"{endpoint.name}: parameter or body field names {clashes} clash with each other or "
            f"with the facade's own keywords {sorted(RESERVED)}"
        )


def _find_pagination(
    operation: Operation, endpoint: Endpoint, models: dict[str, ModelProperty], imports: set[str]
) -> None:
    if "cursor" not in [p.name for p in operation.query_params] or operation.expected is None:
        return
    props = {str(p.python_name): p for p in _props(models[operation.expected])}
    data, pagination = props.get("data"), props.get("pagination")
    if not isinstance(data, ModelProperty) or not isinstance(pagination, ModelProperty):
        return
    lists = [p for p in _props(models[data.class_info.name]) if isinstance(p, ListProperty)]
    if len(lists) != 1:
        return
    items = lists[0]
    operation.item_type = _type(items.inner_property, optional=False)
    imports.update(_class_names(items.inner_property, models))
    operation.items_attribute = str(items.python_name)
    operation.items_optional = not items.required
    stem = operation.name.removeprefix("list_")
    operation.iter_name = f"iter_{stem}"


def _find_wait(operation: Operation, endpoint: Endpoint, models: dict[str, ModelProperty]) -> None:
    if endpoint.method != "get" or not operation.take_data or operation.expected is None:
        return
    envelope = models[operation.expected]
    data = next(iter(envelope.required_properties or []), None)
    if not isinstance(data, ModelProperty):
        return
    run = models[data.class_info.name]
    required = {str(p.python_name): p for p in run.required_properties or []}
    concluded = required.get("concluded")
    if concluded is None or _type(concluded) != "bool" or "status" not in required:
        return
    if not operation.path_params or any(p.required for p in operation.query_params):
        return
    operation.wait_name = f"wait_for_{operation.name.removeprefix('get_')}"


def _attach_team_variant(
    operation: Operation, twin: Endpoint, tag: str, team: Endpoint, config: Config
) -> None:
    twin_path = [str(p.python_name) for p in twin.path_parameters]
    team_path = [str(p.python_name) for p in team.path_parameters]
    extra = [name for name in team_path if name not in twin_path]
    same_rest = [name for name in team_path if name in twin_path] == twin_path
    same_query = _names(team.query_parameters) == _names(twin.query_parameters)
    same_body = _bodies(team) == _bodies(twin)
    if len(extra) != 1 or not same_rest or not same_query or not same_body:
        raise FacadeError(
            f"{team.name} is marked {TEAM_VARIANT} {twin.name}, but its parameters are not the "
            f"twin's plus one team path parameter (team: {team_path}, twin: {twin_path})"
        )
    if extra[0] != "team_id":
        raise FacadeError(f"{team.name}: the team path parameter must be teamId, not {extra[0]}")
    operation.team = Call(tag, _module(team, config), team_path)
    operation.team_param = extra[0]


def _names(props: list[Property]) -> list[str]:
    return [str(p.python_name) for p in props]


def _bodies(endpoint: Endpoint) -> list[tuple[str, str]]:
    return [
        (b.prop.get_type_string().as_unembedded_code(), b.body_type.value) for b in endpoint.bodies
    ]


__all__ = ["FacadeError", "Plan", "load", "plan", "render"]
