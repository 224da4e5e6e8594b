"""Signals the organization services send (reporting apps listen; orgs names none of them)."""

from django.dispatch import Signal

# Sent with ``org_ids`` (the bodies whose rows, people or roles were written) after
# services that write in bulk (``bulk_create`` sends no ``post_save``).
orgs_written = Signal()
