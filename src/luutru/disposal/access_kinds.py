"""What the access policy judges appraisals, holds and destructions by: the body
whose fonds they concern (``luutru.access.kinds``). None is secret in itself;
each dossier listed in one is judged on its own."""

from luutru.access import kinds
from luutru.disposal.models import Appraisal, Destruction, Hold


def register() -> None:
    kinds.register("appraisal", Appraisal, secrecy=None, owner="created_by")
    kinds.register("hold", Hold, secrecy=None, owner="placed_by")
    kinds.register("destruction", Destruction, secrecy=None)
