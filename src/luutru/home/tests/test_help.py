"""Help pages: every screen of the registry, filing and archive work has one, every
link resolves, every picture exists, and each screen links to its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import get_resolver

from luutru.home.help import BY_SCREEN, PAGES, PICTURE_DIR, PICTURES

# The work whose every screen must explain itself (issue 13, Done when).
EXPLAINED = (
    "registry",
    "filing",
    "archive",
    "capture",
    "orgs",
    "desk",
    "dispatch",
    "bundles",
    "disposal",
    "transfer",
    "holdings",
    "preservation",
    "digitization",
)
# URL names that are no screen of their own: files, images and fragments.
NOT_SCREENS = {
    "registry:download",
    "capture:page_image",
    "orgs:children",
}


def _names(namespace: str) -> set[str]:
    _, resolver = get_resolver().namespace_dict[namespace]
    return {f"{namespace}:{k}" for k in resolver.reverse_dict if isinstance(k, str)}


def test_every_screen_of_the_work_has_a_help_page():
    missing = sorted(
        name
        for ns in EXPLAINED
        for name in _names(ns)
        if name not in BY_SCREEN and name not in NOT_SCREENS
    )
    assert missing == [], f"screens without a help page: {missing}"


def test_every_screen_a_page_names_exists():
    known = {name for ns in get_resolver().namespace_dict for name in _names(ns)}
    named = {screen for page in PAGES for screen in page.screens}
    assert sorted(named - known) == []


def test_every_picture_exists():
    folder = Path(settings.BASE_DIR) / "static" / PICTURE_DIR
    absent = sorted(name for name in PICTURES if not (folder / f"{name}.jpg").is_file())
    assert absent == [], f"help pictures not made yet (run the browser tests): {absent}"


@pytest.mark.django_db
def test_each_page_renders_with_its_pictures_and_the_index_lists_them(world, client):
    client.force_login(world.clerk)
    index = client.get("/huong-dan/").content.decode()
    for page in PAGES:
        assert f'href="/huong-dan/{page.slug}/"' in index
        text = client.get(f"/huong-dan/{page.slug}/").content.decode()
        assert page.title in text
        for name, caption in page.pictures:
            assert f"/static/{PICTURE_DIR}/{name}.jpg" in text and caption in text
    assert client.get("/huong-dan/khong-co/").status_code == 404


@pytest.mark.django_db
def test_a_screen_links_to_its_own_help_page(world, client):
    client.force_login(world.official)
    assert 'href="/huong-dan/lap-ho-so/"' in client.get("/ho-so/").content.decode()
    assert 'href="/huong-dan/danh-muc-ho-so/"' in client.get("/danh-muc/").content.decode()
    # A page with no help of its own links to the index.
    assert 'href="/huong-dan/"' in client.get("/thong-bao/").content.decode()
