"""Forms benchmark (issue 4): a danh mục hồ sơ of N items generated as DOCX, PDF and
XLSX through the real builder and renderers, on a fresh SQLite database.

    .venv/bin/python bench/forms/run.py               # 100 items, 5 runs (quick)
    .venv/bin/python bench/forms/run.py --full        # the issue's size: 500 items
    .venv/bin/python bench/forms/run.py --items 1000 --runs 7

Target (2-core machine): 500 items ≤ 2 s each for DOCX and PDF (median). Each
run builds the form from the database again (reads included), then renders it.
The database lives in a temporary folder (``LUUTRU_DATA``), deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

HEADINGS = [
    ("Công tác tổng hợp", "TH"),
    ("Công tác tổ chức, cán bộ", "TCCB"),
    ("Công tác kiểm tra, giám sát", "KT"),
    ("Công tác tuyên giáo và dân vận", "TGDV"),
    ("Công tác văn thư, lưu trữ", "VTLT"),
    ("Công tác tài chính, quản trị", "TCQT"),
    ("Công tác nội chính", "NC"),
    ("Công tác đối ngoại", "ĐN"),
    ("Công tác thi đua, khen thưởng", "TĐKT"),
    ("Công tác đảng, đoàn thể cơ quan", "ĐT"),
]
TOPICS = [
    "Kế hoạch, báo cáo công tác năm {y} của Văn phòng Tỉnh ủy",
    "Hồ sơ hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ {n} về phát triển kinh tế - xã hội",
    "Công văn trao đổi về công tác văn thư, lưu trữ năm {y}",
    "Hồ sơ kiểm tra tổ chức đảng cấp dưới khi có dấu hiệu vi phạm, đợt {n}",
    "Báo cáo sơ kết 6 tháng đầu năm {y} về công tác xây dựng Đảng",
    "Hồ sơ tổ chức lớp bồi dưỡng nghiệp vụ cho cán bộ làm công tác lưu trữ, khóa {n}",
    "Hồ sơ đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm {y}",
]


def _setup(items: int, year: int = 2025):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
    from luutru.rules.queries import retention_rules
    from luutru.testing import build_world

    world = build_world()
    org = world.office
    rules = list(retention_rules(org))
    people = [world.official.person, world.official2.person, world.clerk.person, None]
    plan = FilePlan.objects.create(
        org=org,
        year=year,
        state=FilePlan.State.ISSUED,
        decision_number="15-QĐ/VPTU",
        decision_date=__import__("datetime").date(year, 1, 10),
    )
    per_heading = -(-items // len(HEADINGS))
    rows, order = [], 0
    for h_order, (title, abbrev) in enumerate(HEADINGS, start=1):
        major = FilePlanHeading.objects.create(plan=plan, order=h_order, title=title, abbrev=abbrev)
        sub = FilePlanHeading.objects.create(
            plan=plan, parent=major, order=1, title=f"{title} – hồ sơ chuyên đề", abbrev=abbrev
        )
        for k in range(per_heading):
            if order >= items:
                break
            order += 1
            rows.append(
                FilePlanItem(
                    plan=plan,
                    heading=major if k < per_heading // 2 else sub,
                    order=order,
                    code=f"{order:02d}.{abbrev}",
                    title=TOPICS[order % len(TOPICS)].format(y=year, n=order),
                    retention=rules[order % len(rules)],
                    creator=people[order % len(people)],
                    note="Bản chính" if order % 5 == 0 else "",
                )
            )
    FilePlanItem.objects.bulk_create(rows)
    return plan


def _time(fn, runs: int, clock=time.perf_counter) -> tuple[list[float], bytes]:
    out = b""
    times = []
    for _ in range(runs):
        start = clock()
        out = fn()
        times.append(clock() - start)
    return times, out


def _critical_path_cpu(plan, runs: int) -> list[float]:
    """CPU seconds on the longest path of the two-process PDF: build, the slower
    half, join. What the wall time is on an idle two-core machine."""
    from luutru.forms import builders, pdf_out

    out = []
    for _ in range(runs):
        start = time.process_time()
        form = builders.file_plan(plan)
        halves = pdf_out.split(form)
        htmls = [pdf_out.to_html(halves[0]), pdf_out.to_html(halves[1], continuation=True)]
        shared = time.process_time() - start
        parts, slowest = [], 0.0
        for html in htmls:
            t = time.process_time()
            parts.append(pdf_out.render_html(html))
            slowest = max(slowest, time.process_time() - t)
        t = time.process_time()
        pdf_out.finish(parts)
        out.append(shared + slowest + time.process_time() - t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100, help="items in the plan (default 100)")
    parser.add_argument("--full", action="store_true", help="the issue's size: 500 items")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per format (default 5)")
    parser.add_argument(
        "--serial", action="store_true", help="PDF in one process (no split of long tables)"
    )
    args = parser.parse_args()
    items = 500 if args.full else args.items

    with tempfile.TemporaryDirectory(prefix="luutru-bench-forms-") as tmp:
        os.environ["LUUTRU_DATA"] = tmp
        os.environ.pop("DATABASE_URL", None)
        t0 = time.perf_counter()
        plan_id = _setup(items).pk
        setup_s = time.perf_counter() - t0

        from luutru.filing.models import FilePlan
        from luutru.forms import builders, pdf_out, render

        if args.serial:
            pdf_out.PARALLEL_ROWS = 10**9

        def make(fmt):
            def run():
                plan = FilePlan.objects.select_related("org", "org__parent", "org__fonds").get(
                    pk=plan_id
                )
                return render.render(builders.file_plan(plan), fmt)

            return run

        make("pdf")()  # warm up: imports, font loading
        results = []
        for fmt in ("docx", "pdf", "xlsx"):
            times, out = _time(make(fmt), args.runs)
            extra = ""
            if fmt == "pdf":
                import pypdfium2 as pdfium

                extra = f"{len(pdfium.PdfDocument(out))} pages"
            results.append((fmt, times, len(out), extra))
        # CPU time is swayed less than wall time by what else the machine runs.
        serial = pdf_out.PARALLEL_ROWS
        pdf_out.PARALLEL_ROWS = 10**9
        cpu = {fmt: _time(make(fmt), args.runs, time.process_time)[0] for fmt in ("docx", "pdf")}
        pdf_out.PARALLEL_ROWS = serial
        plan = FilePlan.objects.select_related("org", "org__parent", "org__fonds").get(pk=plan_id)
        if pdf_out.split(builders.file_plan(plan)) is not None:
            cpu["pdf, two processes (longest path)"] = _critical_path_cpu(plan, args.runs)

    load = os.getloadavg()[0]
    mode = "one process" if args.serial else "long tables in two processes"
    print(
        f"danh mục hồ sơ, {items} items, {args.runs} runs each, PDF {mode} "
        f"(setup {setup_s:.1f} s, load average {load:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"{'format':<6} {'median s':>9} {'min s':>7} {'max s':>7} {'size KB':>8}  target")
    for fmt, times, size, extra in results:
        target = "≤ 2 s" if fmt in ("docx", "pdf") else "—"
        ok = ""
        if fmt in ("docx", "pdf") and items >= 500:
            ok = " ok" if statistics.median(times) <= 2 else " OVER"
        print(
            f"{fmt:<6} {statistics.median(times):>9.3f} {min(times):>7.3f} {max(times):>7.3f} "
            f"{size / 1024:>8.0f}  {target}{ok} {extra}"
        )
    print("CPU seconds (median); less swayed by other work than wall time, not immune to it:")
    for label, times in cpu.items():
        print(f"  {label:<36} {statistics.median(times):.3f}")


if __name__ == "__main__":
    main()
