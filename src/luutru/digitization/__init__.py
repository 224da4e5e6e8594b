"""Issue 13 item 6: digitization of paper dossiers (scanning batches, OCR, quality check)."""
