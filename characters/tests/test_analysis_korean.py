"""The Korean reader on short invented passages (one sentence or quote per line, as Korean novels
are often laid out), one rule per test, with the traps that fool simple rules. No database needed."""

from __future__ import annotations

import pytest

from characters.analysis import Analyzer


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def lines(*sentences: str) -> str:
    return "\n\n".join(sentences)


def speakers(analysis) -> list[str | None]:
    return [quote.speaker for quote in analysis.quotes if not quote.nested]


def names(analysis) -> set[str]:
    return {form for character in analysis.characters for form in [character.name, *character.aliases]}


def test_a_tag_without_a_subject_keeps_the_narrations_topic(analyzer):
    # The last person mentioned before the line is 순희, but the tag `하고 소리를 질렀다` has no
    # subject: it continues the sentences about 민수.
    text = lines(
        "민수는 마루 끝에 서 있었다.",
        "민수는 문 앞에 선 순희를 노려보았다.",
        "바람이 차가웠다.",
        '"어서 나가!"',
        "하고 소리를 질렀다.",
        "순희는 고개를 숙였다.",
        '"잘못했어요."',
        "하고 순희가 울먹였다.",
    )
    assert speakers(analyzer.analyze(text)) == ["민수", "순희"]


def test_a_lead_in_without_a_subject_keeps_the_topic(analyzer):
    text = lines(
        "민수는 순희에게 편지를 건넸다.",
        "한참을 망설이다가,",
        '"이것 좀 읽어 줘."',
        "순희는 편지를 받았다.",
    )
    assert speakers(analyzer.analyze(text)) == ["민수"]


