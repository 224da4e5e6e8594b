"""Compliance facts refreshed by the worker (issue 9 item 7): the stale marks,
the facts' token and rules version, and the shared cache's table.

An existing database gets one "every body" mark: its facts were kept current by
reading the audit chain, which no longer happens, so the first refresh rebuilds
them all.
"""

from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    # The database cache (settings.CACHES) shared by every app server: its
    # table is made here so that ``migrate`` alone readies a new database.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def mark_everything_stale(apps, schema_editor):
    apps.get_model("compliance", "StaleFacts").objects.create(org=None)


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0003_covering_indexes"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="factsstate", name="last_seq"),
        migrations.RenameField(
            model_name="factsstate", old_name="rules_fingerprint", new_name="rules_version"
        ),
        migrations.AddField(
            model_name="factsstate",
            name="token",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.CreateModel(
            name="StaleFacts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("marked_at", models.DateTimeField(auto_now_add=True)),
                (
                    "org",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="orgs.organization",
                    ),
                ),
            ],
        ),
        migrations.RunPython(mark_everything_stale, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
