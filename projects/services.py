"""Writes of projects and their members. Each service owns its transaction."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from projects.exceptions import AlreadyMemberError, LastOwnerError
from projects.models import Project, ProjectMembership, Scene

Role = ProjectMembership.Role


def project_create(*, user: AbstractBaseUser, name: str, description: str = "") -> Project:
    """A new project with `user` as its owner."""
    with transaction.atomic():
        project = Project.objects.create(name=name, description=description)
        ProjectMembership.objects.create(project=project, user=user, role=Role.OWNER)
    return project


def membership_create(*, project: Project, user: AbstractBaseUser, role: str) -> ProjectMembership:
    with transaction.atomic():
        if ProjectMembership.objects.filter(project=project, user=user).exists():
            raise AlreadyMemberError(f"{user} is already a member of this project.", fields={"user": ["taken"]})
        return ProjectMembership.objects.create(project=project, user=user, role=role)


def _lock_owners(project_id) -> int:
    """Lock the project row, then count its owners.

    Two owners demoting or removing each other at the same moment would each see the other still
    owning the project and leave it with none; locking the parent row first serialises them.
    """
    Project.objects.select_for_update().filter(project_id=project_id).first()
    return ProjectMembership.objects.filter(project_id=project_id, role=Role.OWNER).count()


def membership_update(*, membership: ProjectMembership, role: str) -> ProjectMembership:
    with transaction.atomic():
        owners = _lock_owners(membership.project_id)
        membership = ProjectMembership.objects.get(pk=membership.pk)
        if membership.role == Role.OWNER and role != Role.OWNER and owners <= 1:
            raise LastOwnerError("A project keeps at least one owner.", fields={"role": ["last_owner"]})
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    return membership


def membership_delete(*, membership: ProjectMembership) -> None:
    with transaction.atomic():
        owners = _lock_owners(membership.project_id)
        membership = ProjectMembership.objects.get(pk=membership.pk)
        if membership.role == Role.OWNER and owners <= 1:
            raise LastOwnerError("A project keeps at least one owner.")
        membership.delete()


def scene_planning_lock_set(*, scene: Scene, locked: bool) -> Scene:
    """Lock or unlock a scene's planning: a locked scene is never re-planned by the pipeline."""
    with transaction.atomic():
        scene = Scene.objects.select_for_update().get(pk=scene.pk)
        if scene.planning_locked != locked:
            scene.planning_locked = locked
            scene.save(update_fields=["planning_locked", "updated_at"])
    return scene
