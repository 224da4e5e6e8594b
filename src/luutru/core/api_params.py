"""Bounded numbers for the JSON API (Django Ninja): declared in the OpenAPI
schema, so Ninja itself answers 422 for ``abc``, ``-1``, 10³⁰ or year 99999
before any query runs."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# The function ``ninja.Query(...)`` calls at run time; ``ninja.Query`` itself is an
# ``Annotated`` alias for the type checker, which cannot be called.
from ninja.params.functions import Query

from luutru.core.params import MAX_ID, MAX_YEAR, MIN_YEAR

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 1000

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
# Defaults for optional query parameters (``org: int | None = OPTIONAL_ID``):
# ``@paginate`` rebuilds the signature where the ``Id`` alias cannot be resolved.
OPTIONAL_ID = Query(None, ge=1, le=MAX_ID)
OPTIONAL_YEAR = Query(None, ge=MIN_YEAR, le=MAX_YEAR)


class Pagination(PageNumberPagination):
    """Ninja's page-number pagination with an upper bound on the page (its
    own accepted any page, and an offset past 2⁶³ broke the query)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
