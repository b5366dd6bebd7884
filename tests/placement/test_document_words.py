"""Every code the registry accepts has Dutch words in the printed documents:
a dossier or capacity report must never show a raw code like "language-support"."""

from placement.documents import words
from placement.field_rules import TRAINING_TAGS
from placement.school_kinds import KINDS


def test_every_training_tag_has_dutch_words():
    assert set(TRAINING_TAGS) <= set(words.TRAINING)


def test_every_school_kind_has_dutch_words():
    assert set(KINDS) <= set(words.SCHOOL_KINDS)


def test_a_family_trained_in_language_support_reads_in_dutch():
    assert words.words(["language-support", "trauma"], words.TRAINING) == "taalondersteuning, trauma"
