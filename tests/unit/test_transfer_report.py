"""The import summary a user reads, in both languages."""

from handlers.transfer.plan import Merge, Summary
from handlers.transfer.records import RowError
from handlers.transfer.report import render

SUMMARY = Summary(
    "deals",
    created=3,
    updated=1,
    unchanged=2,
    accounts_created=1,
    merges=(Merge(4, "Padaria Silva ME", "Padaria Silva Ltda"),),
    errors=(
        RowError(6, "transfer.unknown_stage", {"value": "Demo"}),
        RowError(7, "transfer.unknown_owner", {"value": "Marcos"}),
        RowError(9, "transfer.unknown_owner", {"value": "Marcos"}),
    ),
)


def test_english_summary_lists_counts_merges_and_rejections():
    text = render(SUMMARY, "en", applied=True, dry_run=False)
    assert text.splitlines()[0] == (
        "Import of deals: 3 created, 1 updated, 2 unchanged, 1 merged, 3 rejected."
    )
    assert 'Owners who are not ritmo users: "Marcos" (2).' in text
    assert (
        'line 4: "Padaria Silva ME" attached to the existing account "Padaria Silva Ltda"' in text
    )
    assert 'line 6: unknown stage "Demo"' in text


def test_portuguese_summary_and_dry_run_notice():
    text = render(SUMMARY, "pt-BR", applied=False, dry_run=True)
    assert text.startswith("Importação de negócios: 3 criados")
    assert "linha 9: responsável desconhecido" in text
    assert text.endswith("Simulação (--dry-run): nada foi gravado.")


def test_strict_refusal_is_said():
    text = render(SUMMARY, "en", applied=False, dry_run=False)
    assert text.endswith("--strict: some rows were rejected, so nothing was written.")
