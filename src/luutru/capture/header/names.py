"""Names as officials write them: "TỈNH ỦY QUẢNG NINH" → "Tỉnh ủy Quảng Ninh"."""

from __future__ import annotations

import re

from luutru.capture.header.text import _key
from luutru.core.vn import nfc

# Abbreviations printed inside names (mass organizations too: "HỘI CCB TỈNH …",
# "BCH HỘI LHPN TỈNH …").
_KEEP_UPPER = {
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "TNCS", "TW", "LĐLĐ", "BCH", "BTV", "UBKT", "VN",
    "CCB", "HCCB", "LHPN", "HLHPN", "HND", "ĐTN", "TWĐTN", "TP", "TX",
    # The Young Pioneers (Đội TNTP), schools, departments and services named by their letters.
    "TNTP", "THCS", "THPT", "GDĐT", "GD&ĐT", "LĐTBXH", "LĐ-TB&XH", "BHXH", "KH&ĐT", "TN&MT",
    "NN&PTNT", "KH&CN", "VHTT&DL", "BQL", "HTX", "CAND", "QĐND",
}  # fmt: skip


_PROPER = (
    "Việt Nam", "Hồ Chí Minh", "Đảng", "Trung ương", "Tổ quốc", "Chính phủ", "Quốc hội",
    "Chính trị", "Bí thư",  # "Bộ Chính trị", "Ban Bí thư" as officials write them
)  # fmt: skip


_POSITIONS = (
    "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Phó Chánh Văn phòng",
    "Trưởng ban", "Phó Trưởng ban", "Chủ nhiệm", "Phó Chủ nhiệm", "Giám đốc", "Phó Giám đốc",
    "Bí thư Chi bộ", "Phó Bí thư Chi bộ", "Chánh Thanh tra", "Trưởng phòng", "Phó Trưởng phòng",
    "Ủy viên", "Thủ trưởng", "Trưởng đoàn", "Trưởng Ban",
)  # fmt: skip


def display_name(upper: str) -> str:
    """ "TỈNH ỦY QUẢNG NINH" → "Tỉnh ủy Quảng Ninh" (best effort; names of known
    organizations are taken from the records instead)."""
    words = nfc(upper).split()
    if not words:
        return ""
    keys = [w.upper().strip(".,").replace("UỶ", "ỦY") for w in words]  # both spellings
    low = [w.lower() for w in words]
    cap = [False] * len(words)
    cap[0] = True
    place_from = len(words)
    for i, k in enumerate(keys):
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        if k in ("TỈNH", "HUYỆN", "THÀNH", "THỊ", "QUẬN", "ĐẢNG", "CHI", "VĂN") and nxt in (
            "ỦY",
            "BỘ",
            "ĐOÀN",
            "PHÒNG",
        ):
            cap[i] = True  # "Tỉnh ủy", "Đảng bộ", "Chi bộ", "Văn phòng" inside a name
            if k not in ("ĐẢNG", "CHI", "VĂN") and nxt in ("ỦY", "ĐOÀN"):
                place_from = i + 2
        elif k in ("TỈNH", "HUYỆN", "XÃ", "PHƯỜNG", "QUẬN") and nxt:
            place_from = i + 1
        elif k == "PHỐ" and i and keys[i - 1] == "THÀNH" and nxt:
            place_from = i + 1
        elif k == "BAN" and nxt and not (i and keys[i - 1] == "ỦY" and nxt == "NHÂN"):
            cap[i + 1] = True  # "Ban Tổ chức", "Ủy ban Kiểm tra"; not "Ủy ban nhân dân"
        elif k in ("SỞ", "HỘI", "PHÒNG", "TRƯỜNG") and nxt and i + 1 < place_from:
            cap[i + 1] = True  # "Sở Nội vụ", "Hội Nông dân", "Đảng ủy Khối"
        if k == "KHỐI" and i and keys[i - 1] == "ỦY":
            cap[i] = True
    out = []
    for i, w in enumerate(words):
        if w.upper() in _KEEP_UPPER:
            out.append(w)
        elif cap[i] or i >= place_from:
            out.append(low[i][:1].upper() + low[i][1:])
        else:
            out.append(low[i])
    text = " ".join(out)
    for p in _PROPER:
        text = re.sub(rf"(?<!\w){re.escape(p.lower())}(?!\w)", p, text)
    return text


def display_position(upper: str) -> str:
    """ "PHÓ BÍ THƯ" → "Phó Bí thư"."""
    if not upper:
        return ""
    key = _key(upper)
    for p in sorted(_POSITIONS, key=len, reverse=True):
        if _key(p) == key:
            return p
    low = nfc(upper).lower()
    return low[:1].upper() + low[1:]
