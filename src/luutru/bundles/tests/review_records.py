"""Records for the review tests: an issued plan of the Văn phòng and loose
documents of several matters, taken in through the registry service."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

from luutru.bundles import services
from luutru.bundles.types import Group, MissingRef, PlanItemFacts, Proposal
from luutru.filing.tests.conftest import build_plan, pdf_bytes
from luutru.registry.services import create_document
from luutru.registry.tests.files import metadata_for


def add_document(user, org, symbol: str, day: dt.date, subject: str, *, cites=(), secrecy: int = 0):
    """A document registered by ``user`` with a real PDF and the citations it prints."""
    number, _, notation = symbol.partition("-")
    metadata = metadata_for(
        org,
        type_abbrev=notation.split("/")[0],
        symbol=symbol,
        issued_date=day,
        organ_name=org.name,
        subject=subject,
        secrecy=secrecy,
        citations=[
            {"symbol": s, "issued_date": d, "issuer": i, "text": f"Căn cứ {s}"} for s, d, i in cites
        ],
    )
    doc, _ = create_document(
        user,
        org,
        content=io.BytesIO(pdf_bytes(subject)),
        filename=f"{number}.pdf",
        metadata=metadata,
    )
    return doc


def build(world) -> SimpleNamespace:
    """Six loose documents of the office in 2025: a plan and its report (citing a
    directive absent from the bundle), a letter and its reply, a notice that fits
    nothing, and a plan of 2024 with the same number as the 2025 one."""
    plan = build_plan(world, 2025, issue=True)
    items = list(plan.items.order_by("order"))
    r = SimpleNamespace(plan=plan, item_report=items[0], item_letters=items[1])
    clerk, office = world.clerk, world.office
    r.kh = add_document(
        clerk, office, "5-KH/VPTU", dt.date(2025, 2, 10), "Kế hoạch công tác năm 2025 của Văn phòng"
    )
    r.bc = add_document(
        clerk,
        office,
        "9-BC/VPTU",
        dt.date(2025, 6, 30),
        "Báo cáo sơ kết 6 tháng đầu năm 2025 thực hiện kế hoạch công tác",
        cites=[
            ("5-KH/VPTU", dt.date(2025, 2, 10), "Văn phòng Tỉnh ủy"),
            ("35-CT/TW", dt.date(2019, 5, 30), "Bộ Chính trị"),
        ],
    )
    r.cv = add_document(
        clerk,
        office,
        "14-CV/VPTU",
        dt.date(2025, 3, 3),
        "V/v nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan",
    )
    r.reply = add_document(
        clerk,
        office,
        "15-CV/VPTU",
        dt.date(2025, 3, 20),
        "Phúc đáp công văn số 14-CV/VPTU về nộp lưu hồ sơ, tài liệu",
        cites=[("14-CV/VPTU", dt.date(2025, 3, 3), "Văn phòng Tỉnh ủy")],
    )
    r.tb = add_document(
        clerk, office, "3-TB/VPTU", dt.date(2025, 4, 1), "Thông báo lịch trực cơ quan dịp lễ"
    )
    r.kh_2024 = add_document(
        clerk,
        office,
        "5-KH/VPTU",
        dt.date(2024, 2, 10),
        "Kế hoạch tổ chức hội nghị tổng kết năm 2024",
    )
    r.docs = [r.kh, r.bc, r.cv, r.reply, r.tb, r.kh_2024]
    return r


def _item(i) -> PlanItemFacts:
    return PlanItemFacts(id=i.pk, code=i.code, title=i.title, year=i.plan.year)


def known_proposal(r) -> Proposal:
    """A proposal fixed by hand (the engine's own quality is measured elsewhere):
    the plan and its report under the first item with a gap, the letter and its
    reply under the second, the rest apart."""
    return Proposal(
        groups=[
            Group(
                title="Tập kế hoạch, báo cáo công tác năm 2025",
                start=r.kh.issued_date,
                end=r.bc.issued_date,
                members=[r.kh.pk, r.bc.pk],
                plan_item=_item(r.item_report),
                missing=[
                    MissingRef(
                        "35-CT/TW", dt.date(2019, 5, 30), "Bộ Chính trị", cited_by=(r.bc.pk,)
                    )
                ],
                confidence=0.9,
            ),
            Group(
                title="Hồ sơ về việc nộp lưu hồ sơ, tài liệu năm 2025",
                start=r.cv.issued_date,
                end=r.reply.issued_date,
                members=[r.cv.pk, r.reply.pk],
                plan_item=_item(r.item_letters),
                confidence=0.8,
            ),
            Group(
                title="Hồ sơ về việc tổ chức hội nghị tổng kết năm 2024",
                start=r.kh_2024.issued_date,
                end=r.kh_2024.issued_date,
                members=[r.kh_2024.pk],
                confidence=0.4,
            ),
        ],
        unassigned=[r.tb.pk],
    )


def ready_session(world, r, actor=None):
    """A session over the office's loose documents holding ``known_proposal``."""
    actor = actor or world.clerk
    session = services.start_session(actor, world.office)
    docs = list(services.session_documents(session))
    services.store_proposal(session, docs, known_proposal(r))
    session.state = "ready"
    session.save(update_fields=["state"])
    return session
