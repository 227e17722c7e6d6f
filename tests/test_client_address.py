"""Behind our own proxies, visitors keep their own report limit and login throttle."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from pages.client_address import client_address
from pages.models import FeedbackReport
from tests.factories import make_staff_user
from tests.test_feedback import post, report_data
from tests.test_security import PRODUCTION_ENV, run_manage

BALANCER = "10.0.0.5"


def address(meta: dict) -> str:
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        # No proxy of ours: the header is the visitor's own words and is ignored.
        (0, "198.51.100.7", BALANCER),
        # One proxy: it appended the address it saw; what is left of it is forgeable.
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (1, " 2001:db8::7 ", "2001:db8::"),  # IPv6: its /64, see below
        # Two proxies: the outer one wrote the visitor, the inner one the outer one.
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        # Missing, too short or not an address: REMOTE_ADDR, never an error.
        (1, None, BALANCER),
        (2, "198.51.100.7", BALANCER),
        (1, "not-an-address", BALANCER),
        (1, "198.51.100.7:4431", BALANCER),
        (1, "", BALANCER),
    ],
)
def test_the_address_counted_is_the_one_our_outermost_proxy_saw(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": BALANCER}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert address(meta) == expected


@pytest.mark.parametrize(
    ("remote", "counted"),
    [
        ("192.0.2.1", "192.0.2.1"),
        # A /64 is one connection: its device picks addresses in it at will.
        ("2001:db8:0:1::1", "2001:db8:0:1::"),
        ("2001:db8:0:1:aaaa:bbbb:cccc:dddd", "2001:db8:0:1::"),
        ("2001:db8:0:2::1", "2001:db8:0:2::"),
        ("::ffff:192.0.2.1", "192.0.2.1"),  # IPv4 in IPv6 clothing
    ],
)
def test_an_ipv6_client_is_counted_by_its_64(settings, remote, counted):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address({"REMOTE_ADDR": remote}) == counted


def via_balancer(visitor: str, forged: str = "") -> dict:
    chain = f"{forged}, {visitor}" if forged else visitor
    return {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": chain}


@pytest.mark.django_db
def test_visitors_behind_one_balancer_each_have_their_own_report_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    first = [post(client, report_data(), **via_balancer("198.51.100.1")) for _ in range(6)]
    assert [response.status_code for response in first] == [303] * 5 + [429]
    # A forged entry in front of the real address does not open a new count.
    forged = post(client, report_data(), **via_balancer("198.51.100.1", forged="192.0.2.99"))
    assert forged.status_code == 429
    # Another visitor through the same balancer is not affected.
    assert post(client, report_data(), **via_balancer("198.51.100.2")).status_code == 303
    assert FeedbackReport.objects.count() == 6


@pytest.mark.django_db
def test_without_trusted_proxies_a_forwarded_header_cannot_dodge_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        post(client, report_data(), **via_balancer(f"198.51.100.{n}")).status_code for n in range(6)
    ]
    assert statuses == [303] * 5 + [429]


def sign_in(client, password: str, visitor: str):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": "/admin/"},
        **via_balancer(visitor),
    )


@pytest.mark.django_db
def test_a_login_lockout_behind_the_balancer_is_for_that_visitor_only(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_staff_user("editor")
    statuses = [sign_in(client, "wrong", "203.0.113.50").status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    assert sign_in(client, "a long test password 42", "203.0.113.50").status_code == 429
    # The editor, from their own address through the same balancer, signs in.
    assert sign_in(client, "a long test password 42", "198.51.100.20").status_code == 302


@pytest.mark.parametrize("value", ["two", "-1", "1.5"])
def test_a_proxy_count_that_is_not_a_whole_number_is_refused_at_start(value):
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_TRUSTED_PROXY_COUNT": value})
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT must be a whole number" in result.stderr


def test_a_forwarded_request_with_no_proxy_counted_is_warned_about_once(settings, caplog):
    from pages import client_address as module

    settings.TRUSTED_PROXY_COUNT = 0
    module._warned.clear()
    try:
        # Straight from the internet with a header of its own: nothing to say.
        assert address({"REMOTE_ADDR": "93.184.216.34", "HTTP_X_FORWARDED_FOR": "1.2.3.4"})
        assert not caplog.records
        # From a balancer's private address: the setting is missing.
        for _ in range(3):
            seen = address({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.4"})
            assert seen == "10.0.0.2"
        warnings = [r for r in caplog.records if "DJANGO_TRUSTED_PROXY_COUNT is 0" in r.message]
        assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
        assert "10.0.0.2" not in caplog.text  # an address on a private network may be a person's
        # A proxy on a unix socket: no REMOTE_ADDR at all.
        module._warned.clear()
        caplog.clear()
        address({"REMOTE_ADDR": "", "HTTP_X_FORWARDED_FOR": "198.51.100.4"})
        assert any("DJANGO_TRUSTED_PROXY_COUNT is 0" in r.message for r in caplog.records)
    finally:
        module._warned.clear()
