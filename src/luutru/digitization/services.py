"""The digitization desk's changes: open a scanning batch (the box goes to the
desk through holdings' own service), attach scans to their paper dossiers
(stored content-addressed, read by the worker), confirm a dossier digitized
after its quality check, close the batch (the boxes go back to their shelves).
Each refusal names every failed precondition; each change is audited."""

from __future__ import annotations

import io
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from luutru.access.policy import has_role
from luutru.audit import services as audit
from luutru.core.errors import RuleViolation
from luutru.digitization import pages, quality
from luutru.digitization.models import Batch, Digitized, Scan, ScanState
from luutru.digitization.tasks import read_scan
from luutru.holdings import services as holdings
from luutru.holdings.models import Box, Inventory, PaperDossier, Place
from luutru.orgs.models import Role
from luutru.storage.services import put_blob

MAX_BYTES = 200 * 1024 * 1024
MIMES = {"jpeg": "image/jpeg", "png": "image/png", "tiff": "image/tiff", "pdf": "application/pdf"}


def can_digitize(user: Any, inventory: Inventory) -> bool:
    """Archivists of the fonds' body run its digitization."""
    return has_role(user, Role.ARCHIVIST, inventory.fonds.org)


def _to_desk(user: Any, box: Box, batch: Batch) -> None:
    if box.place == Place.SHELF:
        holdings.move_box(
            user, box, Place.DIGITIZATION, timezone.localdate(), f"Lô quét số {batch.pk}"
        )


def start_batch(user: Any, inventory: Inventory, box: Box | None = None, note: str = "") -> Batch:
    """Open a scanning batch for one box (taken to the desk) or a whole inventory."""
    problems = []
    if not can_digitize(user, inventory):
        problems.append("Chỉ lưu trữ viên của phông này được mở lô quét.")
    if box is not None and box.inventory_id != inventory.pk:
        problems.append("Hộp không thuộc mục lục đã chọn.")
    if box is not None and box.place == Place.LOAN:
        problems.append(
            f"Hộp số {box.number} đang cho mượn: ghi việc trả hộp về giá trước khi số hóa."
        )
    open_ = Batch.objects.filter(closed_at__isnull=True)
    if box is not None and open_.filter(box=box).exists():
        problems.append(f"Hộp số {box.number} đã có lô quét đang mở: tiếp tục lô đó.")
    if box is None and open_.filter(inventory=inventory, box__isnull=True).exists():
        problems.append("Mục lục này đã có lô quét đang mở: tiếp tục lô đó.")
    RuleViolation.check(problems)
    try:
        with transaction.atomic():
            batch = Batch.objects.create(
                inventory=inventory, box=box, note=note[:300], opened_by=user
            )
            if box is not None:
                _to_desk(user, box, batch)
            audit.record(
                user,
                "digitization.batch_opened",
                batch,
                org_id=inventory.fonds.org_id,
                after={"inventory": inventory.pk, "box": box.pk if box else None},
            )
    except IntegrityError:  # another archivist opened it a moment ago
        raise RuleViolation("Đã có lô quét đang mở cho hộp hoặc mục lục này.") from None
    return batch


def batch_dossiers(batch: Batch):
    """The paper dossiers a batch scans: its box's, or its inventory's."""
    qs = PaperDossier.objects.filter(inventory_id=batch.inventory_id)
    return qs.filter(box_id=batch.box_id) if batch.box_id else qs


def add_scan(user: Any, batch: Batch, dossier: PaperDossier, name: str, data: bytes) -> Scan:
    """Attach a file of scanned pages (JPEG, PNG, TIFF or PDF) to a dossier of the
    batch; the worker measures and reads it once this commits."""
    problems = []
    if not can_digitize(user, batch.inventory):
        problems.append("Chỉ lưu trữ viên của phông này được tải bản quét lên.")
    if not batch.is_open:
        problems.append(f"Lô quét số {batch.pk} đã đóng.")
    if not batch_dossiers(batch).filter(pk=dossier.pk).exists():
        problems.append("Hồ sơ này không thuộc hộp hoặc mục lục của lô quét.")
    if Digitized.objects.filter(dossier=dossier).exists():
        problems.append("Hồ sơ đã được xác nhận số hóa xong: không thêm bản quét.")
    kind = pages.kind_of(data)
    if not data:
        problems.append("Tệp rỗng: chọn tệp ảnh quét hoặc PDF.")
    elif len(data) > MAX_BYTES:
        problems.append("Tệp lớn quá 200 MB: chia thành nhiều tệp.")
    elif kind is None:
        problems.append("Chỉ nhận ảnh quét JPEG, PNG, TIFF hoặc tệp PDF.")
    else:
        try:
            count = pages.count_pages(data, kind)
        except pages.Unreadable as exc:
            problems.append(f"Tệp “{name}”: {exc}")
        else:
            if count == 0:
                problems.append(f"Tệp “{name}” không có trang nào.")
            elif count > pages.MAX_PAGES:
                problems.append(f"Tệp “{name}” có {count} trang: mỗi tệp tối đa {pages.MAX_PAGES}.")
    RuleViolation.check(problems)
    assert kind is not None
    blob = put_blob(io.BytesIO(data), MIMES[kind])  # the bytes before the row naming them
    with transaction.atomic():
        PaperDossier.objects.select_for_update().filter(pk=dossier.pk).first()
        last = Scan.objects.filter(dossier=dossier).aggregate(m=Max("position"))["m"] or 0
        scan = Scan.objects.create(
            batch=batch,
            dossier=dossier,
            position=last + 1,
            name=(name or f"ban-quet.{kind}")[-255:],
            kind=kind,
            blob=blob,
            uploaded_by=user,
        )
        if dossier.box is not None and batch.box_id is None:
            _to_desk(user, dossier.box, batch)
        audit.record(
            user,
            "digitization.scan_added",
            scan,
            org_id=dossier.org_id,
            after={"dossier": dossier.pk, "name": scan.name, "sha256": blob.sha256},
        )
        transaction.on_commit(lambda: read_scan.enqueue(scan.pk))
    return scan


