"""claims.services.netguard: the one SSRF guard of URL fetches, feeds and webhooks.

Non-loopback ranges are tested through the address check itself and through a stub resolver whose
`send` fails the test: no test here resolves a real name or connects anywhere but 127.0.0.1.
"""

import ipaddress

import pytest

from claims.services import netguard, webhooks
from claims.services.articles import IngestError, url_fetch_request
from tests.local_site import LocalSite

REFUSED = [
    ("10.0.0.5", "private"),
    ("172.16.3.4", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),  # cloud metadata
    ("100.64.0.1", "not a public"),  # carrier-grade NAT
    ("0.0.0.0", "unspecified"),  # noqa: S104
    ("224.0.0.251", "multicast"),
    ("240.0.0.1", "reserved"),
    ("198.18.0.1", "private"),
    ("fe80::1", "link-local"),
    ("fc00::1", "private"),
    ("ff02::1", "multicast"),
    ("::", "unspecified"),
    ("2001:db8::1", "private"),
    ("::ffff:10.0.0.1", "inside the IPv6 address"),  # IPv4-mapped
    ("::ffff:169.254.169.254", "link-local"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::10.0.0.1", "inside the IPv6 address"),  # IPv4-compatible
    ("2002:a00:1::1", "inside the IPv6 address"),  # 6to4 of 10.0.0.1
    ("64:ff9b::a00:1", "inside the IPv6 address"),  # NAT64 of 10.0.0.1
    ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "inside the IPv6 address"),  # Teredo, client 10.0.0.1
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
]


@pytest.mark.parametrize("address, why", REFUSED)
def test_non_public_addresses_are_refused(address, why):
    reason = netguard.address_refusal(ipaddress.ip_address(address), allow_loopback=False)
    assert why in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address):
    assert netguard.address_refusal(ipaddress.ip_address(address), allow_loopback=False) == ""


def test_loopback_passes_only_when_allowed():
    for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
        assert netguard.address_refusal(ipaddress.ip_address(address), allow_loopback=True) == ""
    assert netguard.address_refusal(ipaddress.ip_address("10.0.0.1"), allow_loopback=True)


@pytest.fixture
def no_network(monkeypatch):
    """A resolver stub (names → the addresses a test gives) and a `send` that fails the test if reached."""
    answers: dict[str, list[str]] = {}

    def resolve(host, port):
        return [ipaddress.ip_address(a) for a in answers[host]]

    def send(address, request):
        pytest.fail(f"netguard connected to {address} for {request.parts.geturl()}")

    monkeypatch.setattr(netguard, "resolver", resolve)
    monkeypatch.setattr(netguard, "send", send)
    return answers


@pytest.mark.parametrize("answer", [["10.1.2.3"], ["93.184.216.34", "192.168.0.7"], ["::ffff:10.0.0.1"], ["fd00::5"]])
def test_a_name_resolving_to_a_private_address_is_refused_before_any_connection(no_network, answer, settings):
    settings.NETWORK_ALLOW_LOOPBACK = False
    no_network["intranet.example"] = answer
    with pytest.raises(netguard.RefusedError) as err:
        netguard.fetch("http://intranet.example/admin", timeout=1, max_bytes=1000)
    assert "intranet.example" in err.value.message and err.value.status == 400


@pytest.mark.parametrize(
    "url", ["http://10.0.0.1/", "http://[fd00::1]:8080/x", "http://[::ffff:a00:1]/", "http://169.254.169.254/latest"]
)
def test_private_literals_are_refused_without_a_lookup(no_network, url):
    with pytest.raises(netguard.RefusedError):
        netguard.fetch(url, timeout=1, max_bytes=1000)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://x/", "ftp://example.org/", "http:///nohost", "http://[::1"]
)
def test_other_schemes_and_broken_urls_are_refused(no_network, url):
    with pytest.raises(netguard.RefusedError):
        netguard.fetch(url, timeout=1, max_bytes=1000)


def test_a_public_name_is_allowed_by_the_check(no_network):
    no_network["news.example"] = ["93.184.216.34"]
    parts, addresses = netguard.check_url("https://news.example/story")
    assert addresses == [ipaddress.ip_address("93.184.216.34")] and parts.hostname == "news.example"


def test_loopback_is_refused_in_production_mode(settings):
    settings.NETWORK_ALLOW_LOOPBACK = False
    with LocalSite() as site:
        site.route("/page", "<p>internal</p>")
        with pytest.raises(netguard.RefusedError) as err:
            netguard.fetch(site.url("/page"), timeout=2, max_bytes=10_000)
        assert "127.0.0.1 is a loopback address" in err.value.message
        assert site.requests == []  # never connected


def test_every_redirect_is_checked(monkeypatch):
    """A local page (allowed in tests) redirecting to a private address: refused at that hop."""
    with LocalSite() as site:
        site.route("/go", status=302, headers={"Location": "http://10.9.8.7/secret"})
        with pytest.raises(netguard.RefusedError) as err:
            netguard.fetch(site.url("/go"), timeout=2, max_bytes=10_000)
        assert "10.9.8.7" in err.value.message
        assert site.paths() == ["/go"]


def test_redirects_are_followed_and_loops_stopped():
    with LocalSite() as site:
        site.route("/a", status=301, headers={"Location": "/b"})
        site.route("/b", status=302, headers={"Location": site.url("/c")})
        site.route("/c", "<p>here</p>")
        site.route("/loop1", status=302, headers={"Location": "/loop2"})
        site.route("/loop2", status=302, headers={"Location": "/loop1"})
        response = netguard.fetch(site.url("/a"), timeout=2, max_bytes=10_000)
        assert (response.status, response.url, response.body) == (200, site.url("/c"), b"<p>here</p>")
        with pytest.raises(netguard.FetchError) as err:
            netguard.fetch(site.url("/loop1"), timeout=2, max_bytes=10_000)
        assert err.value.code == "redirect_loop" and "loop" in err.value.message


def test_size_limit_is_enforced_while_reading():
    with LocalSite() as site:
        site.route("/big", b"x" * 200_000)
        with pytest.raises(netguard.FetchError) as err:
            netguard.fetch(site.url("/big"), timeout=2, max_bytes=50_000)
        assert err.value.code == "too_large"


def test_the_connection_goes_to_the_checked_address_with_the_original_host(monkeypatch):
    """DNS rebinding: the guard connects to the address it checked, sending the name as Host."""
    with LocalSite() as site:
        site.route("/page", "<p>ok</p>")
        monkeypatch.setattr(netguard, "resolver", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
        url = f"http://pages.localhost:{site.server.server_port}/page"
        assert netguard.fetch(url, timeout=2, max_bytes=10_000).status == 200
        assert site.requests[0][2]["host"] == f"pages.localhost:{site.server.server_port}"


def test_url_fetches_and_webhooks_share_the_guard(no_network, settings, db):
    no_network["intranet.example"] = ["10.0.0.8"]
    with pytest.raises(IngestError) as err:
        url_fetch_request(url="http://intranet.example/wiki")
    assert err.value.status == 400 and "10.0.0.8 is a private address" in err.value.message
    assert "10.0.0.8 is a private address" in webhooks.refusal("http://intranet.example/hook")


def test_the_api_answers_400_for_a_private_url(api_client, no_network):
    no_network["intranet.example"] = ["192.168.10.10"]
    response = api_client.post("/api/articles/", {"url": "http://intranet.example/"}, format="json")
    assert response.status_code == 400 and "private address" in response.json()["detail"]
