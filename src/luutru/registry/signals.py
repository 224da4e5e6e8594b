"""Signals the registry sends so that stages above it can follow its changes
without the registry importing them (DESIGN §1: code depends downward)."""

from django.dispatch import Signal

# Sent after a document's secrecy level changed (raised or lowered), inside the
# transaction that changed it: ``document``, ``before``, ``after``, ``actor``.
# Filing listens to derive the level of every dossier that holds the document.
document_secrecy_changed = Signal()
