"""Rules that keep a new story's content whole on its way into panels, bubbles and storyboards."""

import re

import pytest

from artifacts.pipeline.qc import qc_report
from artifacts.pipeline.rules.planning import (
    _fit,
    _pictured,
    _split_long,
    dialogue_bubbles,
    panel_plan,
    panel_semantics,
    scene_intent,
)
from artifacts.pipeline.rules.script import _location, split_scenes, write_script
from artifacts.providers.images.panels import draw_panel


def _brief(paragraphs: list[tuple[str, list[tuple[str, str]]]]) -> dict:
    beats, lines = [], []
    for index, (description, spoken) in enumerate(paragraphs):
        beats.append(
            {
                "beat_index": index,
                "description": description,
                "importance": "medium",
                "weight": 0.45,
                "characters": sorted({speaker for speaker, _ in spoken}),
            }
        )
        lines.extend(
            {"speaker": speaker, "text": text, "kind": "speech", "panel_index": None} for speaker, text in spoken
        )
    return {"title": "A test", "beats": beats, "lines": lines, "location": "", "time_of_day": ""}


def test_a_long_spoken_sentence_is_split_into_balloons_without_losing_a_word():
    sentence = (
        "She told me that if the ferry never came back before the storm, I should burn every letter "
        "in the blue box and leave town"
    )

    balloons = _split_long([{"speaker": "CHAR_A", "text": sentence, "kind": "speech"}])

    assert len(balloons) >= 2
    assert " ".join(balloon["text"] for balloon in balloons) == sentence
    assert all("…" not in balloon["text"] and len(balloon["text"].split()) <= 15 for balloon in balloons)


def test_merging_panels_down_to_the_limit_keeps_every_line_of_dialogue():
    paragraphs = [
        (
            f'"Line {index} of the quarrel," Ada said. She turned to the door.',
            [("CHAR_A", f"Line {index} of the quarrel")],
        )
        for index in range(20)
    ]

    plan = panel_plan(_brief(paragraphs), {"location": "", "time_of_day": ""})

    spoken = [line["text"] for panel in plan["panels"] for line in panel["dialogue"]]
    assert len(plan["panels"]) == 12
    assert spoken == [f"Line {index} of the quarrel" for index in range(20)]


def test_silent_panels_are_merged_before_panels_that_would_crowd_a_bubble():
    talk = {"weight": 0.3, "characters": [], "narration": "", "focus": "", "shot": "dialogue_medium"}
    quiet = {**talk, "shot": "reaction"}
    panels = [
        {**talk, "dialogue": [{"speaker": "A", "text": "One."}]},
        {**talk, "dialogue": [{"speaker": "B", "text": "Two."}, {"speaker": "A", "text": "Three."}]},
        {**talk, "dialogue": [{"speaker": "B", "text": "Four."}, {"speaker": "A", "text": "Five."}]},
        {**quiet, "weight": 0.5, "dialogue": []},
    ]

    fitted = _fit(panels, 3)

    assert [[line["text"] for line in panel["dialogue"]] for panel in fitted] == [
        ["One."],
        ["Two.", "Three."],
        ["Four.", "Five."],
    ]


def test_every_balloon_of_a_crowded_panel_stays_inside_it_in_reading_order():
    lines = [{"speaker": "CHAR_A", "text": f"Line {index}."} for index in range(5)]
    semantics = {"panels": [{"panel_index": 0, "characters": [], "narration": "", "dialogue": lines}]}

    heights = [bubble["y"] for bubble in dialogue_bubbles(semantics)]

    assert len(heights) == 5
    assert heights == sorted(heights) and all(0 < y < 0.85 for y in heights)


