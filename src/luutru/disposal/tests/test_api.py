"""The disposal JSON API (issue 14), read-only: appraisals with their proposals,
the council's opinions, the decision and the destruction, each read through the
access policy (an appraisal not visible answers 404; a dossier not visible keeps
its title and reasons hidden, as on the page)."""

from __future__ import annotations

import pytest
from django.test import Client

from luutru.access.api_auth import issue_token
from luutru.access.policy import can_view
from luutru.disposal import destruction as destroying
from luutru.disposal import queries
from luutru.disposal.models import Destruction
from luutru.disposal.tests.test_appraisal import decided

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user)}")


def test_appraisals_read_through_the_policy(world, holdings, django_capture_on_commit_callbacks):
    expired, permanent, _ = holdings
    a = decided(world, [expired, permanent], [("destroy", None), ("transfer", None)])

    head = _api(world.head)
    listed = head.get("/api/disposal/appraisals").json()
    assert [(x["id"], x["status"], x["item_count"]) for x in listed] == [(a.pk, "decided", 2)]
    assert head.get("/api/disposal/appraisals?status=draft").json() == []
    got = head.get(f"/api/disposal/appraisals/{a.pk}").json()
    assert got["decision_number"] == "15-QĐ/VPTU"
    assert [(m["role"], m["position"]) for m in got["council"]] == [
        ("chair", "Chánh Văn phòng"),
        ("member", "Lưu trữ"),
    ]
    items = {i["dossier_id"]: i for i in got["items"]}
    assert (items[expired.pk]["proposal"], items[expired.pk]["decision"]) == ("destroy", "destroy")
    assert items[permanent.pk]["decision"] == "transfer"
    assert [o["outcome"] for o in items[expired.pk]["opinions"]] == ["destroy", "destroy"]
    assert got["destruction"]["status"] == "pending" and got["destruction"]["confirmations"] == []

    # Two people confirm: the API shows the destruction done, with its manifest's digest.
    d = Destruction.objects.get(appraisal=a)
    destroying.confirm_destruction(world.archivist, d)
    with django_capture_on_commit_callbacks(execute=True):
        destroying.confirm_destruction(world.head, d)
    d.refresh_from_db()
    done = head.get(f"/api/disposal/appraisals/{a.pk}").json()["destruction"]
    assert done["files_removed"] == 2 and len(done["confirmations"]) == 2
    assert done["manifest_sha256"] == queries.manifest_digest(d)

    # Whoever may not see the appraisal gets nothing; whoever sees it but not one of
    # its dossiers sees that dossier without its title, as on the page.
    outsider = _api(world.district_official)
    assert outsider.get("/api/disposal/appraisals").json() == []
    assert outsider.get(f"/api/disposal/appraisals/{a.pk}").status_code == 404
    assert head.get("/api/disposal/appraisals/99999999").status_code == 404
    for user in (world.head, world.archivist, world.official, world.reader, world.inspector):
        r = _api(user).get(f"/api/disposal/appraisals/{a.pk}")
        if r.status_code == 404:
            assert a.pk not in [x["id"] for x in _api(user).get("/api/disposal/appraisals").json()]
            continue
        for item in r.json()["items"]:
            dossier = expired if item["dossier_id"] == expired.pk else permanent
            assert (item["title"] is not None) == can_view(user, dossier), user.username
    assert Client().get("/api/disposal/appraisals").status_code == 401
