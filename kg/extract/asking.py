"""The wording of an ask: whether a paragraph asks something of its reader or states a finding.

Reports of the single inspection framework (2013-18) number their asks and their findings in one run
("25. Ensure that ..." / "The local authority's strengths" / "26. The local authority's positive
recruitment strategy has resulted in ..."), and some JTAI letters write the asks of an agency among the
findings. An ask is written in the imperative ("Ensure that ...", "Urgently review ...", "When children go
missing, ensure ...") or with a verb of obligation ("Board partners need to ensure ...", "The police should
improve ..."); a finding states what is ("Children are seen ...", "There is a lack of ...").

>>> reads_as_ask("Ensure that children looked after have their reviews on time."), reads_as_ask(
...     "Appropriately resource the Board's business support arrangements.")
(True, True)
>>> reads_as_ask("When children go missing, ensure that return home interviews are timely.")
True
>>> reads_as_ask("Re-establish contact with care leavers."), reads_as_ask("To improve further the learning from audits.")
(True, True)
>>> reads_as_ask("Comply with care-planning regulations when children are looked after.")
True
>>> reads_as_ask("The Adoption Panel Chair to report annually to the local authority.")
True
>>> reads_as_ask("Although there is a representative on the Board, there is no work in place.")
False
>>> reads_as_ask("The Board has begun to develop a training programme.")
False
>>> reads_as_ask("Work to tackle domestic violence is well coordinated."), reads_as_ask(
...     "Work with partners to ensure that mental health services are provided promptly.")
(False, True)
>>> reads_as_ask("Board partners need to ensure that all agencies attend key meetings.")
True
>>> reads_as_ask("The local authority understands the need to ensure that its workforce is stable.")
False
>>> reads_as_ask("Robustly impress upon key agencies the need to rapidly improve the collection of data.")
True
>>> reads_as_ask("The local authority's positive recruitment strategy has resulted in a stable workforce.")
False
>>> reads_as_ask("Early help services for children and families are well targeted.")
False
"""

from __future__ import annotations

import re

# Verbs that open the asks of Ofsted's reports and letters, in the base form of the imperative.
ASK_VERBS = frozenset("""
accelerate achieve act address agree align allocate analyse apply appoint assess audit avoid be bring broaden build
carry cease challenge check clarify collaborate collate collect commission complete comply concentrate conduct confirm
consider consolidate continue coordinate create deliver demonstrate design determine develop devise drive embed
empower enable encourage engage enhance ensure establish evaluate evidence examine expand expedite explore
extend facilitate finalise focus formalise gather give hold identify implement improve include increase
help impress inform instigate integrate introduce invigorate involve keep launch learn listen maintain make manage
maximise measure meet minimise mobilise monitor move obtain offer oversee place plan prepare prioritise
produce progress promote provide publish put raise reconsider record recruit reduce refine refresh
reinforce renew report require reset resolve resource respond restructure review revise revitalise
scrutinise secure seek set share sharpen simplify specify stop streamline strengthen support sustain tackle
take target tighten track train undertake unite update use utilise visit work
""".split())

# Words before the verb that leave an imperative one: an adverb ("Urgently", "Further"), "To", or a
# leading clause closed by a comma ("When children go missing,", "Working with partners,").
_LEAD = re.compile(r"^(?:(?!(?:Early|Only|Family|Supply|Apply|Reply)\b)[A-Z][a-z]+ly\b|Further\b|Better\b|To\b|"
                   r"Working (?:with|through)\b[^,.;:]{3,120}?\bto\b)\s*")
# An obligation in the first sentence: "The police should improve ...", "Leaders need to ...", and the
# infinitive of the older reports' asks ("The Adoption Panel Chair to report annually ...").
_OBLIGATION = re.compile(r"\b(should|must|(?<!the )needs? to|(?:is|are) (?:required|needed)|will need to|ought to)\b",
                         re.IGNORECASE)
_INFINITIVE = re.compile(r"^(?:The|An?)\s+(?:(?:[A-Z][\w'&-]*|of|and|for|the|local|authority|area|partners?)\s+){1,8}"
                         r"to\s+([a-z]+)\b")


# Verbs of the table that are nouns as often ("Work to tackle domestic violence is well coordinated",
# "Support for care leavers is strong"): an imperative only where no verb of its own follows before the
# clause it governs.
_ALSO_NOUNS = frozenset("audit challenge check design focus help plan progress record report review support "
                        "target track train use work".split())


def _opens_with_verb(text: str) -> bool:
    rest = text
    for _ in range(2):  # "Urgently, working with ..." : at most two leads
        m = _LEAD.match(rest)
        if not m or m.group(0).strip().lower() in ASK_VERBS:  # "Comply with ..." is a verb, not an adverb
            break
        rest = rest[m.end():]
    first = re.match(r"(?:re-|co-)?([A-Za-z]+)\b", rest, re.IGNORECASE)  # "Re-establish", "Co-ordinate"
    if not first or first.group(1).lower() not in ASK_VERBS:
        return False
    if first.group(1).lower() in _ALSO_NOUNS:
        words = " ".join(rest[first.end():].split()[:7])
        head = re.split(r"\b(?:that|which|who|whom|where|when|how|so|in order|to ensure|and ensure)\b", words,
                        maxsplit=1)[0]
        return not re.search(r"\b(is|are|was|were|has|have|had)\b", head)
    return True


def reads_as_ask(text: str) -> bool:
    """Whether ``text`` is worded as an ask: an imperative verb first (or after a leading clause), or an
    obligation in its first sentence."""
    sentence = re.split(r"(?<=[.;:!?])\s", text.strip(), maxsplit=1)[0]
    if _opens_with_verb(sentence) or _OBLIGATION.search(sentence):
        return True
    m = _INFINITIVE.match(sentence)
    if m and m.group(1) in ASK_VERBS:
        return True
    # The verb after a leading clause: "When children go missing, ensure ...", "Working through, and
    # reporting to the board, ensure ...".
    return any(_opens_with_verb(sentence[m.end():]) for m in re.finditer(r",\s*", sentence[:150]))
