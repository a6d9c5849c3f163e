"""Closed word lists the rules rely on. General language knowledge only: no story's names."""

from __future__ import annotations

# --- English -------------------------------------------------------------------------------

MALE_TITLES = frozenset(
    "mr mister sir lord master monsieur herr senor señor signor father brother uncle king prince "
    "duke earl count baron citoyen don general colonel major sergeant corporal private admiral "
    "bishop monsignor reverend rev judge".split()
)
FEMALE_TITLES = frozenset(
    "mrs ms miss madam madame mme mlle mademoiselle lady dame mrs. aunt sister mother queen "
    "princess duchess countess baroness citoyenne senora señora signora mis'".split()
)
NEUTRAL_TITLES = frozenset(
    "dr doctor captain capt professor prof officer detective inspector constable agent "
    "harbor harbour chief president senator governor".split()
)
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES
# Title words that also start ordinary two-word names of things ("Harbor master", "Chief Justice").
TITLE_SECOND_WORDS = frozenset("master".split())

SPEECH_VERBS = frozenset(
    "said says say asked asks ask replied replies reply answered answers answer cried cries "
    "exclaimed exclaims shouted shouts whispered whispers muttered mutters murmured murmurs "
    "called calls continued continues added adds began begins repeated repeats returned "
    "retorted observed remarked demanded demands inquired enquired insisted explained explains "
    "laughed laughs sighed sighs sobbed groaned growled snapped yelled screamed roared "
    "stammered suggested interrupted declared protested urged pleaded begged went "
    "responded responds gasped breathed hissed spoke speaks told tells answered.".split()
)
THOUGHT_VERBS = frozenset("thought thinks wondered wonders mused reflected".split())
HUMAN_VERBS = SPEECH_VERBS | THOUGHT_VERBS | frozenset(
    "looked smiled nodded turned walked knew felt saw went came took stood sat wanted tried "
    "heard glanced grinned frowned shook raised lifted ran stared watched waited hesitated "
    "whispered marched climbed grabbed opened closed laid dropped paused stopped kissed "
    "seized rose entered left loved hated wrote read died married sprang leaned bowed "
    "shrugged winced blushed wept cried listened noticed replied remembered".split()
)
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
SUBJECT_PRONOUNS = frozenset("he she i they".split())

PERSON_NOUNS = frozenset(
    "man woman boy girl lady gentleman widow widower stranger captain doctor officer soldier "
    "guide visitor landlady landlord child mother father wife husband son daughter brother "
    "sister aunt uncle grandmother grandfather king queen prince princess servant maid nurse "
    "driver sailor fisherman farmer priest judge teacher student clerk keeper merchant rider "
    "traveller traveler youth lad lass fellow boss chief master mistress "
    "host hostess innkeeper barman bartender waiter waitress porter guard sergeant corporal "
    "colonel general major hunter baby infant cousin friend companion neighbour neighbor "
    "saloon-keeper shopkeeper housekeeper cook coachman postman policeman constable inspector "
    "detective professor clergyman minister vicar parson rector".split()
)
DESCRIPTION_DETERMINERS = frozenset("the a an his her my our their your".split())

# Capitalised words that are never characters by themselves.
NON_NAME_WORDS = frozenset(
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
    mr mrs ms miss dr sir madam madame lady st mister
    street road lane avenue square park river lake sea ocean mountain mount hill island bay
    city town village county state kingdom empire republic north south east west
    gutenberg project ebook ebooks
    """.split()
)
PLACE_PREPOSITIONS = frozenset("in at from into near across toward towards through to of".split())
MALE_NOUNS = frozenset(
    "man boy gentleman widower father husband son brother uncle king prince lad fellow "
    "grandfather host landlord waiter barman coachman postman policeman priest".split()
)
FEMALE_NOUNS = frozenset(
    "woman girl lady widow mother wife daughter sister aunt queen princess maid nurse lass "
    "grandmother hostess landlady waitress mistress housekeeper".split()
)

# Common English given names (general knowledge, for gender and as evidence of personhood).
MALE_GIVEN_NAMES = frozenset(
    """
    aaron adam alan albert alexander alfred allan andrew anthony arthur benjamin bernard bill bob
    charles charlie christopher daniel david dick donald douglas edward edwin eric ernest eugene
    frank frederick fred george gerald gilbert harold harry henry herbert hugh jack jacob james
    jeff jim jimmy joe john jonathan joseph kenneth lawrence leonard lewis louis mark martin
    matthew michael nathan nicholas oliver oscar patrick paul peter philip ralph raymond richard
    robert roger ronald sam samuel simon stephen steven thomas tim timothy tom tommy victor
    walter william willie
    """.split()
)
FEMALE_GIVEN_NAMES = frozenset(
    """
    ada agnes alice amelia amy ann anna anne barbara beatrice betty bessie caroline catherine
    charlotte clara dorothy edith eleanor elizabeth ellen emily emma esther ethel eva evelyn
    florence frances grace hannah harriet helen ida irene isabel jane janet jean jennie jessie
    josephine judith julia kate katherine laura lillian lily louisa louise lucy mabel margaret
    maria marie martha mary maud may mildred minnie nancy nellie olivia pauline rachel rebecca
    rose ruth sally sarah sophia susan sylvia victoria violet virginia
    """.split()
)
# Countries, continents and great cities: capitalised words that are places, not people.
PLACE_NAMES = frozenset(
    """
    africa america asia australia europe antarctica england scotland ireland wales britain france
    germany italy spain portugal russia china japan korea india egypt greece turkey persia arabia
    canada mexico brazil chile peru argentina austria hungary poland holland belgium switzerland
    sweden norway denmark finland prussia bohemia london paris rome berlin vienna madrid lisbon
    moscow athens cairo dublin edinburgh glasgow liverpool manchester oxford cambridge bath
    boston chicago york philadelphia washington baltimore virginia carolina georgia texas
    california geneva venice florence naples milan seoul tokyo peking beijing
    """.split()
) - FEMALE_GIVEN_NAMES
