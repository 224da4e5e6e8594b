"""What the access policy judges review sessions and proposed groups by
(``luutru.access.kinds``): the body whose documents they group; a session
itself is not secret (each document is judged on its own), a group is as
secret as its most secret document (its title and gaps speak of them)."""

from luutru.access import kinds
from luutru.bundles.models import ProposedGroup, ReviewSession


def register() -> None:
    kinds.register("reviewsession", ReviewSession, secrecy=None, owner="created_by")
    kinds.register("proposedgroup", ProposedGroup, org=("session__org",))
