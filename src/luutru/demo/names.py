"""Vietnamese names and place names for the demo province (all invented)."""

from __future__ import annotations

import random

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Mai",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Đình"]
MIDDLE_FEMALE = ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Kim", "Thùy", "Diệu"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Mạnh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hiếu",
    "Trung",
    "Đạt",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Trang",
    "Uyên",
    "Yến",
    "Hiền",
]

# Syllables that read as plausible place names; combined two by two.
PLACE_FIRST = [
    "An",
    "Bình",
    "Đông",
    "Hòa",
    "Hưng",
    "Phú",
    "Tân",
    "Thạch",
    "Thanh",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Quảng",
    "Đồng",
    "Minh",
    "Long",
    "Kim",
    "Ngọc",
    "Trường",
    "Cẩm",
    "Bảo",
    "Cát",
    "Định",
    "Gia",
    "Hiệp",
    "Khánh",
    "Lộc",
    "Nam",
    "Phúc",
    "Thái",
]
PLACE_SECOND = [
    "Lạc",
    "Lợi",
    "Phong",
    "Sơn",
    "Thịnh",
    "Thành",
    "Tiến",
    "Hà",
    "Lâm",
    "Khê",
    "Đức",
    "Hòa",
    "Mỹ",
    "Nghĩa",
    "Phước",
    "Quang",
    "Tân",
    "Trung",
    "Hải",
    "Xá",
    "Bình",
    "Cường",
    "Điền",
    "Giang",
    "Hưng",
    "Kiều",
    "Linh",
    "Ninh",
    "Thuận",
    "Vân",
]

PROVINCE = "Hòa Bình An"
CAPITAL = "Bình An"

# The 14 district-level committees: (kind of committee, issuer abbreviation, place).
# Four are Party committees directly under the province (đảng ủy trực thuộc):
# they have no communes, only grassroots organizations of agencies and firms.
DISTRICTS = [
    ("Thành ủy", "TPU", "Bình An"),
    ("Thị ủy", "TXU", "Đông Triều Sơn"),
    ("Huyện ủy", "HU", "Tân Lạc"),
    ("Huyện ủy", "HU", "Yên Phong"),
    ("Huyện ủy", "HU", "Hưng Hà"),
    ("Huyện ủy", "HU", "Vĩnh Khê"),
    ("Huyện ủy", "HU", "Phú Mỹ"),
    ("Huyện ủy", "HU", "Thạch Lâm"),
    ("Huyện ủy", "HU", "Xuân Trường"),
    ("Huyện ủy", "HU", "Cẩm Thịnh"),
    ("Đảng ủy Khối các cơ quan tỉnh", "ĐU", "Bình An"),
    ("Đảng ủy Khối doanh nghiệp tỉnh", "ĐU", "Bình An"),
    ("Đảng ủy Quân sự tỉnh", "ĐU", "Bình An"),
    ("Đảng ủy Công an tỉnh", "ĐU", "Bình An"),
]

GRASSROOTS_UNDER_COMMUNE = [
    "Chi bộ thôn {p}",
    "Chi bộ khu phố {p}",
    "Đảng bộ Trường Trung học cơ sở {p}",
    "Chi bộ Trường Tiểu học {p}",
    "Chi bộ Trạm Y tế {p}",
    "Đảng bộ Hợp tác xã {p}",
    "Chi bộ Quân sự {p}",
    "Chi bộ Công an {p}",
]
GRASSROOTS_UNDER_BLOC = [
    "Đảng bộ Sở {p}",
    "Chi bộ Ban Quản lý dự án {p}",
    "Đảng bộ Công ty cổ phần {p}",
    "Chi bộ Trung tâm {p}",
    "Đảng bộ Bệnh viện đa khoa {p}",
    "Đảng bộ Trường Cao đẳng {p}",
    "Đảng bộ Tiểu đoàn {p}",
    "Chi bộ Đồn {p}",
]

# (name, short name, issuer abbreviation, code) — the 6 provincial socio-political organizations.
SOCIO_POLITICAL = [
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ", "MTTQ", "MTTQ"),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", "LĐLĐ", "LDLD"),
    ("Tỉnh đoàn Hòa Bình An (Đoàn TNCS Hồ Chí Minh)", "Tỉnh đoàn", "TĐTN", "TDTN"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Hội Phụ nữ", "HLHPN", "HLHPN"),
    ("Hội Nông dân tỉnh", "Hội Nông dân", "HND", "HND"),
    ("Hội Cựu chiến binh tỉnh", "Hội CCB", "HCCB", "HCCB"),
]
BRANCH_PATTERNS = {
    "MTTQ": "Ban Công tác Mặt trận khu dân cư {p}",
    "LDLD": "Công đoàn cơ sở {p}",
    "TDTN": "Đoàn Thanh niên xã {p}",
    "HLHPN": "Chi hội Phụ nữ thôn {p}",
    "HND": "Chi hội Nông dân thôn {p}",
    "HCCB": "Chi hội Cựu chiến binh thôn {p}",
}


class Namer:
    """Deterministic, non-repeating place and person names drawn from one RNG."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.places = [a + " " + b for a in PLACE_FIRST for b in PLACE_SECOND if a != b]
        rng.shuffle(self.places)
        self._next_place = 0
        self._people: set[str] = set()

    def place(self) -> str:
        name = self.places[self._next_place % len(self.places)]
        self._next_place += 1
        return name

    def person(self, female: bool | None = None) -> str:
        rng = self.rng
        if female is None:
            female = rng.random() < 0.45
        for _ in range(100):
            middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            name = f"{rng.choice(SURNAMES)} {middle} {given}"
            if name not in self._people:
                self._people.add(name)
                return name
        return name
