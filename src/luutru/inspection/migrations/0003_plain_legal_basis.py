"""Checklist data without internal markers (issue 8 item 17).

Inspection records print each line's legal basis on signed documents. The
default checklist once stored its basis with "(với cơ quan Đảng: mặc định, cần
xác minh)"; new installations no longer do (that a line is a default to verify is
its ``evidence``, shown to the administrator), but existing databases still hold
it. This strips the marker from the checklist lines and from the lines copied
into inspections (a marker is a note about our data, not part of what was
checked; results, notes and the basis itself stay as they were). The rule is
frozen here, not imported, so the migration means the same later.
"""

import re

from django.db import migrations

MARKER = re.compile(
    r"\s*[;,.—–-]?\s*[(\[]?\s*(?:với [^;:()\[\]]{1,60}:\s*)?(?:mặc định\s*,?\s*)?"
    r"(?:có thể cấu hình\s*[—–-]?\s*)?cần (?:kiểm chứng|xác minh)\s*[)\]]?",
    re.IGNORECASE,
)


def strip_marker(text: str) -> str:
    """``text`` without the internal marker; the rest is kept as it was."""
    if not text or not MARKER.search(text):
        return text
    return MARKER.sub("", text).strip(" ;,.-—–:")


def forward(apps, schema_editor):
    for model in ("ChecklistItem", "Check"):
        Model = apps.get_model("inspection", model)
        for pk, old in Model.objects.values_list("pk", "legal_basis").iterator():
            new = strip_marker(old)
            if new != old:
                Model.objects.filter(pk=pk).update(legal_basis=new)


class Migration(migrations.Migration):
    dependencies = [("inspection", "0002_default_checklist")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
