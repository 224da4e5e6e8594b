"""What the access policy judges import batches and items by (``luutru.access.kinds``).

An item is as secret as the parser suspects and, once registered, as its
document; its uploader reads it whatever its secrecy until it is registered
(issue 8 item 2)."""

from luutru.access import kinds
from luutru.capture.models import ImportBatch, ImportItem


def register() -> None:
    kinds.register("importbatch", ImportBatch, secrecy=None, owner="created_by")
    kinds.register(
        "importitem",
        ImportItem,
        org=("batch__org",),
        owner="batch__created_by",
        also_secrecy=("document__secrecy",),
        owner_sees_any_level="document",
    )
