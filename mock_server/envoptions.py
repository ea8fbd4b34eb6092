"""Every long command-line option of the mock also read from an environment variable, named by
the option: `--max-body-bytes` is NORTHFLANK_MOCK_MAX_BODY_BYTES. Containers and CI services set
options this way. The command line wins over the environment, which wins over the default.

Values go through the option's own `type` and `choices`, so an environment variable is checked
exactly as the option is, and an error names the variable. Flags take 1/true/yes/on or
0/false/no/off; options that take several values, or can be repeated, take them separated by
spaces. An empty
variable counts as unset.
"""

from __future__ import annotations

import argparse
import os
import shlex
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

PREFIX = "NORTHFLANK_MOCK_"
TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


def variable_for(option: str) -> str:
    """`--max-body-bytes` -> NORTHFLANK_MOCK_MAX_BODY_BYTES."""
    return PREFIX + option.lstrip("-").replace("-", "_").upper()


class EnvArgumentParser(argparse.ArgumentParser):
    """argparse, with each long option also read from its environment variable (see above).
    `environ` defaults to the process's environment."""

    def __init__(self, *args: Any, environ: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.environ = os.environ if environ is None else environ
        # Variable name -> the action it sets, in the order the options were added.
        self.variables: dict[str, argparse.Action] = {}

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        return self._register(super().add_argument(*args, **kwargs))

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        # A group's add_argument is argparse's own, not the parser's: wrap it so that options
        # added to a group get their variables too.
        group = super().add_argument_group(*args, **kwargs)
        add = group.add_argument

        def add_and_register(*args: Any, **kwargs: Any) -> argparse.Action:
            return self._register(add(*args, **kwargs))

        group.add_argument = add_and_register  # type: ignore[method-assign]
        return group

    def _register(self, action: argparse.Action) -> argparse.Action:
        long = [option for option in action.option_strings if option.startswith("--")]
        # --help and --version have no value to set (their default is SUPPRESS).
        if long and action.default is not argparse.SUPPRESS:
            name = variable_for(long[0])
            if name in self.variables:
                raise ValueError(f"{long[0]}: {name} is already the variable of another option")
            self.variables[name] = action
            action.help = f"{action.help or ''} [env {name}]".lstrip()
        return action

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        defaults = {}
        for name, action in self.variables.items():
            raw = self.environ.get(name, "")
            if raw.strip():
                defaults[action.dest] = self._from_environment(name, action, raw)
        self.set_defaults(**defaults)
        return super().parse_known_args(args, namespace)

    def _from_environment(self, name: str, action: argparse.Action, raw: str) -> Any:
        if action.nargs == 0:  # a flag: --strict, --access-log/--no-access-log
            word = raw.strip().lower()
            boolean = isinstance(action, argparse.BooleanOptionalAction)
            if word in TRUE:
                return True if boolean else action.const
            if word in FALSE:
                return False if boolean else action.default
            self._refuse(name, raw, "expected 1, true, yes or on, or 0, false, no or off")
        # Options that take several values, or can be given several times (their default is a
        # list: --allow-host), take them separated by spaces.
        several = action.nargs in ("*", "+") or isinstance(action.default, list)
        if several or isinstance(action.nargs, int):
            try:
                words = shlex.split(raw)
            except ValueError as exc:
                self._refuse(name, raw, str(exc))
            if isinstance(action.nargs, int) and len(words) != action.nargs:
                self._refuse(name, raw, f"expected {action.nargs} values separated by spaces")
            return [self._value(name, action, word) for word in words]
        return self._value(name, action, raw.strip())

    def _value(self, name: str, action: argparse.Action, text: str) -> Any:
        convert = action.type if callable(action.type) else str
        try:
            value = convert(text)
        except argparse.ArgumentTypeError as exc:
            self._refuse(name, text, str(exc))
        except (TypeError, ValueError):
            # As argparse words it for the option itself.
            self._refuse(name, text, f"invalid {getattr(convert, '__name__', repr(convert))} value")
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            self._refuse(name, text, f"expected one of {choices}")
        return value

    def _refuse(self, name: str, raw: str, reason: str) -> NoReturn:
        self.error(f"environment variable {name}={raw!r}: {reason}")
