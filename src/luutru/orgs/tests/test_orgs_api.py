"""The organizations API: schema public, data behind a token, filters, detail."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.access.services import create_api_token
from luutru.orgs.models import Level, Term, Unit
from luutru.orgs.services import dissolve_org


@pytest.fixture
def auth(world):
    key = create_api_token(None, world.reader, "thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_openapi_schema_is_public_and_lists_the_orgs_endpoints(client, db):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/orgs" in paths and "/api/orgs/{org_id}" in paths


@pytest.mark.parametrize("url", ["/api/orgs", "/api/orgs/1"])
def test_data_needs_a_token(client, world, url):
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer sai-khoa").status_code == 401


def test_a_logged_in_browser_session_is_not_enough_for_the_api(client, world):
    client.force_login(world.reader)
    assert client.get("/api/orgs").status_code == 401


def test_any_token_holder_lists_every_organization_in_tree_order(client, world, auth):
    r = client.get("/api/orgs", **auth)
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 5
    codes = [o["code"] for o in body["items"]]
    assert codes[0] == "TU"
    assert set(codes) == {"TU", "VPTU", "BTCTU", "HU1", "X1"}
    assert codes.index("HU1") < codes.index("X1")


def test_list_filters_by_level_parent_kind_and_active(client, world, auth):
    def codes(**params):
        r = client.get("/api/orgs", params, **auth)
        assert r.status_code == 200, r.content
        return {o["code"] for o in r.json()["items"]}

    assert codes(level=Level.DISTRICT) == {"HU1"}
    assert codes(parent=world.province.pk) == {"VPTU", "BTCTU", "HU1"}
    assert codes(kind="advisory_body") == {"VPTU", "BTCTU"}
    assert codes(q="xã") == {"X1"}
    dissolve_org(None, world.district, dt.date(2025, 6, 30))
    assert codes(active="false") == {"HU1"}
    assert "HU1" not in codes(active="true")
    assert client.get("/api/orgs", {"level": "galaxy"}, **auth).status_code == 422


def test_list_is_paginated(client, world, auth):
    r = client.get("/api/orgs", {"page_size": 2, "page": 2}, **auth)
    body = r.json()
    assert body["count"] == 5 and len(body["items"]) == 2


def test_detail_shows_fonds_parent_children_units_and_terms(client, world, auth):
    Unit.objects.create(org=world.district, name="Văn phòng Huyện ủy", abbrev="VP")
    Term.objects.create(org=world.district, name="2020–2025", start=dt.date(2020, 10, 1))
    dissolve_org(None, world.district, dt.date(2025, 6, 30), successor=world.province)
    r = client.get(f"/api/orgs/{world.district.pk}", **auth)
    assert r.status_code == 200
    d = r.json()
    assert d["code"] == "HU1" and d["active"] is False
    assert d["fonds"]["status"] == "closed" and d["fonds"]["closed_on"] == "2025-06-30"
    assert d["fonds_status"] == "closed"
    assert d["parent"]["code"] == "TU" and d["successor"]["code"] == "TU"
    # The commune went to the successor with the dissolution.
    assert d["children"] == []
    commune = client.get(f"/api/orgs/{world.commune.pk}", **auth).json()
    assert commune["parent"]["code"] == "TU"
    assert d["units"] == [{"id": d["units"][0]["id"], "name": "Văn phòng Huyện ủy", "abbrev": "VP"}]
    assert d["terms"][0]["name"] == "2020–2025" and d["terms"][0]["start"] == "2020-10-01"
    assert [a["code"] for a in d["ancestors"]] == ["TU"]


def test_detail_of_an_office_names_its_receiving_archive(client, world, auth):
    d = client.get(f"/api/orgs/{world.office.pk}", **auth).json()
    assert d["receiving_archive"]["code"] == "TU"
    assert d["fonds"]["status"] == "open"


def test_unknown_organization_is_404(client, world, auth):
    r = client.get("/api/orgs/999999", **auth)
    assert r.status_code == 404
    assert "Không tìm thấy" in r.json()["detail"]
