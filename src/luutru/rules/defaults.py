"""Default rule profiles from DOMAIN.md. Loaded by a data migration; the
administrator edits them afterwards. Values marked DEFAULT are shown as
"mặc định, có thể cấu hình — cần kiểm chứng", never as law — to the administrator,
from their ``evidence``: the ``legal_basis`` texts hold only the basis, because
forms and reports print them on signed documents (issue 8, item 17)."""

import datetime as dt
from typing import Any

V, P, D = "verified", "partial", "default"
# Printed on the handover record as "Căn cứ thời hạn nộp lưu …": the basis only.
DEADLINES_BASIS = "Nghị định 30/2020/NĐ-CP; Luật Lưu trữ 2024"

PROFILES: list[dict[str, Any]] = [
    # Records older than today's instruments are still appraised and deposited:
    # these earlier profiles keep the same values until someone verifies the
    # rules then in force (Party: before 36-HD/VPTW; State: NĐ 110/2004).
    {
        "code": "party-legacy",
        "name": "Cơ quan Đảng, trước 03/4/2018",
        "fonds_system": "party",
        "legal_basis": "Trước Hướng dẫn 36-HD/VPTW: áp dụng như Hướng dẫn 36-HD/VPTW",
        "evidence": D,
        "valid_from": dt.date(1930, 2, 3),
        "valid_to": dt.date(2018, 4, 2),
        "numbering_scope": "party_term",
        "secret_series": "shared",
    },
    {
        "code": "front-legacy",
        "name": "Mặt trận Tổ quốc và các đoàn thể, trước 03/4/2018",
        "fonds_system": "front",
        "legal_basis": "Áp dụng như cơ quan Đảng",
        "evidence": D,
        "valid_from": dt.date(1930, 2, 3),
        "valid_to": dt.date(2018, 4, 2),
        "numbering_scope": "party_term",
        "secret_series": "shared",
    },
    {
        "code": "state-legacy",
        "name": "Cơ quan Nhà nước, trước NĐ 30/2020/NĐ-CP",
        "fonds_system": "state",
        "legal_basis": "Nghị định 110/2004/NĐ-CP",
        "evidence": D,
        "valid_from": dt.date(1945, 9, 2),
        "valid_to": dt.date(2020, 3, 4),
        "numbering_scope": "state_annual",
        "secret_series": "separate",
    },
    {
        "code": "party-2018",
        "name": "Cơ quan Đảng (36-HD/VPTW, 270-QĐ/TW)",
        "fonds_system": "party",
        "legal_basis": "Hướng dẫn 36-HD/VPTW ngày 03/4/2018; Quy định 270-QĐ/TW ngày 06/12/2014; "
        "thời hạn nộp lưu theo Luật Lưu trữ",
        "evidence": P,
        "valid_from": dt.date(2018, 4, 3),
        "numbering_scope": "party_term",
        "secret_series": "shared",
    },
    {
        "code": "front-2018",
        "name": "Mặt trận Tổ quốc và các đoàn thể",
        "fonds_system": "front",
        "legal_basis": "Áp dụng như cơ quan Đảng",
        "evidence": D,
        "valid_from": dt.date(2018, 4, 3),
        "numbering_scope": "party_term",
        "secret_series": "shared",
    },
    {
        "code": "state-2020",
        "name": "Cơ quan Nhà nước (NĐ 30/2020/NĐ-CP)",
        "fonds_system": "state",
        "legal_basis": "Nghị định 30/2020/NĐ-CP ngày 05/3/2020",
        "evidence": V,
        "valid_from": dt.date(2020, 3, 5),
        "numbering_scope": "state_annual",
        "secret_series": "separate",
    },
]

# Values that used to be hard-coded outside ``rules`` (issue 9): the advance notice
# before a deposit deadline (30 days, ``deadlines/dates.py``), the day a year's file
# plan is due (31 January, ``compliance/profiles.py``) and the style of a number
# and symbol (Party "12-NQ/TU" or State "12/QĐ-UBND", ``registry/services.py``).
# They are profile data now; these are what a body gets where its profile says
# nothing (no profile at all) and what the existing profiles were filled with.
DEFAULT_REMINDER_DAYS = 30
DEFAULT_PLAN_DEADLINE = (1, 31)  # (month, day)
REMINDER_BASIS = "Quy chế công tác văn thư, lưu trữ của cơ quan"
PLAN_DEADLINE_BASIS = "Quy chế công tác văn thư, lưu trữ của cơ quan"


def default_number_style(fonds_system: str) -> str:
    """Party style for Party and Front bodies, State style for State bodies."""
    return "state" if fonds_system == "state" else "party"


