"""Issue 8, items 8 and 11: logins (throttling, audit, password rules, a
password-change page, session length) and headers and secrets (CSP without
inline script, no-store, TLS settings, a per-installation secret key, ``next=``
only to this site)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from luutru.audit.models import Event
from luutru.testing import PASSWORD

SRC = Path(__file__).resolve().parents[3]  # src/
LOGIN = "/dang-nhap/"


@pytest.fixture
def axes_on(settings):
    """Login throttling as in production (the shared test fixtures switch it
    off so that ``client.login``, which passes no request, keeps working)."""
    settings.AXES_ENABLED = True
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    return settings


def _post_login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


# ------------------------------------------------------------------ logins


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_login_with_a_vietnamese_page(client, world, axes_on):
    limit = django_settings.AXES_FAILURE_LIMIT
    assert 3 <= limit <= 10
    for _ in range(limit - 1):
        r = _post_login(client, "canbo", "sai-mat-khau")
        assert r.status_code == 200 and "không đúng" in r.content.decode()
    r = _post_login(client, "canbo", "sai-mat-khau")
    assert r.status_code == 429
    text = r.content.decode()
    assert "tạm khóa" in text and "phút" in text
    # even the right password is refused while locked
    r = _post_login(client, "canbo", PASSWORD)
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session
    # another user from the same place still logs in
    r = _post_login(client, "canbo2", PASSWORD)
    assert r.status_code == 302


@pytest.mark.django_db
def test_test_client_login_and_force_login_still_work_with_axes_on(client, world, axes_on):
    from django.http import HttpRequest

    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    assert client.login(request=request, username="canbo", password=PASSWORD)
    assert client.get("/").status_code == 200
    client.logout()
    client.force_login(world.official)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_logins_failed_and_successful_are_in_the_audit_chain(client, world, axes_on):
    from luutru.audit.services import verify

    _post_login(client, "canbo", "sai-mat-khau")
    failed = Event.objects.filter(action="auth.login_failed").get()
    assert failed.after["username"] == "canbo" and failed.actor_id is None
    assert "password" not in str(failed.after) and "sai-mat-khau" not in str(failed.after)
    r = _post_login(client, "canbo", PASSWORD)
    assert r.status_code == 302
    ok = Event.objects.filter(action="auth.login").get()
    assert ok.actor_id == world.official.pk
    client.post("/dang-xuat/")
    assert Event.objects.filter(action="auth.logout", actor=world.official).exists()
    assert verify().ok


def test_password_rules_common_similar_numeric_and_length_ten():
    for weak in ["password123", "1234567890123", "ngắn-quá", "abcdefghi"]:
        with pytest.raises(ValidationError):
            validate_password(weak)

    from django.contrib.auth import get_user_model

    user = get_user_model()(username="nguyenvanan", email="nguyenvanan@example.vn")
    with pytest.raises(ValidationError):
        validate_password("nguyenvanan1", user)
    validate_password("Sông Hồng chảy về biển 2026")
    names = {v["NAME"].rsplit(".", 1)[1] for v in django_settings.AUTH_PASSWORD_VALIDATORS}
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


@pytest.mark.django_db
def test_every_user_changes_their_password_on_a_vietnamese_page(client, world):
    client.force_login(world.reader)
    home = client.get("/").content.decode()
    assert 'href="/doi-mat-khau/"' in home
    page = client.get("/doi-mat-khau/")
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()
    weak = client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "1234567890", "new_password2": "1234567890"},
    )
    assert weak.status_code == 200 and "Mật khẩu" in weak.content.decode()
    new = "Sông Hồng chảy về biển 2026"
    r = client.post(
        "/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert r.status_code == 302
    world.reader.refresh_from_db()
    assert world.reader.check_password(new)
    assert client.get("/").status_code == 200  # still logged in
    assert Event.objects.filter(action="auth.password_change", actor=world.reader).exists()


def test_session_ends_with_the_browser_or_after_eight_idle_hours_by_default():
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_COOKIE_AGE == 8 * 3600
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is True


# ------------------------------------------------------------------ settings read fresh


def _settings_in(env: dict, code: str) -> str:
    """Import the settings in a fresh interpreter with ``env`` and print ``code``."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("LUUTRU_")}
    full.update(env)
    full["DJANGO_SETTINGS_MODULE"] = "luutru.settings"
    out = subprocess.run(
        [sys.executable, "-c", f"from luutru import settings as s; print({code})"],
        env=full,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(env["LUUTRU_DATA"]).parent,
    )
    return out.stdout.strip()


