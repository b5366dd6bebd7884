"""The domain's one vocabulary: codes, their Dutch and English names and the
synonyms people type, limits and defaults, and every sentence template.

It sits below the solver, the core and the user interface so that each of
them reads a word, a limit or a sentence from here and never writes its own
copy; adding a code or a sentence is then a change in one place."""
