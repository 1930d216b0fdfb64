"""Whether a message is framed in the asker's own life rather than their work.

The work's words are ordinary words too: a flat is "fechado", a football team "perdeu", a
printer is "rápida", a national park is a "redwood". A data answer or a write needs evidence
that the message is about the asker's work (handlers.understanding.parse weighs that); this
module says the other half, whether the sentence sets itself in a life: the people of one's
life ("minha filha", "my son", "a sogra"), home ("em casa", "o condomínio"), one's own things that are not the work's ("meu
carro", "my stocks", "my career"), or a question put to the colleagues around rather than to
ritmo ("alguém indica…", "anyone know…", "who's in?"). Neither half alone decides: "visitei a
X, a filha dele tava doente" is a visit, and "a X tá linda hoje" names nothing of a life.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.understanding import dates, sales_words

# The people and animals of one's own life: kin, partners, friends, pets. A closed class of
# the language, not the topics people chat about.
KIN = frozenset(
    """
mae pai pais filho filha filhos filhas irmao irma irmaos irmas vo vovo vovo avo avos tio tia
tios primo prima primos sogra sogro sogros cunhado cunhada marido esposa mulher namorado
namorada noivo noiva neto neta netos sobrinho sobrinha afilhado afilhada padrinho madrinha
familia cachorro cachorra cachorrinho gato gata gatinho pet
mom mother dad father son sons daughter daughters kid kids child children brother sister
siblings grandma grandpa grandmother grandfather aunt uncle cousin wife husband partner
girlfriend boyfriend fiance fiancee family dog puppy cat kitten nephew niece inlaws
madrasta padrasto enteado enteada genro nora esposo compadre comadre bisavo bisavos
parents grandparents grandson granddaughter grandkids stepmom stepdad stepson stepdaughter
stepmother stepfather spouse hubby
""".split()
)

# What joins a word of kin without changing whose it is: "my in-laws", "my step-dad", "minha
# ex sogra", "my half brother" (typed with a hyphen, they come as two words).
_KIN_PREFIXES = frozenset("ex step in half grand bis meio meia".split())


def kin_after(words: Sequence[str], i: int) -> bool:
    """Whether the words from `i` name someone of one's life, a prefix of kin allowed ("in
    laws", "step dad", "ex sogra")."""
    if i >= len(words):
        return False
    if words[i] in KIN:
        return True
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return words[i] in _KIN_PREFIXES and (nxt in KIN or (words[i] == "in" and nxt == "laws"))


# Home, where a life is lived: "em casa", "at home", "reunião de condomínio".
HOME = frozenset("casa home condominio apartamento apto ape apartment".split())
# Around home: "a padaria aqui da esquina", "o hotel do bairro", "the gym in my building".
NEAR_HOME = frozenset(
    "bairro esquina predio vizinhanca vizinho vizinha neighborhood neighbourhood corner building".split()
)

# First-person possessives: what follows them is the asker's own.
POSSESSIVES = frozenset({"meu", "minha", "meus", "minhas", "my", "mine"})

# What a seller owns at work: after "meu"/"my" these keep the sentence in the work ("meu
# pipeline", "my day", "minha meta", "my numbers"). The nouns of sales work join them.
OWNED_AT_WORK = sales_words.SALES_NOUNS | frozenset(
    """
agenda calendario calendar schedule plate lista list dia day semana week mes month trimestre
quarter ano year numeros numbers resultado resultados result results time team equipe squad
forecast previsao meta goal goals bonus territorio territory regiao region area carteira
negocio negocios deal deals next proximo proxima proximos proximas ultimo ultima last
notas notes anotacoes historico history acesso access senha password login
compromisso compromissos appointment appointments pendencia pendencias number numero
rep reps vendedor vendedores sellers sdr sdrs ae aes galera pessoal people guys
wins vitorias ganhos losses perdas sales vendas empresas companies
""".split()
)

# A question put to the people around: ritmo is asked "o que tenho hoje", not "alguém sabe".
# ("everyone", "galera" and "ninguém" are no address: "como a galera tá indo" asks about the
# team.)
CROWD = frozenset(
    """
alguem vcs voces
anyone anybody someone somebody yall
""".split()
)
# Asking the people around to join or to recommend: "who's in", "quem topa", "recs?".
_TO_THE_CROWD = frozenset(
    """
recs rec recomendo recomendam recomenda recommend recommendation recommendations
indica indicam topa
""".split()
)
_CROWD_PAIRS = frozenset({("whos", "in"), ("who", "in"), ("quem", "topa"), ("quem", "vai")})


