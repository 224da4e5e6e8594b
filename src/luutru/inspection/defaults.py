"""Default inspection checklist: drawn from NĐ 30/2020 and the archive law; the
Party's own inspection forms were not found (DOMAIN.md §8) — "mặc định, cần xác minh"."""

from __future__ import annotations

DEFAULT_CHECKLIST = [
    (
        "KT01",
        "Danh mục hồ sơ của năm được lãnh đạo duyệt và ban hành đầu năm",
        "Xem danh mục hồ sơ năm được kiểm tra: trạng thái, số và ngày quyết định ban hành.",
        "NĐ 30/2020/NĐ-CP, Điều 28",
    ),
    (
        "KT02",
        "Hồ sơ được mở theo danh mục, đúng người lập hồ sơ",
        "So sánh hồ sơ trong danh mục với hồ sơ đã mở.",
        "NĐ 30/2020/NĐ-CP, Điều 29",
    ),
    (
        "KT03",
        "Văn bản đã đăng ký đều được đưa vào hồ sơ, không để bó gói",
        "Xem số văn bản chưa vào hồ sơ nào.",
        "NĐ 30/2020/NĐ-CP, Điều 29",
    ),
    (
        "KT04",
        "Hồ sơ kết thúc có chứng từ kết thúc; hồ sơ vĩnh viễn có mục lục văn bản",
        "Mở một số hồ sơ đã kết thúc.",
        "NĐ 30/2020/NĐ-CP, Phụ lục V",
    ),
    (
        "KT05",
        "Hồ sơ đến hạn được nộp lưu trong thời hạn (1 năm sau khi công việc kết thúc)",
        "Xem danh sách hồ sơ quá hạn nộp lưu.",
        "Luật Lưu trữ 2024; NĐ 30/2020/NĐ-CP, Điều 31",
    ),
    (
        "KT06",
        "Hồ sơ giữ lại có ý kiến đồng ý của lãnh đạo, không quá thời hạn giữ lại",
        "Xem các đề nghị giữ lại và hạn giữ lại.",
        "NĐ 30/2020/NĐ-CP, Điều 31",
    ),
    (
        "KT07",
        "Sổ đăng ký văn bản đi, đến được lập, in và đóng quyển",
        "Xem sổ đăng ký văn bản của năm.",
        "NĐ 30/2020/NĐ-CP, Phụ lục IV",
    ),
    (
        "KT08",
        "Văn bản, hồ sơ mật được đăng ký, quản lý theo độ mật",
        "Xem cách đăng ký, lưu giữ văn bản mật.",
        "Luật Bảo vệ bí mật nhà nước 2018",
    ),
]
