"""The offline mood of a scene comes from the words of its action and dialogue, in English and Korean."""

import pytest

from artifacts.pipeline.rules.mood import scene_mood
from artifacts.pipeline.rules.planning import panel_plan, panel_semantics, scene_intent

ROOFTOP_CHASE = (
    "The wind was cold on the rooftop. Theo ran along the ledge, alone, the city lost in fog below. "
    '"Stop right there!" Mara shouted behind him. He jumped the gap between two roofs and kept running.'
)
TENSE_MEETING = (
    "Director Vale smiled thinly across the long table and slid the contract over. "
    '"Sign it, and your brother keeps his job," he said. Iris did not smile back. '
    '"You threatened him," she said, her hands clenched under the table.'
)


@pytest.mark.parametrize(
    "text, mood",
    [
        (ROOFTOP_CHASE, "tense"),
        (TENSE_MEETING, "tense"),
        ('Ben told the joke again and everyone laughed. "Happy birthday, Nell!" they cheered.', "joyful"),
        ('Nell sat by the grave in tears. "I miss you," she whispered, and wept.', "melancholic"),
        ("She poured the tea and wrapped him in a blanket. He hugged her, grateful.", "warm"),
        ("A secret door stood in the library wall, half hidden in shadow.", "mysterious"),
        ("Ada read the paper at the window while the kettle cooled.", "calm"),
        # Denied cues do not count: she is not afraid, and the smile is what is left.
        ("Ada was not afraid of the dark stairs any more. She smiled at the door.", "joyful"),
        # A chase with a laugh in it is still a chase: danger goes before joy on a tie.
        ("Kit laughed as she ran from the guards.", "tense"),
        # "Cried" as a shout is not tears.
        ('"Look out!" Ben cried out, and they ran for the door.', "tense"),
    ],
)
def test_an_english_scene_takes_the_mood_of_its_action_and_dialogue(text, mood):
    assert scene_mood(text) == mood


@pytest.mark.parametrize(
    "text, mood",
    [
        ('옥상 위로 민재가 달렸다. 바람이 차가웠다. "거기 서!" 형사가 소리치며 그를 쫓았다.', "tense"),
        (
            '회의실은 싸늘했다. 강 이사가 웃으며 서류를 밀었다. 유나는 그를 노려보았다. "지금 협박하시는 겁니까?"',
            "tense",
        ),
        ('지우가 농담을 하자 모두 깔깔 웃었다. "하하, 정말 기뻐!"', "joyful"),
        ("수아는 편지를 읽으며 울었다. 눈물이 멈추지 않았다.", "melancholic"),
        # 겨울 and 서울 hold 울 but nobody cries in them; 울리다 is a bell ringing.
        ("겨울 아침, 서울역에 종이 울렸다. 민호는 신문을 읽었다.", "calm"),
        ("할머니가 따뜻한 차를 건네고 손녀를 꼭 껴안았다.", "warm"),
        # Denied: 무섭지 않았다 is no fear.
        ("민아는 이제 어둠이 무섭지 않았다. 그녀는 미소를 지었다.", "joyful"),
        ("도망치던 지호가 뒤를 보며 웃었다.", "tense"),
    ],
)
def test_a_korean_scene_takes_the_mood_of_its_action_and_dialogue(text, mood):
    assert scene_mood(text) == mood


def test_the_scene_intent_and_every_panel_carry_the_mood_the_words_give():
    brief = {
        "title": "Rooftop",
        "source_text": ROOFTOP_CHASE,
        "location": "rooftop",
        "time_of_day": "night",
        "beats": [
            {
                "beat_index": 0,
                "description": ROOFTOP_CHASE,
                "importance": "high",
                "weight": 0.7,
                "characters": ["THEO", "MARA"],
            }
        ],
        "lines": [{"speaker": "MARA", "text": "Stop right there!", "kind": "speech", "panel_index": None}],
        "cast": [{"code": "THEO", "name": "Theo"}, {"code": "MARA", "name": "Mara"}],
    }

    intent = scene_intent(brief)
    semantics = panel_semantics(brief, intent, panel_plan(brief, intent))

    assert intent["mood"] == "tense"
    assert {panel["mood"] for panel in semantics["panels"]} == {"tense"}
    assert {panel["mood_color"] for panel in semantics["panels"]} == {"#5b3a4a"}
