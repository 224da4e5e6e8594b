"""A page number, however large, never reaches the engine as a huge offset
(Tantivy allocates offset + limit slots up front: page 10⁹ aborted the process)."""

from __future__ import annotations

import multiprocessing

import pytest
from django.http import QueryDict

from luutru.search import queries
from luutru.search.backends import get_backend
from luutru.search.backends.base import AccessFilter, Clause, SearchRequest
from luutru.search.services import refresh_index

pytestmark = pytest.mark.django_db


def in_child(fn):
    """``fn()`` in a forked process: a native abort there fails this test
    instead of killing the test run."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def target():
        try:
            send.send(("ok", fn()))
        except BaseException as e:  # reported to the parent, not swallowed
            send.send(("raised", f"{type(e).__name__}: {e}"))

    p = ctx.Process(target=target)
    p.start()
    p.join(timeout=120)
    assert p.exitcode == 0, f"the searching process died (exit code {p.exitcode})"
    return receive.recv()


def params(**values) -> QueryDict:
    q = QueryDict(mutable=True)
    for k, v in values.items():
        q[k] = str(v)
    return q


def test_a_page_far_past_the_end_shows_the_last_page(world, make_doc):
    for i in range(3):
        make_doc(f"Hồ sơ công tác văn thư số {i}")
    refresh_index()

    def run():
        out = queries.search(world.head, params(q="hồ sơ", page=10**9))
        return out.page, out.total, len(out.rows), out.messages

    status, (page, total, rows, messages) = in_child(run)
    assert status == "ok"
    assert (page, total, rows) == (1, 3, 3)
    assert any("Chỉ có 1 trang" in m for m in messages)


def test_the_engine_refuses_an_absurd_offset_or_limit(world, make_doc):
    make_doc("Hồ sơ công tác văn thư")
    refresh_index()

    def ask(offset, limit):
        def run():
            request = SearchRequest(
                clauses=[Clause(["hồ", "sơ"])],
                access=AccessFilter(everything=True),
                offset=offset,
                limit=limit,
            )
            return get_backend().search(request).total

        return run

    assert in_child(ask(0, 20)) == ("ok", 1)
    status, error = in_child(ask(20 * 10**9, 20))
    assert status == "raised" and error.startswith("ValueError")
    status, error = in_child(ask(0, 10**10))
    assert status == "raised" and error.startswith("ValueError")


def test_the_api_answers_a_huge_page_with_the_last_page(world, make_doc, client):
    from luutru.access.api_auth import issue_token

    make_doc("Hồ sơ công tác văn thư")
    refresh_index()
    token = issue_token(world.head)

    def run():
        r = client.get(
            "/api/search/",
            {"q": "hồ sơ", "page": str(10**12)},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        return r.status_code, r.json()["page"], r.json()["total"]

    assert in_child(run) == ("ok", (200, 1, 1))
