"""What filing tells the apps above it (search, compliance, deadlines) without
importing them: sent inside the transaction that made the change."""

from django.dispatch import Signal

# Sent by ``filing.lifecycle`` after every change of dossier status, with
# ``dossier_ids`` (list of pks that moved together), ``old`` (their previous status,
# None when they were just opened), ``new`` and ``actor``. Receivers that do heavy
# work defer it with ``transaction.on_commit``.
dossier_status_changed = Signal()
