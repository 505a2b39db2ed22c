"""Gazetteer: admin codes for parent linking, feature codes, population, idempotent keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("places", sa.Column("code", sa.String(40)))
    op.add_column("places", sa.Column("parent_code", sa.String(40)))
    op.add_column("places", sa.Column("feature_code", sa.String(10)))
    op.add_column("places", sa.Column("population", sa.BigInteger))
    op.create_index("ix_places_code", "places", ["code"])
    op.create_index("uq_places_source_id", "places", ["source_id"], unique=True)
    op.create_index(
        "uq_place_names_place_id_name", "place_names", ["place_id", "name"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_place_names_place_id_name", table_name="place_names")
    op.drop_index("uq_places_source_id", table_name="places")
    op.drop_index("ix_places_code", table_name="places")
    with op.batch_alter_table("places") as batch:
        batch.drop_column("population")
        batch.drop_column("feature_code")
        batch.drop_column("parent_code")
        batch.drop_column("code")
