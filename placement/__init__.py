"""Core of the placement planner: domain, storage, services, files, command line.

Nothing in this package imports Qt; the desktop app in ``ui`` calls the
services defined here.
"""
