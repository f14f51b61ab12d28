"""Read a Content-Security-Policy header and a page's inline scripts in tests."""

import re

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
NONCE_ATTR = re.compile(r'\bnonce="([^"]*)"')


def policy(response) -> dict[str, list[str]]:
    """Return the response's CSP as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def header_nonce(response) -> str | None:
    """Return the nonce the header allows scripts with, if any."""
    for source in policy(response).get("script-src", []):
        if source.startswith("'nonce-"):
            return source[len("'nonce-") : -1]
    return None


def inline_script_nonces(html: str) -> list[str]:
    """Return the nonce attribute of each inline <script> ("" when missing).

    Data blocks (``json_script``'s type="application/json", the products'
    schema.org type="application/ld+json") never run, so CSP leaves them
    alone and they need no nonce.
    """
    nonces = []
    for attributes in INLINE_SCRIPT.findall(html):
        if re.search(r'type="application/(ld\+)?json"', attributes):
            continue
        found = NONCE_ATTR.search(attributes)
        nonces.append(found.group(1) if found else "")
    return nonces
