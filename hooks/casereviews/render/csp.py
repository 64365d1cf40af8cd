"""The content security policy of every page: the browser itself refuses what the checks may miss.

The site loads nothing from another host, and runs no script it did not write. The output
checks look for loads from elsewhere, but a browser is the final word: each page carries a
policy (`<meta http-equiv="Content-Security-Policy">`, first in its head, since a policy in a
meta element covers only what follows it) that allows the site's own files, the page's own
inline scripts by their SHA-256 (the theme's and ours: each page's are hashed as written),
WebAssembly for Pagefind's search, `data:` images (the theme's icons), and inline styles (the
theme sets some; a style cannot run script, and `img-src`/`font-src` still keep every load on
the site). Everything else, another host above all, is refused.

A static host cannot send headers for us, so the policy is a meta element; its limits
(`frame-ancestors` and reporting need a header) are noted in README.
"""

from __future__ import annotations

import base64
import hashlib
import re

#: An inline script the browser runs: no `src`, and no type or a JavaScript one (JSON and
#: JSON-LD are data, never run).
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_SOURCE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_RUN_TYPES = frozenset({"", "text/javascript", "module", "application/javascript"})
#: Where the policy goes: right after the character set, which must come first.
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_EXISTING = re.compile(r"""<meta\s+http-equiv=["']?content-security-policy""", re.IGNORECASE)

DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP sources of the inline scripts a page runs, in order, each once."""
    hashes: dict[str, None] = {}
    for match in _INLINE_SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if _SOURCE.search(attributes) or (kind.group(1).lower() if kind else "") not in _RUN_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[f"'sha256-{digest}'"] = None
    return list(hashes)


def policy(html: str) -> str:
    """The policy for one page: the site's own files, and this page's inline scripts."""
    scripts = " ".join(["'self'", *inline_script_hashes(html), "'wasm-unsafe-eval'"])
    return "; ".join([DIRECTIVES[0], f"script-src {scripts}", *DIRECTIVES[1:]])


def with_policy(html: str) -> str:
    """The page with its policy first in its head (a page that has one, or no head, as it is)."""
    if _EXISTING.search(html):
        return html
    place = _CHARSET.search(html) or _HEAD.search(html)
    if place is None:
        return html
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: place.end()] + element + html[place.end() :]
