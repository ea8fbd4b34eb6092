"""The README's code blocks, by section, for the tests that run them as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
# The path the README's install commands give for a checkout of this repository.
CHECKOUT = "/path/to/northflank-release-toolkit"


def section(title: str) -> str:
    """The text under a heading (`### Install`), up to the next heading of its level or above."""
    text = README.read_text()
    marker = re.search(rf"^(#+) {re.escape(title)}\n", text, re.M)
    assert marker is not None, f"README has no section {title!r}"
    level = len(marker.group(1))
    rest = text[marker.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def blocks(title: str, language: str) -> list[str]:
    """The ```language blocks of a section, in order."""
    return re.findall(rf"```{language}\n(.*?)```", section(title), re.S)


def commands(title: str, language: str = "sh") -> list[str]:
    """The command lines of a section's shell blocks."""
    return [
        line
        for block in blocks(title, language)
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]
