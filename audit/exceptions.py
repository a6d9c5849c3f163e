from webtoon.exceptions import ApplicationError


class AuditTrailImmutable(ApplicationError):
    """An attempt to change or delete an audit row: the trail is append-only."""

    code = "audit_trail_immutable"
