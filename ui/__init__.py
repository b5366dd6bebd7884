"""The PySide6 desktop app. Calls ``placement`` services only."""
