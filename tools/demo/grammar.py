"""The demo's sentence grammar: spoken requests to a home and travel assistant.

Sentences read like language (commands, numbers, times and dates, names, places) over a
vocabulary of a few hundred lowercase words, so that a small model trained for two hours on two
CPU cores can learn the domain. Everything is spelled out in words ("seven thirty", "twenty
five"), lowercase, without punctuation: the demo model writes what it was trained on, and
VoxBench's whisper-en normalizer scores it against the references.

    sentence(rng) -> str      one sentence from a seeded random.Random
    vocabulary() -> set       every word the grammar can produce
"""
import random
from typing import Callable, Dict, List

ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
            "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth",
            "twenty sixth", "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth",
            "thirty first"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
NAMES = ["anna", "peter", "maria", "james", "sofia", "david", "emma", "lucas", "olivia",
         "daniel", "laura", "michael", "sarah", "thomas", "julia", "robert", "helen", "oscar",
         "nina", "victor", "grace", "henry", "alice", "samuel"]
RELATIONS = ["mom", "dad", "my sister", "my brother", "the office", "the doctor",
             "my neighbour", "the school"]
CITIES = ["london", "paris", "berlin", "madrid", "rome", "vienna", "prague", "boston",
          "chicago", "denver", "seattle", "toronto", "dublin", "oslo", "lisbon", "tokyo",
          "sydney", "cairo", "munich", "amsterdam"]
PLACES = ["the central station", "the airport", "the museum", "the city library",
          "the nearest pharmacy", "the train station", "the town hall", "the beach",
          "the shopping centre", "the hospital", "the football stadium", "the old market",
          "the university", "the post office", "the bus stop", "home", "work"]
ROOMS = ["kitchen", "living room", "bedroom", "bathroom", "garage", "hallway", "office",
         "garden", "basement", "dining room"]
DEVICES = ["lights", "heating", "fan", "television", "radio", "coffee machine",
           "air conditioning", "dishwasher", "washing machine", "alarm system"]
GENRES = ["jazz", "classical music", "rock", "some relaxing music", "the news", "pop music",
          "folk songs", "the radio", "my playlist", "something upbeat"]
WEATHER = ["weather", "temperature", "forecast", "chance of rain", "wind speed"]
WHEN = ["today", "tomorrow", "tonight", "this evening", "this weekend", "next week",
        "tomorrow morning", "on the weekend"]
ITEMS = ["milk", "bread", "eggs", "apples", "coffee", "butter", "rice", "tomatoes",
         "cheese", "orange juice", "potatoes", "batteries", "soap", "chicken"]
COLOURS = ["red", "blue", "green", "yellow", "white", "orange", "purple", "warm white"]


def number(rng: random.Random, lo: int = 1, hi: int = 99) -> str:
    n = rng.randint(lo, hi)
    return spell(n)


def spell(n: int) -> str:
    if n < 10:
        return ONES[n - 1] if n else "zero"
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t - 2] + ("" if o == 0 else " " + ONES[o - 1])
    h, r = divmod(n, 100)
    return ONES[h - 1] + " hundred" + ("" if r == 0 else " and " + spell(r))


def clock(rng: random.Random) -> str:
    hour = rng.choice(ONES + ["ten", "eleven", "twelve"])
    kind = rng.randrange(5)
    if kind == 0:
        return hour + " o'clock"
    if kind == 1:
        return hour + " thirty"
    if kind == 2:
        return "half past " + hour
    if kind == 3:
        return "quarter to " + hour
    return hour + " " + rng.choice(["fifteen", "forty five", "twenty", "ten", "fifty"])


