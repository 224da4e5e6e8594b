"""What the access policy judges an outgoing document by (``luutru.access.kinds``):
its body, its secrecy, and its drafter, who reads their own draft."""

from luutru.access import kinds
from luutru.dispatch.models import Outgoing


def register() -> None:
    kinds.register("outgoing", Outgoing, owner="drafter")
