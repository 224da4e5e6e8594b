"""Signals the registry sends so that stages above it can follow its changes
without the registry importing them (DESIGN §1: code depends downward)."""

from django.dispatch import Signal

# Sent after a document's secrecy level changed (raised or lowered), inside the
# transaction that changed it: ``document``, ``before``, ``after``, ``actor``.
# Filing listens to derive the level of every dossier that holds the document.
document_secrecy_changed = Signal()

# Sent after a document was entered by hand through the registry's upload page
# (``registry.views.document_create``), once the form saved it: ``document``.
# Capture listens to extract its text (and OCR a scan) in the background.
document_entered = Signal()