# Per profile code: the basis and evidence of each rule the profile fixes. The
# texts hold only the basis (they can be printed); ``*_evidence`` says whether it
# was verified.
RULE_FIELDS: dict[str, dict[str, str]] = {
    "party-legacy": {
        "number_style_basis": "Như Hướng dẫn 36-HD/VPTW ngày 03/4/2018",
        "number_style_evidence": D,
    },
    "front-legacy": {
        "number_style_basis": "Như cơ quan Đảng",
        "number_style_evidence": D,
    },
    "state-legacy": {
        "number_style_basis": "Thông tư 01/2011/TT-BNV",
        "number_style_evidence": D,
    },
    "party-2018": {
        "number_style_basis": "Hướng dẫn 36-HD/VPTW ngày 03/4/2018",
        "number_style_evidence": V,
    },
    "front-2018": {
        "number_style_basis": "Như cơ quan Đảng",
        "number_style_evidence": D,
    },
    "state-2020": {
        "number_style_basis": "Nghị định 30/2020/NĐ-CP, Phụ lục I",
        "number_style_evidence": V,
    },
}


def rule_fields(code: str, fonds_system: str) -> dict[str, Any]:
    """The rule values a profile is filled with (``RULE_FIELDS`` over the defaults)."""
    return {
        "deadlines_evidence": D,
        "reminder_days": DEFAULT_REMINDER_DAYS,
        "reminder_basis": REMINDER_BASIS,
        "reminder_evidence": D,
        "plan_deadline_month": DEFAULT_PLAN_DEADLINE[0],
        "plan_deadline_day": DEFAULT_PLAN_DEADLINE[1],
        "plan_deadline_basis": PLAN_DEADLINE_BASIS,
        "plan_deadline_evidence": D,
        "number_style": default_number_style(fonds_system),
        "number_style_basis": "",
        "number_style_evidence": D,
        **RULE_FIELDS.get(code, {}),
    }


# (name, abbreviation, evidence) — 399-QĐ/TW types; abbreviations per DOMAIN.md §3.
PARTY_TYPES = [
    ("Nghị quyết", "NQ", V),
    ("Quyết định", "QĐ", V),
    ("Quy định", "QĐ", V),
    ("Chỉ thị", "CT", V),
    ("Kết luận", "KL", V),
    ("Quy chế", "QC", V),
    ("Hướng dẫn", "HD", V),
    ("Thông báo", "TB", V),
    ("Công văn", "CV", V),
    ("Bản sao", "BS", V),
    ("Báo cáo", "BC", P),
    ("Kế hoạch", "KH", P),
    ("Chương trình", "CTr", P),
    ("Tờ trình", "TTr", P),
    ("Đề án", "ĐA", P),
    ("Thông tri", "TT", P),
    ("Biên bản", "BB", D),
    ("Thông cáo", "TC", D),
    ("Tuyên bố", "TBo", D),
    ("Lời kêu gọi", "LKG", D),
    ("Quy hoạch", "QH", D),
    ("Phương án", "PA", D),
    ("Dự án", "DA", D),
    ("Giấy giới thiệu", "GGT", D),
    ("Giấy mời", "GM", D),
]
# Legal (normative) documents of State bodies: their numbers carry the year
# ("30/2020/NĐ-CP", "Luật số: 01/2011/QH13"); a law's number names no type.
STATE_LEGAL_BASIS = "Luật Ban hành văn bản quy phạm pháp luật"
STATE_LEGAL_TYPES = [
    ("Luật", "", D),
    ("Pháp lệnh", "PL", D),
    ("Nghị định", "NĐ", D),
    ("Thông tư", "TT", D),
    ("Thông tư liên tịch", "TTLT", D),
    ("Lệnh", "L", D),
]
# Further administrative types of NĐ 30/2020/NĐ-CP, Phụ lục III (to verify).
STATE_ADMIN_BASIS = "NĐ 30/2020/NĐ-CP, Phụ lục III"
STATE_MORE_TYPES = [
    ("Thông cáo", "TC", D),
    ("Chương trình", "CTr", D),
    ("Phương án", "PA", D),
    ("Đề án", "ĐA", D),
    ("Dự án", "DA", D),
    ("Công điện", "CĐ", D),
    ("Giấy mời", "GM", D),
]
STATE_TYPES = [
    ("Nghị quyết", "NQ", V),
    ("Quyết định", "QĐ", V),
    ("Chỉ thị", "CT", V),
    ("Quy chế", "QC", V),
    ("Quy định", "QyĐ", V),
    ("Thông báo", "TB", V),
    ("Hướng dẫn", "HD", V),
    ("Kế hoạch", "KH", V),
    ("Báo cáo", "BC", V),
    ("Tờ trình", "TTr", V),
    ("Biên bản", "BB", V),
    ("Công văn", "", V),
    *[(name, abbrev, ev, STATE_LEGAL_BASIS) for name, abbrev, ev in STATE_LEGAL_TYPES],
    *[(name, abbrev, ev, STATE_ADMIN_BASIS) for name, abbrev, ev in STATE_MORE_TYPES],
]

