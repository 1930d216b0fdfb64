"""Which of the asker's names a sentence mentions, found by matching the message against the
names the asker can see, not by guessing a name from the words left over.

The book is small (tens to a few thousand accounts and contacts per person) and kept in
memory per scope; a message's words are looked up in its word index, exactly first, then
forgiving a slipped letter, a cut word ("metalurg"), or two words typed as one
("farmaciacentral"). A name is found when the words matched identify it: a word only it has
("alicerce" → Construtora Alicerce), or every word of it. A word several names share ("a
padaria" with two bakeries) is a mention of all of them, and the asker is asked which. A
contact's name leads to the contact's account ("falei com a Renata"). Words that are ordinary
language ("clara", "forma", "real") only count alone when typed with a capital letter.

Pure: the store is read by the caller (storage.books), so this is tested without one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Generic, TypeVar, overload

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from handlers.understanding import corrections, deal_titles, numbers, vocab
from handlers.understanding.text import fold_chars, name_key
from storage.books import BookName

_T = TypeVar("_T")
SURE = 0.9  # below this a single candidate is offered as "did you mean …?"
TIE = 0.25
# A word more names than this share says nothing alone (a manager's "loja" among thousands):
# it only adds to names a rarer word of the message already points at.
COMMON = 12  # candidates within this much evidence of the best are asked about together
_WORD = re.compile(r"[a-z0-9]+")
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+")
_JOINERS = frozenset({"de", "da", "do", "das", "dos", "e", "and", "of", "the", "em", "y", "n"})
# Words that lead a company's name after a person's: "jenny from harbor point logistics".
_LEADS = frozenset({"from", "at", "of", "da", "do", "de"})
# After one of these a word several names share is a reference to them ("na padaria").
_POINTERS = frozenset(
    {
        "a",
        "o",
        "as",
        "os",
        "na",
        "no",
        "da",
        "do",
        "pra",
        "pro",
        "com",
        "the",
        "at",
        "with",
        "to",
        "for",
        "on",
        "from",
        "of",
        "about",  # "what about atlas?": both, to ask about
        "w",  # "call w/ atlas": 'with' as typed in haste
        "sobre",
        "pela",
        "pelo",
        "dessa",
        "desse",
        "essa",
        "esse",
        "aquela",
        "aquele",
        "daquela",  # "lembra daquela padaria?": one of them, to ask about
        "daquele",
        "naquela",
        "naquele",
        "other",  # "no the other atlas": another of the same name
        "outra",
        "outro",
        "s",  # "Pedro's brewery": a possessive, as "the"
        "duas",  # "visitei as duas padarias": both, to ask about
        "dois",
        "ambas",
        "ambos",
        "both",
        "two",
    }
)
# Ordinary words of either language that companies also use in their names: alone and in
# lower case they are read as language, not as a name.
_ORDINARY = frozenset(
    """
