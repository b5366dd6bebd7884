<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <location filename="../../ui/matching/explain.py" line="+38"/>
        <location filename="../../ui/matching/models.py" line="+145"/>
        <source>Family or unit</source>
        <translation>Gezin of afdeling</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/matching/models.py" line="-71"/>
        <location line="+72"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/matching/models.py" line="+1"/>
        <source>km to
school</source>
        <translation>km tot
school</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(closed unit)</source>
        <translation>(gesloten afdeling)</translation>
    </message>
    <message>
        <location filename="../../ui/matching/models.py" line="+1"/>
        <source>km to
network</source>
        <translation>km tot
netwerk</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(pinned)</source>
        <translation>(vast)</translation>
    </message>
    <message>
        <location filename="../../ui/matching/explain.py" line="-9"/>
        <source>Free</source>
        <translation>Vrij</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/matching/models.py" line="-14"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ui/capacity_page.py" line="+72"/>
        <location line="+4"/>
        <location filename="../../ui/matching/models.py" line="-104"/>
        <location filename="../../ui/matching/page.py" line="+125"/>
        <location line="+1"/>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location filename="../../ui/matching/models.py" line="+14"/>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>accepted</source>
        <translation>geaccepteerd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+73"/>
        <location line="+61"/>
        <source>Child</source>
        <extracomment>child -&gt; the family it is pinned to</extracomment>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Siblings</source>
        <translation>Broers/zussen</translation>
    </message>
    <message>
        <location filename="../../ui/matching/explain.py" line="+12"/>
        <location filename="../../ui/matching/models.py" line="+83"/>
        <source>on site</source>
        <translation>op de locatie</translation>
    </message>
    <message>
        <location filename="../../ui/matching/models.py" line="+28"/>
        <source>Changed since the previous proposal</source>
        <translation>Gewijzigd sinds het vorige voorstel</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reasons</source>
        <translation>Redenen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What would it take</source>
        <translation>Wat zou er nodig zijn</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Punten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Session</source>
        <translation>Sessie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placed</source>
        <translation>Geplaatst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Geaccepteerd</translation>
    </message>
    <message>
        <location filename="../../ui/matching/page.py" line="-55"/>
        <source>bound %1</source>
        <translation>grens %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+133"/>
        <location line="+320"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="-423"/>
        <source>%1: now placed with %2</source>
        <translation>%1: nu geplaatst bij %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no longer placed (was %2)</source>
        <translation>%1: niet meer geplaatst (was %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: moved from %2 to %3</source>
        <translation>%1: verplaatst van %2 naar %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: other school, %2 instead of %3</source>
        <translation>%1: andere school, %2 in plaats van %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>optimal: proven within %1 points of the best</source>
        <translation>optimaal: bewezen binnen %1 punt van het beste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optimal: no better proposal exists</source>
        <translation>optimaal: er bestaat geen beter voorstel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>good, not proven best (time limit or cancelled)</source>
        <translation>goed, niet bewezen het beste (tijdslimiet of geannuleerd)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>impossible: the pins conflict</source>
        <translation>onmogelijk: de vastzettingen botsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer within the time limit</source>
        <translation>geen antwoord binnen de tijdslimiet</translation>
    </message>
    <message>
        <location line="+358"/>
        <source>Solving…</source>
        <translation>Bezig met oplossen…</translation>
    </message>
    <message>
        <location filename="../../ui/matching/models.py" line="-182"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location filename="../../ui/matching/explain.py" line="-11"/>
        <location filename="../../ui/matching/models.py" line="+75"/>
        <source>Family no.</source>
        <translation>Gezinsnr.</translation>
    </message>
    <message>
        <location filename="../../ui/matching/models.py" line="-74"/>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Child no.</source>
        <translation>Kindnr.</translation>
    </message>
    <message>
        <location filename="../../ui/matching/page.py" line="-436"/>
        <source>priority %1, score %2</source>
        <translation>prioriteit %1, score %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>score bound %1</source>
        <translation>scoregrens %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Best so far: %1 children placed</source>
        <translation>Beste tot nu toe: %1 kinderen geplaatst</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>made way for %2 at %1</source>
        <translation>moest wijken voor %2 bij %1</translation>
    </message>
</context>
<context>
    <name>AdminUsersPage</name>
    <message>
        <location filename="../../ui/admin_users_page.py" line="+54"/>
        <location line="+26"/>
        <location line="+46"/>
        <source>User name</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <location line="+46"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add user</source>
        <translation>Gebruiker toevoegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New user</source>
        <translation>Nieuwe gebruiker</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+46"/>
        <source>Full name</source>
        <translation>Volledige naam</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+46"/>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Password (again)</source>
        <translation>Wachtwoord (nogmaals)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set new password</source>
        <translation>Nieuw wachtwoord instellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account active</source>
        <translation>Account actief</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected user</source>
        <translation>Gekozen gebruiker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password</source>
        <translation>Nieuw wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password (again)</source>
        <translation>Nieuw wachtwoord (nogmaals)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This database is one encrypted file on this workstation. Whoever knows its passphrase can read everything in it, whatever their role: roles here help one person or a demo, they do not separate duties. An office where several people with different roles work uses the office server (PostgreSQL); see the README.</source>
        <translation>Deze database is één versleuteld bestand op deze werkplek. Wie de wachtwoordzin kent, kan alles lezen, welke rol hij ook heeft: rollen helpen hier één persoon of een demo, ze scheiden geen taken. Een kantoor waar meer mensen met verschillende rollen werken, gebruikt de kantoorserver (PostgreSQL); zie de README.</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+25"/>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>One workstation</source>
        <translation>Eén werkplek</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User %1 added.</source>
        <translation>Gebruiker %1 toegevoegd.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>New password set for %1.</source>
        <translation>Nieuw wachtwoord ingesteld voor %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 can log in.</source>
        <translation>%1 kan inloggen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 can no longer log in.</source>
        <translation>%1 kan niet meer inloggen.</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../../ui/alerts_panel.py" line="+48"/>
        <source>Raised</source>
        <translation>Gemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+40"/>
        <source>Child</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance (km)</source>
        <translation>Afstand (km)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety distance (km)</source>
        <translation>Veiligheidsafstand (km)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>You have seen this alert and are taking it up; it leaves the list.</source>
        <translation>U hebt deze melding gezien en pakt haar op; ze verdwijnt van de lijst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a matching session for this child; its current family is forbidden.</source>
        <translation>Een koppelsessie openen voor dit kind; het huidige gezin is uitgesloten.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Placed children whose foster family is now closer to one of their networks than their safety distance, after a network location was added or moved.</source>
        <translation>Geplaatste kinderen van wie het pleeggezin nu dichter bij een van hun netwerken woont dan de veiligheidsafstand, nadat een netwerklocatie is toegevoegd of verplaatst.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closed unit</source>
        <translation>Gesloten afdeling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorisation ended</source>
        <translation>Machtiging afgelopen op</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ended authorisations: child in a closed unit</source>
        <translation>Verlopen machtigingen: kind in een gesloten afdeling</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 open alerts</source>
        <translation>%1 openstaande meldingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open alerts.</source>
        <translation>Geen openstaande meldingen.</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Network alerts</source>
        <translation>Netwerkmeldingen</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Family or unit</source>
        <translation>Gezin of afdeling</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Afhandelen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Place again…</source>
        <translation>&amp;Opnieuw plaatsen…</translation>
    </message>
</context>
<context>
    <name>AliasForm</name>
    <message>
        <location filename="../../ui/aftercare_dialogs.py" line="+325"/>
        <source>Other names of %1</source>
        <translation>Andere namen van %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Known</source>
        <translation>Bekend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none yet</source>
        <translation>nog geen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth (dd-mm-yyyy)</source>
        <translation>Geboortedatum (dd-mm-jjjj)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nationality (two letters)</source>
        <translation>Nationaliteit (twee letters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>is not a date (dd-mm-yyyy)</source>
        <translation>is geen datum (dd-mm-jjjj)</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="+485"/>
        <source>Writing</source>
        <translation>Schrijven</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Writing…</source>
        <translation>Bezig met schrijven…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Done: %1 created, %2 updated.</source>
        <translation>Klaar: %1 aangemaakt, %2 bijgewerkt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stopped. Nothing was written.</source>
        <translation>Gestopt. Er is niets geschreven.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was written.</source>
        <translation>Er is niets geschreven.</translation>
    </message>
</context>
<context>
    <name>AuthorisationForm</name>
    <message>
        <location filename="../../ui/authorisation_form.py" line="+40"/>
        <source>Authorisations for closed care of %1</source>
        <translation>Machtigingen gesloten jeugdhulp van %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 from %2 until %3 (%4)</source>
        <translation>%1 van %2 tot en met %3 (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Known</source>
        <translation>Bekend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none yet</source>
        <translation>nog geen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from (dd-mm-yyyy)</source>
        <translation>Geldig vanaf (dd-mm-jjjj)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until (dd-mm-yyyy)</source>
        <translation>Geldig tot en met (dd-mm-jjjj)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Court reference</source>
        <translation>Kenmerk van de rechtbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is not a date (dd-mm-yyyy)</source>
        <translation>is geen datum (dd-mm-jjjj)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ends before it starts</source>
        <translation>eindigt vóór de begindatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is required</source>
        <translation>is verplicht</translation>
    </message>
</context>
<context>
    <name>BestMatchesDialog</name>
    <message>
        <location filename="../../ui/best_matches.py" line="+45"/>
        <source>Best families for %1</source>
        <translation>Beste gezinnen voor %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking for the best families…</source>
        <translation>De beste gezinnen worden gezocht…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Start a session with this child</source>
        <translation>&amp;Sessie starten met dit kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens the matching page and solves a session for this child</source>
        <translation>Opent de pagina Koppelen en lost een sessie op voor dit kind</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Families that fit, best first</source>
        <translation>Passende gezinnen, beste eerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score per rule</source>
        <translation>Score per regel</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 families fit this child; the best %2 are listed with their best school.</source>
        <translation>%1 gezinnen passen bij dit kind; de beste %2 staan hier met hun beste school.</translation>
    </message>
</context>
<context>
    <name>CapacityPage</name>
    <message>
        <location filename="../../ui/capacity_page.py" line="+196"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+220"/>
        <location line="+52"/>
        <source>Province</source>
        <translation>Provincie</translation>
    </message>
    <message>
        <location line="-275"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Units</source>
        <translation>Afdelingen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+85"/>
        <source>Families</source>
        <translation>Gezinnen</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+140"/>
        <source>Free places</source>
        <translation>Vrije plaatsen</translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+92"/>
        <source>Training needed</source>
        <translation>Benodigde training</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+4"/>
        <location line="+136"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Blocked most by</source>
        <translation>Grootste struikelblok</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>Kwartaal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>Beëindigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breakdowns per 100 placement-years</source>
        <translation>Breuken per 100 plaatsingsjaren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median duration (days)</source>
        <translation>Mediane duur (dagen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing per 100 children</source>
        <translation>Vermissingen per 100 kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended by reason</source>
        <translation>Beëindigd per reden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Provinces</source>
        <translation>Provincies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipalities</source>
        <translation>Gemeenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trained families</source>
        <translation>Getrainde gezinnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting by need</source>
        <translation>Wachtend per behoefte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No family fits</source>
        <translation>Geen passend gezin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stability</source>
        <translation>Stabiliteit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What if…</source>
        <translation>Wat als…</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Paused</source>
        <translation>Gepauzeerd</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+93"/>
        <source>Places</source>
        <translation>Plaatsen</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+93"/>
        <source>Occupied</source>
        <translation>Bezet</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+93"/>
        <source>Free</source>
        <translation>Vrij</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Closed youth care (JeugdzorgPlus)</source>
        <translation>Gesloten jeugdzorg (JeugdzorgPlus)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Networks</source>
        <translation>Netwerken</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>On %1: %2 active foster families with %3 places, %4 of them free; %5 children waiting, %6 of whom no family with a free place fits.</source>
        <translation>Op %1: %2 actieve pleeggezinnen met %3 plaatsen, waarvan %4 vrij; %5 kinderen wachten, voor %6 van hen past geen gezin met een vrije plaats.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Free places per province</source>
        <translation>Vrije plaatsen per provincie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Children waiting by age</source>
        <translation>Wachtende kinderen per leeftijd</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export capacity (CSV)</source>
        <translation>Capaciteit exporteren (CSV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print capacity report</source>
        <translation>Capaciteitsoverzicht afdrukken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved: %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> more of each</source>
        <translation> meer van elk</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose one or more kinds of children, then Calculate.</source>
        <translation>Kies een of meer soorten kinderen en klik op Doorrekenen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Free now</source>
        <translation>Nu vrij</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Placed</source>
        <translation>Geplaatst</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Left</source>
        <translation>Over</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arrivals</source>
        <translation>Nieuw</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unplaced</source>
        <translation>Niet geplaatst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blocked by</source>
        <translation>Struikelblok</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>If</source>
        <translation>Als er</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>of the chosen kinds arrive:</source>
        <translation>van de gekozen soorten bijkomen:</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Choose at least one kind of child first.</source>
        <translation>Kies eerst ten minste één soort kind.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 of %2 arrivals can be placed; %3 cannot.</source>
        <translation>%1 van de %2 nieuwe kinderen kunnen geplaatst worden; %3 niet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Places run out in: %1.</source>
        <translation>De plaatsen raken op in: %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Free places before and after</source>
        <translation>Vrije plaatsen voor en na</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left after the arrivals</source>
        <translation>Over na de komst</translation>
    </message>
    <message>
        <location line="-423"/>
        <source>Capacity</source>
        <translation>Capaciteit</translation>
    </message>
    <message>
        <location line="+424"/>
        <source>Taken by the arrivals</source>
        <translation>Bezet door de nieuwkomers</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>&amp;Add this kind</source>
        <translation>Dit soort &amp;toevoegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a kind of child to the list, also when none is waiting</source>
        <translation>Een soort kind aan de lijst toevoegen, ook als er geen wacht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another kind:</source>
        <translation>Ander soort:</translation>
    </message>
    <message>
        <location line="-105"/>
        <location line="+89"/>
        <source>%1 years</source>
        <translation>%1 jaar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no training needed</source>
        <translation>geen training nodig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no school place</source>
        <translation>geen schoolplaats</translation>
    </message>
    <message>
        <location line="-276"/>
        <source>Vacancies per region</source>
        <translation>Vacatures per regio</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>any family</source>
        <translation>elk gezin</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Training:</source>
        <translation>&amp;Training:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Free places of active families whose age range reaches into each band; a family open to two bands counts in both.</source>
        <translation>Vrije plaatsen van actieve gezinnen waarvan de leeftijdsgrenzen in de groep vallen; een gezin dat voor twee groepen openstaat, telt in beide mee.</translation>
    </message>
    <message>
        <location line="-250"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;CSV…</source>
        <translation>&amp;CSV exporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print report (PDF)…</source>
        <translation>Overzicht &amp;afdrukken (PDF)…</translation>
    </message>
    <message>
        <location line="+283"/>
        <source>C&amp;alculate</source>
        <translation>&amp;Doorrekenen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top</source>
        <translation>&amp;Stoppen</translation>
    </message>
</context>
<context>
    <name>ChildChooser</name>
    <message>
        <location filename="../../ui/matching/chooser.py" line="+88"/>
        <source>Search by name…</source>
        <translation>Zoeken op naam…</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+8"/>
        <location line="+9"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>%1 or higher</source>
        <translation>%1 of hoger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all ages</source>
        <translation>alle leeftijden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 years</source>
        <translation>%1 jaar</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Prove the score exactly (slower)</source>
        <translation>Score exact bewijzen (langzamer)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>%1 of %2 waiting children chosen</source>
        <translation>%1 van %2 wachtende kinderen gekozen</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Responsible region: the province whose team handles the child</source>
        <translation>Verantwoordelijke regio: de provincie waarvan het team het kind behandelt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Check all shown</source>
        <translation>&amp;Alle getoonde aanvinken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Uncheck all shown</source>
        <translation>Alle getoonde &amp;uitvinken</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Solve</source>
        <translation>&amp;Oplossen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Priority</source>
        <translation>&amp;Prioriteit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;ge</source>
        <translation>&amp;Leeftijd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Region</source>
        <translation>&amp;Regio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sc&amp;hool</source>
        <translation>Sc&amp;hool</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Safety &amp;distance to networks</source>
        <translation>&amp;Veiligheidsafstand tot netwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Maximum distance to school</source>
        <translation>&amp;Maximale afstand tot school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Time limit for the solver</source>
        <translation>&amp;Tijdslimiet voor het rekenen</translation>
    </message>
</context>
<context>
    <name>ChildForm</name>
    <message>
        <location filename="../../ui/child_form.py" line="+64"/>
        <source>New child</source>
        <translation>Nieuw kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit child</source>
        <translation>Kind bewerken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date of birth</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gender</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority (5 = most urgent)</source>
        <translation>Prioriteit (5 = meest urgent)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no school place needed</source>
        <translation>geen schoolplaats nodig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training needed</source>
        <translation>Benodigde training</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Languages</source>
        <translation>Talen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety distance (km)</source>
        <translation>Veiligheidsafstand (km)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>session default</source>
        <translation>standaard van de sessie</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Longest school trip (km)</source>
        <translation>Langste schoolreis (km)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Networks</source>
        <translation>Netwerken</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province of the office that took the child into care: which team handles the child</source>
        <translation>Provincie van het kantoor dat het kind in zorg nam: welk team het kind behandelt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Lines that start with [deelbaar] also go into the dossiers for the foster family and the school; every other line only into the guardian&apos;s copy</source>
        <translation>Regels die met [deelbaar] beginnen, komen ook in de dossiers voor het pleeggezin en de school; alle andere regels alleen in het exemplaar voor de voogd</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>dd-mm-yyyy</source>
        <translation>dd-mm-jjjj</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>— choose —</source>
        <translation>— kies —</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Guardian</source>
        <translation>Voogd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guardian sees this child&apos;s file and prints its dossier</source>
        <translation>De voogd ziet het dossier van dit kind en drukt het af</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nobody yet</source>
        <translation>nog niemand</translation>
    </message>
</context>
<context>
    <name>ChildrenPage</name>
    <message>
        <location filename="../../ui/children_page.py" line="+40"/>
        <location line="+82"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+74"/>
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+67"/>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>A&amp;uthorisations…</source>
        <translation>&amp;Machtigingen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Court authorisations for closed youth care</source>
        <translation>Machtigingen van de rechter voor gesloten jeugdhulp</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>Geboortedatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gender</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training needed</source>
        <translation>Benodigde training</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Also known as</source>
        <translation>Ook bekend als</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Record that %1 has left care? A current placement ends today.</source>
        <translation>Vastleggen dat %1 uit zorg is? Een lopende plaatsing eindigt vandaag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left care</source>
        <translation>Uit zorg</translation>
    </message>
    <message>
        <location line="-130"/>
        <location line="+68"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Best &amp;families…</source>
        <translation>Beste &amp;gezinnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The families and schools that suit the selected waiting child best</source>
        <translation>De gezinnen en scholen die het best passen bij het gekozen wachtende kind</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Lives with</source>
        <translation>Woont bij</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Left &amp;care…</source>
        <translation>&amp;Uit zorg…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;End placement…</source>
        <translation>&amp;Plaatsing beëindigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report &amp;missing…</source>
        <translation>&amp;Vermist melden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ound…</source>
        <translation>Gevon&amp;den…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing &amp;episode…</source>
        <translation>Vermissing bij&amp;werken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place again…</source>
        <translation>&amp;Opnieuw plaatsen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Other names…</source>
        <translation>&amp;Andere namen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;History…</source>
        <translation>Ges&amp;chiedenis…</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="-58"/>
        <location line="+2"/>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 records will be created and %2 updated. All rows are written together, or none.</source>
        <translation>%1 records worden aangemaakt en %2 bijgewerkt. Alle rijen worden samen geschreven, of geen.</translation>
    </message>
</context>
<context>
    <name>DossierPage</name>
    <message>
        <location filename="../../ui/dossier_page.py" line="+42"/>
        <source>Guardian (complete file)</source>
        <translation>Voogd (volledig dossier)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Foster family</source>
        <translation>Pleeggezin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School (who may collect the child)</source>
        <translation>School (wie het kind mag ophalen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed unit (authorisation, who may not visit)</source>
        <translation>Gesloten afdeling (machtiging, wie niet mag bezoeken)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: the copy for %1 would show %2. Nothing was written; please report this.</source>
        <translation>Niet opgeslagen: het exemplaar voor %1 zou %2 tonen. Er is niets weggeschreven; meld dit alstublieft.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placed since</source>
        <translation>Geplaatst sinds</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Search…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What a copy shows depends on its recipient. Every printed dossier is recorded in the audit trail.</source>
        <translation>Wat een exemplaar toont, hangt af van de ontvanger. Elk afgedrukt dossier wordt vastgelegd in het auditlogboek.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For:</source>
        <translation>Voor:</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Save dossier</source>
        <translation>Dossier opslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder for the dossiers</source>
        <translation>Map voor de dossiers</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved: %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 dossiers saved.</source>
        <translation>%1 dossiers opgeslagen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped before the end.</source>
        <translation>Voortijdig gestopt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: %1.</source>
        <translation>Niet opgeslagen: %1.</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Placement dossiers</source>
        <translation>Plaatsingsdossiers</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>&amp;Save dossier…</source>
        <translation>Dossier &amp;opslaan…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save dossiers of the se&amp;lection…</source>
        <translation>Dossiers van de &amp;selectie opslaan…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
</context>
<context>
    <name>EndPlacementForm</name>
    <message>
        <location filename="../../ui/aftercare_dialogs.py" line="-234"/>
        <source>End placement of %1</source>
        <translation>Plaatsing van %1 beëindigen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last day</source>
        <translation>Laatste dag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End placement</source>
        <translation>Plaatsing beëindigen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The child leaves care.</source>
        <translation>Het kind gaat uit zorg.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The child waits for a new place.</source>
        <translation>Het kind wacht op een nieuwe plek.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>say what happened</source>
        <translation>vertel wat er gebeurd is</translation>
    </message>
</context>
<context>
    <name>EndReviewForm</name>
    <message>
        <location line="+230"/>
        <source>End the review of %1</source>
        <translation>Beoordeling van %1 afronden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The family takes children again. The networks that know its address keep it as a location, so children linked to them stay away.</source>
        <translation>Het gezin neemt weer kinderen op. De netwerken die het adres kennen, houden het als locatie, zodat kinderen die aan die netwerken gekoppeld zijn er wegblijven.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decision</source>
        <translation>Besluit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End review</source>
        <translation>Beoordeling afronden</translation>
    </message>
</context>
<context>
    <name>EpisodeForm</name>
    <message>
        <location line="-148"/>
        <source>Missing episode of %1</source>
        <translation>Vermissing van %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 by %3</source>
        <translation>%1: %2 door %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody notified yet.</source>
        <translation>Nog niemand ingelicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notified</source>
        <translation>Ingelicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the child</source>
        <translation>het kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the guardian</source>
        <translation>de voogd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(consent signed by %1)</source>
        <translation>(toestemming getekend door %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify now</source>
        <translation>Nu inlichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the missing-person sheet for the police…</source>
        <translation>Vermissingsformulier voor de politie opslaan…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Return interview held by</source>
        <translation>Terugkeergesprek gevoerd door</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interview held at</source>
        <translation>Gesprek gevoerd op</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the missing-person sheet</source>
        <translation>Vermissingsformulier opslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved: %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not saved: the sheet would show %1. Nothing was written; please report this.</source>
        <translation>Niet opgeslagen: het formulier zou %1 tonen. Er is niets geschreven; meld dit alstublieft.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Missing episode</source>
        <translation>Vermissing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has never been reported missing.</source>
        <translation>%1 is nooit als vermist gemeld.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/context.py" line="+45"/>
        <source>Not allowed: %1</source>
        <translation>Niet toegestaan: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not done: %1</source>
        <translation>Niet uitgevoerd: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Something went wrong (%1). Nothing was changed. The details are in the log file.</source>
        <translation>Er ging iets mis (%1). Er is niets gewijzigd. De details staan in het logbestand.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not done</source>
        <translation>Niet uitgevoerd</translation>
    </message>
</context>
<context>
    <name>ExplanationPanel</name>
    <message>
        <location filename="../../ui/matching/explain.py" line="+61"/>
        <source>Pin &amp;here</source>
        <translation>Hier vast&amp;zetten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Score per rule</source>
        <translation>Score per regel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alternatives for this child</source>
        <translation>Alternatieven voor dit kind</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>family or unit</source>
        <translation>gezin of afdeling</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a child to see why.</source>
        <translation>Kies een kind om te zien waarom.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (age %2, priority %3)</source>
        <translation>%1 (leeftijd %2, prioriteit %3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: no place in this proposal</source>
        <translation>%1: geen plaats in dit voorstel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Total score: %1</source>
        <translation>Totale score: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Looking for alternatives…</source>
        <translation>Alternatieven zoeken…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 families or units fit.</source>
        <translation>%1 gezinnen of afdelingen passen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Families and units excluded by rule: %1</source>
        <translation>Gezinnen en afdelingen uitgesloten per regel: %1</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>network location</source>
        <translation>netwerklocatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>safety distance</source>
        <translation>veiligheidsafstand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>school</source>
        <translation>school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>way to school</source>
        <translation>weg naar school</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="+34"/>
        <source>Foster families</source>
        <translation>Pleeggezinnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed units</source>
        <translation>Gesloten afdelingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schools</source>
        <translation>Scholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Networks</source>
        <translation>Netwerken</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registry:</source>
        <translation>Register:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export to</source>
        <translation>Exporteren naar</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export failed</source>
        <translation>Export mislukt</translation>
    </message>
</context>
<context>
    <name>FamiliesPage</name>
    <message>
        <location filename="../../ui/families_page.py" line="+27"/>
        <location line="+47"/>
        <source>Province</source>
        <translation>Provincie</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+4"/>
        <location line="+5"/>
        <location line="+6"/>
        <location line="+47"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Free places</source>
        <translation>Vrije plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at least 1</source>
        <translation>minstens 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+43"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+39"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Foster families</source>
        <translation>Pleeggezinnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Places</source>
        <translation>Plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free</source>
        <translation>Vrij</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ages</source>
        <translation>Leeftijden</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Pause %1? It gets no new children until resumed; children living there stay.</source>
        <translation>%1 pauzeren? Het gezin krijgt geen nieuwe kinderen tot het hervat wordt; kinderen die er wonen blijven.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume %1? It can get new children again.</source>
        <translation>%1 hervatten? Het gezin kan weer nieuwe kinderen krijgen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Foster family</source>
        <translation>Pleeggezin</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>&amp;Pause / resume</source>
        <translation>&amp;Pauzeren / hervatten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End &amp;review…</source>
        <translation>Beoordeling a&amp;fronden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History…</source>
        <translation>Ges&amp;chiedenis…</translation>
    </message>
</context>
<context>
    <name>FamilyForm</name>
    <message>
        <location filename="../../ui/family_form.py" line="+54"/>
        <source>New foster family</source>
        <translation>Nieuw pleeggezin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit foster family</source>
        <translation>Pleeggezin bewerken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Places</source>
        <translation>Plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Youngest age</source>
        <translation>Jongste leeftijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest age</source>
        <translation>Oudste leeftijd</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Takes</source>
        <translation>Neemt op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Talen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>unknown postcode</source>
        <translation>onbekende postcode</translation>
    </message>
</context>
<context>
    <name>FileNames</name>
    <message>
        <location filename="../../ui/file_names.py" line="+13"/>
        <source>guardian</source>
        <translation>voogd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>foster-family</source>
        <translation>pleeggezin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>school</source>
        <translation>school</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>dossier-%1-%2.pdf</source>
        <translation>dossier-%1-%2.pdf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>missing-%1.pdf</source>
        <translation>vermissing-%1.pdf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>capacity-%1</source>
        <translation>capaciteit-%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>export-%1</source>
        <translation>export-%1</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="-279"/>
        <source>Choose a file</source>
        <translation>Kies een bestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A CSV or Excel file, or one of DUO&apos;s school files.</source>
        <translation>Een CSV- of Excelbestand, of een van de schoolbestanden van DUO.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Bladeren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Foster families</source>
        <translation>Pleeggezinnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed units</source>
        <translation>Gesloten afdelingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schools</source>
        <translation>Scholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network locations</source>
        <translation>Netwerklocaties</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What it holds</source>
        <translation>Wat erin staat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation>Werkblad</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import file</source>
        <translation>Bestand importeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
        <translation>Spreadsheets (*.csv *.xlsx *.txt)</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/form_dialog.py" line="+141"/>
        <source>is not a number</source>
        <translation>is geen getal</translation>
    </message>
    <message>
        <location line="+227"/>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the changes you made?</source>
        <translation>De gemaakte wijzigingen weggooien?</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
</context>
<context>
    <name>FoundForm</name>
    <message>
        <location filename="../../ui/aftercare_dialogs.py" line="-92"/>
        <source>%1 found</source>
        <translation>%1 gevonden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found at</source>
        <translation>Gevonden op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country (if abroad)</source>
        <translation>Land (indien buitenland)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record found</source>
        <translation>Gevonden vastleggen</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location line="+263"/>
        <source>History of %1</source>
        <translation>Geschiedenis van %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Also known as: %1</source>
        <translation>Ook bekend als: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reviews</source>
        <translation>Beoordelingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+6"/>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Note</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ended</source>
        <translation>Afgerond</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under review</source>
        <translation>in beoordeling</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Known to networks</source>
        <translation>Bekend bij netwerken</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Missing episodes</source>
        <translation>Vermissingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network alerts</source>
        <translation>Netwerkwaarschuwingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raised</source>
        <translation>Gemeld</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+13"/>
        <source>Child</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Distance</source>
        <translation>Afstand</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+42"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>seen by %1</source>
        <translation>gezien door %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Family</source>
        <translation>Gezin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Until</source>
        <translation>Tot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching session</source>
        <translation>Koppelsessie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepted by</source>
        <translation>Geaccepteerd door</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>done</source>
        <translation>gedaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overdue since %1</source>
        <translation>te laat sinds %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>due %1</source>
        <translation>uiterlijk %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>missing</source>
        <translation>vermist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>found %1; return interview due %2</source>
        <translation>gevonden %1; terugkeergesprek uiterlijk %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found %1; interview held by %2</source>
        <translation>gevonden %1; gesprek gevoerd door %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>3 episodes in 30 days: strategy meeting</source>
        <translation>3 vermissingen in 30 dagen: strategieoverleg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Laatst gezien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Police report</source>
        <translation>Aangifte politie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notified</source>
        <translation>Ingelicht</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/home_page.py" line="+38"/>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Missing children</source>
        <translation>Vermiste kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open network alerts</source>
        <translation>Open netwerkmeldingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended authorisations: child in a closed unit</source>
        <translation>Verlopen machtigingen: kind in een gesloten afdeling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorisations for closed care ending within 4 weeks</source>
        <translation>Machtigingen gesloten jeugdhulp die binnen 4 weken aflopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return interviews due</source>
        <translation>Terugkeergesprekken te voeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalations: strategy meeting</source>
        <translation>Escalaties: strategieoverleg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting children by priority</source>
        <translation>Wachtende kinderen op prioriteit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Families paused for review</source>
        <translation>Gezinnen gepauzeerd voor beoordeling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainings about to expire</source>
        <translation>Trainingen die bijna verlopen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>nothing</source>
        <translation>niets</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>police report done</source>
        <translation>aangifte gedaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>police report OVERDUE since %1</source>
        <translation>aangifte TE LAAT sinds %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>police report due %1</source>
        <translation>aangifte uiterlijk %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — missing since %2 (%3); %4; %5 notifications open</source>
        <translation>%1 — vermist sinds %2 (%3); %4; %5 meldingen open</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 in %2: %3 km from %4 (safety distance %5 km)</source>
        <translation>%1 bij %2: %3 km van %4 (veiligheidsafstand %5 km)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2: no valid authorisation since %3</source>
        <translation>%1 in %2: geen geldige machtiging sinds %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — %2 ends %3 (%4 days); lives in a closed unit</source>
        <translation>%1 — %2 loopt af op %3 (%4 dagen); woont in een gesloten afdeling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2 ends %3 (%4 days)</source>
        <translation>%1 — %2 loopt af op %3 (%4 dagen)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — found %2; interview OVERDUE since %3</source>
        <translation>%1 — gevonden %2; gesprek TE LAAT sinds %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — found %2; interview due %3</source>
        <translation>%1 — gevonden %2; gesprek uiterlijk %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — 3 episodes within 30 days, last seen %2</source>
        <translation>%1 — 3 vermissingen binnen 30 dagen, laatst gezien %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — priority %2, age %3</source>
        <translation>%1 — prioriteit %2, leeftijd %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — since %2 (%3)</source>
        <translation>%1 — sinds %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — %2 expires %3</source>
        <translation>%1 — %2 verloopt %3</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="+320"/>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="+79"/>
        <source>User name</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full name</source>
        <translation>Volledige naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password (again)</source>
        <translation>Wachtwoord (nogmaals)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Create the administrator</source>
        <translation>Beheerder aanmaken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This database has no users yet. Create the administrator account; the administrator then adds the other users.</source>
        <translation>Deze database heeft nog geen gebruikers. Maak het beheerdersaccount aan; de beheerder voegt daarna de andere gebruikers toe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Locked</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The screen was locked because it was not used for a while. Enter your password to continue.</source>
        <translation>Het scherm is vergrendeld omdat het een tijd niet gebruikt is. Voer uw wachtwoord in om verder te gaan.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log in</source>
        <translation>Inloggen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in to the placement planner.</source>
        <translation>Log in op de plaatsingsplanner.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checking…</source>
        <translation>Bezig met controleren…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Wrong user name or password.</source>
        <translation>Verkeerde gebruikersnaam of wachtwoord.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrong user name or password. After %1 failed attempts this workstation waits longer before each new try, at most %2 minutes.</source>
        <translation>Verkeerde gebruikersnaam of wachtwoord. Na %1 mislukte pogingen wacht deze werkplek steeds langer voor een nieuwe poging, hoogstens %2 minuten.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+71"/>
        <source>Families</source>
        <translation>Gezinnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schools</source>
        <translation>Scholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Networks</source>
        <translation>Netwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed units</source>
        <translation>Gesloten afdelingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching</source>
        <translation>Koppelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>Capaciteit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map</source>
        <translation>Kaart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alerts</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users</source>
        <translation>Gebruikers</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Postcode coordinates © GeoNames (www.geonames.org), CC BY 4.0.</source>
        <translation>Coördinaten van postcodes © GeoNames (www.geonames.org), CC BY 4.0.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality and province boundaries © CBS / PDOK (Gebiedsindelingen 2024), CC BY 4.0. Simplified.</source>
        <translation>Grenzen van gemeenten en provincies © CBS / PDOK (Gebiedsindelingen 2024), CC BY 4.0. Vereenvoudigd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>School data: DUO open onderwijsdata (CC0).</source>
        <translation>Schoolgegevens: DUO open onderwijsdata (CC0).</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+274"/>
        <location line="+34"/>
        <source>Placement planner</source>
        <translation>Plaatsingsplanner</translation>
    </message>
    <message>
        <location line="-201"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1 rows exported to %2</source>
        <translation>%1 rijen geëxporteerd naar %2</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The language can change once the calculation has finished or was stopped.</source>
        <translation>De taal kan wisselen zodra de berekening klaar is of gestopt.</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>&amp;Lock screen</source>
        <translation>Scherm &amp;vergrendelen</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>one workstation (SQLite)</source>
        <translation>één werkplek (SQLite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>office server (PostgreSQL)</source>
        <translation>kantoorserver (PostgreSQL)</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About…</source>
        <translation>&amp;Over…</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Matching and placement of foster children taken out of criminal exploitation.</source>
        <translation>Matching en plaatsing van pleegkinderen die uit criminele uitbuiting zijn gehaald.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data sources</source>
        <translation>Gegevensbronnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About</source>
        <translation>Over</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>&amp;Matching</source>
        <translation>&amp;Koppelen</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../ui/map_view.py" line="+331"/>
        <source>Show schools</source>
        <translation>Scholen tonen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Families by free places:</source>
        <translation>Gezinnen naar vrije plaatsen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>school</source>
        <translation>school</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed unit</source>
        <translation>gesloten afdeling</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Map</source>
        <translation>Kaart</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>&amp;Whole country</source>
        <translation>&amp;Heel Nederland</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location line="-145"/>
        <source>%1 — free places: %2</source>
        <translation>%1 — vrije plaatsen: %2</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="-294"/>
        <source>Match the columns</source>
        <translation>Kolommen koppelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose for each column of the file which field it holds.</source>
        <translation>Kies voor elke kolom van het bestand welk veld erin staat.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading the file…</source>
        <translation>Bestand lezen…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Column in the file</source>
        <translation>Kolom in het bestand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First row</source>
        <translation>Eerste rij</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(ignore)</source>
        <translation>(negeren)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no header)</source>
        <translation>(geen kop)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>external reference</source>
        <translation>externe referentie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>adres</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>street</source>
        <translation>straat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>house number</source>
        <translation>huisnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>place</source>
        <translation>plaats</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>postcode</source>
        <translation>postcode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>latitude</source>
        <translation>breedtegraad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>longitude</source>
        <translation>lengtegraad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>number of places</source>
        <translation>aantal plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minimum age</source>
        <translation>minimumleeftijd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>maximum age</source>
        <translation>maximumleeftijd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>genders</source>
        <translation>genders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>languages</source>
        <translation>talen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>training</source>
        <translation>training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training completed on</source>
        <translation>training afgerond op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training valid until</source>
        <translation>training geldig tot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>notities</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>date of birth</source>
        <translation>geboortedatum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>gender</source>
        <translation>gender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training needed</source>
        <translation>benodigde training</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>school kind</source>
        <translation>soort school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>priority</source>
        <translation>prioriteit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>networks</source>
        <translation>netwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brothers and sisters (group)</source>
        <translation>broers en zussen (groep)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>safety distance (km)</source>
        <translation>veiligheidsafstand (km)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>maximum distance to school (km)</source>
        <translation>maximale afstand tot school (km)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DUO location code</source>
        <translation>DUO-vestigingscode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BRIN</source>
        <translation>BRIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>location number</source>
        <translation>vestigingsnummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>school kinds</source>
        <translation>soorten school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DUO category</source>
        <translation>DUO-categorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VO structure</source>
        <translation>VO-structuur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SO education</source>
        <translation>SO-onderwijs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>newcomer school</source>
        <translation>nieuwkomersschool</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>website</source>
        <translation>website</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>free seats</source>
        <translation>vrije plaatsen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>network</source>
        <translation>netwerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>school kinds taught on site</source>
        <translation>schoolsoorten op de locatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>location</source>
        <translation>locatie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reported on</source>
        <translation>gemeld op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source</source>
        <translation>bron</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>responsible region (province)</source>
        <translation>verantwoordelijke regio (provincie)</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <location filename="../../ui/matching/page.py" line="+150"/>
        <source>Remove the selected pin or prohibition</source>
        <translation>De gekozen vastzetting of het verbod opheffen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Proposal</source>
        <translation>Voorstel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not placed</source>
        <translation>Niet geplaatst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes</source>
        <translation>Wijzigingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned and forbidden</source>
        <translation>Vastgezet en verboden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Why?</source>
        <translation>Waarom?</translation>
    </message>
    <message>
        <location line="+198"/>
        <source>Stopping; keeping the best proposal so far…</source>
        <translation>Stoppen; het beste voorstel tot nu toe blijft bewaard…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Solving…</source>
        <translation>Bezig met oplossen…</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>No changes: the same proposal as before.</source>
        <translation>Geen wijzigingen: hetzelfde voorstel als eerder.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pinned: %1 with %2</source>
        <translation>Vastgezet: %1 bij %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forbidden: %1 with %2</source>
        <translation>Verboden: %1 bij %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Read-only: session %1 of %2 (%3). Start a new session to change anything.</source>
        <translation>Alleen-lezen: sessie %1 van %2 (%3). Start een nieuwe sessie om iets te wijzigen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose children on the first tab and press Solve.</source>
        <translation>Kies kinderen op het eerste tabblad en druk op Oplossen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has no proposal yet.</source>
        <translation>Sessie %1 heeft nog geen voorstel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1: %2 of %3 children placed; %4.</source>
        <translation>Sessie %1: %2 van %3 kinderen geplaatst; %4.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pins or prohibitions changed: press Re-solve.</source>
        <translation>Vastzettingen of verboden gewijzigd: druk op Opnieuw oplossen.</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Accept placements</source>
        <translation>Plaatsingen accepteren</translation>
    </message>
    <message>
        <location line="-640"/>
        <source>&amp;1. Choose children</source>
        <translation>&amp;1. Kinderen kiezen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;2. Proposal</source>
        <translation>&amp;2. Voorstel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past &amp;sessions</source>
        <translation>Eerdere &amp;sessies</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Time since solving started</source>
        <translation>Tijd sinds het oplossen begon</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Stop solving and keep the best proposal so far (Esc)</source>
        <translation>Stoppen met oplossen en het beste voorstel tot nu toe houden (Esc)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Lift</source>
        <translation>Op&amp;heffen</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+93"/>
        <source>&amp;Pin</source>
        <translation>&amp;Vastzetten</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+93"/>
        <source>&amp;Forbid</source>
        <translation>Ver&amp;bieden</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+93"/>
        <source>&amp;Re-solve</source>
        <translation>Opnieuw op&amp;lossen</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+93"/>
        <source>&amp;Accept selected</source>
        <translation>Geselecteerde &amp;accepteren</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+93"/>
        <source>Accept a&amp;ll</source>
        <translation>Alles a&amp;ccepteren</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>&amp;New session</source>
        <translation>&amp;Nieuwe sessie</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>&amp;Open (read-only)</source>
        <translation>&amp;Openen (alleen-lezen)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Solve</source>
        <translation>&amp;Oplossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solve a new session with the ticked children</source>
        <translation>Een nieuwe sessie oplossen met de aangevinkte kinderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep this child in this family or unit in every re-solve</source>
        <translation>Dit kind bij elke nieuwe oplossing in dit gezin of deze afdeling houden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never propose this family or unit for this child again</source>
        <translation>Dit gezin of deze afdeling nooit meer voor dit kind voorstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Solve again with the pins and prohibitions</source>
        <translation>Opnieuw oplossen met de vastzettingen en verboden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the placements of the selected rows</source>
        <translation>De plaatsingen van de geselecteerde rijen aanmaken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create every placement of this proposal</source>
        <translation>Alle plaatsingen van dit voorstel aanmaken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top solving</source>
        <translation>S&amp;toppen met oplossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop solving and keep the best proposal so far</source>
        <translation>Stoppen met oplossen en het beste voorstel tot nu toe houden</translation>
    </message>
    <message numerus="yes">
        <location line="+449"/>
        <source>Create %n placement(s) now? Each family&apos;s or unit&apos;s free places go down accordingly.</source>
        <translation>
            <numerusform>Nu %n plaatsing aanmaken? De vrije plaatsen van het gezin of de afdeling nemen navenant af.</numerusform>
            <numerusform>Nu %n plaatsingen aanmaken? De vrije plaatsen van elk gezin en elke afdeling nemen navenant af.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The session is then closed: the other children of this proposal are not placed and wait for a next session.</source>
        <translation>De sessie wordt daarna gesloten: de andere kinderen uit dit voorstel worden niet geplaatst en wachten op een volgende sessie.</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n placement(s) created. Session %1 is closed.</source>
        <translation>
            <numerusform>%n plaatsing aangemaakt. Sessie %1 is gesloten.</numerusform>
            <numerusform>%n plaatsingen aangemaakt. Sessie %1 is gesloten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Session %1 has pins or prohibitions that were not accepted. Leave it anyway? It is closed and stays in the past sessions.</source>
        <translation>Sessie %1 heeft vastzettingen of verboden die niet zijn geaccepteerd. Toch verlaten? De sessie wordt gesloten en blijft bij de eerdere sessies.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave session</source>
        <translation>Sessie verlaten</translation>
    </message>
    <message>
        <location line="-631"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
</context>
<context>
    <name>MissingForm</name>
    <message>
        <location filename="../../ui/aftercare_dialogs.py" line="-386"/>
        <source>Report %1 missing</source>
        <translation>%1 als vermist melden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last seen at</source>
        <translation>Laatst gezien op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last seen where</source>
        <translation>Laatst gezien waar</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The family the child ran from is paused for review, and its address becomes a known location of every network the child is linked to.</source>
        <translation>Het gezin waar het kind wegliep wordt gepauzeerd voor beoordeling, en het adres wordt een bekende locatie van elk netwerk waaraan het kind gekoppeld is.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report missing</source>
        <translation>Vermist melden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Police report: at once.</source>
        <translation>Aangifte bij de politie: direct.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Police report: within 24 hours of the last sighting.</source>
        <translation>Aangifte bij de politie: binnen 24 uur na het laatst gezien.</translation>
    </message>
</context>
<context>
    <name>NetworkForm</name>
    <message>
        <location filename="../../ui/network_form.py" line="+42"/>
        <source>New network</source>
        <translation>Nieuw netwerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit network</source>
        <translation>Netwerk bewerken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Postcode or lat, lon</source>
        <translation>Postcode of breedte, lengte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add location</source>
        <translation>Locatie toevoegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove location</source>
        <translation>Locatie verwijderen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Locations</source>
        <translation>Locaties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
</context>
<context>
    <name>NetworksPage</name>
    <message>
        <location filename="../../ui/networks_page.py" line="+33"/>
        <source>Networks</source>
        <translation>Netwerken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locations</source>
        <translation>Locaties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Delete network N%1? The %2 linked children lose this network and its safety distance.</source>
        <translation>Netwerk N%1 verwijderen? De %2 gekoppelde kinderen verliezen dit netwerk en de veiligheidsafstand ertoe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete network</source>
        <translation>Netwerk verwijderen</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="+35"/>
        <source>The new database will be encrypted. Choose its passphrase (at least %1 characters) and keep it safe: without it nobody, not even the administrator, can open the data.</source>
        <translation>De nieuwe database wordt versleuteld. Kies de wachtzin (minstens %1 tekens) en bewaar die goed: zonder wachtzin kan niemand, ook de beheerder niet, de gegevens openen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is encrypted. Enter its passphrase.</source>
        <translation>De database is versleuteld. Voer de wachtzin in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase (again)</source>
        <translation>Wachtzin (nogmaals)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Database passphrase</source>
        <translation>Wachtzin van de database</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The two passphrases differ.</source>
        <translation>De twee wachtzinnen verschillen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checking…</source>
        <translation>Bezig met controleren…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Wrong passphrase.</source>
        <translation>Verkeerde wachtzin.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/file_dialogs.py" line="+18"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Zoeken in:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>Bestands&amp;type:</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../ui/registry_page.py" line="+56"/>
        <source>Search…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <location line="+232"/>
        <source>%1 of %2 shown</source>
        <translation>%1 van %2 getoond</translation>
    </message>
    <message>
        <location line="-245"/>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Only placement officers change these records; your role may look them up.</source>
        <translation>Alleen plaatsingsfunctionarissen wijzigen deze gegevens; uw rol mag ze inzien.</translation>
    </message>
</context>
<context>
    <name>ReplaceDialog</name>
    <message>
        <location filename="../../ui/aftercare_dialogs.py" line="+219"/>
        <source>Place %1 again</source>
        <translation>%1 opnieuw plaatsen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Include brothers and sisters who must stay together</source>
        <translation>Broers en zussen die samen moeten blijven meenemen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A matching session opens for this child. The current family is forbidden. Accepting ends the current placement with this reason and starts the new one at once; no other child moves.</source>
        <translation>Er opent een koppelsessie voor dit kind. Het huidige gezin is uitgesloten. Accepteren beëindigt de huidige plaatsing met deze reden en start tegelijk de nieuwe; geen ander kind wordt verplaatst.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason the current placement ends</source>
        <translation>Reden waarom de huidige plaatsing eindigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start matching</source>
        <translation>Koppelen starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="-246"/>
        <source>create</source>
        <translation>aanmaken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>update</source>
        <translation>bijwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged</source>
        <translation>ongewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skip</source>
        <translation>overslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate? decide</source>
        <translation>dubbel? beslis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Row</source>
        <translation>Rij</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What happens</source>
        <translation>Wat er gebeurt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Waarom</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location line="+228"/>
        <source>Check what will happen</source>
        <translation>Controleer wat er gebeurt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing has been written yet.</source>
        <translation>Er is nog niets geschreven.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Selected duplicates:</source>
        <translation>Gekozen dubbele:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create anyway</source>
        <translation>Toch aanmaken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update the existing</source>
        <translation>Het bestaande bijwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Overslaan</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Comparing with the registry…</source>
        <translation>Vergelijken met het register…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Correct the rejected rows in the file and import it again; nothing is written.</source>
        <translation>Verbeter de geweigerde rijen in het bestand en importeer het opnieuw; er wordt niets geschreven.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the likely duplicates and decide what to do with them.</source>
        <translation>Kies de waarschijnlijke dubbele en beslis wat ermee gebeurt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 rows: %3</source>
        <translation>%1: %2 rijen: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing to do</source>
        <translation>niets te doen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped.</source>
        <translation>Gestopt.</translation>
    </message>
</context>
<context>
    <name>SchoolForm</name>
    <message>
        <location filename="../../ui/school_form.py" line="+30"/>
        <source>New school</source>
        <translation>Nieuwe school</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit school</source>
        <translation>School bewerken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DUO code</source>
        <translation>DUO-code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kinds</source>
        <translation>Soorten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free seats</source>
        <translation>Vrije plaatsen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
</context>
<context>
    <name>SchoolsPage</name>
    <message>
        <location filename="../../ui/schools_page.py" line="+25"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+38"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+29"/>
        <source>Province</source>
        <translation>Provincie</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Schools</source>
        <translation>Scholen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DUO code</source>
        <translation>DUO-code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kinds</source>
        <translation>Soorten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free seats</source>
        <translation>Vrije plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Delete school %1?</source>
        <translation>School %1 verwijderen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete school</source>
        <translation>School verwijderen</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="+70"/>
        <source>Creating the demo database…</source>
        <translation>De demodatabase wordt aangemaakt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the database…</source>
        <translation>De database wordt geopend…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <location line="+18"/>
        <location line="+32"/>
        <source>Placement planner</source>
        <translation>Plaatsingsplanner</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>The database on the server is at version %1; this program needs version %2. Ask the database administrator to run: placement db upgrade</source>
        <translation>De database op de server heeft versie %1; dit programma heeft versie %2 nodig. Vraag de databasebeheerder om uit te voeren: placement db upgrade</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <location filename="../../ui/tables.py" line="+184"/>
        <source>Columns</source>
        <translation>Kolommen</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <location filename="../../ui/units_page.py" line="+42"/>
        <source>New closed unit</source>
        <translation>Nieuwe gesloten afdeling</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit closed unit</source>
        <translation>Gesloten afdeling bewerken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Places (at most 60)</source>
        <translation>Plaatsen (hoogstens 60)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Youngest age</source>
        <translation>Jongste leeftijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest age</source>
        <translation>Oudste leeftijd</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Takes</source>
        <translation>Neemt op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specialisms</source>
        <translation>Specialisaties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School on site</source>
        <translation>School op de locatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <location line="+35"/>
        <location line="+24"/>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+4"/>
        <location line="+35"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Free places</source>
        <translation>Vrije plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at least 1</source>
        <translation>minstens 1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Closed units</source>
        <translation>Gesloten afdelingen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>paused</source>
        <translation>gepauzeerd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Places</source>
        <translation>Plaatsen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free</source>
        <translation>Vrij</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ages</source>
        <translation>Leeftijden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specialisms</source>
        <translation>Specialisaties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School on site</source>
        <translation>School op de locatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>_JobPanel</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="-292"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
</context>
</TS>
