"""Every table in one metadata (for migrations' autogenerate and for test checks)."""

from __future__ import annotations

from minewatch.audit import models as _audit
from minewatch.authorities import models as _authorities
from minewatch.claims import models as _claims
from minewatch.documents import models as _documents
from minewatch.gazetteer import models as _gazetteer
from minewatch.ordnance import models as _ordnance
from minewatch.records import models as _records
from minewatch.review import models as _review
from minewatch.stats import models as _stats
from minewatch.store.base import Base

metadata = Base.metadata
MODEL_MODULES = (
    _audit,
    _authorities,
    _claims,
    _documents,
    _gazetteer,
    _ordnance,
    _records,
    _review,
    _stats,
)
