"""The matching session: the placement officer's main workflow.

An officer picks waiting children, the solver proposes families and schools,
the officer pins or forbids pairs, re-solves, compares and accepts.

- :mod:`.run_state`: the plain-Python state of one session and the pure
  functions that change the question (pin, forbid) or answer it (solve); they
  never touch the database, so the window can run them off the GUI thread
  without holding a transaction across a long solve.
- :mod:`.persistence`: opening, storing, closing and reopening the
  ``MatchingSession`` row (the caller owns the transaction).
- :mod:`.accepting`: turning the stored proposal into placements.
- :mod:`.cards`, :mod:`.diff`, :mod:`.map_view`: what the matching page shows.

Ids inside a run are the session-file ids (``C12``, ``F3``, DUO school
codes), so the stored problem and proposal JSON read exactly like a session
file someone could solve again on the command line.
"""