bom boa bons boas nova novo novas novos clara claro forma feliz real reais vida verde azul
rapida rapido central grande grandes geral total forte livre melhor primeiro primeira sul
norte leste oeste brasil brasileira nacional uniao alianca certo certa sempre bem mais casa
lar sol mar terra agua fogo luz ponto linha rede grupo group capital cloud solar security
health foods foods prime global digital smart plus max master top star best first new one
united general national american central world city home life care service services
preco price insurance seguro seguros visao serra vale rio monte porto praia lago ilha morro
""".split()
)


# What a word of a message adds to the names matched (NameIndex._plan).
_NOTE, _GLUED, _SHARED = 0, 1, 2


def _slipped(word: str, token: str, score: float) -> float:
    """How well a typed word matches a name's word: its similarity, and two letters swapped
    in a long word ("brightlien") counted as the one slip it is, not two."""
    quality = 0.9 * score / 100
    if len(token) >= 7 and len(word) == len(token) and OSA.distance(word, token) == 1:
        quality = max(quality, 0.88)
    return quality


_SOUNDS = (
    (re.compile(r"ch|sh"), "x"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"nh"), "ny"),
    (re.compile(r"lh"), "ly"),
    (re.compile(r"h"), ""),
    (re.compile(r"qu|q"), "k"),
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"g(?=[ei])"), "j"),
    (re.compile(r"sc(?=[ei])|c(?=[ei])|z|ss"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"y"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def sound(word: str) -> str:
    """A word by how it sounds in Portuguese, so dictation and ear-spelling find the name:
    "alisserce" and "alicerce", "kristal" and "cristal", "rota sull" and "sul"."""
    for pattern, said in _SOUNDS:
        word = pattern.sub(said, word)
    return word


@dataclass(frozen=True)
class Hit:
    """One account a mention may mean (and the contact, when it was the contact's name)."""

    account_id: int
    account_name: str
    evidence: float
    exact: bool
    contact_id: int | None = None
    contact_name: str | None = None
    deal_id: int | None = None  # when it was the title of one of the asker's deals


class _kept(Generic[_T]):  # noqa: N801 - used as a decorator, like cached_property
    """functools.cached_property without its lock: before Python 3.12 the first read of each
    instance takes an RLock shared by every instance of the class (~60 bytecodes and a lock a
    log message here), and a Mention is read on the event loop's thread only. The value goes
    in the instance's __dict__, which then answers every later read without this."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _kept[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> _T | _kept[_T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass(frozen=True)
class Mention:
    """A span of the message that names something in the book."""

    start: int
    end: int
    text: str
    hits: tuple[Hit, ...]

    # Worked out once: the mention is frozen, and a parse asks it many times (sure, weak,
    # the pair readings), each call building the tuple anew (speed4). _kept keeps it in the
    # instance's __dict__, outside the fields: equality, hash and repr unchanged.
    @_kept
    def account_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(h.account_id for h in self.hits))

    @property
    def sure(self) -> bool:
        """One account, matched well: act on it."""
        return len(self.account_ids) == 1 and self.hits[0].exact

    @property
    def weak(self) -> bool:
        """One account, matched loosely: ask "did you mean …?" before acting."""
        return len(self.account_ids) == 1 and not self.hits[0].exact


@dataclass
class _Entry:
    row: BookName
    tokens: tuple[str, ...]
    contact: bool
    deal: bool = False

    @property
    def kind(self) -> str:
        """The prefix of this entry's words in the index's counts: contact, deal or account."""
        return "c:" if self.contact else "d:" if self.deal else "a:"


@dataclass
class _Match:
    pos: int
    quality: float
    inflected: bool = False  # the typed word is the name's word cut or with an ending more
    through: int | None = None  # the last word, when the name's word was typed as two


@dataclass
class NameIndex:
    """The asker's names with a word index over them."""

    entries: list[_Entry] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    joined: dict[str, list[tuple[int, tuple[int, ...]]]] = field(default_factory=dict)
    by_head: dict[str, list[str]] = field(default_factory=dict)
    joined_by_head: dict[str, list[str]] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    near_cache: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    accounts: dict[int, str] = field(default_factory=dict)
    # People's first names: "sarahs deal", a possessive typed without its apostrophe, is Sarah
    first_names: frozenset[str] = frozenset()
    sounds: dict[str, list[str]] = field(default_factory=dict)  # a name's word by how it sounds
    token_facts: dict[int, tuple[tuple[float, int, bool], ...]] = field(default_factory=dict)
    plans: dict[str, tuple[tuple, ...]] = field(default_factory=dict)  # see _plan

    @classmethod
    def of(cls, rows: Iterable[BookName]) -> NameIndex:
        book = cls()
        index: dict[str, list[int]] = defaultdict(list)
        joined: dict[str, list[tuple[int, tuple[int, ...]]]] = defaultdict(list)
        for row in rows:
            contact, deal = row.contact_id is not None, row.deal_id is not None
            book.accounts.setdefault(row.account_id, row.account_name)
            named = row.contact_name if contact else row.deal_title if deal else row.account_name
            tokens = tuple(t for t in name_key(named or "").split() if t not in _JOINERS)
            if not tokens:
                continue
            i = len(book.entries)
            entry = _Entry(row, tokens, contact, deal)
            book.entries.append(entry)
            for t in set(tokens):
                index[t].append(i)
                book.df[entry.kind + t] += 1
            for k in range(len(tokens) - 1):  # "farmaciacentral", "technova"
                joined[tokens[k] + tokens[k + 1]].append((i, (k, k + 1)))
            if len(tokens) > 2:
                joined["".join(tokens)].append((i, tuple(range(len(tokens)))))
        book.index, book.joined = dict(index), dict(joined)
        book.first_names = frozenset(e.tokens[0] for e in book.entries if e.contact)
        sounds: dict[str, list[str]] = defaultdict(list)
        for t in book.index:
            if len(t) >= 5:
                sounds[sound(t)].append(t)
        book.sounds = dict(sounds)
        heads: dict[str, list[str]] = defaultdict(list)
        for t in book.index:
            if len(t) >= 4:
                heads[t[0]].append(t)
        book.by_head = {head: sorted(tokens) for head, tokens in heads.items()}
        glued: dict[str, list[str]] = defaultdict(list)
        for t in book.joined:
            glued[t[0]].append(t)
        book.joined_by_head = dict(glued)
        return book

    def __len__(self) -> int:
        return len(self.entries)

    def account_name(self, account_id: int) -> str | None:
        """The name of an account in this book, or None when the asker cannot see it."""
        return self.accounts.get(account_id)

    def mentions(self, text: str) -> list[Mention]:
        """The names `text` mentions, in the order they appear; each with its candidates."""
        if not self.entries or not text:
            return []
        flat = fold_chars(text)
        if "@" in flat or "http" in flat or "www." in flat:
            # "raj@acmerobotics.io" says who Raj is; it is not a mention of Acme Robotics
            flat = _ADDRESS.sub(lambda m: " " * len(m.group()), flat)
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(flat)]
        found: dict[int, dict[int, _Match]] = defaultdict(dict)  # entry -> name token -> match
        common: list[tuple[int, str, float]] = []
        plans = self.plans
        for pos, (word, _, _) in enumerate(words):
            plan = plans.get(word)
            if plan is None:
                plan = self._plan(word)
            for op in plan:  # what the word adds, read once per word (see _plan)
                if op[0] == _NOTE:
                    _, i, k, quality, inflected = op
                    best = found[i].get(k)
                    if best is None or quality > best.quality:
                        found[i][k] = _Match(pos, quality, inflected)
                elif op[0] == _GLUED:
                    found[op[1]][op[2]] = _Match(pos, op[3])
                else:
                    common.append((pos, op[1], op[2]))
            if pos + 1 < len(words):  # one word of the name typed as two: "blue river"
                pair = word + words[pos + 1][0]
                if pair not in self.index:
                    continue  # most pairs are no name's word (the rest of the loop is this)
                end = words[pos][2]  # "o'brien", "d'avila": one word, the apostrophe between
                elided = words[pos + 1][1] == end + 1 and flat[end] in "'’"
                for i in self.index[pair] if len(pair) >= 7 or elided else ():
                    k = self.entries[i].tokens.index(pair)
                    found[i][k] = _Match(pos, 0.95, through=pos + 1)
        for pos, token, quality in common:
            for i in [i for i in found if token in self.entries[i].tokens]:
                self._note(found, i, token, pos, quality, words[pos][0])
        _nearest(found, self.entries, words)
        hits: list[tuple[int, int, float, bool, int]] = []  # (first, last, evidence, exact, i)
        for i, matched in found.items():
            if self._hopeless(i, matched, words, text):
                continue
            judged = self._judge(i, matched, words, text)
            if judged is not None:
                hits.append((*judged, i))
        return self._group(hits, words, text)

    def _plan(self, word: str) -> tuple[tuple, ...]:
        """What a word adds to the names matched, in order, wherever it stands: a name's word
        it matches (_NOTE: entry, the word's place in the name, how well, inflected), a word
        of two typed as one (_GLUED) or a word too common to count alone (_SHARED). It depends
        on the book alone, so it is worked out once per word, not at every message that says
        the word (a log's words looked up, nearness asked, names' words found each time)."""
        plan: list[tuple] = []
        entries = self.entries

        def note(i: int, token: str, quality: float, typed: str) -> None:
            inflected = token != typed and (token.startswith(typed) or typed.startswith(token))
            plan.append((_NOTE, i, entries[i].tokens.index(token), quality, inflected))

        for token, quality in self._near(word):
            holders = self.index.get(token, ())
            if len(holders) > COMMON:  # "loja", "comercio": only with a rarer word below
                plan.append((_SHARED, token, quality))
                continue
            for i in holders:
                note(i, token, quality, word)
        for full in vocab.NICKNAMES.get(word, ()):  # "a Cida": Aparecida, a contact
            for i in self.index.get(full, ()):
                entry = entries[i]
                if entry.contact and entry.tokens[0] == full:
                    note(i, full, 0.95, full)
        for kind in vocab.BUSINESS_KINDS.get(word, ()):  # "Pedro's brewery": Cervejaria Lúpulo
            for i in self.index.get(kind, ()):
                if not entries[i].contact and not entries[i].deal:
                    note(i, kind, 0.95, kind)
        for glued, quality in self._near_joined(word):
            for i, ks in self.joined.get(glued, ()):
                for k in ks:
                    plan.append((_GLUED, i, k, quality))
        if len(self.plans) >= 4096:
            self.plans.clear()
        kept = self.plans[word] = tuple(plan)
        return kept

    def _note(
        self,
        found: dict[int, dict[int, _Match]],
        i: int,
        token: str,
        pos: int,
        quality: float,
        word: str = "",
    ) -> None:
        k = self.entries[i].tokens.index(token)
        best = found[i].get(k)
        if best is None or quality > best.quality:
            inflected = token != word and (token.startswith(word) or word.startswith(token))
            found[i][k] = _Match(pos, quality, inflected)

    def _near(self, word: str) -> list[tuple[str, float]]:
        if word in self.index:
            return [(word, 1.0)]
        if word[-1:] == "s" and word[:-1] in self.first_names and len(word) >= 4:
            return [(word[:-1], 0.95)]  # "sarahs deal", "ninas email": whose, typed in haste
        if (
            word[-1:] == "s"
            and len(word) >= 7
            and word[:-1] in self.index
            and self.df["a:" + word[:-1]] == 1
            and word[:-1] not in _ORDINARY
            and word[:-1] not in _KINDS  # "as escolas parceiras": schools, not the Escola
        ):
            return [(word[:-1], 0.95)]  # "northwinds close date": a rare name's whose, no '
        if len(word) < 5 or word.isdigit() or word in vocab.STOPWORDS:
            return []
        kept = self.near_cache.get(word)
        if kept is not None:
            return kept
        for i in range(1, len(word)):  # a key held down: "graficaa", "orionn", "seerra"
            if word[i] == word[i - 1] and word[:i] + word[i + 1 :] in self.index:
                return [(word[:i] + word[i + 1 :], 0.95)]
        alike = self.sounds.get(sound(word), ())
        if len(alike) == 1:  # spelt as it sounds: "alisserce", "rota sull", "kristal"
            return [(alike[0], 0.95)]
        bucket = self.by_head.get(word[0], [])
        # One C-level scan of the words starting with the same letter (a manager's book holds
        # thousands): a Python loop over them cost more than the rest of a log's handling.
        out = [
            (token, _slipped(word, token, score))
            for token, score, _ in process.extract(
                word, bucket, scorer=fuzz.ratio, score_cutoff=80, limit=None
            )
            if abs(len(token) - len(word)) <= 2 and len(token) >= 5
        ]
        seen = {t for t, _ in out}
        i = bisect_left(bucket, word)
        while i < len(bucket) and bucket[i].startswith(word):  # a cut word: "metalurg"
            if len(word) * 2 >= len(bucket[i]) and bucket[i] not in seen:
                out.append((bucket[i], 0.85))
            i += 1
        if len(self.near_cache) >= 4096:
            self.near_cache.clear()
        self.near_cache[word] = out
        return out

    def _near_joined(self, word: str) -> list[tuple[str, float]]:
        """Two words of a name typed as one, exactly ("farmaciacentral") or with a slipped
        letter ("tecnova" for Tech Nova): long enough that a slip still says which."""
        if word in self.joined:
            return [(word, 0.95)]
        if len(word) < 7 or word in self.index:
            return []
        key = "j:" + word
        kept = self.near_cache.get(key)
        if kept is None:
            near = [
                (glued, score)
                for glued, score, _ in process.extract(
                    word,
                    self.joined_by_head.get(word[0], []),
                    scorer=fuzz.ratio,
                    score_cutoff=86,
                    limit=None,
                )
                if abs(len(glued) - len(word)) <= 1
            ]
            # one candidate, one letter off: as sure as typed right (the README's promise)
            sure = len(near) == 1 and Levenshtein.distance(word, near[0][0]) <= 1
            kept = [(glued, 0.95 if sure else 0.9) for glued, _ in near]
            if len(self.near_cache) >= 4096:
                self.near_cache.clear()
            self.near_cache[key] = kept
        return kept

    def _slip(self, entry: _Entry, k: int, m: _Match) -> bool:
        """A slipped letter in a long word only this account has ("nortwind"): as sure as the
        word typed right, which the README promises."""
        token = entry.tokens[k]
        return (
            m.quality >= 0.84
            and len(token) >= 7
            and token not in _ORDINARY
            and self.df["a:" + token] == 1
            and not m.inflected
        )

    def _weight(self, entry: _Entry, token: str) -> float:
        df = self.df[entry.kind + token]
        return (1.0 if len(token) >= 4 else 0.5) / max(1, df)

    def _facts(self, i: int) -> tuple[tuple[float, int, bool], ...]:
        """Each word of entry `i`: its weight, how many names share it, and whether it is plain
        language. They depend on the book alone, so they are worked out once per book, not on
        every message that matches the name (about 3 names a log message)."""
        kept = self.token_facts.get(i)
        if kept is None:
            entry = self.entries[i]
            kept = tuple(
                (self._weight(entry, token), self.df[entry.kind + token], _plain(entry, k, token))
                for k, token in enumerate(entry.tokens)
            )
            self.token_facts[i] = kept
        return kept

    def _hopeless(
        self, i: int, matched: dict[int, _Match], words: Sequence[tuple[str, int, int]], text: str
    ) -> bool:
        """A name of several words matched in part, by none of the words that could single it
        out (one only it has, or a shared one pointed at, capitalised or said alone): _judge
        turns it down, but after the whole judgement, and most names a log matches are these
        ("vinicola … 2" for Vinícola Silva Sul 2: 2.5 of 3.5 a message). A sufficient test
        only, so the answers stay the same: when in doubt the name is judged."""
        entry = self.entries[i]
        tokens = entry.tokens
        if entry.deal or len(matched) >= len(tokens):
            return False  # a deal's title is judged on its own rules; a name typed whole
        facts = self._facts(i)
        for k, m in matched.items():
            if facts[k][1] == 1:
                if m.quality >= 0.8:
                    return False
            elif len(tokens[k]) >= 4:
                pos = m.pos
                if _pointed_at(words, pos):
                    return False
                start = words[pos][1]
                if text[start : start + 1].isupper():
                    return False
        return True

    def _judge(
        self, i: int, matched: dict[int, _Match], words: Sequence[tuple[str, int, int]], text: str
    ) -> tuple[int, int, float, bool] | None:
        entry = self.entries[i]
        matched = _cluster(matched, len(entry.tokens))
        if entry.deal:
            return self._judge_deal(entry, matched, words, text)
        whole = len(matched) == len(entry.tokens)
        evidence = 0.0
        distinctive = False
        spots = [m.pos for m in matched.values()]
        together = len(matched) > 1 and max(spots) - min(spots) <= len(matched)
        facts = self._facts(i)
        for k, m in matched.items():
            token = entry.tokens[k]
            weight, df, plain = facts[k]
            evidence += weight * m.quality
            start = words[m.pos][1]
            capital = text[start : start + 1].isupper()
            if df == 1 and m.quality >= 0.8 and (not plain or capital or together):
                distinctive = True
            elif (
                df == 1 and m.quality >= 0.95 and len(token) >= 4 and _called_a_deal(words, m.pos)
            ):
                distinctive = True  # "Daniel's insurance deal", "o negócio da insurance"
            elif (
                df > 1
                and (not plain or capital)
                and len(token) >= 4
                and (capital or _pointed_at(words, m.pos))
            ):
                distinctive = True  # "na padaria": every bakery, to ask about
        if len(matched) == 1 and len(entry.tokens) > 1:
            ((k, m),) = matched.items()
            if len(entry.tokens[k]) < 4 and not (
                entry.contact and k == 0 and entry.tokens[k] in vocab.FIRST_NAMES
            ):
                return None
        if (
            not entry.contact
            and len(matched) == 1
            and len(entry.tokens) > 1
            and self._named_otherwise(entry, matched, words)
        ):
            return None  # "jenny from harbor point logistics" is not Brightline Logistics
        if entry.contact and len(matched) == 1:
            ((k, m),) = matched.items()
            before = words[m.pos - 1][0] if m.pos > 0 else ""
            if m.quality < 0.95 or before.isdigit() or before in numbers.UNITS:
                return None  # "parado" is not Prado, "30 dias", "dez dias" not Marcelo Dias
        if not (distinctive or (whole and (len(entry.tokens) > 1 or len(entry.tokens[0]) >= 4))):
            return None
        exact = (
            all(m.quality >= 0.95 for m in matched.values())
            or (whole and min(m.quality for m in matched.values()) >= 0.8)
            or (not entry.contact and all(self._slip(entry, k, m) for k, m in matched.items()))
            # two words of a name side by side, one typed right, the other one slip off
            # ("sorriso plenu", "rota sull"): the name, not a guess to ask about
            or (
                together
                and not entry.contact
                and _in_order(matched)
                and min(m.quality for m in matched.values()) >= 0.7
                and max(m.quality for m in matched.values()) >= 0.95
            )
            or (distinctive and _pointed_number(entry, matched, words))
        )
        if entry.contact:
            evidence *= 0.9  # an account named as well as one of its people wins
        positions = [m.pos for m in matched.values()]
        positions += [m.through for m in matched.values() if m.through is not None]
        return min(positions), max(positions), evidence + 0.01 * len(matched), exact

    def _named_otherwise(
        self, entry: _Entry, matched: dict[int, _Match], words: Sequence[tuple[str, int, int]]
    ) -> bool:
        """The last word of a company's name ("logistics", "analytics") said as the last word
        of another company's, whose other words the book does not hold: "talked to jenny from
        harbor point logistics" names a company of the same kind, not this one. Its own words
        stand between a word that leads a company (from, at, da) and the kind word; a pointer
        right before the kind word ("the logistics guys") still means this one."""
        ((k, m),) = matched.items()
        if k != len(entry.tokens) - 1 or m.pos < 2 or m.through is not None:
            return False
        own = 0
        for back in range(m.pos - 1, max(-1, m.pos - 4), -1):
            word = words[back][0]
            if word in _LEADS:
                return own > 0
            if (
                word in _POINTERS
                or word in vocab.STOPWORDS
                or word in self.index
                or word.isdigit()
                or len(word) < 3
            ):
                return False
            own += 1
        return False

    def _judge_deal(
        self,
        entry: _Entry,
        matched: dict[int, _Match],
        words: Sequence[tuple[str, int, int]],
        text: str,
    ) -> tuple[int, int, float, bool] | None:
        """A deal's title, on the stricter evidence titles of ordinary words need
        (handlers.understanding.deal_titles); weighed below the account's own name."""
        said = [w for w, _, _ in words]
        typed = [text[s:e] for _, s, e in words]
        if not deal_titles.named(
            entry.tokens,
            {k: (m.pos, m.quality) for k, m in matched.items()},
            said,
            typed,
            lambda t: self.df["d:" + t] == 1,
        ):
            return None
        evidence = sum(
            self._weight(entry, entry.tokens[k]) * m.quality for k, m in matched.items()
        )
        positions = [m.pos for m in matched.values()]
        return min(positions), max(positions), 0.9 * evidence + 0.01 * len(matched), True

    def _group(
        self,
        hits: list[tuple[int, int, float, bool, int]],
        words: Sequence[tuple[str, int, int]],
        text: str,
    ) -> list[Mention]:
        hits.sort(key=lambda h: (-h[2], h[0]))
        taken: list[tuple[int, int, list[tuple[int, int, float, bool, int]]]] = []
        for hit in hits:  # the same words read several ways: one mention, to ask about
            first, last = hit[0], hit[1]
            for span in taken:
                if first <= span[1] and last >= span[0]:
                    span[2].append(hit)
                    break
            else:
                taken.append((first, last, [hit]))
        taken = self._beside(taken, words)
        out: list[Mention] = []
        for first, last, group in taken:
            group = self._gapless(group, words)
            best = group[0][2]
            close = [h for h in group if best - h[2] <= TIE]
            chosen = {self.entries[h[4]].row.account_id for h in close}
            close += [
                h
                for h in group
                if h not in close
                and self.entries[h[4]].contact
                and self.entries[h[4]].row.account_id in chosen
            ]
            ranked = self._hits(close)
            start, end = words[first][1], words[last][2]
            out.append(Mention(start, end, text[start:end], ranked))
        out.sort(key=lambda m: m.start)
        return out

    def _gapless(
        self, group: list[tuple[int, int, float, bool, int]], words: Sequence[tuple[str, int, int]]
    ) -> list[tuple[int, int, float, bool, int]]:
        """Of the readings of the same words, those with a stray small word inside drop out when
        one reads them without any: "perdemos a trigo bom por preço" names Trigo Bom, not also
        Bom Preço across the "por" ("Academia Corpo em Forma" keeps its own "em")."""
        if len(self._accounts(group)) < 2:
            return group

        def gap(hit: tuple[int, int, float, bool, int]) -> bool:
            tokens = self.entries[hit[4]].tokens
            inside = [w for w, _, _ in words[hit[0] : hit[1] + 1]]
            return any(w in vocab.STOPWORDS and w not in tokens for w in inside)

        kept = [h for h in group if not gap(h)]
        return kept if kept else group

    def _beside(
        self,
        taken: list[tuple[int, int, list[tuple[int, int, float, bool, int]]]],
        words: Sequence[tuple[str, int, int]],
    ) -> list[tuple[int, int, list[tuple[int, int, float, bool, int]]]]:
        """Mentions side by side that share an account are one ("Joaquim da padaria": a person
        and the bakery he is at); two accounts side by side stay two mentions."""
        merged = True
        while merged:
            merged = False
            for a in range(len(taken)):
                for b in range(a + 1, len(taken)):
                    fa, la, ha = taken[a]
                    fb, lb, hb = taken[b]
                    gap = [w for w, _, _ in words[min(la, lb) + 1 : max(fa, fb)]]
                    if (
                        fb <= la + 2
                        and lb >= fa - 2
                        and self._accounts(ha) & self._accounts(hb)
                        and all(w in _JOINERS or w in _POINTERS for w in gap)
                    ):
                        taken[a] = (
                            min(fa, fb),
                            max(la, lb),
                            sorted(ha + hb, key=lambda h: (-h[2], h[0])),
                        )
                        del taken[b]
                        merged = True
                        break
                if merged:
                    break
        return taken

    def _accounts(self, group: list[tuple[int, int, float, bool, int]]) -> set[int]:
        return {self.entries[h[4]].row.account_id for h in group}

    def _hits(self, group: list[tuple[int, int, float, bool, int]]) -> tuple[Hit, ...]:
        by_account: dict[int, Hit] = {}
        for _, _, evidence, exact, i in group:
            row = self.entries[i].row
            kept = by_account.get(row.account_id)
            if kept is None:
                by_account[row.account_id] = Hit(
                    row.account_id,
                    row.account_name,
                    evidence,
                    exact,
                    row.contact_id,
                    row.contact_name,
                    row.deal_id,
                )
                continue
            contact = (
                (kept.contact_id, kept.contact_name)
                if kept.contact_id is not None
                else (row.contact_id, row.contact_name)
            )
            by_account[row.account_id] = Hit(
                row.account_id,
                row.account_name,
                max(kept.evidence, evidence),
                kept.exact or exact,
                *contact,
                kept.deal_id if kept.deal_id is not None else row.deal_id,
            )
        return tuple(sorted(by_account.values(), key=lambda h: -h.evidence))


