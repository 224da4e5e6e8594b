"""Issue 14: transfer to the historical archive: E-ARK/BagIt packages, receiving side."""
