"""The connexion adapter is the one contact with connexion's internals, and a connexion upgrade
that changes what it copies, bypasses or overrides fails here, naming what to re-verify."""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import connexion.middleware.request_validation

from mock_server.app import validators
from mock_server.domain.auth import Authenticator
from mock_server.http import connexion_adapter
from mock_server.http.connexion_adapter import UPSTREAM, changed_upstream, find, fingerprint

PACKAGE = Path(connexion_adapter.__file__).resolve().parent.parent
COPIED = "connexion.middleware.request_validation:RequestValidationOperation.__call__"


def test_connexion_is_what_the_adapter_was_written_against() -> None:
    changed = changed_upstream()
    assert not changed, "connexion changed under the adapter:\n" + "\n".join(changed)


def _copy_of_request_validation(tmp_path: Path, change: bool) -> ModuleType:
    """connexion's request-validation module loaded from a copy, with one line of
    RequestValidationOperation.__call__ changed when `change` is set."""
    source = inspect.getsource(connexion.middleware.request_validation)
    marker = "        parameter_validator.validate(scope)\n"
    assert source.count(marker) == 1
    if change:
        source = source.replace(marker, marker + "        scope = dict(scope)\n")
    path = tmp_path / f"request_validation_{'changed' if change else 'copy'}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_changed_line_in_a_copied_function_fails_naming_it(tmp_path: Path) -> None:
    for change in (False, True):
        module = _copy_of_request_validation(tmp_path, change)

        def lookup(name: str, module: ModuleType = module) -> object:
            if name == COPIED:
                return module.RequestValidationOperation.__call__
            return find(name)

        messages = changed_upstream(lookup)
        if not change:
            assert messages == []  # the same source elsewhere: the same fingerprint
            continue
        assert len(messages) == 1, messages
        assert messages[0].startswith(f"{COPIED} changed (fingerprint ")
        assert "re-verify PreparedValidation copies RequestValidationOperation" in messages[0]


def test_a_vanished_function_fails_naming_it() -> None:
    gone = "connexion.security:AbstractSecurityHandler._resolve_func"

    def lookup(name: str) -> object:
        if name == gone:
            raise AttributeError("type object 'AbstractSecurityHandler' has no attribute")
        return find(name)

    (message,) = changed_upstream(lookup)
    assert message.startswith(f"{gone} is gone") and "re-verify bearer_security" in message


def test_fingerprints_ignore_indentation_and_blank_lines_only() -> None:
    def original(x: int) -> int:
        y = x + 1

        return y

    def reindented(x: int) -> int:
        y = x + 1
        return y

    def changed(x: int) -> int:
        y = x + 2
        return y

    names = re.compile(r"def \w+")
    assert names.sub("def f", connexion_adapter.source_of(original)) == names.sub(
        "def f", connexion_adapter.source_of(reindented)
    )
    assert fingerprint(original) != fingerprint(changed)
    assert all(re.fullmatch(r"[0-9a-f]{16}", item.fingerprint) for item in UPSTREAM)
    assert len({item.name for item in UPSTREAM}) == len(UPSTREAM)


def test_only_the_adapter_touches_connexion() -> None:
    imports = re.compile(r"^\s*(from|import)\s+connexion\b", re.M)
    internals = re.compile(r"connexion_(context|routing)|\._(validator_map|operation)\b")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "connexion_adapter.py":
            continue
        text = path.read_text()
        if imports.search(text) or internals.search(text):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_every_override_says_what_it_works_around() -> None:
    classes = [
        connexion_adapter.ConnexionEngine,
        connexion_adapter.PreparedValidation,
        connexion_adapter.HandlerCall,
        connexion_adapter.MediaTypes,
        connexion_adapter.bearer_security(Authenticator().token_info),
        *validators()["body"].values(),
        *validators()["response"].values(),
    ]
    for cls in classes:
        assert cls.__doc__ and "connexion" in cls.__doc__, cls.__name__
