"""Playwright fixtures for the browser tests (registered in tests/conftest.py).

Chromium is Debian's (/usr/bin/chromium); nothing is downloaded. Each page
records every request it makes, so a test can check that the app never calls
another host (Party networks are closed: no CDN, no web font, no call home).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LUUTRU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HELP_PICTURES = Path(__file__).resolve().parent.parent / "src" / "luutru" / "static"
TIMEOUT_MS = (
    30_000  # a page on a loaded 2-core machine (CI runs two test processes beside the browser)
)


class _OneAtATime:
    """The live server's WSGI application, run under a lock held from the
    request's start until its response is closed (when Django's
    ``request_finished`` has run)."""

    def __init__(self, app, lock) -> None:
        self.app, self.lock = app, lock

    def __call__(self, environ, start_response):
        self.lock.acquire()
        try:
            result = self.app(environ, start_response)
        except BaseException:
            self.lock.release()
            raise
        return _ReleasedOnClose(result, self.lock)


class _ReleasedOnClose:
    def __init__(self, result, lock) -> None:
        self.result, self.lock = result, lock

    def __iter__(self):
        return iter(self.result)

    def close(self) -> None:
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.lock.release()


@contextmanager
def server_quiet(live_server) -> Iterator[None]:
    """Work on the test database in this thread while the live server answers
    no request. With SQLite the live server's threads share this thread's one
    in-memory connection: a transaction begun here while a request is being
    answered fails with "cannot start a transaction within a transaction"
    (it did, once in a CI run). Requests that arrive meanwhile wait. Never
    drive the browser inside this block: its requests would wait forever."""
    httpd = live_server.thread.httpd
    lock = getattr(httpd, "luutru_lock", None)
    if lock is None:
        lock = httpd.luutru_lock = threading.RLock()
        httpd.set_app(_OneAtATime(httpd.get_app(), lock))
    with lock:
        yield


def run_one_task(live_server) -> None:
    """One task of the database task worker (both queues), run in this thread while
    the live server answers no request (``server_quiet``): the live server's SQLite
    test database is reachable from no subprocess, and its threads share this
    thread's connection."""
    from luutru.testing import task_worker

    with server_quiet(live_server):
        task_worker("browser-test", queues=("*",), max_tasks=1).run()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves an asyncio loop running in this thread.
    # Django then (1) refuses the test's own ORM calls as "async unsafe": they
    # are plain synchronous calls, so allow them; and (2) looks connections up
    # per async context instead of per thread, handing out fresh wrappers that
    # lack the test database's serialized contents (so serialized_rollback
    # silently restores nothing). Keep the thread's wrappers in place.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as pw:
        for alias, wrapper in wrappers.items():
            connections[alias] = wrapper
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, request) -> Iterator:
    """A fresh browser context and page; ``page.requested_urls`` lists every
    URL the page asked for, in order. A failed test leaves a screenshot
    ``test-artifacts/FAILED-<test>.png``."""
    context = browser.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    urls: list[str] = []
    pg.on("request", lambda request: urls.append(request.url))
    pg.requested_urls = urls
    try:
        yield pg
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed and not pg.is_closed():
            shot(pg, f"FAILED-{request.node.name}")
    finally:
        context.close()


def login(page, live_server, username: str, password: str | None = None) -> None:
    """Log in through the real login form and wait for the page after it."""
    from luutru.testing import PASSWORD

    page.goto(f"{live_server.url}/dang-nhap/")
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password if password is not None else PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("domcontentloaded")
    if password is None:
        # A successful login leaves the login page and shows the logout button.
        page.get_by_role("button", name="Đăng xuất").wait_for()


def logout(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/dang-nhap/"))


def shot(page, name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/ for a human to look at. A
    screenshot a help page shows (``luutru.home.help.PICTURES``) is also written to
    ``static/help/`` (JPEG), so the help pictures are the screens as they are now."""
    from luutru.home.help import PICTURE_DIR, PICTURES

    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if name in PICTURES:
        page.screenshot(
            path=str(HELP_PICTURES / PICTURE_DIR / f"{name}.jpg"),
            type="jpeg",
            quality=70,
            full_page=False,
        )
    return path


def foreign_requests(page, live_server) -> list[str]:
    """Every URL the page requested outside the live server (data: and blob:
    URLs never leave the browser)."""
    base = live_server.url.rstrip("/") + "/"
    return [
        u
        for u in page.requested_urls
        if not (u.startswith(base) or u == live_server.url or u.startswith(("data:", "blob:")))
    ]
