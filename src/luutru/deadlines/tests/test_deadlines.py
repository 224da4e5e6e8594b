"""Due dates from the rules, the per-person and per-organization lists, the digest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from luutru.archive.services import create_deposit, submit_deposit
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.deadlines.models import Kind, Notification
from luutru.deadlines.queries import my_due, org_due
from luutru.deadlines.services import mark_read, run_digest, summary_text
from luutru.filing.models import Dossier, DossierStatus
from luutru.rules.models import RuleProfile
from luutru.rules.queries import profile_for

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_deposit_due_date_comes_from_the_profile_and_follows_its_changes(world, overdue_dossier):
    [item] = [i for i in my_due(world.official) if i.object_id == overdue_dossier.pk]
    assert item.kind == Kind.DEPOSIT and item.due == dt.date(2025, 12, 20)
    profile = profile_for(world.office, overdue_dossier.end_date)
    RuleProfile.objects.filter(pk=profile.pk).update(deposit_delay_months=18)
    [item] = [i for i in my_due(world.official) if i.object_id == overdue_dossier.pk]
    assert item.due == dt.date(2026, 6, 20)


def test_advance_notice_is_the_profiles_reminder_days(world, soon_dossier):
    [item] = [i for i in my_due(world.official) if i.object_id == soon_dossier.pk]
    assert item.state(TODAY) == "soon" and item.state_label(TODAY) == "còn 10 ngày"
    RuleProfile.objects.filter(pk=profile_for(world.office, soon_dossier.end_date).pk).update(
        reminder_days=5
    )
    [item] = [i for i in my_due(world.official) if i.object_id == soon_dossier.pk]
    assert item.state(TODAY) == "later"


def test_a_kept_back_dossier_is_due_when_its_keep_back_ends(world, overdue_dossier):
    until = TODAY + dt.timedelta(days=20)
    Dossier.objects.filter(pk=overdue_dossier.pk).update(
        status=DossierStatus.KEPT_BACK, kept_back_until=until
    )
    [item] = [i for i in my_due(world.official) if i.object_id == overdue_dossier.pk]
    assert item.kind == Kind.KEEP_BACK and item.due == until and item.state(TODAY) == "soon"


def test_plan_deadline_is_the_profiles_and_names_head_and_clerk(world):
    day = dt.date(TODAY.year, 1, 20)
    run_digest(day)
    plan_notes = Notification.objects.filter(kind=Kind.PLAN, org=world.office)
    assert {n.recipient for n in plan_notes} == {world.head, world.clerk}
    assert {n.due_date for n in plan_notes} == {dt.date(TODAY.year, 1, 31)}
    # Ten days before the 30-day notice starts, nobody is told of this year's plan yet.
    Notification.objects.all().delete()
    run_digest(dt.date(TODAY.year, 1, 20) - dt.timedelta(days=30))
    assert not Notification.objects.filter(
        kind=Kind.PLAN, due_date=dt.date(TODAY.year, 1, 31)
    ).exists()
    # A later deadline in the profile moves the due date.
    RuleProfile.objects.update(plan_deadline_month=3, plan_deadline_day=15)
    run_digest(dt.date(TODAY.year, 3, 1))
    assert Notification.objects.filter(
        kind=Kind.PLAN, org=world.office, due_date=dt.date(TODAY.year, 3, 15)
    ).exists()


def test_digest_is_idempotent_and_dry_run_changes_nothing(world, overdue_dossier, soon_dossier):
    dry = run_digest(TODAY, dry_run=True)
    assert dry.created >= 2 and not Notification.objects.exists()
    first = run_digest(TODAY)
    n = Notification.objects.count()
    assert first.created == n >= 2
    second = run_digest(TODAY)
    assert second.created == 0 and Notification.objects.count() == n
    mine = Notification.objects.filter(recipient=world.official, kind=Kind.DEPOSIT)
    assert {x.object_id for x in mine} == {overdue_dossier.pk, soon_dossier.pk}
    assert Event.objects.filter(action="deadlines.digest").count() == 2


def test_digest_closes_the_notice_once_the_dossier_is_deposited(world, overdue_dossier):
    run_digest(TODAY)
    note = Notification.objects.get(recipient=world.official, object_id=overdue_dossier.pk)
    submit_deposit(world.official, create_deposit(world.official, world.office, [overdue_dossier]))
    assert overdue_dossier.pk not in {i.object_id for i in my_due(world.official)}
    digest = run_digest(TODAY)
    note.refresh_from_db()
    assert digest.resolved >= 1 and note.resolved_at is not None


def test_summary_is_vietnamese_with_overdue_first(world, overdue_dossier, soon_dossier):
    digest = run_digest(TODAY)
    text = summary_text(world.official, digest.per_user[world.official], TODAY, digest.new_keys)
    assert text.startswith("Kính gửi Nguyễn Văn An,")
    assert text.index("Đã quá hạn (1)") < text.index("Sắp đến hạn (1)")
    assert "hồ sơ 01.VP “Kế hoạch công tác năm 2024”" in text and "hạn 20/12/2025" in text
    assert "[mới]" in text


def test_command_prints_and_emails_and_refuses_a_bad_date(world, overdue_dossier, capsys):
    world.official.email = "an@example.vn"
    world.official.save()
    call_command("digest", "--date", TODAY.isoformat(), "--email")
    out = capsys.readouterr().out
    assert "===== canbo =====" in out and "thông báo mới" in out
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.vn"]
    assert "Kính gửi Nguyễn Văn An" in mail.outbox[0].body
    with pytest.raises(CommandError, match="không đúng dạng YYYY-MM-DD"):
        call_command("digest", "--date", "25/11/2026")
    before = Notification.objects.count()
    call_command("digest", "--dry-run")
    assert Notification.objects.count() == before


def test_marking_someone_elses_notification_is_refused(world, overdue_dossier):
    run_digest(TODAY)
    note = Notification.objects.filter(recipient=world.official).first()
    with pytest.raises(RuleViolation, match="không phải của bạn"):
        mark_read(world.official2, note)
    note.refresh_from_db()
    assert note.read_at is None
    mark_read(world.official, note)
    note.refresh_from_db()
    assert note.read_at is not None


def test_org_list_shows_only_dossiers_the_viewer_may_see(world, overdue_dossier):
    Dossier.objects.filter(pk=overdue_dossier.pk).update(secrecy=2)  # tối mật
    ids = {i.object_id for i in org_due(world.archivist, world.province) if i.kind == Kind.DEPOSIT}
    assert overdue_dossier.pk not in ids  # the archivist's clearance is "mật"
    ids = {i.object_id for i in org_due(world.head, world.office) if i.kind == Kind.DEPOSIT}
    assert overdue_dossier.pk in ids


# ---------------------------------------------------------------- screens


def test_my_page_lists_due_work_and_marks_notifications_read(client, world, overdue_dossier):
    run_digest(TODAY)
    client.force_login(world.official)
    html = client.get("/thong-bao/").content.decode()
    assert "Việc sắp đến hạn của tôi" in html and "20/12/2025" in html
    assert "1 chưa đọc" in html
    note = Notification.objects.get(recipient=world.official)
    r = client.post(f"/thong-bao/{note.pk}/da-doc/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "đã đọc" in r.content.decode()
    note.refresh_from_db()
    assert note.read_at is not None


def test_someone_elses_notification_answers_404(client, world, overdue_dossier):
    run_digest(TODAY)
    note = Notification.objects.get(recipient=world.official)
    client.force_login(world.official2)
    assert client.post(f"/thong-bao/{note.pk}/da-doc/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_org_list_is_404_for_an_official_and_lists_for_the_head(client, world, overdue_dossier):
    client.force_login(world.official)
    assert client.get(f"/thong-bao/to-chuc/{world.office.pk}/").status_code == 404
    client.force_login(world.head)
    html = client.get(f"/thong-bao/to-chuc/{world.office.pk}/").content.decode()
    assert "Kế hoạch công tác năm 2024" in html and "quá hạn" in html


def test_home_page_has_the_upcoming_block(client, world, overdue_dossier):
    client.force_login(world.official)
    html = client.get("/").content.decode()
    assert 'id="todo-upcoming"' in html and "Sắp đến hạn" in html
    assert "Kế hoạch công tác năm 2024" in html


def test_a_notice_comes_back_when_the_matter_is_due_again(world, overdue_dossier):
    from luutru.archive.services import return_deposit, submit_deposit

    run_digest(TODAY)
    note = Notification.objects.get(
        recipient=world.official, kind="deposit", object_id=overdue_dossier.pk
    )
    deposit = create_deposit(world.official, world.office, [overdue_dossier])
    # A draft is not a deposit yet: the notice stays until the archive receives it.
    assert run_digest(TODAY).resolved == 0
    submit_deposit(world.official, deposit)
    assert run_digest(TODAY).resolved == 1
    return_deposit(world.archivist, deposit, {overdue_dossier.pk: "Thiếu văn bản số 2"})
    again = run_digest(TODAY)
    note.refresh_from_db()
    assert again.created == 0 and note.resolved_at is None
    assert Notification.objects.filter(recipient=world.official, kind="deposit").count() == 1


def test_mail_server_down_is_explained_and_notices_are_kept(world, overdue_dossier, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    world.official.email = "an@example.vn"
    world.official.save()
    with pytest.raises(CommandError, match="không gửi được thư điện tử"):
        call_command("digest", "--email", "--quiet")
    assert Notification.objects.filter(recipient=world.official).count() == 1
