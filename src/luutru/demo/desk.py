"""The demo's registry desk: the last month of incoming traffic in the provincial
office (VPTU) and in a commune Party committee (the district level it belonged
to ended on 30/6/2025, so the commune's committee keeps the desk the district's
did), every arrival routed, assigned and handled through the desk's services,
some late, some still open or overdue, some handled and never filed; and every
incoming document taken in earlier numbered in its body's incoming register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from luutru.demo.catalogue import Doc
from luutru.demo.people import COMMUNE, OFFICE
from luutru.demo.records import Records
from luutru.desk import services as desk
from luutru.desk.models import Channel
from luutru.desk.queries import clerks_of, handlers_of, heads_of
from luutru.filing.queries import my_open_dossiers
from luutru.registry.models import Direction, Document, Urgency

# What comes in to a Party body in a month (issuer keys of ``Records.issuer``).
INCOMING = [
    Doc("CV", "TU", "V/v báo cáo kết quả thực hiện nhiệm vụ tháng"),
    Doc("CV", "VPTU", "V/v chuẩn bị nội dung hội nghị Ban Thường vụ Tỉnh ủy"),
    Doc("TB", "TU", "về kết luận của Thường trực Tỉnh ủy tại buổi làm việc"),
    Doc("KH", "TU", "về tổ chức các hoạt động kỷ niệm ngày thành lập Đảng"),
    Doc("HD", "VPTW", "về thực hiện công tác văn thư, lưu trữ trong cơ quan đảng"),
    Doc("CV", "VPTW", "V/v cung cấp số liệu phục vụ tổng kết công tác văn phòng"),
    Doc("CV", "TU", "V/v góp ý dự thảo báo cáo chính trị"),
    Doc("TB", "VPTU", "về lịch làm việc của Thường trực Tỉnh ủy"),
    Doc("CV", "TU", "V/v rà soát hồ sơ, tài liệu lưu trữ năm {y}"),
    Doc("KH", "VPTU", "về kiểm tra công tác văn thư, lưu trữ năm {y}"),
]
INSTRUCTIONS = [
    "Đề nghị nghiên cứu, tham mưu văn bản trả lời.",
    "Chủ trì, phối hợp chuẩn bị nội dung, báo cáo trước thời hạn.",
    "Theo dõi, tổng hợp; báo cáo kết quả.",
    "Nghiên cứu, đề xuất.",
]
PROGRESS = [
    "Đã xin ý kiến các phòng liên quan.",
    "Đang tổng hợp số liệu.",
    "Đã hoàn thành dự thảo, trình lãnh đạo cho ý kiến.",
]


@dataclass(frozen=True)
class Desk:
    code: str
    clerk: str
    head: str
    handlers: tuple[str, ...]
    arrivals: int
    small_arrivals: int


DESKS = [
    Desk(OFFICE, "vanthu.vp", "lanhdao.vp", ("canbo.vp", "canbo2.vp"), 36, 6),
    Desk(COMMUNE, "vanthu.xa", "lanhdao.xa", ("canbo.xa", "canbo.huyen"), 14, 4),
]
DAYS = 30


def desk_demo(r: Records) -> None:
    """Number the incoming documents taken in earlier, then a month of traffic."""
    _number_earlier(r)
    for spec in DESKS:
        _month(r, spec)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _number_earlier(r: Records) -> None:
    """Incoming documents taken in before the desk existed get their arrival number,
    in the order they came (a working day after their date), and are handled by
    the body's people where it has them (filed or not, as the records are)."""
    now = timezone.now()
    earlier = (
        Document.objects.filter(direction=Direction.INCOMING, arrival__isnull=True)
        .select_related("org")
        .order_by("issued_date", "pk")
    )
    for doc in earlier:
        day = (doc.issued_date or timezone.localdate(now)) + dt.timedelta(days=1)
        received = min(_at(day, 8, 30), now - dt.timedelta(hours=1))
        clerk = clerks_of(doc.org).first() or heads_of(doc.org).first()
        a = desk.receive(
            clerk,
            doc.org,
            document=doc,
            channel=Channel.PAPER,
            sender=doc.organ_name,
            received_at=received,
        )
        head = heads_of(doc.org).first()
        lead = handlers_of(doc.org).exclude(pk=getattr(head, "pk", None)).first()
        if clerk is None or head is None or lead is None:
            continue  # no one works there any more: it stays registered
        t = received + dt.timedelta(hours=1)
        if t > now:
            continue
        desk.route(clerk, a, head=head, at=t)
        desk.assign(
            head,
            a,
            lead=lead,
            deadline=(t + dt.timedelta(days=7)).date(),
            at=t,
            instructions="Để biết.",
        )
        desk.finish(lead, a, note="Lưu, để biết.", at=min(t + dt.timedelta(days=1), now))


