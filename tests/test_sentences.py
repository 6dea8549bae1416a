from sango_game.text.sentences import join_sentences, strip_end


def test_latin_languages_join_with_one_space():
    assert join_sentences(["Not quite. ", "", " Here is why."], "en") == "Not quite. Here is why."
    assert join_sentences(["¡Casi!", "Mira por qué."], "es") == "¡Casi! Mira por qué."


def test_chinese_joins_without_spaces_even_before_quotes():
    assert join_sentences(["不太对。", "“密码”：要保密。"], "zh_Hans") == "不太对。“密码”：要保密。"
    # Full-width punctuation never gets a space next to it, whatever the language code says.
    assert join_sentences(["Bien.", "“x”"], "fr") == "Bien. “x”"
    assert join_sentences(["好。", "Next"], "en") == "好。Next"


def test_quoted_items_drop_their_final_stop():
    assert strip_end("Say anything.") == "Say anything"
    assert strip_end("真的吗？") == "真的吗"
    assert strip_end("Wait...") == "Wait..."
    assert strip_end("") == ""


def test_a_quote_closing_the_item_loses_its_inner_stop():
    assert strip_end("A pop-up says: “Tap now to fix it.”") == "A pop-up says: “Tap now to fix it”"
    assert strip_end("«اضغط الآن لإصلاحه.»") == "«اضغط الآن لإصلاحه»"
