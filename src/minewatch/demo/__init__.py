"""The bundled sample corpus (invented texts) and the ``minewatch demo`` command."""
