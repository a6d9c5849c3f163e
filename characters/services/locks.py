"""The "exactly one" rules of a character (one default variant, one primary reference image, one
active variant per story), kept by writers that serialise on the character row."""

from django.db.models import QuerySet

from characters.models import Character


def character_lock(character_id) -> Character:
    """Lock the character row; call inside atomic.

    The flags are guarded by partial unique constraints; two writers flipping one at once (two
    uploads each seeing no primary, two activations each clearing then setting) would otherwise
    end with a constraint error or with no row flagged. Every flag write of a character takes
    this lock first.
    """
    return Character.objects.select_for_update().get(pk=character_id)


def flag_exclusively(rows: QuerySet, *, pk, field: str) -> None:
    """Set `field` on row `pk` and clear it on the other `rows`. Clears first: the partial unique
    constraints are checked row by row, not at commit."""
    rows.filter(**{field: True}).exclude(pk=pk).update(**{field: False})
    rows.model.objects.filter(pk=pk).update(**{field: True})


def delete_and_hand_over(rows: QuerySet, *, pk, field: str, heirs_by: list) -> None:
    """Delete row `pk` of `rows`; if it held `field`, the first remaining row by `heirs_by` takes it."""
    held = rows.filter(pk=pk, **{field: True}).exists()
    rows.filter(pk=pk).delete()
    if held:
        heir = rows.order_by(*heirs_by).first()
        if heir is not None:
            rows.model.objects.filter(pk=heir.pk).update(**{field: True})
