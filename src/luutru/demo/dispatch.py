"""The demo's outgoing documents: a month of the provincial office's (VPTU) own
documents drafted by its officials, approved by its head and issued by its clerk
through the dispatch services, sent over the network to communes in the system
(they arrive in each commune's incoming register, numbered there) and, now and
then, to a body outside it (an exchange package). A few are still on the way (a
draft returned with comments, one waiting for the head, one for the clerk), one is
recalled (its number stays used) and one replaced; the officials answer incoming
documents they handle, so both land in their dossier, in order."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from luutru.demo import content
from luutru.demo.catalogue import Doc
from luutru.demo.pdf import render
from luutru.demo.people import COMMUNE, OFFICE
from luutru.demo.records import Records
from luutru.desk.models import ArrivalState, Handling
from luutru.dispatch import services as dispatch
from luutru.dispatch.models import Outgoing
from luutru.filing.queries import my_open_dossiers
from luutru.orgs.models import Kind, Organization
from luutru.registry.models import Document, NumberSeries
from luutru.registry.services import series_key, term_on
from luutru.rules.models import DocumentType

OUTGOING = [
    Doc("CV", "self", "V/v hướng dẫn lập hồ sơ, nộp lưu tài liệu năm {y}"),
    Doc("CV", "self", "V/v rà soát danh mục hồ sơ năm {y}"),
    Doc("TB", "self", "về lịch làm việc của Thường trực Tỉnh ủy tháng tới"),
    Doc("KH", "self", "về kiểm tra công tác văn thư, lưu trữ năm {y}"),
    Doc("CV", "self", "V/v báo cáo số liệu thống kê lưu trữ năm {y}"),
    Doc("HD", "self", "về quản lý văn bản điện tử trong các cơ quan đảng"),
]
OUTSIDE = ["Sở Nội vụ tỉnh", "Trung tâm Lưu trữ lịch sử tỉnh"]
DRAFTERS = ("canbo.vp", "canbo2.vp")
COUNT, SMALL_COUNT = 12, 4
DAYS = 30


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _continue_series(org: Organization, abbrev: str, doc_type: DocumentType, day: dt.date) -> None:
    """The office's documents entered before issuing existed carry numbers typed from
    the header; the series goes on from the highest of them in the term, so no issued
    number repeats one already used (demo seeding of the registry's series row)."""
    term = term_on(org, day)
    used = Document.objects.filter(
        org=org,
        code_notation=f"{abbrev}/{org.issuer_abbrev}",
        issued_date__gte=term.start,
    ).values_list("code_number", flat=True)
    highest = max((int(n) for n in used if n.isdigit()), default=0)
    series, _ = NumberSeries.objects.get_or_create(scope_key=series_key(org, doc_type, day))
    if series.last < highest:
        series.last = highest
        series.save(update_fields=["last"])


def _next_number(org: Organization, doc_type, day: dt.date) -> int:
    row = NumberSeries.objects.filter(scope_key=series_key(org, doc_type, day)).first()
    return (row.last if row else 0) + 1


def _communes() -> list[Organization]:
    """Communes in the system that receive the office's documents (the demo commune first)."""
    others = Organization.objects.filter(kind=Kind.COMMUNE_PARTY, valid_to__isnull=True).exclude(
        code=COMMUNE
    )
    first = Organization.objects.filter(code=COMMUNE)
    return list(first) + list(others.order_by("path")[:4])


def dispatch_demo(r: Records) -> None:
    """A month of outgoing documents of the provincial office, issued to communes."""
    office = r.org(OFFICE)
    clerk, head = r.u("vanthu.vp"), r.u("lanhdao.vp")
    drafters = [r.u(u) for u in DRAFTERS]
    communes = _communes()
    rng, now = r.rng, timezone.now()
    today = timezone.localdate(now)
    for abbrev in {d.type for d in OUTGOING}:
        _continue_series(office, abbrev, r.doc_type(office, abbrev), today)
    count = SMALL_COUNT if r.small else COUNT
    days = [today - dt.timedelta(days=n) for n in range(DAYS, 0, -1)]
    workdays = sorted(rng.sample([d for d in days if d.weekday() < 5], count))
    issued: list[Outgoing] = []
    for n, day in enumerate(workdays):
        spec = OUTGOING[n % len(OUTGOING)]
        drafter = drafters[n % len(drafters)]
        recipients = [{"org": c, "purpose": "để thực hiện"} for c in rng.sample(communes, 2)]
        if n % 4 == 1:
            recipients.append({"name": rng.choice(OUTSIDE), "purpose": "để biết"})
        o = _issue(r, office, spec, day, drafter, head, clerk, recipients, returned=n % 5 == 2)
        issued.append(o)
    _answers(r, office, head, clerk)
    _on_the_way(r, office, drafters, head, communes, today)
    if len(issued) >= 3:
        dispatch.recall(head, issued[1], "Ban hành nhầm nơi nhận; sẽ ban hành văn bản khác.")
        _replace(r, office, issued[2], drafters[0], head, clerk, today)


def _pdf(
    r: Records, office: Organization, spec: Doc, day: dt.date
) -> tuple[bytes, str, DocumentType]:
    doc_type = r.doc_type(office, spec.type)
    issuer = r.issuer(spec.issuer, office, day)
    number = _next_number(office, doc_type, day)
    subject = spec.subject.format(y=day.year)
    data, _ = render(content.make_document(r.rng, issuer, spec.type, number, day, subject))
    return data, subject[:1].upper() + subject[1:], doc_type


def _issue(
    r: Records,
    office: Organization,
    spec: Doc,
    day: dt.date,
    drafter,
    head,
    clerk,
    recipients: list[dict],
    *,
    returned: bool = False,
    answers: Document | None = None,
    corrects: Document | None = None,
) -> Outgoing:
    data, subject, doc_type = _pdf(r, office, spec, day)
    dossiers = list(my_open_dossiers(drafter).filter(org=office).order_by("pk")[:2])
    dossier = dossiers[0] if dossiers and (answers is not None or r.rng.random() < 0.7) else None
    issuer = r.issuer(spec.issuer, office, day)
    fields = {
        "doc_type": doc_type.pk,
        "subject": subject,
        "signer_full_name": issuer.signer,
        "signer_position": (issuer.position or issuer.authority).capitalize(),
    }
    o = dispatch.create_draft(
        drafter,
        office,
        fields=fields,
        recipients=recipients,
        content=data,
        filename=f"du-thao-{spec.type.lower()}-{day:%Y%m%d}.pdf",
        dossier=dossier,
        answers=answers,
        corrects=corrects,
        correction_kind="replacement" if corrects is not None else "",
    )
    # Today's documents may be issued earlier than 08:00 + 4 hours: never in the future.
    latest = timezone.now() - dt.timedelta(minutes=1)
    t = min(_at(day, 8, r.rng.randint(0, 59)), latest - dt.timedelta(minutes=10))
    dispatch.submit(drafter, o, at=t)
    if returned:
        t = min(t + dt.timedelta(hours=1), latest)
        dispatch.return_draft(head, o, "Đề nghị nêu rõ thời hạn báo cáo.", at=t)
        t = min(t + dt.timedelta(hours=1), latest)
        dispatch.update_draft(
            drafter,
            o,
            fields=fields,
            recipients=recipients,
            content=data + b"\n%% sua theo y kien",
            filename=f"du-thao-{spec.type.lower()}-{day:%Y%m%d}-lan-2.pdf",
            note="Đã bổ sung thời hạn báo cáo.",
            dossier=dossier,
        )
        dispatch.submit(drafter, o, at=t)
    t = min(t + dt.timedelta(hours=2), latest)
    dispatch.approve(head, o, "Đồng ý ban hành.", at=t)
    t = min(t + dt.timedelta(hours=2), latest)
    done = dispatch.issue(
        clerk,
        o,
        content=data,
        filename=f"{spec.type.lower()}-{day:%Y%m%d}.pdf",
        issued_date=day,
        at=t,
    )
    r.stats.documents += 1
    return done.outgoing


def _answers(r: Records, office: Organization, head, clerk) -> None:
    """The officials answer up to two incoming documents they lead: the answer is
    issued today, and the handling ends with it (both filed in their dossier)."""
    today = timezone.localdate()
    leads = Handling.objects.filter(
        arrival__org=office,
        part=Handling.Part.LEAD,
        ended_at__isnull=True,
        arrival__state__in=(ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS),
        handler__username__in=DRAFTERS,
    ).select_related("arrival__document", "handler")
    for h in list(leads.order_by("arrival__received_at")[:2]):
        doc = h.arrival.document
        spec = Doc("CV", "self", f"V/v trả lời Công văn số {doc.symbol_display or 'không số'}")
        sender = Organization.objects.filter(Q(name=doc.organ_name) & ~Q(pk=office.pk)).first()
        recipients = [{"org": sender, "purpose": ""}] if sender else [{"name": doc.organ_name}]
        _issue(r, office, spec, today, h.handler, head, clerk, recipients, answers=doc)


def _on_the_way(r: Records, office, drafters, head, communes, today: dt.date) -> None:
    """One draft returned with comments, one waiting for the head, one for the clerk."""
    for n, state in enumerate(("returned", "submitted", "approved")):
        spec = OUTGOING[n]
        data, subject, doc_type = _pdf(r, office, spec, today)
        o = dispatch.create_draft(
            drafters[n % 2],
            office,
            fields={"doc_type": doc_type.pk, "subject": subject},
            recipients=[{"org": communes[0], "purpose": "để thực hiện"}],
            content=data,
            filename=f"du-thao-{n + 1}.pdf",
        )
        dispatch.submit(drafters[n % 2], o)
        if state == "returned":
            dispatch.return_draft(head, o, "Đề nghị rà soát lại nơi nhận và trích yếu.")
        elif state == "approved":
            dispatch.approve(head, o, "Đồng ý.")


def _replace(r: Records, office, old: Outgoing, drafter, head, clerk, today: dt.date) -> None:
    """A replacement of an issued document: both stay, linked; the old one is replaced."""
    assert old.document is not None
    spec = Doc(old.doc_type.abbrev, "self", f"Thay thế văn bản số {old.document.symbol_display}")
    recipients = [
        {"org": rec.org, "name": rec.name, "purpose": rec.purpose} for rec in old.recipients.all()
    ]
    _issue(r, office, spec, today, drafter, head, clerk, recipients, corrects=old.document)
