"""What preservation tells the layers above it (the notices app listens)."""

from django.dispatch import Signal

# Sent inside the transaction that records a fixity chunk with failures:
# ``run`` (FixityRun) and ``failures`` ([{"sha256", "problem"}]).
fixity_failed = Signal()
