"""A share widget's lines ("Tell a friend", a row of network names) are page furniture: never an article's title,
never in its body; a headline that merely starts with a network's name stays a headline."""

import pytest

from lib.articles.page import to_article
from lib.records import RawDocument

HEADLINE = "Kazakhstan and Kyrgyzstan agree on new border checkpoints"
BODY = ("President of Kazakhstan Kassym-Jomart Tokayev met President of Kyrgyzstan Sadyr Japarov in Astana on "
        "Tuesday to discuss the modernisation of checkpoints on the border. The leaders agreed that trade should "
        "keep growing.\n\nThe governments will prepare a programme of joint projects in transport and energy "
        "before the summer, the press service said.\n")
FIRST_LINE = BODY.split("\n")[0]
# With no headline line, the title is the body's first line, cut at a word before 160 characters.
FALLBACK_TITLE = FIRST_LINE[:157].rsplit(" ", 1)[0] + "…"


def article(text: str):
    return to_article(RawDocument("a.txt", text, "text", "utf-8"))


@pytest.mark.parametrize("widget", [
    "Tell a friend", "Tell your friends", "Send to a friend", "E-mail a friend", "Email this",
    "Рассказать друзьям", "Расскажите друзьям", "Отправить другу", "Поделитесь",
    "Facebook Twitter Telegram WhatsApp", "VK · Одноклассники · Telegram", "Facebook | X | Email | Print",
])
@pytest.mark.parametrize("where", ["above the headline", "under the headline", "no headline"])
def test_a_share_line_is_not_the_title(widget, where):
    text = {"above the headline": f"{widget}\n{HEADLINE}\n\n{BODY}",
            "under the headline": f"{HEADLINE}\n{widget}\n\n{BODY}",
            "no headline": f"{widget}\n\n{BODY}"}[where]
    parsed = article(text)
    assert parsed.title == (FALLBACK_TITLE if where == "no headline" else HEADLINE)
    assert widget not in parsed.body


@pytest.mark.parametrize("headline", ["Telegram opens an office in Bishkek", "Facebook page of the embassy",
                                      "Telegram and WhatsApp calls to be free between the two countries"])
def test_a_headline_that_starts_with_such_a_word_is_kept(headline):
    assert article(f"{headline}\n\n{BODY}").title == headline
