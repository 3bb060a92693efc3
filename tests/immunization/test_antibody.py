"""抗体检测: pass rate, re-tests after 补免, the 10-working-day flag, the report file."""

from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import CalendarDay
from smartvet.immunization import services
from smartvet.immunization.models import AntibodyTest
from tests.immunization.factories import antibody_test as _test
from tests.immunization.factories import immunize, png_bytes


def test_the_cdc_records_a_passing_test(cdc, pig_farm):
    test = _test(cdc, pig_farm, samples=20, qualified=14, accreditation="CMA")
    assert test.pass_rate == Decimal("70.0") and test.passed
    assert not test.late and test.entered_role == "cdc"


def test_a_failing_initial_test_and_its_retest_after_revaccination(
    farmer_longquan, pig_farm, own_lot
):
    today = timezone.localdate()
    failed = _test(
        farmer_longquan, pig_farm, samples=20, qualified=10, sampled_on=today - timedelta(days=20)
    )
    assert not failed.passed
    with pytest.raises(DomainError, match="VALIDATION_ERROR") as info:
        _test(farmer_longquan, pig_farm, round="retest")
    assert "补免" in str(info.value.message)
    immunize(
        farmer_longquan,
        pig_farm,
        own_lot,
        category="sow",
        animals=50,
        on=today - timedelta(days=10),
    )
    retest = _test(farmer_longquan, pig_farm, samples=20, qualified=19, round="retest")
    assert retest.passed and retest.round == "retest"


def test_a_retest_without_a_failed_initial_test_is_refused(cdc, pig_farm):
    _test(cdc, pig_farm, qualified=19)
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        _test(cdc, pig_farm, round="retest")


def test_21_qualified_of_20_samples_is_refused(cdc, pig_farm):
    with pytest.raises(DomainError, match="VALIDATION_ERROR") as info:
        _test(cdc, pig_farm, samples=20, qualified=21)
    assert "21" in str(info.value.message)
    assert not AntibodyTest.objects.exists()


def test_bad_values_are_refused(cdc, pig_farm):
    for values in (
        {"samples": 0},
        {"lab": ""},
        {"lab": "实" * 101},
        {"disease": "RABIES"},
        {"sampled_on": timezone.localdate() + timedelta(days=1)},
        {"accreditation": "ISO"},
        {"round": "third"},
    ):
        with pytest.raises(DomainError, match="VALIDATION_ERROR"):
            _test(cdc, pig_farm, **values)
    assert not AntibodyTest.objects.exists()


def test_entry_later_than_10_working_days_is_flagged(cdc, pig_farm):
    # Sampled on Monday 2025-09-22; the make-up Sunday 09-28 counts, the National Day holiday
    # (10-01..08) does not, the make-up Saturday 10-11 is the tenth working day.
    with mock.patch("django.utils.timezone.localdate", return_value=date(2025, 10, 11)):
        on_time = _test(cdc, pig_farm, sampled_on=date(2025, 9, 22))
    with mock.patch("django.utils.timezone.localdate", return_value=date(2025, 10, 13)):
        late = _test(cdc, pig_farm, sampled_on=date(2025, 9, 22))
    assert on_time.due_by == date(2025, 10, 11) and not on_time.late
    assert late.late


def test_an_admin_holiday_counts_for_unknown_years(cdc, pig_farm):
    CalendarDay.objects.create(date=date(2099, 5, 4), is_workday=False, name="劳动节")
    with mock.patch("django.utils.timezone.localdate", return_value=date(2099, 6, 1)):
        test = _test(cdc, pig_farm, sampled_on=date(2099, 5, 1))
    # 10 working days after Fri 2099-05-01, skipping weekends and Monday 05-04
    assert test.due_by == date(2099, 5, 18)
    assert test.late


def test_who_may_record(vet_longquan, station_yaqueling, pig_farm):
    with pytest.raises(PermissionDenied):
        _test(vet_longquan, pig_farm)
    with pytest.raises(NotFound):
        _test(station_yaqueling, pig_farm)


def test_the_report_must_be_a_pdf_or_an_image(cdc, pig_farm, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    test = _test(cdc, pig_farm)
    with pytest.raises(DomainError, match="FILE_INVALID"):
        services.attach_antibody_report(actor=cdc, test_id=test.pk, data=b"MZ\x90 exe")
    with pytest.raises(DomainError, match="FILE_TOO_LARGE"):
        services.attach_antibody_report(
            actor=cdc, test_id=test.pk, data=b"%PDF-", size=50 * 1024 * 1024
        )
    services.attach_antibody_report(actor=cdc, test_id=test.pk, data=b"%PDF-1.7\n...")
    services.attach_antibody_report(actor=cdc, test_id=test.pk, data=png_bytes())
    test.refresh_from_db()
    assert test.report.name.endswith(".png")