# Words that call what is next to them a client's deal or account ("the insurance deal", "o
# negócio da insurance", "the central guys"): a plain word of a name, so called, is the name.
_CALLED_AFTER = frozenset(
    {"deal", "deals", "account", "opp", "opportunity", "guys", "people", "ppl", "folks", "one"}
)
_CALLED_BEFORE = frozenset({"negocio", "conta", "cliente", "pessoal", "oportunidade", "proposta"})


# The kinds of business a name may open with ("escola", "padaria"): their plural is any such.
_KINDS = frozenset(vocab.BUSINESS_KINDS) | frozenset(
    w for kinds in vocab.BUSINESS_KINDS.values() for w in kinds
)


def _pointed_at(words: Sequence[tuple[str, int, int]], pos: int) -> bool:
    """Whether a word several names share is said so as to mean one of them, to ask which: the
    whole message ("atlas"), after a pointer ("na padaria"), asked next ("and atlas?") or as a
    deal's ("atlas deal is 30k now"). One test for _judge and for the early rejection before
    it, so that the two cannot drift apart."""
    return (
        len(words) == 1
        or (pos > 0 and words[pos - 1][0] in _POINTERS)
        or (pos == 1 and words[0][0] in ("and", "e"))
        or (pos + 1 < len(words) and words[pos + 1][0] in ("deal", "deals"))
    )


