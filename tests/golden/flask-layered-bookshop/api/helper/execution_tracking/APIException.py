"""Domain errors: raised by services and repositories, turned into HTTP in one place (handlers)."""


class AppError(Exception):
    """Base of every expected failure; `code` is the stable, machine-readable name."""

    code = "error"

    def __init__(self, message: str, *, details: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFoundError(AppError):
    code = "not_found"


class ConflictError(AppError):
    code = "conflict"


class InvalidReferenceError(AppError):
    code = "invalid_reference"


class APIException(AppError):  # noqa: N818  (BackAnt's name)
    """BackAnt's error type: a message and the status code to answer with.

    `raise APIException("only the owner may do this", status_code=403)` anywhere; the handler
    registered in the app answers it with the one JSON error body. The errors above say what went
    wrong (the handler picks their status); this one says how to answer.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 400,
        code: str = "error",
        details: list[dict[str, object]] | None = None,
    ) -> None:
        super().__init__(message, details=details)
        self.status_code = status_code
        self.code = code