def test_a_long_scene_without_markers_is_cut_where_the_place_changes():
    talk = "\n\n".join(f'"Are we there yet, number {n}?" Ada asked.\n\n"Not yet," Ben said.' for n in range(5))
    text = f"Ada and Ben waited on the bench.\n\n{talk}\n\nIn the kitchen the kettle sang.\n\n{talk}\n"
    quotes = [
        {"start": found.start(), "end": found.end(), "text": found.group(), "speaker": None}
        for found in re.finditer(r'"[^"]+"', text)
    ]
    beats = write_script(text=text, quotes=quotes, characters=[])["beats"]

    scenes = split_scenes(beats=beats, max_scenes=8)["scenes"]

    assert len(scenes) == 2
    kitchen = next(beat["beat_index"] for beat in beats if beat["text"].startswith("In the kitchen"))
    assert scenes[1]["beat_indexes"][0] == kitchen and scenes[1]["location"] == "kitchen"
    assert split_scenes(beats=beats, max_scenes=1)["scenes"][0]["beat_indexes"] == list(range(len(beats)))


CARD = (250, 245, 230)


def test_a_panel_without_figures_keeps_its_label_inside_the_card():
    semantics = {
        "shot": "reaction",
        "framing": "medium_close",
        "characters": [],
        "environment": "a platform",
        "action": "The train burst out of the tunnel into grey morning light, and nobody spoke again",
        "mood_color": "#6d7f8f",
    }

    image = draw_panel(semantics, 800, 480)

    card = [x for x in range(800) if image.getpixel((x, 264)) == CARD]
    left, right = card[0], card[-1]
    assert right - left > 300
    # No ink of the label lies beside the card (the panel's border and captions are far above and below).
    for y in range(150, 380, 2):
        for x in [*range(4, left - 4), *range(right + 5, 796)]:
            assert max(image.getpixel((x, y))) > 60, (x, y)


@pytest.mark.parametrize(
    "opening",
    ["Ten minutes later she parked under the bridge.", "Winter, 1998.", "이십 년 후, 서울.", "1998년 겨울, 작은 마을."],
)
def test_a_time_shift_opening_starts_a_new_scene(opening):
    text = f"Ada waited by the door.\n\n{opening}\n\nThe rain kept falling."

    beats = write_script(text=text, quotes=[], characters=[])["beats"]

    assert [beat["scene_break"] for beat in beats] == [False, True, False]


def test_a_dateline_paragraph_captions_the_establishing_panel_instead_of_a_panel_of_its_own():
    brief = _brief([("1998년 겨울, 강원도의 작은 마을.", []), ("서연은 부엌 문지방에 앉아 있었다.", [])])
    # The script offers a paragraph without dialogue as a narration line.
    brief["lines"].append({"speaker": None, "text": "1998년 겨울, 강원도의 작은 마을.", "kind": "narration"})
    brief["beats"][1]["characters"] = ["CHAR_A"]

    panels = panel_plan(brief, {"location": "마을", "time_of_day": "night"})["panels"]

    assert panels[0]["shot"] == "establishing" and panels[0]["narration"] == "1998년 겨울, 강원도의 작은 마을."
    assert panels[0]["action"] == "마을, night"
    assert [panel["action"] for panel in panels[1:]] == ["서연은 부엌 문지방에 앉아 있었다."]


@pytest.mark.parametrize(
    ("location", "anchor", "environment"),
    [
        ("station", "The station", "station, night"),
        ("마을", "The 마을", "마을, night"),
        ("pier", "A wet pier", "pier, night: A wet pier"),
    ],
)
def test_the_environment_does_not_repeat_an_anchor_that_only_names_the_place(location, anchor, environment):
    brief = {"cast": [], "environment": anchor}
    plan = {
        "panels": [
            {
                "panel_index": 0,
                "shot": "establishing",
                "framing": "extreme_wide",
                "characters": [],
                "action": "",
                "dialogue": [],
                "narration": "",
            }
        ]
    }

    semantics = panel_semantics(brief, {"location": location, "time_of_day": "night", "mood": "calm"}, plan)

    assert semantics["panels"][0]["environment"] == environment


def test_a_first_person_narrators_sentences_caption_silent_panels_within_the_qc_ratios():
    paragraphs = [
        ("I heard the alarm before I saw the guards.", []),
        ("I ran.", []),
        ("The roof door was locked.", []),
        ("My knees hit the gravel hard.", []),
        ("A cat screamed and fled.", []),
        ("나는 골목 끝까지 달렸다.", []),
    ]

    panels = panel_plan(_brief(paragraphs), {"location": "", "time_of_day": ""})["panels"]
    report = qc_report({"panels": [{**panel, "environment": "x"} for panel in panels]}, enforced=False)

    captions = [panel["narration"] for panel in panels if panel["narration"]]
    assert len(captions) == 2
    assert all(caption.startswith(("I ", "My ", "나는 ")) for caption in captions)
    assert not {issue["rule"] for issue in report["issues"]} & {"narration_ratio", "silent_panels"}


