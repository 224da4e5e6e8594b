"""Transfer package benchmark (issue 14, "Speed"): build a transfer package of
N files (E-ARK SIP in a BagIt bag) from dossiers in the agency archive, then
check it as the historical archive does, on a fresh SQLite database in a
temporary folder.

    nice -n 10 .venv/bin/python bench/transfer/run.py                  # 5,000 files
    nice -n 10 .venv/bin/python bench/transfer/run.py --files 500 --max-kb 2048

Targets: ≥ 20 files/s building with memory bounded (the build's Python peak and
the process's resident growth do not grow with the number of files), the check
in ≤ 60 s. Files are PDFs of random content between --min-kb and --max-kb (the
issue allows up to 10 MB each); PREMIS/EAD are checked against their schemas
when ``LUUTRU_SCHEMA_DIR`` names where they are kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(files: int, per_dossier: int, min_kb: int, max_kb: int, seed: int):
    from django.utils import timezone

    from luutru.filing.models import Dossier, DossierItem, DossierStatus
    from luutru.filing.services import open_dossier
    from luutru.registry.models import Direction, Document
    from luutru.rules.models import RetentionRule
    from luutru.rules.queries import retention_rules
    from luutru.storage.services import put_blob
    from luutru.testing import build_world

    w = build_world()
    rng = random.Random(seed)
    permanent = retention_rules(w.office).get(period=RetentionRule.Period.PERMANENT)
    dossiers = []
    total = 0
    n_dossiers = (files + per_dossier - 1) // per_dossier
    for k in range(n_dossiers):
        d = open_dossier(
            w.official,
            w.office,
            title=f"Hồ sơ thử nghiệm số {k + 1} về công tác văn phòng năm 2018",
            file_notation=f"{k + 1:03d}.VP",
            retention=permanent,
            creator=w.official.person,
            start_date=dt.date(2018, 1, 2),
            year=2018,
        )
        docs = []
        for j in range(min(per_dossier, files - len(dossiers) * per_dossier)):
            size = rng.randint(min_kb, max_kb) * 1024
            body = b"%PDF-1.4\n" + rng.randbytes(size - 9)
            blob = put_blob(io.BytesIO(body), "application/pdf")
            total += size
            docs.append(
                Document(
                    org=w.office,
                    direction=Direction.OUTGOING,
                    type_name="Công văn",
                    code_number=str(k * per_dossier + j + 1),
                    code_notation="CV/VPTU",
                    issued_date=dt.date(2018, 3, 1) + dt.timedelta(days=j),
                    organ_name=w.office.name,
                    subject=f"Về việc thử nghiệm nộp lưu, văn bản {j + 1} của hồ sơ {k + 1}",
                    page_amount=1,
                    signer_full_name="Nguyễn Văn An",
                    signer_position="Chánh Văn phòng",
                    blob=blob,
                    original_filename=f"cong-van-{k + 1}-{j + 1}.pdf",
                )
            )
        Document.objects.bulk_create(docs)
        DossierItem.objects.bulk_create(
            DossierItem(dossier=d, document=doc, position=i + 1, added_by=w.official)
            for i, doc in enumerate(docs)
        )
        dossiers.append(d)
    # In the agency archive for six years (the state the deposit workflow leaves).
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers]).update(
        status=DossierStatus.ARCHIVED,
        end_date=dt.date(2018, 12, 20),
        archived_at=timezone.now() - dt.timedelta(days=6 * 366),
    )
    return w, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--per-dossier", type=int, default=20)
    ap.add_argument("--min-kb", type=int, default=16)
    ap.add_argument("--max-kb", type=int, default=512)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="luutru-bench-transfer-") as tmp:
        os.environ["LUUTRU_DATA"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luutru.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from luutru.transfer import services
        from luutru.transfer.verify import verify

        t0 = time.perf_counter()
        w, total = setup(args.files, args.per_dossier, args.min_kb, args.max_kb, args.seed)
        print(
            f"setup: {args.files} files, {total / 2**20:.0f} MiB in the blob store "
            f"({time.perf_counter() - t0:.0f} s)"
        )

        rss0 = rss_mb()
        tracemalloc.start()
        t0, c0 = time.perf_counter(), time.process_time()
        transfer = services.build_transfer(w.archivist, w.office)
        build_s, build_cpu = time.perf_counter() - t0, time.process_time() - c0
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss1 = rss_mb()
        path = services.package_path(transfer)

        t0, c0 = time.perf_counter(), time.process_time()
        report = verify(path)
        verify_s, verify_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert report.intact, report.all_problems()[:5]

        t0 = time.perf_counter()
        received = services.receive(w.archivist2, path)
        receive_s = time.perf_counter() - t0
        assert received.status == received.Status.VERIFIED

        rate = transfer.file_count / build_s
        print(
            "| files | MiB | build s (CPU) | files/s | MiB/s | Python peak MiB | RSS growth MiB |"
            " check s (CPU) | receive s | schemas | load avg |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        schemas = "all" if not report.warnings else f"{len(report.warnings)} missing"
        print(
            f"| {transfer.file_count} | {transfer.byte_count / 2**20:.0f} | {build_s:.1f} "
            f"({build_cpu:.1f}) | {rate:.0f} | {transfer.byte_count / 2**20 / build_s:.0f} | "
            f"{peak / 2**20:.1f} | {rss1 - rss0:.0f} | {verify_s:.1f} ({verify_cpu:.1f}) | "
            f"{receive_s:.1f} | {schemas} | {os.getloadavg()[0]:.1f} |"
        )
        ok_rate, ok_check = rate >= 20, verify_s <= 60
        print(
            f"build ≥ 20 files/s: {'yes' if ok_rate else 'NO'}; check ≤ 60 s: "
            f"{'yes' if ok_check else 'NO'}"
        )


if __name__ == "__main__":
    main()
