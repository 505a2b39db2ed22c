"""One error tree: each error carries a code, an HTTP status, a CLI exit code and a safe message.

The CLI prints ``message`` on one line (traceback only with ``--debug``); the API turns the
same error into JSON with ``status``. Nothing else in the code decides how errors look.
"""

from __future__ import annotations

from typing import ClassVar


class MinewatchError(Exception):
    """Base of every error a user may see."""

    code: ClassVar[str] = "error"
    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, object]:
        """JSON body for the API."""
        return {"code": self.code, "status": self.http_status, "message": self.message}


class ConfigError(MinewatchError):
    """A setting is missing or invalid."""

    code = "config"
    exit_code = 78


class InputError(MinewatchError):
    """User input (a file, a flag, a request field) is unusable."""

    code = "invalid_input"
    http_status = 422
    exit_code = 65


class DocumentError(InputError):
    """A document cannot be read; the message names the file and the reason."""

    code = "bad_document"

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class NotFoundError(MinewatchError):
    """A requested object does not exist."""

    code = "not_found"
    http_status = 404
    exit_code = 66


class DatabaseError(MinewatchError):
    """The database cannot be reached or is not initialised."""

    code = "database"
    http_status = 503
    exit_code = 69
