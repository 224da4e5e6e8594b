"""The exhaustive access matrix through the API (issue 8, "Done when"): every
user of the matrix × every object of every kind that has an API detail
endpoint — documents, dossiers, file plans, deposits, capture batches (and the
capture items inside them) — answers 200 exactly when ``can_view`` (and, for
documents and dossiers, the independent oracle of ``test_access_matrix``) says
yes, and 404 otherwise, with a Bearer token (``access/api_auth.py``). A
refusal never names the object; a batch names only the items the user may read.

The world and the oracle are those of ``tests/test_access_matrix.py`` (imported,
not copied); this file adds plans, deposits and capture batches to it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter

import pytest
from django.test import Client
from test_access_matrix import TREE, Matrix, _body, _fresh, asked_over_http, build_matrix

from luutru.access.api_auth import issue_token
from luutru.access.policy import can_view
from luutru.archive.models import Deposit, DepositItem
from luutru.capture.models import ImportBatch, ImportItem
from luutru.filing.models import FilePlan
from luutru.orgs.models import Organization


def _add_other_kinds(m: Matrix) -> dict[str, list]:
    """A file plan per body; deposits of each body, to its own archive and to
    another body's, made by different people; a capture batch per body and
    uploader with items of every secrecy level."""
    orgs = m.orgs
    owners = ["owner_B", "owner_admin", "owner_reader", "official@A/c0"]
    plans = [FilePlan.objects.create(org=orgs[code], year=2024, state="draft") for code in TREE]
    deposits = []
    numbers = itertools.count(1)
    dossiers = [d for k, d in m.objects.items() if k.startswith("h:") and ":archived" not in k]
    by_org = {}
    for d in dossiers:
        by_org.setdefault(d.org_id, []).append(d)
    for i, code in enumerate(TREE):
        for archive_code in {code, "P"}:
            dep = Deposit.objects.create(
                org=orgs[code],
                archive_org=orgs[archive_code],
                year=2025,
                number=next(numbers),
                created_by=m.users[owners[i % len(owners)]],
            )
            for pos, d in enumerate(by_org.get(orgs[code].pk, [])[:3], start=1):
                DepositItem.objects.create(deposit=dep, dossier=d, position=pos)
            deposits.append(dep)
    batches = []
    for i, code in enumerate(TREE):
        for uploader in (owners[i % len(owners)], None):
            b = ImportBatch.objects.create(
                org=orgs[code],
                label=f"Đợt QB{len(batches):03d}B",
                created_by=m.users[uploader] if uploader else None,
                sealed=True,
            )
            for level in (0, 1, 2, 3):
                ImportItem.objects.create(
                    batch=b, name=f"tep-QI{b.pk:03d}-{level}I.pdf", secrecy=level
                )
            batches.append(b)
    return {"plan": plans, "deposit": deposits, "importbatch": batches}


@pytest.fixture
def world_api(db):
    m = build_matrix()
    return m, _add_other_kinds(m)


ENDPOINTS = {
    "document": "/api/documents/{id}",
    "dossier": "/api/dossiers/{id}",
    "plan": "/api/plans/{id}",
    "deposit": "/api/deposits/{id}",
    "importbatch": "/api/capture/batches/{id}",
}


def _token_client(m: Matrix, key: str) -> Client:
    if key not in m.tokens:
        m.tokens[key] = issue_token(m.users[key], "matrix-api")
    return Client(HTTP_AUTHORIZATION=f"Bearer {m.tokens[key]}")


def _objects(m: Matrix, others: dict, kind: str) -> list[tuple[str, object, object]]:
    """(label, object, oracle spec or None) for every object of ``kind``."""
    if kind in ("document", "dossier"):
        return [(o.key, m.objects[o.key], o) for o in m.object_specs if o.kind == kind]
    return [(f"{kind}#{obj.pk}", obj, None) for obj in others[kind]]


def _secret_marks(obj, kind: str) -> list[str]:
    """Strings that must never appear in a refusal."""
    if kind == "document":
        return [obj.subject]
    if kind == "dossier":
        return [obj.title]
    if kind == "importbatch":
        return [obj.label]
    return []


@pytest.mark.parametrize("kind", [*ENDPOINTS, "importbatch items"])
def test_every_user_gets_every_api_detail_exactly_when_can_view_says_so(world_api, kind):
    # One test per kind: asking (users × objects requests) costs far more than
    # building the world, and separate tests spread over the test processes.
    m, others = world_api
    if kind == "importbatch items":
        _check_batch_items(m, others)
    else:
        _check_kind(m, others, kind)


def _check_kind(m: Matrix, others: dict, kind: str) -> None:
    pattern = ENDPOINTS[kind]
    objects = _objects(m, others, kind)
    assert objects
    wrong, answered = [], Counter()
    for i, u in enumerate(m.user_specs):
        client = _token_client(m, u.key)
        user = _fresh(m.users[u.key])
        for j, (label, obj, spec) in enumerate(objects):
            want = can_view(user, obj)
            if spec is not None:
                oracle, why = m.expected(u, spec)
                if oracle != want:
                    wrong.append(f"{u.key} × {label}: can_view={want}, the rule says {oracle}")
                    continue
            if not asked_over_http(i, j):
                continue
            r = client.get(pattern.format(id=obj.pk))
            answered[r.status_code] += 1
            if r.status_code != (200 if want else 404):
                wrong.append(f"{u.key} GET {pattern.format(id=obj.pk)} ({label}): {r.status_code}")
            elif not want:
                body = _body(r).decode()
                leaked = [s for s in _secret_marks(obj, kind) if s and s in body]
                if leaked:
                    wrong.append(f"{u.key} {label}: the refusal names {leaked}")
    assert not wrong, f"{kind}: {len(wrong)} wrong answers:\n" + "\n".join(wrong[:40])
    assert answered[200] and answered[404], (kind, answered)


def _check_batch_items(m: Matrix, others: dict) -> None:
    """A batch names only the items the user may read; the others are counted."""
    checked, hidden_seen = 0, 0
    for u in m.user_specs:
        client = _token_client(m, u.key)
        user = _fresh(m.users[u.key])
        for batch in others["importbatch"]:
            if not can_view(user, batch):
                continue
            r = client.get(f"/api/capture/batches/{batch.pk}")
            assert r.status_code == 200, (u.key, batch.pk)
            data = json.loads(r.content)
            named = {i["id"] for i in data["items"]}
            for item in batch.items.all():
                may = can_view(user, item)
                assert (item.pk in named) == may, (u.key, item.name, may)
                if not may:
                    assert item.name not in r.content.decode(), (u.key, item.name)
                    hidden_seen += 1
                checked += 1
    assert checked and hidden_seen, (checked, hidden_seen)


def test_organizations_are_public_to_every_token_and_a_revoked_token_reads_nothing(world_api):
    m, _ = world_api
    org = Organization.objects.get(code="MA")
    for key in ["official@A/c0", "reader@P/c2", "no_person"]:
        assert _token_client(m, key).get(f"/api/orgs/{org.pk}").status_code == 200
    assert Client().get(f"/api/orgs/{org.pk}").status_code == 401
    for pattern in ENDPOINTS.values():
        assert Client().get(pattern.format(id=1)).status_code == 401

    from luutru.access.models import ApiToken

    key = next(k for k in m.users if k.startswith("head@P"))
    client = _token_client(m, key)
    doc = next(
        m.objects[o.key]
        for o in m.object_specs
        if o.kind == "document" and o.secrecy == 0 and o.org == "A"
    )
    assert client.get(f"/api/documents/{doc.pk}").status_code == 200
    ApiToken.objects.filter(user=m.users[key]).update(revoked_at=dt.datetime.now(dt.UTC))
    assert client.get(f"/api/documents/{doc.pk}").status_code == 401