# How a deal stands, said before what it is ("my lost ones", "meus fechados", "my open
# deals"): the work's own, when nothing or a thing of the work follows.
_DEALS_AS = frozenset(
    """lost won closed open stalled stuck overdue late perdidos perdidas ganhos ganhas fechados
    fechadas abertos abertas parados paradas atrasados atrasadas vencidos vencidas""".split()
)
_ONES = frozenset(
    "ones one uns umas desse deste dessa desta do da no na this last in of em de".split()
)


# Portuguese puts the possessive after the noun too; "lista"/"list" before one is the verb.
_PT_POSSESSIVES = frozenset({"meu", "minha", "meus", "minhas"})
_ALSO_VERBS = frozenset({"lista", "list", "agenda"})


# What a thing of the work is "de" when it stays the work's: a time ("minha agenda de hoje",
# "meta de dezembro"), a stage ("pipeline de negociação"), or something new ("meta de novos
# clientes"). Any other bare noun makes it a thing of one's life: "meu pipeline de séries",
# "minha meta de academia", "meu time de futsal".
_OF_THE_WORK = frozenset(
    """
hoje hj amanha ontem semana semanas mes meses ano anos trimestre quarter natal fim fds
dia dias manha tarde noite prospeccao qualificacao negociacao fechamento commit novo nova novos
novas fechar fechamento ganhos perdidos
""".split()
)


def _a_kind_of_life(words: Sequence[str], i: int) -> bool:
    """Whether the work's noun at `i` is said "de" a thing of one's life ("meu pipeline de
    séries"), not of a time, a stage or the work itself ("minha meta de vendas")."""
    if i + 2 >= len(words) or words[i + 1] != "de":
        return False
    kind = words[i + 2]
    return not (
        kind in OWNED_AT_WORK
        or kind in _OF_THE_WORK
        or kind in dates.MONTHS
        or kind in dates.WEEKDAYS
        or any(c.isdigit() for c in kind)
    )


def work_thing_of_life(words: Sequence[str]) -> bool:
    """Whether a possessive owns a thing of the work said of one's life ("meu pipeline de
    séries pra ver nas férias": no absence from the work is told)."""
    return any(w in _PT_POSSESSIVES and _a_kind_of_life(words, i + 1) for i, w in enumerate(words))


def own_thing(words: Sequence[str]) -> bool:
    """Whether a first-person possessive owns something that is not the work's ("meu carro",
    "my new headlamp", "minha conta do nubank" is caught by its complement elsewhere)."""
    for i, word in enumerate(words[:-1]):
        if word in _PT_POSSESSIVES and _a_kind_of_life(words, i + 1):
            return True  # "meu pipeline de séries", "minha meta de academia"
        if word in POSSESSIVES and words[i + 1] not in OWNED_AT_WORK:
            if (
                i
                and word in _PT_POSSESSIVES
                and (words[i - 1] in OWNED_AT_WORK or words[i - 1] in _DEALS_AS)
                and words[i - 1] not in _ALSO_VERBS
            ):
                continue  # "ganhos meus em novembro", "clientes meus": owned after the noun
            after = words[i + 2] if i + 2 < len(words) else None
            if words[i + 1] in _DEALS_AS and (
                after is None or after in OWNED_AT_WORK or after in _ONES
            ):
                continue  # "list my lost ones", "meus fechados do mês": deals, as they stand
            return True
    return False


# The land's features a place is named by ("atlas mountains", "monte everest", "serra de
# minas"): a word of a company's name beside one of these names the place, not the client.
LANDFORMS = frozenset(
    """
montanha montanhas monte serra pico vale lago lagoa rio praia ilha cachoeira trilha parque
mountain mountains mount mt peak peaks valley lake river beach island falls trail park canyon
national
""".split()
) | {"base camp"}


