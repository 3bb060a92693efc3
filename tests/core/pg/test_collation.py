"""PostgreSQL only: a county's database often has a linguistic collation (en_US, ICU), where
punctuation sorts unlike ASCII. The region scope's range bounds are digits, which sort 0 to 9
in every collation, so the range holds exactly the codes under the region there too."""

import pytest
from django.db import connection

from smartvet.core import regions

CODES = [
    "42",
    "4205",
    "42050",
    "420505999",
    "420506",
    "4205061",
    "420506107",
    "420506107201",
    "420506999999",
    "420507",
    "420599",
]


@pytest.mark.django_db
@pytest.mark.parametrize("collation", ["C", "und-x-icu", "en-US-x-icu"])
@pytest.mark.parametrize("prefix", ["420506", "420509", "4205"])
def test_the_scope_range_holds_under_any_collation(collation, prefix):
    column = f'code COLLATE "{collation}"'
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code FROM unnest(%s::text[]) AS t(code) "
            f"WHERE {column} >= %s AND {column} < %s",
            [CODES, prefix, regions.code_upper_bound(prefix)],
        )
        found = {row[0] for row in cursor.fetchall()}
    assert found == {code for code in CODES if code.startswith(prefix)}
