"""Authority table: one row per standard authority name."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base


class Authority(Base):
    """A body figures are attributed to (ministry, mine action centre, operator, monitor)."""

    __tablename__ = "authorities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(100))
    is_party: Mapped[bool] = mapped_column(Boolean, default=False)
