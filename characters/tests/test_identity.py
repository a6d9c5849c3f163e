import pytest

from characters.identity import identity_line_compile


def test_the_same_inputs_in_any_key_order_give_the_same_sentence():
    one = identity_line_compile(
        gender="male", age_range="elderly", appearance={"eyes": "grey", "build": "stocky"}, traits={"mood": "wary"}
    )
    other = identity_line_compile(
        gender="male", age_range="elderly", appearance={"build": "stocky", "eyes": "grey"}, traits={"mood": "wary"}
    )

    assert one == other == "An elderly man; stocky build, grey eyes; wary mood."


@pytest.mark.parametrize(
    ("gender", "age_range", "start"),
    [
        ("female", "child", "A girl"),
        ("male", "teen", "A teenage boy"),
        ("non_binary", "adult", "An androgynous adult"),
        ("unknown", "unknown", "A person"),
        ("female", "middle_aged", "A middle-aged woman"),
    ],
)
def test_the_subject_follows_gender_and_age(gender, age_range, start):
    assert identity_line_compile(gender=gender, age_range=age_range) == f"{start}."


def test_long_values_lists_nested_dicts_and_flags_read_as_phrases():
    line = identity_line_compile(
        gender="female",
        age_range="adult",
        hair_description="a long braid",
        base_outfit="a fisherman's sweater",
        appearance={
            "marks": "a scar over the left brow",
            "accessories": ["a brass compass", "gloves"],
            "injury": {"arm": "bandaged"},
            "freckles": True,
            "scarf": False,
        },
    )

    assert line == (
        "A woman with a long braid, wearing a fisherman's sweater; accessories: a brass compass and gloves,"
        " freckles, bandaged injury arm, marks: a scar over the left brow."
    )