def date(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "on " + rng.choice(DAYS)
    return "on the " + rng.choice(ORDINALS) + " of " + rng.choice(MONTHS)


def person(rng: random.Random) -> str:
    return rng.choice(NAMES) if rng.random() < 0.75 else rng.choice(RELATIONS)


def _alarm(r):
    return f"set an alarm for {clock(r)} " + r.choice(["", "tomorrow", date(r)]).strip()


def _timer(r):
    unit = r.choice(["minutes", "seconds", "hours"])
    return f"set a timer for {number(r, 2, 59)} {unit}"


def _call(r):
    return r.choice(["call", "phone", "ring"]) + " " + person(r) + r.choice(
        ["", " at home", " on the mobile", " at work"])


def _message(r):
    body = r.choice(["i will be late", f"see you at {clock(r)}", "i am on my way",
                     f"meet me at {r.choice(PLACES)}", "dinner is ready",
                     f"the meeting moved to {r.choice(DAYS)}"])
    return f"send a message to {person(r)} saying {body}"


def _lights(r):
    verb = r.choice(["turn on the", "turn off the", "switch on the", "switch off the"])
    return f"{verb} {r.choice(ROOMS)} {r.choice(DEVICES)}"


def _dim(r):
    return r.choice([f"dim the {r.choice(ROOMS)} lights to {number(r, 10, 90)} percent",
                     f"set the {r.choice(ROOMS)} lights to {r.choice(COLOURS)}",
                     f"set the heating to {number(r, 15, 25)} degrees"])


def _weather(r):
    return f"what is the {r.choice(WEATHER)} in {r.choice(CITIES)} {r.choice(WHEN)}"


def _navigate(r):
    dest = r.choice(PLACES) if r.random() < 0.6 else r.choice(PLACES) + " in " + r.choice(CITIES)
    return r.choice(["navigate to", "how do i get to", "show me the way to",
                     "how long does it take to get to"]) + " " + dest


def _music(r):
    return f"play {r.choice(GENRES)} in the {r.choice(ROOMS)}"


def _shopping(r):
    a, b = r.sample(ITEMS, 2)
    return r.choice([f"add {a} to the shopping list", f"add {a} and {b} to my shopping list",
                     f"remove {a} from the shopping list", f"do we need {a}"])


def _meeting(r):
    return (f"schedule a meeting with {person(r)} {date(r)} at {clock(r)}")


def _remind(r):
    task = r.choice(["call " + person(r), "buy " + r.choice(ITEMS), "water the plants",
                     "take out the rubbish", "pick up " + r.choice(NAMES) + " from "
                     + r.choice(PLACES)])
    return f"remind me to {task} {r.choice(WHEN)}"


def _flight(r):
    a, b = r.sample(CITIES, 2)
    return r.choice([f"book a flight from {a} to {b} {date(r)}",
                     f"when does the next train to {b} leave",
                     f"find a hotel in {a} for {number(r, 2, 9)} nights"])


def _math(r):
    return r.choice([f"what is {number(r)} plus {number(r)}",
                     f"what is {number(r, 2, 12)} times {number(r, 2, 12)}",
                     f"convert {number(r)} miles to kilometres"])


def _question(r):
    return r.choice([f"what time is it in {r.choice(CITIES)}", "what day is it today",
                     f"how far is {r.choice(CITIES)} from {r.choice(CITIES)}",
                     f"is {r.choice(PLACES)} open {r.choice(WHEN)}"])


TEMPLATES: List[Callable[[random.Random], str]] = [
    _alarm, _timer, _call, _message, _lights, _dim, _weather, _navigate, _music, _shopping,
    _meeting, _remind, _flight, _math, _question]


QUESTIONS = {_weather, _navigate, _math, _question, _shopping}


def sentence(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    text = template(rng)
    if template not in QUESTIONS and rng.random() < 0.15:
        text = rng.choice(["please ", "could you ", "hey assistant "]) + text
    return " ".join(text.split())


def vocabulary() -> set:
    rng = random.Random(0)
    words = set()
    for _ in range(200000):
        words.update(sentence(rng).split())
    return words


def stats() -> Dict[str, int]:
    return {"words": len(vocabulary()), "templates": len(TEMPLATES)}


if __name__ == "__main__":
    r = random.Random(1)
    for _ in range(10):
        print(sentence(r))
    print(stats())
