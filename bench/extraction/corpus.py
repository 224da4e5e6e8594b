"""A labelled corpus of Party, Front and State documents for the extraction benchmark.

Each document is drawn from random metadata (seeded, so a run is repeatable),
rendered three ways — a born-digital PDF (reportlab, DejaVu fonts), a DOCX
(python-docx, header and signature in tables as offices type them) and a
200-dpi scan (the PDF rasterized, skewed up to 2°, noise, blur, JPEG
artefacts) — and labelled with a JSON file beside it.

    .venv/bin/python -m bench.extraction.corpus OUT_DIR [--docs 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "R": "DejaVuSerif.ttf",
    "B": "DejaVuSerif-Bold.ttf",
    "I": "DejaVuSerif-Italic.ttf",
    "BI": "DejaVuSerif-BoldItalic.ttf",
}
DPI = 200

# ---------------------------------------------------------------- data banks

PROVINCES = [
    ("QUẢNG NINH", "Quảng Ninh", "Hạ Long"),
    ("THÁI BÌNH", "Thái Bình", "Thái Bình"),
    ("NGHỆ AN", "Nghệ An", "Vinh"),
    ("LÂM ĐỒNG", "Lâm Đồng", "Đà Lạt"),
    ("HÀ TĨNH", "Hà Tĩnh", "Hà Tĩnh"),
    ("ĐẮK LẮK", "Đắk Lắk", "Buôn Ma Thuột"),
    ("BẮC NINH", "Bắc Ninh", "Bắc Ninh"),
    ("CÀ MAU", "Cà Mau", "Cà Mau"),
    ("KHÁNH HÒA", "Khánh Hòa", "Nha Trang"),
    ("ĐIỆN BIÊN", "Điện Biên", "Điện Biên Phủ"),
    ("HẢI DƯƠNG", "Hải Dương", "Hải Dương"),
    ("TUYÊN QUANG", "Tuyên Quang", "Tuyên Quang"),
]
DISTRICTS = [
    ("TIÊN YÊN", "Tiên Yên"), ("ĐÔNG TRIỀU", "Đông Triều"), ("VÂN ĐỒN", "Vân Đồn"),
    ("QUỲNH LƯU", "Quỳnh Lưu"), ("ĐỨC THỌ", "Đức Thọ"), ("NGHI XUÂN", "Nghi Xuân"),
    ("KRÔNG PẮC", "Krông Pắc"), ("HƯNG HÀ", "Hưng Hà"), ("THUẬN THÀNH", "Thuận Thành"),
    ("NĂM CĂN", "Năm Căn"), ("DIÊN KHÁNH", "Diên Khánh"), ("MƯỜNG ẢNG", "Mường Ảng"),
]  # fmt: skip
COMMUNES = [
    "HÒA BÌNH", "ĐỒNG TÂM", "QUẢNG LONG", "TÂN LẬP", "XUÂN SƠN", "PHÚ THỌ", "HẢI XUÂN",
    "THANH LÂM", "ĐÔNG NGŨ", "YÊN THỌ", "NGHĨA ĐÀN", "HƯƠNG SƠN",
]  # fmt: skip
CELLS = [
    "CHI BỘ THÔN ĐỒNG CAU", "CHI BỘ KHU PHỐ 3", "CHI BỘ TRƯỜNG THCS HÒA BÌNH",
    "CHI BỘ TRẠM Y TẾ", "CHI BỘ THÔN BẮC SƠN", "CHI BỘ BẢN NẬM CỌ",
]  # fmt: skip

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Lương".split()
MIDDLE = "Văn Thị Đức Minh Thanh Hữu Quang Ngọc Xuân Thu Hồng Kim Anh Bá Công Thế Việt".split()
GIVEN = (
    "An Bình Cường Dũng Hà Hải Hùng Hương Khánh Lan Long Mai Nam Nga Phong Phương Quân Sơn "
    "Thắng Thủy Trang Tuấn Vinh Yến Đạt Hiếu Huệ Linh Ánh Hạnh Lộc Nghĩa Toàn Trọng"
).split()

TOPICS = [
    "công tác văn thư, lưu trữ", "chuyển đổi số trong các cơ quan Đảng", "công tác kiểm tra, giám sát",
    "phát triển đảng viên", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phòng, chống tham nhũng, lãng phí", "xây dựng nông thôn mới", "cải cách hành chính",
    "bảo vệ nền tảng tư tưởng của Đảng", "công tác dân vận", "công tác phòng, chống thiên tai",
    "sắp xếp tổ chức bộ máy", "tinh giản biên chế", "công tác tuyển quân", "bảo đảm trật tự an toàn giao thông",
    "phát triển kinh tế biển", "giảm nghèo bền vững", "chăm sóc sức khỏe nhân dân", "thu ngân sách nhà nước",
    "quản lý đất đai", "công tác thi đua, khen thưởng", "lập hồ sơ và nộp lưu hồ sơ vào lưu trữ cơ quan",
    "bảo vệ bí mật nhà nước", "quy hoạch cán bộ lãnh đạo, quản lý", "luân chuyển cán bộ",
    "đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên", "thu, nộp, quản lý và sử dụng đảng phí",
    "phòng cháy, chữa cháy", "phát triển du lịch", "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "công tác bảo vệ chính trị nội bộ", "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "công tác thông tin đối ngoại", "phát triển văn hóa đọc", "công tác an sinh xã hội",
]  # fmt: skip
SCOPES = [
    "", "", " trên địa bàn tỉnh", " giai đoạn 2021 - 2025", " năm {year}", " trong tình hình mới",
    " đến năm 2030", " 6 tháng đầu năm {year}", " trong toàn Đảng bộ",
]  # fmt: skip
CITED_ISSUERS = {
    "TW": "Ban Chấp hành Trung ương", "BCT": "Bộ Chính trị", "BBT": "Ban Bí thư",
    "TU": "Ban Thường vụ Tỉnh ủy", "UBND": "Ủy ban nhân dân tỉnh", "BNV": "Bộ Nội vụ",
}  # fmt: skip
BODY = [
    "Trong thời gian qua, các cấp ủy, tổ chức đảng đã quán triệt và tổ chức thực hiện nghiêm túc, đạt nhiều kết quả quan trọng.",
    "Tuy nhiên, việc triển khai ở một số nơi còn chậm, chất lượng chưa cao; công tác phối hợp giữa các cơ quan có lúc chưa chặt chẽ.",
    "Để khắc phục những hạn chế nêu trên, đề nghị các cơ quan, đơn vị tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau đây.",
    "Các đồng chí cấp ủy viên phụ trách địa bàn chịu trách nhiệm theo dõi, đôn đốc và báo cáo kết quả về Ban Thường vụ.",
    "Văn phòng có trách nhiệm theo dõi, tổng hợp tình hình và báo cáo định kỳ theo quy định.",
    "Quyết định này có hiệu lực kể từ ngày ký; các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách theo phân cấp hiện hành và các nguồn hợp pháp khác.",
    "Đề nghị các đồng chí quan tâm, chỉ đạo thực hiện nghiêm túc, báo cáo kết quả trước ngày 30 tháng 11.",
]  # fmt: skip


@dataclass
class Issuer:
    lines: list[str]  # as printed, top to bottom
    parent: str  # label: issuer_parent
    issuer: str  # label: issuer
    abbrev: str
    place: str
    level: str
    signers: list[tuple[str, str]]  # (authority, position)


@dataclass
class Spec:
    """One document: its labels and how it is laid out."""

    id: str
    style: str  # party | state | youth
    level: str
    issuer_lines: list[str]
    issuer_parent: str
    issuer: str
    motto: str
    code_number: str
    code_notation: str
    type_name: str
    type_line: str  # as printed ("" for a công văn)
    place: str
    issued_date: str  # ISO
    date_line: str
    subject: str
    subject_lines: list[str]
    secrecy: int
    urgency: int
    signer_authority: str
    signer_position: str
    signer_full_name: str
    signed_note: bool
    cited: list[str]
    body: list[str]
    recipients: list[str]
    extra: dict = field(default_factory=dict)

    def labels(self) -> dict:
        keep = (
            "issuer_parent issuer motto code_number code_notation type_name place issued_date "
            "subject secrecy urgency signer_position signer_full_name cited"
        ).split()
        d = asdict(self)
        return {"id": self.id, "style": self.style, "level": self.level, **{k: d[k] for k in keep}}


# ---------------------------------------------------------------- metadata


def _issuers(rng: random.Random, day: dt.date) -> Issuer:
    """An issuer at a random level of the province."""
    pu, pt, city = rng.choice(PROVINCES)
    du, dtitle = rng.choice(DISTRICTS)
    commune = rng.choice(COMMUNES)
    party_chair = [
        ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
        ("K/T BÍ THƯ", "PHÓ BÍ THƯ"),
        ("T/M BAN CHẤP HÀNH", "BÍ THƯ"),
    ]
    kind = rng.choices(
        ["tw", "tu", "body", "hu", "du", "cb", "ubnd", "so", "mttq", "doan", "hnd"],
        weights=[3, 14, 14, 10, 10, 8, 12, 6, 8, 8, 7],
    )[0]
    if kind == "hu" and day >= dt.date(2025, 7, 1):
        kind = "du"  # the district level ended on 30/6/2025
    if kind == "tw":
        return Issuer(
            ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
            "",
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "TW",
            "Hà Nội",
            "trung ương",
            [("T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ"), ("T/M BAN BÍ THƯ", "THƯỜNG TRỰC BAN BÍ THƯ")],
        )
    if kind == "tu":
        return Issuer(
            [f"TỈNH ỦY {pu}"],
            "",
            f"TỈNH ỦY {pu}",
            "TU",
            rng.choice([pt, city]),
            "tỉnh",
            [*party_chair, ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG")],
        )
    if kind == "body":
        body, abbrev, signers = rng.choice([
            ("BAN TỔ CHỨC", "BTCTU", [("", "TRƯỞNG BAN"), ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")]),
            ("VĂN PHÒNG", "VPTU", [("", "CHÁNH VĂN PHÒNG"), ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")]),
            ("ỦY BAN KIỂM TRA", "UBKTTU", [("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"), ("K/T CHỦ NHIỆM", "PHÓ CHỦ NHIỆM")]),
            ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "BTGDVTU", [("", "TRƯỞNG BAN"), ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")]),
        ])  # fmt: skip
        return Issuer(
            [f"TỈNH ỦY {pu}", body],
            f"TỈNH ỦY {pu}",
            body,
            abbrev,
            rng.choice([pt, city]),
            "tỉnh",
            signers,
        )
    if kind == "hu":
        word, abbrev = rng.choice([("HUYỆN ỦY", "HU"), ("THỊ ỦY", "TXU"), ("THÀNH ỦY", "TPU")])
        return Issuer([f"ĐẢNG BỘ TỈNH {pu}", f"{word} {du}"], f"ĐẢNG BỘ TỈNH {pu}", f"{word} {du}", abbrev,
                      dtitle, "huyện", party_chair)  # fmt: skip
    if kind == "du":
        parent = f"HUYỆN ỦY {du}" if day < dt.date(2025, 7, 1) else f"ĐẢNG BỘ TỈNH {pu}"
        word = rng.choice(["XÃ", "PHƯỜNG"])
        return Issuer([parent, f"ĐẢNG ỦY {word} {commune}"], parent, f"ĐẢNG ỦY {word} {commune}", "ĐU",
                      commune.title(), "xã", party_chair)  # fmt: skip
    if kind == "cb":
        cell = rng.choice(CELLS)
        return Issuer([f"ĐẢNG ỦY XÃ {commune}", cell], f"ĐẢNG ỦY XÃ {commune}", cell, "CB", commune.title(),
                      "chi bộ", [("T/M CHI BỘ", "BÍ THƯ"), ("T/M CHI ỦY", "BÍ THƯ")])  # fmt: skip
    if kind == "ubnd":
        if rng.random() < 0.5:
            lines = ["ỦY BAN NHÂN DÂN", f"TỈNH {pu}"]
            name = f"ỦY BAN NHÂN DÂN TỈNH {pu}"
        else:
            lines = [f"UBND TỈNH {pu}"]
            name = f"UBND TỈNH {pu}"
        return Issuer(lines, "", name, "UBND", rng.choice([pt, city]), "tỉnh (Nhà nước)",
                      [("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")])  # fmt: skip
    if kind == "so":
        so, abbrev = rng.choice(
            [
                ("SỞ NỘI VỤ", "SNV"),
                ("SỞ TÀI CHÍNH", "STC"),
                ("SỞ Y TẾ", "SYT"),
                ("SỞ TƯ PHÁP", "STP"),
            ]
        )
        return Issuer([f"UBND TỈNH {pu}", so], f"UBND TỈNH {pu}", so, abbrev, rng.choice([pt, city]), "sở",
                      [("", "GIÁM ĐỐC"), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")])  # fmt: skip
    if kind == "mttq":
        lines = ["ỦY BAN MTTQ VIỆT NAM", f"TỈNH {pu}", "BAN THƯỜNG TRỰC"]
        return Issuer(lines, f"ỦY BAN MTTQ VIỆT NAM TỈNH {pu}", "BAN THƯỜNG TRỰC", "MTTQ-BTT",
                      rng.choice([pt, city]), "mặt trận", [("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")])  # fmt: skip
    if kind == "doan":
        return Issuer([f"BCH ĐOÀN TỈNH {pu}"], "", f"BCH ĐOÀN TỈNH {pu}", "TĐTN-VP", rng.choice([pt, city]), "đoàn",
                      [("TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", "BÍ THƯ"), ("K/T BÍ THƯ", "PHÓ BÍ THƯ")])  # fmt: skip
    return Issuer([f"HỘI NÔNG DÂN TỈNH {pu}"], "", f"HỘI NÔNG DÂN TỈNH {pu}", "HND", rng.choice([pt, city]),
                  "hội", [("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")])  # fmt: skip


PARTY_TYPES = [
    ("Nghị quyết", "NQ", 8), ("Quyết định", "QĐ", 10), ("Quy định", "QĐ", 3), ("Chỉ thị", "CT", 4),
    ("Kết luận", "KL", 3), ("Quy chế", "QC", 2), ("Hướng dẫn", "HD", 4), ("Thông báo", "TB", 6),
    ("Công văn", "CV", 14), ("Báo cáo", "BC", 10), ("Kế hoạch", "KH", 10), ("Chương trình", "CTr", 3),
    ("Tờ trình", "TTr", 3), ("Đề án", "ĐA", 2), ("Thông tri", "TT", 1),
]  # fmt: skip
STATE_TYPES = [
    ("Quyết định", "QĐ", 10), ("Chỉ thị", "CT", 2), ("Thông báo", "TB", 5), ("Hướng dẫn", "HD", 3),
    ("Kế hoạch", "KH", 8), ("Báo cáo", "BC", 8), ("Tờ trình", "TTr", 3), ("Công văn", "", 14),
]  # fmt: skip


def _subject(
    rng: random.Random, type_name: str, style: str, year: int, cited: tuple[str, str] | None
) -> str:
    topic = rng.choice(TOPICS)
    scope = rng.choice(SCOPES).format(year=year)
    if type_name == "Công văn":
        verb = rng.choice(
            ["triển khai", "tăng cường", "đôn đốc thực hiện", "báo cáo kết quả", "góp ý dự thảo về"]
        )
        return f"V/v {verb} {topic}{scope}"
    lead = {
        "Quyết định": rng.choice(
            ["về việc thành lập Tổ công tác", "về việc kiện toàn Ban Chỉ đạo", "ban hành Quy chế"]
        ),
        "Báo cáo": rng.choice(["kết quả thực hiện", "tổng kết", "sơ kết"]),
        "Kế hoạch": rng.choice(["triển khai thực hiện", "tổ chức", "kiểm tra"]),
        "Thông báo": "kết luận của Ban Thường vụ về",
        "Hướng dẫn": "thực hiện",
        "Chương trình": "hành động thực hiện",
        "Tờ trình": "về việc đề nghị phê duyệt đề án",
        "Chỉ thị": "về tăng cường sự lãnh đạo đối với",
    }.get(type_name, "về")
    text = f"{lead} {topic}{scope}"
    if cited and type_name in ("Kế hoạch", "Chương trình", "Hướng dẫn") and rng.random() < 0.4:
        text = f"{lead} {cited[0]} số {cited[1]}"
    if style == "state" and type_name == "Quyết định":
        text = "V" + text[1:] if text.startswith("v") else text
    return text


def _date_line(rng: random.Random, place: str, day: dt.date) -> str:
    # Mostly the NĐ 30 form (leading zeros for days < 10 and months 1-2); some offices omit them.
    if rng.random() < 0.85:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, ngày {day.day} tháng {day.month} năm {day.year}"


def _name(rng: random.Random) -> str:
    parts = [rng.choice(FAMILY), rng.choice(MIDDLE)]
    if rng.random() < 0.3:
        parts.append(rng.choice(MIDDLE))
    parts.append(rng.choice(GIVEN))
    return " ".join(parts)


def _citation(rng: random.Random, day: dt.date) -> tuple[str, str, str]:
    """(type name, symbol, sentence)."""
    cited_day = day - dt.timedelta(days=rng.randint(30, 2000))
    kind = rng.random()
    if kind < 0.55:
        t, a = rng.choice(
            [("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kết luận", "KL"), ("Quy định", "QĐ")]
        )
        issuer = rng.choice(["TW", "TU"])
        symbol = f"{rng.randint(1, 350)}-{a}/{issuer}"
        who = {
            "TW": rng.choice(["Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương"]),
            "TU": "Ban Thường vụ Tỉnh ủy",
        }[issuer]
    elif kind < 0.8:
        t, a = rng.choice([("Kế hoạch", "KH"), ("Hướng dẫn", "HD"), ("Công văn", "CV")])
        symbol = f"{rng.randint(1, 999)}-{a}/{rng.choice(['TU', 'VPTU', 'BTCTU'])}"
        who = "Tỉnh ủy"
    else:
        t, a = rng.choice([("Quyết định", "QĐ"), ("Kế hoạch", "KH"), ("Công văn", "")])
        symbol = f"{rng.randint(1, 3000)}/{a + '-' if a else ''}UBND"
        who = "Ủy ban nhân dân tỉnh"
    when = f"{cited_day.day}/{cited_day.month}/{cited_day.year}"
    lead = rng.choice(["Thực hiện", "Căn cứ", "Triển khai"])
    sentence = f"{lead} {t} số {symbol}, ngày {when} của {who} về {rng.choice(TOPICS)};"
    return t, symbol, sentence


def make_spec(rng: random.Random, index: int) -> Spec:
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 7 - 60))
    iss = _issuers(rng, day)
    state_like = iss.level in ("tỉnh (Nhà nước)", "sở", "mặt trận", "hội")
    style = "state" if state_like else ("youth" if iss.level == "đoàn" else "party")
    types = STATE_TYPES if state_like else PARTY_TYPES
    type_name, abbrev, _ = rng.choices(types, weights=[w for *_, w in types])[0]
    number = str(rng.randint(1, 1500))
    if rng.random() < 0.1:
        number = f"{int(number) % 10:02d}" if int(number) % 10 else "01"
    if style == "state":
        notation = (
            f"{abbrev}-{iss.abbrev}" if abbrev else f"{iss.abbrev}-{rng.choice(['VP', 'TH', 'KT'])}"
        )
        if iss.level == "sở" and not abbrev:
            notation = f"{iss.abbrev}-{rng.choice(['VP', 'TCCB'])}"
    else:
        notation = f"{abbrev}/{iss.abbrev}"
    cites = [_citation(rng, day) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    subject = _subject(
        rng, type_name, style, day.year, (cites[0][0], cites[0][1]) if cites else None
    )
    cited = []
    for _, symbol, _ in cites:
        if symbol not in cited and symbol != number:
            cited.append(symbol)
    secrecy = rng.choices([0, 1, 2, 3], weights=[80, 12, 6, 2])[0]
    urgency = rng.choices([0, 1, 2, 3], weights=[80, 12, 5, 3])[0]
    authority, position = rng.choice(iss.signers)
    if type_name == "Công văn":
        subject_lines = wrap(subject, "I", 12, 230)
    else:
        subject_lines = wrap(subject, "B", 14, 430)
    body = [c[2] for c in cites] + rng.sample(BODY, k=rng.randint(2, 4))
    motto = {
        "party": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "state": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "youth": "ĐOÀN TNCS HỒ CHÍ MINH",
    }[style]
    return Spec(
        id=f"vb{index:04d}",
        style=style,
        level=iss.level,
        issuer_lines=iss.lines,
        issuer_parent=iss.parent,
        issuer=iss.issuer,
        motto=motto,
        code_number=number,
        code_notation=notation,
        type_name=type_name,
        type_line="" if type_name == "Công văn" else type_name.upper(),
        place=iss.place,
        issued_date=day.isoformat(),
        date_line=_date_line(rng, iss.place, day),
        subject=subject,
        subject_lines=subject_lines,
        secrecy=secrecy,
        urgency=urgency,
        signer_authority=authority,
        signer_position=position,
        signer_full_name=_name(rng),
        signed_note=rng.random() < 0.4,
        cited=cited,
        body=body,
        recipients=["- Như trên,", "- Lưu Văn phòng."]
        if style != "state"
        else ["- Như trên;", "- Lưu: VT."],
    )


def symbol_text(spec: Spec) -> str:
    if spec.style == "state":
        return f"Số: {spec.code_number}/{spec.code_notation}"
    return f"Số {spec.code_number}-{spec.code_notation}"


MARKS = {1: "MẬT", 2: "TỐI MẬT", 3: "TUYỆT MẬT"}
URGENT = {1: "KHẨN", 2: "THƯỢNG KHẨN", 3: "HỎA TỐC"}


# ---------------------------------------------------------------- PDF


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to a width in points, as a word processor does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _fonts()
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and stringWidth(trial, f"BenchSerif-{font}", size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key, file in FONTS.items():
        name = f"BenchSerif-{key}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


def render_pdf(spec: Spec) -> tuple[bytes, str]:
    """The born-digital PDF and the reference text (rows top to bottom, left to right)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _fonts()
    width, _ = A4
    items: list[tuple[float, float, str]] = []
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    left_x, right_x = 145, 420

    def put(
        x: float, y: float, text: str, font: str = "R", size: float = 13, align: str = "c"
    ) -> None:
        name = f"BenchSerif-{font}"
        c.setFont(name, size)
        w = stringWidth(text, name, size)
        x0 = x - w / 2 if align == "c" else (x if align == "l" else x - w)
        c.drawString(x0, y, text)
        items.append((y, x0, text))

    y = 800
    for i, line in enumerate(spec.issuer_lines):
        bold = i == len(spec.issuer_lines) - 1 or spec.style == "state"
        put(left_x, y - 15 * i, line, "B" if bold else "R", 12.5)
    y_left = y - 15 * len(spec.issuer_lines)
    if spec.style != "state":
        put(left_x, y_left, "*", "R", 12)
        y_left -= 16
    else:
        c.line(left_x - 30, y_left + 7, left_x + 30, y_left + 7)
        y_left -= 6
    put(right_x, y, spec.motto, "B", 12 if spec.style == "state" else 13)
    if spec.style == "party":
        c.line(right_x - 95, y - 6, right_x + 95, y - 6)
    if spec.style == "state":
        put(right_x, y - 15, "Độc lập - Tự do - Hạnh phúc", "B", 13)
        c.line(right_x - 80, y - 21, right_x + 80, y - 21)
    y_num = min(y_left, y - 34) - 8
    put(left_x, y_num, symbol_text(spec), "R", 13)
    put(right_x, y_num, spec.date_line, "I", 13)
    y = y_num - 18
    if spec.type_name == "Công văn":
        for line in spec.subject_lines:
            put(left_x, y, line, "I", 12)
            y -= 15
    for mark in (MARKS.get(spec.secrecy), URGENT.get(spec.urgency)):
        if mark:
            put(left_x - 60, y - 4, mark, "B", 13, "l")
            c.rect(left_x - 64, y - 9, stringWidth(mark, "BenchSerif-B", 13) + 8, 20)
            y -= 24
    y -= 14
    if spec.type_line:
        put(width / 2, y, spec.type_line, "B", 15)
        y -= 19
        for line in spec.subject_lines:
            put(width / 2, y, line, "B", 14)
            y -= 17
        if spec.style != "state":
            put(width / 2, y, "-----", "R", 12)
        else:
            c.line(width / 2 - 60, y + 8, width / 2 + 60, y + 8)
        y -= 24
    else:
        put(width / 2, y, "Kính gửi: Các cơ quan, đơn vị có liên quan", "R", 13)
        y -= 26
    for para in spec.body:
        first, *rest = wrap(para, "R", 12.5, 440)
        lines = [first, *wrap(" ".join(rest), "R", 12.5, 465)] if rest else [first]
        for k, line in enumerate(lines):
            put(70 + (25 if k == 0 else 0), y, line, "R", 12.5, "l")
            y -= 16
        y -= 4
    y -= 16
    y_sig = y
    put(60, y_sig, "Nơi nhận:", "BI", 12, "l")
    for k, r in enumerate(spec.recipients):
        put(60, y_sig - 14 * (k + 1), r, "R", 11, "l")
    ys = y_sig
    if spec.signer_authority:
        put(right_x, ys, spec.signer_authority, "B", 13)
        ys -= 16
    put(right_x, ys, spec.signer_position, "B", 13)
    ys -= 20
    if spec.signed_note:
        put(right_x, ys - 10, "(Đã ký)", "I", 12)
    put(right_x, ys - 60, spec.signer_full_name, "B", 13)
    c.showPage()
    c.save()
    return buf.getvalue(), reference_text(items)


