"""The statistics index (stat_facts, stat_fact_places, stat_state); records.updated_at index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from minewatch.store.spatial import JsonType

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
COUNTS = ("quantity", "killed", "injured", "victims", "civilians_killed", "military_killed")


def upgrade() -> None:
    op.create_index("ix_records_updated_at", "records", ["updated_at"])
    op.create_table(
        "stat_facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "record_id",
            sa.Integer,
            sa.ForeignKey("records.id", ondelete="CASCADE", name="fk_stat_facts_record_id_records"),
        ),
        sa.Column("claim_ids", JsonType),
        sa.Column("review", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("incident", sa.Boolean, nullable=False),
        sa.Column("disputed", sa.Boolean, nullable=False),
        sa.Column("authority", sa.String(300)),
        sa.Column("place", sa.String(500)),
        sa.Column("place_id", sa.Integer),
        sa.Column("adm1_id", sa.Integer),
        sa.Column("adm2_id", sa.Integer),
        sa.Column("country_code", sa.String(2)),
        sa.Column("lon", sa.Float),
        sa.Column("lat", sa.Float),
        sa.Column("where_prec", sa.Integer),
        sa.Column("day", sa.Date),
        sa.Column("end_day", sa.Date),
        sa.Column("month", sa.String(7)),
        sa.Column("date_prec", sa.Integer),
        sa.Column("as_of", sa.Date),
        sa.Column("category", sa.String(64)),
        sa.Column("model", sa.String(64)),
        sa.Column("action", sa.String(32)),
        *(sa.Column(name, sa.Integer) for name in COUNTS),
        sa.Column("children", sa.Integer),
        sa.Column("area_m2", sa.Float),
        sa.Column("detail", JsonType),
        sa.Column("source_updated", TZ),
        sa.UniqueConstraint("record_id", name="uq_stat_facts_record_id"),
    )
    op.create_index(
        "ix_stat_facts_group", "stat_facts", ["kind", "review", "incident", "adm1_id", "month"]
    )
    op.create_index("ix_stat_facts_day", "stat_facts", ["kind", "day"])
    op.create_index("ix_stat_facts_source_updated", "stat_facts", ["source_updated"])
    op.create_table(
        "stat_fact_places",
        sa.Column("place_id", sa.Integer, primary_key=True),
        sa.Column(
            "fact_id",
            sa.Integer,
            sa.ForeignKey(
                "stat_facts.id", ondelete="CASCADE", name="fk_stat_fact_places_fact_id_stat_facts"
            ),
            primary_key=True,
        ),
    )
    op.create_index("ix_stat_fact_places_fact_id", "stat_fact_places", ["fact_id"])
    op.create_table(
        "stat_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stat_state")
    op.drop_table("stat_fact_places")
    op.drop_table("stat_facts")
    op.drop_index("ix_records_updated_at", table_name="records")
