"""Questions answered from the store, checked against the store's own sums."""

from __future__ import annotations

from tests.handlers.conftest import NOW, SYSTEM, text


async def reader(chat, name: str, locale: str) -> None:
    """Another admin, reading the same book as everyone in `locale` (as `ritmo users add`)."""

    def add(tx):
        person = tx.people.add_person(
            name=name,
            role="admin",
            timezone="America/Sao_Paulo",
            locale=locale,
            actor=SYSTEM,
            now=NOW,
        )
        tx.people.link_identity(person.id, "console", name.lower(), name.lower(), SYSTEM, NOW)

    await chat.store.write(add)


async def test_pipeline_sum_equals_the_sql_sum_for_that_owner(chat):
    answer = await chat.say("Ana", "meu pipeline")
    assert answer.intent == "pipeline"
    deals = await chat.store.read(
        lambda tx: tx.deals.deal_rows([chat.ids["Ana"]], status="open", limit=1000)
    )
    count = len(deals)
    amount = sum(d.amount for d in deals)
    weighted = sum(d.amount * d.probability for d in deals)
    stages = answer.data["stages"]
    assert [s["stage"] for s in stages] == [
        "prospecting",
        "qualification",
        "proposal",
        "negotiation",
        "commit",
    ]
    assert sum(s["count"] for s in stages) == count == 2
    assert sum(s["amount"] for s in stages) == amount
    assert round(sum(s["weighted"] for s in stages), 2) == round(weighted, 2)
    assert "R$ 170.000,00" in text(answer)


async def test_pipeline_in_english_uses_english_money(chat):
    answer = await chat.say("Bruno", "my pipeline")
    assert "R$200,000.00" in text(answer)
    assert answer.data["total"]["amount"] == 200_000


async def test_manager_sees_the_team_with_a_per_rep_breakdown_on_request(chat):
    answer = await chat.say("Marina", "pipeline por vendedor")
    assert answer.data["total"]["amount"] == 370_000  # Ana 170k + Bruno 200k, not Carlos
    assert {r["person"] for r in answer.data["by_rep"]} == {"Ana", "Bruno"}


async def test_admin_sees_everything(chat):
    answer = await chat.say("Admin", "pipeline")
    assert answer.data["total"]["amount"] == 450_000


