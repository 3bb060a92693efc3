"""The certificate's QR opens the public verification page (issue 10, point 8): scanned by a
logged-in checkpoint or slaughterhouse account, it leads on to that account's form with the
number filled in; the checkpoint's form starts empty (what is on the truck is typed in, not
copied from the paper)."""

import re
from html.parser import HTMLParser

import pytest

from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.quarantine.commands import RevokeIn
from smartvet.quarantine.services import revoke_certificate
from tests.quarantine import factories
from tests.quarantine.test_pages import shown_actions
from tests.support.personas import PASSWORD


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "textarea"} and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""


def _inputs(page: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(page)
    return parser.values


def _steps(client, certificate) -> list[tuple[str, str]]:
    page = client.get(f"/verify/{certificate.number}").content.decode()
    return [(name, url) for name, _method, url, _fields in shown_actions(page)]


def test_a_checkpoint_goes_from_the_scan_to_an_empty_check_form(client, tagged, certificate):
    client.force_login(tagged.checkpoint)
    ((action, url),) = _steps(client, certificate)
    assert action == "check" and url == f"/quarantine/checkpoint/?number={certificate.number}"
    page = client.get(url).content.decode()
    inputs = _inputs(page)
    assert inputs["number"] == certificate.number
    assert inputs["vehicle"] == "" and inputs["count_seen"] == ""
    assert "有效" in page  # the paper beside the empty form, its status in words


def test_a_slaughterhouse_goes_from_the_scan_to_its_entry_form(client, tagged, certificate):
    client.force_login(tagged.slaughterhouse)
    ((action, url),) = _steps(client, certificate)
    assert action == "slaughter" and url == f"/quarantine/slaughter/?number={certificate.number}"
    assert _inputs(client.get(url).content.decode())["certificate"] == certificate.number


def test_the_next_step_follows_the_permission_not_the_role(client, tagged, certificate):
    """A slaughterhouse of another county sees the paper but takes nothing in; a vet and the
    farmer have no next step; a stranger is asked to log in."""
    elsewhere = create_account(
        actor=None,
        username="slaughterhouse_jiyuan",
        password=PASSWORD,
        role=Role.SLAUGHTERHOUSE,
        region="419001",
        organization="济源市定点屠宰场",
    )
    for user in (elsewhere, tagged.vet_longquan, tagged.farmer_longquan):
        client.force_login(user)
        assert _steps(client, certificate) == [], user.username
    client.logout()
    page = client.get(f"/verify/{certificate.number}").content.decode()
    assert re.search(r'href="/login/\?next=/verify/\w+"', page)


@pytest.mark.parametrize("stage", ["slaughtered", "revoked"])
def test_no_entry_is_offered_once_the_paper_is_used_or_revoked(client, tagged, certificate, stage):
    if stage == "slaughtered":
        factories.enter(tagged, certificate, certificate.ear_tags)
    else:
        revoke_certificate(
            actor=tagged.vet_longquan,
            number=certificate.number,
            command=factories.command(RevokeIn, reason="货主取消调运"),
        )
    client.force_login(tagged.slaughterhouse)
    assert _steps(client, certificate) == []
    client.force_login(tagged.checkpoint)  # a checkpoint still checks it, and sees why
    assert [action for action, _url in _steps(client, certificate)] == ["check"]


def test_a_batch_refused_at_the_slaughterhouse_says_so_where_its_paper_is_checked(
    client, tagged, resident_vet, certificate
):
    """The paper stays 有效 by the clock, but a refused batch must not go on with it."""
    entry = factories.enter(tagged, certificate, factories.tags(1, 3))
    assert "暂扣待驻场官方兽医处理" in client.get(f"/verify/{certificate.number}").content.decode()
    factories.decide(resident_vet, entry, "refuse", "耳标不符")
    client.force_login(tagged.checkpoint)
    page = client.get("/quarantine/checkpoint/", {"number": certificate.number}).content.decode()
    assert "屠宰场已拒绝本批入场：本证明不得再用于调运或入场。" in page
