"""Foundation tables: documents, authorities, claims, places, ordnance models.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from minewatch.store.spatial import Geometry, JsonType, create_spatial_index, drop_spatial_index

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500)),
        sa.Column("publisher", sa.String(300)),
        sa.Column("source_url", sa.String(2000)),
        sa.Column("source_note", sa.String(2000)),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("filename", sa.String(1000)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("extractor_version", sa.String(32)),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"], unique=True)
    op.create_index("ix_documents_publisher", "documents", ["publisher"])
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "authorities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(64)),
        sa.Column("country", sa.String(100)),
        sa.Column("is_party", sa.Boolean, nullable=False),
        sa.UniqueConstraint("name", name="uq_authorities_name"),
    )

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey(
                "documents.id", ondelete="CASCADE", name="fk_claims_document_id_documents"
            ),
            nullable=False,
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("fields", JsonType, nullable=False),
        sa.Column("evidence", JsonType, nullable=False),
        sa.Column("sentence_index", sa.Integer),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column(
            "authority_id",
            sa.Integer,
            sa.ForeignKey(
                "authorities.id", ondelete="SET NULL", name="fk_claims_authority_id_authorities"
            ),
        ),
        sa.Column("authority_text", sa.String(300)),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column(
            "supersedes_id",
            sa.Integer,
            sa.ForeignKey("claims.id", ondelete="SET NULL", name="fk_claims_supersedes_id_claims"),
        ),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "document_id", "extractor_version", "ordinal", name="uq_claims_document_id"
        ),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_kind", "claims", ["kind"])
    op.create_index("ix_claims_status", "claims", ["status"])
    op.create_index("ix_claims_authority_id", "claims", ["authority_id"])

    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("country_code", sa.String(2)),
        sa.Column(
            "parent_id",
            sa.Integer,
            sa.ForeignKey("places.id", ondelete="SET NULL", name="fk_places_parent_id_places"),
        ),
        sa.Column("geom", Geometry()),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("source_id", sa.String(100)),
    )
    op.create_index("ix_places_name", "places", ["name"])
    op.create_index("ix_places_country_code", "places", ["country_code"])
    create_spatial_index(op.get_bind(), "places", "geom")

    op.create_table(
        "place_names",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "place_id",
            sa.Integer,
            sa.ForeignKey("places.id", ondelete="CASCADE", name="fk_place_names_place_id_places"),
            nullable=False,
        ),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("lang", sa.String(16)),
    )
    op.create_index("ix_place_names_place_id", "place_names", ["place_id"])
    op.create_index("ix_place_names_key", "place_names", ["key"])

    op.create_table(
        "ordnance_models",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(100)),
        sa.Column("aliases", JsonType, nullable=False),
        sa.Column("notes", sa.Text),
        sa.UniqueConstraint("name", name="uq_ordnance_models_name"),
    )


def downgrade() -> None:
    op.drop_table("ordnance_models")
    op.drop_table("place_names")
    drop_spatial_index(op.get_bind(), "places", "geom")
    op.drop_table("places")
    op.drop_table("claims")
    op.drop_table("authorities")
    op.drop_table("documents")
