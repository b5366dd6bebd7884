"""The catalogue is the one home of every sentence: each key has English and
Dutch with the same blanks, and no other module writes a key or a template."""

from __future__ import annotations

import ast
import string
import xml.etree.ElementTree as ET
from pathlib import Path

from catalogue.keys import Key
from catalogue.sentences import SENTENCES, Explanation

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("placement", "solver", "ui")
"""Where the program's code lives, the catalogue aside (tests may spell keys)."""


def _blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_every_key_has_english_and_dutch_with_the_same_blanks() -> None:
    assert set(SENTENCES) == set(Key)
    for key, phrase in SENTENCES.items():
        assert phrase.en.strip() and phrase.nl.strip(), key
        assert _blanks(phrase.en) == _blanks(phrase.nl), key
    untranslated = [k for k, p in SENTENCES.items() if p.en == p.nl and _blanks(p.en)]
    assert not untranslated, "a sentence with blanks reads the same in Dutch and English"


def test_the_catalogue_is_the_only_place_a_sentence_key_or_template_is_written() -> None:
    keys = {str(key) for key in Key if "." in key}  # "pin" is also an ordinary word
    texts = [text for p in SENTENCES.values() for text in (p.en, p.nl)]
    templates = {t for t in texts if _blanks(t) or len(t.split()) >= 3}  # not "safety distance"
    found = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            literals = _literals(path)
            found += [(path.relative_to(ROOT), text) for text in sorted(literals & keys)]
            found += [(path.relative_to(ROOT), text) for text in sorted(literals & templates)]
    assert not found, f"written outside the catalogue: {found}"


def test_no_translation_file_repeats_a_catalogue_sentence() -> None:
    texts = {p.en for p in SENTENCES.values()} | {p.nl for p in SENTENCES.values()}
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        sources = {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}
        repeated = sorted(s for s in sources & texts if s and _blanks(s))
        assert not repeated, (ts.name, repeated)


def test_a_sentence_says_itself_in_dutch_with_dutch_numbers_and_words() -> None:
    pin = Explanation(Key.PIN, child="C7", family="F1")
    rule = Explanation(
        Key.RULE_SAFETY, family="F1", km=31.25, network="N3", child="C7", safety_km=50.0
    )
    conflict = Explanation(
        Key.CONFLICT_PIN_BREAKS, pin=pin, rule_words=Explanation(Key.RULE_WORDS_SAFETY), detail=rule
    )
    assert conflict == (
        "pin C7 → F1 breaks the safety distance: "
        "F1 is 31.2 km from a location of network N3, C7 needs 50.0 km"
    )
    assert conflict.say("nl") == (
        "vastzetting C7 → F1 breekt de veiligheidsafstand: "
        "F1 ligt op 31,2 km van een locatie van netwerk N3, C7 heeft 50,0 km nodig"
    )
    counted = Explanation(Key.EXCLUDED_SAFETY_OTHER, n=3, rule="safety")
    assert counted.say("nl") == (
        "3 gezinnen wonen te dicht bij het netwerk van het kind (veiligheidsafstand)"
    )
    named = counted.say("nl", lambda parameter, value: "Jansen" if parameter == "family" else None)
    assert named == counted.say("nl"), "a namer names records, the rest stays the catalogue's"
    same_day = Explanation(Key.ACCEPT_SAME_DAY, child="C1", date="2026-12-07")
    assert same_day.say("nl") == (
        "C1 had al een plaatsing die begint op 7 december 2026; "
        "laat de nieuwe een dag later beginnen"
    )
    refusal = Explanation(Key.REFUSAL_MAY_NOT, action="view_network")
    assert refusal == "your role may not view criminal networks"
    assert refusal.say("nl") == "uw rol geeft geen toestemming om criminele netwerken te bekijken"
