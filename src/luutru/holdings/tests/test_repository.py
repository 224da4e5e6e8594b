"""Kho và giá (issue 13 item 4): each place of the repository with the boxes on it,
shelf metres used, capacity and free space; the archivist records capacities
(audited, bad values refused in Vietnamese with nothing changed); others may not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from luutru.audit.models import Event
from luutru.holdings import importer, sample
from luutru.holdings.models import Location

URL = reverse("holdings:repository")


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def repository(world):
    # Six dossiers, three to a box: two boxes of 10 cm on tiers of the sample's shelf.
    rows = importer.read_table(sample.xlsx(sample.rows(6, per_box=3)), "m.xlsx")
    pv = importer.preview(rows)
    importer.apply(world.archivist, b"x", rows, pv, pv.mapping, world.office.fonds, None)
    return world


def _row(rows, label):
    return next(r for r in rows if r["location"].label == label)


def test_the_archivist_sees_boxes_metres_and_records_a_capacity(repository):
    from luutru.holdings import queries

    w = repository
    rows = queries.occupancy(w.archivist, w.office)
    room = rows[0]
    assert room["depth"] == 0 and room["location"].kind == Location.Kind.ROOM
    assert room["boxes"] == 2 and room["metres"] == Decimal("0.20")
    tier = next(r for r in rows if r["location"].kind == Location.Kind.TIER and r["boxes"])
    c = _client(w.archivist)
    page = c.get(URL).content.decode()
    assert "Kho và giá" in page and tier["location"].label in page

    # One box fits on the tier: it is now over capacity, and the page says so.
    answer = c.post(
        URL,
        {
            "co_quan": w.office.pk,
            "vi_tri": tier["location"].pk,
            "suc_chua_hop": "0",
            "suc_chua_met": "0,05",
        },
        follow=True,
    )
    assert "Đã ghi sức chứa" in answer.content.decode()
    loc = Location.objects.get(pk=tier["location"].pk)
    assert (loc.capacity_boxes, loc.capacity_metres) == (0, Decimal("0.05"))
    assert Event.objects.filter(action="holdings.location_capacity").count() == 1
    row = _row(queries.occupancy(w.archivist, w.office), loc.label)
    assert row["over"] and row["free_boxes"] == -tier["boxes"]
    assert 'id="over-capacity"' in c.get(URL).content.decode()

    # A roomier figure: free space shown, nothing over.
    c.post(
        URL, {"co_quan": w.office.pk, "vi_tri": loc.pk, "suc_chua_hop": "40", "suc_chua_met": ""}
    )
    row = _row(queries.occupancy(w.archivist, w.office), loc.label)
    assert (
        not row["over"] and row["free_boxes"] == 40 - tier["boxes"] and row["free_metres"] is None
    )


@pytest.mark.parametrize(
    "boxes, metres, says",
    [
        ("-1", "", "Sức chứa (hộp)"),
        ("mười", "", "Sức chứa (hộp)"),
        (str(10**30), "", "Sức chứa (hộp)"),
        ("", "abc", "Sức chứa (mét giá)"),
        ("", "NaN", "Sức chứa (mét giá)"),
        ("", "1e9", "Sức chứa (mét giá)"),
        ("", "-2", "Sức chứa (mét giá)"),
    ],
)
def test_bad_capacities_are_refused_in_vietnamese_and_change_nothing(
    repository, boxes, metres, says
):
    w = repository
    loc = Location.objects.filter(keeper=w.office).first()
    answer = _client(w.archivist).post(
        URL,
        {"co_quan": w.office.pk, "vi_tri": loc.pk, "suc_chua_hop": boxes, "suc_chua_met": metres},
        follow=True,
    )
    assert answer.status_code == 200
    assert says in answer.content.decode() and "không có gì thay đổi" in answer.content.decode()
    loc.refresh_from_db()
    assert (loc.capacity_boxes, loc.capacity_metres) == (None, None)
    assert not Event.objects.filter(action="holdings.location_capacity").exists()


def test_others_see_no_repository_and_change_nothing(repository):
    w = repository
    loc = Location.objects.filter(keeper=w.office).first()
    for user in (w.reader, w.clerk, w.official, w.inspector, w.board_official):
        c = _client(user)
        page = c.get(URL).content.decode()
        assert loc.label not in page and "Chỉ lưu trữ viên" in page
        answer = c.post(URL, {"co_quan": w.office.pk, "vi_tri": loc.pk, "suc_chua_hop": "5"})
        assert answer.status_code in (200, 302)
    # A location of another body's repository cannot be reached through one's own.
    c = _client(w.archivist)
    c.post(URL, {"co_quan": w.office.pk, "vi_tri": 10**9, "suc_chua_hop": "5"})
    loc.refresh_from_db()
    assert loc.capacity_boxes is None
    assert not Event.objects.filter(action="holdings.location_capacity").exists()
