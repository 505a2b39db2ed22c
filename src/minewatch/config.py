"""Settings from the environment (``MINEWATCH_*``), built on demand, never at import time."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./minewatch.db"


class Settings(BaseSettings):
    """Runtime configuration; every field is documented in docs/configuration.md."""

    model_config = SettingsConfigDict(env_prefix="MINEWATCH_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///PATH (default) or postgresql+psycopg://...",
    )
    max_document_bytes: int = Field(
        default=20 * 1024 * 1024,
        description="Documents larger than this are refused with a clear error.",
    )
    batch_size: int = Field(
        default=200,
        description="Documents per transaction batch during ingest.",
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement (debugging).")


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides winning."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
