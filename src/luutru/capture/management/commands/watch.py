"""``luutru watch DIR --org CODE``: a watched folder (a scanner's drop folder).

Every few seconds new files whose size has settled are taken in as a batch
and processed; each is then moved to ``_da-nhap/`` (taken in) or
``_khong-nhan/`` (refused, with a ``.txt`` beside it saying why). A file is
moved only after its item has committed, so a restart never loses one; a file
taken in twice (killed between commit and move) ends as a duplicate.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from luutru.capture import bundle, services
from luutru.capture.management.commands._common import bar, org_by_code
from luutru.capture.models import ImportBatch, ItemState, Source
from luutru.capture.runner import run_batch
from luutru.core.errors import RuleViolation

DONE_DIR = "_da-nhap"
FAILED_DIR = "_khong-nhan"


class Command(BaseCommand):
    help = "Theo dõi một thư mục: tự nhập các tệp mới vào phông của một cơ quan"

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--org", required=True, help="mã cơ quan (ví dụ VPTU)")
        parser.add_argument("--interval", type=float, default=5.0, help="giây giữa hai lần xem")
        parser.add_argument("--once", action="store_true", help="xem một lần rồi dừng")
        parser.add_argument(
            "--direction", default="internal", choices=["internal", "incoming", "outgoing"]
        )

    def handle(self, folder, org, interval, once, direction, **options):
        root = Path(folder).expanduser().resolve()
        if not root.is_dir():
            raise CommandError(f"“{folder}” không phải là thư mục.")
        organization = org_by_code(org)
        self.stdout.write(f"Đang theo dõi {root} cho {organization.name} (Ctrl+C để dừng)")
        # A batch a previous run left unfinished (killed, power cut) is finished first.
        key = f"watch:{root}"
        for batch in ImportBatch.objects.filter(key=key, finished_at__isnull=True).order_by("pk"):
            self.stdout.write(f"Tiếp tục đợt nhập {batch.pk} dở dang từ lần chạy trước.")
            services.seal(batch)
            self._finish(root, batch, batch.label.rsplit(" ", 1)[-1])
        sizes: dict[Path, int] = {}
        while True:
            ready = self._settled(root, sizes, wait=not once)
            if ready:
                self._take_in(root, ready, organization, direction)
            if once:
                return
            time.sleep(interval)

    def _settled(self, root: Path, sizes: dict[Path, int], *, wait: bool) -> list[Path]:
        """Files whose size did not change since the last look (no half-copied scans)."""
        now = {}
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).parts
            if not p.is_file() or rel[0] in (DONE_DIR, FAILED_DIR) or bundle.is_junk(rel):
                continue
            now[p] = p.stat().st_size
        ready = [p for p, size in now.items() if not wait or sizes.get(p) == size]
        sizes.clear()
        sizes.update({p: s for p, s in now.items() if p not in ready})
        return ready

    def _take_in(self, root, paths, organization, direction):
        stamp = timezone.localtime().strftime("%Y-%m-%d_%H%M%S")  # the time in Viet Nam
        try:
            batch = services.start_batch(
                None,
                organization,
                source=Source.WATCH,
                label=f"{root.name} {stamp}",
                direction=direction,
                key=f"watch:{root}",
            )
        except RuleViolation as exc:
            self.stderr.write(" ".join(exc.messages))
            return
        names = {p.relative_to(root).as_posix(): p for p in paths}
        services.add_files(
            batch, (bundle.from_path(p, bundle.clean_name(n)) for n, p in names.items())
        )
        services.seal(batch)
        self._finish(root, batch, stamp, names)

    def _finish(self, root: Path, batch, stamp: str, names: dict | None = None) -> None:
        """Run the batch's items, then move each file where its outcome says."""
        counts = run_batch(batch, jobs=1)
        self.stdout.write(bar(counts))
        for item in batch.items.all():
            src = (names or {}).get(item.name) or root / item.name
            if not src.is_file():
                continue
            refused = item.state == ItemState.FAILED
            dest = root / (FAILED_DIR if refused else DONE_DIR) / stamp / item.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(src), dest)
            if refused:
                dest.with_name(dest.name + ".txt").write_text(item.reason + "\n", encoding="utf-8")
            self.stdout.write(f"  [{item.get_state_display()}] {item.name} {item.reason}".rstrip())
