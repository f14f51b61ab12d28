"""Shared helpers that know no app: the bottom layer of the project.

Vietnamese text and administrative units, roles, money in whole dong, OCOP
validity, HTML sanitising, safe redirects, exports and SQL helpers. Every
app and every infrastructure package may import from here; nothing here
imports an app, the infrastructure or the project (``pyproject.toml``'s
import contracts hold this in CI).
"""