def a_place_by_its_land(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a word is a place's name by the land feature right beside it ("the atlas
    mountains", "everest base camp", "as montanhas de minas", "mount everest")."""
    # the land two words back only across "de"/"of" ("as montanhas de minas"): "John Park at
    # Acme" is a person's surname before the company, not a park
    back = before[-2:] if before[-1:] and before[-1] in _OF_LAND else before[-1:]
    near = [*back, *after[:1], " ".join(after[:2])]
    return any(w in LANDFORMS for w in near)


_OF_LAND = frozenset({"de", "do", "da", "dos", "das", "of"})


def own_place(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether an everyday place ("academia", "gym", "padaria") is said as the asker's own, by
    a possessive before it or home around it right after ("minha academia", "my gym", "a
    padaria da minha rua", "the bakery near my place"): the place one goes to, not the client
    of the same kind."""
    return (
        bool(before)
        and before[-1] in POSSESSIVES
        or any(w in POSSESSIVES or w in HOME or w in NEAR_HOME for w in after[:3])
        or _NEXT_DOOR.match(" ".join(after[:4])) is not None
    )


# Right beside where one is (round 31: dev27, dev28): "a padaria aqui do lado", "the bakery
# next door", "a cervejaria do lado do escritório". Only right after the place word, so "do
# outro lado" elsewhere in a sentence sets nothing in one's life.
_NEXT_DOOR = re.compile(
    r"(?:\w+ )?(?:(?:aqui|ali|la) )?(?:do lado|ao lado|em frente|aqui perto|next door"
    r"|across the street|down the street|around the corner)\b"
)


def crowd(words: Sequence[str]) -> bool:
    """Whether the message is put to the people around (the team chat), not to ritmo."""
    if any(w in CROWD or w in _TO_THE_CROWD for w in words):
        return True
    return len(words) > 1 and (words[-2], words[-1]) in _CROWD_PAIRS


def personal(words: Sequence[str]) -> bool:
    """Whether the sentence sets itself in the asker's life: kin, pets, home, one's own
    things, or a question to the colleagues around."""
    return (
        any(w in KIN or w in HOME or w in NEAR_HOME for w in words)
        or own_thing(words)
        or crowd(words)
    )


# A wish or a greeting sent to everyone ("bom dia time", "bom fim de semana pra equipe",
# "happy friday team", "good morning team"): said to the team, it asks nothing about it.
_WISH = re.compile(
    r"\b(?:bom dia|boa tarde|boa noite|boa semana|bom fim de semana|otimo fim de semana"
    r"|bom final de semana|boas festas|feliz (?:natal|ano novo|sexta|segunda)|parabens"
    r"|motivacional|good (?:morning|night|evening)|happy \w+|have a (?:great|good) \w+"
    r"|merry christmas|congrats|cheers)\b"
)


def wishes(norm: str) -> bool:
    """Whether the message holds a wish or a greeting ("bom dia", "happy friday")."""
    return _WISH.search(norm) is not None


# The parties of one's own life that call with offers: the bank, the phone company, the
# landlord, the insurer. Their "proposta" is the asker's own, not a client's.
LIFE_PARTIES = frozenset(
    """
banco operadora senhorio senhoria locador locadora imobiliaria seguradora sindico sindica
bank landlord landlady carrier insurer realtor
""".split()
)

# The people who serve one's home and health: trades, doctors, the building's staff. A closed
# class like kin: "o mecânico respondeu no zap", "my dentist answered my email" tell of them.
SERVICE_PEOPLE = frozenset(
    """
mecanico mecanica encanador eletricista pedreiro marceneiro pintor jardineiro diarista faxineira
empregada baba porteiro zelador medico medica dentista veterinario veterinaria pediatra
terapeuta psicologo psicologa nutricionista cabeleireiro cabeleireira manicure borracheiro
chaveiro vizinho vizinha
mechanic plumber electrician handyman doctor doc dentist vet therapist nanny babysitter
cleaner housekeeper neighbor neighbour hairdresser barber
""".split()
)


def ones_own_people(words: Sequence[str]) -> bool:
    """Whether `words` (those before a verb) name someone of the asker's life, not of the
    work: kin, the parties and people who serve one's home, or anyone after "meu"/"my" that
    is no role of the work ("meu mecânico", "my landlord"; not "meu cliente")."""
    return any(w in KIN or w in LIFE_PARTIES or w in SERVICE_PEOPLE for w in words) or own_thing(
        words
    )


# The people a sports team signs: "fechou com um técnico novo", "closed with a new coach".
SPORT_PEOPLE = frozenset(
    """
tecnico treinador atacante goleiro zagueiro lateral volante centroavante jogador craque
coach quarterback qb striker goalkeeper pitcher linebacker
""".split()
)

# What a gym or a shop is said to hit, as the asker's work would: "a academia bateu a meta".
TARGETS = frozenset("meta metas target targets goal goals quota".split())


# The asker's own body and shopping, said in the first person: "to indo malhar", "treino de
# perna hj", "comprei óculos novos", "grabbed some at the store". A word of a client's name in
# such a line is the place one goes to, not the client (parse weighs it only where a lower-case
# word of a name is all the book holds of the line and nothing of the work is said).
_AT_LEISURE = frozenset(
    """
malhar malhando malhei treino treinar treinando treinei cancelei comprei compramos
workout lifting grabbed bought
""".split()
)
# Laughter after a line of one's day: "cancelei a academia kkk", "nem consigo andar kkk".
_LAUGHS = re.compile(r"^(?:k{3,}|(?:ha){2,}h?|(?:rs){2,}|lol|lmao)$")


def at_leisure(words: Sequence[str]) -> bool:
    """Whether the words tell of the asker's own day off the work: their workout, their
    shopping, or a laugh at it."""
    return any(w in _AT_LEISURE or _LAUGHS.match(w) for w in words)
