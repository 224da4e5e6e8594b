"""Choose the search engine: ``SEARCH_BACKEND`` names a class taking the
index directory (default: Tantivy)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from luutru.search.backends.base import SearchBackend

DEFAULT = "luutru.search.backends.tantivy_backend.TantivyBackend"


def get_backend() -> SearchBackend:
    cls = import_string(getattr(settings, "SEARCH_BACKEND", DEFAULT))
    return cls(settings.SEARCH_INDEX_DIR)
