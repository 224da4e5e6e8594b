"""The parser's vocabulary cache follows what it is built from at once, in every
process: a rules row renamed (the rules' version changes) or an organization
renamed is seen by the next document, not a minute later (issue 9 item 7)."""

from __future__ import annotations

import pytest

from luutru.capture.header import cached_vocabulary, correction_vocabulary
from luutru.rules.book import rulebook
from luutru.rules.models import DocumentType, IssuerAbbrev
from luutru.rules.queries import profile_for

pytestmark = pytest.mark.django_db


def test_a_renamed_type_and_issuer_are_seen_by_the_next_document(world):
    profile = profile_for(world.office)
    first = cached_vocabulary(profile)
    assert cached_vocabulary(profile) is first  # unchanged rules: the same object
    kind = DocumentType.objects.filter(profile=profile).order_by("pk").first()
    issuer = IssuerAbbrev.objects.filter(profile=profile).order_by("pk").first()
    version = rulebook().version

    kind.name = "Tờ trình thử đổi tên"
    kind.save()
    issuer.name = "Ban thử đổi tên"
    issuer.save()

    assert rulebook().version != version
    now = cached_vocabulary(profile)
    assert now is not first
    assert now.type_by_name("TỜ TRÌNH THỬ ĐỔI TÊN").pk == kind.pk
    assert now.issuers[issuer.abbrev] == "Ban thử đổi tên"


def test_a_renamed_organization_is_seen_by_the_ocr_correction_at_once(world):
    before = correction_vocabulary(world.office)
    assert world.commune.name in before
    world.commune.name = "Đảng ủy xã Thử Đổi Tên"
    world.commune.save()
    after = correction_vocabulary(world.office)
    assert "Đảng ủy xã Thử Đổi Tên" in after


def test_one_parse_reads_the_rules_version_and_the_organizations_once(world):
    """Issue 10 (speed): the rule book's version and the organizations' names are
    read once per parse, not once per lookup (it was 4 and 2)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from luutru.capture.header import parse_header

    text = (
        "ĐẢNG BỘ TỈNH QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TỔ CHỨC\n"
        "Số 127-QĐ/BTCTU Quảng Ninh, ngày 04 tháng 02 năm 2025\nQUYẾT ĐỊNH\n"
        "về việc kiện toàn Ban Chỉ đạo\n"
    )
    parse_header(text, org=world.office)  # the vocabulary cache filled
    with CaptureQueriesContext(connection) as seen:
        parsed = parse_header(text, org=world.office)
    assert parsed.value("type_name") == "Quyết định"
    sql = [q["sql"] for q in seen.captured_queries]
    assert sum("rules_rulesversion" in s for s in sql) == 1, sql
    assert sum('FROM "orgs_organization"' in s for s in sql) == 1, sql
