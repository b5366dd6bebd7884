"""The code lists: every code has an English and a Dutch name, every word a
person may type means one code, and reading a typed word forgives case and
spaces but nothing else."""

from __future__ import annotations

import re

import pytest

from catalogue import codes, typed
from catalogue.validation_sentences import MESSAGES, Complaint, FieldError, render


@pytest.mark.parametrize("code_list", codes.CODE_LISTS, ids=lambda c: c.name)
def test_every_code_has_both_names_and_reads_back_from_each(code_list: codes.CodeList) -> None:
    for item in code_list:
        assert item.name.en and item.name.nl
        for word in (item.code, item.name.en, item.name.nl, *item.synonyms):
            assert codes.read_code(code_list, word) == item.code
            assert codes.read_code(code_list, f"  {word.upper()} ") == item.code
        assert all(s == s.lower() for s in item.synonyms), "synonyms are written in lower case"


@pytest.mark.parametrize(
    ("code_list", "word", "code"),
    [
        (codes.GENDERS, "jongen", "m"),
        (codes.GENDERS, "Jongens", "m"),
        (codes.GENDERS, "meisjes", "f"),
        (codes.GENDERS, "V", "f"),
        (codes.GENDERS, "boys", "m"),
        (codes.GENDERS, "anders", "x"),
        (codes.TRAININGS, "criminele uitbuiting", "exploitation"),
        (codes.TRAININGS, "Criminele  Uitbuiting", "exploitation"),
        (codes.TRAININGS, "brussen", "siblings"),
        (codes.TRAININGS, "special needs", "special-needs"),
        (codes.SCHOOL_KINDS, "basisschool", "primary"),
        (codes.SCHOOL_KINDS, "VSO", "special-secondary"),
        (codes.LANGUAGES, "Nederlands", "nl"),
        (codes.LANGUAGES, "arabisch", "ar"),
        (codes.LANGUAGES, "Arabic", "ar"),
        (codes.ROLES, "voogd", "guardian"),
        (codes.END_REASONS, "terug naar huis", "home"),
        (codes.FAMILY_STATUSES, "gepauzeerd", "paused"),
    ],
)
def test_the_words_people_type(code_list: codes.CodeList, word: str, code: str) -> None:
    assert codes.read_code(code_list, word) == code


def test_a_word_of_another_list_or_a_typo_is_no_code() -> None:
    assert codes.read_code(codes.GENDERS, "nl") is None
    assert codes.read_code(codes.TRAININGS, "uitbuitin") is None


def test_languages_without_a_name_pass_as_iso_codes() -> None:
    assert typed.languages(typed.split("Nederlands, AR; xh | Tigrinya")) == ["nl", "ar", "xh", "ti"]
    with pytest.raises(FieldError) as caught:
        typed.languages(["Nederlands", "Klingon"])
    assert caught.value.complaint == Complaint("language.unknown", {"value": "Klingon"})


def test_a_code_is_named_in_either_language_and_an_unknown_one_as_stored() -> None:
    assert codes.name(codes.TRAININGS, "exploitation", "nl") == "criminele uitbuiting"
    assert codes.name(codes.TRAININGS, "exploitation", "en") == "criminal exploitation"
    assert codes.names(codes.LANGUAGES, ["bg", "nl"], "nl") == "Bulgaars, Nederlands"
    # an older free-text reason is shown as it was stored
    assert codes.name(codes.END_REASONS, "left care", "nl") == "left care"


def test_every_message_has_the_same_placeholders_in_both_languages() -> None:
    for key, phrase in MESSAGES.items():
        assert set(re.findall(r"{(\w+)}", phrase.en)) == set(re.findall(r"{(\w+)}", phrase.nl)), key


def test_a_complaint_about_a_code_lists_the_choices_in_its_language() -> None:
    gender = {"list": "gender"}
    dutch = "is geen geslacht (gebruik: meisje, jongen, non-binair)"
    assert render("code.unknown", gender, "nl") == dutch
    assert render("code.unknown", gender, "en") == "is not a gender (use: girl, boy, non-binary)"
    millions = {"low": 0, "high": 1_000_000}
    assert render("range.between", millions, "nl") == "moet tussen 0 en 1.000.000 liggen"
