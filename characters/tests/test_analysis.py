"""The offline analyzer on short invented passages, one rule per test. No database needed."""

from __future__ import annotations

import pytest

from characters.analysis import Analyzer, analyze
from characters.analysis.models import GENDERS, QUOTE_KINDS, ROLES


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def speakers(analysis) -> list[str | None]:
    return [quote.speaker for quote in analysis.quotes if not quote.nested]


def names(analysis) -> set[str]:
    found = set()
    for character in analysis.characters:
        found.add(character.name)
        found.update(character.aliases)
    return found


def character(analysis, name: str):
    return next(c for c in analysis.characters if c.name == name or name in c.aliases)


# --- quotes --------------------------------------------------------------------------------


def test_quote_offsets_include_the_marks(analyzer):
    text = 'Tessa Vale opened the door. "Come in," said Tessa.'
    quote = analyzer.analyze(text).quotes[0]
    assert (quote.start, quote.end) == (28, 38)
    assert text[quote.start : quote.end] == '"Come in,"'
    assert quote.kind == "speech"


def test_curly_and_straight_double_quotes_are_both_found(analyzer):
    text = '“Left,” said Tessa.\n\n"Right," said Tessa.'
    assert [quote.text for quote in analyzer.analyze(text).quotes] == ["“Left,”", '"Right,"']


def test_apostrophes_are_not_quotes(analyzer):
    text = "Tessa didn't know it was Marcus' boat. The Jameses' dog barked at Tessa's cat, and Marcus laughed."
    assert analyzer.analyze(text, "en").quotes == []


def test_single_quotes_mark_a_thought_inside_narration(analyzer):
    text = "Tessa Vale looked at the sea. ‘He won't come back,’ she thought. Tessa turned away."
    quotes = analyzer.analyze(text).quotes
    assert [(quote.text, quote.kind) for quote in quotes] == [("‘He won't come back,’", "thought")]


def test_a_quote_running_over_paragraphs_spans_them_all(analyzer):
    text = (
        'Tessa Vale stood up. "I have three things to say.\n\n'
        '"First, the tide is rising.\n\n'
        '"Second, the boat is gone."\n\n'
        "Nobody answered Tessa."
    )
    quotes = analyzer.analyze(text).quotes
    assert len(quotes) == 1
    assert quotes[0].start == text.index('"I have')
    assert quotes[0].end == text.index('gone."') + len('gone."')


def test_a_quote_inside_a_quote_is_nested(analyzer):
    text = "“He told me ‘never again’ and left,” said Tessa Vale."
    quotes = analyzer.analyze(text).quotes
    assert [(quote.text, quote.nested) for quote in quotes] == [
        ("“He told me ‘never again’ and left,”", False),
        ("‘never again’", True),
    ]


# --- English characters ---------------------------------------------------------------------


def test_title_surname_and_given_name_are_one_character(analyzer):
    text = (
        "Captain Ada Reyes walked onto the bridge. Reyes checked the charts twice.\n\n"
        '"Hold the course," said Reyes.\n\n'
        "Ada sat down. The captain was tired, and Captain Reyes knew it."
    )
    analysis = analyzer.analyze(text)
    reyes = character(analysis, "Reyes")
    assert reyes.name == "Captain Ada Reyes"
    assert {"Reyes", "Ada"} <= set(reyes.aliases)
    assert len([c for c in analysis.characters if "Reyes" in c.name or "Reyes" in c.aliases]) == 1


def test_places_days_months_and_holidays_are_not_characters(analyzer):
    text = (
        "On Monday Tessa Vale drove to Boston. In December she flew to Paris for Christmas, and on "
        'Friday she was back in Boston. Tessa hated Boston in December. "See you at Easter," said Tessa.'
    )
    found = names(analyzer.analyze(text))
    assert "Tessa Vale" in found
    assert not found & {"Monday", "Friday", "Boston", "December", "Paris", "Christmas", "Easter"}


def test_sentence_initial_function_words_are_not_characters(analyzer):
    text = (
        "However, Tessa Vale waited. Then Tessa left. When Tessa came back, Nothing had changed. Still, Tessa smiled."
    )
    found = names(analyzer.analyze(text))
    assert not found & {"However", "Then", "When", "Nothing", "Still"}


def test_a_word_always_capitalised_mid_sentence_is_a_name_even_without_a_verb(analyzer):
    text = (
        "The letters came from Orla in the spring. We kept them for Orla and for the Englishmen, "
        "though the Englishmen never wrote back. Nobody but Orla read the Harbour news, and the "
        "harbour was quiet."
    )
    found = names(analyzer.analyze(text))
    assert "Orla" in found
    assert not found & {"Englishmen", "Harbour"}


def test_titles_give_the_gender(analyzer):
    text = "Mrs. Okafor met Mr. Lindqvist at noon. Mrs. Okafor smiled; Mr. Lindqvist did not."
    analysis = analyzer.analyze(text)
    assert character(analysis, "Mrs. Okafor").gender == "female"
    assert character(analysis, "Mr. Lindqvist").gender == "male"