def test_the_secret_key_is_made_once_per_installation_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    first = _settings_in({"LUUTRU_DATA": str(data)}, "s.SECRET_KEY")
    key_file = data / "secret_key"
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first) >= 50 and "dev-only" not in first
    assert _settings_in({"LUUTRU_DATA": str(data)}, "s.SECRET_KEY") == first
    other = _settings_in({"LUUTRU_DATA": str(tmp_path / "other")}, "s.SECRET_KEY")
    assert other != first
    forced = _settings_in({"LUUTRU_DATA": str(data), "LUUTRU_SECRET_KEY": "x" * 60}, "s.SECRET_KEY")
    assert forced == "x" * 60
    assert not list(data.glob("secret_key.*")), "no temporary file is left behind"
    assert "dev-only-not-secret" not in (SRC / "luutru" / "settings.py").read_text()


def test_processes_starting_at_once_share_one_secret_key(tmp_path):
    from luutru.core.secret_key import load_or_create

    data = tmp_path / "data"
    data.mkdir()
    code = "from pathlib import Path; from luutru.core.secret_key import load_or_create as f; "
    code += f"print(f(Path({str(data)!r})))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(keys) == 1 and keys == {load_or_create(data)}
    assert sorted(x.name for x in data.iterdir()) == ["secret_key"]


def test_tls_deployments_get_secure_cookies_and_hsts_behind_a_flag(tmp_path):
    code = (
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT"
    )
    plain = _settings_in({"LUUTRU_DATA": str(tmp_path)}, code)
    assert plain == "False False 0 False"
    tls = _settings_in({"LUUTRU_DATA": str(tmp_path), "LUUTRU_TLS": "1"}, code)
    assert tls.startswith("True True ") and int(tls.split()[2]) >= 31536000
    readme = (SRC.parent / "README.md").read_text()
    assert "LUUTRU_TLS" in readme


# ------------------------------------------------------------------ headers


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client, world):
    client.force_login(world.official)
    for url in ["/", "/nhap-tai-lieu/", LOGIN]:
        r = client.get(url)
        csp = r.get("Content-Security-Policy", "")
        script = re.search(r"script-src ([^;]*)", csp) or re.search(r"default-src ([^;]*)", csp)
        assert script, f"{url}: no CSP ({csp!r})"
        assert "'self'" in script.group(1)
        assert "unsafe-inline" not in script.group(1) and "unsafe-eval" not in script.group(1)
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        body = r.content.decode()
        inline = [s for s in re.findall(r"<script\b[^>]*>", body) if "src=" not in s]
        assert not inline, f"{url} has inline script"


def test_no_template_has_inline_script_or_event_handler_attributes():
    found, templates = [], list(SRC.joinpath("luutru").rglob("templates/**/*.html"))
    assert len(templates) > 50
    for path in templates:
        text = path.read_text()
        for m in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in m.group(0):
                found.append(f"{path}: {m.group(0)}")
        for m in re.finditer(r"\s(on[a-z]+|hx-on[:\w-]*)=", text):
            found.append(f"{path}: {m.group(1)}")
        if "javascript:" in text:
            found.append(f"{path}: javascript:")
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_every_authenticated_response_is_no_store(client, world):
    from luutru.filing.tests.conftest import make_document

    doc = make_document(world.official, world.office)
    client.force_login(world.official)
    for url in ["/", "/van-ban/", "/ho-so/", "/tim-kiem/?q=a", f"/van-ban/{doc.pk}/"]:
        r = client.get(url)
        assert "no-store" in r.get("Cache-Control", ""), url
    download = client.get(f"/van-ban/{doc.pk}/tai-ve/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    from luutru.access.api_auth import issue_token

    token = issue_token(world.official)
    api = type(client)().get("/api/documents", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200 and "no-store" in api.get("Cache-Control", "")


# ------------------------------------------------------------------ next=


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"],
)
def test_login_never_redirects_off_site(client, world, target):
    r = _post_login(client, "canbo", PASSWORD, next=target)
    assert r.status_code == 302 and r["Location"] == "/"


@pytest.mark.django_db
def test_login_keeps_a_next_on_this_site(client, world):
    r = _post_login(client, "canbo", PASSWORD, next="/ho-so/?trang=2")
    assert r.status_code == 302 and r["Location"] == "/ho-so/?trang=2"


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_views_reading_next_never_redirect_off_site(client, world, target):
    import datetime as dt

    from luutru.deadlines.models import Notification

    n = Notification.objects.create(
        recipient=world.official,
        kind="deposit",
        object_type="dossier",
        object_id=1,
        org=world.office,
        due_date=dt.date(2026, 1, 1),
        message="Thử",
    )
    client.force_login(world.official)
    r = client.post(f"/thong-bao/{n.pk}/da-doc/", {"next": target})
    assert r.status_code == 302
    assert "evil" not in r["Location"]
    ok = client.post(f"/thong-bao/{n.pk}/da-doc/", {"next": "/ho-so/"})
    assert ok["Location"] == "/ho-so/"
