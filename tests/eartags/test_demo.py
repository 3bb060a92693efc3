from smartvet.eartags import demo as eartags_demo
from smartvet.eartags import queries
from smartvet.eartags.models import TagMove, TagRange
from smartvet.registry import demo as registry_demo


def test_demo_tags_are_loaded_once(personas):
    registry_demo.load("pw")
    eartags_demo.load("pw")
    ranges, moves = TagRange.objects.count(), TagMove.objects.count()
    eartags_demo.load("pw")
    assert (TagRange.objects.count(), TagMove.objects.count()) == (ranges, moves)
    totals = queries.totals(personas.county_supervisor)
    assert totals["fitted"] == 50
    assert totals["in_stock"] + totals["issued"] == 6000
    farmer_view = queries.lookup_tag(personas.farmer_longquan, "1-420506-00000001")
    assert farmer_view["status"] == "fitted"
    assert (
        queries.tag_status(personas.county_supervisor, "1-420506-00000400")["holder"]["vaccinator"]
        == "vaccinator_longquan"
    )
    assert (
        queries.tag_status(personas.county_supervisor, "3-420506-00000001")["holder"]["key"]
        == "township:420506108"
    )
