"""Rules as the one owner of every rule (issue 9).

- ``RulesVersion``: one row holding a random token that every change to a rules
  model replaces; ``rules.book.rulebook()`` caches the rules per process under it.
- Values that were hard-coded outside ``rules`` become profile data with their
  basis and evidence: the style of a number and symbol (Party / State, was in
  ``registry/services.py``), and the bases of the advance notice (``reminder_days``,
  30 days, was also in ``deadlines/dates.py``) and of the plan deadline
  (``plan_deadline_*``, 31 January, was also in ``compliance/profiles.py``).
  Existing rows are filled from ``rules/defaults.py`` as it stands today (frozen
  here so the migration means the same thing later); unverified values are
  marked ``default``. Values an administrator already set are not touched.
"""

import uuid

from django.db import migrations, models

D, V = "default", "verified"
OFFICE_RULES = "Quy chế công tác văn thư, lưu trữ của cơ quan"
NUMBER_STYLE = {
    "party-legacy": ("Như Hướng dẫn 36-HD/VPTW ngày 03/4/2018", D),
    "front-legacy": ("Như cơ quan Đảng", D),
    "state-legacy": ("Thông tư 01/2011/TT-BNV", D),
    "party-2018": ("Hướng dẫn 36-HD/VPTW ngày 03/4/2018", V),
    "front-2018": ("Như cơ quan Đảng", D),
    "state-2020": ("Nghị định 30/2020/NĐ-CP, Phụ lục I", V),
}


def forward(apps, schema_editor):
    RuleProfile = apps.get_model("rules", "RuleProfile")
    RulesVersion = apps.get_model("rules", "RulesVersion")
    for p in RuleProfile.objects.all():
        p.number_style = "state" if p.fonds_system == "state" else "party"
        p.number_style_basis, p.number_style_evidence = NUMBER_STYLE.get(p.code, ("", D))
        p.reminder_basis = p.reminder_basis or OFFICE_RULES
        p.plan_deadline_basis = p.plan_deadline_basis or OFFICE_RULES
        p.save()
    RulesVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [
        ("rules", "0003_state_types_and_plain_basis"),
    ]

    operations = [
        migrations.CreateModel(
            name="RulesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(default="", max_length=32)),
            ],
            options={
                "verbose_name": "phiên bản quy tắc",
            },
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="deadlines_evidence",
            field=models.CharField(
                choices=[
                    ("verified", "Đã kiểm chứng trong văn bản"),
                    ("partial", "Kiểm chứng một phần"),
                    ("default", "Mặc định, có thể cấu hình — cần kiểm chứng"),
                ],
                default="default",
                max_length=10,
                verbose_name="mức kiểm chứng các thời hạn nộp lưu",
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="number_style",
            field=models.CharField(
                choices=[
                    ("party", "Kiểu Đảng: số-loại/cơ quan (12-NQ/TU)"),
                    ("state", "Kiểu Nhà nước: số/loại-cơ quan (12/QĐ-UBND)"),
                ],
                default="party",
                max_length=10,
                verbose_name="kiểu số, ký hiệu văn bản",
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="number_style_basis",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="căn cứ kiểu số, ký hiệu"
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="number_style_evidence",
            field=models.CharField(
                choices=[
                    ("verified", "Đã kiểm chứng trong văn bản"),
                    ("partial", "Kiểm chứng một phần"),
                    ("default", "Mặc định, có thể cấu hình — cần kiểm chứng"),
                ],
                default="default",
                max_length=10,
                verbose_name="mức kiểm chứng kiểu số, ký hiệu",
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="plan_deadline_basis",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="căn cứ hạn ban hành danh mục"
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="plan_deadline_evidence",
            field=models.CharField(
                choices=[
                    ("verified", "Đã kiểm chứng trong văn bản"),
                    ("partial", "Kiểm chứng một phần"),
                    ("default", "Mặc định, có thể cấu hình — cần kiểm chứng"),
                ],
                default="default",
                max_length=10,
                verbose_name="mức kiểm chứng hạn ban hành danh mục",
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="reminder_basis",
            field=models.CharField(
                blank=True, max_length=500, verbose_name="căn cứ thời gian nhắc trước"
            ),
        ),
        migrations.AddField(
            model_name="ruleprofile",
            name="reminder_evidence",
            field=models.CharField(
                choices=[
                    ("verified", "Đã kiểm chứng trong văn bản"),
                    ("partial", "Kiểm chứng một phần"),
                    ("default", "Mặc định, có thể cấu hình — cần kiểm chứng"),
                ],
                default="default",
                max_length=10,
                verbose_name="mức kiểm chứng thời gian nhắc trước",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
