"""Issue 12: the registry desk: incoming registration, routing, handling."""
