"""Reading the offices' spreadsheets and DUO's school files into the registry.

The flow is always the same: read a file into a :class:`~placement.importing.readers.Table`,
map its columns onto the fields of one kind of record
(:mod:`~placement.importing.headers`), turn every row into values or problems
(:mod:`~placement.importing.rows`), and build a dry-run plan against the
database (:mod:`~placement.importing.plan`) that is only written when the user
confirms it.
"""
