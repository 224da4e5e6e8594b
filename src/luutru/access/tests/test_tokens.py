"""``luutru token create|revoke|list``: API tokens shown once, stored hashed,
revocable; every change is an audit event."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from luutru.access.api_auth import _hash
from luutru.access.models import ApiToken
from luutru.audit.models import Event
from luutru.audit.services import verify


def token(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def user(db):
    return get_user_model().objects.create(username="canbo")


def api(client, key):
    return client.get("/api/orgs", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_create_prints_a_key_once_that_opens_the_api(client, user):
    out, err = token("create", "canbo", "--name", "máy quét")
    key = out.strip()
    assert len(key) >= 40 and "\n" not in key
    assert "chỉ hiện một lần" in err
    t = ApiToken.objects.get(user=user)
    assert t.name == "máy quét"
    assert t.key_hash == _hash(key) and key not in t.key_hash
    assert api(client, key).status_code == 200
    t.refresh_from_db()
    assert t.last_used_at is not None
    # Asked again within the minute, the time shown to the minute is not written again;
    # a minute later it is.
    first = t.last_used_at
    assert api(client, key).status_code == 200
    t.refresh_from_db()
    assert t.last_used_at == first
    ApiToken.objects.filter(pk=t.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    assert api(client, key).status_code == 200
    t.refresh_from_db()
    assert t.last_used_at > first
    assert Event.objects.filter(action="token.create", object_id=str(t.pk)).exists()
    assert verify().ok


def test_revoking_by_username_closes_the_api(client, user):
    key = token("create", "canbo")[0].strip()
    out, _ = token("revoke", "canbo")
    assert "Đã thu hồi 1 token." in out
    assert api(client, key).status_code == 401
    assert Event.objects.filter(action="token.revoke").count() == 1


def test_revoking_by_key_leaves_the_other_tokens(client, user):
    first = token("create", "canbo", "--name", "một")[0].strip()
    second = token("create", "canbo", "--name", "hai")[0].strip()
    token("revoke", "--key", first)
    assert api(client, first).status_code == 401
    assert api(client, second).status_code == 200


def test_a_key_never_starts_with_a_dash_so_revoke_key_takes_it(client, user, monkeypatch):
    # token_urlsafe gives "-" first one time in 64: "--key -Xy…" was then read as two
    # options and the revoke failed (a CI run did). Such a key is drawn again.
    import secrets

    drawn = iter(["-" + "a" * 42, "b" * 43])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(drawn))
    key = token("create", "canbo")[0].strip()
    assert key == "b" * 43
    token("revoke", "--key", key)
    assert api(client, key).status_code == 401


def test_revoking_by_name_only_touches_that_name(client, user):
    first = token("create", "canbo", "--name", "một")[0].strip()
    second = token("create", "canbo", "--name", "hai")[0].strip()
    token("revoke", "canbo", "--name", "hai")
    assert api(client, first).status_code == 200
    assert api(client, second).status_code == 401


def test_unknown_user_is_refused_and_nothing_is_created(db):
    with pytest.raises(CommandError, match="Không có tài khoản “ai_do”"):
        token("create", "ai_do")
    assert not ApiToken.objects.exists()
    assert not Event.objects.exists()


def test_a_locked_account_gets_no_token(user):
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="đang bị khóa"):
        token("create", "canbo")
    assert not ApiToken.objects.exists()


def test_a_token_of_a_locked_account_stops_working(client, user):
    key = token("create", "canbo")[0].strip()
    user.is_active = False
    user.save()
    assert api(client, key).status_code == 401


def test_revoking_nothing_says_so_and_changes_nothing(user):
    with pytest.raises(CommandError, match="Không tìm thấy token nào còn hiệu lực"):
        token("revoke", "canbo")
    with pytest.raises(CommandError, match="Hãy ghi tên tài khoản"):
        token("revoke")
    assert not Event.objects.exists()


def test_list_shows_tokens_without_their_keys(user):
    key = token("create", "canbo", "--name", "một")[0].strip()
    token("revoke", "canbo")
    out, _ = token("list")
    assert "canbo  một" in out and "đã thu hồi" in out
    assert key not in out
