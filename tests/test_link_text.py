"""The linker's text (kg.link.text) as first written and as made faster: the same words and the same TF-IDF
matrix, to the bit."""

from __future__ import annotations

from pathlib import Path

SEED_DOCUMENTS = Path(__file__).resolve().parents[1] / "examples" / "documents"


def _seed_sentences() -> list[str]:
    from kg.document import sentence_spans

    texts = []
    for path in sorted(SEED_DOCUMENTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[a:b] for a, b in sentence_spans(text)]
    return list(dict.fromkeys(t for t in texts if t.strip()))


def test_tfidf_is_scikit_learns_vectoriser_to_the_bit():
    """The linker counts the terms itself and lets scikit-learn weigh them: the same matrix, value for value,
    as TfidfVectorizer makes (a cosine at a threshold must not move), with empty texts and repeated terms."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from kg.link import analyzer, tfidf

    texts = _seed_sentences()[:400] + ["", "the and of", "care care care leavers leavers", "Care leavers."]
    vocabulary = {w: i for i, w in enumerate(sorted(set().union(*map(analyzer, texts))))}
    want = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, vocabulary=vocabulary,
                           lowercase=False).fit_transform(texts)
    got = tfidf(texts)
    assert got.shape == want.shape
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(got, part), getattr(want, part)), part


def _plain_content_words(text: str) -> tuple[str, ...]:
    """content_words as first written: every pattern on every text, every token read afresh."""
    import re

    from kg.link import text as t

    stop = t.english_stop_words() | t._FORM_WORDS
    text = t._PHRASES.sub(lambda m: t.PHRASE_SYNONYMS[m.group(0)], text.lower().replace("\u2019", "'"))
    text = re.sub(r"'s\b|s'(?=\s)", "", text)
    words = [w.strip("'-") for w in re.findall(r"[a-z][a-z'-]+", text)]
    return tuple(t._stem(w) for w in words if w not in stop and len(w) > 2)


def test_content_words_skip_only_patterns_that_cannot_match():
    from kg.link import content_words

    texts = _seed_sentences() + [
        "Care-experienced young people's IROs: the managers' oversight of 'children' in care-experienced homes.",
        "The independent reviewing officers' and the council's plans", "it's -- 'quoted' words' end", "PLO."]
    for text in texts:
        assert tuple(content_words(text)) == _plain_content_words(text), text
