"""The bench's own words: places, people, subjects, stamps.

Written for this bench from the published rules on how documents are laid out
(Quy định 399-QĐ/TW of 9 January 2026, which followed 66-QĐ/TW of 2017, and
Hướng dẫn 36-HD/VPTW for the Party; Nghị định 30/2020/NĐ-CP Appendix I for
State bodies) and from everyday office usage; no
word list is taken from the parser (``luutru.capture``, ``luutru.rules``) and
no text of a real document is copied.
"""

from __future__ import annotations

# (capitals as printed in a header, title case as printed in a date line, a city)
PROVINCES = [
    ("QUẢNG TRỊ", "Quảng Trị", "Đông Hà"), ("HÀ GIANG", "Hà Giang", "Hà Giang"),
    ("BÌNH ĐỊNH", "Bình Định", "Quy Nhơn"), ("LÀO CAI", "Lào Cai", "Lào Cai"),
    ("PHÚ YÊN", "Phú Yên", "Tuy Hòa"), ("SÓC TRĂNG", "Sóc Trăng", "Sóc Trăng"),
    ("VĨNH PHÚC", "Vĩnh Phúc", "Vĩnh Yên"), ("KON TUM", "Kon Tum", "Kon Tum"),
    ("BẠC LIÊU", "Bạc Liêu", "Bạc Liêu"), ("HÒA BÌNH", "Hòa Bình", "Hòa Bình"),
    ("NINH THUẬN", "Ninh Thuận", "Phan Rang - Tháp Chàm"), ("YÊN BÁI", "Yên Bái", "Yên Bái"),
    ("GIA LAI", "Gia Lai", "Pleiku"), ("THANH HÓA", "Thanh Hóa", "Thanh Hóa"),
    ("BẮC GIANG", "Bắc Giang", "Bắc Giang"), ("TRÀ VINH", "Trà Vinh", "Trà Vinh"),
]  # fmt: skip
DISTRICTS = [
    ("CAM LỘ", "Cam Lộ"), ("VỊ XUYÊN", "Vị Xuyên"), ("TUY PHƯỚC", "Tuy Phước"),
    ("BẢO THẮNG", "Bảo Thắng"), ("ĐỒNG XUÂN", "Đồng Xuân"), ("MỸ TÚ", "Mỹ Tú"),
    ("TAM ĐẢO", "Tam Đảo"), ("ĐẮK HÀ", "Đắk Hà"), ("HỒNG DÂN", "Hồng Dân"),
    ("LẠC SƠN", "Lạc Sơn"), ("NINH HẢI", "Ninh Hải"), ("LỤC YÊN", "Lục Yên"),
    ("CHƯ PĂH", "Chư Păh"), ("NGA SƠN", "Nga Sơn"), ("LẠNG GIANG", "Lạng Giang"),
]  # fmt: skip
COMMUNES = [
    ("TÂN THÀNH", "Tân Thành"), ("PHÚC LỘC", "Phúc Lộc"), ("AN NHƠN", "An Nhơn"),
    ("HƯƠNG TRÀ", "Hương Trà"), ("THẠCH BÀN", "Thạch Bàn"), ("NAM HỒNG", "Nam Hồng"),
    ("KIM SƠN", "Kim Sơn"), ("ĐỨC HÒA", "Đức Hòa"), ("MINH KHAI", "Minh Khai"),
    ("YÊN LẠC", "Yên Lạc"), ("ĐÔNG HƯNG", "Đông Hưng"), ("QUẾ SƠN", "Quế Sơn"),
]  # fmt: skip
HAMLETS = [
    "THÔN TRUNG HÒA", "THÔN ĐÔNG LĨNH", "KHU PHỐ 5", "BẢN PHIÊNG LÙNG", "TỔ DÂN PHỐ 12",
    "THÔN TÂN AN", "ẤP BÌNH PHÚ", "KHỐI 7",
]  # fmt: skip
SCHOOLS = [
    "TRƯỜNG TIỂU HỌC KIM ĐỒNG", "TRƯỜNG THPT LÊ LỢI", "BỆNH VIỆN ĐA KHOA HUYỆN",
    "CÔNG AN XÃ", "TRẠM Y TẾ XÃ", "HỢP TÁC XÃ NÔNG NGHIỆP",
]  # fmt: skip

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Đinh Trịnh Lương Tạ Hà Cao Lò Triệu".split()
MIDDLES = (
    "Văn Thị Đức Minh Hữu Quang Ngọc Xuân Thu Kim Bá Công Thế Đình Trọng Khắc Như Quốc".split()
)
GIVENS = (
    "Tâm Phúc Hòa Khải Luân Thịnh Nhung Oanh Duyên Tùng Thảo Châu Diệp Giang Quyết Kiên "
    "Hậu Trung Thái Vĩnh Cúc Loan Trường Tiến Sang Điệp Hưng Bằng Chiến Thuận"
).split()

