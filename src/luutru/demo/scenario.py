"""The demo province's story, from 2015 to today, told through the services."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import transaction

from luutru.archive import services as archive
from luutru.demo import bundles, catalogue, content, names, people
from luutru.demo.catalogue import Doc
from luutru.demo.desk import desk_demo
from luutru.demo.digitization import digitization_demo
from luutru.demo.dispatch import dispatch_demo
from luutru.demo.disposal import disposal_demo
from luutru.demo.holdings import holdings_demo
from luutru.demo.records import Records
from luutru.demo.transfer import transfer_demo
from luutru.demo.tree import LAST_DAY_OF_DISTRICTS, build_tree, reorganize_2025
from luutru.filing import services as filing
from luutru.orgs.models import Organization, Term

SEED = 2025
# Yearly files close when the year's work ends (deposit due a year later).
YEAR_END = {2024: dt.date(2024, 12, 30), 2025: dt.date(2025, 12, 29)}
TU_NAME = f"TỈNH ỦY {names.PROVINCE.upper()}"
PROVINCE_PARTY = f"ĐẢNG BỘ TỈNH {names.PROVINCE.upper()}"


def build_demo(*, small: bool = False, progress: Callable[[str], None] | None = None) -> dict:
    """Build the whole demo province in one transaction; return what was made and how long it took."""
    say = progress or (lambda _msg: None)
    started, cpu_started = time.perf_counter(), time.process_time()
    timings: dict[str, float] = {}
    cpu = [cpu_started]

    def step(name: str, t0: float) -> float:
        now, cpu_now = time.perf_counter(), time.process_time()
        timings[name] = round(now - t0, 2)
        say(f"  {name}: {now - t0:.1f} giây (CPU {cpu_now - cpu[0]:.1f} giây)")
        cpu[0] = cpu_now
        return now

    rng = random.Random(SEED)
    namer = names.Namer(rng)
    with transaction.atomic():
        t = time.perf_counter()
        users = people.create_users()
        admin = users["quantri"]
        # The system seeds the tree: no one administers a body before it exists
        # (orgs.services checks who may change the tree).
        tree = build_tree(None, rng, namer)
        codes = {a.org_code for a in people.ACCOUNTS}
        orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
        people.add_memberships(orgs)
        t = step("Cây tổ chức và tài khoản", t)

        r = Records(rng, namer, {k: people.fresh(v) for k, v in users.items()}, small=small)
        _issuers(r, namer)
        _district(r)
        bundles.build(r)  # loose bundles to gather into dossiers (issue 11), before 01/7/2025
        t = step("Hồ sơ của Huyện ủy Tân Lạc (trước khi giải thể)", t)

        reorganize_2025(admin, tree)
        people.move_district_staff(orgs, LAST_DAY_OF_DISTRICTS)
        Term.objects.filter(org__in=tree.districts, end__gt=LAST_DAY_OF_DISTRICTS).update(
            end=LAST_DAY_OF_DISTRICTS
        )
        r.refresh_users()
        t = step("Sắp xếp tổ chức năm 2025", t)

        _office(r)
        _board(r)
        _inspection(r)
        _propaganda(r)
        _commune(r)
        _socio(r)
        r.old_holdings(r.org("VPTU"))
        desk_demo(r)
        dispatch_demo(r)
        disposal_demo(r)
        transfer_demo(r)
        holdings_demo(r)
        digitization_demo(r)
        step("Danh mục, hồ sơ, văn bản, nộp lưu", t)
    total = time.perf_counter() - started
    return {
        "seconds": round(total, 1),
        "cpu_seconds": round(time.process_time() - cpu_started, 1),
        "timings": timings,
        "documents": r.stats.documents,
        "pdf_seconds": round(r.stats.pdf_seconds, 1),
        "warnings": sorted(set(r.stats.warnings)),
    }


def _issuers(r: Records, namer: names.Namer) -> None:
    head = {a.username: a.full_name for a in people.ACCOUNTS}
    tu = r.org("TU")
    r.add_issuer(
        "TU",
        content.issuer_for_org(
            tu,
            namer.person(False),
            superior=PROVINCE_PARTY,
            authority="T/M BAN THƯỜNG VỤ",
            position="BÍ THƯ",
            name_caps="TỈNH ỦY",
        ),
    )
    for code, caps, authority, position, signer in [
        ("VPTU", "VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "", head["lanhdao.vp"]),
        ("BTCTU", "BAN TỔ CHỨC", "TRƯỞNG BAN", "", head["lanhdao.btc"]),
        ("UBKTTU", "ỦY BAN KIỂM TRA", "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM", head["lanhdao.ubkt"]),
        ("BTGTU", "BAN TUYÊN GIÁO", "TRƯỞNG BAN", "", head["lanhdao.btg"]),
    ]:
        r.add_issuer(
            code,
            content.issuer_for_org(
                r.org(code),
                signer,
                superior=TU_NAME,
                authority=authority,
                position=position,
                name_caps=caps,
            ),
        )
    district = r.org(people.DISTRICT)
    r.add_issuer(
        "D03",
        content.issuer_for_org(
            district,
            namer.person(),
            superior=PROVINCE_PARTY,
            authority="T/M BAN THƯỜNG VỤ",
            position="BÍ THƯ",
        ),
    )
    commune = r.org(people.COMMUNE)
    r.add_issuer(
        commune.code,
        content.issuer_for_org(
            commune,
            head["lanhdao.xa"],
            superior=f"ĐẢNG BỘ HUYỆN {district.place.upper()}",
            authority="T/M ĐẢNG ỦY",
            position="BÍ THƯ",
            name_caps=commune.name.replace("Đảng bộ", "Đảng ủy").upper(),
        ),
    )
    socio = r.org(people.SOCIO)
    r.add_issuer(
        socio.code,
        content.issuer_for_org(
            socio,
            head["lanhdao.hpn"],
            superior="HỘI LHPN VIỆT NAM",
            authority="T/M BAN THƯỜNG VỤ",
            position="CHỦ TỊCH",
            name_caps=f"BAN CHẤP HÀNH HỘI LHPN TỈNH {names.PROVINCE.upper()}",
        ),
    )


def _pick(dossiers, fragment: str):
    return next(d for d in dossiers if fragment.lower() in d.title.lower())


def _form_all(r: Records, items, year: int, **kw):
    return [r.form(it, year, **kw) for it in items]


def _close_all(r: Records, dossiers, **kw):
    return [r.close(d, **kw) for d in dossiers]


def _district(r: Records) -> None:
    """Huyện ủy Tân Lạc: its 2024 and 2025 records, made before it ends on 30/6/2025."""
    org = r.org(people.DISTRICT)
    official, head = r.u("canbo.huyen"), r.u("lanhdao.huyen")
    spec = catalogue.PLANS["DISTRICT"]
    items = r.make_plan(org, 2024, spec, drafter=official, head=head, creators=[official])
    ds = _close_all(r, _form_all(r, items, 2024))
    # Part of 2024 deposited and accepted; the rest never deposited (overdue).
    archive.accept_deposit(r.u("luutru.tu"), r.deposit(official, org, ds[:2]))
    items = r.make_plan(org, 2025, spec, drafter=official, head=head, creators=[official])
    ds = _form_all(r, items, 2025, last=(6, 20))
    _close_all(r, ds, end=LAST_DAY_OF_DISTRICTS)


def _office(r: Records) -> None:
    """Văn phòng Tỉnh ủy: deposits accepted, one kept back, one awaiting the
    archivist, a 2026 plan still waiting for the head, loose documents."""
    org = r.org("VPTU")
    a, b, head = r.u("canbo.vp"), r.u("canbo2.vp"), r.u("lanhdao.vp")
    spec = catalogue.PLANS["VPTU"]
    items = r.make_plan(org, 2024, spec, drafter=a, head=head, creators=[a, b])
    ds = _form_all(r, items, 2024)
    # One document in two dossiers of the same official, stored once.
    letters, midyear = _pick(ds, "Công văn trao đổi"), _pick(ds, "sơ kết 6 tháng")
    filing.add_document_to_dossier(a, midyear, letters.items.order_by("position").first().document)
    ds = _close_all(r, ds)
    later = [_pick(ds, "Công văn trao đổi"), _pick(ds, "bảo vệ bí mật"), _pick(ds, "ngân sách")]
    deposited = [d for d in ds if d not in later]
    archive.accept_deposit(r.u("luutru.tu"), r.deposit(a, org, deposited, note="Hồ sơ năm 2024"))
    # The secret dossier is kept back in the unit with the head's approval; the
    # other two were simply never deposited (overdue).
    kept = later[1]
    limit = archive.keep_back_limit(kept)
    assert limit is not None, "a closed dossier has an end date, hence a keep-back limit"
    until = min(limit, dt.date(2027, 6, 30))
    kb = archive.request_keep_back(
        a,
        kept,
        reason="Còn sử dụng để chuẩn bị nội dung công tác bảo vệ bí mật nhà nước năm tiếp theo.",
        until=until,
    )
    archive.decide_keep_back(head, kb, approve=True)

    items = r.make_plan(org, 2025, spec, drafter=a, head=head, creators=[a, b])
    ds = _close_all(r, _form_all(r, items, 2025))
    # Waiting for the archivist (a to-do for luutru.tu).
    r.deposit(a, org, [d for d in ds if d.owner_id == a.pk][:3], note="Hồ sơ năm 2025 (đợt 1)")

    # 2026: the plan is still a draft awaiting lanhdao.vp; meanwhile a dossier opened outside the plan.
    r.make_plan(org, 2026, spec, drafter=a, head=head, creators=[a, b], issue=False)
    d = filing.open_dossier(
        a,
        org,
        title="Hồ sơ tiếp nhận hồ sơ, tài liệu của các huyện ủy kết thúc hoạt động năm 2026",
        file_notation="01.PS",
        retention=r.retention(org, None),
        creator=a.person,
        start_date=dt.date(2026, 1, 12),
        year=2026,
    )
    for doc, day in zip(
        [
            Doc("KH", "self", "về tiếp nhận hồ sơ, tài liệu của các huyện ủy kết thúc hoạt động"),
            Doc("BB", "self", "về giao nhận hồ sơ, tài liệu của Huyện ủy Tân Lạc"),
        ],
        r.dates(2026, 2, first=(1, 12), last=(9, 30)),
        strict=True,
    ):
        r.upload(a, d, doc, day)
    clerk = r.u("vanthu.vp")
    loose = [
        Doc("CV", "VPTW", "V/v hướng dẫn chỉnh lý tài liệu khi sắp xếp tổ chức bộ máy"),
        Doc("TB", "TU", "về ý kiến của Thường trực Tỉnh ủy"),
        Doc("CV", "self", "V/v chuẩn bị tài liệu phục vụ hội nghị"),
        Doc("BC", "self", "về tình hình tiếp nhận văn bản đến"),
    ]
    for doc, day in zip(
        loose[:2] if r.small else loose, r.dates(2026, 4, first=(2, 1), last=(10, 30)), strict=False
    ):
        r.loose(clerk, org, doc, day)


def _board(r: Records) -> None:
    """Ban Tổ chức: a deposit returned in full, another accepted with one dossier returned."""
    org = r.org("BTCTU")
    a, head, archivist = r.u("canbo.btc"), r.u("lanhdao.btc"), r.u("luutru.tu")
    spec = catalogue.PLANS["BTCTU"]
    items = r.make_plan(org, 2024, spec, drafter=a, head=head, creators=[a])
    ds = _close_all(r, _form_all(r, items, 2024))
    dep = r.deposit(a, org, ds[:2], note="Hồ sơ năm 2024")
    archive.return_deposit(
        archivist,
        dep,
        {
            ds[0].pk: "Thiếu báo cáo số liệu cuối năm; đề nghị bổ sung rồi nộp lại.",
            ds[
                1
            ].pk: "Văn bản chưa sắp xếp theo thứ tự thời gian; mục lục văn bản chưa khớp với hồ sơ.",
        },
    )
    items = r.make_plan(org, 2025, spec, drafter=a, head=head, creators=[a])
    ds = _close_all(r, _form_all(r, items, 2025))
    dep = r.deposit(a, org, ds[:3], note="Hồ sơ năm 2025")
    archive.accept_deposit(
        archivist,
        dep,
        returns={ds[2].pk: "Hồ sơ mật chưa có chứng từ kết thúc ký xác nhận; đề nghị hoàn thiện."},
    )
    items = r.make_plan(org, 2026, spec, drafter=a, head=head, creators=[a])
    ds = _form_all(r, items, 2026)
    r.close(ds[0])
    r.loose(
        r.u("vanthu.btc"),
        org,
        Doc("CV", "TU", "V/v rà soát tiêu chuẩn cán bộ"),
        dt.date(2026, 3, 9),
    )


def _inspection(r: Records) -> None:
    """Ủy ban Kiểm tra: nothing deposited yet (2024 overdue)."""
    org = r.org("UBKTTU")
    a, head = r.u("canbo.ubkt"), r.u("lanhdao.ubkt")
    spec = catalogue.PLANS["UBKTTU"]
    for year in (2024, 2025):
        items = r.make_plan(org, year, spec, drafter=a, head=head, creators=[a])
        _close_all(r, _form_all(r, items, year), end=YEAR_END[year])
    items = r.make_plan(org, 2026, spec, drafter=a, head=head, creators=[a])
    _form_all(r, items[:2], 2026)


def _propaganda(r: Records) -> None:
    """Ban Tuyên giáo: deposits on time."""
    org = r.org("BTGTU")
    a, head = r.u("canbo.btg"), r.u("lanhdao.btg")
    spec = catalogue.PLANS["BTGTU"]
    for year in (2024, 2025):
        items = r.make_plan(org, year, spec, drafter=a, head=head, creators=[a])
        ds = _close_all(r, _form_all(r, items, year, last=(11, 30) if year == 2025 else (12, 20)))
        archive.accept_deposit(r.u("luutru.tu"), r.deposit(a, org, ds, note=f"Hồ sơ năm {year}"))
    items = r.make_plan(org, 2026, spec, drafter=a, head=head, creators=[a])
    _form_all(r, items[:2], 2026)


def _commune(r: Records) -> None:
    """A commune: nothing deposited, one 2024 dossier never closed, loose documents."""
    org = r.org(people.COMMUNE)
    a, b, head = r.u("canbo.xa"), r.u("canbo.huyen"), r.u("lanhdao.xa")
    spec = catalogue.PLANS["COMMUNE"]
    items = r.make_plan(org, 2024, spec, drafter=a, head=head, creators=[a])
    ds = _form_all(r, items, 2024)
    _close_all(r, ds[:-1])
    items = r.make_plan(org, 2025, spec, drafter=a, head=head, creators=[a, b])
    _close_all(r, _form_all(r, items, 2025), end=YEAR_END[2025])
    items = r.make_plan(org, 2026, spec, drafter=a, head=head, creators=[a, b])
    _form_all(r, items, 2026)
    clerk = r.u("vanthu.xa")
    for doc, day in zip(
        [
            Doc("CV", "parent", "V/v nộp báo cáo tổng kết năm"),
            Doc("TB", "self", "về phân công nhiệm vụ cấp ủy viên"),
            Doc("CV", "self", "V/v tổ chức sinh hoạt chi bộ"),
        ][: 1 if r.small else 3],
        r.dates(2025, 3, first=(8, 1), last=(12, 15)),
        strict=False,
    ):
        r.loose(clerk, org, doc, day)


def _socio(r: Records) -> None:
    """Hội Liên hiệp Phụ nữ tỉnh (fonds of the Front and mass organizations)."""
    org = r.org(people.SOCIO)
    a, head = r.u("canbo.hpn"), r.u("lanhdao.hpn")
    spec = catalogue.PLANS["SOCIO"]
    items = r.make_plan(org, 2025, spec, drafter=a, head=head, creators=[a])
    _close_all(r, _form_all(r, items, 2025), end=YEAR_END[2025])
    items = r.make_plan(org, 2026, spec, drafter=a, head=head, creators=[a])
    _form_all(r, items, 2026)
