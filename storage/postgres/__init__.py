"""PostgreSQL for a team that outgrew one SQLite file: its migrations, name search and tools.

The repositories behind the storage interface come later (issue 16); what lives here today is
the schema (numbered like SQLite's), the name-search query, the `ritmo store move` copier's
PostgreSQL side and a throwaway server for tests and benchmarks.
"""
