"""Infrastructure: engines, sessions, migrations and dialect-specific column types."""
