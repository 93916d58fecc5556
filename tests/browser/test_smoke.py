"""The first thing a parent does: open the site on a phone and reach a municipality's ladder."""

import re

from playwright.sync_api import Page, expect


def test_parent_on_a_phone_can_choose_a_municipality_and_see_its_ladder(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Stor-Elvdal").click()
    expect(page).to_have_url(re.compile(r"/stor-elvdal$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stor-Elvdal")
