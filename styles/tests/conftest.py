import pytest

from styles.models import StylePreset
from styles.system_presets import install_system_presets


@pytest.fixture
def system_presets(db):
    """The shipped presets, reinstalled when a transactional test elsewhere flushed the tables."""
    install_system_presets(StylePreset)
    return {preset.name: preset for preset in StylePreset.objects.filter(is_system=True)}


def tree_fields():
    """Every node's place; tree ids as dense ranks, since mptt may leave harmless gaps between trees."""
    rows = list(StylePreset.objects.order_by("pk").values_list("pk", "parent_id", "tree_id", "lft", "rght", "level"))
    rank = {tree_id: index for index, tree_id in enumerate(sorted({row[2] for row in rows}))}
    return [(pk, parent, rank[tree_id], lft, rght, level) for pk, parent, tree_id, lft, rght, level in rows]


def assert_tree_is_valid():
    """mptt's own rebuild from parent links reproduces the stored lft/rght/tree_id/level."""
    before = tree_fields()
    StylePreset.objects.rebuild()
    assert tree_fields() == before