def _in_order(matched: dict[int, _Match]) -> bool:
    """Whether the words matched are next to each other in the name and typed in its order
    ("sorriso plenu" for Clínica Sorriso Pleno; not "academia foram" for Academia Corpo em
    Forma, whose words are apart)."""
    ks = sorted(matched)
    return ks[-1] - ks[0] == len(ks) - 1 and all(
        matched[a].pos < matched[b].pos for a, b in pairwise(ks)
    )


def _called_a_deal(words: Sequence[tuple[str, int, int]], pos: int) -> bool:
    after = words[pos + 1][0] if pos + 1 < len(words) else ""
    if after in _CALLED_AFTER and pos > 0 and words[pos - 1][0] in _POINTERS:
        return True
    return (
        pos >= 2
        and words[pos - 1][0] in ("da", "do", "de")
        and words[pos - 2][0] in _CALLED_BEFORE
    )


def _pointed_number(
    entry: _Entry, matched: dict[int, _Match], words: Sequence[tuple[str, int, int]]
) -> bool:
    """A name's word said in the singular or the plural right after a word that points at a
    thing ("o laticínio" for Laticínios Serra Verde, "as padarias"): as sure as typed right.
    Without the pointer it stays a guess to ask about ("trocando de sistema")."""
    for k, m in matched.items():
        token, (word, _, _) = entry.tokens[k], words[m.pos]
        if m.pos == 0 or words[m.pos - 1][0] not in _POINTERS:
            return False
        if token not in (word + "s", word + "es") and word not in (token + "s", token + "es"):
            return False
    return True


