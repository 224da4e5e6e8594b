"""The demo province: counts from the seed report, every dossier state, the 2025
reorganization, determinism, and the accounts listing.

Building the province takes several seconds, so it is built twice per module
(``--small``: the full tree and every state, fewer documents): once inside a
savepoint that is rolled back (to compare two runs on an empty database), and
once for the tests that read it. Everything is rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.models import Fonds, Kind, Organization, OrgParentPeriod, Role
from luutru.registry.models import Document
from luutru.rules.defaults import load as load_rule_defaults


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    """What must be identical between two runs on an empty database (not ids)."""
    return {
        "stats": json.loads(_run("stats", "--json")),
        "orgs": list(
            Organization.objects.order_by("code").values_list(
                "code", "name", "kind", "parent__code", "organ_id", "valid_to"
            )
        ),
        "dossiers": list(
            Dossier.objects.order_by("org__code", "file_catalog", "file_notation").values_list(
                "org__code", "file_catalog", "file_notation", "status", "end_date", "secrecy"
            )
        ),
        "documents": list(
            Document.objects.order_by(
                # Every column compared: two series may give the same number on one day.
                "org__code",
                "issued_date",
                "code_number",
                "code_notation",
                "blob__sha256",
            ).values_list(
                "org__code", "code_number", "code_notation", "issued_date", "blob__sha256"
            )
        ),
    }


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the demo twice from an empty database; keep the second for the tests."""
    blobs = tmp_path_factory.mktemp("blobs")
    fast_hash = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as the root conftest does
    with (
        django_db_blocker.unblock(),
        override_settings(BLOB_ROOT=blobs, PASSWORD_HASHERS=fast_hash),
    ):
        assert not Organization.objects.exists(), "the test database must start empty"
        # pytest-django runs these (db-less-looking) tests after the transactional
        # ones, whose flush removes the rule defaults that the migration loaded.
        load_rule_defaults()
        try:
            with transaction.atomic():
                first_output = _run("demo", "--small")
                first = _snapshot()
                raise _Rollback
        except _Rollback:
            pass
        assert not Organization.objects.exists()
        try:
            with transaction.atomic():
                output = _run("demo", "--small")
                second = _snapshot()
                yield {
                    "first": first,
                    "second": second,
                    "output": output,
                    "first_output": first_output,
                    "blobs": blobs,
                }
                raise _Rollback
        except _Rollback:
            pass


@pytest.fixture
def demo_db(demo, django_db_blocker, settings):
    """The demo's database and blob store, for tests that read them."""
    settings.BLOB_ROOT = demo["blobs"]
    with django_db_blocker.unblock():
        yield demo


def test_the_demo_reports_how_long_it_took(demo):
    assert "Đã nạp tỉnh mẫu" in demo["output"]
    assert re.search(r"trong [\d.]+ giây", demo["output"])


def test_stats_show_the_seed_report_figures(demo):
    stats = demo["second"]["stats"]
    assert stats["report_figures"] == {
        "district_level": 14,
        "commune_level": 125,
        "grassroots": 508,
        "socio_political_provincial": 6,
    }
    kinds = stats["organizations"]["by_kind"]
    assert (kinds["grassroots_committee"], kinds["grassroots_cell"]) == (256, 252)
    assert any("608" in n and "252" in n for n in stats["notes"])


def test_every_dossier_status_occurs_and_some_deposits_are_overdue(demo):
    stats = demo["second"]["stats"]
    by_status = stats["dossiers"]["by_status"]
    assert set(by_status) == set(DossierStatus.values)
    assert all(n > 0 for n in by_status.values()), by_status
    assert stats["overdue_deposits"]["dossiers"] > 0
    assert stats["documents"]["in_no_dossier"] > 0
    deposits = stats["deposits"]["by_status"]
    assert deposits["accepted"] > 0 and deposits["submitted"] > 0 and deposits["returned"] > 0
    plans = stats["file_plans"]["by_state"]
    assert plans["draft"] >= 1 and plans["issued"] > 0


def test_users_exist_for_every_role(demo):
    by_role = demo["second"]["stats"]["users"]["by_role"]
    assert all(by_role[r] > 0 for r in Role.values), by_role


def test_two_runs_on_an_empty_database_give_the_same_data(demo):
    first, second = demo["first"], demo["second"]
    assert first["orgs"] == second["orgs"]
    assert first["dossiers"] == second["dossiers"]
    assert first["documents"] == second["documents"]
    assert first["stats"] == second["stats"]


@pytest.mark.django_db
def test_districts_are_dissolved_with_closed_fonds_and_their_dossiers_kept(demo_db):
    districts = Organization.objects.filter(kind=Kind.DISTRICT_COMMITTEE)
    assert districts.count() == 14
    assert set(districts.values_list("valid_to", flat=True)) == {dt.date(2025, 6, 30)}
    fonds = Fonds.objects.filter(org__in=districts)
    assert set(fonds.values_list("status", flat=True)) == {Fonds.Status.CLOSED}
    assert Dossier.objects.filter(org__in=districts).exists()
    assert Document.objects.filter(org__in=districts).exists()
    # Nothing stays under a dissolved district; the history keeps where communes were.
    assert not Organization.objects.filter(parent__in=districts).exists()
    province = Organization.objects.get(kind=Kind.PARTY_COMMITTEE)
    communes = Organization.objects.filter(kind=Kind.COMMUNE_PARTY)
    assert set(communes.values_list("parent", flat=True)) == {province.pk}
    assert (
        OrgParentPeriod.objects.filter(
            org__in=communes, parent__in=districts, valid_to=dt.date(2025, 6, 30)
        ).count()
        == 125
    )


