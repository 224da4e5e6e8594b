"""Packages are checked by the worker, never inside a web request (issue 14, item 4;
5,000 files take minutes): the check's row shows the progress and ends done or
failed; a bad package is still refused naming the file; a check interrupted after
the import carries on; the sender validates a small package at once, a large one
in the background."""

from __future__ import annotations

import shutil

from django.test import Client

from luutru.transfer import services, verify
from luutru.transfer import xml as x
from luutru.transfer.models import PackageCheck, ReceivedFile, ReceivedPackage
from luutru.transfer.tests.conftest import run_worker


def _in_inbox(t, *, alter: bool = False):
    box = services.inbox()
    box.mkdir(parents=True, exist_ok=True)
    dest = box / t.package_id
    shutil.copytree(services.package_path(t), dest)
    victim = None
    if alter:
        victim = sorted((dest / "data" / x.REP_DATA).rglob("*.pdf"))[-1]
        data = bytearray(victim.read_bytes())
        data[-10] ^= 0x20
        victim.write_bytes(bytes(data))
    return dest, victim


def test_progress_counts_every_file_bagit_checks(world, due):
    t = services.build_transfer(world.archivist, world.office)
    seen: list[tuple[str, int, int]] = []
    report = verify.verify(services.package_path(t), lambda *a: seen.append(a))
    assert report.intact
    counted = [s for s in seen if s[0] == verify.CHECKSUMS]
    # Every payload and tag file, one by one, up to the whole.
    assert [d for _p, d, _t in counted] == list(range(1, len(counted) + 1))
    assert counted[-1][1] == counted[-1][2] >= t.file_count
    assert seen[-1][0] == verify.SCHEMAS
    # Without a listener bagit stays quiet again (its per-file lines are not logged).
    import logging

    assert logging.getLogger("bagit").level == logging.ERROR


def test_an_altered_package_is_refused_by_the_worker_naming_the_file(
    world, due, django_capture_on_commit_callbacks
):
    t = services.build_transfer(world.archivist, world.office)
    folder, victim = _in_inbox(t, alter=True)
    with django_capture_on_commit_callbacks(execute=True):
        check = services.start_receiving(world.archivist2, folder)
        again = services.start_receiving(world.archivist2, folder)  # a double click
    assert again == check and check.state == PackageCheck.State.QUEUED
    run_worker()
    check.refresh_from_db()
    assert check.state == PackageCheck.State.DONE and check.intact is False
    name = victim.relative_to(folder).as_posix()
    assert any(name in m and "bị thay đổi" in m for m in check.problems), check.problems
    p = check.result
    assert p.status == ReceivedPackage.Status.REFUSED
    assert not ReceivedFile.objects.filter(blob__isnull=False).exists()  # nothing kept
    page = Client()
    page.force_login(world.archivist2)
    shown = page.get(f"/nop-luu-lich-su/kiem-tra/{check.pk}/", follow=True).content.decode()
    assert name in shown and "không toàn vẹn" in shown
    # Another body's archivist does not see the check.
    other = Client()
    other.force_login(world.district_official)
    assert other.get(f"/nop-luu-lich-su/kiem-tra/{check.pk}/").status_code == 404


def test_a_check_interrupted_after_the_import_keeps_the_rest_of_the_files(world, due):
    t = services.build_transfer(world.archivist, world.office)
    folder, _ = _in_inbox(t)
    check = services.start_receiving(world.archivist2, folder)
    p = services.receive(world.archivist2, folder, check=check)  # the worker got this far…
    check.refresh_from_db()
    assert check.result == p and check.working
    ReceivedFile.objects.filter(dossier__package=p).update(blob=None)  # …then was killed
    assert services.run_check(check.pk) == PackageCheck.State.DONE
    check.refresh_from_db()
    assert check.intact and check.result == p
    assert not ReceivedFile.objects.filter(blob__isnull=True).exists()
    assert ReceivedPackage.objects.count() == 1
    assert services.run_check(check.pk) == PackageCheck.State.DONE  # run twice: nothing more


def test_a_folder_that_is_no_package_fails_with_a_reason(world, due):
    folder = services.inbox() / "khong-phai-goi"
    folder.mkdir(parents=True)
    (folder / "bagit.txt").write_text("BagIt-Version: 0.97\n")
    check = services.start_receiving(world.archivist2, folder)
    assert services.run_check(check.pk) == PackageCheck.State.FAILED
    check.refresh_from_db()
    assert "không phải gói nộp lưu" in " ".join(check.problems)
    assert not ReceivedPackage.objects.exists()


def test_the_sender_validates_small_packages_at_once_and_large_ones_in_the_background(
    world, due, django_capture_on_commit_callbacks
):
    t = services.build_transfer(world.archivist, world.office)
    c = Client()
    c.force_login(world.archivist)
    r = c.post(f"/nop-luu-lich-su/goi/{t.pk}/kiem-tra/")
    check = t.checks.get()
    assert r.url == f"/nop-luu-lich-su/kiem-tra/{check.pk}/"
    assert (check.state, check.intact) == (PackageCheck.State.DONE, True)
    # Only what this machine could not check (a schema it lacks) is said.
    assert all("chưa được kiểm tra" in m for m in check.problems), check.problems
    assert "Gói toàn vẹn" in c.get(r.url).content.decode()
    assert "toàn vẹn, đúng chuẩn" in c.get(f"/nop-luu-lich-su/goi/{t.pk}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        big = services.start_validation(world.archivist, t, inline_files=0)
    assert big.state == PackageCheck.State.QUEUED
    run_worker()
    big.refresh_from_db()
    assert big.state == PackageCheck.State.DONE and big.intact

    # Someone who may not build the transfer may not check it either.
    reader = Client()
    reader.force_login(world.official)
    r = reader.post(f"/nop-luu-lich-su/goi/{t.pk}/kiem-tra/", follow=True)
    assert r.status_code == 404 or "Chưa kiểm tra được gói" in r.content.decode()
    assert t.checks.count() == 2