# --- English speakers -----------------------------------------------------------------------


def test_tags_in_both_orders(analyzer):
    text = 'Tessa Vale and Marcus Bell stood at the gate.\n\n"It is late," said Tessa.\n\n"Too late," Marcus said.'
    assert speakers(analyzer.analyze(text)) == ["Tessa Vale", "Marcus Bell"]


def test_a_pronoun_tag_goes_to_the_last_character_of_that_gender(analyzer):
    text = (
        "Mr. Lindqvist opened the shop. Mrs. Okafor came in with a basket.\n\n"
        '"We are closed," he said.\n\n'
        '"Not for me," she said.'
    )
    assert speakers(analyzer.analyze(text)) == ["Mr. Lindqvist", "Mrs. Okafor"]


def test_a_name_inside_the_quote_is_the_addressee_not_the_speaker(analyzer):
    text = (
        "Tessa Vale and Marcus Bell sat by the fire. Tessa poked the logs.\n\n"
        '"Marcus, pass me the kettle," said Tessa.\n\n'
        '"Here, Tessa."'
    )
    assert speakers(analyzer.analyze(text)) == ["Tessa Vale", "Marcus Bell"]


def test_a_tag_two_sentences_after_the_quote(analyzer):
    text = (
        "Tessa Vale and Marcus Bell waited on the pier.\n\n"
        '"The ferry is late." The wind was cold. Marcus said it quietly.'
    )
    assert speakers(analyzer.analyze(text)) == ["Marcus Bell"]


def test_untagged_lines_alternate_between_two_speakers(analyzer):
    text = (
        "Tessa Vale met Marcus Bell at the station.\n\n"
        '"Where were you?" asked Tessa.\n\n'
        '"At the harbour," said Marcus.\n\n'
        '"All night?"\n\n'
        '"All night."'
    )
    assert speakers(analyzer.analyze(text)) == ["Tessa Vale", "Marcus Bell", "Tessa Vale", "Marcus Bell"]


def test_a_three_person_scene_follows_each_tag(analyzer):
    text = (
        "Tessa Vale, Marcus Bell and Mrs. Okafor sat at the table.\n\n"
        '"Pass the bread," said Tessa.\n\n'
        '"There is none left," said Mrs. Okafor.\n\n'
        '"Then I will bake some," Marcus said.\n\n'
        '"You can\'t bake," said Tessa.'
    )
    assert speakers(analyzer.analyze(text)) == ["Tessa Vale", "Mrs. Okafor", "Marcus Bell", "Tessa Vale"]


