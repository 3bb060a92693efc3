from django.urls import path

from smartvet.consult.views import consultations, experts, market, training

app_name = "consult"

urlpatterns = [
    path("consult/ask/", consultations.ask, name="ask"),
    path("consult/questions/", consultations.question_list, name="questions"),
    path("consult/questions/<int:consultation_id>/", consultations.detail, name="detail"),
    path("consult/questions/<int:consultation_id>/answer/", consultations.answer, name="answer"),
    path("consult/questions/<int:consultation_id>/helpful/", consultations.helpful, name="helpful"),
    path("consult/questions/<int:consultation_id>/close/", consultations.close, name="close"),
    path("consult/questions/<int:consultation_id>/report/", consultations.report, name="report"),
    path("consult/photos/<int:photo_id>/<str:size>/", consultations.photo, name="photo"),
    path("consult/desk/", consultations.desk, name="desk"),
    path("consult/knowledge/", consultations.knowledge, name="knowledge"),
    path("consult/experts/", experts.directory, name="experts"),
    path("consult/experts/entry/", experts.edit_entry, name="entry"),
    path("consult/pairings/", experts.pairings, name="pairings"),
    path("consult/pairings/new/", experts.create_pairing, name="pairing-create"),
    path("consult/pairings/<int:pairing_id>/", experts.pairing, name="pairing"),
    path("consult/pairings/<int:pairing_id>/visit/", experts.record_visit, name="visit"),
    path("consult/training/", training.events, name="training"),
    path("consult/training/new/", training.create_event, name="event-create"),
    path("consult/training/<int:event_id>/", training.event, name="event"),
    path("consult/training/<int:event_id>/qr.png", training.qr_png, name="event-qr"),
    path("consult/training/<int:event_id>/attendee/", training.add_attendee, name="attendee"),
    path("consult/training/<int:event_id>/material/", training.add_material, name="material-add"),
    path("consult/materials/<int:material_id>/", training.material, name="material"),
    path("consult/sign/<str:key>/", training.sign_in, name="sign-in"),
    path("consult/market/", market.bulletin, name="market"),
    path("consult/market/prices/", market.prices, name="prices"),
    path("consult/market/prices/new/", market.report_price, name="price-report"),
    path("consult/market/posts/", market.posts, name="posts"),
    path("consult/market/posts/new/", market.create_post, name="post-create"),
    path(
        "consult/market/posts/<int:post_id>/withdraw/", market.withdraw_post, name="post-withdraw"
    ),
]
