"""``audit.appending()``: many events under one lock of the chain head, the chain
the same as with one ``record`` at a time, also when a savepoint inside is rolled back."""

from __future__ import annotations

import pytest
from django.db import transaction

from luutru.audit.models import ChainHead, Event
from luutru.audit.services import appending, record, verify


def add(i: int) -> Event:
    return record("kiểm thử", "test.step", object_type="thing", object_id=i, after={"n": i})


def seqs() -> list[int]:
    return list(Event.objects.values_list("seq", flat=True))


@pytest.mark.django_db
def test_many_events_under_one_lock_make_the_same_chain(django_assert_max_num_queries):
    add(0)  # a head exists before the block, as in use
    with django_assert_max_num_queries(2 + 10 + 1 + 2):  # savepoint, head, 10 inserts, head
        with appending():
            events = [add(i) for i in range(1, 11)]
    assert [e.seq for e in events] == list(range(2, 12))
    head = ChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (11, events[-1].hash)
    assert verify().ok and verify().checked == 11
    add(11)  # after the block, one at a time again
    assert verify().ok and seqs() == list(range(1, 13))


@pytest.mark.django_db
def test_an_event_rolled_back_with_its_savepoint_leaves_no_gap():
    with appending():
        add(1)
        for i in (2, 3):
            try:
                with transaction.atomic():  # one item of a batch failing after its event
                    add(i)
                    raise ValueError("hỏng")
            except ValueError:
                pass
        kept = add(4)
        with transaction.atomic():  # a savepoint that stands keeps its event
            add(5)
        try:
            with transaction.atomic():
                add(6)
                raise ValueError("hỏng")
        except ValueError:
            pass
    assert seqs() == [1, 2, 3]
    assert kept.seq == 2
    assert [e.after["n"] for e in Event.objects.all()] == [1, 4, 5]
    assert ChainHead.objects.get(pk=1).last_seq == 3
    assert verify().ok and verify().checked == 3


@pytest.mark.django_db
def test_an_error_leaving_the_block_rolls_it_all_back():
    add(0)
    with pytest.raises(RuntimeError):
        with appending():
            add(1)
            with appending():  # nested: joins the outer block
                add(2)
            raise RuntimeError
    assert seqs() == [1]
    assert ChainHead.objects.get(pk=1).last_seq == 1
    with appending():
        assert add(3).seq == 2
    assert verify().ok and verify().checked == 2
