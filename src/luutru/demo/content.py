"""What the demo documents say: issuers (header cells, signers) and body text."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from luutru.demo import names
from luutru.demo.pdf import PartyDocument

TYPE_NAMES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "TTr": "Tờ trình",
    "BB": "Biên bản",
    "CTr": "Chương trình",
    "QC": "Quy chế",
}


@dataclass
class Issuer:
    """Who a document comes from, as its header and signature show it."""

    key: str
    superior: str
    name_caps: str
    abbrev: str
    place: str
    organ_name: str
    authority: str
    position: str
    signer: str
    motto: tuple[str, str] | None = None  # socio-political organizations use the national motto


def issuer_for_org(
    org, signer: str, *, superior: str, authority: str, position: str, name_caps: str | None = None
) -> Issuer:
    return Issuer(
        key=org.code,
        superior=superior,
        name_caps=name_caps or org.name.upper(),
        abbrev=org.issuer_abbrev,
        place=org.place,
        organ_name=org.name,
        authority=authority,
        position=position,
        signer=signer,
        motto=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
        if org.fonds_system == "front"
        else None,
    )


def central_issuers(namer: names.Namer) -> dict[str, Issuer]:
    return {
        "TW": Issuer(
            "TW",
            "",
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "TW",
            "Hà Nội",
            "Ban Chấp hành Trung ương Đảng",
            "T/M BAN BÍ THƯ",
            "",
            namer.person(False),
        ),
        "VPTW": Issuer(
            "VPTW",
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "VĂN PHÒNG",
            "VPTW",
            "Hà Nội",
            "Văn phòng Trung ương Đảng",
            "K/T CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            namer.person(),
        ),
    }


OPENINGS = {
    "NQ": "Căn cứ Điều lệ Đảng và Quy chế làm việc của {issuer} khóa hiện tại; trên cơ sở thảo luận tại hội nghị, {issuer} quyết nghị:",
    "QĐ": "Căn cứ Điều lệ Đảng; căn cứ Quy chế làm việc của {issuer}; xét đề nghị của bộ phận tham mưu, {issuer} quyết định:",
    "CT": "Thời gian qua, việc thực hiện công tác này đã có chuyển biến tích cực, song vẫn còn hạn chế. Để khắc phục, {issuer} yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội dung sau:",
    "KL": "Sau khi nghe báo cáo và ý kiến thảo luận, {issuer} kết luận như sau:",
    "HD": "Thực hiện chỉ đạo của cấp trên, {issuer} hướng dẫn các cơ quan, đơn vị một số nội dung cụ thể như sau:",
    "TB": "{issuer} thông báo để các cơ quan, đơn vị biết và thực hiện các nội dung sau:",
    "CV": "Thực hiện chương trình công tác năm {year}, {issuer} đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện nội dung nêu trên; báo cáo kết quả đúng thời hạn.",
    "BC": "Thực hiện chương trình công tác năm {year}, {issuer} báo cáo kết quả thực hiện như sau:",
    "KH": "Nhằm triển khai thực hiện có hiệu quả nhiệm vụ năm {year}, {issuer} xây dựng kế hoạch như sau:",
    "TTr": "{issuer} kính trình xem xét, cho ý kiến về nội dung sau:",
    "BB": "Hôm nay, tại trụ sở {issuer}, các thành phần tham dự đã tiến hành làm việc với nội dung sau:",
    "CTr": "{issuer} ban hành chương trình công tác năm {year} với các nội dung trọng tâm sau:",
    "QC": "Quy chế này quy định nguyên tắc, chế độ làm việc và trách nhiệm của {issuer}.",
}
SENTENCES = [
    "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tập trung lãnh đạo, chỉ đạo thực hiện nghiêm túc việc lập hồ sơ công việc và nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan đúng thời hạn.",
    "Mỗi cán bộ, công chức có trách nhiệm lập hồ sơ về công việc được giao; không để tài liệu trong tình trạng bó gói, chưa hình thành hồ sơ.",
    "Văn phòng cấp ủy chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc, kiểm tra và định kỳ báo cáo kết quả thực hiện.",
    "Bảo đảm thống nhất quản lý tài liệu phông lưu trữ Đảng theo đúng Quy định số 270-QĐ/TW, ngày 06/12/2014 của Ban Bí thư.",
    "Kết quả thực hiện các chỉ tiêu cơ bản đạt và vượt kế hoạch đề ra; một số nhiệm vụ còn chậm so với yêu cầu, cần tập trung khắc phục trong thời gian tới.",
    "Công tác văn thư, lưu trữ từng bước được chuẩn hóa; việc ứng dụng công nghệ thông tin, lập hồ sơ điện tử được đẩy mạnh.",
    "Tổ chức quán triệt sâu rộng đến cán bộ, đảng viên; gắn việc thực hiện với đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm.",
    "Các cơ quan, đơn vị chủ động rà soát, bổ sung danh mục hồ sơ phù hợp với chức năng, nhiệm vụ và yêu cầu công tác của từng cá nhân.",
    "Bảo đảm kinh phí, cơ sở vật chất, trang thiết bị cần thiết cho công tác lưu trữ; bố trí cán bộ có chuyên môn phù hợp.",
    "Kịp thời sơ kết, rút kinh nghiệm, biểu dương những tập thể, cá nhân làm tốt; chấn chỉnh những nơi còn chậm, chưa nghiêm.",
]
RECIPIENTS = {
    "TW": ["Các tỉnh ủy, thành ủy", "Các ban đảng Trung ương"],
    "VPTW": ["Văn phòng các tỉnh ủy, thành ủy"],
    "default": ["Thường trực cấp ủy (để báo cáo)", "Các cơ quan, đơn vị liên quan"],
}


def make_document(
    rng: random.Random,
    issuer: Issuer,
    type_abbrev: str,
    number: int,
    day: dt.date,
    subject: str,
    *,
    secret: bool = False,
    urgent: bool = False,
) -> PartyDocument:
    """A Party document of ``type_abbrev`` by ``issuer``, with a plausible body."""
    name = issuer.organ_name
    opening = OPENINGS.get(type_abbrev, OPENINGS["TB"]).format(issuer=name, year=day.year)
    picks = rng.sample(SENTENCES, 4 if type_abbrev in ("BC", "KH", "NQ") else 2)
    if type_abbrev == "CV":
        body = [
            f"Kính gửi: {rng.choice(RECIPIENTS['default'])}.",
            subject.removeprefix("V/v ").capitalize() + ". " + opening,
            *picks[:1],
        ]
    else:
        body = [opening, *[f"{n}. {s}" for n, s in enumerate(picks, start=1)]]
        if type_abbrev == "BC":
            body.append("Trên đây là báo cáo kết quả thực hiện; đề nghị cấp trên xem xét, chỉ đạo.")
    return PartyDocument(
        superior=issuer.superior,
        issuer=issuer.name_caps,
        number=f"{number:02d}",
        notation=f"{type_abbrev}/{issuer.abbrev}",
        place=issuer.place,
        day=day,
        type_name="" if type_abbrev == "CV" else TYPE_NAMES[type_abbrev],
        subject=subject if type_abbrev == "CV" else subject,
        body=body,
        signer_authority=issuer.authority,
        signer_position=issuer.position,
        signer_name=issuer.signer,
        recipients=RECIPIENTS.get(issuer.key, RECIPIENTS["default"]),
        secrecy="MẬT" if secret else "",
        urgency="KHẨN" if urgent else "",
        motto=issuer.motto,
    )
