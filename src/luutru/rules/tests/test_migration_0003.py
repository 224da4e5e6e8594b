"""Migration 0003 on a database from before it: printed bases lose the internal
markers, State profiles learn the legal document types, nothing else moves."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from luutru.rules.models import DocumentType, RuleProfile

pytestmark = pytest.mark.django_db

m0003 = importlib.import_module("luutru.rules.migrations.0003_state_types_and_plain_basis")

OLD_DEFAULT = (
    "NĐ 30/2020/NĐ-CP, Luật Lưu trữ 2024 (Nhà nước); với cơ quan Đảng: mặc định, cần kiểm chứng"
)


def test_markers_leave_printed_bases_and_state_types_are_added():
    party = RuleProfile.objects.get(code="party-2018")
    party.legal_basis = "Hướng dẫn 36-HD/VPTW ngày 03/4/2018 (cần xác minh)"
    party.deadlines_basis = OLD_DEFAULT
    party.save()
    front = RuleProfile.objects.get(code="front-2018")
    front.legal_basis = "Áp dụng như cơ quan Đảng — mặc định, cần kiểm chứng"
    front.deadlines_basis = "mặc định, cần kiểm chứng"
    front.save()
    state = RuleProfile.objects.get(code="state-2020")
    DocumentType.objects.filter(profile=state, name__in=["Luật", "Nghị định"]).delete()
    kept_basis = state.legal_basis
    before = DocumentType.objects.count()

    m0003.forward(apps, None)
    m0003.forward(apps, None)  # twice: nothing more changes

    party.refresh_from_db()
    front.refresh_from_db()
    state.refresh_from_db()
    assert party.legal_basis == "Hướng dẫn 36-HD/VPTW ngày 03/4/2018"
    assert party.deadlines_basis == "NĐ 30/2020/NĐ-CP, Luật Lưu trữ 2024 (Nhà nước)"
    assert front.legal_basis == "Áp dụng như cơ quan Đảng"
    assert front.deadlines_basis == "Nghị định 30/2020/NĐ-CP; Luật Lưu trữ 2024"
    assert state.legal_basis == kept_basis
    for p in RuleProfile.objects.all():
        for text in (p.legal_basis, p.deadlines_basis):
            assert "kiểm chứng" not in text and "xác minh" not in text
    assert DocumentType.objects.count() == before + 2
    law = DocumentType.objects.get(profile=state, name="Luật")
    assert (law.abbrev, law.evidence) == ("", "default")
    assert DocumentType.objects.get(profile=state, name="Nghị định").abbrev == "NĐ"


def test_new_profiles_carry_no_marker():
    p = RuleProfile(code="x", name="x", fonds_system="party", legal_basis="x")
    assert "kiểm chứng" not in p.deadlines_basis
    state_types = DocumentType.objects.filter(profile__code="state-2020")
    assert {"Luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch"} <= set(
        state_types.values_list("name", flat=True)
    )
