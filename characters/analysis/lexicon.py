"""Closed word lists the rules rely on. General language knowledge only: no story's names."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text, which keeps long lists readable."""
    return frozenset(text.split())


# --- English -------------------------------------------------------------------------------

MALE_TITLES = words(
    "mr mister sir lord master monsieur herr senor señor signor father brother uncle king prince "
    "duke earl count baron citoyen don general colonel major sergeant corporal private admiral "
    "bishop monsignor reverend rev judge"
)
FEMALE_TITLES = words(
    "mrs ms miss madam madame mme mlle mademoiselle lady dame mrs. aunt sister mother queen "
    "princess duchess countess baroness citoyenne senora señora signora mis' widow"
)
NEUTRAL_TITLES = words(
    "dr doctor captain capt professor prof officer detective inspector constable agent "
    "harbor harbour chief president senator governor"
)
# Rank, church and widowhood titles, which an English narration writes after "the".
ARTICLE_TITLES = words(
    "reverend rev hon honourable honorable duke earl count baron prince princess duchess countess baroness "
    "king queen emperor empress marquis marquess viscount widow archbishop bishop cardinal lord"
)
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES
# Title words that also start ordinary two-word names of things ("Harbor master", "Chief Justice").
TITLE_SECOND_WORDS = words("master")

SPEECH_VERBS = words(
    "said says say asked asks ask replied replies reply answered answers answer cried cries "
    "exclaimed exclaims shouted shouts whispered whispers muttered mutters murmured murmurs "
    "called calls continued continues added adds began begins repeated repeats returned "
    "retorted observed remarked demanded demands inquired enquired insisted explained explains "
    "laughed laughs sighed sighs sobbed groaned growled snapped yelled screamed roared "
    "stammered suggested interrupted declared protested urged pleaded begged "
    "responded responds gasped breathed hissed spoke speaks told tells "
    "announced admitted agreed assented objected conceded warned commanded ordered instructed "
    "proposed ventured chuckled giggled grumbled grunted barked bellowed blurted drawled faltered "
    "piped sneered scoffed mumbled panted persisted pursued resumed rejoined queried questioned "
    "commented concluded confessed cautioned echoed hinted interposed joked lamented moaned "
    "prompted reasoned reminded reported shrieked stated teased thundered wailed whimpered "
    "argued boasted bawled complained corrected croaked howled jeered lisped mocked murmured "
    "cooed simpered snarled squeaked wheezed whined yelped affirmed assured counselled "
    "volunteered accused acknowledged advised quoth sez ejaculated remonstrated expostulated "
    "vociferated hollered read reads recited"
)
# Speech verbs with a particle: "went on", "broke in". "went" alone is a motion verb.
SPEECH_PHRASES = (
    "went on", "broke in", "put in", "cut in", "broke out", "burst out", "cried out", "called out", "sang out",
    "spoke up", "chimed in", "struck in", "called back",
)  # fmt: skip
THOUGHT_VERBS = words("thought thinks wondered wonders mused reflected")
HUMAN_VERBS = (
    SPEECH_VERBS
    | THOUGHT_VERBS
    | words(
        "looked smiled nodded turned walked knew felt saw went came took stood sat wanted tried "
        "heard glanced grinned frowned shook raised lifted ran stared watched waited hesitated "
        "whispered marched climbed grabbed opened closed laid dropped paused stopped kissed "
        "seized rose entered left loved hated wrote read died married sprang leaned bowed "
        "shrugged winced blushed wept cried listened noticed replied remembered"
    )
)
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}

PERSON_NOUNS = words(
    "man woman boy girl lady gentleman widow widower stranger captain doctor officer soldier "
    "guide visitor landlady landlord child mother father wife husband son daughter brother "
    "sister aunt uncle grandmother grandfather king queen prince princess servant maid nurse "
    "driver sailor fisherman farmer priest judge teacher student clerk keeper merchant rider "
    "traveller traveler youth lad lass fellow boss chief master mistress urchin "
    "host hostess innkeeper barman bartender waiter waitress porter guard sergeant corporal "
    "colonel general major hunter baby infant cousin friend companion neighbour neighbor "
    "saloon-keeper shopkeeper housekeeper cook coachman postman policeman constable inspector "
    "detective professor clergyman minister vicar parson rector "
    # Modern roles and ages (web-novel prose): "the stage manager said", "the freshmen hissed".
    "kid teenager freshman roommate manager cashier customer passenger paramedic coworker "
    "colleague receptionist barista intern assistant pilot janitor"
)
DESCRIPTION_DETERMINERS = words("the a an his her my our their your")
# Nouns a story uses interchangeably for one newcomer whose name it does not yet give.
NEWCOMER_NOUNS = words("stranger visitor guest newcomer")


