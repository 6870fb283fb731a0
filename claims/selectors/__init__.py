"""Reads: the querysets and shaped data pages, the API, exports and commands show (no writes here)."""
