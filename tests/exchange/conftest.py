"""The seeded databases of the statistics tests (one seed per dialect, copied per test)."""

from ..stats.conftest import seed_templates, seeded  # noqa: F401