def reference_text(items: list[tuple[float, float, str]]) -> str:
    """What was drawn, as rows (items on one baseline joined left to right)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in items:
        rows.setdefault(round(y, 1), []).append((x, text))
    return "\n".join(" ".join(t for _, t in sorted(rows[y])) for y in sorted(rows, reverse=True))


# ---------------------------------------------------------------- DOCX


def render_docx(spec: Spec) -> bytes:
    """A Word document as offices type one: header and signature in borderless tables."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def para(cell_or_doc, text: str, *, bold=False, italic=False, center=True, size=13):
        p = cell_or_doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    table = d.add_table(rows=2, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].text = ""
    for i, line in enumerate(spec.issuer_lines):
        para(left, line, bold=i == len(spec.issuer_lines) - 1 or spec.style == "state", size=12)
    if spec.style != "state":
        para(left, "*")
    para(right, spec.motto, bold=True)
    if spec.style == "state":
        para(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    bottom_left, bottom_right = table.cell(1, 0), table.cell(1, 1)
    para(bottom_left, symbol_text(spec))
    if spec.type_name == "Công văn":
        for line in spec.subject_lines:
            para(bottom_left, line, italic=True, size=12)
    para(bottom_right, spec.date_line, italic=True)
    for mark in (MARKS.get(spec.secrecy), URGENT.get(spec.urgency)):
        if mark:
            para(d, mark, bold=True, center=False)
    if spec.type_line:
        para(d, spec.type_line, bold=True, size=15)
        para(d, " ".join(spec.subject_lines), bold=True, size=14)
        if spec.style != "state":
            para(d, "-----")
    else:
        para(d, "Kính gửi: Các cơ quan, đơn vị có liên quan")
    for text in spec.body:
        para(d, text, center=False)
    sig = d.add_table(rows=1, cols=2)
    sl, sr = sig.cell(0, 0), sig.cell(0, 1)
    para(sl, "Nơi nhận:", bold=True, italic=True, center=False, size=12)
    for r in spec.recipients:
        para(sl, r, center=False, size=11)
    if spec.signer_authority:
        para(sr, spec.signer_authority, bold=True)
    para(sr, spec.signer_position, bold=True)
    if spec.signed_note:
        para(sr, "(Đã ký)", italic=True)
    para(sr, "")
    para(sr, spec.signer_full_name, bold=True)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- scan


def render_scan(pdf: bytes, rng: random.Random) -> tuple[bytes, dict]:
    """The PDF as a 200-dpi colour scan: skew ≤ 2°, noise, specks, blur, JPEG artefacts."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter

    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    image = page.render(scale=DPI / 72).to_pil().convert("RGB")
    page.close()
    doc.close()
    angle = rng.uniform(-2.0, 2.0)
    sigma = rng.uniform(6, 22)
    blur = rng.choice([0, 0, 0.5, 0.7])
    quality = rng.randint(40, 80)
    # Paper is not white and toner is not black.
    image = ImageEnhance.Brightness(image).enhance(rng.uniform(0.9, 1.0))
    image = ImageEnhance.Contrast(image).enhance(rng.uniform(0.75, 1.0))
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    noise = Image.effect_noise(image.size, sigma).convert("RGB")
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(rng.randint(50, 400)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([1, 1, 2])
        draw.ellipse((x, y, x + r, y + r), fill=(rng.randint(0, 90),) * 3)
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality, dpi=(DPI, DPI))
    return buf.getvalue(), {
        "angle": round(angle, 2),
        "noise": round(sigma, 1),
        "blur": blur,
        "jpeg_quality": quality,
    }


# ---------------------------------------------------------------- build


def build(
    out: Path, docs: int, seed: int = 7, media: tuple[str, ...] = ("pdf", "docx", "scan")
) -> list[Path]:
    """Write ``docs`` documents in each medium under ``out``; return the label files."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    labels = []
    for i in range(docs):
        spec = make_spec(rng, i + 1)
        path = out / f"{spec.id}.json"
        if path.exists():
            # Document i depends only on (seed, i): an interrupted build resumes here.
            labels.append(path)
            continue
        pdf, reference = render_pdf(spec)
        meta = {**spec.labels(), "reference_text": reference}
        if "pdf" in media:
            (out / f"{spec.id}.pdf").write_bytes(pdf)
        if "docx" in media:
            (out / f"{spec.id}.docx").write_bytes(render_docx(spec))
        if "scan" in media:
            scan, how = render_scan(pdf, random.Random(f"{seed}-{i}"))
            (out / f"{spec.id}.jpg").write_bytes(scan)
            meta["scan"] = how
        path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        labels.append(path)
    return labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = build(args.out, args.docs, args.seed)
    print(f"{len(paths)} văn bản × 3 dạng (PDF, DOCX, bản quét 200 dpi) trong {args.out}")


if __name__ == "__main__":
    main()
