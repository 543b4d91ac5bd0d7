"""A short topic title for an ask, from its own words: what it is about, not who must do it.

"The local authority should ensure that supervision records are suitably detailed" is about
"Supervision records"; "Improve the timeliness of the police response" about "Timeliness of the police
response". The words an ask opens with before its topic (who is asked, the verb of asking) and the words
its topic ends at are the tables below; the title is cut at a word boundary to a few words.

>>> title("The local authority should ensure that supervision records are suitably detailed.")
'Supervision records'
>>> title("Improve the timeliness of the police response to all incidents when there is a risk.")
'Timeliness of the police response'
>>> title("the Domestic Violence Strategic Board to review the services provided through housing for victims")
'Services provided through housing for victims'
>>> title("Delays in providing access to records when this is requested by young people in care.")
'Delays in providing access to records'
"""

from __future__ import annotations

import re

# Who an ask is addressed to, when it opens with them ("Leaders should ...", "the council to review ...").
ACTORS = (
    r"(?:the )?(?:local authority|council|authority|lscb|lscp|bscb|board|safeguarding partners?|partners?|"
    r"senior leaders?|leaders?|managers?|senior managers?|police|health partners?|the \w+ (?:strategic )?board|"
    r"[\w' ]{0,60}? board|[\w' ]{0,40}? chairs?)(?: and (?:its|their) partners)?"
)
# How an ask asks: modal verbs and the verbs of asking that come before its topic.
MODALS = r"(?:should|must|needs? to|is to|are to|to|will)"
VERBS = (
    "ensure", "improve", "increase", "develop", "review", "revise", "strengthen", "continue", "embed",
    "appoint", "implement", "establish", "address", "reduce", "build", "upon", "and", "further", "urgently",
    "consistently", "promote", "provide", "make", "take", "offer", "enhance", "raise", "sharpen", "secure",
    "undertake", "consider", "monitor", "evaluate", "track", "challenge", "introduce", "extend", "put",
    "in", "place", "that", "there", "is", "are", "a", "an", "the", "all", "its", "their", "current", "existing",
    "to", "of", "be", "fully", "understand", "should", "must",
)
LEAD = re.compile(rf"^(?:{ACTORS})\s+{MODALS}\s+", re.IGNORECASE)
# Where the topic ends: a clause of purpose, of manner, or the verb of a "X should be improved" ask.
TOPIC_END = re.compile(
    r"\s+(?:to ensure|so that|so|in order to|so as to|which|who|when|where|by|through the|as a matter|"
    r"(?:is|are|should|must|needs? to|has|have|to be|continues?)\b)\s|[,;:(.]",
    re.IGNORECASE)
LOOSE_ENDS = {"of", "the", "to", "and", "for", "in", "with", "within", "a", "an", "on", "at", "their", "its", "all", "or",
              "can", "by"}
MAX_WORDS = 7
MAX_CHARS = 52


def title(text: str) -> str:
    """A few words naming what the ask is about (never empty for a non-empty ask)."""
    words = " ".join(text.split())
    topic, after = _topic(LEAD.sub("", words, count=1))
    if len(topic.split()) < 2 and after:  # "All professionals need to understand X": X is the topic
        topic = _topic(after)[0] if len(_topic(after)[0].split()) >= 2 else f"{topic} {_topic(after)[0]}"
    short = _clip_words(topic) or _clip_words(words)
    return short[:1].upper() + short[1:]


def _topic(text: str) -> tuple[str, str]:
    """The words from the first word of the topic to the first place it ends, and what follows."""
    tokens = text.split(" ")
    while len(tokens) > 1 and tokens[0].lower() in VERBS:
        tokens.pop(0)
    rest = " ".join(tokens)
    cut = TOPIC_END.search(rest, 1)
    return (rest[: cut.start()], rest[cut.end():]) if cut else (rest, "")


def _clip_words(text: str) -> str:
    words = text.strip(" .,;:").split()[:MAX_WORDS]
    while len(" ".join(words)) > MAX_CHARS and len(words) > 2:
        words.pop()
    while len(words) > 2 and words[-1].lower() in LOOSE_ENDS:
        words.pop()
    return " ".join(words)
