"""Forms of the matchmaking pages, one module per area."""
