"""The access matrix for capture (issue 8 item 2): every user of the matrix world ×
capture items of every secrecy level, confirmed by a person or only suspected by the
parser, some already registered as a document of a higher level × every capture read
— the batch page, the batch API, the item's review page, its page image, the capture
list, and the counts on the batch page and in the API — agrees with ``can_view``,
and ``can_view`` agrees with the independent oracle of ``test_access_matrix``.
Items a user may not read are counted, never named.

The world and the oracle are those of ``tests/test_access_matrix.py`` (imported,
not copied); this file adds capture batches and items to it.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest
from django.test import Client
from test_access_matrix import TREE, Matrix, ObjectSpec, _fresh, build_matrix

from luutru.access.api_auth import issue_token
from luutru.access.policy import can_view, visible_q
from luutru.capture.models import ImportBatch, ImportItem, ItemState
from luutru.registry.models import Document
from luutru.storage.services import put_blob

# Who brings files in, per body: an official of body B (its own body there, another
# body elsewhere), an uploader outside every scope (an administrator), nobody (a
# watched folder).
UPLOADER_OF = {
    "P": "owner_B",
    "A": "owner_admin",
    "B": "owner_B",
    "D": None,
    "C": "owner_admin",
    "E": None,
}
NAME = re.compile(r"QZC\d{4}Z")
USERS_LIMIT = None
LIST_SHOWN = 50  # items to review on the capture page


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    return buf.getvalue()


def _add_capture(m: Matrix) -> tuple[list[ImportBatch], dict[int, ObjectSpec], dict]:
    """Per body and uploader a batch; in it an item per secrecy level, confirmed and
    suspected, and one registered as a document two levels above what was parsed."""
    blob = put_blob(io.BytesIO(_png()), "image/png")
    batches, specs, batch_specs = [], {}, {}
    m.registered = set()  # keys of the items registered as a document
    n = 0
    for code in TREE:
        for uploader in (UPLOADER_OF[code],):
            batch = ImportBatch.objects.create(
                org=m.orgs[code],
                label=f"Lô {code} {uploader or 'thư mục'}",
                created_by=m.users[uploader] if uploader else None,
                sealed=True,
            )
            batches.append(batch)
            batch_specs[batch.pk] = ObjectSpec(
                "importbatch", f"b:{code}:{uploader}", code, 0, uploader, False
            )
            cases = [(s, confirmed, None) for s in (0, 1, 2, 3) for confirmed in (True, False)]
            # (parsed, confirmed, document's level): registered, an item is read as its
            # document is, its uploader without clearance for the document included.
            cases += [(0, False, 2), (0, False, 3)]
            for secrecy, confirmed, doc_level in cases:
                n += 1
                token = f"QZC{n:04d}Z"
                name = f"{token}.png"
                doc = None
                if doc_level is not None:
                    doc = Document.objects.create(
                        org=m.orgs[code],
                        subject=f"Văn bản {name}",
                        secrecy=doc_level,
                        created_by=batch.created_by,
                        blob=blob,
                        original_filename=name,
                    )
                item = ImportItem.objects.create(
                    batch=batch,
                    name=name,
                    blob=blob,
                    kind="png",
                    state=ItemState.REVIEW,
                    secrecy=secrecy,
                    secrecy_confirmed=confirmed,
                    document=doc,
                    parsed={"subject": {"value": f"Trích yếu {name}", "confidence": 0.5}},
                )
                level = max(secrecy, doc_level or 0)
                if doc is not None:
                    m.registered.add(name)
                specs[item.pk] = ObjectSpec(
                    "importitem", name, code, level, uploader, False, title=token
                )
    return batches, specs, batch_specs


@pytest.fixture
def world(db):
    m = build_matrix()
    batches, specs, batch_specs = _add_capture(m)
    return m, batches, specs, batch_specs


def _session(m: Matrix, key: str) -> Client:
    c = Client()
    c.force_login(m.users[key])
    return c


def _api(m: Matrix, key: str) -> Client:
    if key not in m.tokens:
        m.tokens[key] = issue_token(m.users[key], "matrix-capture")
    return Client(HTTP_AUTHORIZATION=f"Bearer {m.tokens[key]}")


def _expected(m: Matrix, u, spec: ObjectSpec) -> tuple[bool, str]:
    """The rule of ``test_access_matrix``, and for a capture item the uploader's:
    a file whose secrecy the parser only suspects stays visible to whoever brought
    it in (issue 8 item 2), until it is registered as a document, which then binds
    it under the normal rule."""
    want, why = m.expected(u, spec)
    uploader = spec.kind == "importitem" and spec.owner is not None and spec.owner == u.key
    if uploader and spec.key not in m.registered and not want:
        return True, "uploader"  # beyond the uploader's clearance
    return want, why


def _oracle(m: Matrix, u, spec: ObjectSpec) -> bool:
    return _expected(m, u, spec)[0]


def test_policy_can_view_and_visible_q_agree_with_the_rule_for_every_item(world):
    m, batches, specs, batch_specs = world
    wrong, reasons = [], Counter()
    items = {i.pk: i for i in ImportItem.objects.select_related("batch", "document")}
    for u in m.user_specs:
        user = _fresh(m.users[u.key])
        listed = set(
            ImportItem.objects.filter(visible_q(user, object_type="importitem")).values_list(
                "pk", flat=True
            )
        )
        listed_batches = set(
            ImportBatch.objects.filter(visible_q(user, object_type="importbatch")).values_list(
                "pk", flat=True
            )
        )
        for pk, spec in specs.items():
            want, why = _expected(m, u, spec)
            reasons[(why, want)] += 1
            got = can_view(user, items[pk])
            if got != want or (pk in listed) != want:
                wrong.append(f"{u.key} × {spec.key}: rule {want} ({why}), can_view {got}")
        for batch in batches:
            want = _oracle(m, u, batch_specs[batch.pk])
            if can_view(user, batch) != want or (batch.pk in listed_batches) != want:
                wrong.append(f"{u.key} × batch {batch_specs[batch.pk].key}: rule {want}")
    assert not wrong, f"{len(wrong)} disagreements:\n" + "\n".join(wrong[:40])
    for why, want in [
        ("secrecy", False),
        ("owner", True),
        ("uploader", True),
        ("own body", True),
        ("out of scope", False),
    ]:
        assert reasons[(why, want)], f"no item decided by {why}"


@pytest.mark.parametrize("half", [0, 1])
def test_every_capture_read_agrees_with_can_view_for_every_user(world, half):
    # Two halves of the users, so the test processes share the requests.
    m, batches, specs, batch_specs = world
    items = {i.pk: i for i in ImportItem.objects.select_related("batch", "document")}
    by_batch: dict[int, list[int]] = {}
    for pk, item in items.items():
        by_batch.setdefault(item.batch_id, []).append(pk)
    wrong, answered = [], Counter()
    for u in m.user_specs[:USERS_LIMIT][half::2]:
        user = _fresh(m.users[u.key])
        page, api = _session(m, u.key), _api(m, u.key)
        allowed = {pk for pk in specs if _oracle(m, u, specs[pk])}
        assert allowed == {pk for pk in specs if can_view(user, items[pk])}

        # The capture list: no name the rule refuses; every item to review it allows.
        listing = page.get("/nhap-tai-lieu/")
        assert listing.status_code == 200, (u.key, listing.status_code)
        shown = set(NAME.findall(listing.content.decode()))
        names = {specs[pk].title: pk for pk in specs}
        leaked = [n for n in shown if names[n] not in allowed]
        # The list shows the 50 latest items to review: all of them when there are fewer.
        missing = [specs[pk].title for pk in allowed if specs[pk].title not in shown]
        if len(allowed) > LIST_SHOWN:
            missing = [] if len(shown) == LIST_SHOWN else missing
        if leaked or missing:
            wrong.append(f"{u.key} list: leaks {leaked[:5]}, misses {missing[:5]}")

        for batch in batches:
            want_batch = _oracle(m, u, batch_specs[batch.pk])
            mine = by_batch[batch.pk]
            visible = [pk for pk in mine if pk in allowed]
            hidden = len(mine) - len(visible)
            for client, url in (
                (page, f"/nhap-tai-lieu/dot/{batch.pk}/"),
                (api, f"/api/capture/batches/{batch.pk}"),
            ):
                r = client.get(url)
                answered[r.status_code] += 1
                if r.status_code != (200 if want_batch else 404):
                    wrong.append(f"{u.key} GET {url}: {r.status_code}, rule {want_batch}")
                    continue
                text = r.content.decode()
                shown = set(NAME.findall(text))
                expected_names = {specs[pk].title for pk in visible} if want_batch else set()
                if shown != expected_names:
                    wrong.append(
                        f"{u.key} {url}: names {sorted(shown - expected_names)[:4]} "
                        f"it should not, misses {sorted(expected_names - shown)[:4]}"
                    )
                if not want_batch:
                    continue
                if url.startswith("/api/"):
                    counts = json.loads(text)["counts"]
                    if (counts["total"], counts["hidden"], counts["review"]) != (
                        len(visible),
                        hidden,
                        len(visible),
                    ):
                        wrong.append(f"{u.key} {url}: counts {counts}, {len(visible)}+{hidden}")
                else:
                    said = re.search(r"(\d+) tệp của đợt này bạn không được xem", text)
                    if (int(said.group(1)) if said else 0) != hidden:
                        wrong.append(
                            f"{u.key} {url}: hidden said {said and said.group(1)}, is {hidden}"
                        )

        for pk, spec in specs.items():
            want = pk in allowed
            for url in (f"/nhap-tai-lieu/tep/{pk}/", f"/nhap-tai-lieu/tep/{pk}/trang-1.png"):
                r = page.get(url)
                answered[r.status_code] += 1
                if r.status_code != (200 if want else 404):
                    wrong.append(f"{u.key} GET {url} ({spec.key} s{spec.secrecy}): {r.status_code}")
                elif not want and spec.title.encode() in r.content:
                    wrong.append(f"{u.key} GET {url}: the refusal names {spec.title}")
    assert not wrong, f"{len(wrong)} wrong answers:\n" + "\n".join(wrong[:40])
    assert answered[200] and answered[404], answered