def test_a_speech_tag_left_by_a_quote_is_no_panel_action_and_names_no_code():
    brief = _brief(
        [
            ('"You are late," she said.', [("CHAR_B", "You are late")]),
            ('"The bridge was closed," Theo said, pulling off his gloves.', [("CHAR_A", "The bridge was closed")]),
            ('"Get in," said the old woman behind the wheel.', [("CHAR_C", "Get in")]),
        ]
    )
    brief["cast"] = [
        {"code": "CHAR_A", "name": "Theo"},
        {"code": "CHAR_B", "name": "Clara"},
        {"code": "CHAR_C", "name": "the old woman"},
    ]

    panels = panel_plan(brief, {"location": "", "time_of_day": ""})["panels"]
    intent = scene_intent({**brief, "source_text": "", "location": "", "time_of_day": ""})

    assert [panel["action"] for panel in panels] == [
        "Clara speaking",
        "Theo, pulling off his gloves",
        "the old woman behind the wheel",
    ]
    assert "said" not in intent["summary"]


def test_a_scene_cut_from_a_longer_one_stays_where_it_was_unless_it_opens_elsewhere():
    talk = "\n\n".join(f'"Will you sign, number {n}?" Ada asked.\n\n"Never," Ben said.' for n in range(3))
    text = (
        f"The office smelled of polish.\n\n{talk}\n\nAda looked away. Outside, a tractor rumbled past on the road."
        f"\n\n{talk}\n"
    )
    quotes = [
        {"start": found.start(), "end": found.end(), "text": found.group(), "speaker": None}
        for found in re.finditer(r'"[^"]+"', text)
    ]

    scenes = split_scenes(beats=write_script(text=text, quotes=quotes, characters=[])["beats"], max_scenes=8)["scenes"]

    assert len(scenes) == 2
    assert [scene["location"] for scene in scenes] == ["office", "office"]


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [("월요일 아침, 회의실 공기는 차가웠다.", "회의실"), ("In the waiting room the clock ticked.", "waiting room")],
)
def test_common_rooms_are_places(paragraph, place):
    assert _location(paragraph) == place


@pytest.mark.parametrize(
    ("paragraph", "pictured"),
    [
        ("Ben put a hand on his sister's shoulder. \"He'll come.\"", ["Ben put a hand on his sister's shoulder."]),
        ("'Run,' she hissed. The dog's bark echoed.", ["she hissed.", "The dog's bark echoed."]),
        ('"Enough," Marcus said from his chair.', ["Marcus from his chair"]),
        ('"Maybe," he muttered, and walked out.', ["he walked out"]),
    ],
)
def test_a_panel_pictures_the_words_around_quotes_and_apostrophes_are_no_quotes(paragraph, pictured):
    assert _pictured(paragraph) == pictured


@pytest.mark.parametrize("framing", ["wide", "medium", "medium_close", "close_up"])
def test_two_balloons_of_a_one_figure_panel_cover_neither_each_other_nor_the_figures_label(framing):
    from artifacts.providers.images.storyboard import StoryboardImageProvider
    from episodes.lettering import layout_bubbles

    panel = {
        "panel_index": 0,
        "shot": "dialogue_medium",
        "framing": framing,
        "characters": [{"code": "CHAR_A", "name": "Ada Quill"}],
        "narration": "",
        "dialogue": [
            {"speaker": "CHAR_A", "text": "Where were you last night when the lamp went out?"},
            {"speaker": "CHAR_A", "text": "Answer me. I have been waiting here for hours."},
        ],
    }
    width, height = 800, 600
    (label,) = StoryboardImageProvider().keep_clear(semantics=panel, width=width, height=height)
    box = {"panel_index": 0, "x": 0, "y": 0, "width": width, "height": height}
    clear = [[label[0] / width, label[1] / height, label[2] / width, label[3] / height]]

    first, second = (
        placement.body
        for placement in layout_bubbles(
            dialogue_bubbles({"panels": [panel]}), [{**box, "keep_clear": clear}], size=(width, height)
        )
    )

    def apart(a, b):
        return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]

    assert apart(first, label) and apart(second, label) and apart(first, second)


