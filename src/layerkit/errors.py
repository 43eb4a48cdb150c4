"""One error root: every user mistake is a LayerkitError with a one-line message and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE_ERROR = 2


class LayerkitError(Exception):
    """A mistake the user can fix; the message names the problem and the fix."""

    exit_code = EXIT_USER_ERROR

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class InvalidNameError(LayerkitError):
    """A project, resource or field name that cannot be used."""


class FieldSyntaxError(LayerkitError):
    """A field definition that does not follow the field grammar."""


class SpecError(LayerkitError):
    """A spec file that cannot be read or fails validation (details hold every problem)."""


class NotAProjectError(LayerkitError):
    """The command needs a layerkit project and none was found."""


class ResourceExistsError(LayerkitError):
    """The resource is already part of the project with other fields."""


class UnknownReferenceError(LayerkitError):
    """A ref(...) field names a resource that does not exist."""


class ConflictError(LayerkitError):
    """Files the user changed would be overwritten; nothing was written."""

    def __init__(self, message: str, *, conflicts: list[str]) -> None:
        super().__init__(message, details=conflicts)
        self.conflicts = conflicts


class EditError(LayerkitError):
    """An existing file could not be edited safely (e.g. a registration point is missing)."""
