"""Exactly-one rules under real concurrent writers (PostgreSQL row locks)."""

import pytest

from characters.models import CharacterReferenceImage, CharacterVariant
from characters.services import (
    character_cast_into_story,
    character_reference_image_add,
    character_variant_activate,
    character_variant_create,
    character_variant_set_default,
)
from projects.factories import StoryFactory
from webtoon.testing import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_activations_leave_one_active_variant_and_one_default():
    story = StoryFactory()
    mina = character_cast_into_story(story=story, name="Mina")
    looks = [character_variant_create(character=mina, variant_name=f"Look {n}", story=story) for n in range(6)]

    def work(index):
        look = looks[index]
        for _ in range(3):
            character_variant_activate(variant=look, story=story)
            character_variant_set_default(variant=look)

    run_concurrently(len(looks), work)

    assert CharacterVariant.objects.filter(character=mina, story=story, is_active_for_story=True).count() == 1
    assert CharacterVariant.objects.filter(character=mina, is_default=True).count() == 1


def test_concurrent_first_uploads_make_exactly_one_primary():
    mina = character_cast_into_story(story=StoryFactory(), name="Mina")

    run_concurrently(
        6, lambda index: character_reference_image_add(character=mina, image_url=f"http://93.184.216.34/{index}.png")
    )

    assert CharacterReferenceImage.objects.filter(character=mina).count() == 6
    assert CharacterReferenceImage.objects.filter(character=mina, is_primary=True).count() == 1
