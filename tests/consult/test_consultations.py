"""Consultations: asking with photos, routing, answers across counties, rating, the
knowledge base, the first-answer clock, and the surveillance report in one step."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from smartvet.consult import queries
from smartvet.consult.commands import AnswerIn, CloseIn, HelpfulIn, SuspectIn
from smartvet.consult.models import Article, Consultation, ConsultationPhoto, Routing
from smartvet.consult.services import consultations
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.core.models import LedgerEvent
from smartvet.core.services import create_account
from smartvet.surveillance.models import Report
from tests.consult import factories
from tests.consult.factories import jpeg_with_gps


def test_a_question_goes_to_the_experts_whose_speciality_and_region_fit(
    personas, expert_entry, jiyuan_expert
):
    asked = factories.ask(personas.farmer_longquan)
    assert queries.routed_to(asked) == ["expert"]  # not the 济源 expert: another county
    sheep = factories.ask(personas.farmer_longquan, species="sheep")
    assert queries.routed_to(sheep) == []  # nobody in 夷陵区 knows sheep
    event = LedgerEvent.objects.filter(action="consultation.asked").last()
    assert event.summary["routed"] == []


def test_the_stored_photo_carries_no_location(personas, expert_entry):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the phone's GPS
    asked = factories.ask(personas.farmer_longquan, photos=[original, original])
    rows = ConsultationPhoto.objects.filter(consultation=asked)
    assert rows.count() == 2
    for row in rows:
        for field in (row.image, row.thumbnail):
            with field.open("rb") as handle:
                data = handle.read()
            stored = Image.open(io.BytesIO(data))
            assert stored.format == "JPEG"
            assert dict(stored.getexif()) == {}
            assert b"Exif" not in data and b"PhoneMaker" not in data
    assert rows[0].thumbnail.size < rows[0].image.size or rows[0].width <= 320


def test_a_tenth_photo_is_refused_and_nothing_is_kept(personas, expert_entry):
    before = (Consultation.objects.count(), LedgerEvent.objects.count())
    with pytest.raises(DomainError) as refused:
        factories.ask(personas.farmer_longquan, photos=[jpeg_with_gps()] * 10)
    assert refused.value.code == "TOO_MANY_PHOTOS"
    assert "最多9张" in str(refused.value.message)
    assert (Consultation.objects.count(), LedgerEvent.objects.count()) == before
    assert ConsultationPhoto.objects.count() == 0


def test_a_file_that_is_not_an_image_is_refused(personas, expert_entry):
    with pytest.raises(DomainError) as refused:
        factories.ask(personas.farmer_longquan, photos=[jpeg_with_gps(), b"%PDF-1.4 not a photo"])
    assert refused.value.code == "PHOTO_INVALID"
    assert refused.value.details[0]["index"] == 1
    assert "第2张" in str(refused.value.message)
    assert Consultation.objects.count() == 0


def test_another_countys_expert_cannot_answer(personas, expert_entry, jiyuan_expert):
    asked = factories.ask(personas.farmer_longquan)
    before = LedgerEvent.objects.count()
    with pytest.raises(NotFound):
        consultations.answer(
            actor=jiyuan_expert, consultation_id=asked.pk, command=AnswerIn(body="我来答")
        )
    asked.refresh_from_db()
    assert asked.status == "open" and asked.answers.count() == 0
    assert LedgerEvent.objects.count() == before


def test_a_farmer_cannot_answer(personas, expert_entry):
    asked = factories.ask(personas.farmer_longquan)
    with pytest.raises(PermissionDenied):
        consultations.answer(
            actor=personas.farmer_longquan, consultation_id=asked.pk, command=AnswerIn(body="x")
        )


def test_several_experts_answer_and_the_farmer_marks_the_helpful_one_and_rates(
    personas, expert_entry
):
    second = create_account(
        actor=None,
        username="expert_two",
        password="x" * 12,
        role="expert",
        region="420506",
        display_name="王专家",
    )
    factories.entry(second)
    asked = factories.ask(
        personas.farmer_longquan, question="我是张建国，电话13907171234，仔猪拉稀"
    )
    first = consultations.answer(
        actor=personas.expert, consultation_id=asked.pk, command=AnswerIn(body="补液保温。")
    )
    other = consultations.answer(
        actor=second,
        consultation_id=asked.pk,
        command=AnswerIn(body="查大肠杆菌，张建国家要消毒。"),
    )
    asked.refresh_from_db()
    assert asked.status == "answered" and asked.first_answered_at is not None
    consultations.mark_helpful(
        actor=personas.farmer_longquan, consultation_id=asked.pk, command=HelpfulIn(answer=first.pk)
    )
    consultations.close(
        actor=personas.farmer_longquan,
        consultation_id=asked.pk,
        command=CloseIn(rating=4, helpful=other.pk),
    )
    asked.refresh_from_db()
    assert asked.status == "closed" and asked.rating == 4
    assert list(asked.answers.filter(helpful=True)) == [other]
    article = Article.objects.get(consultation=asked)
    # personal data removed: the farmer's name and phone number
    assert "13907171234" not in article.question and "张建国" not in article.question
    assert "张建国" not in article.answer and "消毒" in article.answer
    assert list(queries.articles(q="仔猪 拉稀")) == [article]


def test_a_closed_question_takes_no_more_answers(personas, expert_entry):
    asked = factories.answered(personas.farmer_longquan, personas.expert)
    consultations.close(
        actor=personas.farmer_longquan, consultation_id=asked.pk, command=CloseIn(rating=5)
    )
    with pytest.raises(DomainError) as refused:
        consultations.answer(
            actor=personas.expert, consultation_id=asked.pk, command=AnswerIn(body="补充")
        )
    assert refused.value.code == "INVALID_TRANSITION"


def test_an_unanswered_question_cannot_be_rated(personas, expert_entry):
    asked = factories.ask(personas.farmer_longquan)
    with pytest.raises(DomainError) as refused:
        consultations.close(
            actor=personas.farmer_longquan, consultation_id=asked.pk, command=CloseIn(rating=5)
        )
    assert refused.value.code == "INVALID_TRANSITION"


def test_a_vaccinator_asks_for_a_farm_it_serves_only(personas, expert_entry, own_farm, other_farm):
    from smartvet.registry import services as registry_services

    with pytest.raises(DomainError) as refused:
        factories.ask(personas.vaccinator_longquan)
    assert refused.value.details[0]["field"] == "farm"
    with pytest.raises((PermissionDenied, NotFound)):
        factories.ask(personas.vaccinator_longquan, farm=own_farm.pk)
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=own_farm.pk, username="vaccinator_longquan"
    )
    asked = factories.ask(personas.vaccinator_longquan, farm=own_farm.pk)
    assert (
        asked.farmer == personas.farmer_longquan and asked.asked_by == personas.vaccinator_longquan
    )


def test_the_clock_reminds_then_escalates_to_the_county(personas, expert_entry):
    asked = factories.ask(personas.farmer_longquan, species="sheep")  # nobody fits: no routing
    assert asked.remind_at < asked.first_answer_due
    assert consultations.sweep(now=asked.remind_at - timedelta(seconds=1)) == 0
    assert consultations.sweep(now=asked.remind_at) == 1
    asked.refresh_from_db()
    assert asked.reminded_at is not None and asked.escalated_at is None
    assert consultations.sweep(now=asked.first_answer_due) == 1
    asked.refresh_from_db()
    assert asked.escalated_at is not None
    # every available expert of the county now has it, and the county's desk sees it
    assert Routing.objects.filter(consultation=asked, escalation=True).count() == 1
    assert list(queries.overdue(personas.county_supervisor)) == [asked]
    assert list(queries.waiting_for(personas.expert)) == [asked]
    assert consultations.sweep(now=asked.first_answer_due + timedelta(days=1)) == 0
    actions = list(
        LedgerEvent.objects.filter(object_id=str(asked.pk), object_type="consult.consultation")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["consultation.asked", "consultation.reminded", "consultation.escalated"]


def test_the_first_answer_is_due_within_the_working_day(db):
    from datetime import datetime

    # asked Friday 16:00: 1.5 working hours left on Friday, 5.5 more on Monday → Monday 14:00
    friday = timezone.make_aware(datetime(2025, 3, 7, 16, 0))
    remind, due = consultations.clock(friday)
    assert timezone.localtime(remind).strftime("%a %H:%M") == "Mon 09:00"
    assert timezone.localtime(due).strftime("%a %H:%M") == "Mon 16:00"


def test_an_answered_question_is_not_escalated(personas, expert_entry):
    asked = factories.answered(personas.farmer_longquan, personas.expert)
    assert consultations.sweep(now=asked.first_answer_due + timedelta(hours=1)) == 0


def test_a_suspected_notifiable_disease_becomes_a_surveillance_report(
    personas, expert_entry, own_farm
):
    asked = factories.answered(
        personas.farmer_longquan,
        personas.expert,
        farm=own_farm.pk,
        question="几头猪高烧、耳朵发紫、突然死亡",
        photos=[jpeg_with_gps()],
    )
    command = SuspectIn(
        disease="FMD",
        category="fattening_pig",
        at_risk=200,
        sick=3,
        dead=0,
        onset_date=timezone.localdate(),
    )
    report = consultations.report_suspected(
        actor=personas.farmer_longquan, consultation_id=asked.pk, command=command
    )
    asked.refresh_from_db()
    assert asked.report_id == report.pk
    assert Report.objects.get(pk=report.pk).kind == "suspected_outbreak"
    assert report.photos.count() == 1 and report.farm == own_farm
    with pytest.raises(DomainError) as again:
        consultations.report_suspected(
            actor=personas.farmer_longquan, consultation_id=asked.pk, command=command
        )
    assert again.value.code == "ALREADY_REPORTED"


def test_the_routed_expert_gets_a_text_message(
    personas, expert_entry, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []

    class Gateway:
        def send(self, phone, text):
            sent.append((phone, text))
            return True

    monkeypatch.setattr("smartvet.surveillance.sms.backend", Gateway)
    personas.expert.phone = "13911112222"
    personas.expert.save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        factories.ask(personas.farmer_longquan)
    assert sent == [("13911112222", "您有一条新的养殖咨询（疫病防治），请登录智慧兽医解答。")]
