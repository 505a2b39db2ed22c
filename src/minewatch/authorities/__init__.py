"""Authorities: who a claim is attributed to, with parties to a conflict flagged."""
