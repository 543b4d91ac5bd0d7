"""The linker's text and similarity: an ask's and a sentence's content words (stemmed, without stop words
and the words of an ask's form), its lead terms, and TF-IDF cosine between them."""

from __future__ import annotations

import functools
import itertools
import re

from kg import cues

_STOP = None
# Words of the ask's form, not its topic.
_FORM_WORDS = {
    "need", "needs", "needed", "should", "ensure", "improve", "improved", "improvement", "improvements",
    "improving", "local", "authority", "develop", "developed", "area", "areas", "identified", "previous",
    "inspection", "last", "still", "addressed", "address", "resolved", "remain", "remains", "continue",
    "reported", "addition", "problem", "long", "standing", "yet", "one", "council", "make",
    "sure", "way", "within", "does", "will", "good", "well", "work", "working",
}
_SYNONYMS = {"file": "record", "children": "child", "record": "record", "history": "story", "advisor": "advis", "adviser": "advis", "leaving": "leaver",
             # the field's two words for one thing ("manageable workloads" of social workers)
             "workload": "caseload", "permanency": "permanence"}
# Forms of one word that the suffix stripper does not meet ("thresholds are well understood" for "the understanding
# of thresholds", "assessments are analytical" for "the analysis of assessments", "children with disabilities" for
# "disabled children", "a more stable workforce" for "the stability of the workforce"). Not "applied" for
# "application": that thresholds are applied well says nothing of who applies them, which is what such an ask is
# often about ("across all agencies", "with adolescents").
_SYNONYMS.update({
    "understood": "understand", "analys": "analysi", "analyse": "analysi", "analytical": "analysi", "analytic": "analysi",
    "disability": "disabl", "disable": "disabl", "neglectful": "neglect", "stable": "stability",
    "educational": "education", "accommodat": "accommodation", "receiv": "receive", "conferenc": "conference",
})
# The field's names for one thing, read as one before the words are counted: a later report rarely words a group
# of children, a role or a process as the earlier ask did ("care-experienced young people" for care leavers,
# "IROs" for independent reviewing officers).
PHRASE_SYNONYMS = {
    "care-experienced young people": "care leavers", "care-experienced young person": "care leaver",
    "care experienced young people": "care leavers", "care-experienced adults": "care leavers",
    "care-experienced": "care leavers", "care experienced": "care leavers",
    "independent reviewing officers": "iros", "independent reviewing officer": "iro",
    "public law outline": "plo",
    # Planning for another outcome should the first plan fail: "parallel planning", "contingency planning".
    "parallel planning": "contingency planning", "parallel plans": "contingency plans",
    "parallel plan": "contingency plan",
    "managerial oversight": "management oversight", "managers' oversight": "management oversight",
    # ... and an abbreviation the field writes beside its name ("the multi-agency safeguarding hub (MASH)"): one
    # term, so that the name's words do not weigh down the sentence against an ask that says "the MASH".
    "multi-agency safeguarding hubs": "mashes", "multi-agency safeguarding hub": "mash",
}
_PHRASES = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(PHRASE_SYNONYMS, key=len, reverse=True))
                      + r")\b")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light suffix stripper: enough to meet "requests"/"request", "delays"/"delay"."""
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + repl
            break
    return _SYNONYMS.get(word, word)


def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words."""
    # Its list kept as data (checked against sklearn's public ENGLISH_STOP_WORDS by the tests): importing
    # scikit-learn takes seconds, and `kg status` reads content words without it.
    from kg.link.stop_words import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS


def content_words(text: str) -> list[str]:
    """Stemmed content words, without stop words and without the words of an ask's form.

    >>> content_words("Care leavers have access to their case files")
    ['care', 'leaver', 'access', 'case', 'record']
    """
    return list(_content_words(text))


