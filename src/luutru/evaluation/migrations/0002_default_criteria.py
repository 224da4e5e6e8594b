from django.db import migrations


def load(apps, schema_editor):
    from luutru.evaluation.defaults import DEFAULT_CRITERIA, DEFAULT_SET

    CriteriaSet = apps.get_model("evaluation", "CriteriaSet")
    Criterion = apps.get_model("evaluation", "Criterion")
    if CriteriaSet.objects.exists():
        return
    s = CriteriaSet.objects.create(**DEFAULT_SET)
    for order, c in enumerate(DEFAULT_CRITERIA, start=1):
        Criterion.objects.create(criteria_set=s, order=order, **c)


def unload(apps, schema_editor):
    apps.get_model("evaluation", "CriteriaSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
