"""Which countries an article's own text is about: its title, or its body naming a country often enough."""

import pandas as pd
import pytest

from lib.articles import countries


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("Tokayev visits Bishkek", "", ["KZ", "KG"]),
    ("Talks", "Kazakhstan once.", []),
    ("Talks", "Kazakhstan and again Kazakh exports.", ["KZ"]),
    ("", "Казахстан и Кыргызстан: Казахстан и Бишкек.", ["KZ", "KG"]),
])
def test_text_countries(title, body, expected):
    assert countries.text_countries(title, body) == expected
    frame = pd.DataFrame({"title": [title], "body": [body]})
    assert countries.text_countries_column(frame).tolist() == [";".join(expected)]


@pytest.mark.parametrize("body", [
    "", "Kazakhstan", "Kazakhstan Kazakhstan", "kazakhstankazakhstan", "Kazakh kazakh", "Казахстан и казахстанский",
    "Kyrgyzstan, Kazakhstan, Russia and Kyrgyz Kazakh Russian", "Бишкек Бишкек Москва",
])
def test_a_body_counts_when_it_names_the_country_often_enough(body):
    found = countries.text_countries("", body)
    for country in countries.countries():
        named = len(country.pattern.findall(body)) >= countries.MIN_BODY_MENTIONS
        assert (country.code in found) == named, country.code
