"""An import answers once with everything wrong in the file (issue 10 point 17), and the
template cannot be imported as it comes (point 11)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.eartags.test_import import URL, book, row, rows_of


def test_clashes_with_registered_stock_come_in_the_same_answer_as_bad_rows(
    api, county_supervisor, county_stock
):
    data = book(
        [
            row(2000, 2100),  # 2: fine
            row(990, 1010),  # 3: overlaps the stock already registered
            row(3000, 3099, quantity=7),  # 4: quantity
        ]
    )
    response = api(county_supervisor).upload(URL, "mixed.xlsx", data)
    assert response.status_code == 422
    assert rows_of(response) == [(3, "EARTAG_RANGE_OVERLAP"), (4, "EARTAG_QUANTITY_MISMATCH")]


def test_the_templates_text_columns_keep_leading_zeros(api, county_supervisor):
    sheet = load_workbook(
        io.BytesIO(api(county_supervisor).get("/api/v1/eartags/template").content)
    ).active
    for letter in "ABCD":
        assert sheet.column_dimensions[letter].number_format == "@"
        assert sheet[f"{letter}2"].number_format == "@"
    assert sheet["B2"].value == "01"


def test_the_templates_example_row_is_refused_with_a_clear_message(api, county_supervisor):
    template = api(county_supervisor).get("/api/v1/eartags/template").content
    response = api(county_supervisor).upload(URL, "模板.xlsx", template)
    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert detail["row"] == 2 and "示例" in detail["message"]
