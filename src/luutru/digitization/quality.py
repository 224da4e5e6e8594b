"""The quality check of a dossier's scans: every problem named, in Vietnamese.

Pages are counted against the sheets the catalogue records (a sheet has two
sides: at least one scanned page with ink per sheet, at most two); blank pages,
skewed pages and pages under the resolution of NĐ 30/2020 App. I are flagged,
each with the file and page it is on. The measures are those the worker took
on the real images (``pages.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from luutru.digitization.models import Page, Scan, ScanState
from luutru.holdings.models import PaperDossier

BLANK_INK = 0.001  # a page with less ink than this share of its pixels is blank
SKEW_DEGREES = 1.0  # a page turned more than this is to be scanned again
MIN_DPI = 200  # NĐ 30/2020 App. I: scans at 200 dpi or more


@dataclass
class PageFlag:
    page: Page
    problem: str


@dataclass
class Check:
    sheets: int | None
    pages: int = 0  # pages read
    with_ink: int = 0
    waiting: int = 0  # files the worker has not finished
    failed: list[str] = field(default_factory=list)
    count_problem: str = ""
    flags: list[PageFlag] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        out = list(self.failed)
        if self.count_problem:
            out.append(self.count_problem)
        out += [f.problem for f in self.flags]
        return out

    @property
    def finished(self) -> bool:
        return self.waiting == 0 and self.pages > 0

    @property
    def passed(self) -> bool:
        return self.finished and not self.problems


def _degrees(value: float) -> str:
    return f"{abs(value):.1f}".replace(".", ",")


def is_blank(page: Page) -> bool:
    return page.ink < BLANK_INK


def is_skewed(page: Page) -> bool:
    return abs(page.skew) > SKEW_DEGREES


def page_count_problem(with_ink: int, sheets: int | None) -> str:
    """The rule: one to two pages with ink per sheet recorded."""
    if sheets is None or sheets == 0:
        return "Mục lục chưa ghi số tờ của hồ sơ: chưa đối chiếu được số trang."
    if with_ink < sheets:
        return (
            f"Thiếu trang: quét được {with_ink} trang có chữ, mục lục ghi {sheets} tờ "
            f"(mỗi tờ ít nhất một trang)."
        )
    if with_ink > 2 * sheets:
        return (
            f"Thừa trang: quét được {with_ink} trang có chữ, mục lục ghi {sheets} tờ "
            f"(nhiều nhất {2 * sheets} trang). Kiểm tra trang quét trùng hoặc số tờ ghi sai."
        )
    return ""


def check(dossier: PaperDossier) -> Check:
    """The dossier's check from its scans and their pages."""
    result = Check(sheets=dossier.sheets)
    scans = Scan.objects.filter(dossier=dossier).prefetch_related("pages").order_by("position")
    for scan in scans:
        if scan.state == ScanState.QUEUED:
            result.waiting += 1
            continue
        if scan.state == ScanState.FAILED:
            result.failed.append(f"Tệp “{scan.name}”: {scan.error or 'không xử lý được'}")
            continue
        for page in scan.pages.all():
            result.pages += 1
            where = f"Tệp “{scan.name}”, trang {page.number}"
            if is_blank(page):
                result.flags.append(PageFlag(page, f"{where}: trang trắng (không có chữ)."))
                continue
            result.with_ink += 1
            if is_skewed(page):
                result.flags.append(
                    PageFlag(
                        page,
                        f"{where}: bị nghiêng khoảng {_degrees(page.skew)}° "
                        f"(quá {SKEW_DEGREES:.0f}°), nên quét lại.",
                    )
                )
            if page.dpi is not None and page.dpi < MIN_DPI:
                result.flags.append(
                    PageFlag(page, f"{where}: độ phân giải {page.dpi} dpi (cần từ {MIN_DPI} dpi).")
                )
    if result.waiting == 0 and result.pages:
        result.count_problem = page_count_problem(result.with_ink, dossier.sheets)
    return result
