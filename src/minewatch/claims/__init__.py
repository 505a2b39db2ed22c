"""Claims: one fact as stated by one document, with its spans, authority and review status."""
