"""Default evaluation criteria: proposals of this system, not law (DOMAIN.md §8:
the Party's own evaluation forms were not found) — "mặc định, cần xác minh". That is
their ``evidence`` ("default"), shown to the administrator; the names and legal bases
hold only the criterion and its basis, as reports print them (issue 8, item 17)."""

from __future__ import annotations

import datetime as dt

DEFAULT_SET = {
    "name": "Tiêu chí đánh giá công tác lập hồ sơ, nộp lưu",
    "legal_basis": ("NĐ 30/2020/NĐ-CP; Luật Lưu trữ 2024"),
    "evidence": "default",
    "valid_from": dt.date(2000, 1, 1),
}

_BASIS_PLAN = "NĐ 30/2020/NĐ-CP, Điều 28: danh mục hồ sơ ban hành đầu năm"
_BASIS_FORM = "NĐ 30/2020/NĐ-CP, Điều 29: lập hồ sơ theo danh mục"
_BASIS_DEPOSIT = (
    "Luật Lưu trữ 2024; NĐ 30/2020/NĐ-CP, Điều 31: nộp lưu trong 1 năm sau khi công việc kết thúc"
)

DEFAULT_CRITERIA = [
    {
        "code": "plan_on_time",
        "name": "Ban hành danh mục hồ sơ đúng hạn",
        "description": "Danh mục hồ sơ của năm được ban hành trước hạn của bộ quy tắc (mặc định 31/01).",
        "weight": 15,
        "legal_basis": _BASIS_PLAN,
        "numerator": "plan_issued_on_time",
        "denominator": "plans_expected",
        "direction": "higher",
    },
    {
        "code": "opened_per_item",
        "name": "Lập hồ sơ theo danh mục",
        "description": "Số hồ sơ đã mở so với số hồ sơ trong danh mục.",
        "weight": 20,
        "legal_basis": _BASIS_FORM,
        "numerator": "dossiers_opened",
        "denominator": "plan_items",
        "direction": "higher",
    },
    {
        "code": "closed_per_opened",
        "name": "Kết thúc hồ sơ",
        "description": "Số hồ sơ đã kết thúc so với số hồ sơ đã mở.",
        "weight": 15,
        "legal_basis": _BASIS_FORM,
        "numerator": "dossiers_closed",
        "denominator": "dossiers_opened",
        "direction": "higher",
    },
    {
        "code": "deposited_on_time",
        "name": "Nộp lưu đúng hạn",
        "description": "Số hồ sơ nộp lưu đúng hạn so với số hồ sơ đã đến hạn nộp lưu.",
        "weight": 25,
        "legal_basis": _BASIS_DEPOSIT,
        "numerator": "deposited_on_time",
        "denominator": "dossiers_due",
        "direction": "higher",
    },
    {
        "code": "no_overdue",
        "name": "Không để hồ sơ quá hạn nộp lưu",
        "description": "Hồ sơ quá hạn chưa nộp lưu tại ngày tính (kể cả của các năm trước) so với hồ sơ đã đến hạn; càng thấp càng tốt.",
        "weight": 15,
        "legal_basis": _BASIS_DEPOSIT,
        "numerator": "overdue_now",
        "denominator": "dossiers_due",
        "direction": "lower",
    },
    {
        "code": "no_loose",
        "name": "Không để văn bản ngoài hồ sơ",
        "description": "Tỷ lệ văn bản đã đăng ký nhưng chưa vào hồ sơ nào (bó gói) càng thấp càng tốt.",
        "weight": 10,
        "legal_basis": _BASIS_FORM,
        "numerator": "loose_documents",
        "denominator": "documents",
        "direction": "lower",
    },
]
