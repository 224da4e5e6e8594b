"""Criteria data without internal markers (issue 8 item 17).

Reports print the criteria set's name and each criterion's name and legal basis
on signed documents. The defaults once carried the internal marker "mặc định,
cần xác minh"; the defaults no longer do (that a value is a default to verify is
its ``evidence``, shown to the administrator), but existing databases still hold
it. This strips the marker from existing criteria sets, criteria and the
criteria frozen in evaluation cycles (a marker is a note about our data, not part
of what was evaluated; the numbers, weights and bases stay as they were). The
old default basis of the set, a note rather than a basis, becomes the new one.
The rules are frozen here, not imported, so the migration means the same later.
"""

import re

from django.db import migrations

MARKER = re.compile(
    r"\s*[;,.—–-]?\s*[(\[]?\s*(?:với [^;:()\[\]]{1,60}:\s*)?(?:mặc định\s*,?\s*)?"
    r"(?:có thể cấu hình\s*[—–-]?\s*)?cần (?:kiểm chứng|xác minh)\s*[)\]]?",
    re.IGNORECASE,
)
OLD_SET_BASIS = (
    "Đề xuất của hệ thống dựa trên NĐ 30/2020/NĐ-CP và Luật Lưu trữ 2024; chưa tìm thấy "
    "mẫu đánh giá của Đảng — mặc định, cần xác minh"
)
NEW_SET_BASIS = "NĐ 30/2020/NĐ-CP; Luật Lưu trữ 2024"


def strip_marker(text: str) -> str:
    """``text`` without the internal marker; the rest is kept as it was."""
    if not text or not MARKER.search(text):
        return text
    return MARKER.sub("", text).strip(" ;,.-—–:")


def _plain(obj, fields) -> list[str]:
    changed = []
    for name in fields:
        old = getattr(obj, name)
        new = strip_marker(old)
        if new != old:
            setattr(obj, name, new)
            changed.append(name)
    return changed


def forward(apps, schema_editor):
    CriteriaSet = apps.get_model("evaluation", "CriteriaSet")
    Criterion = apps.get_model("evaluation", "Criterion")
    EvaluationCycle = apps.get_model("evaluation", "EvaluationCycle")
    for s in CriteriaSet.objects.all():
        if s.legal_basis == OLD_SET_BASIS:
            s.legal_basis = NEW_SET_BASIS
            s.save(update_fields=["legal_basis"])
        changed = _plain(s, ("name", "legal_basis"))
        if changed:
            s.save(update_fields=changed)
    for c in Criterion.objects.all():
        changed = _plain(c, ("name", "legal_basis"))
        if changed:
            c.save(update_fields=changed)
    for cycle in EvaluationCycle.objects.all():
        criteria = [
            {k: strip_marker(v) if k in ("name", "legal_basis") and isinstance(v, str) else v
             for k, v in c.items()} if isinstance(c, dict) else c
            for c in (cycle.criteria or [])
        ]  # fmt: skip
        if criteria != (cycle.criteria or []):
            cycle.criteria = criteria
            cycle.save(update_fields=["criteria"])


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_figure_labels")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
