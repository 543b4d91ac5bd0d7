"""One exception hierarchy, mapped to exit codes in one place (see README, "Exit codes")."""


class KGError(Exception):
    """Base of every error the tool reports to a person as one line."""

    exit_code = 1


class InputError(KGError):
    """A document could not be read or understood (names the file and the cause)."""


class StoreError(KGError):
    """The store is missing, locked, corrupt or not one of ours."""


class QueryError(KGError):
    """A SPARQL query failed to parse or run (names the position where known)."""


class ValidationFailed(KGError):
    """The store does not conform to the SHACL shapes."""


class UsageError(KGError):
    """Wrong usage of a command."""

    exit_code = 2
