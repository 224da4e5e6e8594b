"""The navigation shows each role the parts of the system it works in."""

import re

import pytest

from luutru.testing import PASSWORD


def _nav(client, user) -> list[str]:
    client.login(username=user.username, password=PASSWORD)
    page = client.get("/").content.decode()
    found = re.search(r'<nav class="mainnav">(.*?)</nav>', page, re.S)
    assert found is not None, "the page has no main navigation"
    nav = found.group(1)
    return [
        re.sub(r"<[^>]+>|\s+\d+$", "", a).strip()
        for a in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)
    ]


@pytest.mark.django_db
def test_a_clerk_sees_the_registry_and_capture_not_the_dashboards(client, world):
    links = _nav(client, world.clerk)
    assert {"Việc cần làm", "Tìm kiếm", "Văn bản", "Nhập tài liệu", "Hồ sơ"} <= set(links)
    assert not {"Tuân thủ", "Đánh giá", "Kiểm tra"} & set(links)


@pytest.mark.django_db
def test_an_inspector_sees_compliance_evaluation_and_inspection(client, world):
    links = _nav(client, world.inspector)
    assert {"Tuân thủ", "Đánh giá", "Kiểm tra", "Tìm kiếm"} <= set(links)
    assert "Nhập tài liệu" not in links


@pytest.mark.django_db
def test_a_reader_searches_and_sees_no_working_records_menu(client, world):
    links = _nav(client, world.reader)
    assert "Tìm kiếm" in links
    assert not {"Hồ sơ", "Văn bản", "Nộp lưu", "Nhập tài liệu"} & set(links)


@pytest.mark.django_db
def test_the_links_stand_under_the_name_of_their_work(client, world):
    client.login(username=world.clerk.username, password=PASSWORD)
    page = client.get("/").content.decode()
    groups = dict(
        (name, re.findall(r"<a [^>]*>([^<]+)", body))
        for name, body in re.findall(
            r'<span class="navgroup-name">([^<]+)</span>(.*?)</span>\s*(?=<span class="navgroup"|\{|<a href="/quan|</nav>)',
            page,
            re.S,
        )
    )
    assert "Văn bản đến" in groups["Văn thư"] and "Nhập tài liệu" in groups["Văn thư"]
    assert "Danh mục hồ sơ" in groups["Lập hồ sơ"] and "Nộp lưu" in groups["Lập hồ sơ"]
    assert "Giám sát" not in groups  # a clerk has no dashboards, so no empty group either
