"""The certificate paper as outside tools read it (issue 10 point 12): every ear tag of a truck
of 100 or 300 pigs is on it (附页 when needed), no tag is broken across lines, every font is
embedded, nothing runs into the stamp boxes or the footer, the QR reads from a poor print."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFilter

from smartvet.quarantine import pdf
from tests.conftest import skip_or_fail

TOOLS = {"pdftotext", "pdffonts", "pdftoppm", "zbarimg"}


@pytest.fixture
def needs_tools():
    if not all(shutil.which(tool) for tool in TOOLS):
        skip_or_fail("poppler-utils and zbar-tools (apt) read the paper as a user's tools do")


def _certificate(tags: list[str], **fields) -> SimpleNamespace:
    issued = datetime(2026, 11, 30, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    values = {
        "number": "4205061070000123",
        "kind": "A",
        "current_status": "valid",
        "owner_name": "张三",
        "owner_phone": "139****1234",
        "species": "pig",
        "category": "fattening_pig",
        "quantity": len(tags) or 10,
        "unit": "头",
        "origin_place": "湖北省宜昌市夷陵区龙泉镇青龙村",
        "destination_region_id": "420506",
        "destination_region": SimpleNamespace(name="夷陵区"),
        "destination_place": "宜昌市夷陵区定点屠宰场",
        "get_destination_kind_display": lambda: "定点屠宰场",
        "get_purpose_display": lambda: "屠宰",
        "get_transport_mode_display": lambda: "公路",
        "carrier_name": "李四",
        "carrier_phone": "13800001111",
        "vehicle": "鄂E·12345",
        "disinfection": "已消毒",
        "valid_days": 2,
        "issued_at": issued,
        "valid_until": issued + timedelta(days=2),
        "vet_name": "王兽医",
        "remarks": "",
        "ear_tags": tags,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def _tags(count: int) -> list[str]:
    return [f"1420506{index:08d}" for index in range(1, count + 1)]


def _render(cert, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf.certificate_pdf(cert))
    return str(path)


def _text(path: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.usefixtures("needs_tools")
@pytest.mark.parametrize("count", [100, 300])
def test_every_tag_of_a_truck_is_on_the_paper_whole(tmp_path, count):
    tags = _tags(count)
    path = _render(_certificate(tags), tmp_path)
    text = _text(path)
    printed = re.findall(r"\b1420506\d{8}\b", text)
    assert sorted(printed) == tags  # every tag once, none cut in two
    assert "附页" in text
    assert "鄂E·12345" in text
    assert "指定通道检查站签章" in text


@pytest.mark.usefixtures("needs_tools")
def test_every_font_is_embedded(tmp_path):
    path = _render(_certificate(_tags(300), remarks="备注" * 100), tmp_path)
    listing = subprocess.run(
        ["pdffonts", path], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "the paper names its fonts"
    for line in listing:
        columns = line.split()
        assert columns[-5] == "yes", line  # the "emb" column


@pytest.mark.usefixtures("needs_tools")
def test_the_qr_reads_from_a_poor_print(tmp_path):
    path = _render(_certificate(_tags(12)), tmp_path)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", path, str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    # a tired office printer: soft, faint, a little noisy
    poor = image.filter(ImageFilter.GaussianBlur(1.5)).point(lambda v: min(255, v + 60))
    poor.save(tmp_path / "poor.png")
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "poor.png")], capture_output=True
    )
    assert decoded.stdout.decode().strip().endswith("/verify/4205061070000123")


text_up_to = st.text(alphabet="龙泉镇青龙村ABC0123456789·-，。 ", min_size=0)


@settings(max_examples=40, deadline=None)
@given(
    place=text_up_to.filter(lambda t: len(t) <= 200),
    remarks=text_up_to.filter(lambda t: len(t) <= 200),
    disinfection=text_up_to.filter(lambda t: len(t) <= 100),
    tags=st.integers(min_value=0, max_value=400),
)
def test_nothing_runs_into_the_stamps_or_the_footer(place, remarks, disinfection, tags):
    cert = _certificate(
        _tags(tags), destination_place=place, remarks=remarks, disinfection=disinfection
    )
    pdf._font()
    plan = pdf.layout(pdf._fields(cert), cert.ear_tags, "牲畜耳标号")
    assert plan.bottom >= pdf.TABLE_BOTTOM
    for _label, lines in plan.rows:
        assert all(pdf._width(line, plan.size) <= pdf.VALUE_WIDTH for line in lines)
