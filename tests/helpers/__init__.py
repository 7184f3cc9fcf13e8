"""Modules that test modules import: fixtures stay in conftest.py, everything else shared lives here."""
