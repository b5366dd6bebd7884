"""The ``placement`` command line."""
