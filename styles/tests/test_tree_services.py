import pytest

from projects.factories import ProjectFactory
from styles.exceptions import StyleParentOutOfScope, StylePresetHasChildren, StyleTreeCycle, StyleTypeMismatch
from styles.models import StylePreset
from styles.selectors import effective_config
from styles.services import style_preset_create, style_preset_delete, style_preset_move, style_preset_update
from styles.tests.conftest import assert_tree_is_valid, tree_fields
from webtoon.testing import run_concurrently


def create(name, *, parent=None, style_type="image", config=None, project=None):
    return style_preset_create(
        style_type=style_type, name=name, label=name.title(), parent=parent, style_config=config or {}, project=project
    )


@pytest.fixture
def chain(db):
    """root -> comic -> manhwa -> night, four levels."""
    root = create("t-root", config={"prompt": {"prefix": "ink", "suffix": "clean"}, "palette": ["#000000"], "seed": 1})
    comic = create("t-comic", parent=root, config={"prompt": {"suffix": "bold"}, "lighting": "flat"})
    manhwa = create("t-manhwa", parent=comic, config={"palette": ["#111111", "#eeeeee"], "line": {"outline_px": 3}})
    night = create("t-night", parent=manhwa, config={"lighting": "moonlight", "line": {"detail_px": 1}})
    return root, comic, manhwa, night


@pytest.mark.django_db
class TestEffectiveConfig:
    def test_it_deep_merges_a_four_level_chain_child_winning_and_lists_replacing(self, chain):
        *_, night = chain

        assert effective_config(night) == {
            "prompt": {"prefix": "ink", "suffix": "bold"},
            "palette": ["#111111", "#eeeeee"],
            "seed": 1,
            "lighting": "moonlight",
            "line": {"outline_px": 3, "detail_px": 1},
        }

    def test_a_root_is_its_own_config(self, chain):
        root, *_ = chain

        assert effective_config(root) == root.style_config


@pytest.mark.django_db
class TestCreate:
    def test_it_refuses_a_parent_of_another_style_type_and_writes_nothing(self, chain):
        root, *_ = chain
        before = StylePreset.objects.count()

        with pytest.raises(StyleTypeMismatch, match="story style cannot inherit"):
            create("t-story", parent=root, style_type="story")

        assert StylePreset.objects.count() == before

    def test_it_refuses_a_parent_from_another_project(self, db):
        foreign = create("t-foreign", project=ProjectFactory())

        with pytest.raises(StyleParentOutOfScope):
            create("t-mine", parent=foreign, project=ProjectFactory())

        assert not StylePreset.objects.filter(name="t-mine").exists()

    def test_a_project_preset_may_inherit_from_a_global_one(self, chain):
        root, *_ = chain
        project = ProjectFactory()

        child = create("t-ours", parent=root, project=project, config={"lighting": "dusk"})

        assert effective_config(child)["prompt"]["prefix"] == "ink"
        assert_tree_is_valid()


@pytest.mark.django_db
class TestMove:
    def test_it_refuses_to_move_a_preset_under_its_own_descendant(self, chain):
        root, comic, manhwa, night = chain
        before = tree_fields()

        with pytest.raises(StyleTreeCycle, match="cycle"):
            style_preset_move(preset=comic, parent=night)

        assert tree_fields() == before

    def test_it_refuses_to_move_a_preset_under_itself(self, chain):
        _, comic, *_ = chain

        with pytest.raises(StyleTreeCycle):
            style_preset_move(preset=comic, parent=comic)

    def test_it_refuses_a_new_parent_of_another_style_type(self, chain):
        _, _, manhwa, _ = chain
        story_root = create("t-story-root", style_type="story")

        with pytest.raises(StyleTypeMismatch):
            style_preset_move(preset=manhwa, parent=story_root)

        manhwa.refresh_from_db()
        assert manhwa.parent.name == "t-comic"

    def test_a_moved_subtree_inherits_from_its_new_parent(self, chain):
        root, comic, manhwa, night = chain
        other = create("t-other", config={"prompt": {"prefix": "pencil"}})

        style_preset_move(preset=manhwa, parent=other)

        night.refresh_from_db()
        assert [node.name for node in night.get_ancestors()] == ["t-other", "t-manhwa"]
        assert effective_config(night)["prompt"] == {"prefix": "pencil"}
        assert_tree_is_valid()

    def test_a_preset_can_become_a_root_and_join_a_tree_again(self, chain):
        root, comic, manhwa, night = chain

        style_preset_move(preset=manhwa, parent=None)
        assert_tree_is_valid()
        style_preset_move(preset=StylePreset.objects.get(pk=manhwa.pk), parent=root)

        assert StylePreset.objects.get(pk=night.pk).get_ancestors().count() == 2
        assert_tree_is_valid()

    def test_update_moves_through_the_same_checks_and_saves_plain_fields(self, chain):
        root, comic, manhwa, night = chain

        style_preset_update(preset=night, data={"parent": root, "label": "Night", "style_config": {"x": 1}})

        night = StylePreset.objects.get(pk=night.pk)
        assert (night.parent_id, night.label, night.style_config) == (root.pk, "Night", {"x": 1})
        assert_tree_is_valid()


@pytest.mark.django_db
class TestDelete:
    def test_it_refuses_to_delete_a_preset_with_children(self, chain):
        _, comic, *_ = chain

        with pytest.raises(StylePresetHasChildren, match="t-manhwa"):
            style_preset_delete(preset=comic)

        assert StylePreset.objects.filter(pk=comic.pk).exists()

    def test_it_deletes_a_leaf_and_keeps_the_tree_valid(self, chain):
        *_, night = chain

        style_preset_delete(preset=night)

        assert not StylePreset.objects.filter(pk=night.pk).exists()
        assert_tree_is_valid()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestConcurrentWriters:
    def test_concurrent_inserts_moves_and_new_roots_leave_valid_trees(self):
        root = create("c-root")
        branches = [create(f"c-branch-{index}", parent=root) for index in range(2)]

        def work(index):
            for step in range(6):
                if index % 3 == 0:
                    create(f"c-root-{index}-{step}")
                else:
                    parent = StylePreset.objects.get(pk=branches[step % 2].pk)
                    leaf = create(f"c-leaf-{index}-{step}", parent=parent)
                    style_preset_move(preset=leaf, parent=StylePreset.objects.get(pk=branches[(step + 1) % 2].pk))

        run_concurrently(6, work)

        assert StylePreset.objects.get(pk=root.pk).get_descendant_count() == 2 + 4 * 6
        assert_tree_is_valid()