@functools.lru_cache(maxsize=32768)
def _content_words(text: str) -> tuple[str, ...]:
    """content_words, once per text: the TF-IDF fit, the subject-word check and the rebuilding of asks
    each read the same sentences."""
    text = text.lower().replace("\u2019", "'")
    # Each pattern only where it can match (every phrase's match is the phrase; every possessive has its
    # apostrophe): most sentences have neither, and a pattern is tried at every character.
    if any(phrase in text for phrase in PHRASE_SYNONYMS):
        text = _PHRASES.sub(lambda m: PHRASE_SYNONYMS[m.group(0)], text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    return tuple(w for w in map(_token_word, _TOKEN.findall(text)) if w is not None)


_POSSESSIVE = re.compile(r"'s\b|s'(?=\s)")
_TOKEN = re.compile(r"[a-z][a-z'-]+")


@functools.cache
def _token_word(token: str) -> str | None:
    """A token's content word (stemmed), or None for a stop word, a word of an ask's form or a short one: the
    same tokens recur in every sentence, each read once (the tables it reads never change)."""
    global _STOP
    if _STOP is None:
        _STOP = english_stop_words() | _FORM_WORDS
    word = token.strip("'-")
    return _stem(word) if word not in _STOP and len(word) > 2 else None


# Words that say who or how, not what: a sentence and an ask that share only these ("care leavers",
# "quality", "strategy", "implemented") are about different things, so they never name an ask's subject.
_GENERIC = {
    "child", "young", "people", "person", "family", "care", "leaver", "social", "worker", "look", "looked",
    "quality", "impact", "help", "understand", "progress", "strategy", "implement", "service", "practice",
    "effective", "effectiveness", "consistent", "consistency", "consistently", "increase", "review", "plan",
    "timely", "timeliness", "support", "staff", "manager", "leader", "level", "number", "time", "need",
    "ensur", "provide", "provid", "use", "plann", "planning", "new", "current", "range", "experience", "outcome", "professional",
    "partnership", "partner",
    "vulnerable",  # who the children are ("children who are vulnerable to exploitation")
}


# Words of manner and degree: what an ask wants of its subject ("the quality and timeliness of ..."), not
# the subject itself.
_MANNER = {
    "quality", "impact", "effective", "effectiveness", "consistent", "consistency", "consistently", "timely",
    "timeliness", "increase", "progress", "implement", "use", "new", "current", "range", "level", "number",
    "time", "ensur", "provide", "provid", "understand", "help", "experience", "outcome", "need", "accuracy",
    "efficacy", "specificity", "rigour", "robust", "robustness", "clear", "clarity", "sufficient", "appropriate",
    "relevant", "include", "includ", "strengthen", "evaluate", "evaluat", "monitor", "embed", "review",
    # ... and the frame an ask puts its subject in ("the accessibility of", "the consideration of", "in regard to").
    "appropriateness", "accessibility", "comprehensiveness", "consideration", "completion", "identification",
    "inclusion", "regard",
    # ... the work or process an ask puts its subject in ("the application of thresholds", "the development of
    # pre-proceedings work", "the evaluation of direct work", "the response to exploitation").
    "application", "development", "evaluation", "response", "availability", "provision", "involvement",
    "contribution",
}
LEAD_WORDS = 12  # an ask names its subject first; what comes later are examples and purposes


@functools.lru_cache(maxsize=65536)
def lead_terms(text: str) -> frozenset[str]:
    """The topic words among the first words of an ask ("Refine the data-set ..., such as return home
    interviews" is about the data-set, not about return home interviews).

    >>> sorted(lead_terms("Continue to refine the LSCB data-set to monitor the effectiveness of safeguarding"))
    ['data-set', 'lscb', 'monitor', 'refine', 'safeguard']
    """
    lead = content_words(text)[:LEAD_WORDS]
    return frozenset(w for w in lead if w not in _GENERIC) or frozenset(w for w in lead if w not in _MANNER and w not in _WHO_AND_HOW)


# An ask whose every lead word is one most asks share ("The quality and consistency of plans", "The support
# provided to care leavers") is still about something: its words less those of manner and of who it is for (the
# children, cues.POPULATION_WORDS, and those who work with them).
_WHO_AND_HOW = set(_content_words(" ".join(cues.POPULATION_WORDS))) | {
    "social", "worker", "staff", "manager", "leader", "professional", "partner", "partnership", "look", "looked",
    "vulnerable"}


# A list of examples in a sentence ("In some areas, such as private fostering and return home interviews, ...
# performance data is not accurate"): what it lists is not what the sentence is about.
_EXAMPLES = re.compile(r"\b(?:such as|for example|for instance|e\.g\.)[^,;.]*", re.IGNORECASE)


def words_beside_examples(text: str) -> set[str]:
    """A sentence's content words, less those of the examples it lists.

    >>> sorted(words_beside_examples("In some areas, such as private fostering, performance data is not accurate."))
    ['accurate', 'data', 'performance']
    """
    return set(_content_words(_EXAMPLES.sub(" ", text)))


@functools.lru_cache(maxsize=65536)
def analyzer(text: str) -> tuple[str, ...]:
    words = _content_words(text)
    return (*words, *(f"{a} {b}" for a, b in itertools.pairwise(words)))


def tfidf(texts: list[str]):
    """TF-IDF rows of the texts (scikit-learn; rows L2-normalised, so a row dot product is a cosine).

    scikit-learn costs about a second to import; ``kg.pipeline.warm_linker`` imports it in the workers
    while they extract, so a one-document rebuild does not wait for it.
    """
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    words = list(map(analyzer, texts))
    terms = set().union(*words)
    if not terms:  # scikit-learn refuses an empty vocabulary
        return sp.csr_matrix((len(texts), 0))
    # The columns in sorted order, as scikit-learn's vectoriser sorts them (the order of each row's terms is the
    # order its squares are summed in to normalise it).
    vocabulary = {w: i for i, w in enumerate(sorted(terms))}
    return TfidfTransformer(sublinear_tf=True).fit_transform(term_counts(words, vocabulary))


def term_counts(words: list[tuple[str, ...]], vocabulary: dict[str, int]):
    """The document-term matrix of each text's terms: the one scikit-learn's TfidfVectorizer counts, term by term
    in Python, before it weighs it (the same counts, columns and order), counted here by numpy at once."""
    import numpy as np
    import scipy.sparse as sp

    flat = np.fromiter(map(vocabulary.__getitem__, itertools.chain.from_iterable(words)), dtype=np.int64)
    rows = np.repeat(np.arange(len(words), dtype=np.int64), [len(w) for w in words])
    cells, counts = np.unique(rows * len(vocabulary) + flat, return_counts=True)  # sorted: by row, then column
    indptr = np.concatenate(([0], np.cumsum(np.bincount(cells // len(vocabulary), minlength=len(words)))))
    return sp.csr_matrix((counts.astype(np.int64), cells % len(vocabulary), indptr),
                         shape=(len(words), len(vocabulary)))


class Similarity:
    """TF-IDF cosine over one authority's recommendation texts and later sentences."""

    def __init__(self, texts: list[str]):
        import sklearn.feature_extraction.text  # noqa: F401 -- so that pipeline.warm_linker loads it

        self.index = {t: i for i, t in enumerate(dict.fromkeys(texts))}
        self.matrix = tfidf(list(self.index)) if self.index else None

    def score(self, a: str, b: str) -> float:
        """Cosine of two indexed texts (TF-IDF rows are L2-normalised), to three decimals."""
        return round(float(self.scores([a], [b])[0, 0]), 3)

    def scores(self, rows: list[str], cols: list[str]):
        """Cosines of every row text with every column text (0.0 for a text not indexed), not rounded, as
        an array from one sparse matrix product: scoring pair by pair in Python was most of the linking time."""
        import numpy as np

        out = np.zeros((len(rows), len(cols)))
        ri = [(k, self.index[t]) for k, t in enumerate(rows) if t in self.index]
        ci = [(k, self.index[t]) for k, t in enumerate(cols) if t in self.index]
        if ri and ci:
            product = self.matrix[[i for _, i in ri]] @ self.matrix[[i for _, i in ci]].T
            out[np.ix_([k for k, _ in ri], [k for k, _ in ci])] = product.toarray()
        return out


def _scores(sim, rows: list[str], cols: list[str]):
    """sim.scores, or pair by pair for a similarity that only scores pairs (benchmarks/compare_similarity.py
    puts one in place of Similarity)."""
    import numpy as np

    if hasattr(sim, "scores"):
        return sim.scores(rows, cols)
    return np.array([[sim.score(a, b) for b in cols] for a in rows]).reshape(len(rows), len(cols))
