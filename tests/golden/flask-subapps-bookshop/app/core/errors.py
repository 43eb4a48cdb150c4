"""Domain errors: raised by the sub-apps' utils, translated to HTTP in one place (handlers)."""


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