@pytest.mark.parametrize(
    "sentence",
    [
        "She burst through the fire door and onto the roof.",
        "Kit sprinted past the key rack.",
        "새벽 다섯 시, 수빈은 열쇠를 쥐고 시장 골목을 달렸다.",
        "민재는 계단을 뛰었다.",
        "형사가 그를 쫓았다.",
    ],
)
def test_a_running_beat_is_an_action_shot_even_when_it_names_an_object(sentence):
    from artifacts.pipeline.rules.planning import _shot

    assert _shot(sentence, [], 0.5) == "action"


def test_the_beat_of_silence_after_an_action_reads_as_one_sentence():
    description = "She burst through the fire door, and the rain came down hard on the tin roofs around her."
    brief = {
        "title": "Roof",
        "source_text": description,
        "location": "",
        "time_of_day": "",
        "beats": [{"beat_index": 0, "description": description, "importance": "high", "weight": 0.8, "characters": []}],
        "lines": [],
        "cast": [],
    }

    panels = panel_plan(brief, scene_intent(brief))["panels"]

    (silence,) = [panel for panel in panels if panel["shot"] == "impact_silence"]
    assert silence["action"].startswith("A beat of silence after she burst through")


@pytest.mark.parametrize("framing", ["wide", "medium", "medium_close", "close_up"])
def test_the_labels_of_figures_standing_close_in_a_narrow_panel_do_not_cover_each_other(framing):
    from artifacts.providers.images.panels import figure_label_boxes

    semantics = {
        "shot": "reaction",
        "framing": framing,
        "characters": [{"code": "CHAR_F", "name": "Junho Baek"}, {"code": "CHAR_E", "name": "Subin Lee"}],
    }

    first, second = figure_label_boxes(semantics, 250, 420)

    assert first[2] <= second[0] or second[2] <= first[0] or first[3] <= second[1] or second[3] <= first[1]


def test_the_subject_card_of_an_insert_is_drawn_over_a_close_figure_and_below_its_label():
    from artifacts.providers.images.panels import figure_label_boxes

    semantics = {
        "shot": "object_focus",
        "framing": "extreme_close_up",
        "characters": [{"code": "CHAR_A", "name": "Tess Navarro"}],
        "environment": "a rooftop",
        "action": "She pushed the brass key into the lock of the fire door",
        "mood_color": "#5b3a4a",
    }

    image = draw_panel(semantics, 800, 600)

    column = [y for y in range(600) if image.getpixel((200, y)) == CARD]
    top = column[0]
    assert image.getpixel((400, top + 3)) == CARD
    (label,) = figure_label_boxes(semantics, 800, 600)
    assert label[3] <= top


def test_among_several_figures_a_balloon_stands_over_its_speaker():
    semantics = {
        "panels": [
            {
                "panel_index": 0,
                "characters": [{"code": "CHAR_A"}, {"code": "CHAR_B"}],
                "narration": "",
                "dialogue": [
                    {"speaker": "CHAR_B", "text": "Don't let go."},
                    {"speaker": "CHAR_A", "text": "I won't."},
                ],
            }
        ]
    }

    right, left = dialogue_bubbles(semantics)

    assert right["speaker"] == "CHAR_B" and right["x"] > 0.5 and right["tail_x"] > 0.5
    assert left["speaker"] == "CHAR_A" and left["x"] < 0.5 and left["tail_x"] < 0.5
    assert right["y"] < left["y"]


@pytest.mark.parametrize(
    "paragraph, line",
    [
        ('"Someone chased me all the way here," Nell said.', "Someone chased me all the way here,"),
        ('"누가 쫓아와요." 수빈이 떨리는 목소리로 말했다.', "누가 쫓아와요."),
    ],
)
def test_an_action_only_spoken_of_does_not_make_the_panel_an_action_shot(paragraph, line):
    brief = _brief([(paragraph, [("CHAR_A", line)])])

    panels = panel_plan(brief, scene_intent({**brief, "source_text": paragraph}))["panels"]

    assert [panel["shot"] for panel in panels if panel["dialogue"]] == ["dialogue_medium"]


