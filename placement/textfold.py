"""Text folded so that look-alike spellings compare equal.

Used where the program must recognise a value however it was typed: the
dossier leak check compares a document's text with the values its reader may
not see, and a zero-width space, a soft hyphen, a Cyrillic "а" or a
full-width digit must not hide a network label or another child's name.

Both sides of a comparison go through :func:`fold`:

1. Unicode NFKC (full-width and compatibility forms become plain letters);
2. invisible and format characters removed (:func:`strip_invisible`:
   zero-width spaces and joiners, soft hyphen, bidi marks, variation
   selectors, word joiner, byte-order mark);
3. each character replaced by the representative of its look-alike class
   (Unicode's confusables table, UTS #39, as shipped by the maintained
   ``confusable_homoglyphs`` package). Classes also join a letter with its
   case-folded form where it is a look-alike of another letter: "I", "l",
   "1" and "i" are one class, and so are "O", "0" and "o". Only
   one-character look-alikes are folded ("rn" for "m" is not). This is done
   in the letter's own case (Greek "Ν" looks like "N", "ν" like "v"), then
4. case folded, and look-alikes folded once more.

Whitespace is left to the caller: :func:`words` turns text into its words,
one space apart, so line breaks and punctuation stop mattering.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_INVISIBLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xE0100, 0xE01EF),  # variation selectors supplement
)


def _invisible(char: str) -> bool:
    if unicodedata.category(char) == "Cf":  # format: ZWSP, ZWJ, soft hyphen, bidi marks, BOM, ...
        return True
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _INVISIBLE_RANGES)


def strip_invisible(text: str) -> str:
    """``text`` without the characters that print as nothing."""
    return "".join(c for c in text if not _invisible(c))


@cache
def _classes() -> dict[str, str]:
    """Each character that has look-alikes, mapped to its class's representative
    (the ASCII member with the lowest code point where there is one)."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def find(c: str) -> str:
        root = c
        while parent.get(root, root) != root:
            root = parent[root]
        while c != root:  # path compression
            parent[c], c = root, parent[c]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            parent.setdefault(rb, rb)

    for source, entries in confusables_data.items():
        source = strip_invisible(source)
        for entry in entries:
            target = strip_invisible(entry["c"])
            if len(source) == 1 and len(target) == 1:
                union(source, target)
    # Upper-case "I" and "O" look like "l" and "0"; folded to "i" and "o" first
    # they would no longer meet them. These two joins say it explicitly (a
    # join of every letter with its case-folded form would chain unrelated
    # classes through letters such as "Ƽ", which looks like "5", and "ƽ", "s").
    for a, b in (("l", "i"), ("0", "o")):
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        union(a, b)

    members: dict[str, list[str]] = {}
    for char in parent:
        members.setdefault(find(char), []).append(char)
    table = {}
    for group in members.values():
        representative = min(group, key=lambda c: (not c.isascii(), ord(c)))
        for char in group:
            if char != representative:
                table[char] = representative
    return table


# Romanian ș and ț are often typed with a cedilla (ş, ţ): one letter here.
_CEDILLA = {ord(a): b for a, b in zip("şţŞŢ", "șțȘȚ", strict=True)}


@cache
def _translation() -> dict[int, str]:
    return {ord(c): r for c, r in _classes().items()}


def fold(text: str) -> str:
    """``text`` normalised (NFKC), without invisible characters, case folded and
    with every look-alike letter replaced by its class's representative."""
    table = _translation()
    text = unicodedata.normalize("NFKC", strip_invisible(unicodedata.normalize("NFKC", text)))
    # Look-alikes first in the letter's own case (a Greek capital "Ν" looks like
    # "N", its small "ν" like "v"), then case folded, then once more for the
    # letters that only look alike in small letters.
    text = text.translate(_CEDILLA).translate(table).casefold()
    return text.translate(table).casefold()


_WORD = re.compile(r"\w+")


def words(text: str) -> str:
    """The folded words of ``text``, one space apart and around: a whole-word
    search becomes a substring search, whitespace, line breaks and
    punctuation stop mattering."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def digits(text: str) -> str:
    """``text`` with NFKC applied, invisible characters removed and every
    decimal digit of any script written as an ASCII digit (for reading
    numbers: "５２.３７" and "٥٢.٣٧" are both 52.37)."""
    text = strip_invisible(unicodedata.normalize("NFKC", text))
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c for c in text)
