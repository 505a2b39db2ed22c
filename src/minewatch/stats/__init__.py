"""Statistics: figures for any kind, place, period and authority, each with its sources."""
