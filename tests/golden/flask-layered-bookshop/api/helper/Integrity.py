"""Translate broken constraints into domain errors (unique -> 409, foreign key -> 422 or 409)."""

from helper.DBSession import IntegrityError
from helper.execution_tracking.APIException import AppError, ConflictError, InvalidReferenceError


def integrity_error(error: IntegrityError, *, resource: str, deleting: bool = False) -> AppError:
    """The domain error for a failed write; the driver's text stays out of the response."""
    if error.constraint == "foreign_key":
        if deleting:
            return ConflictError(f"{resource} is still referenced by other records")
        return InvalidReferenceError(f"{resource} references a record that does not exist")
    if error.constraint == "unique":
        fields = ", ".join(error.columns) or "the same unique value"
        return ConflictError(
            f"a {resource} with this {fields} already exists",
            details=[{"field": column, "type": "unique"} for column in error.columns],
        )
    return ConflictError(f"{resource} violates a database constraint")
