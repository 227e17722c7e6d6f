"""Screenshots of the Mali page for people to look at (saved under artifacts/screenshots/)."""

import pytest

pytestmark = [pytest.mark.browser]

# The deepest elements that stick out past the right edge, to say what to fix.
WIDEST_ELEMENTS = """
[...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0)
  .slice(0, 5)
  .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)
"""
SIZES = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 812}}


@pytest.mark.parametrize("language,path", [("en", "/en/countries/mali/"), ("fr", "/fr/pays/mali/")])
@pytest.mark.parametrize("size", SIZES)
def test_mali_page_screenshot(browser, live_server, demo, artifacts, language, path, size):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.goto(live_server.url + path)
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"mali-{language}-{size}.png"
    page.screenshot(path=str(target), full_page=True)
    # Nothing may stick out sideways, from 320 px phones up.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    too_wide = page.evaluate(WIDEST_ELEMENTS) if overflow > 0 else []
    context.close()
    assert target.stat().st_size > 10_000
    assert overflow <= 0, f"the page is {overflow}px wider than a {size}px screen: {too_wide}"
