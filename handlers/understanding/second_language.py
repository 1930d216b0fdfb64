"""English written by people who think in another language, read as they meant it.

Reps in Brazil, Argentina and Mexico write English with words of their own language inside it
('mañana I visit greenleaf', 'crear cuenta …', 'que tengo hoy?'), questions in their own
language's order, with no auxiliary ('what I have tomorrow?', 'how much I sold this month?'),
and the US sales floor's shorthand ('CW north wind', 'my CL list'). Portuguese and English are
read already, so before any cue is looked for a Spanish word of the work is read as its
Portuguese twin, a shorthand as its words, and a question said without its 'do' gets it back.
Only words: a name of the book is claimed by its span later and keeps its own spelling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# Spanish words of the work and of a day's plan, as their Portuguese twins (accents folded:
# 'mañana' is 'manana', 'llamé' 'llame'). Only words no Portuguese or English sentence uses
# otherwise; 'la', 'las', 'hay' (English 'hay', 'Las Vegas') are left alone, and so are the
# articles 'el', 'los' (a Spanish-speaking user's own readings and plug-ins' cues keep them).
SPANISH: dict[str, str] = {
    "manana": "amanha",
    "hoy": "hoje",
    "ayer": "ontem",
    "anteayer": "anteontem",
    "tengo": "tenho",
    "tenemos": "temos",
    "tiene": "tem",
    "tienen": "tem",
    "cuenta": "conta",
    "cuentas": "contas",
    "crear": "criar",
    "crea": "cria",
    "nuevo": "novo",
    "nueva": "nova",
    "contacto": "contato",
    "contactos": "contatos",
    "llamar": "ligar",
    "llame": "liguei",
    "llamada": "ligacao",
    "llamadas": "ligacoes",
    "hablar": "falar",
    "hable": "falei",
    "gracias": "obrigado",
    "muchas": "muito",
    "con": "com",
    "en": "em",
    "del": "do",
    "y": "e",
    "lunes": "segunda",
    "martes": "terca",
    "miercoles": "quarta",
    "jueves": "quinta",
    "viernes": "sexta",
    "reunion": "reuniao",
    "propuesta": "proposta",
    "presupuesto": "orcamento",
    "cerramos": "fechamos",
    "cerrado": "fechado",
    "cerrada": "fechada",
    "cerrar": "fechar",
    "ganamos": "ganhamos",
    "perdimos": "perdemos",
    "ventas": "vendas",
    "cuanto": "quanto",
    "cuantos": "quantos",
    "mis": "meus",
    "ahora": "agora",
    "despues": "depois",
    "luego": "depois",
    "pendiente": "pendente",
    "pendientes": "pendentes",
    "tarea": "tarefa",
    "tareas": "tarefas",
    "recordatorio": "lembrete",
    "correo": "email",
    "envie": "enviei",
    "necesito": "preciso",
    "quiero": "quero",
    "oportunidad": "oportunidade",
    "seguimiento": "follow up",
    "todo": "tudo",  # only after "por" (read_as_meant)
    "sigue": "sigue",  # only after 'que' (read_as_meant): 'X sigue sin responder' is no step
}
# The sales floor's shorthand for a deal's end: Closed Won, Closed Lost ('CW north wind'); said
# as a list of one's own ('my CL list', 'list my CW this qtr') they are the deals won or lost.
SHORTHAND: dict[str, str] = {"cw": "closed won", "cl": "closed lost", "qtr": "quarter"}
_AS_A_LIST: dict[str, str] = {"cw": "won deals", "cl": "lost deals"}
_LIST_BEFORE = frozenset("my our list show meus minhas nossos nossas lista".split())
_LIST_AFTER = frozenset("list lista deals".split())
_WORDS = SPANISH | SHORTHAND

# A question said in the order of a statement: the question word, then who, then the verb.
_ASKING = frozenset("what how where when which why".split())
_AMOUNT = frozenset({"much", "many"})
_SUBJECTS = frozenset({"i", "we", "you", "they"})
_GROUPS = frozenset({"team", "reps", "guys"})  # "how much the team sold"
_OWNERS = frozenset({"the", "my", "our"})
# Words after the subject that are an auxiliary already, or make it no question at all.
_NOT_A_VERB = frozenset(
    """
