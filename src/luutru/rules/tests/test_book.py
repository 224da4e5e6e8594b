"""The rule book: each rule one function over the profiles, with its basis and
validity, the fallback to today's profile, and the cache keyed by the version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from luutru.core.errors import RuleViolation
from luutru.rules import book as rules_book
from luutru.rules import defaults, queries, services
from luutru.rules.book import RuleBook, add_months, rulebook
from luutru.rules.models import DocumentType, Evidence, RetentionRule, RuleProfile, RulesVersion

pytestmark = pytest.mark.django_db

END = dt.date(2024, 3, 15)  # under party-2018 / state-2020


def _retention(code: str, period: str, years: int | None = None) -> RetentionRule:
    return RetentionRule.objects.get(profile__code=code, period=period, years=years)


def _set(code: str, **values) -> None:
    p = RuleProfile.objects.get(code=code)
    for k, v in values.items():
        setattr(p, k, v)
    p.save()


# ---------------------------------------------------------------- each rule


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2024, 3, 15), 12) == dt.date(2025, 3, 15)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 12, 31), 14) == dt.date(2026, 2, 28)


def test_deposit_due_is_the_profiles_delay_after_the_work_ends():
    b = rulebook()
    assert b.deposit_due("party", END) == dt.date(2025, 3, 15)
    assert b.deposit_due("party", None) is None
    _set("party-2018", deposit_delay_months=18)
    assert rulebook().deposit_due("party", END) == dt.date(2025, 9, 15)
    # The State profile did not change.
    assert rulebook().deposit_due("state", END) == dt.date(2025, 3, 15)
    assert rules_book.deposit_due("party", END) == dt.date(2025, 9, 15)  # the shortcut


def test_must_deposit_from_the_retention_and_the_profiles_minimum():
    b = rulebook()
    five, two = _retention("party-2018", "years", 5), _retention("party-2018", "years", 2)
    permanent = _retention("party-2018", "permanent")
    assert b.must_deposit("party", five, END)
    assert b.must_deposit("party", permanent, END)
    assert not b.must_deposit("party", two, END)
    assert not b.must_deposit("party", None, END)
    _set("party-2018", deposit_min_years=10)
    assert not rules_book.must_deposit("party", five, END)
    assert rules_book.must_deposit("party", permanent, END)


def test_keep_back_limit_is_the_deposit_date_plus_the_maximum():
    assert rulebook().keep_back_limit("party", END) == dt.date(2027, 3, 15)
    assert rulebook().keep_back_limit("party", None) is None
    _set("party-2018", keep_back_max_years=1, deposit_delay_months=6)
    assert rules_book.keep_back_limit("party", END) == dt.date(2025, 9, 15)


def test_reminder_days_and_the_notice_date():
    assert rulebook().reminder_days("party") == 30
    _set("party-2018", reminder_days=7)
    b = rulebook()
    assert b.reminder_days("party") == 7
    assert b.notice_from("party", dt.date(2026, 5, 10)) == dt.date(2026, 5, 3)
    assert b.reminder_days("state") == 30


def test_plan_deadline_is_31_january_by_default_and_follows_the_profile():
    assert rulebook().plan_deadline("party", 2026) == dt.date(2026, 1, 31)
    _set("party-2018", plan_deadline_month=2, plan_deadline_day=30)
    # A day past the month's end is its last day.
    assert rules_book.plan_deadline("party", 2026) == dt.date(2026, 2, 28)
    assert rules_book.plan_deadline("party", 2028) == dt.date(2028, 2, 29)
    assert rules_book.plan_deadline("state", 2026) == dt.date(2026, 1, 31)


def test_number_style_is_profile_data():
    b = rulebook()
    assert b.number_style("party") == "party"
    assert b.number_style("front") == "party"
    assert b.number_style("state") == "state"
    _set("front-2018", number_style="state")
    assert rules_book.number_style("front") == "state"


def test_retention_options_are_the_profiles():
    options = rulebook().retention_options("party")
    assert {r.pk for r in options} == set(
        RetentionRule.objects.filter(profile__code="party-2018").values_list("pk", flat=True)
    )
    legacy = rulebook().retention_options("party", dt.date(2010, 1, 1))
    assert {r.profile.code for r in legacy} == {"party-legacy"}
    services.add_rule_entry(
        None, RuleProfile.objects.get(code="party-2018"), RetentionRule, period="years", years=3
    )
    assert any(r.years == 3 for r in rules_book.retention_options("party"))


def test_an_organization_or_its_fonds_system(world):
    b = rulebook()
    assert world.office.fonds_system == "party"
    assert (
        b.profile(world.office) == b.profile("party") == RuleProfile.objects.get(code="party-2018")
    )
    assert b.deposit_due(world.office, END) == b.deposit_due("party", END)


# ---------------------------------------------------------------- validity


def test_the_profile_in_force_on_the_day_asked_about():
    b = rulebook()
    assert b.profile("party", dt.date(2010, 6, 1)).code == "party-legacy"
    assert b.profile("party", dt.date(2018, 4, 2)).code == "party-legacy"
    assert b.profile("party", dt.date(2018, 4, 3)).code == "party-2018"
    assert b.profile("state", dt.date(2020, 3, 4)).code == "state-legacy"
    assert b.profile("state", dt.date(2020, 3, 5)).code == "state-2020"
    # An older profile's values answer for its records.
    _set("party-legacy", deposit_delay_months=24)
    assert rulebook().deposit_due("party", dt.date(2010, 6, 1)) == dt.date(2012, 6, 1)
    assert rulebook().deposit_due("party", END) == dt.date(2025, 3, 15)


def test_a_day_no_profile_covers_falls_back_to_todays():
    b = rulebook()
    assert b.covering("party", dt.date(1900, 1, 1)) is None
    assert b.profile("party", dt.date(1900, 1, 1)).code == "party-2018"
    assert b.deposit_due("party", dt.date(1900, 1, 1)) == dt.date(1901, 1, 1)
    # The wrappers in rules.queries decide the same.
    assert queries.profile_in_force("party", dt.date(1900, 1, 1)).code == "party-2018"
    with pytest.raises(RuleViolation):
        queries.profile_for("party", dt.date(1900, 1, 1))


def test_a_profile_ended_yesterday_gives_way_to_the_next():
    _set("party-2018", valid_to=dt.date(2025, 12, 31))
    RuleProfile.objects.create(
        code="party-2026",
        name="Cơ quan Đảng từ 2026",
        fonds_system="party",
        legal_basis="Quy định mới",
        valid_from=dt.date(2026, 1, 1),
        numbering_scope="party_term",
        deposit_delay_months=6,
    )
    b = rulebook()
    assert b.deposit_due("party", dt.date(2025, 12, 31)) == dt.date(2026, 12, 31)
    assert b.deposit_due("party", dt.date(2026, 1, 1)) == dt.date(2026, 7, 1)


def test_no_profile_at_all_answers_the_defaults():
    b = rulebook()
    assert b.profile("nowhere") is None
    assert b.deposit_due("nowhere", END) is None
    assert b.keep_back_limit("nowhere", END) is None
    assert not b.must_deposit("nowhere", _retention("party-2018", "permanent"), END)
    assert b.reminder_days("nowhere") == defaults.DEFAULT_REMINDER_DAYS == 30
    assert b.plan_deadline("nowhere", 2026) == dt.date(2026, 1, 31)
    assert b.number_style("nowhere") == "party"
    assert b.retention_options("nowhere") == []
    with pytest.raises(RuleViolation) as refused:
        b.require_profile("nowhere")
    assert "Chưa có bộ quy tắc" in refused.value.messages[0]


# ---------------------------------------------------------------- legal basis


def test_each_rule_carries_its_basis_evidence_and_validity():
    b = rulebook()
    ruling = b.ruling("deposit_due", "party", END)
    assert ruling.value == dt.date(2025, 3, 15)
    assert ruling.basis == defaults.DEADLINES_BASIS
    assert ruling.profile_code == "party-2018"
    assert ruling.valid_from == dt.date(2018, 4, 3) and ruling.valid_to is None
    legacy = b.ruling("deposit_due", "party", dt.date(2010, 1, 1))
    assert legacy.profile_code == "party-legacy" and legacy.valid_to == dt.date(2018, 4, 2)

    style = b.ruling("number_style", "state")
    assert style.value == "state"
    assert style.basis == "Nghị định 30/2020/NĐ-CP, Phụ lục I"
    assert style.evidence == Evidence.VERIFIED
    assert b.basis("number_style", "party") == "Hướng dẫn 36-HD/VPTW ngày 03/4/2018"

    reminder = b.ruling("reminder_days", "party")
    assert reminder.value == 30 and reminder.evidence == Evidence.DEFAULT
    assert reminder.basis == defaults.REMINDER_BASIS
    assert reminder.evidence_label == "Mặc định, có thể cấu hình — cần kiểm chứng"
    plan = b.ruling("plan_deadline", "party", 2026)
    assert plan.value == dt.date(2026, 1, 31) and plan.basis == defaults.PLAN_DEADLINE_BASIS
    keep = b.ruling("keep_back_limit", "party", END)
    assert keep.basis == defaults.DEADLINES_BASIS
    must = b.ruling("must_deposit", "party", _retention("party-2018", "years", 10), END)
    assert must.value is True and must.profile_code == "party-2018"
    # Retention options: each option has its own basis; the rule's is the profile's.
    assert (
        b.basis("retention_options", "party")
        == RuleProfile.objects.get(code="party-2018").legal_basis
    )


def test_a_changed_basis_is_what_the_book_says():
    _set("party-2018", number_style_basis="Quy định 66-QĐ/TW", deadlines_basis="Luật Lưu trữ 2024")
    assert rulebook().basis("number_style", "party") == "Quy định 66-QĐ/TW"
    assert rulebook().basis("deposit_due", "party") == "Luật Lưu trữ 2024"


def test_an_unknown_rule_is_an_error():
    with pytest.raises(KeyError):
        rulebook().basis("no_such_rule", "party")


def test_the_migration_filled_existing_profiles():
    for p in RuleProfile.objects.all():
        assert p.number_style == defaults.default_number_style(p.fonds_system)
        assert p.reminder_basis and p.plan_deadline_basis and p.number_style_basis
        assert "cần kiểm chứng" not in p.number_style_basis + p.reminder_basis
    assert RuleProfile.objects.get(code="state-2020").number_style_evidence == "verified"
    assert RuleProfile.objects.get(code="front-2018").number_style_evidence == "default"
    assert RulesVersion.objects.get(pk=1).token


# ---------------------------------------------------------------- the cache


def test_the_book_is_reused_while_the_version_is_unchanged(django_assert_num_queries):
    first = rulebook()
    with django_assert_num_queries(1):  # the version alone
        again = rulebook()
    assert again is first
    assert again.version == RulesVersion.objects.get(pk=1).token


@pytest.mark.parametrize(
    "change",
    [
        "save",
        "update",
        "service",
        "entry_save",
        "entry_delete",
        "entry_update",
        "related_update",
    ],
)
def test_every_kind_of_write_gives_a_new_version(change):
    before = rulebook()
    profile = RuleProfile.objects.get(code="party-2018")
    if change == "save":
        profile.reminder_days = 9
        profile.save()
    elif change == "update":
        RuleProfile.objects.filter(pk=profile.pk).update(reminder_days=9)
    elif change == "service":
        services.change_rule_profile(None, profile, reminder_days=9)
    elif change == "entry_save":
        DocumentType.objects.create(profile=profile, name="Điện", abbrev="Đ")
    elif change == "entry_delete":
        RetentionRule.objects.create(profile=profile, period="years", years=4).delete()
    elif change == "entry_update":
        DocumentType.objects.filter(profile=profile).update(legal_basis="x")
    elif change == "related_update":
        profile.issuers.update(name="y")
    after = rulebook()
    assert after is not before and after.version != before.version
    if change in ("save", "update", "service"):
        assert after.reminder_days("party") == 9


class Boom(Exception):
    pass


def test_a_rolled_back_change_never_leaves_a_stale_book_current():
    assert rulebook().deposit_due("party", END) == dt.date(2025, 3, 15)
    with pytest.raises(Boom), transaction.atomic():
        RuleProfile.objects.filter(code="party-2018").update(deposit_delay_months=24)
        assert rulebook().deposit_due("party", END) == dt.date(2026, 3, 15)
        raise Boom
    # The token went back with the row: the book loaded inside is not reused.
    assert rulebook().deposit_due("party", END) == dt.date(2025, 3, 15)
    # A later change gets a fresh token, never the rolled-back one (a counter
    # would have given the same number again and served the rolled-back book).
    RuleProfile.objects.filter(code="party-2018").update(deposit_delay_months=6)
    assert rulebook().deposit_due("party", END) == dt.date(2024, 9, 15)


def test_without_a_version_row_nothing_is_cached():
    RulesVersion.objects.all().delete()
    first, second = rulebook(), rulebook()
    assert first is not second
    assert first.deposit_due("party", END) == dt.date(2025, 3, 15)
    _set("party-2018", deposit_delay_months=3)  # writes a new version row
    assert RulesVersion.objects.filter(pk=1).exists()
    assert rulebook().deposit_due("party", END) == dt.date(2024, 6, 15)


def test_a_book_built_from_given_profiles():
    p = RuleProfile(
        pk=999,
        code="x",
        name="x",
        fonds_system="party",
        legal_basis="x",
        valid_from=dt.date(2000, 1, 1),
        deposit_delay_months=1,
    )
    b = RuleBook("v", [p])
    assert b.version == "v"
    assert b.deposit_due("party", dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
