"""The words the pages use: labels, ages, dates, and glossary links that are safe HTML."""

import datetime

from server.content.model import Access, GlossaryTerm
from server.view import ACCESS_LABELS, TermMarker, age_text, join_words, norwegian_date

GLOSSARY = {
    "ppt": GlossaryTerm(
        slug="ppt", term="PPT", expansion="Pedagogisk-psykologisk tjeneste", explanation="Hjelp i skolen."
    ),
    "cos-p": GlossaryTerm(
        slug="cos-p", term="COS-P", expansion="Circle of Security – Parenting", explanation="Kurs.", aliases=["COSP"]
    ),
    "vedtak": GlossaryTerm(slug="vedtak", term="Vedtak", explanation="En avgjørelse.", aliases=["vedtaket"]),
    "x": GlossaryTerm(slug="x", term="XSS", expansion='"><script>', explanation="Et forsøk."),
    "pykk": GlossaryTerm(slug="pykk", term="PYKK", explanation="Et tilbud om foreldreveiledning. Mer står ikke."),
}
marker = TermMarker(GLOSSARY)


def test_every_way_to_get_help_has_a_plain_label() -> None:
    assert [ACCESS_LABELS[access] for access in Access] == [
        "Åpent for alle",
        "Ta kontakt selv",
        "Trenger henvisning",
        "Du må søke",
        "Ikke noe du søker om",
    ]


def test_ages_read_as_plain_words() -> None:
    assert age_text(6, 16) == "fra 6 til 16 år"
    assert age_text(18, None) == "fra 18 år"
    assert age_text(None, 25) == "opp til 25 år"
    assert age_text(12, 12) == "12 år"
    assert age_text(None, None) == ""


def test_dates_and_lists_are_written_the_norwegian_way() -> None:
    assert norwegian_date(datetime.date(2026, 11, 22)) == "22. november 2026"
    assert join_words(["barn", "ungdom", "foreldre"]) == "barn, ungdom og foreldre"
    assert join_words(["barn"]) == "barn"


def test_only_the_first_use_of_an_abbreviation_is_linked_to_the_glossary() -> None:
    html = str(marker.mark("PPT hjelper. Spør PPT."))
    assert html.count('href="/ordliste#ppt"') == 1
    assert '<abbr title="Pedagogisk-psykologisk tjeneste">PPT</abbr>' in html


def test_abbreviations_match_as_written_and_whole_words_only() -> None:
    assert "ordliste" not in str(marker.mark("Appt og ppt og PPTX"))
    assert 'href="/ordliste#cos-p"' in str(marker.mark("Kurs i COSP"))


def test_ordinary_glossary_words_are_linked_only_where_the_measure_lists_them() -> None:
    assert "ordliste" not in str(marker.mark("Du får et vedtak."))
    assert 'href="/ordliste#vedtak">vedtak</a>' in str(marker.mark("Du får et vedtak.", words=["vedtak"]))


def test_text_and_glossary_are_escaped() -> None:
    html = str(marker.mark("<b>XSS</b> & co"))
    assert html.startswith("&lt;b&gt;")
    assert "&amp; co" in html
    assert "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html


def test_a_glossary_entry_does_not_link_to_itself() -> None:
    assert "ordliste" not in str(marker.mark("PPT er en tjeneste.", skip="ppt"))


def test_a_card_explains_each_abbreviation_of_its_title_and_summary_once_in_plain_words() -> None:
    assert marker.card_note("Råd fra PPT", "PPT hjelper skolen. Kurs i COS-P.") == (
        "PPT betyr pedagogisk-psykologisk tjeneste. COS-P betyr Circle of Security – Parenting."
    )
    # Without an expansion, the first sentence of the explanation says what it is.
    assert marker.card_note("PYKK", "") == "PYKK: Et tilbud om foreldreveiledning."
    # Spelled out already, or not an abbreviation: nothing to add.
    assert marker.card_note("PPT (pedagogisk-psykologisk tjeneste)", "") == ""
    assert marker.card_note("Et vedtak", "Ppt og ppt-kontoret") == ""