def _plural(noun: str) -> str:
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun == "child":
        return "children"
    if noun.endswith("fe"):
        return noun[:-2] + "ves"
    if noun.endswith(("s", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


# One of a people, a person when a narration says "the dying Indian" or "the old Frenchman".
PEOPLE_OF_NATIONS = words(
    "indian african american german italian spaniard russian greek roman turk arab hindoo hindu "
    "englishman englishwoman frenchman frenchwoman irishman scotchman scotsman dutchman welshman"
)
# People spoken of as one speaker ("the soldiers shouted", "said the crowd").
GROUP_NOUNS = frozenset(_plural(noun) for noun in PERSON_NOUNS) | words("people crowd others folk folks")

# Capitalised words that are never characters by themselves.
NON_NAME_WORDS = words(
    """
    a an the and but or nor for so yet if then than that this these those there here where when
    while what which who whom whose why how all any each every some no not none one two three
    ten hundred thousand first second third last next
    i me my mine we us our you your he him his she her it its they them their oh ah o yes no
    well now still just only even also too very much many more most such
    in on at to from into onto of off by with without within upon over under after before
    about above below between through across toward towards against among around behind beside
    besides beyond during except inside outside since till until unto via
    is am are was were be been being do does did have has had shall should will would can could
    may might must let lets
    chapter book part volume section letter note preface introduction contents index
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    christmas easter halloween thanksgiving whitsun michaelmas lent advent candlemas
    english french german dutch spanish italian russian american british scottish irish welsh
    chinese japanese korean indian african european asian roman greek latin hebrew jewish
    christian catholic protestant mohammedan moslem muslim
    god lord heaven hell providence
    mr mrs ms miss dr sir madam madame lady st mister ladyship lordship
    street road lane avenue square river lake sea ocean mountain mount hill island bay
    mountains hills hollow valley creek forest castle abbey cathedral chapel
    harbour harbor port falls springs plains desert canyon gulch ridge heights fort station
    city town village county state kingdom empire republic north south east west
    colony province territory district parish dominion
    gutenberg project ebook ebooks
    """
)
# "the plains of X", "the coast of X": what comes after "of" is a place.
PLACE_HEADS = words(
    "plains plain coast coasts shore shores city town village county province provinces kingdom island isle "
    "islands port bay gulf banks capital streets valley hills mountains forests woods state states "
    "parish parishes district districts"
)
COMPASS_WORDS = words("north south east west northern southern eastern western")
# The last word of a place's name ("Stone Gate", "Ashby Hall") when the first is no given name.
PLACE_NAME_ENDS = words("gate hall house park court manor inn hotel bridge church college school mill farm lodge")
PLACE_PREPOSITIONS = words("in at from into near across toward towards through to of")
# Words before "to" that make what follows a destination ("went to", "back to").
MOTION_WORDS = words(
    "go goes going gone went come comes coming came return returns returned returning travel travelled traveled "
    "sail sailed move moved drive drove ride rode walk walked run ran fly flew journey journeyed back way off "
    "sent moving get got"
)
MALE_NOUNS = words(
    "man boy gentleman widower father husband son brother uncle king prince lad fellow "
    "grandfather host landlord waiter barman coachman postman policeman priest"
)
FEMALE_NOUNS = words(
    "woman girl lady widow mother wife daughter sister aunt queen princess maid nurse lass "
    "grandmother hostess landlady waitress mistress housekeeper"
)

# Common English given names (general knowledge, for gender and as evidence of personhood).
MALE_GIVEN_NAMES = words(
    """
    aaron adam alan albert alexander alfred allan andrew anthony arthur benjamin bernard bill bob
    charles charlie christopher daniel david dick donald douglas edward edwin eric ernest eugene
    frank frederick fred george gerald gilbert harold harry henry herbert hugh jack jacob james
    jeff jim jimmy joe john jonathan joseph kenneth lawrence leonard lewis louis mark martin
    matthew michael nathan nicholas oliver oscar patrick paul peter philip ralph raymond richard
    robert roger ronald sam samuel simon stephen steven thomas tim timothy tom tommy victor
    walter william willie
    """
)
FEMALE_GIVEN_NAMES = words(
    """
    ada agnes alice amelia amy ann anna anne barbara beatrice betty bessie caroline catherine
    charlotte clara dorothy edith eleanor elizabeth ellen emily emma esther ethel eva evelyn
    florence frances grace hannah harriet helen ida irene isabel jane janet jean jennie jessie
    josephine judith julia kate katherine laura lillian lily louisa louise lucy mabel margaret
    maria marie martha mary maud may mildred minnie nancy nellie olivia pauline rachel rebecca
    rose ruth sally sarah sophia susan sylvia victoria violet virginia
    """
)
# Countries, continents and great cities: capitalised words that are places, not people.
PLACE_NAMES = (
    words(
        """
    africa america asia australia europe antarctica england scotland ireland wales britain france
    germany italy spain portugal russia china japan korea india egypt greece turkey persia arabia
    canada mexico brazil chile peru argentina austria hungary poland holland belgium switzerland
    sweden norway denmark finland prussia bohemia london paris rome berlin vienna madrid lisbon
    moscow athens cairo dublin edinburgh glasgow liverpool manchester oxford cambridge bath
    boston chicago york philadelphia washington baltimore virginia carolina georgia texas
    california geneva venice florence naples milan seoul tokyo peking beijing
    """
    )
    - FEMALE_GIVEN_NAMES
)

# --- Korean --------------------------------------------------------------------------------

KO_SPEECH_STEMS = words(
    "말하 말씀하 묻 물 대답하 답하 소리치 소리지르 중얼거리 중얼대 외치 부르짖 속삭이 웃 이르 꾸짖 "
    "대꾸하 부르 여쭈 여쭙 투덜거리 호령하 타이르 애원하 지껄이 쫑알거리 쏘아붙이 재촉하 권하 나무라 "
    "되묻 탄식하 한탄하 질문하 부탁하 명령하 설명하 고함치 울부짖 하소연하 빈정거리 혼잣말하 "
    "말 대답 소리 호령 애원 탄식 질문 부탁 명령 설명 재촉 고함 혼잣말 하소연"
)
# Words that open the narration clause right after a quote and introduce its speaker.
KO_TAG_OPENERS = (
    "하고",
    "하며",
    "하면서",
    "하니까",
    "하니",
    "하더니",
    "하자",
    "하구",
    "하는",
    "하였",
    "했",
    "한다",
    "라고",
    "라며",
    "하고는",
    "이라고",
)
KO_SUBJECT_PARTICLES = words("이 가 께서 은 는 ᆫ 도")
KO_ANIMATE_PARTICLES = words("에게 한테 께 더러 보고 에게서 한테서")
KO_PLACE_PARTICLES = words("에 에서 로 으로 까지 부터")
KO_NAME_TITLES = words(
    "씨 님 군 양 서방 선생 선생님 생원 생원님 진사 주사 부인 소사 판사 영감 마님 아씨 도령 도련님 낭자 사장 감독 "
    # office titles after a surname (김 과장님, 최 팀장, 박 기사님)
    "과장 부장 팀장 대리 실장 원장 차장 교수 박사 기사"
)
# Surnames that stand alone for a person in narration (김은 웃었다); only trusted when kiwi tags them NNP.
KO_SURNAMES = words(
    "김 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 송 홍 유 고 문 양 손 "
    "배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 엄 채 변 염 석 방 왕"
)
KO_FIRST_PERSON = words("나 내 저 제")
# A person's voice, mouth or hands: `X의 목소리는` as the subject of a tag stands for X.
KO_VOICE_NOUNS = words("목소리 소리 말소리 음성 말 입 입술 얼굴 눈 손 어조 말씨")
# What a person says, as the narration right after a line names it: `아내의 목소리`, `처의 말`.
KO_SPOKEN_NOUNS = words("목소리 소리 말소리 음성 말 말씀 대답 물음 부르짖음 고함 어조 말투 어성")
# 그 is he or she in Korean narration (older fiction uses it for women too); only 그녀 is marked.
KO_THIRD_PERSON = {"그": None, "그녀": "female", "그이": None}
KO_FEMALE_NOUNS = words(
    "아내 어머니 어멈 엄마 할머니 노파 할멈 처 며느리 시어머니 딸 누이 누님 누나 언니 여자 계집 계집애 소녀 "
    "색시 부인 마님 아씨 아가씨 처녀 여인 노마님 주인아씨 장모 처형 고모 이모 숙모 딸년 각시 새댁 "
    # Sino-Korean kinship words of older narration (모친, 자친) and the wider family
    "모친 자친 자당 조모 백모 생모 양모 노모 빙모 시모 계모 외숙모 외할머니 누이동생 여동생 친누이 "
    "큰딸 작은딸 맏딸 맏며느리 올케 형수 제수 시누이 처제 아낙 아낙네 할미"
)
KO_MALE_NOUNS = words(
    "남편 아버지 아범 아빠 할아버지 영감 아들 오빠 형 형님 남자 사내 소년 총각 청년 신랑 장인 장인님 "
    "시아버지 삼촌 아저씨 서방 도령 도련님 나리 생원 진사 주사 사위 순사 형사 "
    "부친 가친 선친 춘부장 조부 백부 숙부 계부 생부 양부 노부 빙장 시부 외삼촌 외숙 외할아버지 "
    "남동생 친형 큰아들 작은아들 맏아들 종형 종제 당숙 처남 매부 매형 형부 오라버니 오라비 아주버니"
)
# Generic nouns usually said of men (노인), whose kinship word (할머니) wins when the text gives one.
KO_DEFAULT_MALE_NOUNS = words("노인")
KO_PERSON_NOUNS = (
    KO_FEMALE_NOUNS
    | KO_MALE_NOUNS
    | words(
        "아이 애 어린애 어린이 손님 주인 친구 동무 선생 선생님 의사 학생 노인 이웃 하인 머슴 "
        "일꾼 상인 장사 장수 떡장수 어부 농부 군인 병정 간호부 교사 동생 조카 손녀 손자 부모 "
        "사또 감독 감독관 군중 행인 나그네 하녀 여편네 마누라 늙은이 젊은이 "
        # in-laws and the wider family
        "동서 시어미 시아비 어미 아비 질녀 질부 조카딸 오라버니 오라비 올케 시누이 형수 제수 매부 매형 "
        "처남 처제 큰어머니 작은어머니 큰아버지 작은아버지 백부 숙부 아주머니 아줌마 아주버니 형부 "
        "계모 유모 침모 식모 과부 홀아비 마나님 서방님 양친 친부모 친척 일가 형제 자매 사촌 오촌 "
        # trades and offices
        "순검 헌병 경관 의원 여급 기생 주모 점원 사환 차장 운전수 인력거꾼 지게꾼 나무꾼 장꾼 사공 "
        "뱃사공 목수 대장장이 거지 도둑 강도 사냥꾼 포수 스님 목사 선교사 교장 교원 면장 구장 이장 동장 군수 "
        # modern offices and trades (a web novel's 과장님, 택시 기사, 경비원)
        "기사님 택시기사 택배기사 원장 원장님 사장 사장님 과장 과장님 부장 부장님 팀장 팀장님 대리 실장 "
        "직원 사원 알바생 경비원 배달원 승객 경찰 경찰관 간호사 약사 점장 코치 매니저 기자 변호사 "
        "선배 선배님 후배 담임 반장 "
        # a person of a people or country
        "중국인 일본인 조선인 한국인 미국인 영국인 서양인 외국인 청인 왜인 양인"
    )
)
# Nouns that are a person only as the subject of a said-tag (기사: a driver, but also an article, a
# knight, streets; 종: a servant, but also a bell, and 종이 is paper).
KO_SPEAKING_NOUNS = words("기사 종")
# Suffixes that make a noun a person who does or has something (늦잠쟁이, 게으름뱅이, 장난꾸러기,
# 노름꾼, 대장장이): a word ending in one names a person.
KO_PERSON_SUFFIXES = words("쟁이 뱅이 꾸러기 꾼 장이")
# Words the dialogue calls out like names (이 자식아, 얘야) that are not names.
KO_NON_NAMES = words(
    "자식 이자식 놈 이놈 저놈 그놈 녀석 이년 저년 년 얘 애 여보 여봐 임마 인마 이 저 그 사람 여러분 "
    "아가 아기 새끼 망할 제기 에구 아이고 어이 여기 거기 저기 자기 자신 당신 서로 일동 아우 하나 그네 그네들"
)
# Words that stay in a nameless character's label: 한 소년, 어떤 사람, 늙은 아버지.
KO_LABEL_MODIFIERS = words("한 어떤 다른 웬 늙은 젊은 어린 또 몇 여러")
# Nouns of time and frequency that stand before a subject without describing it (그때 어머니는).
KO_TIME_NOUNS = words("때 그때 이때 저때 간간 가끔 오늘 어제 내일 지금 이제 아까 방금 요즘 그날 이날 밤 낮 아침 저녁")
# Well-known places, which kiwi tags as proper nouns and the narration makes subjects (서울은 …).
KO_PLACE_NAMES = words(
    "서울 경성 한양 평양 부산 인천 대구 광주 대전 개성 원산 함흥 신의주 목포 군산 전주 청주 춘천 수원 "
    "한강 대동강 압록강 두만강 낙동강 금강 백두산 금강산 한라산 지리산 조선 한국 일본 중국 만주 간도 "
    "동경 대판 상해 북경 미국 영국 아라사 러시아 독일 불란서 프랑스 남대문 동대문 종로"
)
