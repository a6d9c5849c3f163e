from webtoon.exceptions import ConflictError


class LastOwnerError(ConflictError):
    code = "last_owner"


class AlreadyMemberError(ConflictError):
    code = "already_member"
