"""The official forms, one builder each: records in, a ``Form`` out (no file format
here; ``render`` writes it as DOCX, PDF or XLSX).

Column titles and their order are those of DOMAIN.md (§2 registers, §4 file
plan, document index, deposit list, handover record). Builders take objects the
caller was allowed to open; rows inside them (dossiers of a deposit, documents
of a register) are judged one by one through the access policy. Each concept
has its module; this one names them all.
"""

from __future__ import annotations

from luutru.forms.desk import ARRIVAL_FORMS, delivery_book, routing_slip, stamp_label_pdf
from luutru.forms.disposal import decision, destruction_minutes, disposal_list
from luutru.forms.dossier import closing_certificate, dossier_cover, dossier_index
from luutru.forms.file_plan import file_plan
from luutru.forms.holdings import deposit_list, fonds_dossier_list, handover_record
from luutru.forms.registers import (
    REGISTER_IN_COLUMNS,
    REGISTER_KINDS,
    REGISTER_OUT_COLUMNS,
    register,
    register_failures,
)

# The forms of one dossier and of one deposit, by the name in their address.
DOSSIER_FORMS = {"muc-luc": dossier_index, "chung-tu": closing_certificate, "bia": dossier_cover}
DEPOSIT_FORMS = {"muc-luc": deposit_list, "bien-ban": handover_record}
# The forms of one appraisal (issue 14).
APPRAISAL_FORMS = {
    "danh-muc-huy": disposal_list,
    "quyet-dinh": decision,
    "bien-ban-huy": destruction_minutes,
}

__all__ = [
    "ARRIVAL_FORMS",
    "DEPOSIT_FORMS",
    "DOSSIER_FORMS",
    "REGISTER_IN_COLUMNS",
    "REGISTER_KINDS",
    "REGISTER_OUT_COLUMNS",
    "closing_certificate",
    "delivery_book",
    "deposit_list",
    "dossier_cover",
    "dossier_index",
    "file_plan",
    "fonds_dossier_list",
    "handover_record",
    "register",
    "register_failures",
    "routing_slip",
    "stamp_label_pdf",
]
