import io
import socket

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from artifacts.providers.images import get_image_provider
from characters.exceptions import ReferenceImageInvalid, UnsafeReferenceUrl
from characters.models import CharacterReferenceImage
from characters.services import (
    PROFILE_SHEET_SIZE,
    character_cast_into_story,
    character_profile_sheet_create,
    character_reference_image_add,
    character_reference_image_approve,
    character_reference_image_delete,
    character_reference_image_set_primary,
)
from characters.url_safety import reference_url_validate
from projects.factories import StoryFactory

PUBLIC = "http://93.184.216.34/mina.png"


def resolver(*addresses):
    """A stand-in for socket.getaddrinfo answering with fixed addresses, so no test touches DNS."""

    def resolve(host, port, **kwargs):
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in addresses]

    return resolve


def unresolvable(host, port, **kwargs):
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def png(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return SimpleUploadedFile("face.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def mina(db):
    return character_cast_into_story(story=StoryFactory(), name="Mina", gender="female", hair_description="a red bob")


class TestReferenceUrls:
    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "data:image/png;base64,iVBORw0KGgo=",
            "ftp://images.example.com/a.png",
            "javascript:alert(1)",
            "gopher://93.184.216.34/",
            "//93.184.216.34/a.png",
            "http:///a.png",
            "http://127.0.0.1/x.png",
            "http://10.0.0.5/x.png",
            "http://192.168.1.20/x.png",
            "http://172.16.0.1/x.png",
            "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0/x.png",
            "http://[::1]/x.png",
            "http://[fe80::1]/x.png",
            "http://[::ffff:10.0.0.5]/x.png",
            "http://localhost/x.png",
            "http://LOCALHOST./x.png",
            "http://api.localhost/x.png",
            "http://user:secret@93.184.216.34/x.png",
            "http://93.184.216.34:99999/x.png",
        ],
    )
    def test_it_refuses(self, url):
        with pytest.raises(UnsafeReferenceUrl):
            reference_url_validate(url, resolve=unresolvable)

    @pytest.mark.parametrize("url", ["http://2130706433/x.png", "http://0x7f.1/x.png"])
    def test_numeric_spellings_of_loopback_are_refused_through_the_real_resolver(self, url):
        with pytest.raises(UnsafeReferenceUrl):
            reference_url_validate(url)

    def test_it_refuses_a_hostname_that_resolves_to_a_private_address(self):
        with pytest.raises(UnsafeReferenceUrl, match="private"):
            reference_url_validate("https://cdn.example.com/a.png", resolve=resolver("93.184.216.34", "10.1.2.3"))

    def test_it_refuses_a_hostname_that_does_not_resolve(self):
        with pytest.raises(UnsafeReferenceUrl, match="resolve"):
            reference_url_validate("https://nowhere.example/a.png", resolve=unresolvable)

    @pytest.mark.parametrize("url", [PUBLIC, "https://[2606:4700:4700::1111]/a.png", "  HTTPS://93.184.216.34/a.png "])
    def test_it_accepts_public_http_urls(self, url):
        assert reference_url_validate(url, resolve=unresolvable) == url.strip()

    def test_it_accepts_a_hostname_resolving_to_public_addresses(self):
        url = "https://cdn.example.com/a.png"

        assert reference_url_validate(url, resolve=resolver("93.184.216.34", "2606:2800:220:1::1")) == url


@pytest.mark.django_db
class TestReferenceImages:
    def test_a_refused_url_writes_nothing(self, mina):
        with pytest.raises(UnsafeReferenceUrl):
            character_reference_image_add(character=mina, image_url="http://10.0.0.5/x.png")

        assert not CharacterReferenceImage.objects.exists()

    def test_it_refuses_an_upload_that_is_not_an_image(self, mina):
        with pytest.raises(ReferenceImageInvalid):
            character_reference_image_add(character=mina, image_file=SimpleUploadedFile("x.png", b"not a png"))

        assert not CharacterReferenceImage.objects.exists()

    def test_it_wants_exactly_one_of_url_and_file(self, mina):
        with pytest.raises(ReferenceImageInvalid):
            character_reference_image_add(character=mina, image_url=PUBLIC, image_file=png())
        with pytest.raises(ReferenceImageInvalid):
            character_reference_image_add(character=mina)

    def test_the_first_image_is_the_primary_and_later_ones_are_not(self, mina):
        first = character_reference_image_add(character=mina, image_url=PUBLIC)
        upload = character_reference_image_add(character=mina, image_file=png())

        assert (first.is_primary, upload.is_primary) == (True, False)
        assert upload.image_file.name.startswith("references/")

    def test_make_primary_and_set_primary_keep_exactly_one(self, mina):
        images = [character_reference_image_add(character=mina, image_url=PUBLIC) for _ in range(3)]
        character_reference_image_add(character=mina, image_file=png(), make_primary=True)

        for image in [images[1], images[2], images[2], images[0]]:
            character_reference_image_set_primary(reference_image=image)

        assert list(mina.reference_images.filter(is_primary=True)) == [images[0]]

    def test_approving_marks_the_image_approved(self, mina):
        image = character_reference_image_add(character=mina, image_url=PUBLIC)

        character_reference_image_approve(reference_image=image)

        assert CharacterReferenceImage.objects.get(pk=image.pk).approved

    def test_deleting_the_primary_promotes_the_oldest_approved(self, mina):
        primary = character_reference_image_add(character=mina, image_url=PUBLIC)
        character_reference_image_add(character=mina, image_url=PUBLIC)
        approved = character_reference_image_add(character=mina, image_url=PUBLIC, approved=True)

        character_reference_image_delete(reference_image=primary)

        assert mina.reference_images.get(is_primary=True) == approved


@pytest.mark.django_db
class TestProfileSheet:
    def test_it_stores_a_pending_profile_sheet_png_of_the_expected_size(self, mina):
        sheet = character_profile_sheet_create(character=mina)

        row = CharacterReferenceImage.objects.get(pk=sheet.pk)
        assert (row.ref_type, row.approved, row.is_primary) == ("profile_sheet", False, True)
        assert row.metadata["provider"] == "storyboard"
        assert row.metadata["identity_line"] == mina.identity_line
        with row.image_file.open("rb") as handle, Image.open(handle) as image:
            assert (image.format, image.size) == ("PNG", PROFILE_SHEET_SIZE)

    def test_a_hangul_name_renders(self, db):
        jihoon = character_cast_into_story(story=StoryFactory(), name="김지훈", base_outfit="교복")

        sheet = character_profile_sheet_create(character=jihoon)

        with sheet.image_file.open("rb") as handle, Image.open(handle) as image:
            assert image.size == PROFILE_SHEET_SIZE

    def test_an_unknown_provider_is_a_configuration_error(self, settings):
        settings.IMAGE_PROVIDER = "nonexistent"

        with pytest.raises(ImproperlyConfigured, match="nonexistent"):
            get_image_provider()

    def test_two_characters_get_different_colours_and_one_character_the_same_sheet(self):
        provider = get_image_provider("storyboard")
        draw = lambda code: provider.render_profile_sheet(  # noqa: E731
            code=code, name="Mina", identity_line="A woman.", width=400, height=300
        )

        assert draw("CHAR_A") == draw("CHAR_A")
        assert draw("CHAR_A") != draw("CHAR_B")
