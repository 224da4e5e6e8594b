"""File codes: Roman numerals, "01.VP" codes and both numbering schemes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luutru.filing import codes, services
from luutru.filing.models import FilePlan, FilePlanItem

from .conftest import retention


def test_roman_numerals_round_trip():
    assert [codes.roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
        "XC",
        "CD",
        "MCMXCIV",
    ]
    for n in range(1, 400):
        assert codes.from_roman(codes.roman(n)) == n


@pytest.mark.parametrize("bad", ["", "IIII", "VX", "ABC", "1"])
def test_from_roman_refuses_what_is_not_a_numeral(bad):
    with pytest.raises(ValueError):
        codes.from_roman(bad)


def test_item_code_pads_to_two_digits():
    assert codes.item_code(1, "VP") == "01.VP"
    assert codes.item_code(12, "TCCB") == "12.TCCB"
    assert codes.split_code("07.UBKT") == (7, "UBKT")
    assert codes.split_code("Hồ sơ") is None


def test_schemes_number_across_the_plan_or_within_each_heading():
    majors = [(1, "VP"), (1, "VP"), (2, "TC"), (2, "TC"), (3, "KT")]
    assert [c for _, c in codes.assign_codes(majors, codes.ACROSS_PLAN)] == [
        "01.VP",
        "02.VP",
        "03.TC",
        "04.TC",
        "05.KT",
    ]
    assert [c for _, c in codes.assign_codes(majors, codes.PER_HEADING)] == [
        "01.VP",
        "02.VP",
        "01.TC",
        "02.TC",
        "01.KT",
    ]


@given(
    st.lists(st.integers(min_value=0, max_value=5), max_size=60),
    st.sampled_from([codes.ACROSS_PLAN, codes.PER_HEADING]),
)
def test_codes_are_unique_within_a_plan_in_both_schemes(heading_of_items, scheme):
    # Major headings have distinct abbreviations (the services enforce it).
    abbrevs = ["VP", "TC", "KT", "TG", "DV", "NC"]
    majors = [(h, abbrevs[h]) for h in sorted(heading_of_items)]
    result = codes.assign_codes(majors, scheme)
    assert len({c for _, c in result}) == len(result)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None)
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(["add", "delete"]), st.integers(0, 2), st.integers(0, 50)),
        min_size=1,
        max_size=12,
    ),
    scheme=st.sampled_from([codes.ACROSS_PLAN, codes.PER_HEADING]),
)
def test_renumbering_keeps_codes_unique_and_gapless_through_inserts_and_deletes(ops, scheme):
    from luutru.orgs.models import Organization
    from luutru.testing import build_world

    world = build_world() if not Organization.objects.filter(code="TU").exists() else None
    if world is None:
        from types import SimpleNamespace

        from django.contrib.auth import get_user_model

        world = SimpleNamespace(
            clerk=get_user_model().objects.get(username="vanthu"),
            office=Organization.objects.get(code="VPTU"),
        )
    year = 2000 + FilePlan.objects.count()
    plan = services.create_plan(world.clerk, world.office, year, code_scheme=scheme)
    heads = [
        services.add_heading(world.clerk, plan, title=f"Đề mục {a}", abbrev=a) for a in ("VP", "TC")
    ]
    heads.append(services.add_heading(world.clerk, plan, title="Đề mục nhỏ", parent=heads[0]))
    for op, h, pick in ops:
        items = list(plan.items.order_by("order"))
        if op == "add" or not items:
            services.add_item(
                world.clerk, plan, heads[h], title=f"Hồ sơ {pick}", retention=retention()
            )
        else:
            services.delete_item(world.clerk, items[pick % len(items)])
    items = list(FilePlanItem.objects.filter(plan=plan).order_by("order"))
    assert [it.order for it in items] == list(range(1, len(items) + 1))
    assert len({it.code for it in items}) == len(items)
    for it in items:
        number, abbrev = codes.split_code(it.code)
        major = it.heading.parent or it.heading
        assert abbrev == major.abbrev
        if scheme == codes.ACROSS_PLAN:
            assert number == it.order
        else:
            same = [x for x in items if (x.heading.parent or x.heading) == major]
            assert number == same.index(it) + 1
