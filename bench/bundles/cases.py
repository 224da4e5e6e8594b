"""Matters a district Party committee handles, as the documents a loose bundle
holds (issue 11's bench). Shares nothing with ``bench/extraction`` or the engine:
subjects, numbers and citations are written here from how the documents of each
kind of matter read.

Each matter yields 3–12 documents with their truth: the matter they belong to,
and for every citation whether the cited document is in the bundle. The traps of
real archives are in on purpose:
- numbering starts again each year, so "12-KH/HU" of 2023 and of 2024 both occur;
- two district committees both number "…/HU" (reports received from both);
- unrelated matters with subjects built on one pattern (congresses of several
  communes, inspections and appointments of several people, plans of each year);
- campaigns that start in one year and close in the next;
- citations of documents not in the bundle (the central regulation, the
  province's letter), and the basis every document cites (Quy định 24-QĐ/TW);
- strays: documents of no matter.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from luutru.bundles.types import CitedRef, DocFacts

HU = "Huyện ủy Đông Triều"
HU2 = "Huyện ủy Hoành Bồ"
TU = "Tỉnh ủy Quảng Ninh"
TW = "Ban Chấp hành Trung ương"
BCT = "Bộ Chính trị"
UBKT = "Ủy ban Kiểm tra Huyện ủy Đông Triều"
BTC = "Ban Tổ chức Huyện ủy Đông Triều"
BTG = "Ban Tuyên giáo Huyện ủy Đông Triều"
VP = "Văn phòng Huyện ủy Đông Triều"

COMMUNES = [
    "Bình Dương", "Hồng Phong", "Yên Đức", "Tràng An", "Bình Khê", "Tràng Lương",
    "An Sinh", "Việt Dân", "Tân Việt", "Thủy An", "Nguyễn Huệ", "Hồng Thái Tây",
    "Hồng Thái Đông", "Hoàng Quế", "Yên Thọ", "Hưng Đạo", "Xuân Sơn", "Kim Sơn",
]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam",
         "Phong", "Quân", "Sơn", "Thắng", "Thủy", "Tuấn", "Vinh", "Yến", "Hạnh", "Khánh"]  # fmt: skip
POSITIONS = [
    "Bí thư Chi bộ thôn {n}", "Phó Bí thư Đảng ủy xã {c}", "Chủ tịch Ủy ban nhân dân xã {c}",
    "Trưởng Công an xã {c}", "Chủ tịch Hội Nông dân xã {c}", "Kế toán Ủy ban nhân dân xã {c}",
]  # fmt: skip
TOPICS = [
    "công tác kiểm tra, giám sát và thi hành kỷ luật trong Đảng",
    "công tác bảo vệ chính trị nội bộ",
    "chế độ học tập lý luận chính trị trong Đảng",
    "trách nhiệm nêu gương của cán bộ, đảng viên",
    "công tác văn thư, lưu trữ của Đảng",
    "công tác phát triển đảng viên",
    "quản lý đảng viên đi làm ăn xa",
    "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "công tác dân vận của hệ thống chính trị",
    "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "thu, nộp, quản lý và sử dụng đảng phí",
    "phòng, chống tham nhũng, tiêu cực",
]
CAMPAIGNS = [
    "cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phong trào thi đua “Dân vận khéo”",
    "cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
    "đợt sinh hoạt chính trị về Nghị quyết Trung ương 4 khóa XII",
    "tháng cao điểm phòng, chống ma túy",
]
REPORT_TOPICS = [
    "tình hình tư tưởng của cán bộ, đảng viên và nhân dân",
    "kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "tình hình an ninh chính trị, trật tự an toàn xã hội",
    "công tác chuyển sinh hoạt đảng",
    "kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
    "tình hình triển khai chuyển đổi số trong các cơ quan đảng",
    "công tác bảo vệ môi trường ở các xã",
]
STRAYS = [
    "mua sắm bàn ghế cho hội trường", "sửa chữa nhà xe cơ quan", "lịch tiếp khách tuần thứ ba",
    "đăng ký xe công đi công tác", "mời dự lễ kỷ niệm ngày thành lập Hội Cựu chiến binh",
    "cử cán bộ dự tập huấn nghiệp vụ kế toán", "thanh lý máy photocopy hỏng",
    "giới thiệu đồng chí đến liên hệ công tác", "trực Tết Nguyên đán", "cấp giấy đi đường",
    "đề nghị hỗ trợ kinh phí tổ chức giải bóng đá", "chúc mừng Ngày Nhà giáo Việt Nam",
]  # fmt: skip
ROMAN = ["XVIII", "XIX", "XX", "XXI", "XXII", "XXIII"]
BASIS = CitedRef(
    "24-QĐ/TW", "24", "QĐ/TW", dt.date(2021, 7, 30), TW, "Quy định"
)  # every matter rests on it; never in the bundle


@dataclass
class Case:
    docs: list[DocFacts] = field(default_factory=list)
    matter: dict[str | int, int] = field(default_factory=dict)  # doc key -> matter id
    kinds: dict[int, str] = field(default_factory=dict)  # matter id -> kind
    absent_refs: dict[str | int, list[CitedRef]] = field(default_factory=dict)  # truth of gaps
    present_refs: dict[str | int, list[CitedRef]] = field(default_factory=dict)


class _Numbers:
    """Each issuer numbers each kind from 1 every year."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.last: dict[tuple[str, str, int], int] = defaultdict(int)

    def next(self, issuer: str, notation: str, year: int) -> str:
        key = (issuer, notation, year)
        if not self.last[key]:
            self.last[key] = self.rnd.randint(1, 30)
        self.last[key] += self.rnd.randint(1, 4)
        return str(self.last[key])


