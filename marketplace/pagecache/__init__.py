"""Whole pages for anonymous visitors, from a cache shared by every process.

Apps say which views may be cached and on what their pages depend
(``registry.page_cache_register``); they bump a namespace's version whenever
something their pages show changes (``versions.versions_bump``). A page is
stored under the versions of its namespaces, today's date, the language, the
host, the path and its normalised query string, so a change is seen by the
next request on every worker; the old entries simply expire.

The parts that differ per visitor (CSRF token, CSP nonce, basket count,
messages) are left as placeholders in the stored page and filled in per
request (``parts``). This package knows no app: the apps register their
views, their parts and their invalidation.
"""
