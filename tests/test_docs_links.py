"""The README and docs/ link only to what exists: every relative link names a file or folder of
this repository, and every `#anchor` a heading of the document it points into. A section moved
between documents otherwise leaves links that lead nowhere, and nothing else would notice."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.readme_blocks import DOCS, README, ROOT, headings

DOCUMENTS = [README, *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"(?<!\\)\[[^\]]*\]\(([^()\s]+)\)")


def prose(text: str) -> str:
    """The text outside code: links in code blocks and code spans are examples, not links."""
    without_blocks = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", without_blocks)


def anchor(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation (backticks too) dropped, spaces as
    hyphens."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    """The anchors of a document's headings; a repeated heading gets -1, -2... as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for _, _, title in headings(document.read_text()):
        base = anchor(title)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def relative_links(document: Path) -> list[str]:
    return [
        target
        for target in LINK.findall(prose(document.read_text()))
        if not re.match(r"[a-z][a-z0-9+.-]*:", target)  # https:, mailto:
    ]


def broken_links(document: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with each relative link of a document of the repository at `root`."""
    broken = []
    for target in relative_links(document):
        path, _, fragment = target.partition("#")
        destination = (document.parent / unquote(path)).resolve() if path else document
        if destination != root and root not in destination.parents:
            broken.append(f"{target}: outside the repository")
        elif not destination.exists():
            broken.append(f"{target}: no such file")
        elif fragment and (destination.suffix != ".md" or fragment not in anchors(destination)):
            broken.append(f"{target}: no heading #{fragment} in {destination.name}")
    return broken


def test_the_check_finds_what_it_should(tmp_path: Path) -> None:
    """A repository of two documents and a Makefile, with a link of each kind."""
    root = tmp_path / "repository"
    (root / "docs").mkdir(parents=True)
    (root / "Makefile").write_text("all:\n")
    (root / "docs" / "other.md").write_text("# Other\n\n## Control endpoints\n")
    page = root / "docs" / "page.md"
    page.write_text(
        """# A page

## Its `own` section

[fine](#its-own-section), [fine](other.md#control-endpoints), [fine](../Makefile),
[fine](https://example.com/#x), `[not a link](nowhere.md)`,
[gone](missing.md), [no such heading](other.md#nowhere), [outside](../../elsewhere.md),
[not markdown](../Makefile#target)

```md
[an example](nowhere.md)
```
"""
    )
    assert [problem.split(": ")[0] for problem in broken_links(page, root.resolve())] == [
        "missing.md", "other.md#nowhere", "../../elsewhere.md", "../Makefile#target",
    ]  # fmt: skip
    assert relative_links(README) and relative_links(DOCS / "mock.md")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_relative_link_resolves(document: Path) -> None:
    broken = broken_links(document)
    assert not broken, f"{document.name}: " + "; ".join(broken)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_no_issue_numbers(document: Path) -> None:
    """The documents say what is true of the code, not which ticket changed it."""
    numbers = re.findall(r"(?<![\w&/])#\d+\b", prose(document.read_text()))
    assert not numbers, f"{document.name}: {numbers}"
