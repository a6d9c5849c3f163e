"""Helpers for the admin tests of every app: staff members of projects, and change-form posts."""

from django import forms

from projects.factories import ProjectMembershipFactory, UserFactory


def staff_member(project, role: str, **user_fields):
    """A staff user (no Django model permissions) with `role` in `project`."""
    user = UserFactory(is_staff=True, **user_fields)
    ProjectMembershipFactory(project=project, user=user, role=role)
    return user


def change_form_data(response) -> dict:
    """What the change page would post back unchanged: the main form and every inline formset."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if isinstance(field, forms.BooleanField):
                if value:
                    data[key] = "on"
                continue
            if value is None:
                continue
            # BoundField.value() is already prepared for the widget (a pk, a JSON text...).
            data[key] = [str(item) for item in value] if isinstance(value, list | tuple) else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data
