"""Records, record-claim links, stories, review settings and the audit log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from minewatch.store.spatial import JsonType

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("fields", JsonType, nullable=False),
        sa.Column("values", JsonType, nullable=False),
        sa.Column("variants", JsonType, nullable=False),
        sa.Column("checks", JsonType, nullable=False),
        sa.Column("warnings", JsonType, nullable=False),
        sa.Column("disputed", sa.Boolean, nullable=False),
        sa.Column("figure_key", sa.String(64)),
        sa.Column("place", sa.String(500)),
        sa.Column("period_start", sa.Date),
        sa.Column("period_end", sa.Date),
        sa.Column("incident", sa.Boolean),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    for column in ("kind", "status", "disputed", "figure_key", "place", "period_start"):
        op.create_index(f"ix_records_{column}", "records", [column])
    op.create_index("ix_records_first_seen", "records", ["first_seen"])

    op.create_table(
        "record_claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "record_id",
            sa.Integer,
            sa.ForeignKey(
                "records.id", ondelete="CASCADE", name="fk_record_claims_record_id_records"
            ),
            nullable=False,
        ),
        sa.Column(
            "claim_id",
            sa.Integer,
            sa.ForeignKey("claims.id", ondelete="CASCADE", name="fk_record_claims_claim_id_claims"),
            nullable=False,
        ),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("linked_at", TZ, nullable=False),
        sa.UniqueConstraint("record_id", "claim_id", name="uq_record_claims_record_id"),
    )
    op.create_index("ix_record_claims_record_id", "record_claims", ["record_id"])
    op.create_index("ix_record_claims_claim_id", "record_claims", ["claim_id"])

    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(500)),
        sa.Column("first_published", sa.Date),
        sa.Column("last_published", sa.Date),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_stories_first_published", "stories", ["first_published"])

    op.create_table(
        "story_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "story_id",
            sa.Integer,
            sa.ForeignKey(
                "stories.id", ondelete="CASCADE", name="fk_story_documents_story_id_stories"
            ),
            nullable=False,
        ),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey(
                "documents.id", ondelete="CASCADE", name="fk_story_documents_document_id_documents"
            ),
            nullable=False,
        ),
        sa.Column("published", sa.Date),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("similarity", sa.Float),
        sa.Column("added_at", TZ, nullable=False),
        sa.UniqueConstraint("document_id", name="uq_story_documents_document_id"),
    )
    op.create_index("ix_story_documents_story_id", "story_documents", ["story_id"])
    op.create_index("ix_story_documents_published", "story_documents", ["published"])

    op.create_table(
        "review_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("publisher", sa.String(300), nullable=False),
        sa.Column("auto_approve", sa.Boolean, nullable=False),
        sa.Column("set_by", sa.String(100), nullable=False),
        sa.Column("set_at", TZ, nullable=False),
        sa.UniqueConstraint("publisher", name="uq_review_sources_publisher"),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer),
        sa.Column("record_id", sa.Integer),
        sa.Column("before", JsonType),
        sa.Column("after", JsonType),
        sa.Column("note", sa.String(500)),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_entity_id", "audit_log", ["entity_id"])
    op.create_index("ix_audit_log_record_id", "audit_log", ["record_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("review_sources")
    op.drop_table("story_documents")
    op.drop_table("stories")
    op.drop_table("record_claims")
    op.drop_table("records")
