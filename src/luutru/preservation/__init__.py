"""Issue 14: format identification, preservation copies, scheduled fixity, backups."""
