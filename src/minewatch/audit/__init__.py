"""Append-only audit trail of every change to claims, records and review settings."""
