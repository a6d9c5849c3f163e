import uuid

from django.db import models

from webtoon.models import TimeStampedModel, choices_check


class CharacterRole(models.TextChoices):
    PROTAGONIST = "protagonist", "Protagonist"
    ANTAGONIST = "antagonist", "Antagonist"
    SECONDARY = "secondary", "Secondary"
    SUPPORTING = "supporting", "Supporting"
    MINOR = "minor", "Minor"
    NARRATOR = "narrator", "Narrator"


class CharacterGender(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    NON_BINARY = "non_binary", "Non-binary"
    UNKNOWN = "unknown", "Unknown"


class CharacterAgeRange(models.TextChoices):
    CHILD = "child", "Child"
    TEEN = "teen", "Teen"
    YOUNG_ADULT = "young_adult", "Young adult"
    ADULT = "adult", "Adult"
    MIDDLE_AGED = "middle_aged", "Middle-aged"
    ELDERLY = "elderly", "Elderly"
    UNKNOWN = "unknown", "Unknown"


class Character(TimeStampedModel):
    Role = CharacterRole

    Gender = CharacterGender

    AgeRange = CharacterAgeRange

    character_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # NULL project: a global actor of the library, reusable in every project.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="characters"
    )
    canonical_code = models.CharField(max_length=16, blank=True, default="")
    name = models.CharField(max_length=200)
    display_name = models.CharField(max_length=200, blank=True, default="")
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True, default="")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.SECONDARY)
    gender = models.CharField(max_length=16, choices=Gender.choices, default=Gender.UNKNOWN)
    age_range = models.CharField(max_length=16, choices=AgeRange.choices, default=AgeRange.UNKNOWN)
    appearance = models.JSONField(default=dict, blank=True)
    hair_description = models.CharField(max_length=300, blank=True, default="")
    base_outfit = models.CharField(max_length=300, blank=True, default="")
    identity_line = models.TextField(blank=True, default="")
    is_library_saved = models.BooleanField(default=False)
    approved = models.BooleanField(default=False)
    # The library actor a project character was cast from (keeps its look); gone actors unlink.
    source_actor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="castings")

    class Meta:
        db_table = "characters"
        ordering = ["project", "canonical_code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "canonical_code"],
                condition=models.Q(project__isnull=False),
                name="characters_project_code_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(project__isnull=True) | models.Q(canonical_code__regex=r"^CHAR_[A-Z]+$"),
                name="characters_canonical_code_format",
            ),
            choices_check(table="characters", field="role", choices=CharacterRole),
            choices_check(table="characters", field="gender", choices=CharacterGender),
            choices_check(table="characters", field="age_range", choices=CharacterAgeRange),
        ]
        indexes = [models.Index(fields=["project", "name"], name="characters_project_name_idx")]

    def __str__(self):
        label = self.display_name or self.name
        return f"{self.canonical_code} {label}" if self.canonical_code else label


class StoryCharacter(TimeStampedModel):
    """A character appearing in a story.

    The spec keys this table by (story_id, character_id); it is enforced here by a unique
    constraint beside a surrogate UUID key, because the admin, DRF and the audit trail
    (entity_id is one UUID) all need a single-column key.
    """

    story_character_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey("projects.Story", on_delete=models.CASCADE, related_name="story_characters")
    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="story_links")

    class Meta:
        db_table = "story_characters"
        ordering = ["story", "character"]
        constraints = [
            models.UniqueConstraint(fields=["story", "character"], name="story_characters_story_character_unique")
        ]

    def __str__(self):
        return f"{self.character} in {self.story}"


class ReferenceImageType(models.TextChoices):
    FACE = "face", "Face"
    FULL_BODY = "full_body", "Full body"
    PROFILE_SHEET = "profile_sheet", "Profile sheet"
    EXPRESSION = "expression", "Expression"
    OUTFIT = "outfit", "Outfit"
    OTHER = "other", "Other"


class CharacterReferenceImage(TimeStampedModel):
    RefType = ReferenceImageType

    reference_image_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="reference_images")
    image_url = models.CharField(max_length=2048, blank=True, default="")
    image_file = models.ImageField(upload_to="references/%Y/%m/", blank=True, default="")
    ref_type = models.CharField(max_length=16, choices=RefType.choices, default=RefType.FACE)
    approved = models.BooleanField(default=False)
    is_primary = models.BooleanField(default=False)
    metadata = models.JSONField(default=dict, blank=True, db_column="metadata_")

    class Meta:
        db_table = "character_reference_images"
        ordering = ["character", "-is_primary", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["character"],
                condition=models.Q(is_primary=True),
                name="character_reference_images_one_primary",
            ),
            choices_check(table="character_reference_images", field="ref_type", choices=ReferenceImageType),
        ]

    def __str__(self):
        return f"{self.get_ref_type_display()} of {self.character}"


class VariantType(models.TextChoices):
    BASE = "base", "Base"
    OUTFIT_CHANGE = "outfit_change", "Outfit change"
    MOOD_CHANGE = "mood_change", "Mood change"
    AGE_CHANGE = "age_change", "Age change"
    INJURY = "injury", "Injury"
    DISGUISE = "disguise", "Disguise"
    OTHER = "other", "Other"


class CharacterVariant(TimeStampedModel):
    VariantType = VariantType

    variant_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="variants")
    # NULL story: a global variant of the character, usable in any story.
    story = models.ForeignKey(
        "projects.Story", on_delete=models.CASCADE, null=True, blank=True, related_name="character_variants"
    )
    variant_type = models.CharField(max_length=16, choices=VariantType.choices, default=VariantType.BASE)
    variant_name = models.CharField(max_length=200)
    traits = models.JSONField(default=dict, blank=True)
    override_attributes = models.JSONField(default=dict, blank=True)
    reference_image = models.ForeignKey(
        CharacterReferenceImage, on_delete=models.SET_NULL, null=True, blank=True, related_name="variants"
    )
    generated_image_ids = models.JSONField(default=list, blank=True)
    is_default = models.BooleanField(default=False)
    is_active_for_story = models.BooleanField(default=False)

    class Meta:
        db_table = "character_variants"
        ordering = ["character", "-is_default", "variant_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["character"],
                condition=models.Q(is_default=True),
                name="character_variants_one_default",
            ),
            models.UniqueConstraint(
                fields=["character", "story"],
                condition=models.Q(is_active_for_story=True),
                name="character_variants_one_active_per_story",
            ),
            choices_check(table="character_variants", field="variant_type", choices=VariantType),
        ]
        indexes = [
            models.Index(fields=["story", "is_active_for_story"], name="character_variants_story_idx"),
        ]

    def __str__(self):
        return f"{self.variant_name} ({self.character})"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class CharacterVariantSuggestion(TimeStampedModel):
    Status = SuggestionStatus

    suggestion_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey("projects.Story", on_delete=models.CASCADE, related_name="variant_suggestions")
    character = models.ForeignKey(Character, on_delete=models.CASCADE, related_name="variant_suggestions")
    variant_type = models.CharField(max_length=16, choices=CharacterVariant.VariantType.choices)
    override_attributes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True, default="")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)

    class Meta:
        db_table = "character_variant_suggestions"
        ordering = ["story", "character", "created_at"]
        constraints = [
            choices_check(
                table="character_variant_suggestions",
                field="variant_type",
                choices=CharacterVariant.VariantType,
            ),
            choices_check(table="character_variant_suggestions", field="status", choices=SuggestionStatus),
        ]

    def __str__(self):
        return f"{self.get_variant_type_display()} for {self.character}"
