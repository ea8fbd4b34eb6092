"""The code blocks of the README and of docs/, by section, for the tests that run them as written.

Each helper reads the README unless given another document (`document=MOCK_DOC`), so that an
example is run from wherever the documentation keeps it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
MOCK_DOC = DOCS / "mock.md"
TESTING_DOC = DOCS / "testing.md"
CONTAINER_DOC = DOCS / "container.md"
# The path the README's install commands give for a checkout of this repository.
CHECKOUT = "/path/to/northflank-release-toolkit"


def headings(text: str) -> list[tuple[int, int, str]]:
    """(line number, level, title) of each heading, leaving out `#` lines of code blocks (shell
    comments), which are not headings."""
    found = []
    fenced = False
    for number, line in enumerate(text.splitlines()):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (heading := re.match(r"(#+) (.*)", line)):
            found.append((number, len(heading.group(1)), heading.group(2).strip()))
    return found


def section(title: str, document: Path = README) -> str:
    """The text under a heading (`### Install`), up to the next heading of its level or above."""
    lines = document.read_text().splitlines(keepends=True)
    found = headings("".join(lines))
    starts = [(number, level) for number, level, text in found if text == title]
    assert len(starts) == 1, f"{document.name} has {len(starts)} sections {title!r}, not one"
    ((start, level),) = starts
    ends = [number for number, other, _ in found if number > start and other <= level]
    return "".join(lines[start + 1 : ends[0] if ends else len(lines)])


def blocks(title: str, language: str, document: Path = README) -> list[str]:
    """The ```language blocks of a section, in order."""
    return re.findall(rf"```{language}\n(.*?)```", section(title, document), re.S)


def commands(title: str, language: str = "sh", document: Path = README) -> list[str]:
    """The command lines of a section's shell blocks."""
    return [
        line
        for block in blocks(title, language, document)
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]
