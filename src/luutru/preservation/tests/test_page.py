"""The administrator's backup page: staff only; shows the last backup and its verification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.preservation.models import BackupRun

pytestmark = pytest.mark.django_db


def test_page_shows_the_last_backup_and_its_verification_to_staff_only(world, client):
    at = timezone.make_aware(dt.datetime(2026, 12, 3, 9, 30))
    BackupRun.objects.create(
        destination="/mnt/sao-luu",
        snapshot="20261203T023000Z",
        started_at=at,
        finished_at=at,
        ok=True,
        files=12,
        total_bytes=3 * 1024 * 1024,
        message="12 tệp",
    )
    BackupRun.objects.create(
        kind=BackupRun.Kind.VERIFY,
        destination="/mnt/sao-luu",
        snapshot="20261203T023000Z",
        started_at=at,
        finished_at=at,
        ok=False,
        message="1 tệp bị thay đổi",
    )
    client.force_login(world.official)
    assert client.get("/bao-quan/sao-luu/").status_code == 404
    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    page = client.get("/bao-quan/sao-luu/").content.decode()
    assert "03/12/2026" in page and "/mnt/sao-luu" in page and "3,0\xa0MB" in page
    assert "KHÔNG nguyên vẹn" in page and "1 tệp bị thay đổi" in page
    assert "luutru backup verify" in page


def test_page_without_a_backup_says_what_to_do(world, client):
    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    page = client.get("/bao-quan/sao-luu/").content.decode()
    assert "Chưa có bản sao lưu nào" in page and "luutru backup NƠI_SAO_LƯU" in page


def test_page_names_the_restore_this_installation_came_from(world, client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    (tmp_path / "restores.jsonl").write_text(
        '{"restored_at": "2026-12-03T10:00:00+07:00", "from": "/mnt/sao-luu", '
        '"snapshot": "20261203T023000Z", "blobs": 12, '
        '"audit_chain_head": {"seq": 41, "hash": "ab12cd34ef56ab12cd34ef56"}}\n'
    )
    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    page = client.get("/bao-quan/sao-luu/").content.decode()
    assert "được khôi phục từ bản sao lưu" in page and "20261203T023000Z" in page
    assert "số 41" in page and "ab12cd34ef56ab12" in page