PARTY_ISSUERS = [
    ("TW", "Ban Chấp hành Trung ương", V),
    ("VPTW", "Văn phòng Trung ương Đảng", V),
    ("BTCTW", "Ban Tổ chức Trung ương", V),
    ("BCĐTW", "Ban Chỉ đạo Trung ương", V),
    ("BCĐ", "Ban Chỉ đạo", V),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", V),
    ("TU", "Tỉnh ủy", P),
    ("ĐU", "Đảng ủy", P),
    ("CB", "Chi bộ", P),
    ("VPTU", "Văn phòng Tỉnh ủy", P),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", P),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", P),
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy", D),
    ("HU", "Huyện ủy (trước 01/7/2025)", P),
    ("TXU", "Thị ủy (trước 01/7/2025)", D),
    ("TPU", "Thành ủy", D),
    # Boards and bloc committees (36-HD/VPTW writes the body, then its committee).
    ("BNCTU", "Ban Nội chính Tỉnh ủy", D),
    ("BDVTU", "Ban Dân vận Tỉnh ủy", D),
    ("ĐUK", "Đảng ủy Khối", D),
    ("ĐUKCCQ", "Đảng ủy Khối các cơ quan", D),
    ("ĐUKDN", "Đảng ủy Khối doanh nghiệp", D),
]
# Mặt trận and the organizations under it issue with their own abbreviations
# (Đoàn: `QĐ/TWĐTN-VP` ✔); the provincial forms below are defaults to verify.
FRONT_ISSUERS = [
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc", D),
    ("LĐLĐ", "Liên đoàn Lao động", D),
    ("TWĐTN", "Trung ương Đoàn TNCS Hồ Chí Minh", V),
    ("TĐTN", "Tỉnh đoàn", D),
    ("HLHPN", "Hội Liên hiệp Phụ nữ", D),
    ("HND", "Hội Nông dân", D),
    ("HCCB", "Hội Cựu chiến binh", D),
]

# (period, years, evidence, basis)
RETENTIONS = [
    ("permanent", None, V, "160-CV/TW; TT 09/2011/TT-BNV"),
    ("years", 70, D, "Chưa xác nhận cho cơ quan Đảng"),
    ("years", 50, D, "Chưa xác nhận cho cơ quan Đảng"),
    ("years", 20, V, "TT 09/2011/TT-BNV (báo cáo 6, 9 tháng)"),
    ("years", 15, V, "160-CV/TW"),
    ("years", 10, V, "160-CV/TW; TT 09/2011/TT-BNV (công văn trao đổi)"),
    ("years", 5, V, "160-CV/TW; TT 09/2011/TT-BNV (báo cáo tháng, quý)"),
    ("years", 2, D, "Hồ sơ có giá trị dưới 5 năm: không nộp lưu"),
    ("years", 1, V, "160-CV/TW"),
    ("until_lapse", None, P, "TT 10/2022/TT-BNV"),
    ("life_of_works", None, V, "TT 09/2011/TT-BNV (công trình nhóm B, C)"),
]


def load(apps: Any = None) -> None:
    """Create the default profiles where missing (idempotent)."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    RuleProfile = apps.get_model("rules", "RuleProfile")
    DocumentType = apps.get_model("rules", "DocumentType")
    IssuerAbbrev = apps.get_model("rules", "IssuerAbbrev")
    RetentionRule = apps.get_model("rules", "RetentionRule")
    # Migration 0002 runs this before the rule fields of 0004 exist.
    has_rule_fields = any(f.name == "number_style" for f in RuleProfile._meta.get_fields())
    for spec in PROFILES:
        spec = {"deadlines_basis": DEADLINES_BASIS, **spec}
        if has_rule_fields:
            spec = {**rule_fields(spec["code"], spec["fonds_system"]), **spec}
        profile, created = RuleProfile.objects.get_or_create(code=spec["code"], defaults=spec)
        if not created:
            continue
        types = STATE_TYPES if spec["fonds_system"] == "state" else PARTY_TYPES
        for name, abbrev, ev, *basis in types:
            base = (
                "399-QĐ/TW; 36-HD/VPTW" if spec["fonds_system"] != "state" else "NĐ 30/2020/NĐ-CP"
            )
            DocumentType.objects.create(
                profile=profile,
                name=name,
                abbrev=abbrev,
                evidence=ev,
                legal_basis=basis[0] if basis else base,
            )
        if spec["fonds_system"] != "state":
            issuers = PARTY_ISSUERS + (FRONT_ISSUERS if spec["fonds_system"] == "front" else [])
            for abbrev, name, ev in issuers:
                IssuerAbbrev.objects.create(profile=profile, abbrev=abbrev, name=name, evidence=ev)
        for period, years, ev, period_basis in RETENTIONS:
            RetentionRule.objects.create(
                profile=profile, period=period, years=years, evidence=ev, legal_basis=period_basis
            )
