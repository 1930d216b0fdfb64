"""What is wrong in a cadence file, in the reader's language: the engine reports each problem as
a key with parameters (cadence_jobs.definitions.Problem), and this is where they become words.
"""

from __future__ import annotations

from cadence_jobs.definitions import CadenceError, Problem
from handlers.kernel.i18n import register, t

register(
    {
        "cadence.error.line": {
            "pt-BR": "{file}: campo {field}: {problem}",
            "en": "{file}: field {field}: {problem}",
        },
        "cadence.error.not_text": {
            "pt-BR": "não é um texto UTF-8; salve o arquivo como UTF-8",
            "en": "is not UTF-8 text; save the file as UTF-8",
        },
        "cadence.error.unreadable": {
            "pt-BR": "não pode ser lido ({reason}); confira as permissões",
            "en": "cannot be read ({reason}); check its permissions",
        },
        "cadence.error.builtin_key": {
            "pt-BR": "{value!r} é a chave de uma cadência que vem com o ritmo; dê outra chave a "
            "esta, ou escreva replaces_builtin = true para substituí-la de propósito",
            "en": "{value!r} is the key of a cadence that ships with ritmo; give this one "
            "another key, or write replaces_builtin = true to replace it on purpose",
        },
        "cadence.error.nothing_to_replace": {
            "pt-BR": "replaces_builtin = true, mas nenhuma cadência do ritmo tem a chave "
            "{value!r}; apague essa linha",
            "en": "replaces_builtin = true, but no cadence that ships with ritmo has the key "
            "{value!r}; remove that line",
        },
        "cadence.error.toml": {
            "pt-BR": "não é um TOML válido ({detail})",
            "en": "is not valid TOML ({detail})",
        },
        "cadence.error.missing": {"pt-BR": "é obrigatório", "en": "is required"},
        "cadence.error.type": {
            "pt-BR": "deveria ser {expected}",
            "en": "should be {expected}",
        },
        "cadence.error.key": {
            "pt-BR": "use só letras minúsculas, números, _ e - (recebido {value!r})",
            "en": "use only lower-case letters, digits, _ and - (got {value!r})",
        },
        "cadence.error.locales": {
            "pt-BR": "precisa de textos em pt-BR e en (falta {missing})",
            "en": "needs pt-BR and en texts (missing {missing})",
        },
        "cadence.error.channel": {
            "pt-BR": "canal {value!r} desconhecido; use um de: {allowed}",
            "en": "unknown channel {value!r}; use one of: {allowed}",
        },
        "cadence.error.wait": {
            "pt-BR": "a espera deve ser um número inteiro de dias, de 0 a 365 ({value!r})",
            "en": "the wait must be a whole number of days from 0 to 365 (got {value!r})",
        },
        "cadence.error.next": {
            "pt-BR": "use {allowed} (recebido {value!r})",
            "en": "use {allowed} (got {value!r})",
        },
        "cadence.error.no_steps": {
            "pt-BR": "a cadência precisa de pelo menos um passo",
            "en": "a cadence needs at least one step",
        },
        "cadence.error.unknown_field": {
            "pt-BR": "campo desconhecido",
            "en": "unknown field",
        },
        "cadence.error.unknown_target": {
            "pt-BR": "a cadência {value!r} não existe",
            "en": "there is no cadence {value!r}",
        },
        "cadence.error.self_switch": {
            "pt-BR": "uma cadência não pode trocar para ela mesma",
            "en": "a cadence cannot switch to itself",
        },
        "cadence.error.duplicate": {
            "pt-BR": "a chave {value!r} já está definida em {other}",
            "en": "key {value!r} is already defined in {other}",
        },
        "cadence.type.string": {"pt-BR": "um texto", "en": "a string"},
        "cadence.type.bool": {"pt-BR": "true ou false", "en": "true or false"},
        "cadence.type.table": {
            "pt-BR": "uma tabela com pt-BR e en",
            "en": "a table with pt-BR and en",
        },
        "cadence.type.steps": {
            "pt-BR": "uma lista de passos [[steps]]",
            "en": "a list of [[steps]] tables",
        },
    }
)


def problem_text(problem: Problem, locale: str) -> str:
    """One problem as a line: file, field, and what is wrong."""
    params = dict(problem.params)
    if "expected" in params:
        params["expected"] = t(locale, f"cadence.type.{params['expected']}")
    text = t(locale, problem.key, **params)
    return t(locale, "cadence.error.line", file=problem.file, field=problem.field, problem=text)


def describe(error: CadenceError, locale: str) -> str:
    """Every problem of the error, one per line, in `locale`."""
    return "\n".join(problem_text(p, locale) for p in error.problems)
