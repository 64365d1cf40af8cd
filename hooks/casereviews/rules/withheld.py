"""How text that must not be published is compared with what a build writes.

The policy names the withheld text (`policy.public.withheld_text`) and the leak guard
(`output_checks.leakguard`) looks for it in every file written: both read text in this one
form, so an entity or a line break cannot hide a match.
"""

from __future__ import annotations

import html


def normalise(text: str) -> str:
    """Text with entities decoded and runs of white space made one space."""
    return " ".join(html.unescape(text).split())
