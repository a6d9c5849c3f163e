from characters.api import views
from webtoon.api.routers import ApiRouter

router = ApiRouter()
router.register(
    views.CharacterViewSet,
    basename="character",
    list_prefix="projects/<uuid:project_id>/characters",
    detail_prefix="characters",
)
router.register(views.ActorViewSet, basename="actor", list_prefix="actors")
router.register(
    views.VariantViewSet,
    basename="variant",
    list_prefix="characters/<uuid:character_id>/variants",
    detail_prefix="variants",
)
router.register(
    views.ReferenceImageViewSet,
    basename="reference-image",
    list_prefix="characters/<uuid:character_id>/reference-images",
    detail_prefix="reference-images",
)
router.register(
    views.VariantSuggestionViewSet,
    basename="variant-suggestion",
    list_prefix="stories/<uuid:story_id>/variant-suggestions",
    detail_prefix="variant-suggestions",
)

urlpatterns = router.urls
