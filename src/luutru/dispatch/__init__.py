"""Issue 12: outgoing documents: draft, approve, issue, send over the network and by package."""
