"""Backups on the administrator's schedule (issue 14, item 6): the schedule is set
on the backups page (a folder that is missing, a system folder, the data folder,
a relative path or one outside the allowed roots is refused, changing nothing);
the worker's task writes a snapshot that verifies and queues the next run; a
failed run is recorded and the administrators get a notice. In process, on the
test database, with two small blobs. The runs are outside a test transaction
(``transactional_db``), as in the worker: SQLite copies only from a connection
that is not writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luutru.audit.models import Event
from luutru.deadlines.models import Kind, Notification
from luutru.preservation.backup import load_manifest, verify_backup
from luutru.preservation.models import BackupRun, BackupSchedule
from luutru.preservation.scheduled import set_schedule
from luutru.preservation.tasks import backup_task
from luutru.storage.services import put_blob_bytes

pytestmark = pytest.mark.django_db

PAGE = "/bao-quan/sao-luu/"


def _post(client, destination, **extra):
    data = {"destination": str(destination), "every": "daily", "weekday": "6", "hour": "2"}
    data.update({"verify": "on", "enabled": "on"})
    data.update(extra)
    return client.post(PAGE, data)


def _due_now() -> None:
    BackupSchedule.objects.filter(pk=1).update(next_run_at=timezone.now() - dt.timedelta(minutes=1))


def test_setting_the_schedule_refuses_unfit_folders_and_queues_the_next_run(
    world, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "to-etc").symlink_to("/etc")
    Path(settings.BLOB_ROOT).mkdir(parents=True, exist_ok=True)
    refused = [
        ("/etc", "là thư mục hệ thống"),
        ("/etc/../etc/cron.d", "là thư mục hệ thống"),
        (tmp_path / "to-etc", "là thư mục hệ thống"),
        ("/", "là thư mục hệ thống"),
        ("sao-luu", "không phải đường dẫn tuyệt đối"),
        (tmp_path / "khong-co", "không tồn tại"),
        (tmp_path / "a-file", "là một tệp, không phải thư mục"),
        (settings.BLOB_ROOT, "nằm trong thư mục tệp lưu trữ"),
        (settings.DATA_DIR, "nằm trong thư mục dữ liệu của hệ thống"),
        (Path(settings.DATA_DIR).parent, "chứa thư mục dữ liệu của hệ thống"),
        ("", "Hãy nhập thư mục sao lưu"),
    ]
    for destination, message in refused:
        r = _post(client, destination)
        assert r.status_code == 400 and message in r.content.decode(), destination
    r = _post(client, tmp_path, hour="25")
    assert r.status_code == 400 and "Giờ sao lưu phải từ 0 đến 23" in r.content.decode()
    settings.LUUTRU_BACKUP_ROOTS = [str(tmp_path / "mnt")]
    (tmp_path / "khac").mkdir()
    r = _post(client, tmp_path / "khac")
    assert r.status_code == 400 and "phải nằm trong" in r.content.decode()
    assert not BackupSchedule.objects.exists()
    assert not Event.objects.filter(action="preservation.backup_schedule").exists()

    # Someone without the administrator's role cannot see or set it.
    dest = tmp_path / "mnt" / "sao-luu"
    dest.mkdir(parents=True)
    client.force_login(world.official)
    assert _post(client, dest).status_code == 404
    assert not BackupSchedule.objects.exists()

    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(client, dest, every="weekly", weekday="6", hour="2")
    assert r.status_code == 302
    s = BackupSchedule.objects.get()
    assert (s.destination, s.every, s.weekday, s.hour, s.verify) == (
        str(dest),
        "weekly",
        6,
        2,
        True,
    )
    local = timezone.localtime(s.next_run_at)
    assert local.weekday() == 6 and (local.hour, local.minute) == (2, 0)
    assert dt.timedelta(0) < s.next_run_at - timezone.now() <= dt.timedelta(days=7)
    queued = DBTaskResult.objects.get(task_path=backup_task.module_path, status="READY")
    assert queued.run_after == s.next_run_at
    event = Event.objects.get(action="preservation.backup_schedule")
    assert event.after["destination"] == str(dest) and event.before is None
    page = client.get(PAGE).content.decode()
    assert "Hằng tuần vào Chủ nhật, lúc 02:00" in page and str(dest) in page
    assert "Chưa chạy lần nào" in page

    # Changing it replaces the queued run (its slot moved).
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, dest, hour="23").status_code == 302
    s.refresh_from_db()
    rows = DBTaskResult.objects.filter(task_path=backup_task.module_path, status="READY")
    assert [r.run_after for r in rows] == [s.next_run_at]
    assert timezone.localtime(s.next_run_at).hour == 23


# serialized_rollback as every transactional test here: a plain flush re-creates the
# content types, which the next serialized test then loads again (UNIQUE failed).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_run_writes_a_snapshot_that_verifies_and_queues_the_next(
    transactional_db, world, client, tmp_path, django_capture_on_commit_callbacks
):
    for i in range(2):
        put_blob_bytes(f"Biên bản họp số {i}\n".encode() * 100, "application/pdf")
    dest = tmp_path / "sao-luu"
    dest.mkdir()
    with django_capture_on_commit_callbacks(execute=True):
        set_schedule(world.admin, destination=str(dest), every="daily", hour=3)
    _due_now()
    with django_capture_on_commit_callbacks(execute=True):
        assert backup_task.call() is True
    name = (dest / "latest").read_text().strip()
    assert verify_backup(dest, record_run=False).ok
    manifest, problems = load_manifest(dest, name)
    assert not problems
    assert len([f for f in manifest["files"] if f["path"].startswith("blobs/")]) == 2
    runs = BackupRun.objects.filter(scheduled=True, snapshot=name)
    assert {(r.kind, r.ok) for r in runs} == {("backup", True), ("verify", True)}
    # The next run is queued for tomorrow 03:00; a duplicate task does nothing.
    s = BackupSchedule.objects.get()
    local = timezone.localtime(s.next_run_at)
    assert (local.hour, local.minute) == (3, 0) and s.next_run_at > timezone.now()
    assert DBTaskResult.objects.get(
        task_path=backup_task.module_path, status="READY"
    ).run_after == (s.next_run_at)
    assert backup_task.call() is None
    assert BackupRun.objects.filter(kind="backup").count() == 1
    assert not Notification.objects.filter(kind=Kind.BACKUP).exists()
    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    page = client.get(PAGE).content.decode()
    assert f"Thành công, {len(manifest['files'])} tệp" in page
    assert "đã kiểm tra: nguyên vẹn" in page


# serialized_rollback as every transactional test here: a plain flush re-creates the
# content types, which the next serialized test then loads again (UNIQUE failed).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_scheduled_run_is_recorded_and_the_administrators_get_a_notice(
    transactional_db, world, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    blob = put_blob_bytes(b"To trinh so 7\n" * 100, "application/pdf")
    dest = tmp_path / "o-dia-ngoai"
    dest.mkdir()
    set_schedule(world.admin, destination=str(dest), every="daily", hour=1)
    # The disk is no longer mounted: refused before anything is written.
    dest.rmdir()
    _due_now()
    assert backup_task.call() is False
    run = BackupRun.objects.get(scheduled=True)
    assert not run.ok and "không tồn tại" in run.message and not dest.exists()
    notices = Notification.objects.filter(kind=Kind.BACKUP, object_id=run.pk)
    assert list(notices.values_list("recipient", flat=True)) == [world.admin.pk]
    assert "không tồn tại" in notices[0].message and notices[0].url == PAGE
    assert Event.objects.filter(action="preservation.backup_failed", object_id=str(run.pk)).exists()

    # A blob gone from the main store: the copy is incomplete, that is a failure too.
    dest.mkdir()
    (Path(settings.BLOB_ROOT) / blob.sha256[:2] / blob.sha256[2:4] / blob.sha256).unlink()
    _due_now()
    assert backup_task.call() is False
    second = BackupRun.objects.filter(scheduled=True, kind="backup").order_by("-pk")[0]
    assert second.pk != run.pk and not second.ok and "kho chính" in second.message
    assert Notification.objects.filter(kind=Kind.BACKUP, object_id=second.pk).count() == 1

    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    page = client.get(PAGE).content.decode()
    assert "Thất bại" in page and "Cách khắc phục" in page and "luutru fixity" in page