def test_an_unnamed_speaker_is_known_by_the_description(analyzer):
    text = (
        "Tessa Vale knocked on the cottage door. The old woman opened it slowly.\n\n"
        '"Who sent you?" the old woman asked.\n\n'
        '"Nobody," said Tessa.'
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["the old woman", "Tessa Vale"]
    assert character(analysis, "the old woman").gender == "female"


def test_a_story_with_no_named_character(analyzer):
    text = (
        "The boy ran down to the river. The girl was already there.\n\n"
        '"You are late," the girl said.\n\n'
        '"I had chores," the boy said.'
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["the girl", "the boy"]
    assert {c.name for c in analysis.characters} == {"the girl", "the boy"}


def test_a_first_person_narrator_who_speaks_is_I(analyzer):
    text = (
        "I walked to the harbour at dawn. I was cold, and I was tired of waiting for Marcus Bell.\n\n"
        '"You came," said Marcus.\n\n'
        '"I always do," I said.'
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["Marcus Bell", "I"]
    assert character(analysis, "I").role == "narrator"


def test_the_most_frequent_character_is_the_protagonist(analyzer):
    text = (
        "Tessa Vale woke early. Tessa made tea. Tessa read. Marcus Bell phoned.\n\n"
        '"Hello," said Marcus.\n\n"Hi," said Tessa.'
    )
    analysis = analyzer.analyze(text)
    assert character(analysis, "Tessa Vale").role == "protagonist"
    assert character(analysis, "Marcus Bell").role == "secondary"


# --- Korean ---------------------------------------------------------------------------------


def test_korean_hago_pattern_names_the_speaker(analyzer):
    text = (
        '서윤이는 창밖을 보았다.\n\n"비가 오네."\n\n하고 서윤이가 말했다.\n\n'
        '도현이가 우산을 들었다.\n\n"같이 가자."\n\n하고 도현이가 대답했다.'
    )
    analysis = analyzer.analyze(text)
    assert analysis.lang == "ko"
    assert speakers(analysis) == ["서윤이", "도현이"]


def test_korean_subject_before_a_speech_verb(analyzer):
    text = '서윤은 문을 열었다.\n\n"누구세요?" 서윤이 물었다.\n\n"나야." 도현이 대답했다.\n\n도현은 웃었다.'
    assert speakers(analyzer.analyze(text)) == ["서윤", "도현"]


def test_korean_vocative_marks_the_addressee(analyzer):
    text = (
        "서윤은 마루에 앉아 있었다. 도현은 마당을 쓸었다.\n\n"
        '"도현아, 밥 먹자."\n\n'
        "하고 서윤이 불렀다.\n\n"
        '"응, 곧 갈게."'
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["서윤", "도현"]
    first = analysis.quotes[0]
    assert first.speaker != "도현"


def test_korean_unnamed_speaker_is_a_kinship_word(analyzer):
    text = '아내는 밥상을 차렸다.\n\n"어서 드세요."\n\n하고 아내가 말했다.\n\n남편은 말없이 숟가락을 들었다.'
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["아내"]
    assert character(analysis, "아내").gender == "female"


def test_korean_thoughts_in_single_quotes(analyzer):
    text = "서윤은 하늘을 보았다.\n\n'내일은 맑겠지.'\n\n서윤은 생각했다."
    quotes = analyzer.analyze(text).quotes
    assert [(quote.text, quote.kind) for quote in quotes] == [("'내일은 맑겠지.'", "thought")]


def test_korean_a_surname_alone_names_a_character(analyzer):
    text = (
        "박은 창가에 앉아 있었다. 서윤이 들어왔다.\n\n"
        '"오래 기다렸소?"\n\n하고 박이 물었다.\n\n'
        "박은 담배를 꺼냈다. 서윤은 웃기만 했다."
    )
    analysis = analyzer.analyze(text)
    assert "박" in names(analysis)
    assert speakers(analysis) == ["박"]


def test_korean_whose_voice_speaks_names_the_speaker(analyzer):
    text = (
        "영희는 마루에 앉았다. 철수는 마당에 서 있었다.\n\n"
        "영희의 목소리는 철수에게 가늘게 떨리며,\n\n"
        '"가지 마."\n\n'
        "철수는 대답하지 않았다. 영희는 고개를 숙였다. 철수는 문을 나섰다."
    )
    assert speakers(analyzer.analyze(text)) == ["영희"]


def test_korean_a_latin_initial_names_a_character(analyzer):
    text = 'T가 놀러 왔다. 나는 T를 방으로 불렀다.\n\n"요즘 어떤가?"\n\n하고 T가 물었다.'
    analysis = analyzer.analyze(text)
    assert "T" in names(analysis)
    assert speakers(analysis) == ["T"]


def test_korean_a_title_alone_is_the_one_person_who_carries_it(analyzer):
    text = '김 소사는 마당에 나섰다. 김 소사는 아들을 기다렸다.\n\n"왜 이리 늦느냐."\n\n하고 소사가 중얼거렸다.'
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["김 소사"]
    assert "소사" not in {c.name for c in analysis.characters}


def test_korean_places_are_not_characters(analyzer):
    text = (
        '서윤은 서울에서 부산으로 갔다. 서윤은 부산에 살았다. 부산에서 서윤이 말했다.\n\n"좋다."\n\n하고 서윤이 웃었다.'
    )
    found = names(analyzer.analyze(text))
    assert "서윤" in found
    assert not found & {"서울", "부산"}


# --- the analyzer as a whole ----------------------------------------------------------------


def test_language_is_detected(analyzer):
    assert analyzer.analyze("Tessa Vale smiled.").lang == "en"
    assert analyzer.analyze("서윤은 웃었다.").lang == "ko"


def test_an_unknown_language_code_is_refused(analyzer):
    with pytest.raises(ValueError):
        analyzer.analyze("Bonjour.", lang="fr")


def test_english_text_does_not_load_the_korean_model():
    fresh = Analyzer()
    fresh.analyze('"Hello," said Tessa Vale.')
    assert fresh._kiwi is None


def test_the_result_serialises_to_the_command_shape():
    text = 'Tessa Vale waved. "Hello," said Tessa.'
    result = analyze(text).to_dict()
    assert result == {
        "lang": "en",
        "characters": [{"name": "Tessa Vale", "aliases": ["Tessa"], "gender": "unknown", "role": "protagonist"}],
        "quotes": [{"start": 18, "end": 26, "speaker": "Tessa Vale"}],
    }


def test_genders_roles_and_kinds_stay_within_the_published_values(analyzer):
    text = (
        "I met Mrs. Okafor at the gate. Mrs. Okafor smiled.\n\n"
        '"Late again," said Mrs. Okafor.\n\n'
        '‘She knows,’ I thought. "Sorry," I said.'
    )
    analysis = analyzer.analyze(text)
    assert {c.gender for c in analysis.characters} <= set(GENDERS)
    assert {c.role for c in analysis.characters} <= set(ROLES)
    assert {q.kind for q in analysis.quotes} == set(QUOTE_KINDS)