def _nearest(
    found: dict[int, dict[int, _Match]],
    entries: Sequence[_Entry],
    words: Sequence[tuple[str, int, int]],
) -> None:
    """A word said twice ("Construtora Alicerce e Construtora Horizonte") counts, for each
    name, where it stands beside that name's other words, not where it was first said."""
    if len(found) < 2:
        return  # one name or none matched: nothing to tell apart (most messages)
    said = [word for word, _, _ in words]
    if len(set(said)) == len(said):
        return  # no word said twice
    at: dict[str, list[int]] = defaultdict(list)
    for pos, word in enumerate(said):
        at[word].append(pos)
    for i, matched in found.items():
        # the name's words said once hold it in place; the repeated ones move next to them
        anchors = [m.pos for k, m in matched.items() if len(at.get(entries[i].tokens[k], ())) <= 1]
        if not anchors:
            continue
        for k, m in list(matched.items()):
            spots = at.get(entries[i].tokens[k], [])
            if len(spots) > 1 and m.pos in spots:
                best = min(spots, key=lambda p: min(abs(p - a) for a in anchors))
                matched[k] = _Match(best, m.quality, m.inflected, m.through)


def _plain(entry: _Entry, k: int, token: str) -> bool:
    """An ordinary word, a small word or a short one: alone it says no name."""
    if entry.contact and k == 0 and token in vocab.FIRST_NAMES:
        return False  # "Tom", "Ana": how a rep names the person, however short
    return token in _ORDINARY or token in vocab.STOPWORDS or len(token) < 4


