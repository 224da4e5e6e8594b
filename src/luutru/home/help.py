"""Help pages: one per task, in Vietnamese, with pictures of the real screens
(issue 13, item 9).

Each page names the screens it explains (their URL names); every page of the
app shows "Hướng dẫn" linking to the page for its screen (``help_for``, used by
the navigation context). The pictures are screenshots the browser tests take
(``tests/browser.py: shot``): a name listed in ``PICTURES`` is also written to
``static/help/<name>.jpg`` each time the tests run, so the pictures show the
screens as they are. A test checks that every screen of the registry, filing
and archive work has a page, that each page's links resolve and that each
picture exists.
"""

from __future__ import annotations

from dataclasses import dataclass

PICTURE_DIR = "help"  # under static/


@dataclass(frozen=True)
class HelpPage:
    slug: str
    title: str
    who: str  # the roles that do this task
    screens: tuple[str, ...]  # URL names of the screens it explains
    steps: tuple[str, ...]
    pictures: tuple[tuple[str, str], ...] = ()  # (screenshot name, caption)
    notes: tuple[str, ...] = ()


PAGES: tuple[HelpPage, ...] = (
    HelpPage(
        slug="van-ban",
        title="Văn bản: tìm, xem, vào sổ và sửa thông tin",
        who="Văn thư, cán bộ, chuyên viên",
        screens=("registry:list", "registry:create", "registry:detail", "registry:edit"),
        steps=(
            "Mở “Văn bản” trên thanh điều hướng: danh sách văn bản của cơ quan bạn, "
            "lọc theo năm, loại, độ mật.",
            "Bấm “Vào sổ văn bản” để nhập một văn bản: chọn tệp PDF, ghi số, ký hiệu, ngày "
            "tháng, trích yếu. Hệ thống kiểm tra số và ký hiệu theo quy định "
            "(ví dụ 12-NQ/TU của Đảng, 125/UBND-VP của Nhà nước).",
            "Bấm vào một văn bản để xem thông tin, các văn bản được dẫn và chữ ký số; bấm "
            "“Sửa thông tin” nếu cần sửa (mọi lần sửa đều được ghi lại).",
        ),
        pictures=(("capture-04-search", "Tìm văn bản vừa nhập, gõ không dấu cũng được"),),
        notes=(
            "Văn bản mật chỉ người có độ mật được tiếp cận tương ứng mới thấy.",
            "Văn bản không bao giờ bị xóa: văn bản sai được ghi chú, không mất.",
        ),
    ),
    HelpPage(
        slug="nhap-tai-lieu",
        title="Nhập tài liệu hàng loạt (tệp, thư mục, ZIP, bản quét)",
        who="Văn thư, cán bộ, lưu trữ viên",
        screens=(
            "capture:upload",
            "capture:batch",
            "capture:review",
            "capture:retry",
            "capture:batch_report",
        ),
        steps=(
            "Mở “Nhập tài liệu”, chọn cơ quan, chọn tệp (PDF, Word, ảnh quét) hoặc cả một "
            "tệp ZIP, rồi bấm “Nhập tài liệu”.",
            "Trang tiến độ cho biết từng tệp: đã vào sổ, cần xem lại, trùng, bị từ chối (kèm lý do).",
            "Tệp “cần xem lại”: mở ra, so với ảnh trang văn bản; trường nào hệ thống chưa chắc "
            "được đánh dấu và nói lý do. Sửa cho đúng rồi bấm xác nhận.",
            "Muốn kiểm tra cả lô trong Excel: tải “Báo cáo nhập” (XLSX).",
        ),
        pictures=(
            ("capture-01-chosen", "Chọn tệp để nhập"),
            ("capture-02-progress", "Tiến độ nhập từng tệp"),
            ("capture-05-review", "Xem lại một tệp: trường chưa chắc chắn được đánh dấu"),
        ),
    ),
    HelpPage(
        slug="danh-muc-ho-so",
        title="Lập, duyệt và ban hành danh mục hồ sơ năm",
        who="Văn thư, lưu trữ viên (lập); lãnh đạo (duyệt, ban hành)",
        screens=(
            "filing:plan_list",
            "filing:plan_create",
            "filing:plan_copy",
            "filing:plan_import",
            "filing:plan_detail",
            "filing:plan_add_heading",
            "filing:plan_add_item",
            "filing:plan_item_edit",
            "filing:plan_item_delete",
            "filing:plan_heading_delete",
            "filing:plan_scheme",
            "filing:plan_approve",
            "filing:plan_issue",
        ),
        steps=(
            "Mở “Danh mục hồ sơ”, bấm “Tạo danh mục” cho năm mới, hoặc “Sao chép” danh mục "
            "năm trước, hoặc nhập từ tệp Excel.",
            "Thêm đề mục (I, II… và 1, 2…), rồi thêm từng hồ sơ: tiêu đề, thời hạn bảo quản, "
            "người lập hồ sơ.",
            "Chọn cách đánh số (liên tục trong cả danh mục, hoặc riêng từng đề mục lớn).",
            "Lãnh đạo bấm “Duyệt” rồi “Ban hành” trước ngày hạn của quy định; sau khi ban hành, "
            "cán bộ mở hồ sơ theo danh mục.",
        ),
        pictures=(("10-plans", "Danh sách danh mục"), ("11-plan", "Một danh mục hồ sơ")),
    ),
    HelpPage(
        slug="lap-ho-so",
        title="Mở hồ sơ và đưa văn bản vào hồ sơ",
        who="Cán bộ, chuyên viên (người lập hồ sơ)",
        screens=(
            "filing:dossier_list",
            "filing:dossier_create",
            "filing:dossier_from_item",
            "filing:dossier_detail",
            "filing:dossier_upload",
            "filing:dossier_add",
            "filing:dossier_sort",
            "filing:dossier_move",
            "filing:dossier_remove",
            "filing:dossier_secrecy",
        ),
        steps=(
            "Mở “Hồ sơ”, bấm “Mở hồ sơ” từ một hồ sơ trong danh mục (hoặc mở hồ sơ ngoài danh "
            "mục, ghi đủ năm thông tin bắt buộc).",
            "Trong hồ sơ: tải văn bản lên, hoặc thêm văn bản đã vào sổ; văn bản xếp theo ngày "
            "(bấm “Sắp xếp theo ngày” nếu cần).",
            "Độ mật của hồ sơ theo văn bản mật nhất trong hồ sơ; lãnh đạo có thể nâng độ mật, ghi lý do.",
        ),
        pictures=(
            ("12-dossier-opened", "Hồ sơ vừa mở"),
            ("13-dossier-document-1", "Văn bản đã vào hồ sơ"),
        ),
    ),
    HelpPage(
        slug="ket-thuc-ho-so",
        title="Kết thúc hồ sơ: mục lục văn bản, chứng từ kết thúc",
        who="Cán bộ, chuyên viên (người lập hồ sơ)",
        screens=(
            "filing:dossier_close",
            "filing:dossier_reopen",
            "filing:dossier_index",
            "filing:dossier_certificate",
        ),
        steps=(
            "Khi công việc đã giải quyết xong, mở hồ sơ và bấm “Kết thúc hồ sơ”: hệ thống kiểm "
            "tra đủ văn bản, đánh số tờ, lập mục lục văn bản và chứng từ kết thúc.",
            "In mục lục văn bản và chứng từ kết thúc (DOCX/PDF) nếu cần bản giấy.",
            "Hồ sơ kết thúc rồi phải nộp lưu đúng hạn (xem “Nộp lưu”). Mở lại chỉ khi chưa nộp lưu.",
        ),
        pictures=(("14-dossier-closed", "Hồ sơ đã kết thúc"),),
    ),
    HelpPage(
        slug="nop-luu",
        title="Nộp lưu hồ sơ vào lưu trữ cơ quan",
        who="Cán bộ, chuyên viên; văn thư",
        screens=(
            "archive:index",
            "archive:new",
            "archive:detail",
            "archive:submit",
            "archive:delete",
        ),
        steps=(
            "Mở “Nộp lưu”: các hồ sơ đến hạn nộp và hạn cuối được liệt kê (hồ sơ quá hạn hiện đỏ).",
            "Bấm “Lập đợt nộp lưu”, chọn các hồ sơ, kiểm tra mục lục hồ sơ nộp lưu.",
            "Bấm “Gửi nộp lưu”. Nếu lưu trữ trả lại, lý do hiện ở trang chủ: sửa hồ sơ rồi gửi lại.",
        ),
        pictures=(
            ("15-deposit-due", "Hồ sơ đến hạn nộp lưu"),
            ("16-deposit-draft", "Đợt nộp lưu đang lập"),
            ("17-deposit-submitted", "Đã gửi nộp lưu"),
        ),
    ),
    HelpPage(
        slug="tiep-nhan",
        title="Tiếp nhận hồ sơ nộp lưu, kho lưu trữ cơ quan",
        who="Lưu trữ viên",
        screens=("archive:decide", "archive:holdings"),
        steps=(
            "Mở “Nộp lưu”: các đợt đã gửi chờ tiếp nhận.",
            "Kiểm tra từng hồ sơ; tiếp nhận, hoặc trả lại ghi rõ lý do cho từng hồ sơ.",
            "Hồ sơ đã tiếp nhận nằm trong kho lưu trữ cơ quan, chỉ đọc; biên bản giao nhận in từ trang đợt nộp lưu.",
        ),
        pictures=(
            ("18-archivist-deposits", "Các đợt nộp lưu chờ tiếp nhận"),
            ("19-deposit-accepted", "Đã tiếp nhận"),
            ("80-return-reasons", "Trả lại hồ sơ, ghi lý do"),
        ),
    ),
    HelpPage(
        slug="giu-lai",
        title="Giữ lại hồ sơ quá hạn nộp lưu",
        who="Cán bộ (đề nghị); lãnh đạo (duyệt)",
        screens=("archive:keep_backs", "archive:keep_back_request", "archive:keep_back_decide"),
        steps=(
            "Hồ sơ còn cần cho công việc có thể được giữ lại quá hạn nộp lưu, có thời hạn: "
            "mở hồ sơ, bấm “Đề nghị giữ lại”, ghi lý do và thời hạn.",
            "Lãnh đạo duyệt hoặc không duyệt; danh sách hồ sơ giữ lại ở “Nộp lưu › Giữ lại”.",
        ),
    ),
    HelpPage(
        slug="van-ban-den",
        title="Văn bản đến: vào sổ, chuyển, giao xử lý, giải quyết",
        who="Văn thư (vào sổ, chuyển); lãnh đạo (giao xử lý); cán bộ (giải quyết)",
        screens=(
            "desk:desk",
            "desk:receive",
            "desk:arrival",
            "desk:route",
            "desk:assignments",
            "desk:assign",
            "desk:queue",
            "desk:forward",
            "desk:progress",
            "desk:finish",
        ),
        steps=(
            "Văn thư mở “Văn bản đến”, bấm “Vào sổ văn bản đến”: chọn tệp, ghi nơi gửi, cách "
            "nhận (giấy, điện tử), độ khẩn. Hệ thống cho số đến tiếp theo của năm (văn bản mật "
            "có sổ riêng) và in được dấu “ĐẾN”.",
            "Văn thư chuyển văn bản cho lãnh đạo (hoặc thẳng cho một đơn vị).",
            "Lãnh đạo mở “Giao xử lý”: chọn người chủ trì, người phối hợp, hạn giải quyết, ghi ý "
            "kiến chỉ đạo.",
            "Cán bộ mở “Văn bản cần xử lý”: ghi tiến độ, chuyển trong đơn vị nếu cần, rồi kết "
            "thúc (kèm văn bản trả lời, hoặc “lưu, để biết”) và chọn hồ sơ để đưa cả hai văn bản vào.",
        ),
        pictures=(("loop-1-arrival", "Văn bản đến vừa vào sổ, có số đến"),),
        notes=("Văn bản quá hạn giải quyết hiện ở trang Thông báo và trang Tuân thủ.",),
    ),
    HelpPage(
        slug="ban-giao-cong-viec",
        title="Bàn giao công việc khi cán bộ nghỉ, chuyển công tác",
        who="Lãnh đạo cơ quan; quản trị hệ thống",
        screens=("desk:handover", "desk:handover_confirm", "desk:handover_record"),
        steps=(
            "Mở “Văn thư › Bàn giao công việc”, chọn cơ quan, người bàn giao và người nhận "
            "(cùng cơ quan), bấm “Xem trước”.",
            "Xem danh sách hồ sơ đang lập, văn bản đến chờ giao xử lý, văn bản đang xử lý và dự "
            "thảo văn bản đi (đang soạn, chờ duyệt, bị trả lại) sẽ chuyển; nếu người nhận không đủ vai trò hoặc chưa được tiếp cận tài liệu mật, hệ "
            "thống nêu rõ lý do.",
            "Bấm “Xác nhận bàn giao”: mọi việc chuyển cùng lúc; in biên bản bàn giao (Word, PDF) "
            "để hai bên ký.",
        ),
        notes=(
            "Chỉ kết thúc vai trò của một người khi người đó không còn việc nào đang mở tại cơ "
            "quan: hệ thống từ chối và nhắc bàn giao trước.",
        ),
    ),
    HelpPage(
        slug="van-ban-di",
        title="Văn bản đi: soạn, trình duyệt, phát hành, gửi",
        who="Cán bộ (soạn); lãnh đạo (duyệt); văn thư (phát hành)",
        screens=(
            "dispatch:index",
            "dispatch:new",
            "dispatch:detail",
            "dispatch:edit",
            "dispatch:version",
            "dispatch:submit",
            "dispatch:approve",
            "dispatch:return",
            "dispatch:issue",
            "dispatch:recall",
            "dispatch:file",
            "dispatch:package",
        ),
        steps=(
            "Cán bộ mở “Văn bản đi”, bấm “Soạn văn bản”: tải tệp dự thảo, ghi loại, trích yếu, "
            "nơi nhận, rồi trình lãnh đạo.",
            "Lãnh đạo duyệt, hoặc trả lại kèm ý kiến (các bản dự thảo đều được giữ).",
            "Văn thư phát hành: hệ thống cho số tiếp theo đúng sổ, tải bản đã ký số lên; văn bản "
            "đến ngay các cơ quan nhận dùng luutru; cơ quan ngoài hệ thống nhận gói trao đổi.",
            "Người soạn đưa bản lưu vào hồ sơ công việc.",
        ),
        pictures=(
            ("loop-3-draft", "Dự thảo văn bản trả lời"),
            ("loop-5-issued", "Văn bản đã phát hành, có số"),
        ),
    ),
    HelpPage(
        slug="gom-ho-so",
        title="Gom tài liệu rời thành hồ sơ",
        who="Cán bộ, văn thư, lãnh đạo",
        screens=(
            "bundles:index",
            "bundles:session",
            "bundles:move",
            "bundles:split",
            "bundles:merge",
            "bundles:update",
            "bundles:accept",
            "bundles:accept_all",
            "bundles:suggestions",
            "bundles:file_suggestion",
            "bundles:refuse_suggestion",
        ),
        steps=(
            "Mở “Gom hồ sơ”: chọn một lô đã nhập, hoặc các văn bản chưa vào hồ sơ của cơ quan.",
            "Hệ thống đề xuất các hồ sơ: tiêu đề, thời gian, hồ sơ trong danh mục, văn bản thiếu "
            "(được dẫn nhưng không có trong lô). Văn bản không thuộc nhóm nào để riêng.",
            "Chuyển văn bản giữa các nhóm, tách, gộp, đổi tên, chọn hồ sơ trong danh mục và người "
            "lập hồ sơ; rồi bấm “Chấp nhận” từng nhóm hoặc tất cả.",
            "Văn bản mới đến: trang văn bản gợi ý ba hồ sơ phù hợp nhất, bấm một lần để đưa vào.",
        ),
        pictures=(
            ("bundles-01-proposals", "Các hồ sơ được đề xuất"),
            ("bundles-03-accepted", "Đã chấp nhận: hồ sơ được mở, văn bản theo thứ tự"),
        ),
    ),
    HelpPage(
        slug="xac-dinh-gia-tri",
        title="Xác định giá trị, tiêu hủy tài liệu hết giá trị",
        who="Lưu trữ viên (đề xuất); hội đồng (ý kiến); lãnh đạo (quyết định)",
        screens=(
            "disposal:index",
            "disposal:new",
            "disposal:detail",
            "disposal:add_member",
            "disposal:send",
            "disposal:opinions",
            "disposal:decide",
            "disposal:confirm",
            "disposal:manifest",
            "disposal:holds",
            "disposal:lift",
            "disposal:schedules",
            "disposal:schedule",
            "disposal:schedule_load",
        ),
        steps=(
            "Lưu trữ viên mở “Xác định giá trị”, chọn phông, đánh dấu các hồ sơ đã hết thời hạn "
            "bảo quản (hồ sơ chưa đến hạn hay đang bị phong tỏa không chọn được).",
            "Ghi thành viên hội đồng; mỗi thành viên cho ý kiến từng hồ sơ: giữ thêm, tiêu hủy, "
            "nộp lưu lịch sử.",
            "Lãnh đạo quyết định. Việc tiêu hủy cần hai người khác nhau xác nhận; biên bản hủy in "
            "kèm bảng mã SHA-256 của từng tệp đã xóa. Thông tin hồ sơ và biên bản được giữ mãi.",
        ),
        pictures=(
            ("90-appraisal-proposal", "Đề xuất hồ sơ hết giá trị"),
            ("91-council-opinions", "Ý kiến hội đồng"),
            ("93-destroyed-minutes", "Đã tiêu hủy, có biên bản"),
        ),
    ),
    HelpPage(
        slug="nop-luu-lich-su",
        title="Nộp lưu hồ sơ vào Lưu trữ lịch sử",
        who="Lưu trữ viên",
        screens=(
            "transfer:index",
            "transfer:build",
            "transfer:transfer",
            "transfer:answer",
            "transfer:answer_upload",
            "transfer:receive",
            "transfer:received",
            "transfer:decide",
            "transfer:validate",
            "transfer:check",
        ),
        steps=(
            "Mở “Nộp lưu lịch sử”: các hồ sơ vĩnh viễn đã đến hạn nộp của từng cơ quan.",
            "Bấm “Lập gói nộp lưu”: hệ thống lập mục lục, biên bản giao nhận và gói chuẩn "
            "(E-ARK, BagIt) có mã kiểm tra từng tệp.",
            "Lưu trữ lịch sử nhận gói, kiểm tra, trả lời chấp nhận hay từ chối từng hồ sơ; chỉ khi "
            "được chấp nhận hồ sơ mới chuyển quyền quản lý.",
            "“Kiểm tra gói” (bên giao) và “Kiểm tra và tiếp nhận” (bên nhận) do tiến trình nền làm: "
            "trang hiện tiến độ từng tệp và tự cập nhật; bạn có thể rời trang, việc vẫn tiếp tục. "
            "Gói hỏng bị từ chối, nêu tên từng tệp sai.",
        ),
    ),
    HelpPage(
        slug="kho-luu-tru",
        title="Kho lưu trữ: tài liệu giấy, mục lục hồ sơ, hộp, giá",
        who="Lưu trữ viên (nhập, xếp giá, in nhãn); người đọc (tra tìm)",
        screens=(
            "holdings:index",
            "holdings:fonds",
            "holdings:inventory",
            "holdings:box",
            "holdings:dossier",
            "holdings:import",
            "holdings:repository",
            "holdings:box_label",
            "holdings:inventory_labels",
            "holdings:cover",
        ),
        steps=(
            "Mở “Kho lưu trữ”: các phông với số mục lục, hộp, mét giá và hồ sơ; bấm để đi từ "
            "phông → mục lục → hộp → hồ sơ.",
            "Nhập mục lục hồ sơ giấy có sẵn (Excel hoặc bảng trong Word): tải tệp lên, chọn cột "
            "cho từng trường (hệ thống nhớ cách chọn cho lần sau), bấm “Kiểm tra (chưa ghi gì)”: "
            "dòng sai được nêu rõ; hết lỗi thì bấm “Nhập”. Nhập lại cùng tệp chỉ cập nhật.",
            "In nhãn hộp và bìa hồ sơ (PDF có mã QR mở đúng hồ sơ trên hệ thống).",
            "Mở “Kho và giá” để xem từng kho, giá, khoang, tầng: số hộp, mét giá đã dùng, sức "
            "chứa và chỗ còn trống; chọn một vị trí và ghi sức chứa (số hộp hoặc mét giá). Vị "
            "trí đặt quá sức chứa được đánh dấu để chuyển bớt hộp.",
            "Tìm hồ sơ giấy ở trang Tìm kiếm (gõ không dấu cũng được): trang hồ sơ cho biết kho, "
            "giá, khoang, tầng, hộp và hộp đang ở đâu (trên giá, cho mượn, đang số hóa).",
        ),
        pictures=(
            ("holdings-import-preview", "Xem trước tệp mục lục, chọn cột"),
            ("holdings-dossier", "Một hồ sơ giấy và nơi để"),
            ("holdings-repository", "Kho và giá: số hộp, mét giá, sức chứa, chỗ còn trống"),
        ),
    ),
    HelpPage(
        slug="sao-luu",
        title="Sao lưu và khôi phục",
        who="Quản trị hệ thống",
        screens=("preservation:backups",),
        steps=(
            "Đặt lịch sao lưu ở trang “Sao lưu”: thư mục (ổ đĩa khác hoặc thư mục chia sẻ, có sẵn, "
            "ghi được), hằng ngày hoặc hằng tuần, giờ chạy, có kiểm tra lại hay không; tiến trình "
            "nền chạy theo lịch và báo cho quản trị khi một lần chạy thất bại. Mỗi lần chỉ chép "
            "thêm tệp mới. Chạy bằng tay: “luutru backup THƯ_MỤC”.",
            "Kiểm tra bản sao lưu: “luutru backup verify THƯ_MỤC” — tệp thiếu hay bị sửa được nêu tên.",
            "Khôi phục lên máy mới (thư mục dữ liệu trống): “luutru restore THƯ_MỤC”.",
            "Trang “Sao lưu” cho biết lịch, lần chạy tới, lần sao lưu gần nhất (kết quả, dung "
            "lượng, thời gian, đã kiểm tra hay chưa) và cách khắc phục khi thất bại.",
        ),
    ),
    HelpPage(
        slug="bao-quan",
        title="Bảo quản tài liệu điện tử và kiểm tra tính toàn vẹn",
        who="Quản trị hệ thống; lưu trữ viên nhận thông báo khi có tệp hỏng",
        screens=("preservation:fixity",),
        steps=(
            "Khi hồ sơ được nộp lưu, tiến trình nền định danh định dạng từng tệp theo PRONOM "
            "(công cụ fido) và tạo bản PDF/A để bảo quản; tệp không hợp chuyển sang PDF/A (ảnh, "
            "PDF có phông chữ không nhúng…) được giữ nguyên bản gốc, có ghi lý do.",
            "Tiến trình nền tính lại mã SHA-256 của mọi tệp theo lịch (mặc định mỗi ngày), mỗi lần "
            "một phần nhỏ nên không làm chậm trang web; “luutru preserve --schedule” đặt lịch ngay.",
            "Trang “Bảo quản” cho biết các lần kiểm tra, số tệp nguyên vẹn, tệp bị thay đổi hoặc bị "
            "mất và văn bản dùng tệp đó; lưu trữ viên và quản trị nhận thông báo khi có lỗi.",
            "Có tệp lỗi: khôi phục tệp từ bản sao lưu rồi chạy “luutru fixity” để xác nhận.",
        ),
    ),
    HelpPage(
        slug="to-chuc",
        title="Cơ quan, người dùng: nhập từ Excel, sắp xếp tổ chức",
        who="Quản trị viên",
        screens=(
            "orgs:tree",
            "orgs:detail",
            "orgs:import",
            "orgs:export",
            "orgs:reorganize",
            "orgs:staff",
        ),
        steps=(
            "Mở “Tổ chức”, bấm “Nhập, xuất danh sách…”: tải danh sách hiện có về (Excel), "
            "thêm hoặc sửa dòng, tải lên và bấm “Kiểm tra”: lỗi từng dòng được liệt kê, chưa "
            "thay đổi gì. Hết lỗi thì bấm “Nhập”.",
            "Đổi tên, chuyển trực thuộc, hợp nhất, chia tách, giải thể: mở trang cơ quan, bấm "
            "“Sắp xếp tổ chức”, ghi ngày hiệu lực và quyết định, bấm “Xem trước”, rồi “Thực hiện”.",
            "Người làm văn thư, lưu trữ: mở “Tổ chức › Người làm văn thư, lưu trữ” để xem cơ quan "
            "nào còn thiếu người, ai kiêm nhiệm, ai chưa được bồi dưỡng; giao người và ghi khóa "
            "bồi dưỡng ngay trên trang đó.",
            "Cơ quan thực hành: quản trị hệ thống chạy “luutru practice MÃ_TỈNH” (ví dụ "
            "“luutru practice TU”) để tạo cơ quan thực hành của tỉnh cùng một bộ hồ sơ, văn bản "
            "mẫu (chạy lại cho mỗi khóa mới); rồi giao vai trò cho học viên ở trang cơ quan đó. "
            "Hồ sơ, văn bản ở đây không tính vào số liệu nào.",
        ),
        pictures=(
            ("02-org-tree", "Cây tổ chức"),
            ("03-org-detail", "Trang một cơ quan"),
            ("orgs-import-problems", "Kiểm tra tệp Excel: lỗi từng dòng, chưa nhập gì"),
        ),
    ),
    HelpPage(
        slug="van-kien-dang",
        title="Văn kiện Đảng: nghị quyết, chỉ thị, kết luận, quy định, văn kiện đại hội",
        who="Mọi người (người đọc chỉ thấy văn bản đã nộp lưu vào kho)",
        screens=(
            "party_documents:index",
            "party_documents:detail",
            "party_documents:search",
        ),
        steps=(
            "Mở “Văn kiện Đảng” trên thanh điều hướng: các cơ quan ban hành với số nghị quyết, "
            "chỉ thị, kết luận, quy định và văn kiện đại hội của từng cơ quan.",
            "Bấm tên một cơ quan: các nhiệm kỳ (khóa) của cơ quan, mỗi nhiệm kỳ với số văn bản "
            "và đại hội mở đầu nhiệm kỳ; bấm để xem văn bản của nhiệm kỳ hay văn kiện của đại "
            "hội, hoặc chọn năm, chọn loại.",
            "Bấm trích yếu để đọc toàn văn, xem nhiệm kỳ hay đại hội của văn bản và các hồ sơ "
            "đang lưu văn bản đó.",
            "Tìm trong toàn văn: gõ vài từ (có dấu hay không dấu) vào ô “Tìm trong toàn văn”.",
        ),
        notes=(
            "Nhiệm kỳ của văn bản do hệ thống suy ra từ nhiệm kỳ đã khai báo của cấp ủy và quy "
            "tắc đánh số theo nhiệm kỳ (Hướng dẫn 36-HD/VPTW); nếu thiếu nhiệm kỳ, quản trị viên "
            "bổ sung ở mục Tổ chức.",
            "Văn bản mật chỉ người có độ mật được tiếp cận tương ứng mới thấy, kể cả khi tìm kiếm "
            "và khi Kho Lưu trữ Tỉnh ủy thu thập qua mạng (OAI-PMH, tập hợp “vankiendang”).",
        ),
    ),
    HelpPage(
        slug="so-hoa",
        title="Số hóa hồ sơ giấy: lô quét, tải ảnh quét, kiểm tra chất lượng",
        who="Lưu trữ viên (quét, kiểm tra, xác nhận); người đọc (xem bản số hóa, tìm theo nội dung)",
        screens=(
            "digitization:index",
            "digitization:batch",
            "digitization:close",
            "digitization:dossier",
            "digitization:page_image",
            "digitization:scan_file",
        ),
        steps=(
            "Mở “Kho lưu trữ › Số hóa hồ sơ giấy”: tiến độ từng phông (hồ sơ đã số hóa trên tổng "
            "số, số trang đã quét). Mở lô quét cho một hộp (hộp được ghi “Đang số hóa”) hoặc cả "
            "một mục lục.",
            "Trong lô quét, chọn hồ sơ và tải ảnh quét (JPEG, PNG, TIFF nhiều trang) hoặc PDF "
            "theo thứ tự trang. Máy chủ nhận dạng chữ ở nền; tải lại trang sau ít phút.",
            "Mở hồ sơ để xem kiểm tra chất lượng: số trang có chữ so với số tờ ghi trong mục lục, "
            "trang trắng, trang nghiêng, trang dưới 200 dpi. Quét lại trang hỏng, hoặc ghi lý do "
            "chấp nhận, rồi bấm “Xác nhận”.",
            "Quét xong cả lô thì “Đóng lô quét”: hộp được ghi trả về giá.",
        ),
        pictures=(("digitization-check", "Kiểm tra chất lượng một hồ sơ vừa quét"),),
        notes=(
            "Hồ sơ đã số hóa tìm được theo nội dung ở trang Tìm kiếm, với đúng quyền xem của hồ "
            "sơ giấy: hồ sơ mật chỉ người có độ mật tương ứng mới thấy chữ, ảnh trang và tệp PDF.",
        ),
    ),
)

BY_SLUG = {p.slug: p for p in PAGES}
BY_SCREEN = {screen: p for p in PAGES for screen in p.screens}
PICTURES = frozenset(name for p in PAGES for name, _ in p.pictures)


def help_for(view_name: str | None) -> HelpPage | None:
    """The help page of a screen (its URL name, "app:name"), if it has one."""
    return BY_SCREEN.get(view_name or "")