def _month(r: Records, spec: Desk) -> None:
    org = r.org(spec.code)
    clerk, head = r.u(spec.clerk), r.u(spec.head)
    handlers = [r.u(u) for u in spec.handlers]
    rng, now = r.rng, timezone.now()
    today = timezone.localdate(now)
    count = spec.small_arrivals if r.small else spec.arrivals
    days = [today - dt.timedelta(days=n) for n in range(DAYS, -1, -1)]
    workdays = [d for d in days if d.weekday() < 5] or days
    received_days = sorted(rng.choice(workdays) for _ in range(count))
    for n, day in enumerate(received_days):
        doc = INCOMING[rng.randrange(len(INCOMING))]
        issued = day - dt.timedelta(days=rng.randint(0, 3))
        data, meta, filename = r.pdf(org, doc, issued, secret=False)
        urgency = Urgency.KHAN if rng.random() < 0.1 else Urgency.NONE
        meta["urgency"] = urgency
        received = min(_at(day, rng.randint(7, 16), rng.randint(0, 59)), now)
        a = desk.receive(
            clerk,
            org,
            fields=meta,
            content=data,
            filename=filename,
            channel=Channel.ELECTRONIC if rng.random() < 0.7 else Channel.PAPER,
            sender=meta["organ_name"],
            urgency=urgency,
            received_at=received,
        )
        r.stats.documents += 1
        age = (today - day).days
        if n == len(received_days) - 1 or (age == 0 and n % 2 == 0):
            continue  # the newest: still on the clerk's desk, to route
        t = min(received + dt.timedelta(minutes=rng.randint(20, 120)), now)
        desk.route(clerk, a, head=head, at=t)
        if age <= 1 and rng.random() < 0.5:
            continue  # on the head's desk, to assign
        t = min(t + dt.timedelta(hours=rng.randint(1, 5)), now)
        lead = rng.choice(handlers)
        co = [h for h in handlers if h != lead] if rng.random() < 0.3 else []
        deadline = t.date() + dt.timedelta(days=rng.randint(3, 10))
        desk.assign(
            head,
            a,
            lead=lead,
            co_handlers=co,
            deadline=deadline,
            instructions=rng.choice(INSTRUCTIONS),
            at=t,
        )
        if rng.random() < 0.5:
            step = t + dt.timedelta(days=1, hours=rng.randint(0, 4))
            if step < now:
                t = step
                desk.record_progress(lead, a, rng.choice(PROGRESS), at=t)
        done = t + dt.timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 6))
        if n == 0:
            done = min(done, now)  # the oldest is always finished
        elif done >= now or rng.random() < 0.15:
            continue  # still being handled (overdue if its deadline has passed)
        dossiers = list(my_open_dossiers(lead).filter(org=org).order_by("pk")[:3])
        dossier = dossiers[0] if dossiers and rng.random() < 0.75 else None
        desk.finish(lead, a, dossier=dossier, note="Đã giải quyết.", at=done)
