"""Make a fresh install usable: an admin login and a first project, printed for the newcomer."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from projects.models import Project, ProjectMembership


class Command(BaseCommand):
    help = "Create the admin login and a demo project if they do not exist, and print the login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--password",
            default=None,
            help="Password for a new admin (default: ADMIN_PASSWORD, else generated and kept in var/).",
        )

    def handle(self, *args, username, password, **options):
        password_file = Path(settings.BASE_DIR) / "var" / "admin-password.txt"
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                password = password or os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
                user = User.objects.create_superuser(username=username, email="", password=password)
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
            project, _ = Project.objects.get_or_create(
                name="Demo project", defaults={"description": "Created by `manage.py bootstrap`."}
            )
            ProjectMembership.objects.get_or_create(
                project=project, user=user, defaults={"role": ProjectMembership.Role.OWNER}
            )
        shown = password_file.read_text().strip() if password_file.exists() else "(the password you set)"
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {shown}"))
