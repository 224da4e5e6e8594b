"""What the access policy judges an arrival by (``luutru.access.kinds``): the
receiving body and the secrecy of its document (a secret document's arrival is
as secret as the document)."""

from luutru.access import kinds
from luutru.desk.models import Arrival, WorkHandover


def register() -> None:
    kinds.register("arrival", Arrival, org=("org",), secrecy="document__secrecy")
    # A work handover record is as secret as the most secret item it lists.
    kinds.register("workhandover", WorkHandover, org=("org",), secrecy="secrecy")
