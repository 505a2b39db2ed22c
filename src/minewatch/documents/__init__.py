"""Documents: reading, normalising, storing and listing ingested texts."""
