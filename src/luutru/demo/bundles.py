"""The demo's loose bundles (issue 11): documents taken in but formed into no
dossier, so that a new user can try "Gom hồ sơ" at once.

* Huyện ủy Tân Lạc, first half of 2025 (before it ends on 30/6/2025): a bundle
  of several matters, each a chain of documents that cite each other ("Thực
  hiện Kế hoạch số …", "Phúc đáp Công văn số …", "thay thế Quy định số …"), a
  congress, an inspection, a campaign, personnel matters, and documents that fit
  nothing; some cite documents that are not in the bundle (the gaps). Its review
  is computed here, so the proposals are waiting on /gom-ho-so/ (its fonds is
  closed since: the proposals show, opening dossiers is refused, as the rules say).
* A commune's loose documents of 2025, for a review started with one click.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from luutru.bundles import services as bundles
from luutru.demo import content, people
from luutru.demo.pdf import PartyDocument, render
from luutru.demo.records import Records
from luutru.registry.models import Direction
from luutru.registry.services import create_document


@dataclass(frozen=True)
class Step:
    """One document of a matter: who issues it, its type, subject, and which
    earlier step of the same matter it cites (and how)."""

    issuer: str  # "self" (the body), "TU" (the provincial committee)
    type: str
    subject: str
    cites: tuple[int, ...] = ()  # indexes of earlier steps it cites
    cue: str = "Thực hiện"  # "Căn cứ", "Phúc đáp", "thay thế"
    outside: tuple[str, ...] = ()  # citations of documents not in the bundle


DIRECTIVE_35 = "Chỉ thị số 35-CT/TW, ngày 30/5/2024 của Bộ Chính trị"
CONGRESS_GUIDE = "Hướng dẫn số 26-HD/BTCTW, ngày 15/11/2024 của Ban Tổ chức Trung ương"

# Matters a district committee handles, each written for a topic ({t}).
MATTERS: list[tuple[str, list[Step], list[str]]] = [
    (
        "regulation",
        [
            Step(
                "TU", "QĐ", "về {t}", outside=("Quy định số 08-QĐi/TU, ngày 12/3/2019 của Tỉnh ủy",)
            ),
            Step("self", "KH", "thực hiện Quy định của Tỉnh ủy về {t}", (0,)),
            Step("self", "HD", "triển khai thực hiện Quy định về {t}", (0, 1)),
            Step("self", "CV", "V/v đôn đốc thực hiện Kế hoạch về {t}", (1,)),
            Step("self", "BC", "kết quả thực hiện Quy định của Tỉnh ủy về {t}", (0, 1)),
        ],
        [
            "quản lý, sử dụng tài sản công trong cơ quan đảng",
            "tiếp công dân của người đứng đầu cấp ủy",
            "chế độ báo cáo định kỳ của các tổ chức cơ sở đảng",
            "công tác bảo vệ chính trị nội bộ",
            "việc nêu gương của cán bộ, đảng viên",
            "trách nhiệm giải trình của người đứng đầu",
        ],
    ),
    (
        "congress",
        [
            Step(
                "self",
                "KH",
                "tổ chức Đại hội đại biểu Đảng bộ huyện lần thứ XXI, nhiệm kỳ 2025–2030",
                cue="Căn cứ",
                outside=(DIRECTIVE_35,),
            ),
            Step(
                "self",
                "QĐ",
                "thành lập các tiểu ban phục vụ Đại hội Đảng bộ huyện lần thứ XXI",
                (0,),
            ),
            Step(
                "self",
                "HD",
                "công tác nhân sự Đại hội Đảng bộ huyện lần thứ XXI",
                (0,),
                "Căn cứ",
                outside=(CONGRESS_GUIDE,),
            ),
            Step(
                "self", "TB", "phân công nhiệm vụ các tiểu ban chuẩn bị Đại hội Đảng bộ huyện", (1,)
            ),
            Step("self", "TTr", "về đề án nhân sự Ban Chấp hành Đảng bộ huyện khóa XXI", (2,)),
            Step("self", "BC", "chính trị trình Đại hội Đảng bộ huyện lần thứ XXI", (0,)),
            Step("self", "BC", "tiến độ chuẩn bị Đại hội Đảng bộ huyện lần thứ XXI", (0, 3)),
        ],
        [""],
    ),
    (
        "inspection",
        [
            Step("self", "KH", "kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát tại {t}"),
            Step("self", "QĐ", "thành lập Đoàn kiểm tra tại {t}", (0,), "Căn cứ"),
            Step("self", "BC", "kết quả kiểm tra tại {t}", (1,)),
            Step("self", "TB", "kết luận kiểm tra tại {t}", (2,), "Căn cứ"),
        ],
        [
            "Đảng ủy xã Mãn Đức",
            "Đảng ủy xã Phong Phú",
            "Đảng ủy xã Quy Hậu",
            "Đảng ủy xã Tử Nê",
            "Đảng ủy xã Thanh Hối",
            "Chi bộ Trường Trung học phổ thông Tân Lạc",
            "Chi bộ Bệnh viện Đa khoa huyện",
            "Đảng ủy Công an huyện",
        ],
    ),
    (
        "campaign",
        [
            Step("TU", "KH", "tuyên truyền kỷ niệm {t}"),
            Step("self", "KH", "tuyên truyền kỷ niệm {t} trên địa bàn huyện", (0,)),
            Step("self", "CV", "V/v treo băng rôn, khẩu hiệu kỷ niệm {t}", (1,)),
            Step("self", "BC", "kết quả tuyên truyền kỷ niệm {t}", (1,)),
        ],
        [
            "95 năm Ngày thành lập Đảng Cộng sản Việt Nam",
            "50 năm Ngày giải phóng miền Nam, thống nhất đất nước",
            "135 năm Ngày sinh Chủ tịch Hồ Chí Minh",
            "80 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
        ],
    ),
    (
        "personnel",
        [
            Step("self", "TTr", "về việc điều động, bổ nhiệm đồng chí {t}"),
            Step("self", "QĐ", "về việc điều động, bổ nhiệm đồng chí {t}", (0,), "Xét đề nghị tại"),
        ],
        [
            "Nguyễn Văn Hòa",
            "Bùi Thị Lan",
            "Đinh Công Minh",
            "Quách Văn Tú",
            "Hà Thị Nga",
            "Xa Văn Khánh",
            "Bạch Công Sơn",
            "Lò Thị Hạnh",
            "Trương Văn Định",
            "Phạm Thị Thu",
        ],
    ),
    (
        "reply",
        [
            Step("TU", "CV", "V/v báo cáo {t}"),
            Step("self", "BC", "{t}", (0,), "Phúc đáp"),
        ],
        [
            "tình hình thực hiện chế độ chính sách đối với cán bộ nghỉ hưu",
            "số liệu đảng viên 6 tháng đầu năm 2025",
            "công tác phòng, chống thiên tai đầu năm 2025",
            "kết quả thu, nộp đảng phí năm 2024",
            "tình hình tổ chức cơ sở đảng trong doanh nghiệp tư nhân",
            "việc thực hiện quy chế dân chủ ở cơ sở",
            "công tác phát triển đảng viên 5 tháng đầu năm 2025",
            "tình hình tư tưởng cán bộ, đảng viên trước sắp xếp đơn vị hành chính",
            "việc lưu trữ hồ sơ, tài liệu trước khi kết thúc hoạt động cấp huyện",
            "việc chuẩn bị bàn giao tài sản, tài liệu của cơ quan cấp huyện",
        ],
    ),
]

# Documents of no matter: they stay apart.
STRAYS = [
    ("self", "TB", "lịch trực cơ quan dịp nghỉ Tết Nguyên đán Ất Tỵ"),
    ("self", "CV", "V/v cử cán bộ dự lớp bồi dưỡng nghiệp vụ văn thư"),
    ("self", "TB", "lịch làm việc của Thường trực Huyện ủy tuần 12"),
    ("TU", "CV", "V/v mua sắm văn phòng phẩm quý II"),
    ("self", "CV", "V/v sửa chữa máy điều hòa phòng họp"),
    ("self", "TB", "về việc nghỉ lễ Giỗ Tổ Hùng Vương"),
    ("self", "CV", "V/v đăng ký xe đi công tác tháng 5"),
    ("TU", "TB", "lịch tiếp khách quốc tế của Thường trực Tỉnh ủy"),
]

COMMUNE_LOOSE = [
    ("self", "KH", "tổ chức Đại hội Chi bộ thôn Đồng Bưng nhiệm kỳ 2025–2027"),
    ("self", "BC", "kết quả Đại hội Chi bộ thôn Đồng Bưng nhiệm kỳ 2025–2027"),
    ("self", "CV", "V/v nộp báo cáo sơ kết 6 tháng đầu năm"),
    ("self", "TB", "phân công nhiệm vụ cấp ủy viên phụ trách thôn"),
]


def _document(
    r: Records,
    actor,
    org,
    key: str,
    type_abbrev: str,
    day: dt.date,
    subject: str,
    body: list[str],
    cited: Sequence[tuple[str, dt.date | None, str]],
):
    issuer = r.issuer(key, org, day)
    number = r.number_for(issuer, type_abbrev, day)
    data, pages = render(
        PartyDocument(
            superior=issuer.superior,
            issuer=issuer.name_caps,
            number=f"{number:02d}",
            notation=f"{type_abbrev}/{issuer.abbrev}",
            place=issuer.place,
            day=day,
            type_name="" if type_abbrev == "CV" else content.TYPE_NAMES[type_abbrev],
            subject=subject,
            body=body,
            signer_authority=issuer.authority,
            signer_position=issuer.position,
            signer_name=issuer.signer,
        )
    )
    symbol = f"{number:02d}-{type_abbrev}/{issuer.abbrev}"
    meta = {
        "doc_type": r.doc_type(org, type_abbrev).pk,
        "symbol": symbol,
        "issued_date": day,
        "organ_name": issuer.organ_name,
        "subject": subject[:1].upper() + subject[1:],
        "signer_full_name": issuer.signer,
        "signer_position": (issuer.position or issuer.authority).capitalize(),
        "page_amount": pages,
        "secrecy": 0,
        "urgency": 0,
        "citations": [
            {"symbol": s, "issued_date": d, "issuer": i, "text": f"{s} của {i}"}
            for s, d, i in cited
        ],
    }
    document, warnings = create_document(
        actor,
        org,
        content=io.BytesIO(data),
        filename=f"bo-goi-{symbol.replace('/', '-')}.pdf",
        metadata=meta,
        direction=Direction.INTERNAL if key == "self" else Direction.INCOMING,
    )
    r.stats.documents += 1
    r.stats.warnings += warnings
    return document, symbol, issuer


def _outside(text: str) -> tuple[str, dt.date | None, str]:
    # "Chỉ thị số 35-CT/TW, ngày 30/5/2024 của Bộ Chính trị" → its parts, as cited.
    head, _, issuer = text.partition(" của ")
    symbol = head.split(" số ", 1)[1].split(",")[0]
    d, m, y = head.rsplit("ngày ", 1)[1].split("/")
    return symbol, dt.date(int(y), int(m), int(d)), issuer


def district_bundle(r: Records) -> int:
    """The district's loose documents of several matters; returns how many."""
    org = r.org(people.DISTRICT)
    actor = r.u("canbo.huyen")
    made = 0
    for _kind, steps, topics in MATTERS:
        for topic in topics[: 1 if r.small else len(topics)]:
            days = r.dates(2025, len(steps), first=(1, 6), last=(6, 25))
            done: list[tuple[str, dt.date, str, str]] = []  # symbol, day, issuer, type
            for step, day in zip(steps, days, strict=True):
                subject = step.subject.format(t=topic)
                cited: list[tuple[str, dt.date | None, str]] = [
                    (done[i][0], done[i][1], done[i][2]) for i in step.cites
                ]
                cited += [_outside(o) for o in step.outside]
                body = [
                    f"{step.cue} {content.TYPE_NAMES[done[i][3]]} số {done[i][0]}, ngày "
                    f"{done[i][1]:%d/%m/%Y} của {done[i][2]};"
                    for i in step.cites
                ] + [f"Căn cứ {o};" for o in step.outside]
                body.append(f"{subject[:1].upper()}{subject[1:]}.")
                _doc, symbol, issuer = _document(
                    r, actor, org, step.issuer, step.type, day, subject, body, cited
                )
                done.append((symbol, day, issuer.organ_name, step.type))
                made += 1
    for (key, type_abbrev, subject), day in zip(
        STRAYS, r.dates(2025, len(STRAYS), first=(1, 6), last=(6, 25)), strict=True
    ):
        _document(r, actor, org, key, type_abbrev, day, subject, [f"{subject}."], [])
        made += 1
    # The proposals are waiting for the first visitor (computed while the fonds is open).
    bundles.start_session(actor, org, year=2025)
    return made


def commune_loose(r: Records) -> int:
    """A commune's loose documents of 2025, for a review started on /gom-ho-so/."""
    org = r.org(people.COMMUNE)
    clerk = r.u("vanthu.xa")
    days = r.dates(2025, len(COMMUNE_LOOSE), first=(2, 1), last=(6, 20))
    first: tuple[str, dt.date, str] | None = None  # the plan the report answers
    for (key, type_abbrev, subject), day in zip(COMMUNE_LOOSE, days, strict=True):
        cited: list[tuple[str, dt.date | None, str]] = []
        body = [f"{subject}."]
        if first is not None and type_abbrev == "BC":
            cited.append(first)
            body.insert(
                0, f"Thực hiện Kế hoạch số {first[0]}, ngày {first[1]:%d/%m/%Y} của {first[2]};"
            )
        _doc, symbol, issuer = _document(r, clerk, org, key, type_abbrev, day, subject, body, cited)
        if first is None:
            first = (symbol, day, issuer.organ_name)
    return len(COMMUNE_LOOSE)


def build(r: Records) -> None:
    """Both bundles (call while the district still works: before 01/7/2025's reorganization)."""
    district_bundle(r)
    commune_loose(r)
