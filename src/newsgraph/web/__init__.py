"""The web interface and REST API together: ``create_site(store)`` is what ``newsgraph serve`` runs.

Pages are rendered on the server from Jinja2 templates with autoescaping; the only
scripts are small static files (the Content-Security-Policy forbids inline script).
"""

from newsgraph.web.site import create_site

__all__ = ["create_site"]
