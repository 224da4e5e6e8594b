"""Views: parse the request, call a service or a query, render.

Objects the user may not open answer 404, never 403: their titles stay hidden.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render

from luutru.access.policy import Denied, record_secret_read, record_secret_reads
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import refuse
from luutru.core.params import as_int
from luutru.registry import queries, services
from luutru.registry.forms import DocumentFilterForm, DocumentForm, OrgChoiceForm
from luutru.registry.models import Document
from luutru.registry.signals import document_entered

PAGE_SIZE = 25


def _visible_or_404(request: HttpRequest, doc_id: int) -> Document:
    return get_object_or_404(
        queries.documents_visible_to(request.user).select_related(
            "org", "doc_type", "blob", "created_by"
        ),
        pk=doc_id,
    )


def document_list(request: HttpRequest) -> HttpResponse:
    """The documents this user may open, filtered and paginated."""
    user = request.user
    form = DocumentFilterForm(
        queries.organizations_with_visible_documents(user),
        queries.years_with_visible_documents(user),
        request.GET or None,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    docs = queries.search_documents(
        user, org_id=filters.get("org"), year=filters.get("year"), text=filters.get("q") or ""
    )
    page = Paginator(docs, PAGE_SIZE).get_page(request.GET.get("trang"))
    # A list showing secret subjects is a read of them (issue 8 item 9).
    record_secret_reads(user, page.object_list, "list", about_type="document_list")
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(filters and any(filters.values())),
        "can_upload": queries.upload_orgs(user).exists(),
    }
    template = "registry/document_list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "document-results":
        template += "#results"
    return render(request, template, context)


def document_detail(request: HttpRequest, doc_id: int) -> HttpResponse:
    doc = _visible_or_404(request, doc_id)
    record_secret_read(request.user, doc, "page")
    return render(
        request,
        "registry/document_detail.html",
        {
            "doc": doc,
            "dossiers": queries.dossiers_of(request.user, doc),
            "citations": queries.citations_for(request.user, doc),
            "can_edit": queries.can_edit_document(request.user, doc),
        },
    )


def document_download(request: HttpRequest, doc_id: int) -> HttpResponseBase:
    doc = _visible_or_404(request, doc_id)
    try:
        stream = services.read_document_content(request.user, doc)
    except Denied:
        raise Http404 from None
    except RuleViolation as exc:
        refuse(request, exc)
        return redirect("registry:detail", doc_id=doc.pk)
    except FileNotFoundError:
        messages.error(
            request, "Không tìm thấy tệp của văn bản trong kho lưu trữ. Hãy báo quản trị viên."
        )
        return redirect("registry:detail", doc_id=doc.pk)
    filename = doc.original_filename or f"van-ban-{doc.pk}"
    return FileResponse(
        stream,
        as_attachment=True,
        filename=filename,
        content_type=doc.blob.mime if doc.blob else None,
    )


def document_edit(request: HttpRequest, doc_id: int) -> HttpResponse:
    doc = _visible_or_404(request, doc_id)
    if not queries.can_edit_document(request.user, doc):
        messages.error(request, "Bạn chỉ được xem văn bản này, không được sửa thông tin.")
        return redirect("registry:detail", doc_id=doc.pk)
    form = DocumentForm(doc.org, request.POST or None, document=doc, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document_metadata(
                request.user, doc, form.metadata(), reason=form.reason()
            )
        except RuleViolation as exc:
            form.add_refusal(exc)
        except Denied as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã lưu thông tin văn bản.")
            return redirect("registry:detail", doc_id=doc.pk)
    record_secret_read(request.user, doc, "edit")
    return render(
        request, "registry/document_form.html", {"form": form, "doc": doc, "org": doc.org}
    )


def document_create(request: HttpRequest) -> HttpResponse:
    """Upload a loose document into one of the bodies the user works in."""
    orgs = queries.upload_orgs(request.user)
    if not orgs.exists():
        messages.error(
            request,
            "Bạn chưa được phân công làm việc tại cơ quan nào nên chưa thể tải văn bản lên.",
        )
        return redirect("registry:list")
    org_id: str | int | None = request.POST.get("org") or request.GET.get("org")
    only = orgs.first() if org_id is None and orgs.count() == 1 else None
    if only is not None:
        org_id = only.pk
    org_pk = as_int(org_id, min_value=1)
    org = orgs.filter(pk=org_pk).first() if org_pk else None
    if org is None:
        return render(request, "registry/choose_org.html", {"form": OrgChoiceForm(orgs)})
    form = DocumentForm(org, request.POST or None, request.FILES or None, uploader=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            doc, warnings = services.create_document(
                request.user, org, content=upload, filename=upload.name, metadata=form.metadata()
            )
        except RuleViolation as exc:
            form.add_refusal(exc)
        else:
            # Its text (and OCR for a scan) comes from the capture steps, in the
            # background: capture listens (registry sits below capture).
            document_entered.send(sender=Document, document=doc)
            messages.success(request, f"Đã lưu văn bản “{doc.subject}”.")
            for w in warnings:
                messages.warning(request, w)
            return redirect("registry:detail", doc_id=doc.pk)
    return render(request, "registry/document_form.html", {"form": form, "org": org, "orgs": orgs})
