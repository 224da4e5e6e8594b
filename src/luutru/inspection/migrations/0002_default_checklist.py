from django.db import migrations


def load(apps, schema_editor):
    from luutru.inspection.defaults import DEFAULT_CHECKLIST

    ChecklistItem = apps.get_model("inspection", "ChecklistItem")
    if ChecklistItem.objects.exists():
        return
    for order, (code, title, guidance, basis) in enumerate(DEFAULT_CHECKLIST, start=1):
        ChecklistItem.objects.create(
            code=code,
            title=title,
            guidance=guidance,
            # Only the basis: "default, to verify" is the ``evidence`` (issue 8, item 17).
            legal_basis=basis,
            evidence="default",
            order=order,
        )


def unload(apps, schema_editor):
    apps.get_model("inspection", "ChecklistItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
