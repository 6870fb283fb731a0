"""Canonical names: roles, honorifics, particles and suffixes."""

import pytest

from claims.nlp.names import split_role


@pytest.mark.parametrize(
    "mention, name, role",
    [
        ("prime minister Donald Tusk", "Donald Tusk", "prime minister"),
        ("Sir Keir Starmer", "Keir Starmer", None),
        ("Apple CEO Tim Cook", "Tim Cook", "Apple CEO"),
        ("French President Emmanuel Macron", "Emmanuel Macron", "French President"),
        ("UN Secretary-General António Guterres", "António Guterres", "UN Secretary-General"),
        ("Tory MP Kit Malthouse", "Kit Malthouse", "Tory MP"),
        ("Home Office minister Dan Jarvis", "Dan Jarvis", "Home Office minister"),
        ("Green Party co-leader Carla Denyer", "Carla Denyer", "Green Party co-leader"),
        ("Ursula von der Leyen", "Ursula von der Leyen", None),
        ("Dr. Martin Luther King Jr.", "Martin Luther King Jr.", None),
        ("House Speaker Mike Johnson", "Mike Johnson", "House Speaker"),
        ("Sen. Ted Cruz (R-Texas)", "Ted Cruz", None),
    ],
)
def test_split_role(mention, name, role):
    assert split_role(mention) == (name, role)


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Tan Sri Muhyiddin Yassin", "Muhyiddin Yassin"),
        ("Datuk Seri Najib Razak", "Najib Razak"),
        ("Sri Mulyani Indrawati", "Sri Mulyani Indrawati"),
        ("Col (retd) Oli Ahmed", "Oli Ahmed"),
        ("Most Rev. Fr. John Kane", "John Kane"),
        ("Cllr Mary Hoy", "Mary Hoy"),
        ("Alhaji Atiku Abubakar", "Atiku Abubakar"),
        ("Brig Kwame Mensah", "Kwame Mensah"),
    ],
)
def test_honorifics_from_every_culture_are_stripped(mention, name):
    assert split_role(mention)[0] == name
