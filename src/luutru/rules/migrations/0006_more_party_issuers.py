"""Issuer abbreviations the header parser learnt in issue 10 (the provincial
committee's boards and the bloc Party committees), added to every Party and Front
profile an installation already has. The list is frozen here; an abbreviation the
administrator already has is left as it is."""

from django.db import migrations

ISSUERS = [
    ("BNCTU", "Ban Nội chính Tỉnh ủy"),
    ("BDVTU", "Ban Dân vận Tỉnh ủy"),
    ("ĐUK", "Đảng ủy Khối"),
    ("ĐUKCCQ", "Đảng ủy Khối các cơ quan"),
    ("ĐUKDN", "Đảng ủy Khối doanh nghiệp"),
]


def add(apps, schema_editor):
    RuleProfile = apps.get_model("rules", "RuleProfile")
    IssuerAbbrev = apps.get_model("rules", "IssuerAbbrev")
    for profile in RuleProfile.objects.exclude(fonds_system="state"):
        have = set(IssuerAbbrev.objects.filter(profile=profile).values_list("abbrev", flat=True))
        IssuerAbbrev.objects.bulk_create(
            IssuerAbbrev(profile=profile, abbrev=abbrev, name=name, evidence="default")
            for abbrev, name in ISSUERS
            if abbrev not in have
        )


class Migration(migrations.Migration):
    dependencies = [("rules", "0005_ruleprofile_retention_basis_and_more")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
