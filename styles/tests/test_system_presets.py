import re

import pytest

from styles.models import StylePreset
from styles.selectors import effective_config
from styles.tests.conftest import assert_tree_is_valid

HEX = re.compile(r"^#[0-9a-f]{6}$")

IMAGE_STYLES = {
    "soft-webtoon",
    "dramatic-manhwa",
    "film-noir",
    "watercolour",
    "chibi-comedy",
    "action-ink",
    "pastel-romance",
    "horror-dread",
}


@pytest.mark.django_db
class TestTheDataMigration:
    def test_it_ships_eight_image_styles_and_three_story_styles_as_global_system_presets(self):
        system = StylePreset.objects.filter(is_system=True)

        assert set(system.filter(style_type="image").values_list("name", flat=True)) >= IMAGE_STYLES
        assert system.filter(style_type="story", parent__isnull=False).count() >= 3
        assert not system.filter(project__isnull=False).exists()

    def test_soft_webtoon_is_the_image_default(self):
        assert StylePreset.objects.get(style_type="image", is_default=True).name == "soft-webtoon"

    def test_every_preset_resolves_to_a_complete_config(self):
        for preset in StylePreset.objects.filter(is_system=True):
            config = effective_config(preset)

            assert {"prompt", "palette", "line_weight", "lighting", "negative_prompt"} <= set(config), preset.name
            assert config["negative_prompt"], preset.name
            assert all(HEX.match(colour) for colour in config["palette"].values()), preset.name

    def test_some_presets_inherit_from_a_base(self):
        chibi = StylePreset.objects.get(name="chibi-comedy")

        assert [node.name for node in chibi.get_ancestors()] == ["webtoon-base", "soft-webtoon"]
        assert effective_config(chibi)["rendering"]["shading"] == "cel"  # only the base says so

    def test_the_trees_are_exactly_what_a_rebuild_computes(self):
        assert_tree_is_valid()