def _cluster(matched: dict[int, _Match], size: int) -> dict[int, _Match]:
    """The matched words that sit together: a name's words are near each other, so a word
    matched far away ("sul" at the other end of the sentence) is not part of this mention."""
    if len(matched) <= 1:
        return matched
    items = sorted(matched.items(), key=lambda kv: kv[1].pos)
    if items[-1][1].pos <= items[0][1].pos + size + 1:
        # All within reach of the first (a name typed whole, most messages): the first group
        # holds every word, and the loop below would keep it (any later group is a part of it,
        # of less quality), at the square of the words' count in bytecode.
        return dict(items)
    best: list[tuple[int, _Match]] = []
    best_quality = 0.0
    for a in range(len(items)):
        group = [items[a]]
        quality = items[a][1].quality  # summed in order, as sum() would: the same float
        reach = items[a][1].pos + size + 1
        for b in range(a + 1, len(items)):
            if items[b][1].pos > reach:
                break  # sorted by position: every later word is farther still
            group.append(items[b])
            quality += items[b][1].quality
        if quality > best_quality:
            best, best_quality = group, quality
    return dict(best)


def pick(mentions: Sequence[Mention], text: str = "") -> Mention | None:
    """The mention a request is about: the first account named surely, else the first sure
    one (a contact's name leads to its account), else the first one. "mark step done for
    coastal": Coastal is named; Mark is a word that is also someone's name."""
    if not mentions:
        return None
    fixed = _taken_back(mentions, text) if text and len(mentions) > 1 else None
    if fixed is not None:
        return fixed
    # Both ask for two sure mentions side by side: with one mention there is no pair, and
    # the sure ones (each an account_ids tuple built) need not be listed twice (speed4).
    both = (
        (_one_phrase(mentions, text) or _coordinated(mentions, text))
        if text and len(mentions) > 1
        else None
    )
    if both is not None:
        return both
    told = told_by_a_contact(mentions, text) if text and len(mentions) > 1 else None
    if told is not None:
        return told
    return next(
        (m for m in mentions if m.sure and _by_name(m.hits[0])),
        next((m for m in mentions if m.sure), mentions[0]),
    )