def requeue(user: Any, batch: Batch) -> int:
    """Queue again the batch's scans still waiting (their task was lost with a
    stopped worker or queue); the task does nothing for a scan already read."""
    if not can_digitize(user, batch.inventory):
        raise RuleViolation("Chỉ lưu trữ viên của phông này được đưa lại tệp vào hàng đợi.")
    ids = list(batch.scans.filter(state=ScanState.QUEUED).values_list("pk", flat=True))
    for pk in ids:
        transaction.on_commit(partial(read_scan.enqueue, pk))
    return len(ids)


def confirm(user: Any, dossier: PaperDossier, note: str = "") -> Digitized:
    """Confirm a dossier digitized after its quality check; a check with problems
    is accepted only with a note saying why."""
    problems = []
    if not can_digitize(user, dossier.inventory):
        problems.append("Chỉ lưu trữ viên của phông này được xác nhận số hóa.")
    if Digitized.objects.filter(dossier=dossier).exists():
        problems.append("Hồ sơ đã được xác nhận số hóa xong.")
    result = quality.check(dossier)
    last = Scan.objects.filter(dossier=dossier).select_related("batch").order_by("-pk").first()
    if last is None:
        problems.append("Hồ sơ chưa có bản quét nào.")
    elif result.waiting:
        problems.append(f"Còn {result.waiting} tệp đang chờ nhận dạng: đợi xong rồi xác nhận.")
    elif result.problems and not note.strip():
        problems.append(
            "Kiểm tra chất lượng còn vấn đề (liệt kê trên trang): quét lại, "
            "hoặc ghi lý do chấp nhận vào ô ghi chú."
        )
    RuleViolation.check(problems)
    assert last is not None
    with transaction.atomic():
        done = Digitized.objects.create(
            dossier=dossier, batch=last.batch, pages=result.pages, note=note.strip()[:500], by=user
        )
        audit.record(
            user,
            "digitization.confirmed",
            done,
            org_id=dossier.org_id,
            after={
                "dossier": dossier.pk,
                "pages": result.pages,
                "problems": result.problems,
                "note": done.note,
            },
        )
    return done


def close_batch(user: Any, batch: Batch) -> Batch:
    """Close a batch: its boxes still at the desk go back to their shelves."""
    problems = []
    if not can_digitize(user, batch.inventory):
        problems.append("Chỉ lưu trữ viên của phông này được đóng lô quét.")
    if not batch.is_open:
        problems.append(f"Lô quét số {batch.pk} đã đóng.")
    waiting = batch.scans.filter(state=ScanState.QUEUED).count()
    if waiting:
        problems.append(f"Còn {waiting} tệp đang chờ nhận dạng: đợi xong rồi đóng lô.")
    RuleViolation.check(problems)
    box_ids = (
        {batch.box_id}
        if batch.box_id
        else set(batch.scans.exclude(dossier__box=None).values_list("dossier__box", flat=True))
    )
    with transaction.atomic():
        batch.closed_by, batch.closed_at = user, timezone.now()
        batch.save(update_fields=["closed_by", "closed_at"])
        for box in Box.objects.filter(pk__in=box_ids, place=Place.DIGITIZATION).order_by("pk"):
            if Batch.objects.filter(closed_at__isnull=True, scans__dossier__box=box).exists():
                continue  # another open batch still has it at the desk
            holdings.move_box(
                user, box, Place.SHELF, timezone.localdate(), f"Xong lô quét số {batch.pk}"
            )
        audit.record(
            user,
            "digitization.batch_closed",
            batch,
            org_id=batch.inventory.fonds.org_id,
            after={"boxes_returned": sorted(box_ids)},
        )
    return batch
