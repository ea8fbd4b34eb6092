"""The spec's `pattern`s, the reference pages' originals, and strings each must accept or refuse.

The reference pages' patterns are ECMAScript regular expressions (Northflank's API is written in
JavaScript; `\\/` is a JavaScript literal's escape). The verdicts below are theirs under
ECMAScript; the spec spells two of them differently so that Python's `re` and Rust's `regex` give
the same verdicts (interop/ checks the ECMAScript side with node).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PatternCase:
    where: str  # Component.property, as tests.spec_walk.schema_at reads it
    page: str  # the reference page's pattern, character for character
    accepts: tuple[str, ...]
    refuses: tuple[str, ...]


# One sample of each kind of whitespace whose meaning differs between dialects: ECMAScript's `\s`
# includes U+00A0, U+2028 and U+FEFF; Python's includes U+001C and U+0085; Rust's U+0085 too.
CASES = [
    PatternCase(
        "RunReleaseFlowRequest.name",
        r"^[a-zA-Z]((-|\s)?[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*)?$",
        ("Example Run", "Hotfix-2 for api v3", "a", "Tab\tseparated", "No\u00a0break",
         "Line\u2028separator", "Byte\ufefforder"),
        ("Release  two", "9lives", "trailing-", "", "File\x1cseparator", "Next\x85line",
         "Emoji 🚀"),
    ),
    PatternCase(
        "RunReleaseFlowRequest.description",
        r"""^[a-zA-Z0-9.,?\s\\/'"()[\];`%^&*\-_:!]+$""",
        ("This is a description for the release-flow run.", "Fix [JIRA-1]; 100% done!",
         "Quote's \"fine\"", "back\\slash/and`tick`", "Tab\there", "No\u00a0break",
         "Byte\ufefforder"),
        ("", "Hash # sign", "Emoji 🚀", "File\x1cseparator", "Next\x85line", "Curly {braces}"),
    ),
    PatternCase(
        "ReleaseFlowTrigger.repoUrl",
        r"^(https:\/\/)?((www(\.[a-zA-Z0-9\-]{2,})+\.)?[a-zA-Z0-9\-]{2,})(\.([a-zA-Z0-9\-]{2,}))+(\/([a-zA-Z0-9\-._]{2,}))+?$",
        ("https://github.com/northflank-examples/remix-postgres-redis-demo",
         "gitlab.com/group/project.git"),
        ("http://github.com/a-b/c-d", "https://github.com", "not a url", "https://x.io/ab"),
    ),
    PatternCase(
        "ReleaseFlowTrigger.selfHostedVcsId",
        r"^([A-Za-z0-9-]+\/[A-Za-z0-9-]+)|([0-9a-f]{24})$",
        # The page anchors each alternative at one end only; these verdicts keep that meaning.
        ("team/vcs-1", "0123456789abcdef01234567", "team/vcs trailing text",
         "leading text 0123456789abcdef01234567"),
        ("no-slash", "0123456789ABCDEF01234567", ""),
    ),
    PatternCase(
        "GitRestriction",
        r"^[a-zA-Z/*0-9%\-.#_!'();,&=+]*$",
        ("main", "feature/*", "release-1.0#x", "", "a(b);c,d&e=f+g"),
        ("feat ure", "a~b", "über"),
    ),
    PatternCase(
        "GitOps.filePath",
        r"^\/([a-zA-Z0-9-._]+\/)*[a-zA-Z0-9-._]+$",
        ("/templates/release.json", "/a", "/x-y_z/v1.2/t.json"),
        ("templates/release.json", "/dir/", "/a b", "//double"),
    ),
]  # fmt: skip
