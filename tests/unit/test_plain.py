from server.plain import lix, longest_sentence, sentences, words


def test_lix_of_the_design_briefs_example_is_easy_reading() -> None:
    text = (
        "Helsestasjon for ungdom er et gratis tilbud til deg som er ung. Her kan du snakke med "
        "helsesykepleier eller lege om kropp, følelser, sex og prevensjon. Du kan komme uten foreldre. "
        "De som jobber der har taushetsplikt."
    )
    # 37 words, 4 sentences, 6 words over six letters (helsestasjon, helsesykepleier, følelser,
    # prevensjon, foreldre, taushetsplikt): 37/4 + 100*6/37 = 9.25 + 16.22
    assert len(words(text)) == 37
    assert len(sentences(text)) == 4
    assert round(lix(text), 1) == 25.5
    assert longest_sentence(text) == 14


def test_long_words_and_long_sentences_raise_lix() -> None:
    easy = "Du kan gå dit. Det er gratis."
    hard = "Tverrfaglig samhandlingskompetanse forutsetter systematisk implementering av forebyggende tiltak."
    assert lix(easy) < 20 < 40 < lix(hard)


def test_hyphenated_compounds_count_as_one_word_and_empty_text_scores_zero() -> None:
    assert words("Barne-, unge- og familietjenesten") == ["Barne", "unge", "og", "familietjenesten"]
    assert words("COS-P-kurs") == ["COS-P-kurs"]
    assert lix("") == 0.0