am m was were is are s can could should will would shall must may might ll d
need re ve dont didnt cant wont think know mean said told guess
""".split()
)
_PAST = frozenset(
    """
sold did made sent got had won lost closed signed spoke met went called visited told left
brought bought paid wrote took gave saw
""".split()
)
# What may come before the question word: a greeting, a call to ritmo, a filler.
_LEADS = frozenset("ok okay so and then hey hi ritmo bot pls please e ai oi ola hello".split())


class _Word(Protocol):
    norm: str
    tag: str | None


def read_as_meant(tokens: Sequence[_Word], raw: str) -> None:
    """Spanish words and shorthand read as their Portuguese or English meaning, and a question
    asked without its auxiliary given one ('what I have' -> 'what do i have'), in place."""
    # Asked of every message, and most hold none of these words: one set look in C says so
    # before a Python step per word (speed4).
    if not _WORDS.keys().isdisjoint([token.norm for token in tokens]):
        _read_words(tokens)
    _jargon_first(tokens)
    _restore_auxiliary(tokens, raw)


def _read_words(tokens: Sequence[_Word]) -> None:
    for i, token in enumerate(tokens):
        if token.tag is None:
            meant = _WORDS.get(token.norm)
            if meant is None:
                continue
            if token.norm == "todo" and not (i > 0 and tokens[i - 1].norm == "por"):
                continue  # English "todo: …" is a to-do; "gracias por todo" is everything
            if token.norm == "sigue" and i > 0 and tokens[i - 1].norm == "que":
                meant = "proximo passo"  # 'que sigue con X?': what comes next there
            elif token.norm in _AS_A_LIST and (
                i > 0
                and tokens[i - 1].norm in _LIST_BEFORE
                or i + 1 < len(tokens)
                and tokens[i + 1].norm in _LIST_AFTER
            ):
                meant = _AS_A_LIST[token.norm]
            token.norm = meant


# The sales floor's verbs for getting in touch, said first as a to-do ("touch base with Nora
# tomorrow", "circle back w/ X monday", "reach out to Y friday"): a follow-up to do.
_GET_IN_TOUCH = frozenset({("touch", "base"), ("circle", "back"), ("reach", "out")})


def _jargon_first(tokens: Sequence[_Word]) -> None:
    if len(tokens) > 2 and (tokens[0].norm, tokens[1].norm) in _GET_IN_TOUCH:
        if tokens[0].tag is None and tokens[1].tag is None:
            tokens[0].norm, tokens[1].norm = "follow", "up"
            if tokens[2].norm == "to":
                tokens[2].norm = "with"


def _restore_auxiliary(tokens: Sequence[_Word], raw: str) -> None:
    # Only a question opening the message: 'what I did today: …' is a report, not asked.
    if ":" in raw:
        return
    i = 0
    while i < len(tokens) and i < 2 and tokens[i].norm in _LEADS:
        i += 1
    if i >= len(tokens) or tokens[i].norm not in _ASKING:
        return
    if i + 1 < len(tokens) and tokens[i].norm == "how" and tokens[i + 1].norm in _AMOUNT:
        i += 1
    subject = i + 1
    if subject >= len(tokens) or tokens[subject].tag is not None:
        return
    if tokens[subject].norm in _SUBJECTS:
        verb, aux = subject + 1, "do"
    elif (
        tokens[subject].norm in _OWNERS
        and subject + 1 < len(tokens)
        and tokens[subject + 1].norm in _GROUPS
    ):
        verb, aux = subject + 2, "does"
    else:
        return
    if verb >= len(tokens) or tokens[verb].tag is not None:
        return
    said = tokens[verb].norm
    if said in _NOT_A_VERB or not said.isalpha():
        return
    after = tokens[verb + 1].norm if verb + 1 < len(tokens) else ""
    if said in ("have", "has") and (after in _PAST or after.endswith("ed")):
        return  # 'how much I have sold': a perfect, not a missing 'do'
    if said in _PAST or said.endswith("ed"):
        aux = "did"
    tokens[i].norm = f"{tokens[i].norm} {aux}"
