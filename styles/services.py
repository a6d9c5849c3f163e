"""Every write to the StylePreset tree.

django-mptt keeps lft/rght/tree_id denormalised; two writers in one tree at once corrupt them
(STACK.md saw duplicate lft/rght under two workers). So each tree write runs in one transaction
after `select_for_update()` on the root row of every tree it touches. Creating a root, or moving a
node to the root level, renumbers the tree_id of other trees (roots are kept in name order), so
those writes lock the whole forest: every root row, plus an advisory lock on PostgreSQL for the
case where no root exists yet to lock.
"""

from typing import Any

from django.db import connection, transaction

from styles.exceptions import StyleParentOutOfScope, StylePresetHasChildren, StyleTreeCycle, StyleTypeMismatch
from styles.models import StylePreset

# Any constant works; it only has to be the same for every writer of the style forest.
_FOREST_ADVISORY_KEY = 0x5354594C  # "STYL"

_PLAIN_FIELDS = frozenset({"label", "description", "style_config", "is_active", "is_default", "name"})


def _lock_forest() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_FOREST_ADVISORY_KEY])
    list(StylePreset.objects.filter(parent=None).select_for_update().order_by("tree_id").values_list("pk"))


def _lock_trees_of(*nodes: StylePreset) -> list[StylePreset]:
    """Lock the roots of the nodes' trees in tree_id order; return the nodes re-read under the lock.

    A root being created elsewhere may shift tree_ids between our read and our lock; the lock is
    only trusted once the re-read nodes still sit in the trees whose roots we hold.
    """
    while True:
        tree_ids = sorted({node.tree_id for node in StylePreset.objects.filter(pk__in=[n.pk for n in nodes])})
        locked = set(
            StylePreset.objects.filter(parent=None, tree_id__in=tree_ids)
            .select_for_update()
            .order_by("tree_id")
            .values_list("tree_id", flat=True)
        )
        fresh = {node.pk: node for node in StylePreset.objects.filter(pk__in=[n.pk for n in nodes])}
        if {node.tree_id for node in fresh.values()} <= locked:
            return [fresh[node.pk] for node in nodes]


def style_preset_parent_check(
    *, parent: StylePreset, style_type: str, project_id, preset: StylePreset | None = None
) -> None:
    """Raise unless `parent` may be the parent of `preset` (a new one when None). Writes nothing;
    forms call it for early errors, and the services call it again under the lock."""
    moving = preset is not None and preset.pk is not None
    if moving and (parent.pk == preset.pk or parent.is_descendant_of(preset)):
        raise StyleTreeCycle(
            f"'{parent.name}' is '{preset.name}' or one of its descendants; the move would make a cycle.",
            fields={"parent": "cannot be the preset itself or one of its descendants"},
        )
    if parent.style_type != style_type:
        raise StyleTypeMismatch(
            f"A {style_type} style cannot inherit from the {parent.style_type} style '{parent.name}'.",
            fields={"parent": "must have the same style_type"},
        )
    # A system preset may only inherit from global presets; a project's preset from global ones or
    # its own project's, so no project ever sees another's style through inheritance.
    if parent.project_id is not None and parent.project_id != project_id:
        raise StyleParentOutOfScope(
            f"'{parent.name}' belongs to another project and cannot be a parent here.",
            fields={"parent": "must be global or in the same project"},
        )


def style_preset_create(
    *,
    style_type: str,
    name: str,
    label: str,
    project=None,
    parent: StylePreset | None = None,
    description: str = "",
    style_config: dict[str, Any] | None = None,
    is_system: bool = False,
    is_default: bool = False,
    is_active: bool = True,
) -> StylePreset:
    with transaction.atomic():
        if parent is None:
            _lock_forest()
        else:
            (parent,) = _lock_trees_of(parent)
            style_preset_parent_check(parent=parent, style_type=style_type, project_id=getattr(project, "pk", None))
        preset = StylePreset(
            style_type=style_type,
            name=name,
            label=label,
            project=project,
            parent=parent,
            description=description,
            style_config=style_config or {},
            is_system=is_system,
            is_default=is_default,
            is_active=is_active,
        )
        preset.full_clean(exclude=["lft", "rght", "tree_id", "level"])
        preset.save()
    return preset


def style_preset_move(*, preset: StylePreset, parent: StylePreset | None) -> StylePreset:
    """Re-parent `preset` (None: make it a root). Refuses a cycle or a parent of another style_type."""
    with transaction.atomic():
        if parent is None or preset.parent_id is None:
            _lock_forest()
            preset = StylePreset.objects.get(pk=preset.pk)
            parent = StylePreset.objects.get(pk=parent.pk) if parent is not None else None
        else:
            preset, parent = _lock_trees_of(preset, parent)
        if parent is not None:
            style_preset_parent_check(
                parent=parent, style_type=preset.style_type, project_id=preset.project_id, preset=preset
            )
        if preset.parent_id == getattr(parent, "pk", None):
            return preset
        preset.parent = parent
        # mptt moves the subtree on save when the parent changed, placing it by name among siblings.
        preset.save()
    return preset


def style_preset_update(*, preset: StylePreset, data: dict[str, Any]) -> StylePreset:
    """Change plain fields; a `parent` key in `data` moves the preset through `style_preset_move`."""
    unknown = set(data) - _PLAIN_FIELDS - {"parent"}
    if unknown:
        raise ValueError(f"style_preset_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        if "parent" in data:
            preset = style_preset_move(preset=preset, parent=data["parent"])
        plain = {key: value for key, value in data.items() if key in _PLAIN_FIELDS}
        if plain:
            for key, value in plain.items():
                setattr(preset, key, value)
            preset.full_clean(exclude=["lft", "rght", "tree_id", "level", "parent"])
            preset.save(update_fields=[*plain, "updated_at"])
    return preset


def style_preset_delete(*, preset: StylePreset) -> None:
    """Delete a leaf preset; one with children is refused (move or delete them first)."""
    with transaction.atomic():
        (preset,) = _lock_trees_of(preset)
        if not preset.is_leaf_node():
            names = ", ".join(preset.get_children().values_list("name", flat=True))
            raise StylePresetHasChildren(
                f"'{preset.name}' still has children ({names}); move or delete them first.",
                fields={"preset": "has children"},
            )
        preset.delete()