# Subjects: the lead depends on the type; the topic is shared. Some topics
# deliberately begin like a body sentence or hold the Party's name.
TOPICS = [
    "công tác lưu trữ tài liệu điện tử", "nâng cao chất lượng sinh hoạt chi bộ",
    "công tác phòng, chống dịch bệnh ở gia súc", "củng cố quốc phòng toàn dân",
    "phát triển kinh tế tập thể", "bảo vệ rừng và phòng cháy rừng",
    "xây dựng đội ngũ cán bộ cấp cơ sở", "quản lý hoạt động khai thác khoáng sản",
    "chăm lo đời sống người có công", "phổ biến, giáo dục pháp luật",
    "ứng dụng công nghệ thông tin trong quản lý văn bản", "kiểm tra tài chính đảng",
    "giữ gìn bản sắc văn hóa các dân tộc", "phát triển hợp tác xã kiểu mới",
    "tổ chức đại hội chi bộ nhiệm kỳ 2025 - 2027", "an toàn vệ sinh thực phẩm",
    "kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam",
    "tuyên truyền về biển, đảo", "công tác cán bộ nữ", "phòng, chống bạo lực gia đình",
    "huy động nguồn lực xã hội cho giáo dục", "sắp xếp đơn vị hành chính cấp xã",
    "lấy ý kiến góp ý dự thảo văn kiện Đại hội", "bình xét hộ nghèo, hộ cận nghèo",
    "phát triển đoàn viên, hội viên", "nước sạch và vệ sinh môi trường nông thôn",
]  # fmt: skip
BODYLIKE_TOPICS = [
    "Thực hiện chủ trương sáp nhập các thôn, tổ dân phố",
    "Thực hiện chế độ báo cáo định kỳ của các chi bộ",
    "Quản lý, sử dụng con dấu của các tổ chức đảng",
    "Quản lý đảng viên đi làm ăn xa nơi cư trú",
    "Quán triệt, triển khai các nghị quyết của Đảng",
    "Quy trình xem xét, thi hành kỷ luật đảng viên",
]  # fmt: skip
CAPITAL_TOPICS = [
    "VỀ CÔNG TÁC BẢO VỆ CHÍNH TRỊ NỘI BỘ ĐẢNG",
    "VỀ TIẾP TỤC ĐỔI MỚI PHƯƠNG THỨC LÃNH ĐẠO CỦA ĐẢNG",
    "VỀ TĂNG CƯỜNG CÔNG TÁC KIỂM TRA, GIÁM SÁT",
    "VỀ CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN, TỔ CHỨC BỘ MÁY CỦA CƠ QUAN THAM MƯU",
    "VỀ THẨM QUYỀN CỦA CẤP ỦY TRONG QUẢN LÝ TỔ CHỨC BỘ MÁY, BIÊN CHẾ",
    "VỀ XÂY DỰNG ĐỘI NGŨ TRÍ THỨC TRONG THỜI KỲ MỚI",
    "VỀ NHIỆM VỤ CỦA ĐẢNG VIÊN ĐANG CÔNG TÁC THƯỜNG XUYÊN LIÊN HỆ VỚI NƠI CƯ TRÚ",
    "VỀ CÔNG TÁC VĂN THƯ TRONG CÁC CƠ QUAN, TỔ CHỨC CỦA ĐẢNG CỘNG SẢN VIỆT NAM",
]  # fmt: skip
LAW_TITLES = [
    "LƯU TRỮ", "PHÒNG, CHỐNG MUA BÁN NGƯỜI", "THỰC HÀNH TIẾT KIỆM, CHỐNG LÃNG PHÍ",
    "THANH NIÊN", "DÂN QUÂN TỰ VỆ", "TIẾP CẬN THÔNG TIN", "HÒA GIẢI Ở CƠ SỞ",
]  # fmt: skip
ORDINANCE_TITLES = [
    "Ưu đãi người có công với cách mạng", "Chi phí tố tụng", "Quản lý thuế đối với hộ kinh doanh",
    "Khai thác và bảo vệ công trình thủy lợi",
]  # fmt: skip
DECREE_TITLES = [
    "Quy định chi tiết một số điều của Luật Lưu trữ", "Về quản lý và sử dụng con dấu",
    "Quy định về xử phạt vi phạm hành chính trong lĩnh vực văn thư",
    "Về chế độ tiền lương đối với cán bộ, công chức", "Về tổ chức và hoạt động của thôn, tổ dân phố",
]  # fmt: skip
CIRCULAR_TITLES = [
    "Hướng dẫn quản lý văn bản, lập hồ sơ và nộp lưu hồ sơ", "Quy định thời hạn bảo quản hồ sơ, tài liệu",
    "Hướng dẫn chế độ báo cáo thống kê ngành nội vụ", "Quy định định mức kinh tế - kỹ thuật chỉnh lý tài liệu",
]  # fmt: skip

SECRECY = ["", "MẬT", "TỐI MẬT", "TUYỆT MẬT"]
URGENCY = ["", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]
# ground-truth words, as a registry would write them
SECRECY_WORDS = {"": "", "MẬT": "Mật", "TỐI MẬT": "Tối mật", "TUYỆT MẬT": "Tuyệt mật"}
URGENCY_WORDS = {"": "", "KHẨN": "Khẩn", "THƯỢNG KHẨN": "Thượng khẩn", "HỎA TỐC": "Hỏa tốc"}

PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

BODY = [
    "Sau một thời gian triển khai, công việc đã có chuyển biến; song ở một số nơi việc thực hiện còn hình thức.",
    "Các cơ quan, đơn vị căn cứ nội dung này xây dựng kế hoạch cụ thể, phân công người phụ trách và thời hạn hoàn thành.",
    "Trong quá trình thực hiện, nếu có vướng mắc, phản ánh kịp thời về cơ quan thường trực để tổng hợp, xử lý.",
    "Giao bộ phận tham mưu theo dõi, đôn đốc, kiểm tra và định kỳ sáu tháng báo cáo kết quả.",
    "Văn bản này được phổ biến đến toàn thể cán bộ, đảng viên, hội viên và nhân dân trên địa bàn.",
    "Kinh phí bảo đảm từ nguồn dự toán được giao hằng năm và các nguồn hợp pháp khác theo quy định.",
]  # fmt: skip

# A document that runs past its first page (``families.long_plan``): section headings,
# more body, and what offices attach after the signature.
SECTIONS = [
    "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN", "I. TÌNH HÌNH, KẾT QUẢ",
    "II. HẠN CHẾ, NGUYÊN NHÂN", "III. NHIỆM VỤ, GIẢI PHÁP", "IV. KIẾN NGHỊ, ĐỀ XUẤT",
]  # fmt: skip
MORE_BODY = [
    "Tiếp tục quán triệt sâu sắc các quan điểm, mục tiêu đã đề ra; gắn việc thực hiện với nhiệm vụ chính trị của từng cơ quan, đơn vị.",
    "Rà soát, bổ sung quy chế làm việc, phân định rõ trách nhiệm của tập thể và cá nhân người đứng đầu.",
    "Đẩy mạnh ứng dụng công nghệ thông tin trong quản lý, điều hành; từng bước số hóa tài liệu lưu trữ.",
    "Chú trọng công tác kiểm tra, giám sát; kịp thời biểu dương, khen thưởng tập thể, cá nhân có thành tích.",
    "Định kỳ hằng quý, các đơn vị gửi báo cáo kết quả về cơ quan thường trực trước ngày 20 của tháng cuối quý.",
    "Tổ chức sơ kết, tổng kết, đánh giá kết quả, rút kinh nghiệm và đề xuất nội dung cần điều chỉnh.",
    "Bố trí cán bộ có năng lực, trách nhiệm làm công tác tham mưu, tổng hợp; bảo đảm điều kiện làm việc cần thiết.",
    "Phối hợp chặt chẽ với các cơ quan liên quan trong quá trình triển khai, tránh chồng chéo, hình thức.",
]  # fmt: skip
LIST_TITLES = [
    "THÀNH VIÊN BAN CHỈ ĐẠO", "THÀNH VIÊN TỔ GIÚP VIỆC", "CÁN BỘ ĐƯỢC CỬ ĐI HỌC",
    "ĐOÀN KIỂM TRA", "TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", "ĐẠI BIỂU DỰ HỘI NGHỊ",
]  # fmt: skip
LIST_ROLES = [
    "Phó Bí thư Thường trực", "Trưởng Ban Tổ chức", "Chánh Văn phòng", "Phó Chủ tịch Ủy ban nhân dân",
    "Trưởng Ban Tuyên giáo và Dân vận", "Chủ tịch Hội Nông dân", "Bí thư Huyện đoàn",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc", "Chuyên viên Văn phòng", "Giám đốc Sở Nội vụ", "Ủy viên",
]  # fmt: skip
FORM_TITLES = [
    ("BÁO CÁO", "Kết quả thực hiện ……………………"), ("PHIẾU", "Đăng ký danh mục hồ sơ năm ……"),
    ("BIÊN BẢN", "Giao nhận tài liệu"), ("TỜ TRÌNH", "Về việc ……………………"),
]  # fmt: skip
FORM_SIGNERS = [
    (("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"), ("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "(Ký tên, đóng dấu)")),
    (("", ""), ("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", "(Chữ ký của người có thẩm quyền, dấu của cơ quan)")),
    (("NGƯỜI GIAO", "(Ký, ghi rõ họ tên)"), ("NGƯỜI NHẬN", "(Ký, ghi rõ họ tên)")),
]  # fmt: skip
RECIPIENTS = [
    "Các đồng chí Ủy viên Ban Thường vụ", "Các ban, cơ quan tham mưu, giúp việc",
    "Các huyện ủy, thị ủy, thành ủy trực thuộc", "Các đảng ủy trực thuộc",
    "Ủy ban Mặt trận Tổ quốc và các đoàn thể", "Các sở, ban, ngành", "Ủy ban nhân dân các huyện",
    "Thường trực Hội đồng nhân dân", "Báo, Đài Phát thanh và Truyền hình", "Cổng Thông tin điện tử",
    "Các đồng chí Thành viên Ban Chỉ đạo", "Các chi bộ trực thuộc", "Đoàn Đại biểu Quốc hội",
    "Liên đoàn Lao động", "Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ", "Tỉnh đoàn",
]  # fmt: skip
