"""What the access policy judges deposits by (``luutru.access.kinds``): the
depositing body and the archive receiving it; a deposit itself is not secret
(each listed dossier is judged on its own)."""

from luutru.access import kinds
from luutru.archive.models import Deposit


def register() -> None:
    kinds.register("deposit", Deposit, org=("org", "archive_org"), secrecy=None, owner="created_by")
