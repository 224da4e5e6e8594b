"""The reorganization screen: preview changes nothing, confirm does it, others are refused."""

from __future__ import annotations

import pytest

from luutru.orgs.models import FondsCustody, Organization

pytestmark = pytest.mark.django_db


def test_preview_then_merge_into_a_new_body(world, client):
    client.force_login(world.admin)
    url = f"/to-chuc/{world.district.pk}/sap-xep/"
    page = client.get(f"/to-chuc/{world.district.pk}/")
    assert url in page.content.decode()
    other = Organization.objects.get(code="BTCTU")
    data = {
        "action": "merge",
        "effective": "01/07/2025",
        "decision": "Quyết định số 5-QĐ/TU",
        "code": "HN",
        "name": "Huyện ủy Hợp Nhất",
        "other": other.code,
    }
    page = client.post(url, {**data, "xem": "1"})
    text = page.content.decode()
    assert "Đảng ủy xã Thử nghiệm → Huyện ủy Hợp Nhất" in text
    assert "Lý Văn Nam" in text and "Thực hiện" in text
    assert not Organization.objects.filter(code="HN").exists()
    done = client.post(url, {**data, "thuc_hien": "1"}, follow=True)
    assert "Đã sắp xếp lại tổ chức" in done.content.decode()
    new = Organization.objects.get(code="HN")
    world.commune.refresh_from_db()
    assert world.commune.parent == new and FondsCustody.objects.count() == 2


def test_split_needs_two_parts_and_bad_input_changes_nothing(world, client):
    client.force_login(world.admin)
    url = f"/to-chuc/{world.commune.pk}/sap-xep/"
    count = Organization.objects.count()
    for data in [
        {"action": "split", "effective": "01/01/2026", "parts": "A; Xã A"},
        {"action": "split", "effective": "01/01/2026", "parts": "chỉ một dòng sai"},
        {"action": "move", "effective": "01/01/2026", "other": "KHONGCO"},
        {"action": "rename", "effective": "31/02/2026", "name": "Tên"},
        {"action": "xoa-het", "effective": "01/01/2026"},
        {"action": "split", "effective": "01/01/1990", "parts": "A; Xã A\nB; Xã B"},
    ]:
        page = client.post(url, {**data, "thuc_hien": "1"})
        assert page.status_code == 200, data
        assert Organization.objects.count() == count
    page = client.post(
        url,
        {
            "action": "split",
            "effective": "01/01/2026",
            "parts": "A; Xã A\nB; Xã B",
            "thuc_hien": "1",
        },
        follow=True,
    )
    assert "Đã sắp xếp lại" in page.content.decode()
    assert Organization.objects.count() == count + 2


def test_someone_who_does_not_administer_the_body_is_refused(world, client):
    client.force_login(world.head)
    assert client.get(f"/to-chuc/{world.district.pk}/sap-xep/").status_code == 403
    page = client.post(
        f"/to-chuc/{world.district.pk}/sap-xep/",
        {"action": "dissolve", "effective": "01/07/2025", "thuc_hien": "1"},
    )
    assert page.status_code == 403
    world.district.refresh_from_db()
    assert world.district.valid_to is None
    assert client.get("/to-chuc/99999999999999999999999/sap-xep/").status_code == 404


@pytest.mark.parametrize("action", ["dissolve", "merge_into"])
def test_a_body_ended_into_another_hands_its_fonds_to_that_body_s_archive(world, client, action):
    # Every reorganization that ends a body leaves its closed fonds a keeper, with the
    # handover row the printed record (biên bản bàn giao phông) is made from.
    client.force_login(world.admin)
    url = f"/to-chuc/{world.commune.pk}/sap-xep/"
    data = {
        "action": action,
        "effective": "01/07/2025",
        "decision": "Quyết định số 7-QĐ/TU",
        "other": world.board.code,
        "thuc_hien": "1",
    }
    done = client.post(url, data, follow=True)
    assert "Đã sắp xếp lại tổ chức" in done.content.decode()
    custody = FondsCustody.objects.get(fonds=world.commune.fonds)
    assert custody.keeper == world.board.receiving_archive
    assert custody.since.isoformat() == "2025-07-01" and custody.decision.startswith("Quyết")
