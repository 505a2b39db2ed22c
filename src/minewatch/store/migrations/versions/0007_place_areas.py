"""Place areas: an optional polygon or multipolygon per place beside its point.

``places.area`` (EPSG:4326) holds a boundary when one is known and ``places.area_source``
where it came from; ``places.geom`` stays the point the resolver and the map use. Indexed
like ``geom``: an R*Tree on SQLite, GiST on PostGIS.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from minewatch.store.spatial import Geometry, create_spatial_index, drop_spatial_index

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("places", sa.Column("area", Geometry()))
    op.add_column("places", sa.Column("area_source", sa.String(100)))
    create_spatial_index(op.get_bind(), "places", "area")


def downgrade() -> None:
    drop_spatial_index(op.get_bind(), "places", "area")
    with op.batch_alter_table("places") as batch:
        batch.drop_column("area_source")
        batch.drop_column("area")
