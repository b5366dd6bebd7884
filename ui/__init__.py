"""The PySide6 desktop app. Calls ``placement`` services only."""

import sys


def _make_none_immortal() -> None:
    """Work around a shiboken6 6.12 bug on Python 3.11: every call of a Qt
    method that returns nothing takes one reference from ``None`` without
    giving it back, so after some hundred thousand calls Python aborts with
    "deallocating None". Python 3.12+ makes ``None`` immortal; here we give it
    a reference count no program can use up. Remove when PySide6 is fixed or
    the project moves to Python 3.12."""
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_make_none_immortal()