def _taken_back(mentions: Sequence[Mention], text: str) -> Mention | None:
    """The account named after a word that takes back the one before ("na Horizonte.. não
    pera, foi na Alicerce", "Acme, I mean Atlas"): the rep fixed the name as they typed, and
    the fixed one is meant (handlers.understanding.corrections has the words)."""
    sure = [m for m in mentions if m.sure]
    for a, b in pairwise(sure):
        if a.account_ids == b.account_ids or b.start < a.end:
            continue
        gap = _WORD.findall(fold_chars(text[a.end : b.start]))
        if len(gap) <= 8 and any(
            tuple(gap[i : i + len(m)]) == m for m in corrections.MARKERS for i in range(len(gap))
        ):
            return b
    return None


def _by_name(hit: Hit) -> bool:
    """The account named by its own name, not through one of its people or deals."""
    return hit.contact_id is None and hit.deal_id is None


# "And" as typed, texting shorthand too: "emailed Alfa n Beta", "called Alfa nd Beta" (a "n"
# for "não" never stands between two names).
_AND_WORDS = ("e", "and", "n", "nd", "ou", "or")  # "rota sul ou alicerce": one, but which
# Words that may sit between two names joined into one list: "liguei pra Alfa e pra Beta".
_AND = frozenset(
    {
        "e",
        "and",
        "n",
        "nd",
        "ou",
        "or",
        "pra",
        "para",
        "pro",
        "a",
        "o",
        "na",
        "no",
        "the",
        "to",
        "com",
        "with",
        "tambem",
        "also",
        "at",
        "da",
        "do",
        "de",
        "of",
    }
)


