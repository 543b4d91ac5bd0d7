"""The linker's stop words are scikit-learn's, kept as data so that `kg status` need not import it."""

from __future__ import annotations

import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from kg.link.text import content_words, english_stop_words


def test_stop_words_are_scikit_learns_word_for_word():
    assert english_stop_words() == frozenset(ENGLISH_STOP_WORDS)


def test_content_words_leave_out_the_stop_words():
    assert content_words("Whereas the records themselves were nevertheless mislaid") == ["record", "mislaid"]


def test_reading_content_words_does_not_import_scikit_learn():
    code = ("import sys; from kg.link.text import content_words; content_words('the case records');"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
