"""The practice body (issue 13, item 9): new staff work on sample records there,
and those records move no figure: not the compliance facts and figures, not the
dashboards' roots, not the catalogue and its harvest, not what the province's
people may read."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from luutru.access.policy import visible_q
from luutru.catalogue import records as catalogue
from luutru.compliance.dashboard import inspected_roots
from luutru.compliance.figures import org_figures, person_figures, rollup
from luutru.compliance.holdings_stats import holdings_counts
from luutru.compliance.models import DossierFacts, OrgYearFacts
from luutru.compliance.refresh import refresh_facts
from luutru.demo.practice import build_practice
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.accounts import add_membership
from luutru.orgs.models import Organization, Role, in_figures
from luutru.registry.models import Document

pytestmark = pytest.mark.django_db


def figures(world):
    refresh_facts()
    today = timezone.localdate()
    return (
        org_figures(None, on=today, year=None),
        rollup(world.province, on=today, year=None).total[world.province.pk],
        holdings_counts(),  # luutru stats
    )


def test_records_of_the_practice_body_move_no_figure(world, django_user_model, client):
    from luutru.demo.records import Records

    before = figures(world)
    practice = build_practice(world.province)
    org = practice.org
    assert org.practice and not org.counts_in_figures and org.parent is None
    assert not Organization.objects.filter(in_figures(), pk=org.pk).exists()
    assert Document.objects.filter(org=org).count() == practice.documents == 5
    assert practice.dossier.items.count() == 3
    assert figures(world) == before
    assert not DossierFacts.objects.filter(org=org).exists()
    assert not OrgYearFacts.objects.filter(org=org).exists()
    # Nor in the figures of the person who made them (the officials' ranking).
    mine = person_figures(practice.trainer, on=timezone.localdate())
    assert (mine.documents_in, mine.documents_internal, mine.loose_documents) == (0, 0, 0)
    # A second class gets a new set; the body is not made twice; still no figure moves.
    again = build_practice(world.province)
    assert again.org == org and not again.created and again.dossier != practice.dossier
    assert figures(world) == before
    # The province's people do not see the practice records; the dashboards' roots skip it.
    for user in (world.archivist, world.head, world.inspector):
        assert not Document.objects.filter(
            visible_q(user, object_type="document"), org=org
        ).exists()
    superuser = django_user_model.objects.create_superuser("sieu", password="x")
    assert org not in inspected_roots(superuser)
    # Even as an archive holding that its own archivist reads, a practice dossier is
    # in no catalogue nor harvest.
    Dossier.objects.filter(pk=practice.dossier.pk).update(status=DossierStatus.ARCHIVED)
    add_membership(None, world.archivist.person, org=org, role=Role.ARCHIVIST)
    trainee = django_user_model.objects.get(pk=world.archivist.pk)
    mine = Dossier.objects.filter(visible_q(trainee, object_type="dossier"), org=org)
    assert mine.filter(status=DossierStatus.ARCHIVED).exists()
    assert not catalogue.dossiers(trainee).filter(org=org).exists()
    assert not catalogue.paper(trainee).filter(org=org).exists()
    client.force_login(trainee)
    page = client.get(f"/to-chuc/{org.pk}/").content.decode()
    assert "Cơ quan thực hành." in page and "không tính vào số liệu nào" in page

    # The same document in a body that counts does move the figures (the test can fail).
    import random

    from luutru.demo import names
    from luutru.demo.catalogue import Doc

    records = Records(random.Random(1), names.Namer(random.Random(1)), {})
    records.loose(None, world.office, Doc("CV", "VPTW", "V/v thử"), dt.date(2024, 5, 6))
    after = figures(world)
    assert after[0].documents_in == before[0].documents_in + 1
    assert after[1].loose_documents == before[1].loose_documents + 1


def test_the_command_makes_the_practice_body_and_refuses_an_unknown_province(world):
    out = io.StringIO()
    call_command("practice", "TU", stdout=out)
    assert "Đã tạo “Cơ quan thực hành – Tỉnh ủy Thử nghiệm” (mã TH-TU)" in out.getvalue()
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Không có cơ quan mã “KHONG”"):
        call_command("practice", "KHONG")
