"""Placement dossiers: one PDF per child, its contents chosen by the recipient.

A dossier travels outside the office, so two independent safeguards decide
what it shows. The recipient's policy (:mod:`.recipients`) selects the
sections; then, before anything is written, the finished PDF's text is read
back and searched for every value that recipient may not see (:mod:`.leaks`).
A dossier that would leak is refused: nothing reaches the disk, and the error
names the category, never the value.

:mod:`.gathering` reads what a dossier could say, :mod:`.layout` lays out the
pages, :mod:`.printing` checks, audits and writes them, and
:mod:`.police_sheet` does the same for the police's missing-person sheet.
"""
