"""Search benchmark (issue 3): index synthetic Vietnamese Party documents into a
Tantivy index through the real backend, then time ranked queries with the
access filter of a district-level user.

    .venv/bin/python bench/search/run.py                 # 20,000 documents (quick)
    .venv/bin/python bench/search/run.py --docs 1000000  # the issue's size

Targets (2-core machine, 1,000,000 documents): indexing ≥ 5,000 documents/s;
p95 ≤ 50 ms for 1–3-term queries, ≤ 150 ms for phrases, access filter on.
No database: the benchmark drives ``luutru.search.backends`` directly.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from luutru.search.backends.base import AccessFilter, Clause, IndexDoc, SearchRequest  # noqa: E402
from luutru.search.backends.tantivy_backend import TantivyBackend  # noqa: E402
from luutru.search.normalize import fold, tokens  # noqa: E402

TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Kết luận", "KL"),
    ("Quy định", "QĐi"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
    ("Kế hoạch", "KH"),
    ("Chương trình", "CTr"),
    ("Tờ trình", "TTr"),
    ("Công văn", "CV"),
    ("Biên bản", "BB"),
]
TOPICS = [
    "lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "công tác xây dựng Đảng và hệ thống chính trị",
    "tổ chức Đại hội Đảng bộ các cấp nhiệm kỳ",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "tăng cường công tác tuyên truyền, giáo dục chính trị tư tưởng",
    "học tập, quán triệt và triển khai thực hiện nghị quyết",
    "công tác cán bộ và quy hoạch cán bộ lãnh đạo, quản lý",
    "công tác phát triển đảng viên mới",
    "đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên",
    "công tác dân vận và xây dựng khối đại đoàn kết toàn dân tộc",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "bảo đảm quốc phòng, an ninh và trật tự an toàn xã hội",
    "xây dựng nông thôn mới và đô thị văn minh",
    "công tác văn thư, lưu trữ của Đảng",
    "thực hiện quy chế dân chủ ở cơ sở",
    "sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
    "chuyển đổi số trong các cơ quan Đảng",
    "công tác bảo vệ chính trị nội bộ",
    "thu, nộp, quản lý và sử dụng đảng phí",
    "khen thưởng tổ chức đảng và đảng viên tiêu biểu",
    "giải quyết khiếu nại, tố cáo trong Đảng",
    "công tác thi đua, khen thưởng",
    "phát triển văn hóa, giáo dục, y tế",
    "bảo vệ môi trường và ứng phó với biến đổi khí hậu",
    "công tác đối ngoại nhân dân",
    "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "cải cách hành chính và nâng cao chỉ số năng lực cạnh tranh",
    "công tác nội chính và cải cách tư pháp",
]
FRAMES = [
    "Về {t}",
    "Về việc {t} năm {y}",
    "Tổng kết {t} năm {y}",
    "Sơ kết 6 tháng đầu năm {y} về {t}",
    "Triển khai {t} giai đoạn {y}–{y2}",
    "Kết quả {t} và phương hướng nhiệm vụ năm {y2}",
    "Lãnh đạo {t}",
    "Tăng cường sự lãnh đạo của Đảng đối với {t}",
]
SENTENCES = [
    "Ban Thường vụ đã thảo luận và thống nhất các nội dung chủ yếu",
    "các cấp ủy, tổ chức đảng cần quán triệt sâu sắc",
    "đồng thời phân công cán bộ theo dõi, đôn đốc việc thực hiện",
    "định kỳ báo cáo kết quả về Văn phòng Tỉnh ủy",
    "nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng",
    "phát huy vai trò tiên phong, gương mẫu của cán bộ, đảng viên",
    "kịp thời khắc phục những hạn chế, khuyết điểm",
    "bảo đảm đúng nguyên tắc, quy trình và quy định của Đảng",
    "tiếp tục đổi mới nội dung, phương thức lãnh đạo",
    "huy động sức mạnh tổng hợp của cả hệ thống chính trị",
]
PLACES = [
    "Tân Lạc",
    "Lạc Sơn",
    "Mai Châu",
    "Kim Bôi",
    "Lương Sơn",
    "Cao Phong",
    "Đà Bắc",
    "Yên Thủy",
    "Lạc Thủy",
    "Kỳ Sơn",
    "Hòa Bình",
    "Đồng Tâm",
]
SECRECY_WEIGHTS = [85, 10, 4, 1]  # thường, mật, tối mật, tuyệt mật (%)


def org_tree(rng: random.Random) -> tuple[list[tuple[int, str, str, str]], dict[int, list[int]]]:
    """650 organizations: (id, path, name, issuer abbrev); and each district's subtree."""
    orgs: list[tuple[int, str, str, str]] = []

    def add(parent_path: str, name: str, abbrev: str) -> tuple[int, str]:
        oid = len(orgs) + 1
        path = f"{parent_path}{oid:04d}."
        orgs.append((oid, path, name, abbrev))
        return oid, path

    _, root = add("", "Tỉnh ủy Hòa Bình An", "TU")
    for name, ab in [
        ("Văn phòng Tỉnh ủy", "VPTU"),
        ("Ban Tổ chức Tỉnh ủy", "BTCTU"),
        ("Ban Tuyên giáo Tỉnh ủy", "BTGTU"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU"),
        ("Ban Dân vận Tỉnh ủy", "BDVTU"),
        ("Ban Nội chính Tỉnh ủy", "BNCTU"),
    ]:
        add(root, name, ab)
    for i in range(19):
        add(root, f"Đảng bộ khối cơ quan số {i + 1}", "ĐU")
    subtrees: dict[int, list[int]] = {}
    for place in PLACES:
        did, dpath = add(root, f"Huyện ủy {place}", "HU")
        members = [did]
        for name, ab in [("Văn phòng Huyện ủy", "VPHU"), ("Ban Tổ chức Huyện ủy", "BTCHU")]:
            members.append(add(dpath, f"{name} {place}", ab)[0])
        for c in range(40):
            members.append(add(dpath, f"Đảng ủy xã {place} {c + 1}", "ĐU")[0])
        subtrees[did] = members
    while len(orgs) < 650:
        add(root, f"Tổ chức chính trị - xã hội số {len(orgs)}", "MTTQ")
    return orgs, subtrees


def make_docs(rng: random.Random, orgs, start: int, n: int) -> list[IndexDoc]:
    docs = []
    for i in range(start, start + n):
        oid, _, org_name, abbrev = orgs[rng.randrange(len(orgs))]
        type_name, type_ab = rng.choice(TYPES)
        year = rng.randint(1995, 2025)
        day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        topic = rng.choice(TOPICS)
        subject = rng.choice(FRAMES).format(t=topic, y=year, y2=year + rng.randint(1, 5))
        body = (
            ". ".join(rng.sample(SENTENCES, 4))
            + f". {topic.capitalize()} tại {rng.choice(PLACES)}."
        )
        secrecy = rng.choices(range(4), SECRECY_WEIGHTS)[0]
        docs.append(
            IndexDoc(
                kind="document",
                obj_id=i,
                title=subject,
                ident=f"{rng.randint(1, 999)}-{type_ab}/{abbrev}",
                issuer=f"{org_name} {type_name}",
                body=body,
                org_ids=(oid,),
                secrecy=secrecy,
                owner_id=rng.randint(1, 5000),
                archived=rng.random() < 0.3,
                day=day,
                year=year,
                type=type_name,
            )
        )
    return docs


def query_sets(rng: random.Random, n: int) -> dict[str, list[list[Clause]]]:
    words = sorted({t for s in TOPICS + SENTENCES + [t for t, _ in TYPES] for t in tokens(s)})
    phrases = []
    for s in TOPICS + SENTENCES:
        toks = tokens(s)
        for k in (2, 3):
            for j in range(len(toks) - k + 1):
                phrases.append(toks[j : j + k])
    sets: dict[str, list[list[Clause]]] = {
        "1 từ": [],
        "2–3 từ": [],
        "2–3 từ không dấu": [],
        "cụm từ": [],
    }
    for _ in range(n):
        sets["1 từ"].append([Clause([rng.choice(words)])])
        # Words that co-occur: drawn from one topic, the way people search.
        toks = tokens(rng.choice(TOPICS))
        picked = rng.sample(toks, min(len(toks), rng.choice((2, 3))))
        sets["2–3 từ"].append([Clause([t]) for t in picked])
        sets["2–3 từ không dấu"].append([Clause([fold(t)]) for t in picked])
        sets["cụm từ"].append([Clause(rng.choice(phrases))])
    return sets


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=20_000, help="số văn bản tổng hợp (mặc định 20000)")
    ap.add_argument("--queries", type=int, default=200, help="số truy vấn mỗi nhóm (mặc định 200)")
    ap.add_argument("--heap", type=int, default=1_000_000_000, help="bộ nhớ của writer (byte)")
    ap.add_argument("--threads", type=int, default=2, help="số luồng ghi chỉ mục")
    ap.add_argument("--chunk", type=int, default=50_000, help="số văn bản sinh ra mỗi lần")
    ap.add_argument(
        "--commit-every", type=int, default=250_000, help="commit sau mỗi bấy nhiêu văn bản"
    )
    ap.add_argument("--dir", help="thư mục chỉ mục (mặc định: thư mục tạm, xóa khi xong)")
    ap.add_argument(
        "--reuse", action="store_true", help="dùng lại chỉ mục đã có trong --dir, không ghi"
    )
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    orgs, subtrees = org_tree(rng)
    tmp = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="luutru-bench-search-"))
    backend = TantivyBackend(tmp, heap_size=args.heap, threads=args.threads)

    index_seconds = index_cpu = 0.0
    load_before = os.getloadavg()[0]
    if not args.reuse:
        print(f"Đánh chỉ mục {args.docs:,} văn bản vào {tmp} …", file=sys.stderr)
        with backend.writer(wait=True, recreate=True) as w:
            done = 0
            while done < args.docs:
                n = min(args.chunk, args.docs - done)
                batch = make_docs(rng, orgs, done + 1, n)  # generating is not timed
                t0, c0 = time.perf_counter(), time.process_time()
                w.add_new(batch)
                done += n
                if done % args.commit_every == 0 or done == args.docs:
                    w.commit()
                index_seconds += time.perf_counter() - t0
                index_cpu += time.process_time() - c0
                print(
                    f"\r  {done:,}/{args.docs:,}  {done / index_seconds:,.0f} văn bản/giây",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )
            t0, c0 = time.perf_counter(), time.process_time()
        index_seconds += time.perf_counter() - t0  # merges finishing on close
        index_cpu += time.process_time() - c0
        print(file=sys.stderr)
    size_mb = sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file()) / 1e6

    # A district-level reader: the district and everything below it, clearance "Mật".
    district = sorted(subtrees)[0]
    access = AccessFilter(clearance=1, user_id=4242, all_orgs=frozenset(subtrees[district]))
    sets = query_sets(random.Random(args.seed + 1), args.queries)

    rows = []
    for name, queries in sets.items():
        for clauses in queries[:20]:  # warm the page cache
            backend.top(SearchRequest(clauses=clauses, access=access))
        times, cpu, totals = [], [], []
        for clauses in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            _, total = backend.top(SearchRequest(clauses=clauses, access=access))
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            totals.append(total)
        rows.append((name, times, cpu, totals))
    # The page as users see it also counts the facets.
    facet_times, facet_cpu = [], []
    for clauses in sets["2–3 từ"][: max(20, args.queries // 4)]:
        t0, c0 = time.perf_counter(), time.process_time()
        backend.search(SearchRequest(clauses=clauses, access=access))
        facet_times.append((time.perf_counter() - t0) * 1000)
        facet_cpu.append((time.process_time() - c0) * 1000)
    rows.append(("2–3 từ + bộ đếm (facets)", facet_times, facet_cpu, []))

    print()
    print(
        f"Tìm kiếm — {args.docs:,} văn bản, chỉ mục {size_mb:,.0f} MB, máy {os.cpu_count()} lõi, "
        f"tải trung bình {load_before:.1f} lúc đầu / {os.getloadavg()[0]:.1f} lúc cuối"
    )
    if index_seconds:
        print(
            f"Đánh chỉ mục: {args.docs / index_seconds:,.0f} văn bản/giây ({index_seconds:,.1f} giây; "
            f"mục tiêu ≥ 5.000); CPU {index_cpu * 1e6 / args.docs:,.0f} µs/văn bản (mọi luồng)"
        )
    print(f"Bộ lọc quyền: huyện ({len(subtrees[district])} tổ chức), độ mật ≤ Mật")
    print()
    print(
        f"{'nhóm truy vấn':<28}{'số truy vấn':>12}{'kết quả TB':>12}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'max ms':>9}{'CPU p95':>9}  mục tiêu p95"
    )
    for name, times, cpu, totals in rows:
        target = "≤ 150 ms" if name == "cụm từ" else ("—" if "facets" in name else "≤ 50 ms")
        mean = statistics.mean(totals) if totals else 0
        print(
            f"{name:<28}{len(times):>12}{mean:>12,.0f}{percentile(times, 50):>9.1f}"
            f"{percentile(times, 95):>9.1f}{max(times):>9.1f}{percentile(cpu, 95):>9.1f}  {target}"
        )
    if not args.dir:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
