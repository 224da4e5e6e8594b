"""luutru: electronic records and archive system for Party bodies."""
