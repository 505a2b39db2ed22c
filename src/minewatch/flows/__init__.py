"""Flows: work that writes several domains in one transaction."""
