"""What the access policy judges paper holdings by (``luutru.access.kinds``): a
catalogued paper dossier belongs to its fonds' body, is as secret as the
catalogue says, and is an archive holding from the start (readers of that
body's holdings see it, within their clearance); a box belongs to its fonds and
is never secret itself (its label hides what a reader may not see)."""

from django.db.models import Q

from luutru.access import kinds
from luutru.holdings.models import Box, Inventory, PaperDossier


def _always() -> Q:
    return Q()


def register() -> None:
    held = kinds.Archived(q=_always, read=lambda obj: True)
    kinds.register("paperdossier", PaperDossier, archived=held)
    kinds.register("box", Box, org=("inventory__fonds__org",), secrecy=None, archived=held)
    kinds.register("inventory", Inventory, org=("fonds__org",), secrecy=None, archived=held)