async def test_forecast_is_weighted_and_counts_what_was_won(chat):
    answer = await chat.say("Ana", "previsão do mês")
    assert answer.intent == "forecast"
    assert answer.entities["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    # Nov: proposal 50k x 0.5 + negotiation 120k x 0.7 (closes 10th) + won 30k
    assert answer.data["weighted"] == 25_000 + 84_000 + 30_000
    assert answer.data["committed"] == 120_000 + 30_000
    assert answer.data["best_case"] == 170_000 + 30_000


async def test_manager_forecast_is_by_rep(chat):
    answer = await chat.say("Marina", "forecast next quarter")
    assert {r["person"] for r in answer.data["by_rep"]} <= {"Ana", "Bruno"}


async def test_closing_this_month(chat):
    answer = await chat.say("Ana", "o que fecha este mês?")
    assert answer.intent == "closing"
    assert {d["title"] for d in answer.data["deals"]} == {"Padaria — pães", "ACME — linha 2"}


async def test_stalled_uses_the_default_fourteen_days(chat):
    answer = await chat.say("Marina", "negócios parados")
    assert answer.data["days"] == 14
    titles = {d["title"] for d in answer.data["deals"]}
    assert "Frota" in titles  # last touch 30 days ago
    assert "Padaria — pães" not in titles  # visited 2 days ago


async def test_status_shows_deals_and_history(chat):
    answer = await chat.say("Ana", "status padaria silva")
    assert answer.intent == "status"
    assert answer.entities["account"] == "Padaria Silva Ltda"
    assert [d["title"] for d in answer.data["deals"]] == ["Padaria — pães"]
    assert len(answer.data["interactions"]) == 1
    assert "Visita à padaria" in text(answer)


async def test_next_step_suggests_from_the_state(chat):
    answer = await chat.say("Ana", "what's next for Acme?")
    assert answer.intent == "next_step"
    assert answer.data["suggestion"] == "first_touch"


async def test_agenda_lists_follow_ups_with_a_why(chat):
    await chat.say("Ana", "visitei a Padaria Silva hoje, ligar de novo amanhã")
    card = await chat.say("Ana", "visitei a Padaria Silva ontem, pediram R$ 60 mil, ligar hoje")
    from tests.handlers.conftest import button

    await chat.press("Ana", button(card, "log.confirm"))
    answer = await chat.say("Ana", "o que tenho hoje?")
    assert answer.intent == "agenda"
    assert len(answer.data["items"]) == 1
    assert "por quê" in text(answer)


async def test_the_agenda_orders_by_priority_without_showing_the_score(chat):
    await chat.say("Ana", "visitei a Padaria Silva hoje, ligar de novo amanhã")
    card = await chat.say("Ana", "visitei a Padaria Silva ontem, pediram R$ 60 mil, ligar hoje")
    from tests.handlers.conftest import button

    await chat.press("Ana", button(card, "log.confirm"))
    answer = await chat.say("Ana", "o que tenho hoje?")
    [item] = answer.data["items"]
    shown = text(answer).split("\n")[1]
    assert shown.startswith("1. ") and shown.endswith("retorno combinado")
    assert f"{item['score']:g}" not in text(answer)


async def test_overdue_for_a_manager_is_who_is_behind(chat):
    answer = await chat.say("Marina", "quem está atrasado?")
    assert answer.intent == "overdue"
    assert answer.data["people"] == []


async def test_team(chat):
    answer = await chat.say("Marina", "como está o time?")
    assert answer.intent == "team"
    assert {p["person"] for p in answer.data["people"]} == {"Ana", "Bruno"}
    assert "Marina" not in text(answer)  # a manager with no deals is not a line of zeros


async def test_a_selling_manager_is_in_her_team_view(chat):
    from tests.handlers.conftest import NOW, SYSTEM

    await chat.store.write(
        lambda tx: tx.deals.create_deal(
            account_id=chat.ids["Silva Transportes"],
            owner_id=chat.ids["Marina"],
            title="Frota 2",
            stage_key="proposal",
            amount=10_000,
            actor=SYSTEM,
            now=NOW,
        )
    )
    answer = await chat.say("Marina", "como está o time?")
    assert {p["person"] for p in answer.data["people"]} == {"Marina", "Ana", "Bruno"}


async def test_a_manager_can_narrow_to_one_rep(chat):
    answer = await chat.say("Marina", "pipeline da ana")
    assert answer.entities["person"] == "Ana"
    assert answer.data["total"]["amount"] == 170_000


async def test_the_agenda_for_a_day_ahead_holds_what_is_due_until_then(chat):
    from datetime import timedelta

    from tests.handlers.conftest import TODAY, button

    card = await chat.say("Ana", "visitei a Padaria Silva hoje, ligar de novo amanhã")
    await chat.press("Ana", button(card, "log.confirm"))
    today = await chat.say("Ana", "o que tenho hoje?")
    assert today.data["items"] == [] and "Nada para hoje" in text(today)
    assert today.entities["date"] == TODAY.isoformat()
    ahead = await chat.say("Ana", "o que tenho amanhã?")
    assert ahead.intent == "agenda" and len(ahead.data["items"]) == 1
    assert text(ahead).startswith("*Sua agenda até ") and "Padaria Silva" in text(ahead)
    assert ahead.entities["date"] == (TODAY + timedelta(days=1)).isoformat()
    english = await chat.say("Bruno", "anything for tomorrow?")
    assert text(english).startswith("Nothing due through ")


async def test_a_spanish_rep_reads_stage_names_in_spanish_where_a_pt_br_rep_reads_portuguese(
    chat,
):
    # Same deals, two readers: the stage names in the pipeline, a deal list and a status come
    # from the labels table for Spanish, not from the pt-BR copy on the stages row.
    await reader(chat, "Sofía", "es")
    spanish = text(await chat.say("Sofía", "my pipeline"))
    assert "Prospección" in spanish and "Propuesta" in spanish
    assert "Prospecção" not in spanish and "Proposta" not in spanish
    closing = await chat.say("Sofía", "o que fecha este mês?")
    assert "Propuesta" in text(closing) and "Proposta" not in text(closing)
    status = await chat.say("Sofía", "status padaria silva")
    assert "Propuesta" in text(status) and "Proposta" not in text(status)
    await reader(chat, "Paula", "pt-BR")
    portuguese = text(await chat.say("Paula", "meu pipeline"))
    assert "Prospecção" in portuguese and "Proposta" in portuguese
    assert "Prospección" not in portuguese and "Propuesta" not in portuguese
