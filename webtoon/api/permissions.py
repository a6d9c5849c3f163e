"""Who may do what: membership of the row's project decides, roles viewer < editor < owner.

Reads need no check here: every queryset is already limited to the user's projects (and the
global rows), so a row of someone else's project is a 404 before any permission is asked.
Writes need the view's `write_role` in the row's project; rows with no project (global actors,
system presets, shared environments) are written by staff only.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class ProjectRolePermission(BasePermission):
    message = "Your role in this project does not allow this change."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        parent = view.get_parent()  # a parent the user cannot see is a 404 here
        if request.method in SAFE_METHODS or parent is None or view.detail:
            return True
        return view.can_write(view.parent_project_id(parent))

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return view.can_write(view.project_id_of(obj))