def test_the_one_called_in_the_line_is_not_its_speaker(analyzer):
    # `어머니는 바느질을 멈추었다` right after the line would name 어머니, but the line calls her.
    text = lines(
        '"얘야, 밥 먹어라."',
        "하고 어머니가 말했다.",
        '"어머니, 저 잠깐 다녀올게요."',
        "어머니는 바느질을 멈추었다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis)[0] == "어머니"
    assert speakers(analysis)[1] != "어머니"


def test_a_speech_verb_a_sentence_later_names_the_speaker(analyzer):
    text = lines(
        "민수와 순희는 강가를 걸었다.",
        '"물이 많이 불었네."',
        "순희는 강물을 내려다보았다. 그러고는 조용히 말했다.",
        '"건너기는 어렵겠어."',
        "하고 민수가 대답했다.",
    )
    assert speakers(analyzer.analyze(text)) == ["순희", "민수"]


def test_a_three_person_scene_follows_each_tag(analyzer):
    text = lines(
        "민수와 순희와 철호가 방에 모였다.",
        '"누가 먼저 갈래?"',
        "하고 민수가 물었다.",
        '"나는 싫어."',
        "하고 순희가 고개를 저었다.",
        '"그럼 내가 가지."',
        "하고 철호가 일어섰다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["민수", "순희", "철호"]
    assert {"민수", "순희", "철호"} <= names(analysis)


def test_a_story_with_no_named_character(analyzer):
    text = lines(
        "노파는 문간에 앉아 있었다.",
        "소년이 물동이를 이고 지나갔다.",
        '"얘, 물 한 바가지만 다오."',
        "하고 노파가 불렀다.",
        '"예, 할머니."',
        "하고 소년이 대답했다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["노파", "소년"]
    assert names(analysis) == {"노파", "소년"}


def test_a_role_the_narration_follows_and_the_dialogue_calls_is_a_character(analyzer):
    # 누님 never speaks in a tag, but the narration keeps her as its subject and 민수 calls her.
    text = lines(
        "누님은 부엌에서 밥을 짓고 있었다.",
        "누님은 한숨을 쉬었다.",
        "민수가 문을 열고 들어왔다.",
        '"누님, 저 왔어요."',
        "하고 민수가 말했다.",
        '"이제 오니? 어서 먹어라."',
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["민수", "누님"]
    assert "누님" in names(analysis)


def test_a_role_word_the_dialogue_never_calls_stays_out_of_the_cast(analyzer):
    text = lines(
        "아이들이 골목에서 놀았다.",
        "아이들이 소리를 질렀다.",
        "민수는 창문을 닫았다.",
        '"시끄럽구나."',
        "하고 민수가 중얼거렸다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["민수"]
    assert names(analysis) == {"민수"}


def test_a_name_made_of_a_common_noun_is_found_by_its_familiar_ending(analyzer):
    # 복실/구름 read as nouns, but `복실이가`, `구름이는` stack two particles, which only a name's
    # familiar ending 이 allows.
    text = lines(
        "복실이가 마당에서 뛰어놀았다.",
        "구름이는 복실이를 불렀다.",
        '"이리 와!"',
        "하고 구름이가 손짓했다.",
        '"싫어!"',
        "하고 복실이가 대답했다.",
    )
    analysis = analyzer.analyze(text)
    assert {"복실이", "구름이"} <= names(analysis)
    assert speakers(analysis) == ["구름이", "복실이"]


def test_a_name_kiwi_splits_into_noun_and_suffix_is_found_by_its_familiar_ending(analyzer):
    # Kiwi reads 옥경이는 as 옥/NNG + 경/XSN + 이/XSN + 는: a noun that takes the suffix 이 before
    # a particle is a name (고양이, 어린이 are single words). The name is never a tag's subject here.
    text = lines(
        "옥경이는 우물가에서 빨래를 하였다.",
        "옥경이는 빨래를 널고 마루에 앉았다.",
        "민수가 대문을 들어섰다.",
        '"누님 계시오?"',
        "하고 민수가 물었다.",
    )
    analysis = analyzer.analyze(text)
    assert "옥경이" in names(analysis)
    cat = analyzer.analyze(lines("고양이는 마루 밑에 숨었다.", "고양이는 밤이 되어서야 나왔다.", '"나비야!"'))
    assert "고양이" not in names(cat)


def test_sino_korean_kinship_words_name_nameless_speakers_with_their_gender(analyzer):
    # Older narration calls parents 모친/부친 and a stepfather 계부, as tag subjects like 어머니.
    text = lines(
        "민수는 늦게 집에 돌아왔다.",
        '"어디 갔다 이제 오느냐?"',
        "하고 모친이 물었다.",
        '"공부는 해서 무엇하게!"',
        "하고 계부가 소리쳤다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["모친", "계부"]
    genders = {character.name: character.gender for character in analysis.characters}
    assert genders["모친"] == "female"
    assert genders["계부"] == "male"


def test_a_name_kiwi_reads_as_a_common_noun_is_found_by_how_the_narration_treats_it(analyzer):
    # 보배 (a treasure) is a common noun to kiwi; here it is a subject, is given something (에게)
    # and speaks in a tag, so it is a person's name.
    text = lines(
        "보배는 아침부터 마당을 쓸었다.",
        "어머니가 보배에게 물동이를 맡겼다.",
        '"얼른 다녀오너라."',
        "하고 어머니가 일렀다.",
        "보배는 물동이를 이고 나섰다.",
        '"금방 올게요."',
        "하고 보배가 대답하였다.",
    )
    analysis = analyzer.analyze(text)
    assert "보배" in names(analysis)
    assert speakers(analysis) == ["어머니", "보배"]


def test_a_common_noun_the_narration_also_treats_as_a_place_stays_out(analyzer):
    text = lines(
        "바다는 잔잔하였다.",
        "바다에 배가 떴다.",
        "바다에 해가 졌다.",
        "어부는 바다에게 빌었다.",
        '"고기를 주오."',
        "하고 어부가 중얼거렸다.",
        "바다는 대답이 없었다.",
        '"오늘은 없다."',
        "하고 바다가 울었다.",
    )
    assert "바다" not in names(analyzer.analyze(text))


def test_a_name_seen_only_beside_a_relative_is_a_person(analyzer):
    # 봉수 is never a subject nor told anything, but `봉수의 처` and `봉수 아범` make him someone's kin.
    # The narration far from the lines is only skimmed; the relative is read from the text there.
    text = lines(
        "봉수의 처가 빨래를 하고 있었다.",
        '"아범은 어디 갔소?"',
        "하고 민수가 물었다.",
        "봉수의 처는 대답하지 않았다.",
        "봉수 아범은 장에 가고 없었다.",
    )
    assert "봉수" in names(analyzer.analyze(text))
    far = lines(
        "봉수의 처는 일찍 일어났다.",
        "해가 떴다.",
        "바람이 불었다.",
        "봉수의 친구는 마을을 떠났다.",
        "닭이 울었다.",
        "개가 짖었다.",
        '"누구 없소?"',
        "하고 민수가 불렀다.",
    )
    assert "봉수" in names(analyzer.analyze(far))


def test_a_proper_noun_as_often_a_place_as_a_subject_is_no_name(analyzer):
    # 회령 is a subject once and a destination once: a town, not a person.
    text = lines(
        "회령은 국경의 작은 고을이었다.",
        "민수는 밤이 되어서야 회령에 닿았다.",
        '"여기가 어디요?"',
        "하고 민수가 물었다.",
    )
    assert "회령" not in names(analyzer.analyze(text))


def test_the_old_pronoun_geune_is_no_name(analyzer):
    # Older prose says 그네 (she, they) where modern prose says 그녀, 그들.
    text = lines(
        "그네는 문간에 서서 한참을 울었다.",
        "그네는 치마끈으로 눈물을 씻었다.",
        '"인제 가거라."',
        "하고 그네가 말했다.",
    )
    assert "그네" not in names(analyzer.analyze(text))


def test_an_old_person_called_grandmother_is_a_woman(analyzer):
    # 노인 is usually said of a man, but the boy calls this one 할머니 and she answers.
    text = lines(
        "노인은 문간에 앉아 있었다.",
        "소년이 물동이를 이고 지나갔다.",
        '"할머니, 안녕하세요?"',
        "하고 소년이 인사하였다.",
        '"오냐, 어디 가니?"',
        "하고 노인이 물었다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["소년", "노인"]
    assert {character.name: character.gender for character in analysis.characters}["노인"] == "female"
    alone = analyzer.analyze(lines("노인은 문간에 앉아 있었다.", '"어디 가니?"', "하고 노인이 물었다."))
    assert {character.name: character.gender for character in alone.characters}["노인"] == "male"


def test_people_speaking_together_are_one_nameless_character(analyzer):
    text = lines(
        "민수가 장터 한복판에 섰다.",
        '"쌀값을 내려라!"',
        "하고 일꾼들이 외쳤다.",
        '"옳소!"',
        "하고 몇 사람이 맞장구를 쳤다.",
        '"누가 그래?"',
        "하고 사람이 물었다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis)[:2] == ["일꾼들", "몇 사람"]
    # 사람 alone says nothing about who speaks: it is no character.
    assert "사람" not in names(analysis)


def test_a_name_read_once_as_a_name_is_the_same_name_where_kiwi_reads_a_common_noun(analyzer):
    # Kiwi reads 옥경이를 as a name (familiar ending) but 옥경이 나왔다 as 옥경 + 이: one person,
    # mentioned twice, named by the form read as a name.
    text = lines(
        "민수는 옥경이를 불렀다.",
        '"이리 좀 오너라."',
        "하고 민수가 말했다.",
        "옥경이 부엌에서 나왔다.",
        '"왜 불러요?"',
        "하고 누이가 물었다.",
    )
    analysis = analyzer.analyze(text)
    assert "옥경이" in names(analysis)
    assert "옥경" not in names(analysis)


def test_a_noun_with_a_person_suffix_in_a_lead_in_is_a_speaker(analyzer):
    # 게으름뱅이 is in no word list: the suffix 뱅이 makes it a person.
    text = lines(
        "영호는 밭에 나갔다.",
        '"오늘은 비가 오겠군."',
        "하고 영호가 말했다.",
        "게으름뱅이는 하품을 하며,",
        '"나는 좀 더 자겠네."',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["영호", "게으름뱅이"]


def test_a_lead_in_whose_first_clause_hands_over_is_the_next_subjects(analyzer):
    # 민수 is the sentence's topic, but `…나가니까` hands it to 순이, who says the line.
    text = lines(
        "민수는 순이를 기다렸다.",
        "민수는 문을 열고 나가니까 마당에 섰던 순이가,",
        '"어디 가요?"',
        "민수는 대답하지 않았다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["순이"]


def test_a_given_name_the_dialogue_says_twice_with_the_familiar_i_is_a_character(analyzer):
    # 영숙이 is only spoken of; 고양이 also ends in 이 before a particle, but it is a common noun.
    text = lines(
        "철수는 신문을 읽고 있었다.",
        '"영숙이가 시집을 간대요. 고양이가 또 울어요."',
        "하고 아내가 말했다.",
        '"영숙이는 좋겠군. 고양이는 배가 고픈가 보지."',
        "하고 철수가 대답했다.",
    )
    found = names(analyzer.analyze(text, "ko"))
    assert "영숙이" in found and "고양이" not in found and "고양" not in found


def test_a_sentence_saying_whose_voice_it_was_names_the_speaker(analyzer):
    # 송 서방 is the last one mentioned, but `…아씨의 목소리였다` says who spoke.
    text = lines(
        "송 서방은 문밖에서 가만히 엿들었다.",
        '"그런 건 왜 사 준담."',
        "느릿한 아씨의 목소리였다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["아씨"]


def test_a_woman_called_after_a_relative_or_a_place_with_daek_is_a_speaker(analyzer):
    text = lines(
        "경희는 이야기를 하고 있었다.",
        "작은아버지댁은 바느질을 무릎 위에 놓고,",
        '"그래서 어떻게 되었소?"',
        "하고 물었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["작은아버지댁"]


def test_whose_voice_described_at_length_after_a_line_names_its_speaker(analyzer):
    # `굵고도` (an adjective with 도) still describes the voice; 중국인 is a person of a people.
    text = lines(
        "마리아는 창밖을 내다보았다.",
        '"고기 사오."',
        "하는 서투른 말로 외치는 중국인의 굵고도 줄기찬 소리가 골목에서 들려왔다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["중국인"]


def test_the_voice_of_a_saram_a_noun_says_which_names_someone_nameless(analyzer):
    # 만수 is the one the narration is about; the voice is a stranger's, a 조선 사람.
    text = lines(
        "만수는 구석에 숨어 숨을 죽였다.",
        '"문을 열어라."',
        "이번에는 조선 사람의 소리가 들리면서 방문을 들입다 찬다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["조선 사람"]


def test_the_subject_of_a_clause_made_a_noun_is_not_the_sentences(analyzer):
    # 아내가 is the first subject, but of `아내가 인사하는 것`; the sentence is about 처형.
    text = lines(
        "아내는 바느질을 하고 있었다.",
        '"형님 오셔요."',
        "하고 아내가 말했다.",
        "아내가 인사하는 것도 들은 체 만 체하고 처형은 또 이야기를 꺼냈다.",
        '"오늘 종로에 나가서 옷감을 샀지."',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["아내", "처형"]


def test_the_relative_of_a_name_kiwi_reads_as_a_common_noun_is_known_by_that_name(analyzer):
    # 보배 is a common noun to kiwi, but the narration makes it a name; `보배의 어머니` is then
    # 보배's mother, not one more 어머니.
    text = lines(
        "보배는 아침부터 마당을 쓸었다.",
        "어머니가 보배에게 물동이를 맡겼다.",
        '"얼른 다녀오너라."',
        "하고 보배의 어머니가 일렀다.",
        "보배는 물동이를 이고 나섰다.",
        '"금방 올게요."',
        "하고 보배가 대답하였다.",
    )
    assert speakers(analyzer.analyze(text)) == ["보배의 어머니", "보배"]


def test_a_kinship_word_set_before_a_name_stands_for_that_person_and_gives_the_gender(analyzer):
    # `아내 순희` is far from the lines (only skimmed there); the tag `아내가 말했다` is still hers.
    text = lines(
        "아내 순희는 부엌에서 나왔다.",
        "순희는 상을 차렸다.",
        '"진지 드세요."',
        "하고 아내가 말했다.",
        "아들 만수는 밥을 먹었다.",
        "만수는 숟가락을 놓았다.",
        '"잘 먹었습니다."',
        "하고 만수가 일어섰다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["순희", "만수"]
    genders = {character.name: character.gender for character in analysis.characters}
    assert genders == {"순희": "female", "만수": "male"}


def test_a_surname_with_a_one_syllable_title_is_a_name_in_far_narration(analyzer):
    # Narration far from the lines is skimmed word by word; `박 군이` is a surname and the title 군.
    text = lines(
        "박 군이 먼저 떠났다.",
        "해가 졌다.",
        "바람이 불었다.",
        "박 군은 그 뒤로 소식이 없었다.",
        "닭이 울었다.",
        "개가 짖었다.",
        '"누구 없소?"',
        "하고 민수가 불렀다.",
    )
    assert "박 군" in names(analyzer.analyze(text))


def test_a_name_written_against_an_opening_bracket_is_a_name(analyzer):
    text = lines(
        '"내일 장에 가세."',
        "(봉수는 그 말을 믿지 않았다.)",
        '"정말인가?"',
        "(봉수의 말은 늘 그랬다.)",
        '"그럼."',
    )
    assert "봉수" in names(analyzer.analyze(text))


def test_a_name_with_the_household_suffix_ne_is_a_person(analyzer):
    # 옥경네 is 옥경's family: 옥경 is a name even though she never appears on her own. A common
    # noun with 네 (여편네) is one word to kiwi and stays out.
    text = lines(
        "민수는 옥경네 집 앞을 지나갔다.",
        "옥경네 어머니가 마당을 쓸고 있었다.",
        "여편네 하나가 물을 길었다.",
        '"안녕하셔요."',
        "하고 민수가 인사했다.",
    )
    found = names(analyzer.analyze(text))
    assert "옥경" in found
    assert "여편" not in found


def test_a_word_introduced_as_a_persons_name_is_a_name(analyzer):
    # `두꺼비라는 갓난아이`: 두꺼비 (a toad) is the baby's name, mentioned again as 두꺼비를.
    text = lines(
        "방에는 두꺼비라는 갓난아이가 누워 있었다.",
        "해가 졌다.",
        "바람이 불었다.",
        "누이는 두꺼비를 안아 올렸다.",
        "닭이 울었다.",
        "개가 짖었다.",
        '"누구 없소?"',
        "하고 민수가 불렀다.",
    )
    assert "두꺼비" in names(analyzer.analyze(text))
    # An adjective before 란 (커다란 처녀) introduces no one.
    big = lines("커다란 처녀가 물을 길었다.", "커다란 처녀는 웃었다.", '"물 좀 주오."', "하고 민수가 말했다.")
    assert not {"커다", "커다란"} & names(analyzer.analyze(big))


def test_a_named_persons_relative_is_known_by_that_name(analyzer):
    # Two mothers in one scene: 민수의 어머니 and 순희의 어머니 are two people, not one 어머니.
    text = lines(
        "민수와 순희가 골목에서 싸웠다.",
        '"우리 애가 뭘 잘못했소?"',
        "하고 민수의 어머니가 따졌다.",
        '"먼저 때린 건 그쪽 애요."',
        "하고 순희의 어머니가 맞섰다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["민수의 어머니", "순희의 어머니"]


def test_geu_can_stand_for_a_woman(analyzer):
    # In Korean narration 그 is he or she; 그녀 is the only marked form.
    text = lines(
        '"여보, 그만 일어나요."',
        "하고 아내가 남편을 흔들었다.",
        "남편은 돌아누웠다.",
        "아내는 부엌으로 나갔다.",
        "남편은 다시 잠이 들었다.",
        "한참 뒤 아내가 밥상을 들고 들어왔다.",
        '"진지 드세요."',
        "그는 밥상을 내려놓으며 조용히 말했다.",
    )
    assert speakers(analyzer.analyze(text)) == ["아내", "아내"]


def test_a_time_word_before_the_subject_is_not_part_of_its_label(analyzer):
    text = lines(
        "민수는 늦게 집에 돌아왔다.",
        '"어디 갔다 이제 오니?"',
        "그때 어머니가 물었다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["어머니"]


def test_a_well_known_place_acting_as_subject_is_not_a_character(analyzer):
    text = lines(
        "평양은 조용했다. 평양은 잠들어 있었다.",
        "민수는 강가를 걸었다.",
        '"평양도 많이 변했구나."',
        "하고 민수가 중얼거렸다.",
    )
    analysis = analyzer.analyze(text)
    assert "평양" not in names(analysis)
    assert speakers(analysis) == ["민수"]


def test_the_surname_i_joined_to_a_given_name_is_not_a_determiner(analyzer):
    # Kiwi may read 이만복은 as 이 (this) + 만 + 복; a determiner is never written joined to its noun.
    text = lines(
        "이만복은 사랑방에 앉아 있었다.",
        "이만복은 신문을 접었다.",
        '"밖이 왜 이리 시끄러우냐?"',
        "하고 이만복이 물었다.",
    )
    analysis = analyzer.analyze(text)
    assert "이만복" in names(analysis)
    assert speakers(analysis) == ["이만복"]


# 민수 speaks (tagged), 순희 answers, then 민수 speaks again: what the narration after that says
# decides who speaks the next line.
EXCHANGE = (
    "민수는 순희에게 다가갔다.",
    '"순희야, 내 말 좀 들어 봐."',
    "하고 민수가 말했다.",
    '"뭔데요?"',
    '"나는 내일 서울로 떠나."',
)


def test_a_tag_that_leads_into_the_next_line_keeps_the_speaker(analyzer):
    # Without the rule the last line alternates to 순희; `하고 … 숨을 고르더니,` carries 민수 on.
    text = lines(*EXCHANGE, "하고 잠시 숨을 고르더니,", '"오래 못 올 거야."')
    assert speakers(analyzer.analyze(text)) == ["민수", "순희", "민수", "민수"]


def test_a_clause_handing_over_does_not_keep_the_speaker(analyzer):
    # `…하니까,` ends one person's action and lets the other answer.
    text = lines(*EXCHANGE, "하고 웃으니까,", '"정말이에요?"')
    assert speakers(analyzer.analyze(text))[-1] == "순희"


def test_a_clause_handing_over_names_the_listener_as_the_one_who_answers(analyzer):
    # `영호가 … 내밀자,` names 영호 as a subject, but the line after it is 미자's answer.
    text = lines(
        "미자는 툇마루에서 콩을 고르고 있었다.",
        "영호가 미자에게 꽃 한 송이를 내밀자,",
        '"어머, 어디서 꺾었어?"',
        "미자는 꽃을 받아 들었다.",
    )
    assert speakers(analyzer.analyze(text)) == ["미자"]


def test_a_full_name_and_the_given_name_alone_are_one_person(analyzer):
    analysis = analyzer.analyze(
        lines(
            "김수아는 편의점 계산대 뒤에 서 있었다. 문이 열리고 박준호가 들어왔다.",
            '"어서 오세요." 김수아가 말했다.',
            '"라면 있어요?" 박준호가 물었다.',
            '"저쪽에 있어요." 수아가 손으로 가리켰다.',
            '"하나는 수아 씨 거예요." 준호가 웃으며 말했다.',
        ),
        "ko",
    )
    cast = {character.name: character.aliases for character in analysis.characters}
    assert cast == {"김수아": ["수아"], "박준호": ["준호"]}
    assert speakers(analysis) == ["김수아", "박준호", "김수아", "박준호"]


def test_a_written_name_or_a_quoted_term_is_not_a_line(analyzer):
    analysis = analyzer.analyze(
        lines(
            "준호는 남학생의 명찰을 보았다. 명찰에는 '한도윤'이라고 적혀 있었다.",
            "'행복'이라는 말이 떠올랐다.",
            '"이름이 도윤이구나." 준호가 말했다.',
            "'이상한 아이네.' 준호는 속으로 생각했다.",
        ),
        "ko",
    )
    assert speakers(analysis) == [None, None, "준호", "준호"]


def test_a_line_after_a_stretch_of_narration_is_not_the_partners_turn(analyzer):
    # The exchange ends with the narration between the lines: the second line is not 순희's answer
    # to 민수, it belongs to the one the narration was about.
    text = lines(
        '"밥 먹었니?"',
        "하고 민수가 순희에게 물었다.",
        "순희는 대답하지 않았다.",
        "민수는 창가로 걸어가서 한참 동안 밖을 내다보았다.",
        "창밖에는 비가 내리고 있었다.",
        '"비가 오네."',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["민수", "민수"]


def test_a_lead_in_names_the_person_among_its_subjects(analyzer):
    # `대답이` is a subject too, the last one before the line, but no person.
    text = lines(
        "순희는 마루 끝에 앉아 있었다.",
        "민수는 아직도 대답이 없는 동생을 보며,",
        '"왜 말이 없어?"',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["민수"]


def test_narration_pointing_back_at_a_line_names_its_speaker(analyzer):
    # `그러나,` leads in without a subject, which would give the line to 순희, the narration's last
    # subject; `민수는 이렇게 뉘우쳤다` after it says whose it was.
    text = lines(
        "순희가 방을 나갔다.",
        "그러나,",
        '"아니다, 내가 잘못했다."',
        "민수는 이렇게 뉘우쳤다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["민수"]


def test_whose_voice_the_narration_hears_after_a_line_said_it(analyzer):
    text = lines(
        "민수는 책상 앞에 앉아 소설을 쓰고 있었다.",
        '"여보!"',
        "아내의 떠는 목소리가 바로 귀 곁에서 들렸다.",
        '"그게 누구니?"',
        "하고 민수는 아내에게 그 여인의 말을 물었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["아내", "민수"]


def test_the_one_who_hears_a_line_is_not_its_speaker(analyzer):
    text = lines(
        "돌쇠는 부두에서 짐을 나르고 있었다.",
        "돌쇠가 고개를 들었다.",
        "김 소사는 보퉁이를 끌고 배에서 내렸다.",
        '"아 만수 어머니 아니오?"',
        "하는 소리에 김 소사는 가슴이 덜컥하였다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["돌쇠"]


def test_an_untagged_thought_in_a_first_person_story_is_the_narrators(analyzer):
    text = lines(
        "나는 그날 저녁 누이와 마주 앉았다.",
        '"밥은 먹었니?"',
        "하고 내가 물었다.",
        "누이는 웃으며 밥을 떴다.",
        "'많이 야위었구나.'",
        "그것은 아마 내 탓일 것이다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["나", "나"]


def test_a_thought_saying_na_in_a_third_person_story_is_not_a_narrators(analyzer):
    text = lines(
        "경희는 그날 저녁 동생과 마주 앉았다.",
        '"밥은 먹었니?"',
        "하고 경희가 물었다.",
        "동생은 웃으며 밥을 떴다.",
        "경희는 동생의 얼굴을 보았다.",
        "'나는 왜 이리 못났을까.'",
        "그것은 아마 경희의 탓일 것이다.",
    )
    assert "나" not in speakers(analyzer.analyze(text, "ko"))


def test_a_sentence_saying_someone_speaks_introduces_the_line_after_it(analyzer):
    # `혜정은 웃으며 대답하였다` after the first line introduces the second; the first is 명호's,
    # whose question the sentence before it announces.
    text = lines(
        "혜정은 밭에 씨를 뿌리고 한 평쯤을 남겨두었다.",
        "이것을 보고 섰던 명호는 이상스러웠던지 물었다.",
        '"거기는 왜 그대로 남겨두오?"',
        "혜정은 웃으며 대답하였다.",
        '"꽃 심으려고요!"',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["명호", "혜정"]


def test_the_one_a_line_names_is_not_its_speaker(analyzer):
    # `만수 어서 나서거라` calls 만수 without a comma; 만수, the subject of the line after, does not
    # say it.
    text = lines(
        "필현이는 동지들과 함께 집을 둘러쌌다.",
        "필현이가 손짓을 하였다.",
        "만수는 문 뒤에 숨어 숨을 죽였다.",
        '"만수 어서 나서거라. 이제 독 안에 든 쥐다."',
        "만수는 몸을 떨었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["필현이"]


def test_a_tag_whose_subject_is_no_person_keeps_the_lead_ins_speaker(analyzer):
    # `웃음이` is the subject of the 하고 line, but laughter says nothing: the lead-in names him.
    text = lines(
        "혜수는 신랑을 데리고 친정에 왔다.",
        "혜수는 동생들을 불렀다.",
        "혜수의 신랑은,",
        '"여보게, 그 신랑이란 자가…."',
        "하고 웃음이 나와서 말을 잇지 못하였다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["혜수의 신랑"]


def test_a_lead_in_ending_in_a_possessive_names_whose_words_the_line_is(analyzer):
    text = lines(
        "송 서방은 장터에서 돌아왔다.",
        "송 서방은 춘심이를 생각하였다.",
        "그리고 춘심이의,",
        '"에이구, 이 문둥이."',
        "하는 한마디는 그에게 기쁨이었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["춘심이"]


def test_a_bare_kinship_word_in_a_tag_is_the_one_named_persons_relative(analyzer):
    text = lines(
        "영수는 마당에서 놀았다.",
        '"엄마, 배고파."',
        "하고 영수가 말했다.",
        '"조금만 기다려라."',
        "하고 영수 어머니가 대답했다.",
        "한참 뒤에 부엌문이 열렸다.",
        '"얘, 들어와 밥 먹어라."',
        "어머니는 이런 말을 하였다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["영수", "영수 어머니", "영수 어머니"]


def test_a_lead_ins_topic_speaks_not_a_subject_inside_its_clauses(analyzer):
    # `말도` is a subject too, the last one, and names 선주 as whose words they are; 장사는 leads
    # the sentence and answers.
    text = lines(
        "선주는 장사에게 배를 마련하라고 일렀다.",
        "장사는 선주를 쳐다보았다.",
        "장사는 어떻게 들으면 선주의 말도 옳은 듯하여,",
        '"네, 그러면 곧 마련합죠."',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["장사"]


def test_a_line_after_narration_naming_no_one_is_the_topics(analyzer):
    # 순희 is mentioned last, but the narration before the line is about 민수.
    text = lines(
        "순희가 떠난 지 한 달이 되었다.",
        "순희는 편지 한 장을 남겼다.",
        "민수는 그 편지를 읽고 또 읽었다.",
        "창밖에는 비가 내리고 있었다.",
        "편지 끝에는 순희라는 이름이 적혀 있었다.",
        '"이제 어떻게 하나."',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["민수"]


def test_je_in_first_person_narration_is_the_other_person_not_the_narrator(analyzer):
    # The narrator says 나; `저는` in the narration is the wife's reflexive `she herself`.
    text = lines(
        "나는 책상 앞에 앉아 있었다.",
        '"이것 좀 보셔요."',
        "하고 아내가 말했다.",
        "나는 대답하지 않았다.",
        "내가 무엇을 생각하는지 저는 모르고 새 신을 신어 보며,",
        '"신 모양이 어때요?"',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["아내", "아내"]


def test_a_bare_kinship_word_far_from_the_fuller_label_is_a_person_of_its_own(analyzer):
    text = lines(
        "순이는 마당에서 빨래를 널었다.",
        '"오셨어요?"',
        "하고 순이가 말했다.",
        '"그래, 잘 있었나."',
        "하고 순이의 신랑이 대답했다.",
        *["해가 지고 또 해가 떴다."] * 150,
        "이웃 마을에서 잔치가 열렸다.",
        '"처음 뵙겠습니다."',
        "하고 신랑이 절을 했다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["순이", "순이의 신랑", "신랑"]


def test_whose_voice_the_sentence_before_a_line_speaks_of_says_it(analyzer):
    text = lines(
        "명호는 미닫이 밖으로 담배 연기를 내뿜었다.",
        "혜정은 대답을 기다리다가 조금 화가 났다.",
        "그리하여 혜정의 말소리는 자연히 조금 높았다.",
        '"글쎄라고만 하면 됩니까?"',
        "명호는 담배를 껐다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["혜정"]


def test_lines_strung_together_with_commas_are_one_persons(analyzer):
    text = lines(
        "할머니는 몽주를 데리고 장에 갔다.",
        "할머니는 몽주의 손을 꼭 잡았다.",
        '철없는 몽주는 가게 앞에서 "과자를 다구", "엿을 다구" 하고 졸랐다.',
        "할머니는 한숨을 쉬었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["몽주", "몽주"]


def test_a_surname_and_title_the_dialogue_says_twice_is_a_character(analyzer):
    text = lines(
        "영호는 책상 앞에 앉아 있었다.",
        '"박 군은 오늘도 안 오나?"',
        "하고 영호가 물었다.",
        '"박 군이 몸이 아프답니다. 최 선생께서 그러셨어요."',
        "하고 순이가 대답했다.",
    )
    found = names(analyzer.analyze(text, "ko"))
    # 최 선생 is spoken of once only.
    assert "박 군" in found and "최 선생" not in found
    assert speakers(analyzer.analyze(text, "ko")) == ["영호", "순이"]


def test_a_name_kiwi_reads_with_its_particle_glued_on_is_still_the_subject(analyzer):
    # kiwi reads `칠성도` as one proper noun; it is 칠성 with 도, the subject of the lead-in (not
    # 순이, the narration's last subject).
    text = lines(
        "칠성은 마당에 앉아 있었다.",
        "칠성은 순이를 불렀다.",
        "순이는 부엌에서 나오지 않았다.",
        "이렇게 되면 칠성도 마음이 불안하여 머리를 쓸며,",
        '"어디 갔을까?"',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["칠성"]


def test_a_person_with_egeneun_after_a_line_is_its_listener_not_its_subject(analyzer):
    # `민수에게는` carries the topic particle 는 but after 에게: the line was said to 민수.
    text = lines(
        "순희는 부엌에서 나왔다.",
        "순희가 마루 끝에 와서 섰다.",
        '"이제 그만 떠나요."',
        "이 말은 민수에게는 청천벽력이었다.",
        "민수는 한참 말이 없었다.",
    )
    assert speakers(analyzer.analyze(text)) == ["순희"]


def test_an_untagged_answer_falls_to_the_nameless_person_in_the_scene(analyzer):
    # The narration last names 철수 only as the owner of `철수의 어머니`, who is the one present.
    text = lines(
        "민수는 철수의 집 마당에 들어섰다.",
        '"거기 누구냐?"',
        "하고 철수의 어머니가 물었다.",
        "민수는 철수의 어머니 앞에 가서 공손히 절을 하였다.",
        '"철수 있어요?"',
        '"학교에 갔단다."',
    )
    assert speakers(analyzer.analyze(text)) == ["철수의 어머니", "민수", "철수의 어머니"]


def test_a_third_person_story_whose_characters_think_in_na_has_no_narrator(analyzer):
    # `내 탓` is 민수's inner voice: the narration never makes 나 its subject, so no 나 tells the story
    # and the answer goes to 순희, the other person in the scene.
    text = lines(
        "순희는 마루에 앉아 있었다.",
        "순희가 바느질감을 집어 들었다.",
        "민수는 순희 옆에 가서 앉았다.",
        "민수는 내 탓이 아니라고 생각하였다.",
        "민수는 내 잘못도 아니라고 생각하였다.",
        '"밥 먹었어?"',
        "하고 민수가 물었다.",
        '"아직요."',
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["민수", "순희"]
    assert "나" not in names(analysis)


FIRST_PERSON_MORNING = (
    "나는 아침 일찍 일어났다.",
    "나는 마당을 쓸었다.",
    "아내가 부엌에서 나왔다.",
    "나는 아내를 보았다.",
    "내가 먼저 말을 걸었다.",
)


def test_a_thought_whose_sentence_names_a_feeling_is_the_first_person_narrators(analyzer):
    # `동정심이` is the subject of the sentence around the thought, and no person: the thought is
    # the narrator's own.
    text = lines(*FIRST_PERSON_MORNING, "아내의 말을 들을 적마다 '그럴 만도 하다'는 동정심이 일어났다.")
    assert speakers(analyzer.analyze(text)) == ["나"]


def test_a_thought_in_someones_eyes_is_theirs(analyzer):
    text = lines(
        *FIRST_PERSON_MORNING,
        "새 옷을 들여다보는 아내의 눈에는, '나도 이런 것을 입었으면' 하는 생각이 보인다.",
        "나는 고개를 돌렸다.",
    )
    assert speakers(analyzer.analyze(text)) == ["아내"]


def test_the_face_the_narration_opens_on_after_a_line_is_its_speakers(analyzer):
    # 철수 is the last person named before the exchange; the narration after the answer turns to
    # 순희's face.
    text = lines(
        "순희는 부엌에서 저녁을 지었다.",
        "순희가 상을 들고 방으로 들어왔다.",
        "철수는 한참 이야기하다가 돌아갔다.",
        "철수가 다녀간 뒤에 민수는 불쾌한 빛을 드러내며,",
        '"급하게 살 도리를 하라면 어찌하오."',
        '"아이고, 그 말씀 그만두세요."',
        "순희의 얼굴에 붉은빛이 짙어지며 눈물이 괴었다.",
    )
    assert speakers(analyzer.analyze(text)) == ["민수", "순희"]


def test_a_face_further_on_in_the_sentence_is_where_someone_falls(analyzer):
    text = lines(
        "민수는 마루에 앉아 신문을 보았다.",
        "순희는 부엌에서 나와 민수 앞에 섰다.",
        "순희가 한숨을 쉬었다.",
        '"여보!"',
        "울음소리를 떨면서 무너지는 듯이 민수의 얼굴에 쓰러진다.",
    )
    assert speakers(analyzer.analyze(text)) == ["순희"]


def test_a_tag_after_a_line_in_its_paragraph_does_not_introduce_the_next_line(analyzer):
    text = lines(
        "서윤이 현관에서 운동화 끈을 묶고 있었다.",
        '"오늘 몇 시에 끝나?" 엄마가 부엌에서 나오며 물었다.',
        '"여섯 시쯤이요."',
        '"늦으면 전화해."',
        '"알았어요." 서윤이 대답했다.',
    )
    assert speakers(analyzer.analyze(text)) == ["엄마", "서윤", "엄마", "서윤"]


def test_an_office_title_said_alone_is_no_character_of_its_own(analyzer):
    text = lines(
        "오전 열 시, 강도윤은 보고서를 고치고 있었다.",
        '"도윤 씨, 이리 와 봐."',
        "정 과장님이 자리에서 손짓했다. 도윤은 노트북을 들고 일어났다.",
        '"네, 과장님. 부르셨어요?"',
        '"오후 회의 자료 말이야. 숫자가 틀렸어."',
        '"정말요?" 하고 도윤이 놀랐다.',
        "도윤은 자리로 돌아왔다. 과장님의 말이 맞았다.",
    )
    found = [character.name for character in analyzer.analyze(text).characters]
    assert "정 과장님" in found
    assert "과장" not in found


def test_narration_leading_into_a_line_of_its_own_paragraph_is_no_hint_for_the_line_before(analyzer):
    text = lines(
        "퇴근 무렵, 민서와 지호가 엘리베이터 앞에 나란히 섰다.",
        '"오늘 회식 가요?" 지호가 물었다.',
        '"저는 빠질래요."',
        '"과장님이 서운해하실 텐데요."',
        '민서는 잠시 생각하다가 고개를 저었다. "그래도 오늘은 못 가요."',
    )
    assert speakers(analyzer.analyze(text)) == ["지호", "민서", "지호", "민서"]


def office_scene() -> str:
    return lines(
        "오전 열 시, 강도윤은 보고서를 고치고 있었다.",
        '"도윤 씨, 이리 와 볼래요?"',
        "정 과장님이 자리에서 손짓했다. 도윤은 노트북을 들고 일어났다.",
        '"네, 과장님. 부르셨어요?"',
        '"오후 회의 자료 말이에요. 숫자가 틀렸어요." 정 과장님이 말했다.',
    )


def test_a_surname_before_a_title_with_its_honorific_is_no_person_of_its_own(analyzer):
    found = [character.name for character in analyzer.analyze(office_scene()).characters]
    assert "정 과장님" in found
    assert "정" not in found


def test_a_title_called_alone_addresses_the_one_who_carries_it(analyzer):
    said = speakers(analyzer.analyze(office_scene()))
    assert said[0] == "정 과장님"
    assert said[1] != "정 과장님"
    assert said[2] == "정 과장님"


def test_a_driver_named_only_by_a_said_tag_speaks(analyzer):
    text = lines(
        "밤늦게 소연은 택시에 올라탔다.",
        '"어디로 갈까요?" 기사가 물었다.',
        '"시청 앞이요."',
        '"길이 좀 막히네요."',
        '"괜찮아요." 소연이 대답했다.',
    )
    analysis = analyzer.analyze(text)
    assert "기사" in names(analysis)
    assert speakers(analysis) == ["기사", "소연", "기사", "소연"]


def test_a_news_article_is_no_person(analyzer):
    text = lines(
        "그날 아침 신문 기사는 온 동네를 들썩이게 했다. 기사는 짧았지만 사진이 컸다.",
        '"이거 우리 동네 아니야?" 소연이 물었다.',
        '"맞네." 동생이 대답했다.',
    )
    assert "기사" not in names(analyzer.analyze(text))


def test_the_one_who_meets_a_lines_words_hears_it(analyzer):
    # `철수는 영희의 말에 …` after a line: 철수 hears it and 영희 said it; `X는 이 말을 듣더니`
    # points back at the line but names its hearer, not its speaker.
    text = lines(
        "철수는 마루에 앉아 신문을 읽고 있었다.",
        "영희가 부엌에서 나왔다.",
        '"오늘 저녁은 국수예요."',
        "철수는 영희의 말에 고개를 끄덕였다.",
        '"국수는 어제도 먹었잖아."',
        "영희는 이 말을 듣더니 얼굴을 찡그렸다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["영희", "철수"]


def test_a_bell_that_rings_is_no_servant(analyzer):
    text = lines(
        "교실에 종이 울렸다. 아이들이 가방을 챙겼다.",
        '"가자." 하고 지민이 말했다.',
        '"응, 잠깐만."',
        "복도 끝에서 종이 다시 한 번 울렸다.",
    )
    assert "종" not in names(analyzer.analyze(text))


def test_a_coach_or_a_senior_named_by_a_tag_is_a_speaker(analyzer):
    text = lines(
        "지민과 태오는 운동장에 서 있었다.",
        '"이제 가자." 지민이 말했다.',
        '"잠깐만."',
        '"다들 모여라!" 코치가 외쳤다.',
        '"오늘은 일찍 끝내 주세요." 선배가 웃으며 말했다.',
    )
    said = speakers(analyzer.analyze(text))
    assert said[2:] == ["코치", "선배"]


def test_a_first_person_narrator_who_gives_their_own_name_speaks_by_it(analyzer):
    # `K(내 이름)` names the narrator; 내 이름은 said inside a line is the speaker's own name.
    text = lines(
        "나는 그날도 책상 앞에 앉아 있었다.",
        "나는 창밖을 내다보았다.",
        '"어른들은 늘 J는 부지런하고 K(내 이름)는 게으르다고 하지."',
        "나는 혼자 중얼거렸다.",
        "그때 낯선 소년이 들어왔다.",
        '"안녕, 내 이름은 민수야."',
        "하고 소년이 말했다.",
        '"반갑다."',
        "나는 손을 내밀었다.",
    )
    analysis = analyzer.analyze(text, "ko")
    assert speakers(analysis)[0] == "K"
    assert speakers(analysis)[2] == "K"
    assert "K" in names(analysis)


def test_a_name_given_inside_a_line_is_not_the_narrators(analyzer):
    text = lines(
        "나는 그날도 책상 앞에 앉아 있었다.",
        "나는 창밖을 내다보았다.",
        "그때 낯선 소년이 들어왔다.",
        '"안녕, 내 이름은 민수야."',
        "하고 소년이 말했다.",
        '"반갑다."',
        "나는 손을 내밀었다.",
    )
    assert speakers(analyzer.analyze(text, "ko"))[1] == "나"


def test_a_subject_inside_a_clause_describing_a_noun_is_not_the_tags(analyzer):
    # `동생이 떠났다는 소식을 들은 민수가`: 동생 is the subject of what 민수 heard, not of the tag.
    text = lines(
        "민수는 마루에 앉아 있었다.",
        "영희가 대문으로 들어왔다.",
        '"이제 어쩌면 좋아."',
        "하고 동생이 떠났다는 소식을 들은 민수가 한숨을 쉬었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["민수"]


def test_he_who_answers_is_not_the_one_who_asked(analyzer):
    # `그는 … 대답하며` after a question: 그 is the one the asker turned to, not the asker.
    text = lines(
        "영희는 방 안에 앉아 있었다.",
        "민수는 놀라 영희를 보며,",
        '"어디 아프니?"',
        '"응."',
        "그는 얼핏 이렇게 대답하며 고개를 숙였다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["민수", "영희"]


def test_the_one_woken_by_a_cry_heard_it(analyzer):
    # `X의 우는 소리에 잠을 깬 어머니는`: the voice comes first, in the clause describing the hearer.
    text = lines(
        "영수는 이불 속에서 자고 있었다.",
        "어머니는 부엌에서 일을 하다가 방에 들어와 누웠다.",
        "영수가 먼저 눈을 떴다.",
        '"엄마, 배고파!"',
        "영수의 우는 소리에 잠을 깬 어머니는 눈을 비볐다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["영수"]


def test_the_one_who_hears_a_call_in_a_clause_before_the_subject_is_not_its_speaker(analyzer):
    # `… 아내의 부르는 소리를 듣고 민수는`: the clause before the subject shares it, so 민수 hears.
    text = lines(
        "민수는 방에서 자고 있었다.",
        "아내는 부엌에서 밥을 짓다가 방문을 열었다.",
        '"여보, 일어나요."',
        "무슨 꿈을 꾸는지 한참을 이리저리 뒤척이다가 아내의 부르는 소리를 듣고 민수는 눈을 떴다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["아내"]


def test_the_one_asked_in_the_tag_before_answers(analyzer):
    # `하고 민수는 영희더러 물었다.` tags the question; the next, untagged line is 영희's answer,
    # not the turn of the third person who spoke before.
    text = lines(
        "할머니는 아랫목에 앉아 계셨다.",
        "영희가 물을 떠 가지고 들어왔다.",
        '"얘야, 이리 오너라."',
        "하고 할머니가 말씀하셨다.",
        '"어머니는 어디 가셨니?"',
        "하고 민수는 영희더러 물었다.",
        '"장에 가셨어요."',
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["할머니", "민수", "영희"]


def test_a_name_the_narration_states_belongs_to_the_role_word_it_was_speaking_of(analyzer):
    # The uncle is 삼촌 throughout; `(본 이름이 갑돌이니까)` names him once, so his lines are 갑돌이's.
    text = lines(
        "삼촌은 마당에서 장작을 팼다.",
        "동네 아이들은 그를 갑쇠(본 이름이 갑돌이니까)라고 불렀다.",
        '"이놈아, 물 떠 와라."',
        "하고 삼촌이 소리쳤다.",
        "나는 물을 떠 왔다.",
        '"여기 있어요."',
        "하고 내가 말했다.",
        '"늦었다."',
        "하고 삼촌은 물을 마셨다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis)[0] == "갑돌이"
    assert speakers(analysis)[2] == "갑돌이"
    assert "삼촌" not in {character.name for character in analysis.characters}


def test_my_own_name_in_a_line_names_no_role_word(analyzer):
    # `내 이름은 …` inside a line is the speaker's own name, not the last role word's.
    text = lines(
        "할머니는 손님을 맞았다.",
        '"내 이름은 갑돌이오."',
        "하고 손님이 말했다.",
        '"어서 들어오시오."',
        "하고 할머니가 말했다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis)[1] == "할머니"


def test_a_subjectless_tag_after_a_said_tag_goes_on_with_its_speaker(analyzer):
    # 철수 is the narration's topic, but 영수 was said to speak after him (`영수의 목소리였다`):
    # `하고 웃었다`, with no subject of its own, goes on with 영수, not the topic named before.
    text = lines(
        "철수는 마당에서 장작을 패고 있었다.",
        '"형, 나 왔어."',
        "영수의 목소리였다.",
        '"배가 고파 죽겠어."',
        "하고 웃었다.",
    )
    assert speakers(analyzer.analyze(text, "ko")) == ["영수", "영수"]


def test_a_role_word_asked_its_name_is_the_name_it_answers(analyzer):
    # The officer asks 청년 his name; the next line is only a name, so 청년 is 박철수 from then on.
    text = lines(
        "순사는 그 청년을 노려보았다.",
        '"성명은?"',
        "순사는 다시 청년을 노려보았다.",
        '"박철수요."',
        "청년은 고개를 들었다.",
        '"어디로 가오?"',
        "하고 순사가 물었다.",
        '"집으로 갑니다."',
        "하고 청년이 대답했다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis)[3] == "박철수"
    assert "청년" not in {character.name for character in analysis.characters}


def test_a_name_question_answered_by_a_sentence_names_nobody(analyzer):
    # `"이름은?"` answered by a whole sentence is no name: 청년 stays nameless.
    text = lines(
        "순사는 그 청년을 노려보았다.",
        '"이름은?"',
        "순사는 청년을 노려보았다.",
        '"모릅니다."',
        '"어디로 가오?"',
        "하고 순사가 물었다.",
        '"집으로 갑니다."',
        "하고 청년이 대답했다.",
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis)[3] == "청년"


def test_two_people_joined_by_gwa_speak_a_line_together(analyzer):
    # `철수와 영희가 … 외쳤다`: the line is both of theirs, so it goes to neither one of them, and the
    # pair is no character.
    text = lines(
        '"얘들아, 밥 먹자!" 엄마가 부엌에서 불렀다.',
        '"네!" 철수와 영희가 동시에 외쳤다.',
    )
    analysis = analyzer.analyze(text)
    assert speakers(analysis) == ["엄마", None]
    assert names(analysis) == {"엄마"}


def test_two_people_as_the_topic_talk_with_each_other(analyzer):
    # `철수와 영희는 공원에 갔다` before an exchange: no line is the pair's; the two take turns.
    text = lines(
        "영희는 철수의 동생이었다.",
        "철수는 영희를 데리고 나갔다.",
        "철수와 영희는 공원에 갔다.",
        '"오빠, 아이스크림 사 줘."',
        '"용돈 다 썼어."',
        '"치사해."',
    )
    assert speakers(analyzer.analyze(text)) == ["영희", "철수", "영희"]


def test_who_keeps_silent_after_a_line_did_not_say_it(analyzer):
    # `영희는 말없이 …` after the line: she listened; the line is the one she was talking with.
    text = lines(
        "철수는 영희의 방에 들어갔다.",
        '"영희야, 아직 안 자?"',
        '"숙제가 안 끝났어."',
        '"많이 남았어?"',
        "영희는 말없이 공책을 내밀었다.",
    )
    assert speakers(analyzer.analyze(text)) == ["철수", "영희", "철수"]


def test_a_line_calling_someone_in_a_first_person_story_is_the_narrators(analyzer):
    # The man who spoke last is near, but `"영희야, …"` calls 영희: in a story told by 나 the line that
    # calls her is mine, the other side of the exchange with her.
    text = lines(
        "나는 가게 문을 열었다. 내가 불을 켜자 아저씨가 들어왔다.",
        '"커피 한 잔 주게."',
        "아저씨가 말했다.",
        "그때 영희가 들어왔다. 영희는 비에 젖어 있었다.",
        '"영희야, 우산은 어쩌고?"',
        '"잃어버렸어."',
    )
    assert speakers(analyzer.analyze(text))[1:] == ["나", "영희"]


def test_the_first_line_of_a_ringing_call_is_the_callers(analyzer):
    # 아저씨 spoke last in the room, but the phone rang with 철수's name: the line comes from him.
    text = lines(
        "영희는 버스에 올랐다.",
        '"어서 타요. 비가 오네."',
        "운전사 아저씨가 말했다.",
        "아저씨는 웃으며 문을 닫았다. 그때 영희의 휴대폰이 울렸다. 화면에는 철수의 이름이 떠 있었다.",
        '"언니, 어디야?"',
        '"버스 안이야."',
    )
    assert speakers(analyzer.analyze(text))[1:] == ["철수", "영희"]
