"""Whether a sentence with no name of the book is about the asker's sales work at all.

Some cues are ordinary words ("parada", "hoje"): said of a truck queue or of the price of
soy they ask for no data. With no account, contact or deal named, a sentence that holds
none of the nouns of sales work (deals, clients, the funnel) or, for a day word, nothing of
the asker's own day ("tenho", "my"), is not a request: answering it with data would be a
confident answer to a question nobody asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The nouns of the work (normalised: no accents, lower case), and the words for a client's
# people ("the solar ppl", "o pessoal da obra"): a question about them is about the work.
SALES_NOUNS = frozenset(
    """
negocio negocios deal deals oportunidade oportunidades opp opps oportunidade cliente clientes
client clients customer customers conta contas account accounts lead leads prospect prospects
proposta propostas proposal proposals pipeline pipe funil funnel venda vendas sale sales
carteira book contrato contratos contract contracts pedido pedidos encomenda encomendas cotacao orcamento
orcamentos quote quotes follow followup cadencia cadencias cadence cadences passo passos step
steps tarefa tarefas task tasks
pessoal ppl people guys folks
comissao comissoes commission commissions faturamento faturou faturei faturamos revenue receita
budget budgets verba
desconto descontos discount discounts margem margin preco precos price prices pricing produto
produtos product products catalogo catalog ticket conversao conversion win meta metas
target targets quota quotas ligacao ligacoes call calls visita visitas visit visits reuniao
reunioes meeting meetings email emails planilha planilhas spreadsheet csv exportar export
importar import relatorio relatorios report reports dashboard crm ritmo bot
""".split()
) | {"closed won", "closed lost", "won deals", "lost deals"}  # 'CW', 'CL': second_language

# The asker's own day: with one of these, "hj" asks about the agenda ("o q tenho hj").
ASKER_WORDS = frozenset(
    """
eu mim me meu minha meus minhas tenho temos tem fazer to tou estou i im my me mine have got
anything something anybody algo alguma algum nada agenda
""".split()
)


def about_sales(words: Iterable[str]) -> bool:
    """Whether one of `words` (normalised) is a noun of sales work."""
    return any(w in SALES_NOUNS for w in words)


# A price is asked of anything ("o preço do ingresso", "the price limit for the secret
# santa"): alone, with no other noun of the work, it says nothing of sales.
PRICE_WORDS = frozenset({"preco", "precos", "price", "prices", "pricing", "ticket"})


def asks_of_the_work(words: Iterable[str]) -> bool:
    """Whether a question with no name in it holds a noun of the work other than a price."""
    return any(w in SALES_NOUNS and w not in PRICE_WORDS for w in words)


def about_me(words: Iterable[str]) -> bool:
    """Whether one of `words` (normalised) speaks of the asker's own day or work."""
    return any(w in ASKER_WORDS for w in words)


# A message that holds its meaning back: a pause before the real message ("deixa eu ver",
# "hold on") or a pointer at something said before ("the one from yesterday", "aquele lá").
# Not off-topic chatter: it is asked back, as a bare name or emoji is.
_PENDING = re.compile(
    r"^(?:(?:hum+|hm+|uh+|um+|ah+|eh+|ok|so|entao|e) )*"
    # a pointer said as a "no" to the choice offered: "não não é a outra", "no the other one"
    r"(?:(?:nao|no|nope|n)(?: (?:nao|no))*(?: (?:e|era|its|it s|is|i mean))? )?"
    r"(?:deixa eu ver|deixa eu olhar|deixa eu checar|pera|perai|peraí|espera|um momento|um minuto"
    r"|so um minuto|so um segundo|calma|hold on|one sec|one second|just a sec|wait|let me see"
    r"|let me check|lemme check|lemme see|the one|that one|aquele|aquela|aqueles|aquelas"
    r"|o daquele|a daquela|o do|a da|the other one|o outro|a outra"
    # what was done before, pointed at (round 31: dev20, dev27): "no the other atlas", "same
    # as last time", "igual da outra vez", "o de sempre"
    r"|the other(?! (?:day|week|night|time)\b)|same (?:as|like) (?:last time|before|always|usual)|same thing as"
    r"|igual (?:da|a|de) (?:outra vez|ultima vez|sempre)|o de sempre|a de sempre"
    r"|mesma coisa (?:da|de) (?:outra vez|ultima vez|sempre))\b"
)


def pending(norm: str) -> bool:
    """Whether the message (normalised) only points at what is still to come or was said
    before, with nothing to act on in it."""
    return _PENDING.match(norm) is not None


# "logged the brightline call on the wrong account, undo", "registrei na conta errada": the
# account named is where a write should have gone, not where it is.
_WRONG_PLACE = re.compile(
    r"\b(?:(?:wrong|other|another|different) (?:account|company|client|customer|deal)"
    r"|conta (?:errada|trocada)|outra conta|errei (?:a |de )?conta|cliente errado)\b"
)


def wrong_place(norm: str) -> bool:
    """Whether the message (normalised) says the account it names is the wrong one: an undo
    then is not scoped to that account."""
    return _WRONG_PLACE.search(norm) is not None and _RECORD_OF.search(norm) is None


# The record taken back named with its account ("cancela aquele registro da X, era outra
# conta", "delete the note on X, wrong client"): X is where the record is, what is undone.
_RECORD_OF = re.compile(
    r"\b(?:registro|log|nota|anotacao|entry|note) (?:d[aoe]|n[ao]|for|on|of|at|about)"
    r" (?!(?:a |o |the |uma |um )?(?:conta|account|cliente|client|wrong|errad[ao]|outr[ao]"
    r"|other|another|different)\b)"
)


# Businesses a seller also goes to as anyone does (the hotel they sleep at, their gym): one of
# these words alone in lower case, in a sentence with nothing of the work, may be the client
# of that kind or just the place, and is asked about.
EVERYDAY_PLACES = frozenset(
    """
hotel pousada academia restaurante lanchonete bar farmacia drogaria padaria escola clinica
hospital otica mercado supermercado posto banco loja shopping oficina
gym restaurant pharmacy bakery school clinic bank store shop mall garage
lavanderia laundry laundromat pizzaria pizzeria barbearia barbershop salao salon cervejaria
""".split()
)
