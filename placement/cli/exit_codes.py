"""The exit codes of the ``placement`` command, shared by the entry point and
the commands that end early (kept apart so no command imports the entry point)."""

EXIT_INPUT = 2
EXIT_DENIED = 4
EXIT_INTERNAL = 70
