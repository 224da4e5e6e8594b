"""Dashboard benchmark (issue 4): a province-scale data set, then the province
dashboard and an organization page through Django's test client.

    .venv/bin/python bench/compliance/run.py                    # 100,000 documents (quick)
    .venv/bin/python bench/compliance/run.py --docs 5000000     # the issue's size
    .venv/bin/python bench/compliance/run.py --docs 5000000 --keep DIR   # keep the data set

The data set: ≈ 650 organizations (the province, advisory bodies, socio-political
organizations, 14 districts dissolved on 30/06/2025 whose communes move under the
province on 01/07/2025, communes, grassroots), 20 years (2006–2025), documents and
dossiers in the issue's ratio (60 documents per 3.6 dossiers), file plans, deposits
on time and late, overdue, kept-back and faulty dossiers. The tree is made through
the real services; records go in as raw bulk INSERTs into a fresh SQLite file in a
temporary LUUTRU_DATA after ``migrate``. The derived facts are then rebuilt
(``compliance.facts.rebuild_all``, timed), and each page is requested:
cold = Django's cache emptied before each request; warm = repeated requests.
Targets: p95 ≤ 200 ms warm, ≤ 1 s cold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

YEARS = list(range(2006, 2026))
FOUNDED = dt.date(2006, 1, 1)
LAST_DAY_OF_DISTRICTS = dt.date(2025, 6, 30)
REATTACH_DAY = dt.date(2025, 7, 1)
NOW = "2026-01-01 00:00:00"
SUBJECTS = [
    "về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "về công tác xây dựng Đảng và hệ thống chính trị",
    "về công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "về công tác văn thư, lưu trữ của Đảng",
    "về công tác phát triển đảng viên mới",
    "về đánh giá, xếp loại chất lượng tổ chức cơ sở đảng",
]


def setup_django(data_dir: Path) -> None:
    os.environ["LUUTRU_DATA"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_tree(rng: random.Random):
    """≈ 650 bodies through the real services, then the 2025 reorganization."""
    from luutru.orgs.models import Kind, Level, Role
    from luutru.orgs.services import create_org, dissolve_org, reattach_org
    from luutru.testing import make_user

    def org(code, name, kind, level, parent, abbrev):
        return create_org(
            None,
            code=code,
            name=name,
            kind=kind,
            level=level,
            parent=parent,
            valid_from=FOUNDED,
            issuer_abbrev=abbrev,
            place="Thử nghiệm",
        )

    province = org("TU", "Tỉnh ủy Thử nghiệm", Kind.PARTY_COMMITTEE, Level.PROVINCE, None, "TU")
    orgs = [province]
    for code, name in [
        ("VPTU", "Văn phòng"),
        ("BTCTU", "Ban Tổ chức"),
        ("UBKTTU", "Ủy ban Kiểm tra"),
        ("BTGTU", "Ban Tuyên giáo"),
        ("BNCTU", "Ban Nội chính"),
    ]:
        orgs.append(
            org(code, f"{name} Tỉnh ủy", Kind.ADVISORY_BODY, Level.PROVINCE, province, code)
        )
    for i in range(6):
        orgs.append(
            org(
                f"CTXH{i}",
                f"Tổ chức chính trị - xã hội {i + 1}",
                Kind.SOCIO_POLITICAL,
                Level.PROVINCE,
                province,
                f"CTXH{i}",
            )
        )
    districts, communes = [], []
    for d in range(14):
        district = org(
            f"H{d:02d}",
            f"Huyện ủy số {d + 1}",
            Kind.DISTRICT_COMMITTEE,
            Level.DISTRICT,
            province,
            "HU",
        )
        districts.append(district)
        for c in range(9 if d < 13 else 8):
            commune = org(
                f"H{d:02d}X{c}",
                f"Đảng ủy xã {d + 1}.{c + 1}",
                Kind.COMMUNE_PARTY,
                Level.COMMUNE,
                district,
                "ĐU",
            )
            communes.append(commune)
    grassroots = []
    for n in range(500):
        parent = communes[n % len(communes)]
        grassroots.append(
            org(
                f"CS{n:03d}",
                f"Chi bộ cơ sở {n + 1}",
                Kind.GRASSROOTS_CELL,
                Level.GRASSROOTS,
                parent,
                "CB",
            )
        )
    orgs += districts + communes + grassroots
    for district in districts:
        for commune in [c for c in communes if c.parent_id == district.pk]:
            reattach_org(None, commune, province, REATTACH_DAY)
        district.refresh_from_db()
        dissolve_org(None, district, LAST_DAY_OF_DISTRICTS, successor=province)
    inspector = make_user("kiemtra", province, Role.INSPECTOR, full_name="Kiểm tra viên")
    return orgs, province, districts, inspector


class Writer:
    """Raw executemany on the SQLite connection, with explicit ids."""

    def __init__(self, connection):
        self.db = connection.connection
        self.db.execute("PRAGMA synchronous=OFF")
        self.buffers: dict[str, tuple[list[str], list[tuple]]] = {}
        self.next_id: dict[str, int] = {}
        self.rows = 0

    def id(self, table: str) -> int:
        if table not in self.next_id:
            row = self.db.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()
            self.next_id[table] = row[0] + 1
        i = self.next_id[table]
        self.next_id[table] = i + 1
        return i

    def add(self, table: str, columns: list[str], row: tuple) -> None:
        cols, rows = self.buffers.setdefault(table, (columns, []))
        rows.append(row)
        if len(rows) >= 50_000:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for t in [table] if table else list(self.buffers):
            cols, rows = self.buffers[t]
            if rows:
                marks = ",".join("?" * len(cols))
                names = ",".join(f'"{c}"' for c in cols)
                self.db.executemany(f'INSERT INTO "{t}" ({names}) VALUES ({marks})', rows)
                self.rows += len(rows)
                rows.clear()


DOC_COLS = [
    "id",
    "direction",
    "type_name",
    "code_number",
    "code_notation",
    "issued_date",
    "organ_name",
    "subject",
    "language",
    "page_amount",
    "description",
    "signer_position",
    "signer_full_name",
    "secrecy",
    "urgency",
    "arrival_number",
    "original_filename",
    "created_at",
    "updated_at",
    "org_id",
]
DOSSIER_COLS = [
    "id",
    "file_catalog",
    "file_notation",
    "title",
    "retention_confirmed",
    "medium",
    "status",
    "secrecy",
    "language",
    "rights",
    "description",
    "start_date",
    "end_date",
    "closed_at",
    "kept_back_until",
    "created_at",
    "updated_at",
    "creator_id",
    "org_id",
    "retention_id",
    "plan_item_id",
]


def generate(rng: random.Random, docs: int, dossiers: int, orgs, inspector, say) -> dict:
    from django.db import connection, transaction

    from luutru.orgs.models import Membership, Person, Role
    from luutru.rules.models import RetentionRule
    from luutru.rules.queries import add_months

    w = Writer(connection)
    retention = {
        "permanent": RetentionRule.objects.filter(period="permanent").first().pk,
        10: RetentionRule.objects.filter(period="years", years=10).first().pk,
        2: (
            RetentionRule.objects.filter(period="years", years__lt=5).first()
            or RetentionRule.objects.filter(period="years").order_by("years").first()
        ).pk,
    }
    # Two officials per body.
    people: dict[int, list[int]] = {}
    for o in orgs:
        ps = Person.objects.bulk_create([Person(full_name=f"Cán bộ {o.code}-{k}") for k in (1, 2)])
        Membership.objects.bulk_create(
            [Membership(person=p, org=o, role=Role.OFFICIAL, valid_from=FOUNDED) for p in ps]
        )
        people[o.pk] = [p.pk for p in ps]
    user_id = inspector.pk
    active_years = {
        o.pk: [y for y in YEARS if o.valid_to is None or y < LAST_DAY_OF_DISTRICTS.year]
        for o in orgs
    }
    slots = sum(len(v) for v in active_years.values())
    per_slot_dossiers = dossiers / slots
    docs_per_dossier = docs * 0.94 / max(dossiers, 1)
    loose_per_slot = docs * 0.06 / slots
    counts = {"documents": 0, "dossiers": 0, "plans": 0, "deposits": 0}
    with transaction.atomic():
        for o in orgs:
            for year in active_years[o.pk]:
                _org_year(
                    w,
                    rng,
                    o,
                    year,
                    people[o.pk],
                    user_id,
                    retention,
                    add_months,
                    counts,
                    per_slot_dossiers,
                    docs_per_dossier,
                    loose_per_slot,
                )
            if counts["documents"] and o.pk % 50 == 0:
                say(f"  … {counts['documents']:,} văn bản, {counts['dossiers']:,} hồ sơ")
        w.flush()
    return counts


def _org_year(
    w,
    rng,
    o,
    year,
    people,
    user_id,
    retention,
    add_months,
    counts,
    per_slot_dossiers,
    docs_per_dossier,
    loose_per_slot,
):
    n_dossiers = int(per_slot_dossiers) + (rng.random() < per_slot_dossiers % 1)
    # The file plan: most issued in January (on time), some late, some missing.
    plan_id = heading_id = None
    roll = rng.random()
    if roll < 0.85 and year >= 2008:
        plan_id = w.id("filing_fileplan")
        late = roll > 0.7
        decided = dt.date(year, rng.randint(2, 5) if late else 1, rng.randint(5, 28))
        w.add(
            "filing_fileplan",
            [
                "id",
                "year",
                "state",
                "code_scheme",
                "decision_number",
                "decision_date",
                "issued_at",
                "created_at",
                "org_id",
            ],
            (
                plan_id,
                year,
                "issued",
                "across_plan",
                f"{rng.randint(1, 40):02d}-QĐ/X",
                decided.isoformat(),
                f"{decided} 08:00:00",
                NOW,
                o.pk,
            ),
        )
        heading_id = w.id("filing_fileplanheading")
        w.add(
            "filing_fileplanheading",
            ["id", "order", "title", "abbrev", "plan_id"],
            (heading_id, 1, "Tổng hợp", "TH", plan_id),
        )
        counts["plans"] += 1
    today = dt.date.today()
    deposit_id = None
    deposit_late = rng.random() < 0.2
    for k in range(n_dossiers):
        pk = w.id("filing_dossier")
        start = dt.date(year, rng.randint(1, 3), rng.randint(1, 28))
        end = dt.date(year, rng.randint(10, 12), rng.randint(1, 28))
        if o.valid_to is not None and end > o.valid_to:
            end = o.valid_to
        long_kept = rng.random() < 0.92
        ret = retention[10] if long_kept else retention[2]
        if rng.random() < 0.05:
            ret = retention["permanent"]
        item_id = None
        if plan_id is not None and rng.random() < 0.85:
            item_id = w.id("filing_fileplanitem")
            w.add(
                "filing_fileplanitem",
                [
                    "id",
                    "order",
                    "code",
                    "title",
                    "note",
                    "creator_id",
                    "heading_id",
                    "plan_id",
                    "retention_id",
                ],
                (
                    item_id,
                    k + 1,
                    f"{k + 1:02d}.TH",
                    f"Hồ sơ {k + 1} năm {year}",
                    "",
                    people[k % 2],
                    heading_id,
                    plan_id,
                    ret,
                ),
            )
        due = add_months(end, 12)
        r = rng.random()
        if year == 2025 and r < 0.4 or end >= today:
            status = "open"
        elif due >= today:
            status = "closed"
        elif r < 0.78 and long_kept:
            status = "archived"
        elif r < 0.83:
            status = "kept_back"
        else:
            status = "closed"  # overdue when kept ≥ 5 years
        closed = status != "open"
        kept_until = (
            add_months(due, rng.randint(6, 24)).isoformat() if status == "kept_back" else None
        )
        w.add(
            "filing_dossier",
            DOSSIER_COLS,
            (
                pk,
                year,
                f"{k + 1:02d}.TH",
                f"Hồ sơ {k + 1} năm {year} của {o.code}",
                1,
                "electronic",
                status,
                0,
                "Tiếng Việt",
                "",
                "",
                start.isoformat(),
                end.isoformat() if closed else None,
                f"{end} 17:00:00" if closed else None,
                kept_until,
                NOW,
                NOW,
                people[k % 2],
                o.pk,
                ret,
                item_id,
            ),
        )
        counts["dossiers"] += 1
        # Documents, in date order (2 % of dossiers have two swapped).
        n_docs = max(1, int(rng.expovariate(1 / docs_per_dossier))) if docs_per_dossier >= 1 else 1
        span = max((end - start).days, 1)
        days = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n_docs))
        if n_docs > 2 and rng.random() < 0.02:
            days[0], days[1] = days[1], days[0]
        for pos, day in enumerate(days, 1):
            doc_id = _document(w, rng, o, day, counts)
            w.add(
                "filing_dossieritem",
                ["id", "position", "added_at", "removed_reason", "document_id", "dossier_id"],
                (w.id("filing_dossieritem"), pos, NOW, "", doc_id, pk),
            )
        if closed and rng.random() > 0.03:  # 3 % lack their closing certificate
            w.add(
                "filing_closingcertificate",
                [
                    "id",
                    "doc_total",
                    "page_total",
                    "index_pages",
                    "note",
                    "created_at",
                    "created_by_id",
                    "dossier_id",
                ],
                (w.id("filing_closingcertificate"), n_docs, n_docs * 2, 1, "", NOW, user_id, pk),
            )
            w.add(
                "filing_dossierindex",
                ["id", "rows", "created_at", "dossier_id"],
                (w.id("filing_dossierindex"), "[]", NOW, pk),
            )
        if status == "archived":
            if deposit_id is None:
                deposit_id = w.id("archive_deposit")
                handed = (
                    add_months(due, rng.randint(1, 8))
                    if deposit_late
                    else add_months(due, -rng.randint(1, 6))
                )
                handed = min(handed, today - dt.timedelta(days=1))
                w.add(
                    "archive_deposit",
                    [
                        "id",
                        "year",
                        "status",
                        "note",
                        "created_at",
                        "submitted_at",
                        "decided_at",
                        "archive_org_id",
                        "created_by_id",
                        "org_id",
                    ],
                    (
                        deposit_id,
                        handed.year,
                        "accepted",
                        "",
                        NOW,
                        f"{handed} 09:00:00",
                        f"{handed + dt.timedelta(days=7)} 09:00:00",
                        o.pk,
                        user_id,
                        o.pk,
                    ),
                )
                counts["deposits"] += 1
            w.add(
                "archive_deposititem",
                ["id", "position", "outcome", "return_reason", "deposit_id", "dossier_id"],
                (w.id("archive_deposititem"), k + 1, "accepted", "", deposit_id, pk),
            )
    for _ in range(int(loose_per_slot) + (rng.random() < loose_per_slot % 1)):
        _document(w, rng, o, dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), counts)


def _document(w, rng, o, day, counts) -> int:
    doc_id = w.id("registry_document")
    direction = rng.choice(("incoming", "incoming", "outgoing", "internal"))
    w.add(
        "registry_document",
        DOC_COLS,
        (
            doc_id,
            direction,
            "Công văn",
            str(doc_id % 9999 + 1),
            f"CV/{o.issuer_abbrev}",
            day.isoformat(),
            o.name,
            f"Công văn {rng.choice(SUBJECTS)}",
            "Tiếng Việt",
            2,
            "",
            "",
            "",
            0,
            0,
            "",
            "",
            NOW,
            NOW,
            o.pk,
        ),
    )
    counts["documents"] += 1
    return doc_id


def measure(url: str, user, runs: int, cold: bool) -> list[float]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(user)
    times = []
    if not cold:
        assert client.get(url).status_code == 200  # fill the cache
    for _ in range(runs):
        if cold:
            cache.clear()
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return times


def p95(values: list[float]) -> float:
    return sorted(values)[max(int(round(0.95 * len(values))) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=100_000, help="documents (issue: 5,000,000)")
    parser.add_argument(
        "--dossiers",
        type=int,
        default=None,
        help="dossiers (default: documents × 0.06, i.e. 300,000 for 5 million)",
    )
    parser.add_argument("--runs", type=int, default=20, help="requests per measurement")
    parser.add_argument("--keep", type=Path, default=None, help="keep the data set in this folder")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="with --keep on an existing data set: rebuild the facts",
    )
    args = parser.parse_args()
    dossiers = args.dossiers or max(int(args.docs * 0.06), 10)

    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="luutru-bench-compliance-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    reuse = (data_dir / "luutru.sqlite3").exists()

    def say(msg: str) -> None:
        print(msg, flush=True)

    t0 = time.perf_counter()
    setup_django(data_dir)
    from django.conf import settings

    from luutru.compliance.refresh import mark_stale, rebuild_all, refresh_facts
    from luutru.orgs.models import Kind, Organization

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    timings: dict[str, float] = {}
    rng = random.Random(args.seed)
    if reuse and Organization.objects.exists():
        say(f"Dùng lại dữ liệu có sẵn trong {data_dir}")
        from django.contrib.auth import get_user_model

        inspector = get_user_model().objects.get(username="kiemtra")
        counts = {}
    else:
        say(f"Tạo dữ liệu trong {data_dir}: {args.docs:,} văn bản, {dossiers:,} hồ sơ")
        t = time.perf_counter()
        orgs, province, districts, inspector = build_tree(rng)
        timings["tree (services)"] = time.perf_counter() - t
        t = time.perf_counter()
        counts = generate(rng, args.docs, dossiers, orgs, inspector, say)
        timings["records (bulk INSERT)"] = time.perf_counter() - t
        say(f"  {counts}")
        t = time.perf_counter()
        from django.db import connection

        connection.cursor().execute("ANALYZE")
        timings["ANALYZE"] = time.perf_counter() - t
    import luutru.urls  # noqa: F401  (load every view now: the code measured is the code started)

    t = time.perf_counter()
    if counts or args.rebuild:
        rebuild_all()
        timings["derived facts (rebuild_all)"] = time.perf_counter() - t
    else:
        refresh_facts()
        timings["derived facts (already current)"] = time.perf_counter() - t
    for k, v in timings.items():
        say(f"  {k}: {v:.1f} s")

    province = Organization.objects.get(code="TU")
    district = Organization.objects.filter(kind=Kind.DISTRICT_COMMITTEE).order_by("pk").first()
    commune = Organization.objects.filter(kind=Kind.COMMUNE_PARTY).order_by("pk").first()
    pages = [
        ("province dashboard, year 2024", "/tuan-thu/?nam=2024"),
        ("province dashboard, all years", "/tuan-thu/?nam=tat-ca"),
        ("province dashboard on 01/06/2025 (districts)", "/tuan-thu/?ngay=2025-06-01&nam=2024"),
        (f"organization page ({commune.name})", f"/tuan-thu/to-chuc/{commune.pk}/?nam=2024"),
        (
            f"organization page ({district.name}, dissolved)",
            f"/tuan-thu/to-chuc/{district.pk}/?nam=2024",
        ),
        (
            "overdue dossiers behind the province figure",
            f"/tuan-thu/danh-sach/overdue_now/?to-chuc={province.pk}&nam=2024",
        ),
    ]
    refresh_facts()
    rows = []
    for label, url in pages:
        cold = measure(url, inspector, max(args.runs // 2, 3), cold=True)
        warm = measure(url, inspector, args.runs, cold=False)
        rows.append((label, statistics.median(cold), p95(cold), statistics.median(warm), p95(warm)))
        say(f"  {label}: cold p95 {rows[-1][2]:.0f} ms, warm p95 {rows[-1][4]:.0f} ms")

    # A change to one body's records marks it stale (what the stages' signals do):
    # the worker's next refresh rebuilds that body's facts only (and linked bodies').
    mark_stale([commune.pk])
    t = time.perf_counter()
    refresh_facts()
    timings["refresh after a change to one body"] = time.perf_counter() - t
    say(
        f"  refresh after a change to one body: {timings['refresh after a change to one body']:.2f} s"
    )

    from luutru.filing.models import Dossier
    from luutru.registry.models import Document

    print()
    print(
        f"Data set: {Organization.objects.count()} organizations, {Document.objects.count():,} "
        f"documents, {Dossier.objects.count():,} dossiers, years {YEARS[0]}–{YEARS[-1]}"
    )
    print()
    print(f"| {'step':<40} | {'seconds':>8} |")
    print(f"|{'-' * 42}|{'-' * 10}|")
    for k, v in timings.items():
        print(f"| {k:<40} | {v:>8.1f} |")
    print()
    print(
        f"| {'page':<58} | {'cold p50':>9} | {'cold p95':>9} | {'warm p50':>9} | {'warm p95':>9} |"
    )
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|{'-' * 11}|{'-' * 11}|")
    for label, c50, c95, w50, w95 in rows:
        print(
            f"| {label:<58} | {c50:>6.0f} ms | {c95:>6.0f} ms | {w50:>6.0f} ms | {w95:>6.0f} ms |"
        )
    print()
    print("Targets: warm p95 ≤ 200 ms, cold p95 ≤ 1,000 ms (cold = Django cache emptied first).")
    print(f"Total {time.perf_counter() - t0:.0f} s.")
    if args.keep is None:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
