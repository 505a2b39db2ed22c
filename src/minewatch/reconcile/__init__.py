"""Reconciliation: near-duplicate stories, claim clustering into records, conflicts, checks."""
