"""The compliance page of incoming documents' handling (per unit and person)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from luutru.compliance import dashboard
from luutru.compliance.handling import COLUMNS, handling_figures
from luutru.core.params import as_int
from luutru.orgs.models import Organization


def handling_page(request: HttpRequest) -> HttpResponse:
    """``?to-chuc=`` a body the user inspects (else their highest), ``?nam=`` a year."""
    roots = dashboard.inspected_roots(request.user)
    wanted = as_int(request.GET.get("to-chuc"), min_value=1)
    org = Organization.objects.filter(pk=wanted).first() if wanted is not None else None
    if org is not None and not dashboard.can_inspect(request.user, org):
        raise Http404("Không tìm thấy cơ quan, tổ chức này trong phạm vi bạn được theo dõi.")
    org = org or (roots[0] if roots else None)
    raw_year = request.GET.get("nam", "")
    year = as_int(raw_year, 1930, 2200) if raw_year else None
    context: dict[str, Any] = {
        "org": org,
        "roots": roots,
        "columns": [label for _, label in COLUMNS],
    }
    if raw_year and year is None:
        context["error"] = f"Năm “{raw_year[:20]}” không hợp lệ: nhập một năm, ví dụ 2025."
    elif org is not None:
        context.update(figures=handling_figures(request.user, org, year=year), year=year)
    return render(
        request, "compliance/handling.html", context, status=400 if "error" in context else 200
    )
