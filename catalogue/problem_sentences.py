"""What the core says is wrong, in English and Dutch: a record that does not
exist, a step not allowed now, a file that cannot be read.

The services report these as :class:`catalogue.validation_sentences.Complaint`
keys with parameters (ids as text, as the tables show them), never as finished
text, so the command line prints the English and the app the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from catalogue.phrase import Phrase

PROBLEMS: Final[Mapping[str, Phrase]] = MappingProxyType({
    'authorisation.unknown_kind': Phrase(
        'unknown kind of authorisation "{kind}" (one of: {choices})',
        'onbekende soort machtiging "{kind}" (een van: {choices})'),
    'authorisation.until_before_from': Phrase(
        'is before the first valid day ({valid_from})',
        'ligt voor de eerste geldige dag ({valid_from})'),
    'backup.audit_broken': Phrase(
        "the backup's audit trail is broken: {problem}",
        'het auditspoor van de reservekopie is verbroken: {problem}'),
    'backup.audit_loss': Phrase(
        "its audit trail ends before the database's: restoring it would drop {rows} audit rows "
        '(--accept-audit-loss FILE writes them to FILE and restores anyway)',
        'het auditspoor eindigt voor dat van de database: terugzetten zou {rows} auditregels '
        'laten vallen (--accept-audit-loss BESTAND schrijft ze naar BESTAND en zet toch terug)'),
    'backup.damaged': Phrase(
        'the backup is damaged (integrity check failed)',
        'de reservekopie is beschadigd (integriteitscontrole mislukt)'),
    'backup.is_database': Phrase('is the database itself', 'is de database zelf'),
    'backup.no_file': Phrase('no such backup file', "zo'n reservekopie bestaat niet"),
    'backup.not_encrypted': Phrase(
        'is not encrypted: it cannot replace an encrypted database',
        'is niet versleuteld: het kan geen versleutelde database vervangen'),
    'backup.restore_sqlite_only': Phrase(
        'restoring here is for SQLite files; restore PostgreSQL with pg_restore',
        'terugzetten hier is voor SQLite-bestanden; zet PostgreSQL terug met pg_restore'),
    'backup.sqlite_only': Phrase(
        'backups here are for SQLite files; back up PostgreSQL with pg_dump',
        'reservekopieën hier zijn voor SQLite-bestanden; maak van PostgreSQL een kopie met '
        'pg_dump'),
    'backup.target_unreadable': Phrase(
        "does not open with the backup's passphrase, so what the restore would drop from its "
        'audit trail cannot be checked; move it away first if it is to be replaced',
        'opent niet met de wachtwoordzin van de reservekopie, dus wat terugzetten uit het '
        'auditspoor zou laten vallen is niet na te gaan; zet het eerst opzij als het vervangen '
        'moet'),
    'child.identity_needed': Phrase(
        'give a name, a date of birth or a nationality',
        'vul een naam, een geboortedatum of een nationaliteit in'),
    'child.unknown_province': Phrase(
        'unknown province "{region}" (known: {choices})',
        'onbekende provincie "{region}" (bekend: {choices})'),
    'cli.before_from': Phrase('is before --from', 'ligt voor --from'),
    'cli.decide_item': Phrase(
        '"{item}" is not ROW=create|update|skip',
        '"{item}" is geen RIJ=create|update|skip'),
    'cli.guardian_login': Phrase(
        "give the guardian's login name, or --none to remove the assignment",
        'geef de inlognaam van de voogd, of --none om de toewijzing te verwijderen'),
    'cli.login_needed': Phrase(
        'this command needs a login: --user NAME (or {variable})',
        'deze opdracht vraagt een login: --user NAAM (of {variable})'),
    'cli.no_password': Phrase(
        'no password: set {variable} or run in a terminal',
        'geen wachtwoord: zet {variable} of start in een terminal'),
    'cli.role_required': Phrase(
        'is required (officer, manager, guardian or administrator)',
        'is verplicht (officer, manager, guardian of administrator)'),
    'compromised.no_location': Phrase(
        'no location {location_id} taken from a foster family',
        'geen locatie {location_id} afkomstig van een pleeggezin'),
    'compromised.reason_needed': Phrase(
        'say why the network no longer knows this address',
        'vul in waarom het netwerk dit adres niet meer kent'),
    'coordinates.latitude': Phrase('must lie between -90 and 90', 'moet tussen -90 en 90 liggen'),
    'coordinates.longitude': Phrase(
        'must lie between -180 and 180',
        'moet tussen -180 en 180 liggen'),
    'coordinates.out_of_range': Phrase('coordinates out of range', 'coördinaten buiten bereik'),
    'country.not_code': Phrase(
        '"{country}" is not a two-letter country code',
        '"{country}" is geen landcode van twee letters'),
    'country.not_code_examples': Phrase(
        '"{country}" is not a two-letter country code (NL, BE, DE, ...)',
        '"{country}" is geen landcode van twee letters (NL, BE, DE, ...)'),
    'db.below_audit_trail': Phrase(
        'refusing to go below {revision}: that would delete the audit trail',
        'weigert onder {revision} te gaan: dat zou het auditspoor wissen'),
    'db.cannot_open': Phrase('cannot open {url}: {reason}', 'kan {url} niet openen: {reason}'),
    'db.encrypted_needs_passphrase': Phrase(
        '{path} is encrypted: set {variable} to its passphrase',
        '{path} is versleuteld: zet {variable} op de wachtwoordzin'),
    'db.new_needs_passphrase': Phrase(
        '{path} is new and is created encrypted: set {variable} (or pass --plain for an '
        'unencrypted database)',
        '{path} is nieuw en wordt versleuteld aangemaakt: zet {variable} (of geef --plain voor '
        'een onversleutelde database)'),
    'db.none_at': Phrase(
        'there is no database at {path} (create one with: placement demo)',
        'er is geen database op {path} (maak er een met: placement demo)'),
    'db.sqlite_only': Phrase(
        'this command works on a SQLite database file',
        'deze opdracht werkt op een SQLite-databasebestand'),
    'db.sslmode': Phrase(
        'a server on another machine needs sslmode=verify-full in the URL (now: {mode})',
        'een server op een andere machine vraagt sslmode=verify-full in de URL (nu: {mode})'),
    'db.unreachable': Phrase(
        'cannot reach the database server: {reason}',
        'kan de databaseserver niet bereiken: {reason}'),
    'db.url_malformed': Phrase(
        'malformed database URL ({expected})',
        'onjuiste database-URL ({expected})'),
    'db.url_unsupported': Phrase(
        '"{url}" is not a supported database URL ({expected})',
        '"{url}" is geen ondersteunde database-URL ({expected})'),
    'dossier.needs_placement': Phrase(
        'C{child_id} has no active placement; a dossier for {recipient} needs one',
        'C{child_id} heeft geen actieve plaatsing; een dossier voor {recipient} vraagt er een'),
    'export.file_type': Phrase(
        'the export file must end in .csv or .xlsx',
        'het exportbestand moet eindigen op .csv of .xlsx'),
    'family.not_under_review': Phrase(
        'F{family_id} is not under review',
        'F{family_id} is niet in beoordeling'),
    'family.places_below_occupied': Phrase(
        '{occupied} children live here now; cannot be fewer',
        'hier wonen nu {occupied} kinderen; het kunnen er niet minder zijn'),
    'family.under_review': Phrase(
        'F{family_id} is under review: end the review to resume it',
        'F{family_id} is in beoordeling: rond de beoordeling af om het gezin te hervatten'),
    'file.cannot_create_folder': Phrase(
        'cannot create the folder: {reason}',
        'kan de map niet aanmaken: {reason}'),
    'file.cannot_read': Phrase(
        'cannot read the file ({reason})',
        'kan het bestand niet lezen ({reason})'),
    'file.cannot_read_colon': Phrase(
        'cannot read the file: {reason}',
        'kan het bestand niet lezen: {reason}'),
    'file.cannot_write': Phrase(
        'cannot write the file: {reason}',
        'kan het bestand niet schrijven: {reason}'),
    'file.is_folder': Phrase(
        'is a folder; not written (give the path of a file)',
        'is een map; niet geschreven (geef het pad van een bestand)'),
    'file.is_link': Phrase(
        'is a symbolic link; not written (give the path of a file)',
        'is een symbolische koppeling; niet geschreven (geef het pad van een bestand)'),
    'file.not_json': Phrase('not valid JSON ({reason})', 'geen geldige JSON ({reason})'),
    'file.not_regular': Phrase(
        'is a device, pipe or socket, not a file; not written',
        'is een apparaat, pijp of socket, geen bestand; niet geschreven'),
    'import.csv_unreadable': Phrase(
        'cannot be read as CSV (a cell longer than {limit} characters?)',
        'is niet als CSV te lezen (een cel langer dan {limit} tekens?)'),
    'import.decide': Phrase(
        '{note}; decide: create anyway, update or skip',
        '{note}; beslis: toch aanmaken, bijwerken of overslaan'),
    'import.empty': Phrase(
        'the file is empty (no header row)',
        'het bestand is leeg (geen kopregel)'),
    'import.field_taken': Phrase(
        '"{name}" is already taken by column "{column}"',
        '"{name}" is al gekoppeld aan kolom "{column}"'),
    'import.file_type': Phrase(
        'unsupported file type (use .csv or .xlsx)',
        'bestandstype niet ondersteund (gebruik .csv of .xlsx)'),
    'import.mapping_shape': Phrase(
        'expected {{"column header": "field" or null, ...}}',
        'verwacht {{"kolomkop": "veld" of null, ...}}'),
    'import.missing_column': Phrase(
        'is missing (map a column to it)',
        'ontbreekt (koppel er een kolom aan)'),
    'import.missing_duo': Phrase(
        'is missing (map the vestigingscode, or both brin and location_number)',
        'ontbreekt (koppel de vestigingscode, of zowel brin als location_number)'),
    'import.missing_place': Phrase(
        'is missing (map the postcode, or both lat and lon)',
        'ontbreekt (koppel de postcode, of zowel lat als lon)'),
    'import.no_sheet': Phrase(
        'no sheet "{sheet}" (the file has {names})',
        'geen werkblad "{sheet}" (het bestand heeft {names})'),
    'import.no_such_column': Phrase(
        'the file has no such column',
        "het bestand heeft zo'n kolom niet"),
    'import.not_a_field': Phrase(
        '"{name}" is not a {kind} field',
        '"{name}" is geen veld van {kind}'),
    'import.sheets_only_xlsx': Phrase(
        'only spreadsheet files (.xlsx) have sheets',
        'alleen spreadsheetbestanden (.xlsx) hebben werkbladen'),
    'import.too_large': Phrase(
        'the file is larger than {megabytes} MB, the most an import may be',
        'het bestand is groter dan {megabytes} MB, het meeste dat een import mag zijn'),
    'import.too_many_cells': Phrase(
        'too many cells: an import may hold at most {limit}',
        'te veel cellen: een import mag er hoogstens {limit} bevatten'),
    'import.too_many_rows': Phrase(
        'too many rows: an import may hold at most {limit}',
        'te veel rijen: een import mag er hoogstens {limit} bevatten'),
    'import.xlsx_dtd': Phrase(
        '{part} declares a DTD (XML entities), which spreadsheets never need: not read',
        '{part} declareert een DTD (XML-entiteiten), die spreadsheets nooit nodig hebben: niet '
        'gelezen'),
    'import.xlsx_inflated': Phrase(
        'unpacks to {size} bytes, more than {times} times its size: not a spreadsheet that can '
        'be read safely',
        'pakt uit tot {size} bytes, meer dan {times} keer de eigen grootte: geen spreadsheet '
        'die veilig te lezen is'),
    'import.xlsx_unreadable': Phrase(
        'cannot read the file (not a readable .xlsx file)',
        'kan het bestand niet lezen (geen leesbaar .xlsx-bestand)'),
    'json.invalid': Phrase(
        'not valid JSON: {reason} (line {line}, column {column})',
        'geen geldige JSON: {reason} (regel {line}, kolom {column})'),
    'json.unusable': Phrase('not usable JSON: {reason}', 'geen bruikbare JSON: {reason}'),
    'matching.age_outside': Phrase(
        'age on {day} is {age}: outside {low} to {high}',
        'leeftijd op {day} is {age}: buiten {low} tot {high}'),
    'matching.no_child': Phrase('there is no child {child}', 'er is geen kind {child}'),
    'matching.not_waiting': Phrase(
        'child {child} is not waiting for a place ({status})',
        'kind {child} wacht niet op een plaats ({status})'),
    'missing.already': Phrase(
        'C{child_id} is already reported missing',
        'C{child_id} is al als vermist gemeld'),
    'missing.already_ticked': Phrase(
        '{item} was already ticked at {at}',
        '{item} was al afgevinkt op {at}'),
    'missing.before_found': Phrase(
        'is before the child was found',
        'ligt voor het moment dat het kind gevonden werd'),
    'missing.before_placement': Phrase(
        'is before the current placement started',
        'ligt voor het begin van de huidige plaatsing'),
    'missing.before_sighting': Phrase(
        'is before the last sighting ({seen} UTC)',
        'ligt voor het laatst gezien ({seen} UTC)'),
    'missing.interview_by': Phrase('say who held the interview', 'vul in wie het gesprek voerde'),
    'missing.interview_officer': Phrase(
        'the officer who placed the child may not hold the return interview',
        'de plaatsingsfunctionaris die het kind plaatste mag het terugkeergesprek niet voeren'),
    'missing.interview_recorded': Phrase(
        'the return interview of C{child_id} was already recorded',
        'het terugkeergesprek van C{child_id} is al vastgelegd'),
    'missing.never': Phrase(
        'C{child_id} has never been reported missing',
        'C{child_id} is nooit als vermist gemeld'),
    'missing.never_found': Phrase(
        'C{child_id} has no episode in which it was found',
        'C{child_id} heeft geen vermissing waarin het gevonden werd'),
    'missing.not_missing': Phrase(
        'C{child_id} is not reported missing',
        'C{child_id} is niet als vermist gemeld'),
    'missing.not_placed': Phrase(
        'C{child_id} is not placed: only a placed child can be reported missing',
        'C{child_id} is niet geplaatst: alleen een geplaatst kind kan als vermist worden gemeld'),
    'missing.unknown_notification': Phrase(
        'unknown notification "{item}" (one of: {choices})',
        'onbekende melding "{item}" (een van: {choices})'),
    'missing.unknown_risk': Phrase(
        'unknown risk grade "{risk}" (one of: {choices})',
        'onbekende risicograad "{risk}" (een van: {choices})'),
    'network.location': Phrase('location {number}: {problem}', 'locatie {number}: {problem}'),
    'network.location_future': Phrase(
        'location {number}: reported in the future',
        'locatie {number}: gemeld in de toekomst'),
    'network.location_needed': Phrase('add at least one location', 'voeg minstens één locatie toe'),
    'place.expected': Phrase(
        'expected a postcode or "lat, lon"',
        'verwacht een postcode of "breedte, lengte"'),
    'placement.child_twice': Phrase(
        'child C{child_id} appears twice',
        'kind C{child_id} staat er twee keer in'),
    'placement.end_before_start': Phrase(
        'is before the placement started ({start})',
        'ligt voor het begin van de plaatsing ({start})'),
    'placement.none_to_end': Phrase(
        'C{child_id} has no current placement to end',
        'C{child_id} heeft geen huidige plaatsing om te beëindigen'),
    'placement.note_needed': Phrase(
        'the reason "{reason}" needs a note saying what happened',
        'bij de reden "{reason}" hoort een toelichting over wat er gebeurd is'),
    'placement.unknown_reason': Phrase(
        'unknown reason code "{reason}" (one of: {choices})',
        'onbekende redencode "{reason}" (een van: {choices})'),
    'postcode.value_not_dutch': Phrase(
        '"{value}" is not a Dutch postcode (expected 1234, 1234AB or 1234 AB)',
        '"{value}" is geen Nederlandse postcode (verwacht 1234, 1234AB of 1234 AB)'),
    'postcode.value_unknown': Phrase(
        'postcode "{value}" is not in the postcode table',
        'postcode "{value}" staat niet in de postcodetabel'),
    'proposal.no_place': Phrase(
        '{child} has no place in this proposal',
        '{child} heeft geen plaats in dit voorstel'),
    'proposal.nothing_to_accept': Phrase(
        'there is nothing to accept',
        'er is niets om te accepteren'),
    'record.no_alert': Phrase('no alert {alert_id}', 'geen melding {alert_id}'),
    'record.no_alias': Phrase('no alias {alias_id}', 'geen alias {alias_id}'),
    'record.no_authorisation': Phrase(
        'no authorisation {authorisation_id}',
        'geen machtiging {authorisation_id}'),
    'record.no_child': Phrase('no child C{child_id}', 'geen kind C{child_id}'),
    'record.no_family': Phrase('no family F{family_id}', 'geen gezin F{family_id}'),
    'record.no_network': Phrase('no network N{network_id}', 'geen netwerk N{network_id}'),
    'record.no_network_location': Phrase(
        'no network location {location_id}',
        'geen netwerklocatie {location_id}'),
    'record.no_placement': Phrase('no placement {placement_id}', 'geen plaatsing {placement_id}'),
    'record.no_school': Phrase('no school {school_id}', 'geen school {school_id}'),
    'record.no_unit': Phrase('no closed unit F{unit_id}', 'geen gesloten afdeling F{unit_id}'),
    'scenario.choose_child': Phrase(
        'choose at least one waiting child as an example',
        'kies minstens één wachtend kind als voorbeeld'),
    'scenario.gender': Phrase('gender must be f, m or x', 'geslacht moet f, m of x zijn'),
    'scenario.unknown_age_band': Phrase(
        'unknown age band "{age_band}"',
        'onbekende leeftijdsgroep "{age_band}"'),
    'scenario.unknown_school_kind': Phrase(
        'unknown school kind "{school_kind}"',
        'onbekende schoolsoort "{school_kind}"'),
    'scenario.unknown_training': Phrase(
        'unknown training tag: {tags}',
        'onbekende training: {tags}'),
    'school.code_taken': Phrase(
        'another school already has code {code}',
        'een andere school heeft al code {code}'),
    'school.duo_code': Phrase(
        'must be a DUO code of 4 or 6 letters and digits',
        'moet een DUO-code van 4 of 6 letters en cijfers zijn'),
    'secret.column_key_unset': Phrase(
        'is not set (placement db column-key makes a key)',
        'is niet gezet (placement db column-key maakt een sleutel)'),
    'secret.entries_differ': Phrase('the two entries differ', 'de twee invoeren verschillen'),
    'secret.none_given': Phrase(
        'none given: type it in a terminal or pass one line on standard input',
        'niets opgegeven: typ het in een terminal of geef één regel op standaardinvoer'),
    'session.child_not_in': Phrase(
        '{child_id} is not in this session',
        '{child_id} zit niet in deze sessie'),
    'session.choose_child': Phrase('choose at least one child', 'kies minstens één kind'),
    'session.family_not_available': Phrase(
        '{family_id} is not available in this session',
        '{family_id} is niet beschikbaar in deze sessie'),
    'session.leaves_care': Phrase(
        'with the reason "{reason}" the child leaves care: nothing to re-place',
        'met de reden "{reason}" verlaat het kind de zorg: er is niets om opnieuw te plaatsen'),
    'session.no_child': Phrase(
        'no child "{child}" in the session',
        'geen kind "{child}" in de sessie'),
    'session.no_session': Phrase(
        'there is no matching session {session_id}',
        'er is geen matchingsessie {session_id}'),
    'session.not_stored_id': Phrase(
        '{id} is not a stored {prefix} id',
        '{id} is geen opgeslagen {prefix}-id'),
    'session.school_not_available': Phrase(
        '{school_id} is not available in this session',
        '{school_id} is niet beschikbaar in deze sessie'),
    'sessionfile.key_too_long': Phrase(
        'a key of {length} characters; at most {limit} are allowed',
        'een sleutel van {length} tekens; hoogstens {limit} zijn toegestaan'),
    'sessionfile.list_too_long': Phrase(
        'list of {length} items; at most {limit} are allowed',
        'lijst van {length} items; hoogstens {limit} zijn toegestaan'),
    'sessionfile.not_utf8': Phrase(
        'not UTF-8 text (invalid byte at offset {offset})',
        'geen UTF-8-tekst (ongeldige byte op positie {offset})'),
    'sessionfile.text_too_long': Phrase(
        'text of {length} characters; at most {limit} are allowed',
        'tekst van {length} tekens; hoogstens {limit} zijn toegestaan'),
    'sessionfile.too_deep': Phrase(
        'not a session file: nested too deeply',
        'geen sessiebestand: te diep genest'),
    'sessionfile.too_large': Phrase(
        'the file is larger than {megabytes} MB, the most a session file may be',
        'het bestand is groter dan {megabytes} MB, het meeste dat een sessiebestand mag zijn'),
    'sessionfile.too_many_values': Phrase(
        'too many values (at most {containers} objects and lists and {values} values)',
        'te veel waarden (hoogstens {containers} objecten en lijsten en {values} waarden)'),
    'storage.already_encrypted': Phrase('is already encrypted', 'is al versleuteld'),
    'storage.column_key_shape': Phrase(
        'must be 64 hexadecimal digits (32 bytes)',
        'moet 64 hexadecimale cijfers zijn (32 bytes)'),
    'storage.key_file_damaged': Phrase(
        'the key file next to the database is damaged',
        'het sleutelbestand naast de database is beschadigd'),
    'storage.key_file_missing': Phrase(
        'the key file next to the database is missing or damaged',
        'het sleutelbestand naast de database ontbreekt of is beschadigd'),
    'storage.no_database_file': Phrase(
        'no such database file',
        "zo'n databasebestand bestaat niet"),
    'storage.plain_with_key': Phrase(
        '{file} is not encrypted, but its key file {key_file} says it was: refusing a plain '
        'file in place of the encrypted database',
        '{file} is niet versleuteld, maar het sleutelbestand {key_file} zegt dat het dat was: '
        'een onversleuteld bestand in plaats van de versleutelde database wordt geweigerd'),
    'text.at_least': Phrase(
        'must be at least {limit} characters',
        'moet minstens {limit} tekens lang zijn'),
    'text.at_most': Phrase('at most {limit} characters', 'hoogstens {limit} tekens'),
    'text.must_at_most': Phrase(
        'must be at most {limit} characters',
        'mag hoogstens {limit} tekens zijn'),
    'unit.unknown_school_kind': Phrase(
        'unknown school kind: {kinds} (known: {choices})',
        'onbekende schoolsoort: {kinds} (bekend: {choices})'),
    'users.first_is_administrator': Phrase(
        'the first user is an administrator',
        'de eerste gebruiker is een beheerder'),
    'users.named_not_guardian': Phrase(
        '{username} is not an active guardian account',
        '{username} is geen actief voogd-account'),
    'users.no_such_user': Phrase('no such user', "zo'n gebruiker bestaat niet"),
    'users.no_user': Phrase('no user {username}', 'geen gebruiker {username}'),
    'users.none_yet': Phrase(
        'this database has no users yet: placement user add NAME --first-admin',
        'deze database heeft nog geen gebruikers: placement user add NAAM --first-admin'),
    'users.not_guardian': Phrase(
        'is not an active guardian account',
        'is geen actief voogd-account'),
    'users.not_own_account': Phrase(
        'you cannot disable your own account',
        'u kunt uw eigen account niet uitschakelen'),
    'users.password_required': Phrase(
        'is required (only a server can authenticate without one)',
        'is verplicht (alleen een server kan zonder aanmelden)'),
    'users.taken': Phrase('is already taken', 'is al in gebruik'),
    'users.username_rule': Phrase(
        'must be 1-64 characters without leading or trailing spaces',
        'moet 1-64 tekens zijn, zonder spaties aan het begin of eind'),
})
