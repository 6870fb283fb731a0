"""Common given names with a clear usual gender, to match "he"/"she" to the right person.

A prior only: honorifics ("Mr", "Ms") win over it, and names used for both genders
(Alex, Jordan, Morgan, Robin, Sam, Taylor…) are deliberately absent.
"""

MALE = frozenset(
    """
aaron abdul abdullah abraham adam adrian ahmed ahmad alan alasdair albert alberto alejandro alexander
alexei alfred ali alistair allen alvin amir andre andreas andrew andy angus anthony antonio anton
arnold arthur barack barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley brandon
brendan brett brian bruce bryan byron calvin carl carlos cedric chad charles charlie chris christian
christopher chuck clarence claude clint colin conor connor craig curtis dale damian dan daniel danny
darren dave david dean dennis derek desmond diego dmitry dominic don donald doug douglas duncan dwight
earl eddie edgar edward edwin elijah elliot elon emmanuel emmet enrique eric erik ernest ethan eugene
evan fabio felix fernando francis francisco frank franklin fred frederick gabriel gareth gary gavin
geoffrey george gerald gerhard giorgio giuseppe glen glenn gordon graham grant greg gregory guy hamid
hans harold harry harvey hassan hector henry herbert howard hugh hugo hussein ian igor isaac ivan jack
jacob jake james jared jason javier jeb jeff jeffrey jeffery jeremy jerome jerry jesse jim jimmy joe joel
johan john johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl keir keith ken
kenneth kevin khalid kurt lamar lance larry lawrence lee leo leon leonard lewis liam lindsey lloyd louis
luis luke malcolm manuel marc marco marcus mario mark martin matt matthew maurice max michael michel
miguel mike mitch mitt mohammed muhammad mohamed nathan neil nicholas nick nicolas nigel noah norman
oliver omar oscar owen pablo patrick paul pedro pete peter philip phil pierre rahm ralph ramon randy
raul ray raymond reince richard rick ricky rob robert roberto rodrigo roger roland ron ronald rory ross
roy rudy rupert russell ryan salman samuel scott sean sebastian sergei sergio seth shane simon stanley
stefan stephen steve steven stuart ted terry thomas tim timothy todd tom tommy tony travis trevor
tyler vernon victor vincent vladimir walter warren wayne wesley william willie wolfgang xavier yusuf
zachary
""".split()
)

FEMALE = frozenset(
    """
abigail ada adriana agnes aisha alexandra alexis alice alicia alison amanda amber amelia amy ana
andrea angela angelique angelina anita ann anna anne annette antonia april ashley audrey barbara
beatrice becky betsy betty beverly bonnie brenda bridget brittany camila carla carly carmen carol
caroline carolyn catherine cathy cecile charlotte chelsea cheryl christina christine cindy claire
clara claudia colleen connie cynthia daisy dana danielle daphne darlene dawn debbie deborah debra
denise diana diane dianne donna doris dorothy edith eileen elaine eleanor elena elisabeth elise
eliza elizabeth ella ellen elsa emily emma erica erin esther eva evelyn fatima fiona florence frances
gabriela gabrielle gail georgia gina giorgia gloria grace greta gwen hannah harriet hazel heather
heidi helen helena hillary holly ingrid irene iris isabel isabella jacqueline jane janet janice
jeanne jennifer jenny jessica jill joan joanna joanne jodi josephine joy joyce judith judy julia
julie june karen karin kate katherine kathleen kathryn kathy katie kayla kelly kellyanne kim kirsten
kristen kristin laura lauren leah linda lisa liz lois loretta lori louise lucia lucy lydia lynn
madeleine maggie mandy marcia margaret maria marie marilyn marine marion marsha martha mary maureen
megan megyn melania melanie melissa meredith mia michele michelle mildred miriam molly monica nadia
nancy naomi natalia natalie nicola nicole nikki nina nora olivia pamela patricia paula pauline
peggy penny phyllis priya rachel rebecca regina rita roberta rosa rose rosemary ruth sabrina sally
samantha sandra sara sarah sharon sheila shirley sofia sonia sophia sophie stacey stephanie sue
susan suzanne sylvia tamara tammy tanya teresa theresa tina tracy ursula valerie vanessa vera
veronica victoria virginia vivian wanda wendy whitney yolanda yvonne zoe
""".split()
)


def first_name_gender(word: str) -> str | None:
    """ "m" or "f" for a common given name, None when unknown or used for both."""
    low = word.lower().rstrip(".")
    if low in MALE:
        return "m"
    if low in FEMALE:
        return "f"
    return None
