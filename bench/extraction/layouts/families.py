"""Layout families: how each kind of organization prints each type of document.

A family fixes the organization's header (issuer lines, motto, number style,
signer roles) and the document type; within a family each document varies its
place, date, subject (one to four lines, capitals or sentence case), signer
block, stamps and fonts. ``make_doc(family, seed, index)`` is a pure function.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.extraction.layouts import vocab as V

Line = tuple[str, str, float]  # text, font key (R B I BI), size


@dataclass
class Org:
    kind: str  # party | state | front | youth | women | farmers | veterans
    lines: list[tuple[str, bool]]  # issuer lines as printed, bold or not
    parent: str
    issuer: str
    abbr: str  # issuer part of the number
    place: str
    signers: list[list[str]]  # role lines above the name ([] = a bare name)
    motto: str = "party"  # party | state | youth


@dataclass
class Doc:
    family: str
    id: str
    seed: int
    index: int
    org_kind: str
    left: list[Line] = field(default_factory=list)  # issuer block
    left_mark: str = "*"  # * | *** | rule | none
    number_line: str = ""
    vv_lines: list[str] = field(default_factory=list)
    right: list[Line] = field(default_factory=list)  # motto block
    right_rule: bool = True
    date_line: str = ""
    stamps: list[str] = field(default_factory=list)
    center: list[Line] = field(default_factory=list)
    center_rule: str = "-----"  # ----- | rule | none
    authority: list[str] = field(default_factory=list)  # under the rule: who issues it
    salutation: str = ""
    body: list[str] = field(default_factory=list)
    foot_line: str = ""
    signers: list[dict] = field(default_factory=list)  # [{roles: [...], name, note}]
    recipients: list[str] = field(default_factory=list)
    truth: dict = field(default_factory=dict)


# ---------------------------------------------------------------- helpers


def person(rng: random.Random) -> str:
    parts = [rng.choice(V.SURNAMES), rng.choice(V.MIDDLES)]
    if rng.random() < 0.25:
        parts.append(rng.choice(V.MIDDLES))
    return " ".join([*parts, rng.choice(V.GIVENS)])


def day(rng: random.Random) -> dt.date:
    return dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 9))


def date_line(rng: random.Random, place: str, d: dt.date) -> str:
    style = rng.random()
    if style < 0.7:  # NĐ 30: a zero before days < 10 and months 1-2
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"
    if style < 0.9:
        return f"{place}, ngày {d.day} tháng {d.month} năm {d.year}"
    return f"{place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def wrap_words(text: str, n_lines: int) -> list[str]:
    """Cut ``text`` into ``n_lines`` lines of about equal length, at spaces."""
    words = text.split()
    n_lines = max(1, min(n_lines, len(words)))
    total = sum(len(w) + 1 for w in words)
    lines, cur, target = [], [], total / n_lines
    for w in words:
        cur.append(w)
        if len(lines) < n_lines - 1 and sum(len(x) + 1 for x in cur) >= target:
            lines.append(" ".join(cur))
            cur = []
    if cur:
        lines.append(" ".join(cur))
    return lines


def topic(rng: random.Random) -> str:
    return rng.choice(V.TOPICS)


def sentence_subject(rng: random.Random, type_name: str, year: int) -> str:
    """A subject as offices word them for ``type_name`` (sentence case)."""
    t = topic(rng)
    r = rng.random()
    if r < 0.15:
        return rng.choice(V.BODYLIKE_TOPICS) + rng.choice(
            ["", f" năm {year}", " trong thời gian tới"]
        )
    lead = {
        "Nghị quyết": ["về", "về lãnh đạo", "về tăng cường lãnh đạo"],
        "Quyết định": ["về việc thành lập Ban Chỉ đạo", "về việc ban hành Quy chế", "về"],
        "Chỉ thị": ["về tăng cường sự lãnh đạo của Đảng đối với", "về"],
        "Kết luận": ["về tiếp tục thực hiện", "về"],
        "Quy chế": ["làm việc của", "phối hợp về"],
        "Quy định": ["về", "về trách nhiệm thực hiện"],
        "Thông báo": ["kết luận của Thường trực về", "ý kiến về", "về"],
        "Hướng dẫn": ["thực hiện", "về", "một số nội dung về"],
        "Báo cáo": ["kết quả", "sơ kết", "tổng kết", "tình hình"],
        "Kế hoạch": ["tổ chức", "triển khai", "kiểm tra", "thực hiện"],
        "Chương trình": ["hành động về", "công tác năm " + str(year) + " về"],
        "Tờ trình": ["về việc đề nghị phê duyệt", "đề nghị"],
        "Biên bản": ["Hội nghị về", "họp bàn về"],
        "Đề án": ["nâng cao hiệu quả", "về"],
        "Thông tri": ["về"],
    }.get(type_name, ["về"])
    text = f"{rng.choice(lead)} {t}"
    if rng.random() < 0.3:
        text += rng.choice(
            [f" năm {year}", " giai đoạn 2021 - 2025", " trên địa bàn", " đến năm 2030"]
        )
    return text


def name_subject(rng: random.Random) -> tuple[str, int]:
    """A subject that wraps onto a line starting with a person's name."""
    who = person(rng)
    lead = rng.choice(
        [
            "về việc chuẩn y kết quả bầu cử đồng chí",
            "về việc điều động, bổ nhiệm đồng chí",
            "về việc khen thưởng đồng chí",
            "về việc cho thôi giữ chức vụ đối với đồng chí",
        ]
    )
    tail = rng.choice(["", " giữ chức Phó Bí thư", " nhiệm kỳ 2020 - 2025", " công tác tại cơ sở"])
    return f"{lead} {who}{tail}", len(lead)