def _one_phrase(mentions: Sequence[Mention], text: str) -> Mention | None:
    """Two single words side by side, each surely one account and not a person ("the dental
    clinic": Dental of one client's name, Clínica of another's): one kind of client said in
    two words, held by two; which one is meant is asked, never picked."""
    sure = [m for m in mentions if m.sure]
    for a, b in pairwise(sure):
        if (
            a.account_ids != b.account_ids
            and b.start > a.end
            and not text[a.end : b.start].strip()
            and " " not in a.text.strip()
            and " " not in b.text.strip()
            and a.hits[0].contact_id is None
            and b.hits[0].contact_id is None
        ):
            return Mention(a.start, b.end, text[a.start : b.end], a.hits + b.hits)
    return None


def _coordinated(mentions: Sequence[Mention], text: str) -> Mention | None:
    """Two different accounts named surely and joined by "e"/"and" ("visitei a Alfa e a
    Beta"): which one the message is about cannot be told, so both are offered as one mention
    to choose from, never one of them guessed."""
    sure = [m for m in mentions if m.sure]
    for a, b in pairwise(sure):
        if a.account_ids == b.account_ids or b.start < a.end:
            continue
        gap = _WORD.findall(fold_chars(text[a.end : b.start]))
        if gap and gap[0] in _AND_WORDS and len(gap) <= 3 and all(w in _AND for w in gap):
            return Mention(a.start, b.end, text[a.start : b.end], a.hits + b.hits)
        if (
            gap
            and gap[0] in (*_AND_WORDS, "then", "depois")
            and len(gap) <= 5
            and all(w in _AND or w in _THEN or _did(w) for w in gap)
        ):  # "visitei a Alfa e depois passei na Beta": two visits, one after the other
            return Mention(a.start, b.end, text[a.start : b.end], a.hits + b.hits)
    return None


_THEN = frozenset({"depois", "then", "also", "tambem", "ainda", "later", "after", "that", "by"})

# Verbs of telling: an account named after one of them, following a person of the book, is
# what that person talked about ("liguei pro Osmar, ele disse que a Granja…").
_TELLING = frozenset(
    """
disse falou comentou contou avisou acha achou mencionou diz fala comenta conta reclamou
said says mentioned told tells thinks thought complained heard
""".split()
)


def told_by_a_contact(mentions: Sequence[Mention], text: str) -> Mention | None:
    """The person's mention when the message tells what they said of another account."""
    told = told_of(mentions, text)
    return told[0] if told is not None else None


def told_of(mentions: Sequence[Mention], text: str) -> tuple[Mention, int] | None:
    """(the person's mention, where the telling verb is): a person of the book named first,
    then another account named in what they said ("falei
    com a Irene, ela comentou que a Keystone fechou com outro", "called Maya, she said
    Harbor referred her"): the person's account is the one the message is about; the other is
    news heard there, not the account the rep dealt with."""
    first = next((m for m in mentions if m.sure), None)
    if first is None or len(first.account_ids) != 1 or first.hits[0].contact_id is None:
        return None
    for later in mentions:
        if later.start < first.end or not later.sure or later.account_ids == first.account_ids:
            continue
        between = fold_chars(text[first.end : later.start])
        gap = list(_WORD.finditer(between))
        if len(gap) > 10:
            return None
        said = next((m for m in gap if m.group() in _TELLING), None)
        return (first, first.end + said.start()) if said is not None else None
    return None


def _did(word: str) -> bool:
    """A verb of something done, between two names of one list ("passei", "stopped")."""
    return word.endswith(("ei", "ed")) or word in ("fui", "went", "dropped", "swung")