@pytest.mark.django_db
def test_demo_documents_are_real_party_style_pdfs(demo_db):
    from luutru.storage.services import open_blob

    doc = (
        Document.objects.filter(code_notation="NQ/TU", blob__isnull=False)
        .select_related("blob")
        .first()
    )
    with open_blob(doc.blob) as f:
        pdf = pdfium.PdfDocument(f.read())
    text = pdf[0].get_textpage().get_text_range()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert f"Số {doc.code_number}-NQ/TU" in text
    assert "Số:" not in text
    assert re.search(r"ngày \d{2} tháng \d{1,2} năm \d{4}", text)
    assert "NGHỊ QUYẾT" in text and "Nơi nhận:" in text


@pytest.mark.django_db
def test_transferred_and_destroyed_dossiers_predate_the_system_and_are_audited(demo_db):
    from luutru.audit.models import Event

    # Destroyed by a decision inside the system (demo/disposal.py) is issue 14's.
    decided = set(
        Event.objects.filter(action="dossier.destroy_by_decision").values_list(
            "object_id", flat=True
        )
    )
    for status, action in (
        (DossierStatus.TRANSFERRED, "dossier.transfer"),
        (DossierStatus.DESTROYED, "dossier.destroy"),
    ):
        dossiers = [d for d in Dossier.objects.filter(status=status) if str(d.pk) not in decided]
        assert dossiers and all(d.file_catalog <= 2016 for d in dossiers)
        events = Event.objects.filter(action=action, object_id__in=[str(d.pk) for d in dossiers])
        assert events.count() == len(dossiers)
    destroyed = Document.objects.filter(dossier_items__dossier__status=DossierStatus.DESTROYED)
    assert destroyed.exists()
    assert all(d.blob_id is None and d.subject for d in destroyed)


@pytest.mark.django_db
def test_the_demo_destroys_by_decision_with_two_confirmations_and_a_manifest(demo_db):
    from luutru.disposal.models import Destruction

    destruction = Destruction.objects.get()
    assert destruction.status == Destruction.Status.DONE
    assert destruction.confirmations.values("user").distinct().count() == 2
    removed = destruction.files.filter(removed=True)
    assert removed.count() == 2 and len(destruction.manifest_sha256) == 64
    dossier = removed.first().dossier
    assert (dossier.status, dossier.file_catalog) == (DossierStatus.DESTROYED, 2018)


@pytest.mark.django_db
def test_audit_chain_and_blobs_are_intact_after_the_demo(demo_db):
    from luutru.audit.services import verify
    from luutru.storage.services import check_fixity

    assert verify().ok
    assert check_fixity().healthy


@pytest.mark.django_db
def test_demo_refuses_to_load_into_a_database_with_organizations(demo_db):
    before = (Organization.objects.count(), Dossier.objects.count(), Document.objects.count())
    output = _run("demo", "--small")
    assert "đã có" in output and "không nạp tỉnh mẫu" in output
    assert (
        Organization.objects.count(),
        Dossier.objects.count(),
        Document.objects.count(),
    ) == before


@pytest.mark.django_db
def test_accounts_lists_every_role_and_the_password_and_changes_nothing(demo_db):
    from django.contrib.auth import get_user_model

    from luutru.audit.models import Event

    users, events = get_user_model().objects.count(), Event.objects.count()
    output = _run("demo", "--accounts")
    for role in Role:
        assert role.label in output
    for username in (
        "canbo.vp",
        "vanthu.vp",
        "lanhdao.vp",
        "luutru.tu",
        "kiemtra.tu",
        "docgia",
        "quantri",
    ):
        assert username in output
    # One shared password (checking one hash is enough: every account has the same one).
    assert get_user_model().objects.get(username="canbo.vp").check_password("demo1234")
    assert len(set(get_user_model().objects.values_list("password", flat=True))) == 1
    assert "demo1234" in output
    assert (get_user_model().objects.count(), Event.objects.count()) == (users, events)
    admin = get_user_model().objects.get(username="quantri")
    assert admin.is_staff and admin.has_perm("orgs.change_organization")
    assert not admin.has_perm("filing.view_dossier")


def test_the_demo_desk_has_a_month_of_traffic_and_no_register_without_numbers(demo_db):
    """Issue 12: arrivals routed and handled (some late, some open), at the office and
    a commune committee; every incoming document has its arrival number, so the
    printed incoming registers have no empty number column."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from luutru.desk.models import Arrival, ArrivalState
    from luutru.forms import builders, render
    from luutru.forms.tests.conftest import docx_tables

    incoming = Document.objects.filter(direction="incoming")
    assert incoming.exists()
    assert not incoming.filter(arrival_number="").exists()
    assert not incoming.filter(arrival__isnull=True).exists()
    for code in ("VPTU", "D03.X02"):
        arrivals = Arrival.objects.filter(org__code=code)
        assert arrivals.filter(state=ArrivalState.DONE).exists(), code
        assert arrivals.exclude(state=ArrivalState.DONE).exists(), code
    office = Organization.objects.get(code="VPTU")
    clerk = User.objects.get(username="vanthu.vp")
    today = timezone.localdate()
    for year in sorted({a.year for a in Arrival.objects.filter(org=office)}):
        end = min(dt.date(year, 12, 31), today)
        form = builders.register(clerk, office, "den", dt.date(year, 1, 1), end)
        rows = docx_tables(render.to_docx(form))[1][1:]
        assert rows and all(r[1] for r in rows), year
