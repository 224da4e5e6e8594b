from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_queue_and_reindex_runs"),
    ]

    operations = [
        migrations.CreateModel(
            name="WriterLease",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("holder", models.CharField(blank=True, max_length=200)),
                ("expires_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "quyền ghi chỉ mục",
                "verbose_name_plural": "quyền ghi chỉ mục",
            },
        ),
    ]
