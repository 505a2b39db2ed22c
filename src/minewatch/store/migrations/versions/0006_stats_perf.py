"""A covering index for the statistics GROUP BY (kind, review, incident, admin 1, month, day
and every summed measure), replacing ix_stat_facts_group.

With the measures in the index, a grouped sum reads the index alone, in group order, and never
visits the table: at 1,000,000 facts that is the difference between ~1.3 s and ~0.3 s on
SQLite. NULL measures cost one header byte per index entry.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

COVERING = (
    "kind",
    "review",
    "incident",
    "adm1_id",
    "month",
    "day",
    "quantity",
    "killed",
    "injured",
    "victims",
    "civilians_killed",
    "military_killed",
    "children",
    "area_m2",
)


def upgrade() -> None:
    op.drop_index("ix_stat_facts_group", table_name="stat_facts")
    op.create_index("ix_stat_facts_cover", "stat_facts", list(COVERING))


def downgrade() -> None:
    op.drop_index("ix_stat_facts_cover", table_name="stat_facts")
    op.create_index(
        "ix_stat_facts_group", "stat_facts", ["kind", "review", "incident", "adm1_id", "month"]
    )
