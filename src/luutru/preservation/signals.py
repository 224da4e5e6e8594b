"""What preservation tells the layers above it (the notices app listens)."""

from django.dispatch import Signal

# Sent inside the transaction that records a fixity chunk with failures:
# ``run`` (FixityRun) and ``failures`` ([{"sha256", "problem"}]).
fixity_failed = Signal()

# Sent inside the transaction that records a failed scheduled backup:
# ``run`` (BackupRun) and ``reason`` (a Vietnamese sentence).
backup_failed = Signal()