@pytest.mark.parametrize(
    "paragraph, said, speaker, present",
    [
        (
            '"누가 쫓아와요. 할머니 열쇠를 달래요." 수빈이 말했다.',
            "누가 쫓아와요. 할머니 열쇠를 달래요.",
            "수빈",
            ["수빈"],
        ),
        ('"Father? Where are you?" Mina called into the dark.', "Father? Where are you?", "Mina", ["Mina"]),
        (
            '"Tell Father I said so," Mina said, and Father looked up.',
            "Tell Father I said so,",
            "Mina",
            ["Mina", "Father"],
        ),
    ],
)
def test_a_character_only_spoken_of_in_a_quote_is_not_in_the_beat(paragraph, said, speaker, present):
    start = paragraph.index(said) - 1
    quote = {"start": start, "end": start + len(said) + 2, "text": f'"{said}"', "speaker": speaker}
    cast = [{"name": "Mina"}, {"name": "Father"}, {"name": "수빈"}, {"name": "할머니"}]

    (beat,) = write_script(text=paragraph, quotes=[quote], characters=cast)["beats"]

    assert sorted(beat["characters"]) == sorted(present)


@pytest.mark.parametrize(
    "paragraph, narration, location",
    [
        ('"Ready?" Ada said, stepping into the kitchen.', "Stepping into the kitchen.", "kitchen"),
        ('"Tell him," Mina said, and the lamp went out.', "The lamp went out.", ""),
        ('"No," she said softly. The rain went on.', "The rain went on.", ""),
    ],
)
def test_what_a_speech_tags_sentence_goes_on_to_tell_stays_in_the_narration(paragraph, narration, location):
    end = paragraph.index('"', 1) + 1
    quote = {"start": 0, "end": end, "text": paragraph[:end], "speaker": "Ada"}

    (beat,) = write_script(text=paragraph, quotes=[quote], characters=[{"name": "Ada"}])["beats"]

    assert beat["narration"] == narration and beat["location"] == location


def test_the_opening_sentence_the_establishing_panel_captions_is_not_pictured_again():
    opening = "The next morning the sun came up over the harbor."
    brief = _brief([(f"{opening} Tess and Ruiz sat on the steps of the station.", [])])
    brief["beats"][0]["characters"] = ["CHAR_A", "CHAR_B"]

    panels = panel_plan(brief, {"location": "harbor", "time_of_day": "morning"})["panels"]

    assert panels[0]["shot"] == "establishing" and panels[0]["narration"] == opening
    assert [panel["action"] for panel in panels[1:]] == ["Tess and Ruiz sat on the steps of the station."]


@pytest.mark.parametrize(
    "text, present",
    [
        (
            'Tess ran to the roof.\n\n"Stop her!" a guard shouted.\n\nShe jumped the gap to the next roof.',
            ["Tess"],
        ),
        ("Minho baked all night.\n\nHe fell asleep over the dough.", ["Minho"]),
        ("지호는 골목으로 달렸다.\n\n그는 담을 넘었다.", ["지호"]),
        # A pronoun does not reach back over a scene break.
        ("Tess ran to the roof.\n\n***\n\nShe woke at noon.", []),
    ],
)
def test_a_paragraph_led_by_a_pronoun_shows_the_character_it_points_at(text, present):
    cast = [
        {"name": "Tess", "gender": "female"},
        {"name": "a guard", "gender": "unknown"},
        {"name": "Minho", "gender": "unknown"},
        {"name": "지호", "gender": "unknown"},
    ]
    quotes = (
        [
            {
                "start": text.index('"'),
                "end": text.index('"', text.index('"') + 1) + 1,
                "text": '"Stop her!"',
                "speaker": "a guard",
            }
        ]
        if '"' in text
        else []
    )

    beats = write_script(text=text, quotes=quotes, characters=cast)["beats"]

    assert beats[-1]["characters"] == present
