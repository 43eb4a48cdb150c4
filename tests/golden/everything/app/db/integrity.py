"""Translate database integrity errors into domain errors (unique -> 409, foreign key -> 422)."""

from sqlalchemy.exc import IntegrityError

from app.core.errors import AppError, ConflictError, InvalidReferenceError

_UNIQUE = ("unique", "23505")
_FOREIGN_KEY = ("foreign key", "23503")


def integrity_error(error: IntegrityError, *, resource: str, deleting: bool = False) -> AppError:
    """The domain error for a failed write; the driver's text stays out of the response."""
    text = f"{error.orig} {getattr(error.orig, 'sqlstate', '')}".lower()
    if any(marker in text for marker in _FOREIGN_KEY):
        if deleting:
            return ConflictError(f"{resource} is still referenced by other records")
        return InvalidReferenceError(f"{resource} references a record that does not exist")
    if any(marker in text for marker in _UNIQUE):
        return ConflictError(f"a {resource} with the same unique value already exists")
    return ConflictError(f"{resource} violates a database constraint")
