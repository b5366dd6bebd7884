"""Reading what a person typed, in a form or a spreadsheet cell, into codes.

The one place that splits a typed list and turns each word into its code
(:mod:`catalogue.codes`), so a form and an import accept the same words and
refuse the rest with the same :class:`~catalogue.validation_sentences.FieldError`.
"""

from __future__ import annotations

import re
from typing import Final

from catalogue import codes
from catalogue.validation_sentences import FieldError

LIST_SEPARATORS: Final = re.compile(r"[;,|\n]")
"""Between the items of a typed list: ``nl; ar``, ``jongens, meisjes``."""


def split(text: str) -> list[str]:
    """The items of a typed list, trimmed, empty ones and repeats dropped, order kept."""
    seen: dict[str, None] = {}
    for part in LIST_SEPARATORS.split(text):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


def code(code_list: codes.CodeList, typed: str) -> str:
    """The code meant by one typed word; raises :class:`FieldError`."""
    found = codes.read_code(code_list, typed)
    if found is None:
        raise FieldError("code.unknown", list=code_list.name)
    return found


def code_items(code_list: codes.CodeList, typed: list[str]) -> list[str]:
    """The codes meant by typed words, repeats dropped, order kept; raises
    :class:`FieldError` naming the first word that is none of the list's."""
    found: dict[str, None] = {}
    for word in typed:
        meant = codes.read_code(code_list, word)
        if meant is None:
            if len(typed) == 1:
                raise FieldError("code.unknown", list=code_list.name)
            raise FieldError("code.unknown_item", value=word, list=code_list.name)
        found.setdefault(meant, None)
    return list(found)


def languages(typed: list[str]) -> list[str]:
    """Language codes for typed names or codes (``Nederlands``, ``AR``, ``ti``)."""
    found: dict[str, None] = {}
    for word in typed:
        meant = codes.read_language(word)
        if meant is None:
            raise FieldError("language.unknown", value=word)
        found.setdefault(meant, None)
    return list(found)
