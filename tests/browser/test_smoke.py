from tests.browser.conftest import CHROMIUM


def test_chromium_renders_a_local_page(page):
    page.set_content("<html lang='en'><title>t</title><main><h1>Hello</h1></main></html>")
    assert page.inner_text("h1") == "Hello"
    assert CHROMIUM == "/usr/bin/chromium"
