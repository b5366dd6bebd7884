"""The pages of a dossier and of the police's missing-person sheet, in Dutch.

Which sections appear is the recipient's policy; this module only lays out
what the policy lets through.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from catalogue import codes, numbers
from catalogue.keys import Key
from catalogue.sentences import Explanation
from placement.aftercare_codes import RISK_GRADES, end_reason_name
from placement.documents.styles import RULE, grid_table, key_value_table, para
from placement.documents.template import BODY_WIDTH
from placement.services.dossier.gathering import ABROAD, DossierData
from placement.services.dossier.recipients import (
    NOTES_LEFT_OUT,
    Notes,
    Policy,
    Recipient,
    split_notes,
)
from placement.storage.models import MissingEpisode

LANGUAGE = "nl"
"""Dossiers are printed in Dutch, as the offices and recipients read them."""


def date_text(day: dt.date | None) -> str:
    return numbers.date(day, "nl", short=True) if day else "-"


def _km(value: float | None) -> str:
    return "-" if value is None else f"{numbers.number(value, 'nl')} km"


def _points(value: float) -> str:
    return numbers.number(value, "nl", 1, sign=True)


Section = tuple[str, list[Flowable]]


def _child_section(d: DossierData, policy: Policy) -> Section | None:
    rows = [
        ("Naam", d.name),
        ("Geboortedatum", f"{date_text(d.date_of_birth)} ({d.age} jaar)"),
        ("Geslacht", codes.name(codes.GENDERS, d.gender, LANGUAGE)),
        ("Talen", codes.names(codes.LANGUAGES, d.languages, LANGUAGE, "geen")),
    ]
    if policy.child_needs:
        rows.append(("Benodigde deskundigheid", codes.names(codes.TRAININGS, d.training_needed, LANGUAGE, "geen")))
        rows.append(("Onderwijs", codes.name(codes.SCHOOL_KINDS, d.school_kind, LANGUAGE) if d.school_kind
                     else "geen schoolplaats nodig"))
    lines = split_notes(d.notes)
    shown = [text for shareable, text in lines
             if policy.notes == Notes.ALL or (policy.notes == Notes.SHAREABLE and shareable)]
    if shown:
        rows.append(("Aandachtspunten", " ".join(shown)))
    if len(shown) < len(lines):
        rows.append(("Weggelaten", NOTES_LEFT_OUT))
    return "Het kind", [key_value_table(rows, BODY_WIDTH)]


def _placement_section(d: DossierData, policy: Policy) -> Section | None:
    if d.family_name is None:
        return "Plaatsing", [para("Het kind is op dit moment niet geplaatst.")]
    if policy.authorisation and not d.family_is_unit:  # the unit's copy never names a family
        return "Plaatsing", [para("Het kind woont nog niet in de gesloten afdeling.")]
    rows = [("Gesloten afdeling" if d.family_is_unit else "Pleeggezin", d.family_name)]
    if policy.family_address:
        rows.append(("Adres", f"{d.family_address}, {d.family_postcode} {d.family_municipality}"))
    elif policy.family_municipality:
        rows.append(("Gemeente", d.family_municipality or "-"))
    rows.append(("Geplaatst sinds", date_text(d.start_date)))
    if d.school_name:
        school = d.school_name
        if policy.family_municipality and d.school_municipality:
            school += f" ({d.school_municipality})"
        rows.append(("School", school))
    elif d.schooled_on_site:
        rows.append(("School", Explanation(Key.TERM_SCHOOL_ON_SITE).say("nl")))
    else:
        rows.append(("School", "geen schoolplaats"))
    return "Plaatsing en school", [key_value_table(rows, BODY_WIDTH)]


def _authorisation_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.authorisation:
        return None
    title = "Machtiging gesloten jeugdhulp"
    if d.authorisation_until is None:
        return title, [para("Er is op dit moment geen geldige machtiging: het kind mag niet in een gesloten "
                            "afdeling verblijven. Neem direct contact op met de voogd.", "Notice")]
    rows = [("Soort", codes.name(codes.AUTHORISATION_KINDS, d.authorisation_kind or "", "nl")),
            ("Geldig tot en met", date_text(d.authorisation_until))]
    return title, [key_value_table(rows, BODY_WIDTH),
                   para("Na deze datum mag het kind alleen blijven met een nieuwe machtiging.")]


def _history_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.history or not (d.episodes or any(line.end_date for line in d.history)):
        return None
    story: list[Flowable] = []
    if d.history:
        rows = [[line.family or "een eerder pleeggezin", date_text(line.start_date),
                 date_text(line.end_date) if line.end_date else "nu", end_reason_name(line.end_reason)]
                for line in d.history]  # fmt: skip
        story.append(grid_table(["Pleeggezin", "Van", "Tot", "Reden van beëindiging"], rows,
                                [0.35 * BODY_WIDTH, 0.17 * BODY_WIDTH, 0.17 * BODY_WIDTH, 0.31 * BODY_WIDTH]))
    if d.episodes:
        story.append(Spacer(0, 3 * mm))
        story.append(para(f"Vermissingen: {len(d.episodes)}."))
        rows = [[e.last_seen_at.strftime("%d-%m-%Y %H:%M"), e.last_seen_where or "-", RISK_GRADES[e.risk].nl,
                 (e.found_at.strftime("%d-%m-%Y %H:%M") + (f" ({e.found_country})" if e.found_country else ""))
                 if e.found_at else "nog vermist",
                 "gevoerd" if e.interview_held else ("nog te voeren" if e.found_at else "-")]
                for e in d.episodes]  # fmt: skip
        story.append(grid_table(["Laatst gezien (UTC)", "Waar", "Risico", "Gevonden", "Terugkeergesprek"], rows,
                                [w * BODY_WIDTH for w in (0.22, 0.26, 0.1, 0.24, 0.18)]))
    return "Plaatsingsgeschiedenis en vermissingen", story


def _siblings_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.siblings or d.sibling_rule is None:
        return None
    title = "Broers en zussen en contactregeling"
    body: list[Flowable] = [para(d.sibling_rule), Spacer(0, 2 * mm)]
    if not d.siblings:
        return title, [*body, para("Er zijn geen andere broers of zussen in zorg.")]
    if policy.sibling_whereabouts:
        header = ["Naam", "Leeftijd", "Woont bij", "Gemeente"]
        rows = [
            [s.name, f"{s.age} jaar", s.family or "nog niet geplaatst", s.municipality or "-"]
            for s in d.siblings
        ]
        widths = [0.3, 0.14, 0.32, 0.24]
    else:
        header = ["Naam", "Leeftijd", "Woont"]
        rows = [
            [s.name, f"{s.age} jaar", "in hetzelfde gezin" if s.same_family else "in een ander pleeggezin"]
            for s in d.siblings
        ]
        widths = [0.4, 0.2, 0.4]
    return title, [*body, grid_table(header, rows, [w * BODY_WIDTH for w in widths])]


def _safety_section(d: DossierData, policy: Policy) -> Section | None:
    title = "Veiligheidsplan"
    if not policy.safety_areas:
        return title, [
            para(
                "Geef het kind nooit mee aan iemand die niet op de lijst hieronder staat, ook niet "
                "aan familieleden of bekenden die zich melden. Neem bij twijfel direct contact op met "
                "de voogd.",
                "Notice",
            ),
        ]
    story: list[Flowable] = []
    if not d.avoid:
        return title, [para("Er zijn geen gebieden bekend die het kind moet vermijden.")]
    home = "De afdeling ligt" if d.family_is_unit else "Het pleeggezin woont"
    story.append(para(
        f"Het kind moet uit de buurt blijven van de onderstaande gebieden. {home} "
        f"minstens {_km(d.safety_km)} van elke bekende locatie; vermijd ook uitstapjes, familiebezoek "
        f"en schoolreizen naar deze gemeenten."
    ))
    story.append(Spacer(0, 2 * mm))
    header = ["Te vermijden gebied"]
    widths = [0.45]
    if policy.network_labels:
        header.append("Netwerk")
        widths.append(0.3)
    # the unit's copy gives no distance to a home other than the unit
    distances = not policy.authorisation or d.family_is_unit
    if distances:
        header.append("Afstand tot afdeling" if d.family_is_unit else "Afstand tot pleeggezin")
    widths.append(1 - sum(widths))
    rows = []
    for area in d.avoid:
        row = [area.municipality if area.municipality == ABROAD else f"gemeente {area.municipality}"]
        if policy.network_labels:
            row.append(area.network)
        if distances:
            row.append(_km(area.distance_km))
        rows.append(row)
    if not distances:
        widths = widths[:-2] + [widths[-2] + widths[-1]]
    numeric = (len(header) - 1,) if distances else ()
    story.append(grid_table(header, rows, [w * BODY_WIDTH for w in widths], numeric_columns=numeric))
    story.append(Spacer(0, 2 * mm))
    if policy.authorisation:
        story.append(para(
            "Wie bij een van deze netwerken hoort, mag het kind niet bezoeken, bellen of berichten sturen. "
            "Meld elke poging tot contact direct aan de voogd.",
            "Notice",
        ))
    story.append(para(
        "Geef het kind nooit mee aan iemand die niet op de lijst van ophaalbevoegden staat. "
        "Meld signalen van contact met het netwerk direct aan de voogd.",
        "Notice",
    ))
    return title, story


def _matching_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.matching:
        return None
    title = "Overwegingen bij de matching"
    story: list[Flowable] = []
    m = d.matching
    if m is None:
        text = ("Deze plaatsing is buiten een matchingsessie om tot stand gekomen; er is geen "
                "matchingsverslag." if d.family_name else "Er is nog geen plaatsing.")
        return title, [para(text)]
    story.append(para(
        f"Het gezin is gekozen in matchingsessie {m.session_id} van {date_text(m.session_date)}. Aan alle "
        f"harde regels (leeftijd, geslacht, deskundigheid, veiligheidsafstand, school en capaciteit) is "
        f"voldaan; de score hieronder weegt de wensen."
    ))
    story.append(Spacer(0, 2 * mm))
    with_detail = any(r.detail for r in m.rules)
    rows = [[r.rule, _points(r.points), *([r.detail] if with_detail else [])] for r in m.rules]
    if m.score is not None:
        rows.append(["Totaal voor deze plaatsing", _points(float(m.score)), *([""] if with_detail else [])])
    if rows:
        header = ["Regel (wens)", "Punten", *(["Toelichting"] if with_detail else [])]
        widths = [0.45, 0.15, 0.4] if with_detail else [0.6, 0.2]
        story.append(grid_table(header, rows, [w * BODY_WIDTH for w in widths], numeric_columns=(1,),
                                bold_last_row=m.score is not None))
    facts = []
    if m.network_km is not None:
        facts.append(f"afstand tot de dichtstbijzijnde netwerklocatie {_km(float(m.network_km))} "
                     f"(minimaal vereist {_km(d.safety_km)})")
    if m.school_km is not None:
        facts.append(f"afstand tot school {numbers.km(float(m.school_km), 'nl')}")
    if facts:
        story += [Spacer(0, 2 * mm), para("Feiten: " + "; ".join(facts) + ".")]
    story.append(para("Gewogen alternatieven", "H2"))
    if m.alternatives:
        story.append(grid_table(["Gezin", "Afweging"], [[a.family, a.note] for a in m.alternatives],
                                [0.35 * BODY_WIDTH, 0.65 * BODY_WIDTH]))
    else:
        story.append(para("Geen ander gezin met een vrije plaats voldeed in deze sessie aan alle harde regels."))
    if m.excluded:
        story += [Spacer(0, 2 * mm),
                  para("Afgevallen op de harde regels (een gezin kan op meer dan één regel afvallen): "
                       + "; ".join(m.excluded) + ".")]
    return title, story


def _contacts_section(d: DossierData, policy: Policy) -> Section | None:
    rows = [("Voogd", d.guardian or "nog niet toegewezen")]
    title = "Contactpersonen"
    if not policy.safety_areas:  # the school's copy: who may collect the child
        title = "Ophaalbevoegden en contactpersonen"
        rows = [("Pleegouders", d.family_name or "-"), *rows]
    return title, [key_value_table(rows, BODY_WIDTH)]


def _signature_block(recipient: Recipient) -> Flowable:
    signer = "Voor ontvangst" if recipient != Recipient.GUARDIAN else "Vastgesteld door de voogd"
    cells = [
        [para(signer, "CellBold"), "", para("Namens de pleegzorgorganisatie", "CellBold")],
        [para("Naam:", "Cell"), "", para("Naam:", "Cell")],
        [para("Datum:", "Cell"), "", para("Datum:", "Cell")],
        [para("Handtekening:", "Cell"), "", para("Handtekening:", "Cell")],
        [Spacer(0, 14 * mm), "", Spacer(0, 14 * mm)],
    ]
    half = (BODY_WIDTH - 12 * mm) / 2
    table = Table(cells, colWidths=[half, 12 * mm, half], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 1), (0, -1), 0.4, RULE),
        ("LINEBELOW", (2, 1), (2, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return KeepTogether([Spacer(0, 6 * mm), para("Ondertekening", "H1"), table])


def story(d: DossierData, recipient: Recipient, policy: Policy) -> list[Flowable]:
    """The flowables of the body, in reading order."""
    intro = {
        Recipient.GUARDIAN: "Volledig plaatsingsdossier voor de voogd.",
        Recipient.FOSTER_FAMILY: "Informatie voor het pleeggezin over het kind dat bij u woont.",
        Recipient.SCHOOL: "Informatie voor de school over een leerling in een pleeggezin.",
        Recipient.CLOSED_UNIT: "Informatie voor de medewerkers van de gesloten afdeling over het kind.",
    }[recipient]
    parts: list[Flowable] = [
        para(f"Plaatsingsdossier {d.name}", "Title"),
        para(intro + " Bewaar dit document achter slot en geef het niet aan derden.", "Subtitle"),
    ]
    sections = (_child_section, _placement_section, _authorisation_section, _history_section, _siblings_section,
                _safety_section, _matching_section, _contacts_section)
    number = 0
    for make in sections:
        section = make(d, policy)
        if section is None:
            continue
        number += 1
        title, body = section
        parts += [CondPageBreak(40 * mm), para(f"{number}. {title}", "H1"), *body]
    parts.append(_signature_block(recipient))
    return parts

def police_sheet_story(d: DossierData, episode: MissingEpisode, networks: list[str], aliases: list[str]) -> list[Flowable]:
    grade = RISK_GRADES[episode.risk]
    rows = [
        ("Naam", d.name),
        ("Ook bekend als", ", ".join(aliases) or "geen bekende andere namen"),
        ("Geboortedatum", f"{date_text(d.date_of_birth)} ({d.age} jaar)"),
        ("Geslacht", codes.name(codes.GENDERS, d.gender, LANGUAGE)),
        ("Talen", codes.names(codes.LANGUAGES, d.languages, LANGUAGE, "geen")),
        ("Signalement", episode.description or "-"),
        ("Laatst gezien", f"{episode.last_seen_at.strftime('%d-%m-%Y %H:%M')} UTC, {episode.last_seen_where or '-'}"),
        ("Risico", f"{grade.nl}: {grade.rule_nl}"),
        ("Verblijfadres (pleeggezin)",
         f"{d.family_address}, {d.family_postcode} {d.family_municipality}" if d.family_address else "-"),
        ("Gekoppelde netwerken", ", ".join(networks) or "geen"),
    ]
    return [
        para(f"Vermissingsformulier {d.name}", "Title"),
        para("Voor de politie. Vertrouwelijk: niet doorgeven aan derden, het verblijfadres is geheim.",
             "Subtitle"),
        key_value_table(rows, BODY_WIDTH),
        _signature_block(Recipient.SCHOOL),  # "voor ontvangst"
    ]
