"""The printable capacity review: counts per province and municipality, trained
families, waiting children and the children no family fits. Aggregates only."""

from __future__ import annotations

import datetime as dt
import hashlib

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from catalogue import codes, numbers
from catalogue.sentences import rule_name
from placement.aftercare_codes import end_reason_name
from placement.capacity_figures import (
    MEASURES,
    SMALL,
    CapacityReport,
    ClosedRow,
    RegionRow,
    count,
    pivot,
    reasons_of,
)
from placement.documents.charts import bar_chart
from placement.documents.styles import grid_table, para
from placement.documents.template import BODY_WIDTH, DocumentMeta, build_pdf

LANGUAGE = "nl"
"""The printed report is Dutch, as the offices that read it are."""


def _region_table(rows: tuple[RegionRow, ...], total: RegionRow | None, by_municipality: bool) -> Table:
    names = ["Gemeente", "Provincie"] if by_municipality else ["Provincie"]
    header = [*names, "Gezinnen", "Gepauzeerd", "Plaatsen", "Bezet", "Vrij"]
    body = [
        [*([r.municipality or "", r.province] if by_municipality else [r.province]), *r.shown()]
        for r in rows
    ]
    if total is not None:
        body.append(["Totaal", *total.shown()])
    widths = ([0.2, 0.16] if by_municipality else [0.36]) + [0.12, 0.16, 0.12, 0.12, 0.12]
    first_number = len(names)
    return grid_table(header, [[str(v) for v in row] for row in body], [w * BODY_WIDTH for w in widths],
                      numeric_columns=tuple(range(first_number, first_number + 5)),
                      bold_last_row=total is not None)


def _closed_table(rows: tuple[ClosedRow, ...], total: ClosedRow) -> Table:
    header = ["Provincie", "Afdelingen", "Gesloten plaatsen", "Bezet", "Vrij"]
    body = [[r.province, *r.shown()] for r in rows] + [["Totaal", *total.shown()]]
    widths = [0.36, 0.16, 0.2, 0.14, 0.14]
    return grid_table(header, [[str(v) for v in row] for row in body], [w * BODY_WIDTH for w in widths],
                      numeric_columns=(1, 2, 3, 4), bold_last_row=True)


def _figure(text: str) -> str:
    """A stored figure ("12.5", "<5", "-") as Dutch writes it ("12,5")."""
    try:
        value = float(text)
    except ValueError:
        return text
    return numbers.number(value, LANGUAGE, 0 if value.is_integer() and "." not in text else 1)


