"""Shared helpers used by every domain app: translated fields, text search keys, exports,
background tasks with progress, the one tabular import mechanism, charts."""
