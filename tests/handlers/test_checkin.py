"""Check-in ranking: the nearest account first, distances shown the way a seller reads them."""

from __future__ import annotations

from handlers.conversation.checkin import distance_m, format_distance, rank
from handlers.kernel.messages import Location
from storage.accounts import Account

PAULISTA = Location(-23.5614, -46.6559)


def _account(id_: int, name: str, lat: float | None = None, lon: float | None = None):
    return Account(id_, name, owner_id=1, latitude=lat, longitude=lon)


def test_distance_between_two_points_in_sao_paulo():
    # Av. Paulista (MASP) to Praça da Sé: about 2.6 km as the crow flies.
    assert 2500 < distance_m(PAULISTA, -23.5503, -46.6339) < 2600
    assert distance_m(PAULISTA, PAULISTA.latitude, PAULISTA.longitude) == 0


def test_rank_puts_located_accounts_by_distance_then_the_rest_by_name():
    accounts = [
        _account(1, "zeta sem endereço"),
        _account(2, "Longe", -23.60, -46.70),
        _account(3, "Perto", -23.5615, -46.6560),
        _account(4, "Alfa sem endereço"),
    ]
    ranked = rank(accounts, PAULISTA)
    assert [r.account.name for r in ranked] == [
        "Perto",
        "Longe",
        "Alfa sem endereço",
        "zeta sem endereço",
    ]
    assert ranked[0].metres is not None and ranked[0].metres < 50
    assert ranked[2].metres is None


def test_without_a_location_everything_is_by_name():
    ranked = rank([_account(1, "b", -23.5, -46.6), _account(2, "A")], None)
    assert [r.account.name for r in ranked] == ["A", "b"]


def test_distances_read_naturally_in_each_language():
    assert format_distance(123, "pt-BR") == "120 m"
    assert format_distance(1530, "pt-BR") == "1,5 km"
    assert format_distance(1530, "en") == "1.5 km"
