"""The filing API: plans and dossiers, visible only, with a token."""

import datetime as dt

import pytest

from luutru.access.api_auth import issue_token
from luutru.filing import services

from .conftest import make_document


def get(client, user, path):
    return client.get(f"/api{path}", HTTP_AUTHORIZATION=f"Bearer {issue_token(user)}")


@pytest.fixture
def closed(world, issued_plan):
    d = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    services.add_document_to_dossier(
        world.official, d, make_document(world.official, world.office, pages=3)
    )
    secret = make_document(
        world.head, world.office, number="9", subject="Về nhân sự mật", secrecy=1
    )
    services.add_document_to_dossier(world.head, d, secret)
    return d


def test_plans_list_and_detail(client, world, issued_plan):
    other = services.create_plan(world.board_official, world.board, 2025)
    r = get(client, world.official, "/plans")
    assert r.status_code == 200
    ids = [p["id"] for p in r.json()["items"]]
    assert issued_plan.pk in ids and other.pk not in ids
    detail = get(client, world.official, f"/plans/{issued_plan.pk}").json()
    assert [i["code"] for i in detail["items"]] == ["01.VP", "02.VP", "03.TC"]
    assert (detail["total"], detail["permanent"], detail["fixed_term"]) == (3, 1, 2)
    assert [h["numeral"] for h in detail["headings"]] == ["I", "1", "II"]
    assert get(client, world.official, f"/plans/{other.pk}").status_code == 404


def test_dossier_detail_hides_what_the_user_may_not_open(client, world, closed):
    head_view = get(client, world.head, f"/dossiers/{closed.pk}").json()
    assert [d["subject"] for d in head_view["documents"]] == [
        "Về công tác văn thư, lưu trữ",
        "Về nhân sự mật",
    ]
    # the dossier is now secret: the official who owns it has no clearance and gets 404
    assert get(client, world.official, f"/dossiers/{closed.pk}").status_code == 404
    assert get(client, world.board_official, f"/dossiers/{closed.pk}").status_code == 404
    listed = [d["id"] for d in get(client, world.board_official, "/dossiers").json()["items"]]
    assert closed.pk not in listed


def test_dossier_list_and_detail_for_the_owner(client, world, issued_plan):
    d = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="02.VP"))
    doc = make_document(world.official, world.office, issued=dt.date(2025, 3, 1))
    services.add_document_to_dossier(world.official, d, doc)
    r = get(client, world.official, "/dossiers?mine=true").json()
    assert [x["file_notation"] for x in r["items"]] == ["02.VP"]
    detail = get(client, world.official, f"/dossiers/{d.pk}").json()
    assert detail["status"] == "open" and detail["file_code"].endswith("2025.02.VP")
    assert detail["documents"] == [
        {
            "position": 1,
            "document_id": doc.pk,
            "visible": True,
            "symbol": "12-NQ/TU",
            "issued_date": "2025-03-01",
            "subject": doc.subject,
            "page_amount": 2,
        }
    ]


def test_the_api_needs_a_token(client, world, issued_plan):
    assert client.get("/api/plans").status_code == 401
    assert client.get("/api/dossiers").status_code == 401
