"""Rules data (issues 8 and 10).

- Printed forms carry ``RuleProfile.legal_basis`` / ``deadlines_basis`` on signed
  documents: the internal markers "mặc định, cần kiểm chứng" / "cần xác minh" go
  from the text of existing rows (``evidence`` already says whether a value is
  verified), and the field default no longer holds one.
- State profiles learn the legal document types (Luật, Pháp lệnh, Nghị định,
  Thông tư, Thông tư liên tịch, Lệnh) and more administrative ones, so the header
  parser reads "30/2020/NĐ-CP" and "Luật số: 01/2011/QH13" as printed. The lists
  are frozen here (not imported) so the migration means the same thing later;
  a type the administrator already has under that name is left as it is.
"""

import re

from django.db import migrations, models

MARKER = re.compile(
    r"\s*[;,.]?\s*(?:với [^;:]{1,60}:\s*)?[(\[]?\s*(?:mặc định\s*,?\s*)?"
    r"(?:có thể cấu hình\s*[—–-]?\s*)?cần (?:kiểm chứng|xác minh)\s*[)\]]?",
    re.IGNORECASE,
)

PLAIN_DEADLINES_BASIS = "Nghị định 30/2020/NĐ-CP; Luật Lưu trữ 2024"

STATE_TYPES = [
    ("Luật", "", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Pháp lệnh", "PL", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Nghị định", "NĐ", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Thông tư", "TT", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Thông tư liên tịch", "TTLT", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Lệnh", "L", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Thông cáo", "TC", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
    ("Chương trình", "CTr", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
    ("Phương án", "PA", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
    ("Đề án", "ĐA", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
    ("Dự án", "DA", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
    ("Công điện", "CĐ", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
    ("Giấy mời", "GM", "NĐ 30/2020/NĐ-CP, Phụ lục III"),
]


def strip_marker(text: str) -> str:
    """The text without the internal markers; the basis itself is kept."""
    out = MARKER.sub("", text or "").strip(" ;,.-—–:")
    return out


def forward(apps, schema_editor):
    RuleProfile = apps.get_model("rules", "RuleProfile")
    DocumentType = apps.get_model("rules", "DocumentType")
    for profile in RuleProfile.objects.all():
        changed = []
        for name in ("legal_basis", "deadlines_basis"):
            old = getattr(profile, name)
            new = strip_marker(old)
            if name == "deadlines_basis" and not new:
                new = PLAIN_DEADLINES_BASIS
            if new != old and (new or name == "legal_basis"):
                setattr(profile, name, new)
                changed.append(name)
        if changed:
            profile.save(update_fields=changed)
        if profile.fonds_system == "state":
            have = set(DocumentType.objects.filter(profile=profile).values_list("name", flat=True))
            for name, abbrev, basis in STATE_TYPES:
                if name not in have:
                    DocumentType.objects.create(
                        profile=profile, name=name, abbrev=abbrev, evidence="default",
                        legal_basis=basis,
                    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("rules", "0002_default_profiles")]
    operations = [
        migrations.AlterField(
            model_name="ruleprofile",
            name="deadlines_basis",
            field=models.CharField(
                default="Nghị định 30/2020/NĐ-CP; Luật Lưu trữ 2024",
                max_length=500,
                verbose_name="căn cứ các thời hạn",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
