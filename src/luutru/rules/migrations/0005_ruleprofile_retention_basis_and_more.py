"""Retention schedules as dated rule data (issue 14): the schedule and its items;
each profile says how a retention period is counted and when a permanent dossier
is due at the historical archive, with basis and evidence. The default schedules
and bases come from ``rules/schedule_defaults.py``."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

from luutru.rules import schedule_defaults


def forward(apps, schema_editor):
    RuleProfile = apps.get_model("rules", "RuleProfile")
    RulesVersion = apps.get_model("rules", "RulesVersion")
    for p in RuleProfile.objects.all():
        basis, ev = schedule_defaults.RETENTION_BASIS.get(p.fonds_system, ("", "default"))
        p.retention_basis, p.retention_evidence = p.retention_basis or basis, ev
        basis, ev = schedule_defaults.TRANSFER_BASIS.get(p.fonds_system, ("", "default"))
        p.transfer_basis, p.transfer_evidence = p.transfer_basis or basis, ev
        p.save()
    schedule_defaults.load(apps)
    RulesVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):

    dependencies = [
        ('rules', '0004_rule_fields_and_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='ruleprofile',
            name='retention_basis',
            field=models.CharField(blank=True, max_length=500, verbose_name='căn cứ cách tính thời hạn bảo quản'),
        ),
        migrations.AddField(
            model_name='ruleprofile',
            name='retention_evidence',
            field=models.CharField(choices=[('verified', 'Đã kiểm chứng trong văn bản'), ('partial', 'Kiểm chứng một phần'), ('default', 'Mặc định, có thể cấu hình — cần kiểm chứng')], default='default', max_length=10, verbose_name='mức kiểm chứng cách tính thời hạn bảo quản'),
        ),
        migrations.AddField(
            model_name='ruleprofile',
            name='transfer_basis',
            field=models.CharField(blank=True, max_length=500, verbose_name='căn cứ thời hạn nộp lưu lịch sử'),
        ),
        migrations.AddField(
            model_name='ruleprofile',
            name='transfer_delay_years',
            field=models.PositiveSmallIntegerField(default=5, verbose_name='nộp lưu vào lưu trữ lịch sử sau (năm kể từ khi nộp lưu vào lưu trữ cơ quan)'),
        ),
        migrations.AddField(
            model_name='ruleprofile',
            name='transfer_evidence',
            field=models.CharField(choices=[('verified', 'Đã kiểm chứng trong văn bản'), ('partial', 'Kiểm chứng một phần'), ('default', 'Mặc định, có thể cấu hình — cần kiểm chứng')], default='default', max_length=10, verbose_name='mức kiểm chứng thời hạn nộp lưu lịch sử'),
        ),
        migrations.CreateModel(
            name='RetentionSchedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=40, verbose_name='mã bảng')),
                ('version', models.PositiveSmallIntegerField(default=1, verbose_name='phiên bản')),
                ('name', models.CharField(max_length=300, verbose_name='tên bảng')),
                ('kind', models.CharField(choices=[('party_model', 'Bảng thời hạn bảo quản mẫu (cơ quan Đảng)'), ('state_mass', 'Bảng thời hạn bảo quản (Nhà nước, tổ chức chính trị - xã hội)'), ('other', 'Bảng thời hạn bảo quản của cơ quan')], max_length=20, verbose_name='loại bảng')),
                ('fonds_system', models.CharField(max_length=10, verbose_name='áp dụng cho hệ thống phông')),
                ('legal_basis', models.CharField(max_length=500, verbose_name='căn cứ')),
                ('evidence', models.CharField(choices=[('verified', 'Đã kiểm chứng trong văn bản'), ('partial', 'Kiểm chứng một phần'), ('default', 'Mặc định, có thể cấu hình — cần kiểm chứng')], default='default', max_length=10)),
                ('valid_from', models.DateField(verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('source_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 của tệp nạp')),
                ('loaded_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'bảng thời hạn bảo quản',
                'verbose_name_plural': 'bảng thời hạn bảo quản',
                'ordering': ['fonds_system', 'code', '-version'],
                'constraints': [models.UniqueConstraint(fields=('code', 'version'), name='one_schedule_version')],
            },
        ),
        migrations.CreateModel(
            name='RetentionScheduleItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveIntegerField(verbose_name='thứ tự')),
                ('number', models.CharField(blank=True, max_length=20, verbose_name='số mục trong văn bản')),
                ('group', models.CharField(blank=True, max_length=300, verbose_name='nhóm')),
                ('project_grouping', models.BooleanField(default=False, verbose_name='nhóm do dự án sắp xếp')),
                ('category', models.CharField(max_length=500, verbose_name='tên nhóm hồ sơ, tài liệu')),
                ('period', models.CharField(choices=[('permanent', 'Vĩnh viễn'), ('years', 'Có thời hạn'), ('until_lapse', 'Đến khi hết hiệu lực'), ('life_of_works', 'Theo tuổi thọ công trình')], max_length=20, verbose_name='loại thời hạn')),
                ('years', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='số năm')),
                ('start', models.CharField(choices=[('work_end_year', 'Từ năm công việc kết thúc'), ('unit_formed', 'Từ khi hình thành đơn vị bảo quản')], default='work_end_year', max_length=20, verbose_name='tính từ')),
                ('legal_basis', models.CharField(max_length=300, verbose_name='căn cứ')),
                ('evidence', models.CharField(choices=[('verified', 'Đã kiểm chứng trong văn bản'), ('partial', 'Kiểm chứng một phần'), ('default', 'Mặc định, có thể cấu hình — cần kiểm chứng')], default='default', max_length=10)),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='ghi chú')),
                ('schedule', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='rules.retentionschedule')),
            ],
            options={
                'verbose_name': 'mục bảng thời hạn bảo quản',
                'verbose_name_plural': 'mục bảng thời hạn bảo quản',
                'ordering': ['schedule', 'order'],
                'constraints': [models.UniqueConstraint(fields=('schedule', 'order'), name='one_item_per_place')],
            },
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
