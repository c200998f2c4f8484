"""Sign in to ComplaintsDesk with a council account, as a browser would, without one.

    python -m tests.oidc_provider.flow --base-url URL --login alice --password PASSWORD [--insecure]

Follows the app's "Sign in with your council account" to the test provider
(scripts/oidc-test-provider), fills in its form, follows the redirects back through the
app's callback, and exits 0 only if the page it lands on is a signed-in page of the app.
Used by the tests and by scripts/production-check (through HTTPS, hence --insecure for a
self-signed certificate)."""

import argparse
import re
import sys
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin

import requests

START = "/accounts/council/start/"
SIGNED_IN_MARK = 'action="/accounts/sign-out/"'  # the sign-out button on every staff page
FORM_ACTION = re.compile(r'<form[^>]*action="(/interaction/[^"]+/login)"')
LOGOUT_FORM = re.compile(r'<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"')
XSRF = re.compile(r'name="xsrf" value="([^"]+)"')
SIGNED_OUT = "/accounts/signed-out/"
# The provider's self-submitting page (ending another account's session first): what a
# browser's script would send.
AUTO_SUBMIT = re.compile(r'<form method="post" action="([^"]+)">(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"/>')
# The app's page that moves on to the provider by itself (accounts/continue_to_provider.html).
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


@dataclass
class FlowResult:
    signed_in: bool
    final_url: str
    status: int
    page: str
    reason: str = ""


def sign_in(
    base_url: str,
    login: str,
    password: str,
    *,
    session: requests.Session | None = None,
    verify: bool = True,
    timeout: float = 20,
) -> FlowResult:
    http = session or requests.Session()
    http.verify = verify
    base = base_url.rstrip("/")
    provider_form = http.get(base + START, timeout=timeout)
    action = FORM_ACTION.search(provider_form.text)
    if provider_form.status_code != 200 or action is None:
        return FlowResult(
            False,
            provider_form.url,
            provider_form.status_code,
            provider_form.text,
            "the provider's sign-in form did not appear",
        )
    page = http.post(
        urljoin(provider_form.url, unescape(action.group(1))),
        data={"login": login, "password": password},
        timeout=timeout,
    )
    page = follow_auto_submit(page, http, timeout=timeout)
    signed_in = (
        page.status_code == 200 and page.url.startswith(base) and SIGNED_IN_MARK in page.text
    )
    reason = "" if signed_in else "the app did not show a signed-in page"
    return FlowResult(signed_in, page.url, page.status_code, page.text, reason)


def follow_auto_submit(
    page: requests.Response, http: requests.Session, *, timeout: float = 20
) -> requests.Response:
    """Submit the provider's "Submitting Callback" form, if that is the page, as its script
    would in a browser."""
    form = AUTO_SUBMIT.search(page.text) if "Submitting Callback" in page.text else None
    if form is None:
        return page
    data = {name: unescape(value) for name, value in HIDDEN.findall(form.group(2))}
    return http.post(urljoin(page.url, unescape(form.group(1))), data=data, timeout=timeout)


def follow_refresh(
    page: requests.Response, http: requests.Session, *, timeout: float = 20
) -> requests.Response:
    """Go where a page's meta refresh goes, as a browser would."""
    refresh = REFRESH.search(page.text)
    if refresh is None:
        return page
    return http.get(urljoin(page.url, unescape(refresh.group(1))), timeout=timeout)


def sign_out(base_url: str, http: requests.Session, *, timeout: float = 20) -> FlowResult:
    """Press the app's sign-out button, confirm at the provider if it asks (RP-Initiated
    Logout), and report whether the browser came back to the app's signed-out page."""
    base = base_url.rstrip("/")
    http.get(base + "/", timeout=timeout)  # a staff page: sets the CSRF cookie
    page = http.post(
        base + "/accounts/sign-out/",
        data={"csrfmiddlewaretoken": http.cookies.get("csrftoken", "")},
        headers={"Referer": base + "/"},
        timeout=timeout,
    )
    page = follow_refresh(page, http, timeout=timeout)
    confirm, xsrf = LOGOUT_FORM.search(page.text), XSRF.search(page.text)
    if confirm and xsrf:
        page = http.post(
            urljoin(page.url, unescape(confirm.group(1))),
            data={"xsrf": unescape(xsrf.group(1)), "logout": "yes"},
            timeout=timeout,
        )
    done = page.status_code == 200 and page.url == base + SIGNED_OUT
    return FlowResult(done, page.url, page.status_code, page.text, "" if done else "not signed out")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the app, e.g. https://127.0.0.1:8443")
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed certificate")
    args = parser.parse_args(argv)
    if args.insecure:
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    try:
        result = sign_in(args.base_url, args.login, args.password, verify=not args.insecure)
    except requests.RequestException as error:
        print(f"council sign-in: FAILED ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    if result.signed_in:
        print(f"council sign-in: signed in, at {result.final_url}")
        return 0
    print(
        f"council sign-in: FAILED ({result.reason}; HTTP {result.status} at {result.final_url})",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