# ---------------------------------------------------------------- organizations


def o_tw(rng):
    return Org("party", [("BAN CHẤP HÀNH TRUNG ƯƠNG", True)], "", "BAN CHẤP HÀNH TRUNG ƯƠNG", "TW",
               "Hà Nội", [["T/M BỘ CHÍNH TRỊ"], ["T/M BAN BÍ THƯ"], ["T/M BAN CHẤP HÀNH TRUNG ƯƠNG"]])  # fmt: skip


def o_vptw(rng):
    return Org("party", [("BAN CHẤP HÀNH TRUNG ƯƠNG", False), ("VĂN PHÒNG", True)], "BAN CHẤP HÀNH TRUNG ƯƠNG",
               "VĂN PHÒNG", "VPTW", "Hà Nội", [["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], ["CHÁNH VĂN PHÒNG"]])  # fmt: skip


def _prov(rng):
    pu, pt, city = rng.choice(V.PROVINCES)
    return pu, rng.choice([pt, city])


def o_tu(rng):
    pu, place = _prov(rng)
    return Org("party", [(f"TỈNH ỦY {pu}", True)], "", f"TỈNH ỦY {pu}", "TU", place,
               [["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["K/T BÍ THƯ", "PHÓ BÍ THƯ"],
                ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], ["T/M TỈNH ỦY", "BÍ THƯ"]])  # fmt: skip


def o_tu_ban(rng):
    pu, place = _prov(rng)
    body, abbr, roles = rng.choice([
        ("BAN TỔ CHỨC", "BTCTU", [["TRƯỞNG BAN"], ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], ["Q. TRƯỞNG BAN"]]),
        ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTU", [["TRƯỞNG BAN"], ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]]),
        ("BAN NỘI CHÍNH", "BNCTU", [["TRƯỞNG BAN"], ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]]),
        ("VĂN PHÒNG", "VPTU", [["CHÁNH VĂN PHÒNG"], ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]]),
        ("ỦY BAN KIỂM TRA", "UBKTTU", [["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"], ["K/T CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]]),
        ("TRƯỜNG CHÍNH TRỊ", "TCT", [["HIỆU TRƯỞNG"], ["K/T HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]]),
    ])  # fmt: skip
    return Org(
        "party", [(f"TỈNH ỦY {pu}", False), (body, True)], f"TỈNH ỦY {pu}", body, abbr, place, roles
    )


def o_huyen(rng):
    pu, _ = _prov(rng)
    du, dt_ = rng.choice(V.DISTRICTS)
    word, abbr = rng.choice([("HUYỆN ỦY", "HU"), ("THỊ ỦY", "TU"), ("THÀNH ỦY", "TU")])
    return Org("party", [(f"ĐẢNG BỘ TỈNH {pu}", False), (f"{word} {du}", True)], f"ĐẢNG BỘ TỈNH {pu}",
               f"{word} {du}", abbr, dt_, [["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], ["K/T BÍ THƯ", "PHÓ BÍ THƯ"], []])  # fmt: skip


def o_xa(rng):
    du, _ = rng.choice(V.DISTRICTS)
    cu, ct = rng.choice(V.COMMUNES)
    word = rng.choice(["XÃ", "PHƯỜNG", "THỊ TRẤN"])
    parent = rng.choice([f"ĐẢNG BỘ HUYỆN {du}", f"HUYỆN ỦY {du}"])
    return Org("party", [(parent, False), (f"ĐẢNG ỦY {word} {cu}", True)], parent, f"ĐẢNG ỦY {word} {cu}", "ĐU",
               ct, [["T/M ĐẢNG ỦY", "BÍ THƯ"], ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["K/T BÍ THƯ", "PHÓ BÍ THƯ"], []])  # fmt: skip


def o_chibo(rng):
    cu, ct = rng.choice(V.COMMUNES)
    cell = rng.choice([f"CHI BỘ {h}" for h in V.HAMLETS] + [f"CHI BỘ {s}" for s in V.SCHOOLS])
    parent = f"ĐẢNG BỘ XÃ {cu}"
    return Org("party", [(parent, False), (cell, True)], parent, cell, "CB", ct,
               [["T/M CHI BỘ", "BÍ THƯ"], ["T/M CHI ỦY", "PHÓ BÍ THƯ"], []])  # fmt: skip


def o_khoi3(rng):
    """Three lines: a parent and an issuer printed over two lines."""
    pu, place = _prov(rng)
    a, b, abbr = rng.choice([
        ("ĐẢNG ỦY CÁC CƠ QUAN", "ĐẢNG TỈNH", "ĐUK"), ("ĐẢNG ỦY KHỐI", "DOANH NGHIỆP TỈNH", "ĐUK"),
        ("ĐẢNG ỦY QUÂN SỰ", "TỈNH", "ĐU"), ("ĐẢNG ỦY CÔNG AN", "TỈNH", "ĐU"),
    ])  # fmt: skip
    return Org("party", [(f"ĐẢNG BỘ TỈNH {pu}", False), (a, True), (b, True)], f"ĐẢNG BỘ TỈNH {pu}",
               f"{a} {b}", abbr, place, [["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], ["K/T BÍ THƯ", "PHÓ BÍ THƯ"]])  # fmt: skip


def o_qh(rng):
    return Org(
        "state", [("QUỐC HỘI", True)], "", "QUỐC HỘI", "QH", "", [["CHỦ TỊCH QUỐC HỘI"]], "state"
    )


def o_ubtvqh(rng):
    return Org("state", [("ỦY BAN THƯỜNG VỤ QUỐC HỘI", True)], "", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "UBTVQH",
               "Hà Nội", [["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH"]], "state")  # fmt: skip


def o_cp(rng):
    return Org("state", [("CHÍNH PHỦ", True)], "", "CHÍNH PHỦ", "CP", "Hà Nội",
               [["TM. CHÍNH PHỦ", "THỦ TƯỚNG"], ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]], "state")  # fmt: skip


def o_ttg(rng):
    return Org("state", [("THỦ TƯỚNG CHÍNH PHỦ", True)], "", "THỦ TƯỚNG CHÍNH PHỦ", "TTg", "Hà Nội",
               [["THỦ TƯỚNG"], ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]], "state")  # fmt: skip


MINISTRIES = [("BỘ NỘI VỤ", "BNV"), ("BỘ TÀI CHÍNH", "BTC"), ("BỘ Y TẾ", "BYT"), ("BỘ TƯ PHÁP", "BTP"),
              ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BGDĐT"), ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "BNNMT")]  # fmt: skip


def o_bo(rng):
    name, abbr = rng.choice(MINISTRIES)
    return Org("state", [(name, True)], "", name, abbr, "Hà Nội",
               [["BỘ TRƯỞNG"], ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], ["TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG"]], "state")  # fmt: skip


def o_cuc(rng):
    name, abbr, unit = rng.choice([
        ("CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", "VTLTNN", "NVTW"), ("CỤC QUẢN LÝ KHÁM, CHỮA BỆNH", "KCB", "NV"),
        ("TỔNG CỤC THUẾ", "TCT", "KK"),
    ])  # fmt: skip
    parent = {"VTLTNN": "BỘ NỘI VỤ", "KCB": "BỘ Y TẾ", "TCT": "BỘ TÀI CHÍNH"}[abbr]
    lines = [(parent, False), *[(x, True) for x in _maybe_two(rng, name)]]
    return Org("state", lines, parent, name, f"{abbr}-{unit}", "Hà Nội",
               [["CỤC TRƯỞNG"], ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"], ["TUQ. CỤC TRƯỞNG", "CHÁNH VĂN PHÒNG"]], "state")  # fmt: skip


def _maybe_two(rng, name: str) -> list[str]:
    words = name.split()
    if len(words) >= 6 and rng.random() < 0.6:
        return wrap_words(name, 2)
    return [name]


def o_ubnd(rng, level="tỉnh"):
    pu, place = _prov(rng)
    if level == "tỉnh":
        unit = f"TỈNH {pu}"
    elif level == "huyện":
        du, place = rng.choice(V.DISTRICTS)
        unit = f"HUYỆN {du}"
    else:
        cu, place = rng.choice(V.COMMUNES)
        unit = f"XÃ {cu}"
    if rng.random() < 0.75:
        lines = [("ỦY BAN NHÂN DÂN", True), (unit, True)]
        name = f"ỦY BAN NHÂN DÂN {unit}"
    else:
        lines = [(f"ỦY BAN NHÂN DÂN {unit}", True)]
        name = f"ỦY BAN NHÂN DÂN {unit}"
    return Org("state", lines, "", name, "UBND", place,
               [["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], ["Q. CHỦ TỊCH"]], "state")  # fmt: skip


def o_hdnd(rng):
    pu, place = _prov(rng)
    return Org("state", [("HỘI ĐỒNG NHÂN DÂN", True), (f"TỈNH {pu}", True)], "", f"HỘI ĐỒNG NHÂN DÂN TỈNH {pu}",
               "HĐND", place, [["CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]], "state")  # fmt: skip


def o_so(rng):
    pu, place = _prov(rng)
    so, abbr = rng.choice([("SỞ NỘI VỤ", "SNV"), ("SỞ TÀI CHÍNH", "STC"), ("SỞ Y TẾ", "SYT"),
                           ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SVHTTDL"), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT")])  # fmt: skip
    parent = rng.choice([f"UBND TỈNH {pu}", f"ỦY BAN NHÂN DÂN TỈNH {pu}"])
    return Org("state", [(parent, False), (so, True)], parent, so, abbr, place,
               [["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], ["Q. GIÁM ĐỐC"], []], "state")  # fmt: skip


def o_front_tinh(rng):
    pu, place = _prov(rng)
    head = rng.choice(["ỦY BAN MTTQ VIỆT NAM", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"])
    return Org("front", [(head, False), (f"TỈNH {pu}", False), ("BAN THƯỜNG TRỰC", True)], f"{head} TỈNH {pu}",
               "BAN THƯỜNG TRỰC", "MTTQ-BTT", place,
               [["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]], "state")  # fmt: skip


def o_front_tw(rng):
    return Org("front", [("ỦY BAN TRUNG ƯƠNG", True), ("MẶT TRẬN TỔ QUỐC VIỆT NAM", True)], "",
               "ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM", "MTTW-BTT", "Hà Nội",
               [["TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH"], ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]], "state")  # fmt: skip


def o_youth_tw(rng):
    return Org("youth", [("BAN CHẤP HÀNH TRUNG ƯƠNG", False), ("ĐOÀN TNCS HỒ CHÍ MINH", True)],
               "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐOÀN TNCS HỒ CHÍ MINH", "TWĐTN", "Hà Nội",
               [["TM. BAN BÍ THƯ", "BÍ THƯ"], ["TL. BAN BÍ THƯ", "CHÁNH VĂN PHÒNG"], ["K/T BÍ THƯ THỨ NHẤT", "BÍ THƯ"]],
               "youth")  # fmt: skip


def o_youth_tinh(rng):
    pu, place = _prov(rng)
    name = rng.choice([f"BCH ĐOÀN TỈNH {pu}", f"TỈNH ĐOÀN {pu}"])
    return Org("youth", [(name, True)], "", name, "TĐTN", place,
               [["TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", "BÍ THƯ"], ["K/T BÍ THƯ", "PHÓ BÍ THƯ"], ["BÍ THƯ"]], "youth")  # fmt: skip


def o_women(rng, level):
    if level == "tw":
        return Org("women", [("HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", False), ("ĐOÀN CHỦ TỊCH", True)],
                   "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", "ĐOÀN CHỦ TỊCH", "ĐCT", "Hà Nội",
                   [["TM. ĐOÀN CHỦ TỊCH", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]], "state")  # fmt: skip
    pu, place = _prov(rng)
    return Org("women", [("HỘI LHPN VIỆT NAM", False), (f"BCH HỘI LHPN TỈNH {pu}", True)], "HỘI LHPN VIỆT NAM",
               f"BCH HỘI LHPN TỈNH {pu}", "HPN", place,
               [["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], []], "state")  # fmt: skip


def o_farmers(rng):
    pu, place = _prov(rng)
    return Org("farmers", [("HỘI NÔNG DÂN VIỆT NAM", False), (f"BCH HỘI NÔNG DÂN TỈNH {pu}", True)],
               "HỘI NÔNG DÂN VIỆT NAM", f"BCH HỘI NÔNG DÂN TỈNH {pu}", "HNDT", place,
               [["T/M BAN THƯỜNG VỤ", "CHỦ TỊCH"], ["K/T CHỦ TỊCH", "PHÓ CHỦ TỊCH"]], "party")  # fmt: skip


def o_veterans(rng, level):
    pu, place = _prov(rng)
    if level == "tinh":
        return Org("veterans", [("HỘI CỰU CHIẾN BINH VIỆT NAM", False), (f"HỘI CCB TỈNH {pu}", True)],
                   "HỘI CỰU CHIẾN BINH VIỆT NAM", f"HỘI CCB TỈNH {pu}", "CCB", place,
                   [["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]], "state")  # fmt: skip
    du, place = rng.choice(V.DISTRICTS)
    return Org("veterans", [(f"HỘI CCB TỈNH {pu}", False), (f"HỘI CCB HUYỆN {du}", True)], f"HỘI CCB TỈNH {pu}",
               f"HỘI CCB HUYỆN {du}", "CCB", place, [["TM. BAN CHẤP HÀNH", "CHỦ TỊCH"], []], "state")  # fmt: skip


# ---------------------------------------------------------------- number styles


def num_party(rng, n, t, org):  # Số 12-NQ/TU
    return rng.choice(["Số ", "Số: "]), f"{n}-{t}/{org.abbr}"


def num_state(rng, n, t, org):  # Số: 125/QĐ-UBND
    sym = f"{n}/{t}-{org.abbr}" if t else f"{n}/{org.abbr}-{rng.choice(['VP', 'TH', 'KGVX', 'NC'])}"
    return "Số: ", sym


def num_state_year(rng, n, t, org, year):  # Số: 30/2020/NĐ-CP
    return "Số: ", f"{n}/{year}/{t}-{org.abbr}"


def num_youth(rng, n, t, org, space=False):  # Số: 123-KH/TWĐTN-VP, or a space for the dash
    unit = rng.choice(["VP", "BTC", "BTG", "TNNT"])
    return "Số: ", (f"{n} {t}/{org.abbr}-{unit}" if space else f"{n}-{t}/{org.abbr}-{unit}")


# ---------------------------------------------------------------- families

Spec = dict  # a family: org maker, type, number style, subject style


def _f(org: Callable, type_name: str, abbr: str, number="party", subject="sentence", **kw) -> Spec:
    return {"org": org, "type": type_name, "abbr": abbr, "number": number, "subject": subject, **kw}


FAMILIES: dict[str, Spec] = {
    # Party, central
    "party-tw-nghiquyet-caps": _f(o_tw, "Nghị quyết", "NQ", subject="caps"),
    "party-tw-quydinh-caps": _f(o_tw, "Quy định", "QĐ", subject="caps"),
    "party-tw-chithi": _f(o_tw, "Chỉ thị", "CT"),
    "party-tw-ketluan-bct": _f(o_tw, "Kết luận", "KL", type_line="KẾT LUẬN CỦA BỘ CHÍNH TRỊ"),
    "party-vptw-huongdan": _f(o_vptw, "Hướng dẫn", "HD"),
    "party-vptw-congvan": _f(o_vptw, "Công văn", "CV", subject="vv"),
    # Party, province
    "party-tu-nghiquyet": _f(o_tu, "Nghị quyết", "NQ"),
    "party-tu-quyetdinh": _f(o_tu, "Quyết định", "QĐ"),
    "party-tu-quyetdinh-name": _f(o_tu, "Quyết định", "QĐ", subject="name"),
    "party-tu-quydinh-caps": _f(o_tu, "Quy định", "QĐ", subject="caps"),
    "party-tu-quyche": _f(o_tu, "Quy chế", "QC"),
    "party-tu-chithi": _f(o_tu, "Chỉ thị", "CT"),
    "party-tu-ketluan": _f(o_tu, "Kết luận", "KL"),
    "party-tu-thongbao": _f(o_tu, "Thông báo", "TB"),
    "party-tu-kehoach": _f(o_tu, "Kế hoạch", "KH"),
    "party-tu-chuongtrinh": _f(o_tu, "Chương trình", "CTr"),
    "party-tu-congvan": _f(o_tu, "Công văn", "CV", subject="vv"),
    "party-ban-huongdan": _f(o_tu_ban, "Hướng dẫn", "HD"),
    "party-ban-baocao": _f(o_tu_ban, "Báo cáo", "BC"),
    "party-ban-totrinh": _f(o_tu_ban, "Tờ trình", "TTr"),
    "party-ban-dean": _f(o_tu_ban, "Đề án", "ĐA"),
    # Party, district, commune, cell
    "party-huyen-bienban": _f(o_huyen, "Biên bản", "BB"),
    "party-huyen-thongtri": _f(o_huyen, "Thông tri", "TT"),
    "party-huyen-kehoach-noabbr": _f(o_huyen, "Kế hoạch", "KH", number="noabbr"),
    "party-xa-nghiquyet": _f(o_xa, "Nghị quyết", "NQ"),
    "party-xa-baocao": _f(o_xa, "Báo cáo", "BC"),
    "party-chibo-nghiquyet": _f(o_chibo, "Nghị quyết", "NQ"),
    "party-chibo-bienban-bare": _f(o_chibo, "Biên bản", "BB", number="bare"),
    "party-dangbo-khoi-3line-nghiquyet": _f(o_khoi3, "Nghị quyết", "NQ"),
    "party-dangbo-khoi-3line-quyetdinh": _f(o_khoi3, "Quyết định", "QĐ", subject="name"),
    # State
    "state-qh-luat": _f(o_qh, "Luật", "", number="law", subject="law"),
    "state-ubtvqh-phaplenh": _f(o_ubtvqh, "Pháp lệnh", "", number="ordinance", subject="ordinance"),
    "state-cp-nghidinh": _f(o_cp, "Nghị định", "NĐ", number="year", subject="decree"),
    "state-bo-thongtu": _f(o_bo, "Thông tư", "TT", number="year", subject="circular"),
    "state-ttlt-thongtu": _f(o_bo, "Thông tư liên tịch", "TTLT", number="ttlt", subject="circular"),
    "state-ttg-quyetdinh": _f(o_ttg, "Quyết định", "QĐ", number="state"),
    "state-ttg-chithi": _f(o_ttg, "Chỉ thị", "CT", number="state"),
    "state-cuc-congvan": _f(o_cuc, "Công văn", "", number="cuc", subject="vv"),
    "state-bo-congvan": _f(o_bo, "Công văn", "", number="state", subject="vv"),
    "state-hdnd-nghiquyet-year": _f(o_hdnd, "Nghị quyết", "NQ", number="year"),
    "state-ubnd-tinh-quyetdinh": _f(o_ubnd, "Quyết định", "QĐ", number="state"),
    "state-ubnd-tinh-quyetdinh-year": _f(o_ubnd, "Quyết định", "QĐ", number="year"),
    "state-ubnd-tinh-congvan": _f(o_ubnd, "Công văn", "", number="state", subject="vv"),
    "state-ubnd-tinh-kehoach": _f(o_ubnd, "Kế hoạch", "KH", number="state"),
    "state-ubnd-huyen-thongbao": _f(
        lambda r: o_ubnd(r, "huyện"), "Thông báo", "TB", number="state"
    ),
    "state-ubnd-xa-baocao": _f(lambda r: o_ubnd(r, "xã"), "Báo cáo", "BC", number="state"),
    "state-ubnd-xa-totrinh": _f(lambda r: o_ubnd(r, "xã"), "Tờ trình", "TTr", number="state"),
    "state-so-congvan": _f(o_so, "Công văn", "", number="state", subject="vv"),
    "state-so-kehoach": _f(o_so, "Kế hoạch", "KH", number="state"),
    "state-so-quyetdinh-name": _f(o_so, "Quyết định", "QĐ", number="state", subject="name"),
    # Fatherland Front and mass organizations
    "front-tinh-congvan": _f(o_front_tinh, "Công văn", "", number="state", subject="vv"),
    "front-tinh-kehoach": _f(o_front_tinh, "Kế hoạch", "KH", number="state"),
    "front-tw-thongbao": _f(o_front_tw, "Thông báo", "TB", number="state"),
    "youth-tw-kehoach": _f(o_youth_tw, "Kế hoạch", "KH", number="youth"),
    "youth-tw-chuongtrinh-space": _f(o_youth_tw, "Chương trình", "CTr", number="youth-space"),
    "youth-tinh-congvan": _f(o_youth_tinh, "Công văn", "CV", number="youth", subject="vv"),
    "youth-tinh-baocao": _f(o_youth_tinh, "Báo cáo", "BC", number="youth"),
    "women-tw-huongdan": _f(lambda r: o_women(r, "tw"), "Hướng dẫn", "HD", number="state"),
    "women-tinh-kehoach": _f(lambda r: o_women(r, "tinh"), "Kế hoạch", "KH", number="state"),
    "farmers-tinh-thongbao": _f(o_farmers, "Thông báo", "TB"),
    "farmers-tinh-congvan": _f(o_farmers, "Công văn", "CV", subject="vv"),
    "veterans-tinh-kehoach": _f(lambda r: o_veterans(r, "tinh"), "Kế hoạch", "KH", number="state"),
    "veterans-huyen-baocao": _f(lambda r: o_veterans(r, "huyen"), "Báo cáo", "BC", number="state"),
}

STATE_ABBR_ROMAN = {"Luật": "QH", "Pháp lệnh": "UBTVQH"}


def _number(rng, spec, org, d: dt.date) -> tuple[str, str]:
    """(the printed prefix, the number as printed after it)."""
    n = rng.choice([rng.randint(1, 99), rng.randint(1, 999), rng.randint(100, 3999)])
    if rng.random() < 0.25:
        n = f"{rng.randint(1, 9):02d}"
    t = spec["abbr"]
    style = spec["number"]
    if style == "party":
        return num_party(rng, n, t, org)
    if style == "state":
        return num_state(rng, n, t, org)
    if style == "year":
        return num_state_year(rng, n, t, org, d.year)
    if style == "ttlt":
        return "Số: ", f"{n}/{d.year}/TTLT-{org.abbr}"
    if style == "cuc":
        return "Số: ", f"{n}/{org.abbr}"
    if style == "law":
        k = 13 + (d.year - 2011) // 5
        return "Luật số: ", f"{int(n) % 60 or 1:02d}/{d.year}/QH{k}"
    if style == "ordinance":
        k = 13 + (d.year - 2011) // 5
        return "Pháp lệnh số: ", f"{int(n) % 20 or 1:02d}/{d.year}/UBTVQH{k}"
    if style == "youth":
        return num_youth(rng, n, t, org)
    if style == "youth-space":
        return num_youth(rng, n, t, org, space=True)
    if style == "noabbr":
        return rng.choice(["Số ", "Số: "]), f"{n}-{t}"
    if style == "bare":
        return rng.choice(["Số ", "Số: "]), f"{n}"
    raise ValueError(style)


def family_names() -> list[str]:
    return list(FAMILIES)


def make_doc(family: str, seed: int, index: int) -> Doc:
    rng = random.Random(f"{family}/{seed}/{index}")
    spec = FAMILIES[family]
    org: Org = spec["org"](rng)
    type_name: str = spec["type"]
    d = day(rng)
    if spec["number"] == "ttlt":  # two ministries issue it together, on one line
        other, other_abbr = rng.choice([m for m in MINISTRIES if m[1] != org.abbr])
        org.lines = [(f"{org.issuer} - {other}", True)]
        org.issuer = f"{org.issuer} - {other}"
        org.abbr = f"{org.abbr}-{other_abbr}"
    doc = Doc(
        family=family, id=f"{family}--{seed}-{index:04d}", seed=seed, index=index, org_kind=org.kind
    )

    # issuer block
    doc.left = [
        (text, "B" if bold else "R", 12.5 if not bold else 12.5) for text, bold in org.lines
    ]
    if org.motto == "state":
        doc.left_mark = "rule"
    elif org.motto == "youth":
        doc.left_mark = rng.choice(["***", "---oOo---"])
    else:
        doc.left_mark = "*"
    # motto
    if org.motto == "party":
        doc.right = [(V.PARTY_MOTTO, "B", 13.5)]
    elif org.motto == "youth":
        doc.right = [("ĐOÀN TNCS HỒ CHÍ MINH", "B", 13.5)]
    else:
        doc.right = [(V.STATE_MOTTO[0], "B", 12.5), (V.STATE_MOTTO[1], "B", 13.5)]
    prefix, symbol = _number(rng, spec, org, d)
    doc.number_line = prefix + symbol

    # place and date: laws and ordinances carry only a passing date at the foot
    place = org.place
    if spec["number"] in ("law", "ordinance"):
        place = ""
        doc.date_line = ""
        body_name = "Quốc hội" if spec["number"] == "law" else "Ủy ban Thường vụ Quốc hội"
        doc.foot_line = (
            f"{spec['type']} này đã được {body_name} nước Cộng hòa xã hội chủ nghĩa Việt Nam thông qua "
            f"ngày {d.day} tháng {d.month} năm {d.year}."
        )
    else:
        doc.date_line = date_line(rng, place, d)

    # subject
    style = spec["subject"]
    type_line = spec.get("type_line", type_name.upper())
    title_lines: list[str] = []
    if style == "vv":
        text = sentence_subject(rng, "Công văn", d.year).removeprefix("về ")
        subject = "V/v " + text[0].lower() + text[1:]
        doc.vv_lines = wrap_words(subject, rng.choice([1, 2, 2, 3]))
        title_lines = doc.vv_lines
        doc.salutation = "Kính gửi: " + rng.choice(
            ["Các cơ quan, đơn vị trực thuộc", "Các huyện ủy, thị ủy, thành ủy", "Ủy ban nhân dân các xã, phường",
             "Các sở, ban, ngành", "Các đồng chí Ủy viên Ban Thường vụ"]
        )  # fmt: skip
    elif style == "caps":
        title_lines = wrap_words(rng.choice(V.CAPITAL_TOPICS), rng.choice([1, 2, 2, 3]))
    elif style == "law":
        title_lines = [rng.choice(V.LAW_TITLES)]
    elif style == "ordinance":
        title_lines = [rng.choice(V.ORDINANCE_TITLES)]
    elif style == "decree":
        title_lines = wrap_words(rng.choice(V.DECREE_TITLES), rng.choice([1, 2]))
    elif style == "circular":
        title_lines = wrap_words(rng.choice(V.CIRCULAR_TITLES), rng.choice([1, 2]))
    elif style == "name":
        text, cut = name_subject(rng)
        title_lines = [
            text[:cut].strip(),
            text[cut:].strip(),
        ]  # the second line starts with the name
    else:
        text = sentence_subject(rng, type_name, d.year)
        if org.motto == "state":
            text = text[0].upper() + text[1:]  # State subjects begin with a capital
        title_lines = wrap_words(text, rng.choice([1, 1, 2, 2, 3, 4]) if len(text) > 40 else 1)
    if style != "vv":
        size = 14 if len(title_lines) < 4 else 13
        doc.center = [(type_line, "B", 15)]
        if style == "caps":
            doc.center += [(x, "B", 14) for x in title_lines]
        else:
            doc.center += [(x, "B", size) for x in title_lines]
        doc.center_rule = "-----" if org.motto != "state" else rng.choice(["rule", "rule", "none"])
    title = " ".join(title_lines)

    # stamps
    secrecy = rng.choices(V.SECRECY, weights=[75, 15, 7, 3])[0]
    urgency = rng.choices(V.URGENCY, weights=[75, 15, 6, 4])[0]
    doc.stamps = [s for s in (secrecy, urgency) if s]
    if spec["number"] in ("law", "ordinance"):
        doc.stamps, secrecy, urgency = [], "", ""

    # body, signer, recipients
    doc.body = rng.sample(V.BODY, k=rng.randint(2, 4))
    roles = list(rng.choice(org.signers))
    if rng.random() < 0.12:
        roles = []  # a bare name
    name = person(rng)
    note = rng.choice(["", "", "(Đã ký)", "(đã ký)", "scribble", "scribble"])
    doc.signers = [{"roles": roles, "name": name, "note": note}]
    if spec["number"] == "ttlt":
        doc.signers.insert(
            0, {"roles": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "name": person(rng), "note": note}
        )
        name = doc.signers[0]["name"]  # the first signer in reading order
    if type_name == "Biên bản":
        doc.signers.insert(0, {"roles": ["THƯ KÝ"], "name": person(rng), "note": note})
        doc.signers[1]["roles"] = ["CHỦ TRÌ"] if roles else []
        name = doc.signers[1]["name"]  # the chair signs for the meeting
    doc.recipients = ["Nơi nhận:", "- Như trên,", "- Lưu Văn phòng."] if org.motto != "state" else [
        "Nơi nhận:", "- Như trên;", "- Lưu: VT."]  # fmt: skip

    doc.truth = {
        "number_symbol": symbol,
        "doc_type": type_name,
        "issuer": org.issuer,
        "issuer_parent": org.parent,
        "place": place,
        "date": d.isoformat(),
        "title": title,
        "signer": name,
        "secrecy": V.SECRECY_WORDS[secrecy],
        "urgency": V.URGENCY_WORDS[urgency],
    }
    return doc


def long_plan(doc: Doc) -> dict:
    """The same document as most run: past its first page, with section headings
    and more body, 3-15 recipients, and (seven in ten) something attached after
    the signature, as offices attach it: a list of people (``DANH SÁCH`` …
    ``(Kèm theo …)``, a table), or a form with its own motto and blank signature
    blocks (NĐ 30/2020 and 36-HD/VPTW forms). Its own generator, so ``ID.pdf`` is
    unchanged."""
    rng = random.Random(f"long/{doc.id}")
    more: list[tuple[str, str]] = []
    for head in rng.sample(V.SECTIONS, k=rng.randint(3, 4)):
        more.append(("head", head))
        more += [("para", p) for p in rng.choices(V.MORE_BODY + V.BODY, k=rng.randint(3, 6))]
    kind = rng.choices(["none", "list", "form"], weights=[30, 40, 30])[0]
    # Who receives it: a long list, as documents sent across a province carry.
    end = "," if doc.org_kind != "state" else ";"
    keep = doc.recipients[-1] if len(doc.recipients) > 1 else ""
    sent = [f"- {r}{end}" for r in rng.sample(V.RECIPIENTS, k=rng.randint(2, 14))]
    appendix: dict = {"kind": kind}
    truth = doc.truth
    if kind == "list":
        d = dt.date.fromisoformat(truth["date"])
        appendix.update(
            label=rng.choice(["PHỤ LỤC", "PHỤ LỤC I", "Phụ lục", ""]),
            title=rng.choice(V.LIST_TITLES),
            ref=f"(Kèm theo {truth['doc_type']} số {truth['number_symbol']} ngày "
            f"{d:%d/%m/%Y} của {truth['issuer']})",
            rows=[
                (
                    ("Đồng chí " if rng.random() < 0.4 else "") + person(rng),
                    rng.choice(V.LIST_ROLES),
                )
                for _ in range(rng.randint(8, 30))
            ],
        )
    elif kind == "form":
        appendix.update(
            label=f"Mẫu số {rng.randint(1, 9):02d}",
            motto=[V.PARTY_MOTTO] if doc.org_kind == "party" else list(V.STATE_MOTTO),
            title=rng.choice(V.FORM_TITLES),
            signers=rng.choice(V.FORM_SIGNERS),
            lines=rng.randint(4, 9),
        )
    return {"more": more, "appendix": appendix, "recipients": ["Nơi nhận:", *sent, keep]}
