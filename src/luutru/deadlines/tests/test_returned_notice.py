"""Issue 8 item 14: the notice of a returned dossier survives the daily digest and
ends once the dossier is closed again."""

from __future__ import annotations

import pytest

from luutru.archive.services import create_deposit, return_deposit, submit_deposit
from luutru.deadlines.models import Notification
from luutru.deadlines.services import run_digest
from luutru.filing.services import close_dossier

pytestmark = pytest.mark.django_db


def test_a_returned_notice_stays_through_the_digest_and_ends_when_fixed(world, overdue_dossier):
    dep = create_deposit(world.official, world.office, [overdue_dossier])
    submit_deposit(world.official, dep)
    return_deposit(world.archivist, dep, {overdue_dossier.pk: "Thiếu chứng từ kết thúc"})
    notice = Notification.objects.get(recipient=world.official, kind="returned")
    assert "Thiếu chứng từ kết thúc" in notice.message
    run_digest()
    notice.refresh_from_db()
    assert notice.resolved_at is None
    overdue_dossier.refresh_from_db()
    close_dossier(
        world.official, overdue_dossier, end_date=overdue_dossier.end_date, confirm_retention=True
    )
    run_digest()
    notice.refresh_from_db()
    assert notice.resolved_at is not None
