"""Placement solver: plain typed problem in, explained proposal out.

Knows nothing of databases or Qt; OR-Tools is used only inside this package.
"""
