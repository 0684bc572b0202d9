"""Places: the prefix gate in front of the city pattern never changes what find_place answers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.facts.meetings.places import find_place, places, remembering


def _plain(text: str) -> str | None:
    cities, cue = places()
    found = cue.pattern.search(text.lower())
    return cities[int(found.lastgroup[1:])] if found and found.lastgroup else None


def test_a_river_of_a_citys_name_is_not_the_city():
    assert find_place("the commission on the Chu and Talas rivers") is None
    assert find_place("воду на реках Чу и Талас распределят поровну") is None
    assert find_place("в бассейне реки Талас, на встрече в Бишкеке") == "Bishkek"
    assert find_place("встреча прошла в Таласе") == "Talas"


def test_the_shipped_table_has_a_gate():
    gate = places()[1].gate
    assert gate is not None
    for word in ["Бишкеке", "Оше", "Вене ", "Санкт-Петербурге", "St Petersburg", "Алма-Ате", "Нур-Султаном"]:
        assert find_place(word) is not None and gate.search(word.lower()) is not None
    assert gate.search("отношения государственного") is None  # openings count at the start of a word only


WORDS = ["в", "Бишкеке", "бишкекский", "Ош", "Оше", "хорошо", "отношения", "Вена ", "Вену", "государственного",
         "St. Petersburg", "state", "Astana", "Nur-Sultan", "-Астана", "Астанаа", "Ала-Арча", "ак орда", "Xi'an", "in",
         ",", ".", " ", "-", "столице Казахстана", "kazakh capital", "капшагай", "Дохе", "доха", "İstanbul", "ſt"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
       | st.lists(st.sampled_from(WORDS), max_size=12).map("".join))
def test_gate_changes_nothing(text):
    assert find_place(text) == _plain(text)
    assert remembering()(text) == _plain(text)
