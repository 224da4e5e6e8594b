"""What the access policy judges a document by (``luutru.access.kinds``).

Whether a document is an archive holding is not the registry's to say: filing
contributes that fact (a document is held while a dossier holding it is held).
"""

from luutru.access import kinds
from luutru.registry.models import Document


def register() -> None:
    kinds.register("document", Document, owner="created_by")
