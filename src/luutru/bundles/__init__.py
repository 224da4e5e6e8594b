"""Issue 11: loose bundles become proposed dossiers; suggestions at arrival."""
