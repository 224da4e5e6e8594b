"""What the access policy judges transfers by (``luutru.access.kinds``): a transfer
belongs to the body whose dossiers it carries, a received package to the historical
archive that received it, a package check to the body it checks for; none is
secret (secret dossiers are never transferred)."""

from luutru.access import kinds
from luutru.transfer.models import PackageCheck, ReceivedPackage, Transfer


def register() -> None:
    kinds.register("transfer", Transfer, org=("org",), secrecy=None, owner="created_by")
    kinds.register(
        "receivedpackage", ReceivedPackage, org=("org",), secrecy=None, owner="received_by"
    )
    kinds.register("packagecheck", PackageCheck, org=("org",), secrecy=None, owner="requested_by")
