"""Demo: a partly digitized inventory (issue 13, item 6). The office's third
inventory (congress dossiers, 24 dossiers of two to three sheets in two boxes)
is imported through the catalogue import; box 1 goes to the digitization desk
in a scanning batch; four dossiers are scanned and confirmed, a fifth waits for
a rescan (a skewed page, a blank page, a sheet missing). The rest of the
inventory is still paper only.

The pages are drawn from text (``digitization.sample``) and their text is
stored as already recognised: OCR of the demo's ~14 pages costs ~3.5 s a page
here (~50 s), too much for every demo load. The pages are measured (ink, skew)
on the real images, as the worker does."""

from __future__ import annotations

from luutru.demo.records import Records
from luutru.digitization import processing, sample, services
from luutru.holdings import importer
from luutru.holdings import sample as catalogue
from luutru.holdings.models import Box, PaperDossier

INVENTORY = 3
SHEETS = 3


def _page_text(d: PaperDossier, n: int) -> str:
    head = (
        "ĐẢNG BỘ TỈNH – VĂN PHÒNG TỈNH ỦY\n"
        f"Hồ sơ số {d.number}, mục lục số {INVENTORY}, phông {d.inventory.fonds.code}\n"
        f"{d.title.upper()}\n"
    )
    body = (
        f"Trang {n}. Căn cứ Điều lệ Đảng và hướng dẫn của Ban Chấp hành Trung ương, "
        "Ban Thường vụ đã lãnh đạo, chỉ đạo chuẩn bị văn kiện, nhân sự và tổ chức đại hội "
        "đúng quy định; các đảng bộ cơ sở hoàn thành đại hội trước thời hạn, bầu cấp ủy "
        "đủ số lượng, bảo đảm cơ cấu, tuổi và trình độ."
    )
    return head + body if n == 1 else body


def digitization_demo(r: Records) -> None:
    archivist = r.u("luutru.tu")
    fonds = r.org("VPTU").fonds
    rows = catalogue.rows(24, inventory=INVENTORY, per_box=12, seed=13, first_year=2000)
    for i, row in enumerate(rows):
        row[4] = (
            f"Hồ sơ Đại hội Đảng bộ xã {catalogue.COMMUNES[i % 6]} nhiệm kỳ {2000 + i}–{2005 + i}"
        )
        row[6] = SHEETS - i % 2  # two or three sheets
    data = catalogue.xlsx(rows, title="MỤC LỤC HỒ SƠ ĐẠI HỘI")
    table = importer.read_table(data, "muc-luc-dai-hoi.xlsx")
    pv = importer.preview(table)
    importer.apply(archivist, data, table, pv, pv.mapping, fonds, None)

    box = Box.objects.get(inventory__fonds=fonds, inventory__number=INVENTORY, number=1)
    batch = services.start_batch(
        archivist, box.inventory, box, "Số hóa hồ sơ đại hội, hộp 1 (máy quét phẳng, 200 dpi)"
    )
    dossiers = list(PaperDossier.objects.filter(box=box).order_by("number"))
    done = 2 if r.small else 4
    for d in dossiers[:done]:
        texts = [_page_text(d, n) for n in range(1, (d.sheets or 1) + 1)]
        images = [sample.page(t) for t in texts]
        scan = services.add_scan(archivist, batch, d, f"hs{d.number:03d}.tif", sample.tiff(images))
        processing.process_scan(scan.pk, known_text=texts)
        services.confirm(archivist, d)
    # One to scan again: page 2 skewed, the back of sheet 1 blank, sheet 3 missing.
    d = dossiers[done]
    texts = [_page_text(d, 1), "", _page_text(d, 2)]
    images = [sample.page(texts[0]), sample.page("", blank=True), sample.page(texts[2], skew=3)]
    for n, (text, image) in enumerate(zip(texts, images, strict=True), start=1):
        scan = services.add_scan(
            archivist, batch, d, f"hs{d.number:03d}-{n}.jpg", sample.jpeg(image)
        )
        processing.process_scan(scan.pk, known_text=[text])