def _person(rnd: random.Random) -> str:
    return f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


class Builder:
    def __init__(self, seed: int, start_year: int = 2021, years: int = 4) -> None:
        self.rnd = random.Random(seed)
        self.numbers = _Numbers(self.rnd)
        self.case = Case()
        self.start_year, self.years = start_year, years
        self.matter_id = 0
        self.serial = 0
        # One matter per regulation topic, per commune's congress, per campaign and
        # year: two would be one dossier in a real archive (the truth must not split it).
        self.used: set[tuple] = set()

    def fresh(self, kind: str, make, tries: int = 30):
        """A value from ``make()`` not used yet for ``kind`` (reused after ``tries``)."""
        for _ in range(tries):
            value = make()
            if (kind, value) not in self.used:
                break
        self.used.add((kind, value))
        return value

    # ---------------------------------------------------------------- helpers

    def day(self, year: int | None = None) -> dt.date:
        y = year or self.rnd.randint(self.start_year, self.start_year + self.years - 1)
        return dt.date(y, 1, 1) + dt.timedelta(days=self.rnd.randint(0, 300))

    def later(self, day: dt.date, lo: int = 3, hi: int = 40) -> dt.date:
        return day + dt.timedelta(days=self.rnd.randint(lo, hi))

    def doc(
        self,
        type_name: str,
        abbrev: str,
        org_abbrev: str,
        issuer: str,
        subject: str,
        day: dt.date,
        cites: list[tuple[CitedRef, bool]] = (),  # type: ignore[assignment]
        direction: str = "outgoing",
        kind: str = "cites",
        present: bool = True,
    ) -> CitedRef:
        """Write one document; returns how others cite it. ``cites`` pairs each cited
        reference with whether that document is in the bundle."""
        notation = f"{abbrev}/{org_abbrev}"
        number = self.numbers.next(issuer, notation, day.year)
        symbol = f"{number}-{notation}"
        ref = CitedRef(symbol, number, notation, day, issuer, type_name)
        if present:
            self.serial += 1
            key = f"m{self.matter_id:04d}/{self.serial:05d}.pdf"
            refs = []
            for r, _inside in cites:
                refs.append(
                    CitedRef(
                        r.number_symbol,
                        r.code_number,
                        r.code_notation,
                        r.issued_date if self.rnd.random() > 0.05 else None,
                        r.issuer if self.rnd.random() > 0.1 else "",
                        r.type_name,
                        kind=kind if r is cites[0][0] else "cites",
                    )
                )
            if self.rnd.random() < 0.3 and type_name in ("Quyết định", "Kế hoạch", "Hướng dẫn"):
                refs.append(BASIS)
            self.case.docs.append(
                DocFacts(
                    key=key,
                    subject=subject,
                    number_symbol=symbol,
                    code_number=number,
                    code_notation=notation,
                    type_name=type_name,
                    issuer=issuer,
                    issued_date=day,
                    direction=direction,
                    cites=tuple(refs),
                )
            )
            self.case.matter[key] = self.matter_id
            self.case.absent_refs[key] = [r for r, inside in cites if not inside] + (
                [BASIS] if BASIS in refs else []
            )
            self.case.present_refs[key] = [r for r, inside in cites if inside]
        return ref

    def new_matter(self, kind: str) -> None:
        self.matter_id += 1
        self.case.kinds[self.matter_id] = kind

    def maybe(self, p: float) -> bool:
        return self.rnd.random() < p

    # ---------------------------------------------------------------- matters

    def principle(self) -> None:
        self.new_matter("principle")
        topic = self.fresh("topic", lambda: self.rnd.choice(TOPICS))
        d0 = self.day()
        reg_in = self.maybe(0.6)
        reg = self.doc("Quy định", "QĐ", "TW", TW, f"về {topic}", d0, direction="incoming",
                       present=reg_in)  # fmt: skip
        d1 = self.later(d0, 20, 60)
        guide_in = self.maybe(0.7)
        guide = self.doc("Hướng dẫn", "HD", "TU", TU,
                         f"thực hiện Quy định số {reg.number_symbol} của Ban Chấp hành Trung ương về {topic}",
                         d1, [(reg, reg_in)], direction="incoming", present=guide_in)  # fmt: skip
        d2 = self.later(d1, 10, 30)
        plan = self.doc("Kế hoạch", "KH", "HU", HU, f"triển khai thực hiện Quy định số {reg.number_symbol} về {topic}",
                        d2, [(reg, reg_in), (guide, guide_in)])  # fmt: skip
        day = d2
        for c in self.rnd.sample(COMMUNES, self.rnd.randint(0, 4)):
            day = self.later(day, 5, 40)
            self.doc("Báo cáo", "BC", "ĐU", f"Đảng ủy xã {c}",
                     f"kết quả triển khai thực hiện Quy định số {reg.number_symbol} về {topic}",
                     day, [(plan, True)], direction="incoming")  # fmt: skip
        day = self.later(day, 30, 120)
        self.doc("Báo cáo", "BC", "HU", HU, f"sơ kết việc thực hiện Quy định số {reg.number_symbol} về {topic}",
                 day, [(plan, True), (reg, reg_in)])  # fmt: skip
        if self.maybe(0.5):
            d3 = self.later(day, 120, 300)
            new = self.doc("Quy định", "QĐ", "TW", TW, f"về {topic} (thay thế Quy định số {reg.number_symbol})",
                           d3, [(reg, reg_in)], direction="incoming", kind="replaces")  # fmt: skip
            self.doc("Công văn", "CV", "HU", HU, f"về việc triển khai Quy định số {new.number_symbol} về {topic}",
                     self.later(d3, 10, 30), [(new, True)])  # fmt: skip

    def congress(self) -> None:
        self.new_matter("congress")
        commune, term_start = self.fresh(
            "congress", lambda: (self.rnd.choice(COMMUNES), self.rnd.choice([2020, 2025]))
        )
        term = f"nhiệm kỳ {term_start}–{term_start + 5}"
        name = f"Đại hội đại biểu Đảng bộ xã {commune} lần thứ {self.rnd.choice(ROMAN)}, {term}"
        d0 = dt.date(term_start - 1, self.rnd.randint(9, 12), self.rnd.randint(1, 28))
        directive = CitedRef("35-CT/TW" if term_start == 2025 else "35-CT/TW", "35", "CT/TW",
                             dt.date(2024, 6, 14) if term_start == 2025 else dt.date(2019, 5, 30),
                             BCT, "Chỉ thị")  # fmt: skip
        org = f"Đảng ủy xã {commune}"
        plan = self.doc("Kế hoạch", "KH", "ĐU", org, f"tổ chức {name}", d0, [(directive, False)],
                        direction="incoming")  # fmt: skip
        day = d0
        steps = [
            ("Quyết định", "QĐ", "thành lập Tiểu ban Văn kiện {n}"),
            ("Quyết định", "QĐ", "thành lập Tiểu ban Nhân sự {n}"),
            (
                "Tờ trình",
                "TTr",
                "đề nghị phê duyệt phương án nhân sự Ban Chấp hành Đảng bộ xã {c}, {t}",
            ),
            ("Báo cáo", "BC", "chính trị trình {n}"),
            ("Báo cáo", "BC", "kiểm điểm của Ban Chấp hành Đảng bộ xã {c}, nhiệm kỳ {p}–{q}"),
            ("Nghị quyết", "NQ", "{n}"),
            ("Biên bản", "BB", "kiểm phiếu bầu Ban Chấp hành Đảng bộ xã {c}, {t}"),
        ]
        for type_name, abbrev, pattern in self.rnd.sample(steps, self.rnd.randint(2, len(steps))):
            day = self.later(day, 5, 30)
            subject = pattern.format(n=name, c=commune, t=term, p=term_start - 5, q=term_start)
            self.doc(type_name, abbrev, "ĐU", org, subject, day,
                     [(plan, True)] if self.maybe(0.7) else [], direction="incoming")  # fmt: skip
        day = self.later(day, 5, 20)
        self.doc("Quyết định", "QĐ", "HU", HU,
                 f"chuẩn y kết quả bầu cử Ban Chấp hành Đảng bộ xã {commune}, {term}", day,
                 [(plan, True)] if self.maybe(0.5) else [])  # fmt: skip

    def inspection(self) -> None:
        self.new_matter("inspection")
        person = _person(self.rnd)
        commune = self.rnd.choice(COMMUNES)
        position = self.rnd.choice(POSITIONS).format(n=self.rnd.randint(1, 12), c=commune)
        who = f"đồng chí {person}, {position}"
        d0 = self.day()
        dec = self.doc("Quyết định", "QĐ", "UBKTHU", UBKT,
                       f"về việc kiểm tra khi có dấu hiệu vi phạm đối với {who}", d0)  # fmt: skip
        day = self.later(d0, 2, 10)
        self.doc("Kế hoạch", "KH", "UBKTHU", UBKT, f"kiểm tra khi có dấu hiệu vi phạm đối với {who}",
                 day, [(dec, True)])  # fmt: skip
        if self.maybe(0.5):
            day = self.later(day, 5, 20)
            self.doc("Báo cáo", "BC", "ĐU", f"Đảng ủy xã {commune}",
                     f"giải trình của tổ chức đảng về những nội dung liên quan đến đồng chí {person}",
                     day, [(dec, True)], direction="incoming", kind="replies")  # fmt: skip
        day = self.later(day, 20, 45)
        rep = self.doc("Báo cáo", "BC", "UBKTHU", UBKT,
                       f"kết quả kiểm tra khi có dấu hiệu vi phạm đối với {who}", day, [(dec, True)])  # fmt: skip
        day = self.later(day, 3, 15)
        concl = self.doc("Thông báo", "TB", "UBKTHU", UBKT, f"kết luận kiểm tra đối với {who}",
                         day, [(dec, True), (rep, True)])  # fmt: skip
        if self.maybe(0.5):
            day = self.later(day, 5, 20)
            self.doc("Quyết định", "QĐ", "UBKTHU", UBKT,
                     f"thi hành kỷ luật bằng hình thức khiển trách đối với đồng chí {person}",
                     day, [(concl, True)])  # fmt: skip

    def campaign(self) -> None:
        self.new_matter("campaign")
        name, y = self.fresh(
            "campaign",
            lambda: (
                self.rnd.choice(CAMPAIGNS),
                self.rnd.randint(self.start_year, self.start_year + self.years - 2),
            ),
        )
        d0 = dt.date(y, self.rnd.randint(8, 11), self.rnd.randint(1, 28))
        year_words = f"năm {y}–{y + 1}"
        plan = self.doc("Kế hoạch", "KH", "HU", HU, f"triển khai {name} {year_words}", d0)
        day = self.later(d0, 5, 15)
        guide = self.doc("Hướng dẫn", "HD", "BTGHU", BTG, f"tuyên truyền {name} {year_words}", day,
                         [(plan, True)])  # fmt: skip
        for c in self.rnd.sample(COMMUNES, self.rnd.randint(1, 6)):
            day = self.later(day, 3, 30)
            self.doc("Báo cáo", "BC", "ĐU", f"Đảng ủy xã {c}", f"kết quả thực hiện {name} tại xã {c}",
                     day, [(plan, True), (guide, True)], direction="incoming")  # fmt: skip
        end = dt.date(y + 1, self.rnd.randint(1, 4), self.rnd.randint(1, 28))
        self.doc("Báo cáo", "BC", "HU", HU, f"tổng kết {name} {year_words}", max(end, day),
                 [(plan, True)])  # fmt: skip

    def personnel(self) -> None:
        self.new_matter("personnel")
        person = _person(self.rnd)
        post = self.rnd.choice(["Phó Trưởng Ban Tổ chức Huyện ủy", "Chánh Văn phòng Huyện ủy",
                                "Phó Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
                                "Bí thư Đảng ủy xã " + self.rnd.choice(COMMUNES),
                                "Phó Trưởng Ban Tuyên giáo Huyện ủy"])  # fmt: skip
        d0 = self.day()
        sub = f"đề nghị bổ nhiệm đồng chí {person} giữ chức {post}"
        ttr = self.doc("Tờ trình", "TTr", "BTCHU", BTC, sub, d0)
        day = self.later(d0, 3, 12)
        self.doc("Biên bản", "BB", "HU", HU, f"hội nghị Ban Thường vụ Huyện ủy xem xét nhân sự {post}",
                 day, [(ttr, True)] if self.maybe(0.5) else [], direction="internal")  # fmt: skip
        day = self.later(day, 1, 7)
        qd = self.doc("Quyết định", "QĐ", "HU", HU, f"bổ nhiệm đồng chí {person} giữ chức {post}",
                      day, [(ttr, True)])  # fmt: skip
        if self.maybe(0.6):
            self.doc("Thông báo", "TB", "HU", HU, f"kết luận của Ban Thường vụ về nhân sự {post}",
                     self.later(day, 1, 5), [(qd, True)])  # fmt: skip

    def correspondence(self) -> None:
        self.new_matter("correspondence")
        topic = self.rnd.choice(REPORT_TOPICS)
        d0 = self.day()
        letter_in = self.maybe(0.7)
        letter = self.doc("Công văn", "CV", "TU", TU, f"về việc báo cáo {topic}", d0,
                          direction="incoming", present=letter_in)  # fmt: skip
        day = self.later(d0, 2, 8)
        fwd = self.doc("Công văn", "CV", "HU", HU,
                       f"về việc triển khai Công văn số {letter.number_symbol} của Tỉnh ủy", day,
                       [(letter, letter_in)])  # fmt: skip
        for c in self.rnd.sample(COMMUNES, self.rnd.randint(1, 5)):
            day = self.later(day, 2, 15)
            self.doc("Báo cáo", "BC", "ĐU", f"Đảng ủy xã {c}", f"{topic} trên địa bàn xã",
                     day, [(fwd, True)], direction="incoming", kind="replies")  # fmt: skip
        day = self.later(day, 2, 10)
        self.doc("Báo cáo", "BC", "HU", HU, f"{topic} (phúc đáp Công văn số {letter.number_symbol})",
                 day, [(letter, letter_in)], kind="replies")  # fmt: skip
        if self.maybe(0.4):
            # The neighbour district answered the same letter with its own "/HU" number.
            self.doc("Báo cáo", "BC", "HU", HU2, f"{topic} trên địa bàn huyện Hoành Bồ",
                     self.later(day, 0, 5), [(letter, letter_in)], direction="incoming",
                     kind="replies")  # fmt: skip

    def stray(self) -> None:
        self.new_matter("stray")
        what = self.rnd.choice(STRAYS)
        day = self.day()
        self.doc("Công văn", "CV", "VPHU", VP, f"về việc {what} ngày {day:%d/%m}", day)

    KINDS = ("principle", "congress", "inspection", "campaign", "personnel", "correspondence")


def build(seed: int, matters: int = 72, strays: int = 15, **kw) -> Case:
    """``matters`` matters (each kind in turn, then random) and ``strays``."""
    b = Builder(seed, **kw)
    for k in range(matters):
        kind = Builder.KINDS[k] if k < len(Builder.KINDS) else b.rnd.choice(Builder.KINDS)
        getattr(b, kind)()
    for _ in range(strays):
        b.stray()
    b.rnd.shuffle(b.case.docs)
    return b.case


def build_docs(seed: int, n_docs: int) -> Case:
    """About ``n_docs`` documents over ten years (the scale test)."""
    b = Builder(seed, start_year=2015, years=10)
    while len(b.case.docs) < n_docs:
        if b.rnd.random() < 0.08:
            b.stray()
        else:
            getattr(b, b.rnd.choice(Builder.KINDS))()
    return b.case
