"""Numbers and row keys read from a request, checked in one place.

A value that is not what the page expects raises ``BadParameter`` (a Django
``BadRequest``): pages answer with the Vietnamese 400 page, the API with
``{"detail": …}``. Lists that report a bad value among good ones use
``as_int``. Nothing past this point sees ``"abc"``, ``"²"`` (``isdigit()``
but not ``int()``) or 10³⁰ (in a ``pk__in`` list it raised OverflowError).
The year bounds are those the API declares (``core.api_params``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import BadRequest

MAX_ID = 2**63 - 1  # the largest key a BigAutoField (and SQLite) holds
MIN_YEAR = 1900
MAX_YEAR = 2200
_INT = re.compile(r"[+-]?[0-9]{1,20}")


class BadParameter(BadRequest):
    """A request value refused; ``message`` says which and what to do, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def as_int(raw: object, min_value: int = 0, max_value: int = MAX_ID) -> int | None:
    """``raw`` as an integer within bounds, or None: for lists that report a
    bad value among good ones instead of refusing the request.
    (``"²".isdigit()`` is true and ``int("²")`` fails: only ASCII digits count.)"""
    text = "" if raw is None else str(raw).strip()
    if not _INT.fullmatch(text):
        return None
    n = int(text)
    return n if min_value <= n <= max_value else None


def _raw(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    return "" if value is None else str(value).strip()


def parse_int(
    raw: object,
    *,
    label: str,
    min_value: int | None = None,
    max_value: int | None = None,
) -> int:
    """``raw`` as an integer within bounds, or ``BadParameter`` naming ``label``."""
    text = "" if raw is None else str(raw).strip()
    shown = text[:40]
    if not _INT.fullmatch(text):
        raise BadParameter(
            f"Giá trị “{shown}” của {label} không phải là một số nguyên. "
            "Hãy quay lại trang trước và chọn lại."
        )
    n = int(text)
    low = min_value if min_value is not None else -MAX_ID
    high = max_value if max_value is not None else MAX_ID
    if not low <= n <= high:
        raise BadParameter(
            f"Giá trị “{shown}” của {label} nằm ngoài khoảng cho phép "
            f"(từ {low} đến {high}). Hãy quay lại trang trước và chọn lại."
        )
    return n


def int_param(
    params: Mapping[str, Any],
    name: str,
    *,
    default: int | None = None,
    min_value: int | None = None,
    max_value: int | None = None,
    label: str | None = None,
) -> int | None:
    """``params[name]`` as an integer in ``min_value..max_value``; ``default``
    when absent or empty."""
    raw = _raw(params, name)
    if not raw:
        return default
    return parse_int(raw, label=label or f"“{name}”", min_value=min_value, max_value=max_value)


def id_param(
    params: Mapping[str, Any], name: str, *, default: int | None = None, label: str | None = None
) -> int | None:
    """A row key (``org``, ``document``…): a positive integer a database can hold."""
    return int_param(params, name, default=default, min_value=1, max_value=MAX_ID, label=label)
