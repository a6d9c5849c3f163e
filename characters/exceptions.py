from webtoon.exceptions import ApplicationError


class UnsafeReferenceUrl(ApplicationError):
    code = "unsafe_reference_url"


class ReferenceImageInvalid(ApplicationError):
    code = "reference_image_invalid"


class ActorNotInLibrary(ApplicationError):
    code = "actor_not_in_library"


class CharacterOutOfScope(ApplicationError):
    code = "character_out_of_scope"


class VariantOverrideInvalid(ApplicationError):
    code = "variant_override_invalid"


class SuggestionAlreadyDecided(ApplicationError):
    code = "suggestion_already_decided"


class LastVariantRequired(ApplicationError):
    code = "last_variant_required"
