"""Deposits get a number per body and year (“Lần nộp 3/2025”) and remember who
submitted them (that person may not accept them)."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


def backfill(apps, schema_editor):
    Deposit = apps.get_model("archive", "Deposit")
    Event = apps.get_model("audit", "Event")
    counters: dict[tuple[int, int], int] = {}
    for d in Deposit.objects.order_by("created_at", "pk"):
        key = (d.org_id, d.year)
        counters[key] = counters.get(key, 0) + 1
        d.number = counters[key]
        if d.submitted_at is not None:
            event = (
                Event.objects.filter(
                    action="deposit.submit", object_type="deposit", object_id=str(d.pk)
                )
                .order_by("seq")
                .first()
            )
            d.submitted_by_id = event.actor_id if event and event.actor_id else d.created_by_id
        d.save(update_fields=["number", "submitted_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="deposit",
            name="number",
            field=models.PositiveIntegerField(null=True, verbose_name="lần nộp"),
        ),
        migrations.AddField(
            model_name="deposit",
            name="submitted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deposit",
            name="number",
            field=models.PositiveIntegerField(verbose_name="lần nộp"),
        ),
        migrations.AddConstraint(
            model_name="deposit",
            constraint=models.UniqueConstraint(
                fields=("org", "year", "number"), name="deposit_number_per_body_and_year"
            ),
        ),
    ]