def story(report: CapacityReport) -> list[Flowable]:
    total = report.total
    families, _paused, places, _occupied, free = total.shown()
    parts: list[Flowable] = [
        para("Capaciteitsoverzicht pleegzorg", "Title"),
        para(
            f"Peildatum {numbers.date(report.on_date, LANGUAGE)}. {families} actieve pleeggezinnen met "
            f"{places} plaatsen, waarvan {free} vrij; {count(report.waiting)} kinderen wachten op een "
            f"plaats. Alleen totalen: dit overzicht noemt geen kinderen, gezinnen of adressen; aantallen "
            f"onder de {SMALL} staan er als <{SMALL}.",
            "Subtitle",
        ),
    ]
    half = (BODY_WIDTH - 6 * mm) / 2
    free_shown = [r.shown()[4] for r in report.provinces]
    waiting_shown = [count(c.children) for c in report.waiting_by_age]
    charts = Table(
        [[bar_chart("Vrije plaatsen per provincie", [r.province for r in report.provinces],
                    [v.rank for v in free_shown], half, 62 * mm, [str(v) for v in free_shown]),
          bar_chart("Wachtende kinderen per leeftijd", [c.category for c in report.waiting_by_age],
                    [v.rank for v in waiting_shown], half, 62 * mm, [str(v) for v in waiting_shown])]],
        colWidths=[half + 6 * mm, half], hAlign="LEFT",
    )
    parts.append(charts)

    def section(title: str) -> None:
        parts.extend([CondPageBreak(35 * mm), para(title, "H1")])

    section("1. Plaatsen per provincie")
    parts.append(_region_table(report.provinces, total, by_municipality=False))
    if report.closed:
        parts.append(Spacer(0, 3 * mm))
        parts.append(para("Gesloten jeugdzorg (JeugdzorgPlus) naast de pleegzorg: plaatsen van de actieve gesloten "
                          "afdelingen per provincie. Aantallen onder de 5 staan als <5."))
        parts.append(Spacer(0, 2 * mm))
        parts.append(_closed_table(report.closed, report.closed_total))
    section("2. Getrainde gezinnen per training")
    parts.append(para("Alleen geldige (niet verlopen) trainingen van actieve gezinnen tellen mee."))
    parts.append(Spacer(0, 2 * mm))
    parts.append(grid_table(
        ["Training", "Gezinnen", "Vrije plaatsen"],
        [[codes.name(codes.TRAININGS, t.tag, LANGUAGE), *(str(v) for v in t.shown())] for t in report.trained],
        [0.5 * BODY_WIDTH, 0.25 * BODY_WIDTH, 0.25 * BODY_WIDTH], numeric_columns=(1, 2),
    ))
    section("3. Wachtende kinderen")
    waiting = Table([[
        grid_table(["Leeftijd", "Kinderen"], [[c.category, str(count(c.children))] for c in report.waiting_by_age],
                   [0.25 * BODY_WIDTH, 0.17 * BODY_WIDTH], numeric_columns=(1,)),
        grid_table(["Benodigde training", "Kinderen"],
                   [[codes.training_need_name(c.category, LANGUAGE),
                     str(count(c.children))]
                    for c in report.waiting_by_need],
                   [0.33 * BODY_WIDTH, 0.17 * BODY_WIDTH], numeric_columns=(1,)),
    ]], colWidths=[0.46 * BODY_WIDTH, 0.54 * BODY_WIDTH], hAlign="LEFT", style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                                             ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    parts.append(waiting)
    section("4. Kinderen voor wie geen gezin past")
    if report.no_fit:
        parts.append(para("Per profiel: voor deze wachtende kinderen voldoet geen enkel gezin met een vrije plaats "
                          "aan alle harde regels. De laatste kolom noemt de regel die de meeste gezinnen uitsluit."))
        parts.append(Spacer(0, 2 * mm))
        parts.append(grid_table(
            ["Leeftijd", "Geslacht", "Training nodig", "School", "Netwerken", "Kinderen", "Blokkeert vooral"],
            [[n.age_band, codes.name(codes.GENDERS, n.gender, LANGUAGE),
              codes.names(codes.TRAININGS, n.training, LANGUAGE, "geen"),
              codes.name(codes.SCHOOL_KINDS, n.school_kind, LANGUAGE) if n.school_kind else "geen",
              str(n.networks), str(count(n.children)),
              rule_name(n.blocking_rule, LANGUAGE)]
             for n in report.no_fit],
            # wide enough for each column's longest word in DejaVu Sans 8.5 pt ("veiligheidsafstand")
            [w * BODY_WIDTH for w in (0.102, 0.113, 0.145, 0.19, 0.135, 0.117, 0.198)], numeric_columns=(4, 5),
        ))
    else:
        parts.append(para("Voor ieder wachtend kind is er ten minste één passend gezin."))
    section("5. Plaatsen per gemeente")
    parts.append(_region_table(report.regions, None, by_municipality=True))
    if report.stability:
        section("6. Stabiliteit per regio en kwartaal")
        parts.append(para("Per verantwoordelijke regio: plaatsingen gestart en beëindigd (met de redenen), breuken "
                          "per 100 plaatsingsjaren, mediane duur van de beëindigde plaatsingen en vermissingen per 100 "
                          "kinderen in zorg. Aantallen onder 5 staan als <5; een cijfer op minder dan 5 gebeurtenissen "
                          "ook."))
        parts.append(Spacer(0, 2 * mm))
        parts.append(grid_table(
            ["Regio", "Kwartaal", "Gestart", "Beëindigd", "Breuken / 100 jr", "Mediane duur (dg)",
             "Vermist / 100 kind.", "Redenen van beëindiging"],
            [[region, quarter, *(_figure(values.get(m, "-")) for m in MEASURES),
              ", ".join(f"{end_reason_name(code)}: {n}" for code, n in reasons_of(values)) or "-"]
             for region, quarter, values in pivot(report.stability)],
            [w * BODY_WIDTH for w in (0.12, 0.1, 0.08, 0.09, 0.1, 0.1, 0.1, 0.31)],
            numeric_columns=(2, 3, 4, 5, 6),
        ))
    return parts


def render(report: CapacityReport, generated_at: dt.datetime, generated_by: str) -> bytes:
    digest = hashlib.sha256(f"capacity|{report.on_date}|{generated_at.isoformat()}|{generated_by}".encode())
    meta = DocumentMeta(
        title=f"Capaciteitsoverzicht {numbers.date(report.on_date, LANGUAGE, short=True)}",
        document_id=f"K-{digest.hexdigest()[:10].upper()}",
        generated_at=generated_at,
        generated_by=generated_by,
        marking="INTERN",
        recipient="management",
    )
    return build_pdf(story(report), meta)
