# Whether a document is an archive holding is derived from the dossiers holding
# it (filing gives the access policy that fact); it is no longer stored.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_header_as_printed_and_citations"),
    ]

    operations = [
        migrations.RemoveField(model_name="document", name="in_holdings"),
    ]
