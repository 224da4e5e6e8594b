"""The demo's file plans: headings, planned files and the documents each file
collects. Titles follow DOMAIN.md §9; "{y}" is the plan's year. Retention is
given in years (None = permanent) and looked up in the body's rule profile."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Doc:
    type: str  # type abbreviation (rules.DocumentType), e.g. "NQ"
    issuer: str  # "self", "TU", "VPTU", "TW", "VPTW", "parent" …
    subject: str  # trích yếu; typed documents start with "về …", công văn with "V/v …"
    month: int = 0  # the month it is usually issued in (0: any time of the year)


@dataclass(frozen=True)
class Item:
    title: str
    retention: int | None
    docs: tuple[Doc, ...]
    secret: bool = False
    note: str = ""
    years: tuple[int, ...] = ()  # empty = every year


@dataclass(frozen=True)
class Heading:
    title: str
    abbrev: str
    items: tuple[Item, ...] = ()
    subs: tuple[tuple[str, tuple[Item, ...]], ...] = field(default_factory=tuple)


# The note column is printed on the file plan: no internal marker there (issue 8,
# item 17); that a retention period is a default is its rule's ``evidence``.
VERIFY = ""

REPORTS = Item(
    "Báo cáo tháng, quý năm {y}",
    5,
    (
        Doc("BC", "self", "về kết quả công tác tháng 01 năm {y}", 2),
        Doc("BC", "self", "về kết quả công tác quý I năm {y}", 4),
        Doc("BC", "self", "về kết quả công tác quý III năm {y}", 10),
    ),
)

PLANS: dict[str, tuple[Heading, ...]] = {
    "VPTU": (
        Heading(
            "Công tác tổng hợp",
            "VP",
            subs=(
                (
                    "Đại hội, hội nghị Ban Chấp hành",
                    (
                        Item(
                            "Hồ sơ Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025–2030",
                            None,
                            (
                                Doc(
                                    "KH",
                                    "TU",
                                    "về tổ chức Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025–2030",
                                    3,
                                ),
                                Doc(
                                    "NQ",
                                    "TU",
                                    "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2025–2030",
                                    10,
                                ),
                                Doc(
                                    "BB",
                                    "TU",
                                    "về kiểm phiếu bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI",
                                    10,
                                ),
                            ),
                            note=VERIFY,
                            years=(2025,),
                        ),
                        Item(
                            "Hồ sơ chuẩn bị nhân sự Ban Chấp hành Đảng bộ tỉnh khóa XVI",
                            None,
                            (
                                Doc(
                                    "TTr",
                                    "BTCTU",
                                    "về phương án nhân sự Ban Chấp hành Đảng bộ tỉnh khóa XVI",
                                ),
                                Doc(
                                    "TB", "TU", "về kết luận của Ban Thường vụ về công tác nhân sự"
                                ),
                            ),
                            secret=True,
                            note=VERIFY,
                            years=(2024, 2025),
                        ),
                        Item(
                            "Hồ sơ xây dựng Quy chế làm việc của Ban Chấp hành khóa XVI",
                            20,
                            (
                                Doc(
                                    "TTr",
                                    "VPTU",
                                    "về dự thảo Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVI",
                                ),
                                Doc(
                                    "QĐ",
                                    "TU",
                                    "về ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVI",
                                ),
                            ),
                            years=(2025, 2026),
                        ),
                    ),
                ),
                (
                    "Kế hoạch, báo cáo",
                    (
                        Item(
                            "Kế hoạch, báo cáo công tác năm {y} của Văn phòng Tỉnh ủy",
                            None,
                            (
                                Doc("KH", "self", "về công tác năm {y} của Văn phòng Tỉnh ủy", 1),
                                Doc(
                                    "BC",
                                    "self",
                                    "về tổng kết công tác năm {y}, phương hướng nhiệm vụ năm tiếp theo",
                                    12,
                                ),
                            ),
                        ),
                        Item(
                            "Báo cáo sơ kết 6 tháng đầu năm {y}",
                            20,
                            (
                                Doc("BC", "self", "về sơ kết công tác 6 tháng đầu năm {y}", 7),
                                Doc("KL", "TU", "về kết quả 6 tháng đầu năm {y}", 7),
                            ),
                        ),
                        REPORTS,
                    ),
                ),
                (
                    "Văn thư, lưu trữ",
                    (
                        Item(
                            "Công văn trao đổi về công tác văn thư, lưu trữ năm {y}",
                            10,
                            (
                                Doc(
                                    "CV",
                                    "VPTW",
                                    "V/v hướng dẫn lập hồ sơ và nộp lưu hồ sơ, tài liệu năm {y}",
                                ),
                                Doc(
                                    "CV",
                                    "self",
                                    "V/v đôn đốc nộp lưu hồ sơ, tài liệu vào Lưu trữ cơ quan",
                                ),
                                Doc("HD", "self", "về lập danh mục hồ sơ năm {y}", 1),
                            ),
                        ),
                        Item(
                            "Hồ sơ về công tác bảo vệ bí mật nhà nước năm {y}",
                            None,
                            (
                                Doc("BC", "self", "về công tác bảo vệ bí mật nhà nước năm {y}"),
                                Doc("CT", "TU", "về tăng cường công tác bảo vệ bí mật nhà nước"),
                            ),
                            secret=True,
                        ),
                    ),
                ),
            ),
        ),
        Heading(
            "Hành chính, quản trị, tài vụ",
            "QTTV",
            items=(
                Item(
                    "Hồ sơ dự toán, quyết toán ngân sách năm {y}",
                    10,
                    (
                        Doc("QĐ", "self", "về giao dự toán ngân sách năm {y}", 1),
                        Doc("BC", "self", "về quyết toán ngân sách năm {y}", 12),
                    ),
                ),
            ),
        ),
    ),
    "BTCTU": (
        Heading(
            "Tổ chức đảng, đảng viên",
            "TCĐ",
            items=(
                Item(
                    "Hồ sơ thống kê tổ chức đảng, đảng viên năm {y}",
                    None,
                    (
                        Doc("BC", "self", "về số lượng tổ chức đảng, đảng viên năm {y}"),
                        Doc("HD", "BTCTU", "về thống kê, báo cáo tổ chức đảng năm {y}"),
                    ),
                ),
                Item(
                    "Hồ sơ kết nạp đảng viên năm {y}",
                    None,
                    (
                        Doc("QĐ", "TU", "về kết nạp đảng viên"),
                        Doc("BC", "self", "về công tác phát triển đảng viên năm {y}"),
                    ),
                ),
            ),
        ),
        Heading(
            "Cán bộ",
            "CB",
            items=(
                Item(
                    "Hồ sơ quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý năm {y}",
                    None,
                    (
                        Doc("TTr", "self", "về rà soát, bổ sung quy hoạch cán bộ năm {y}"),
                        Doc("QĐ", "TU", "về phê duyệt bổ sung quy hoạch cán bộ"),
                    ),
                    secret=True,
                ),
                Item(
                    "Hồ sơ luân chuyển, điều động cán bộ năm {y}",
                    20,
                    (
                        Doc("KH", "TU", "về luân chuyển cán bộ năm {y}"),
                        Doc("TB", "self", "về kết quả luân chuyển cán bộ"),
                    ),
                ),
                Item(
                    "Công văn trao đổi về công tác tổ chức, cán bộ năm {y}",
                    10,
                    (
                        Doc("CV", "self", "V/v báo cáo số liệu cán bộ năm {y}"),
                        Doc("CV", "self", "V/v cử cán bộ tham gia lớp bồi dưỡng"),
                    ),
                ),
            ),
        ),
    ),
    "UBKTTU": (
        Heading(
            "Kiểm tra, giám sát",
            "UBKT",
            items=(
                Item(
                    "Hồ sơ kiểm tra tổ chức đảng cấp dưới năm {y}",
                    20,
                    (
                        Doc("KH", "self", "về kiểm tra tổ chức đảng cấp dưới năm {y}", 2),
                        Doc("TB", "self", "về kết luận kiểm tra đối với tổ chức đảng cấp dưới"),
                    ),
                    note=VERIFY,
                ),
                Item(
                    "Hồ sơ giám sát chuyên đề năm {y}",
                    20,
                    (
                        Doc("QĐ", "self", "về giám sát chuyên đề năm {y}", 3),
                        Doc("BC", "self", "về kết quả giám sát chuyên đề năm {y}"),
                    ),
                ),
                Item(
                    "Hồ sơ giải quyết tố cáo đối với đảng viên năm {y}",
                    None,
                    (
                        Doc("BC", "self", "về kết quả xác minh nội dung tố cáo"),
                        Doc("TB", "self", "về kết luận giải quyết tố cáo"),
                    ),
                    secret=True,
                ),
                REPORTS,
            ),
        ),
    ),
    "BTGTU": (
        Heading(
            "Tuyên truyền",
            "TT",
            items=(
                Item(
                    "Kế hoạch, báo cáo công tác tuyên giáo năm {y}",
                    None,
                    (
                        Doc("KH", "self", "về công tác tuyên giáo năm {y}", 1),
                        Doc("BC", "self", "về tổng kết công tác tuyên giáo năm {y}", 12),
                    ),
                ),
                Item(
                    "Hồ sơ tổ chức kỷ niệm ngày thành lập Đảng năm {y}",
                    10,
                    (
                        Doc(
                            "HD",
                            "BTGTU",
                            "về tuyên truyền kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam",
                            1,
                        ),
                        Doc("BC", "self", "về kết quả tổ chức các hoạt động kỷ niệm", 2),
                    ),
                ),
                Item(
                    "Hồ sơ học tập, quán triệt nghị quyết năm {y}",
                    20,
                    (
                        Doc("KH", "TU", "về học tập, quán triệt nghị quyết của Trung ương"),
                        Doc("BC", "self", "về kết quả học tập, quán triệt nghị quyết"),
                    ),
                ),
            ),
        ),
        Heading(
            "Lý luận chính trị, lịch sử Đảng",
            "LLCT",
            items=(
                Item(
                    "Hồ sơ biên soạn lịch sử Đảng bộ tỉnh, giai đoạn {y}",
                    None,
                    (
                        Doc("QĐ", "TU", "về thành lập Ban biên soạn lịch sử Đảng bộ tỉnh"),
                        Doc("BB", "self", "về hội thảo khoa học lịch sử Đảng bộ tỉnh"),
                    ),
                ),
            ),
        ),
    ),
    "DISTRICT": (
        Heading(
            "Văn phòng Huyện ủy",
            "VP",
            items=(
                Item(
                    "Kế hoạch, báo cáo công tác năm {y} của Huyện ủy",
                    None,
                    (
                        Doc("CTr", "self", "công tác năm {y} của Ban Chấp hành Đảng bộ huyện", 1),
                        Doc("BC", "self", "về kết quả công tác năm {y}", 12),
                    ),
                ),
                Item(
                    "Báo cáo sơ kết 6 tháng đầu năm {y}",
                    20,
                    (Doc("BC", "self", "về sơ kết công tác 6 tháng đầu năm {y}", 7),),
                ),
                REPORTS,
                Item(
                    "Công văn trao đổi về công tác văn thư, lưu trữ năm {y}",
                    10,
                    (
                        Doc("CV", "TU", "V/v nộp lưu hồ sơ, tài liệu vào Lưu trữ cơ quan"),
                        Doc("CV", "self", "V/v báo cáo công tác văn thư, lưu trữ năm {y}"),
                    ),
                ),
                Item(
                    "Hồ sơ kết thúc hoạt động của Huyện ủy, bàn giao hồ sơ, tài liệu",
                    None,
                    (
                        Doc(
                            "KH",
                            "self",
                            "về kết thúc hoạt động, bàn giao hồ sơ, tài liệu của Huyện ủy",
                            5,
                        ),
                        Doc("BB", "self", "về bàn giao hồ sơ, tài liệu lưu trữ", 6),
                    ),
                    years=(2025,),
                ),
            ),
        ),
    ),
    "COMMUNE": (
        Heading(
            "Công tác xây dựng Đảng",
            "XDĐ",
            items=(
                Item(
                    "Nghị quyết, báo cáo hội nghị Ban Chấp hành Đảng bộ xã năm {y}",
                    None,
                    (
                        Doc("NQ", "self", "về nhiệm vụ năm {y}", 1),
                        Doc("BC", "self", "về kết quả thực hiện nghị quyết năm {y}", 12),
                    ),
                ),
                Item(
                    "Hồ sơ kết nạp đảng viên năm {y}",
                    None,
                    (
                        Doc("TTr", "self", "về đề nghị kết nạp đảng viên"),
                        Doc("BC", "self", "về công tác phát triển đảng viên"),
                    ),
                ),
                Item(
                    "Hồ sơ Đại hội đại biểu Đảng bộ xã, nhiệm kỳ 2025–2030",
                    None,
                    (
                        Doc(
                            "KH",
                            "self",
                            "về tổ chức Đại hội đại biểu Đảng bộ xã nhiệm kỳ 2025–2030",
                            7,
                        ),
                        Doc("NQ", "self", "Đại hội đại biểu Đảng bộ xã nhiệm kỳ 2025–2030", 8),
                    ),
                    note=VERIFY,
                    years=(2025,),
                ),
            ),
        ),
        Heading(
            "Văn phòng Đảng ủy",
            "VP",
            items=(
                REPORTS,
                Item(
                    "Công văn trao đổi năm {y}",
                    10,
                    (
                        Doc("CV", "self", "V/v báo cáo tình hình tổ chức cơ sở đảng"),
                        Doc("CV", "parent", "V/v triển khai nhiệm vụ công tác Đảng năm {y}"),
                    ),
                ),
            ),
        ),
    ),
    "SOCIO": (
        Heading(
            "Tổ chức - Kiểm tra",
            "TCKT",
            items=(
                Item(
                    "Kế hoạch, báo cáo công tác Hội năm {y}",
                    None,
                    (
                        Doc("KH", "self", "về công tác Hội và phong trào phụ nữ năm {y}", 1),
                        Doc("BC", "self", "về tổng kết công tác Hội năm {y}", 12),
                    ),
                ),
                REPORTS,
                Item(
                    "Công văn trao đổi năm {y}",
                    10,
                    (Doc("CV", "self", "V/v triển khai phong trào thi đua năm {y}"),),
                ),
            ),
        ),
    ),
}


# Everyday papers that gather in any dossier besides its key documents.
EXTRAS = (
    Doc("CV", "self", "V/v đôn đốc thực hiện nhiệm vụ"),
    Doc("CV", "self", "V/v cung cấp thông tin, tài liệu"),
    Doc("CV", "self", "V/v góp ý dự thảo văn bản"),
    Doc("TB", "self", "về ý kiến chỉ đạo của lãnh đạo cơ quan"),
    Doc("BB", "self", "về cuộc họp triển khai công việc"),
    Doc("TTr", "self", "về đề nghị phê duyệt nội dung công việc"),
)
