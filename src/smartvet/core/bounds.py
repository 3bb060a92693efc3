"""Bounds every endpoint puts on numbers it passes to the database.

Without them a fuzzed offset of 2**63 or an id of 10**20 reaches SQLite or PostgreSQL as a
number the column cannot hold and the server fails instead of answering 422.
"""

from __future__ import annotations

# PostgreSQL's integer is the narrowest primary key column among the supported databases.
MAX_ID = 2**31 - 1
# Far beyond any real list, far below what a database offset can hold.
MAX_OFFSET = 10**9
# Years a record, plan or policy may name: the platform keeps no records from before 2000.
FIRST_YEAR = 2000
LAST_YEAR = 2100
