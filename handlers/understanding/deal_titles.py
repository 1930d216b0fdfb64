"""When the words of a message name a deal by its title ("as câmaras frias", "the SOC deal").

Sellers name a client by what they sell it as often as by its name, and a deal's title leads
to its account the way a contact's name does (handlers.understanding.mentions). Titles are
made of ordinary words far more than company names are ("Agenda online", "Backup plan",
"Scheduling"), so a title counts only on stronger evidence than a name: every word of it said together
and pointed at ("o roteirizador", "as câmaras frias"), or a part of it called a deal ("the SOC
deal") or typed as an acronym ("SOC"); "o sistema" is any system, not "Sistema de caixa", and
a word ritmo reads as a command or cue ("agenda") never names one alone.

Pure: the matched words come from the name index, and nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from handlers.understanding import intents, vocab

# Words that point at a thing: after one, a title's word is the thing sold ("o roteirizador").
POINTERS = frozenset(
    {
        "a", "o", "as", "os", "na", "no", "nas", "nos", "da", "do", "das", "dos", "pra", "pro",
        "pras", "pros", "essa", "esse", "essas", "esses", "aquela", "aquele", "the", "that",
        "this", "those", "these", "our", "my", "their",
        "status",  # asked of a thing by name: "status roteirizador"
    }
)  # fmt: skip
# Words after a title that say a deal is meant ("the SOC deal", "o negócio das catracas").
DEAL_WORDS = frozenset(
    {"deal", "deals", "opp", "opportunity", "negocio", "negocios", "projeto", "proposta", "pedido"}
)
# Words for the people or the thing at a client, before "da"/"do" and a title's word ("o
# pessoal das balanças", "a do wifi") or after it in English ("the dock scheduling people", "the
# aligner one"): they say the word is what is sold there, not any such thing.
GROUPS_BEFORE = frozenset(
    {
        "pessoal", "galera", "turma", "povo", "gente", "caras", "cliente", "clientes", "conta",
        "o", "a", "os", "as",
    }
)  # fmt: skip
GROUPS_AFTER = frozenset(
    {"one", "guys", "people", "ppl", "folks", "team", "crew", "account", "client", "customer"}
)
_OF = frozenset({"da", "do", "das", "dos"})
_PLAIN = frozenset(intents.VOCABULARY) | vocab.STOPWORDS


def named(
    tokens: Sequence[str],
    matched: Mapping[int, tuple[int, float]],
    words: Sequence[str],
    typed: Sequence[str],
    rare: Callable[[str], bool],
) -> bool:
    """Whether the matched words name the deal whose title is `tokens`.

    Args:
        tokens: the title's words (folded, joiners left out).
        matched: title word index -> (position in `words`, match quality 0..1).
        words: the message's folded words.
        typed: the same words as typed (for capitals: "SOC").
        rare: whether a title word belongs to this title only, among the asker's deals.
    """
    if not matched or min(q for _, q in matched.values()) < 0.83:  # "a catraca": Catracas
        return False
    spots = sorted(p for p, _ in matched.values())
    if spots[-1] - spots[0] > len(matched):
        return False  # the words sit apart: not one phrase
    first, last = spots[0], spots[-1]
    if len(matched) > 1 and first == last and len(matched) < len(tokens):
        # the title's first words typed as one, said as the thing there: "a do wifi"
        glued = "".join(tokens[j] for j in sorted(matched))
        sure = min(q for _, q in matched.values()) >= 0.95 and all(
            rare(tokens[j]) for j in matched
        )
        return sure and glued not in _PLAIN and len(glued) >= 4 and _grouped(words, first, last)
    if not any(_telling(tokens[k], typed[p]) for k, (p, _) in matched.items()):
        return False  # "agenda online" is a question about the agenda, online
    pointed = first == 0 or words[first - 1] in POINTERS
    called = last + 1 < len(words) and words[last + 1] in DEAL_WORDS
    if len(matched) == len(tokens):
        return len(tokens) > 1 or pointed or called
    called = called or _grouped(words, first, last)
    # Part of a title: "o sistema" is any system, "the SOC deal" is that deal.
    ((k, (p, q)), *more) = matched.items()
    if more:
        return called
    if called:
        # said as the people or the deal there ("os da frota", "the fleet guys"): that thing,
        # at every client whose deal it is; two such clients are asked about, not picked
        return q >= 0.95
    return q >= 0.95 and rare(tokens[k]) and _acronym(typed[p])


def _grouped(words: Sequence[str], first: int, last: int) -> bool:
    """The title's words said as the people or the thing at a client: "o pessoal da
    vitrine", "os das balanças", "a do wifi", "the dock scheduling people", "the aligner one"."""
    if first >= 2 and words[first - 1] in _OF and words[first - 2] in GROUPS_BEFORE:
        return True
    after = words[last + 1] if last + 1 < len(words) else ""
    return after in GROUPS_AFTER and first > 0 and words[first - 1] in POINTERS


def _telling(token: str, typed: str) -> bool:
    """A word that can say which thing is meant: not a word of ritmo's own vocabulary, and
    long, or an acronym typed in capitals ("SOC", "BIM")."""
    if token in _PLAIN or token.isdigit():
        return False
    return len(token) >= 5 or _acronym(typed)


def _acronym(typed: str) -> bool:
    return len(typed) >= 3 and typed.isupper() and typed.isalpha()
