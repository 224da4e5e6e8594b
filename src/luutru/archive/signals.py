"""What the archive tells the apps to its right (deadlines, notifications) without
importing them: sent inside the transaction that made the change."""

from django.dispatch import Signal

# Sent with ``dossier=, deposit=, reason=, actor=`` when the archive returns a dossier.
dossier_returned = Signal()
