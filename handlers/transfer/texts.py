"""pt-BR/English texts of import, export, restore and privacy: rejections, notes, summaries."""

from __future__ import annotations

from handlers.kernel.i18n import register

register(
    {
        # whole-file problems
        "transfer.file_empty": {
            "pt-BR": "O arquivo está vazio ou não tem linha de cabeçalho.",
            "en": "The file is empty or has no header line.",
        },
        "transfer.jsonl_bad_line": {
            "pt-BR": "A linha {line} não é um objeto JSON.",
            "en": "Line {line} is not a JSON object.",
        },
        "transfer.cell_too_big": {
            "pt-BR": 'A linha {line} tem uma célula com mais de {limit} KB (em geral uma aspa " '
            "que nunca fecha); corrija essa linha e importe de novo.",
            "en": 'Line {line} has a cell over {limit} KB (usually a quote " that is never '
            "closed); fix that line and import again.",
        },
        "transfer.unterminated_quote": {
            "pt-BR": 'A linha {line} abre uma aspa " que nunca fecha, e as {swallowed} linhas '
            "seguintes virariam uma célula só; feche a aspa (ou apague-a) e importe de "
            "novo.",
            "en": 'Line {line} opens a quote " that is never closed, so the {swallowed} lines '
            "after it would become one cell; close the quote (or remove it) and import "
            "again.",
        },
        "transfer.nul_byte": {
            "pt-BR": "O arquivo tem um byte NUL (\\0), que não é texto (números de linha: "
            "{lines}): está danificado ou foi salvo em UTF-16 sem BOM; salve como CSV "
            "UTF-8 e importe de novo.",
            "en": "The file holds a NUL byte (\\0), which is not text (line numbers: {lines}): it "
            "is damaged or was saved as UTF-16 without a BOM; save it as UTF-8 CSV and "
            "import again.",
        },
        "transfer.mixed_encoding": {
            "pt-BR": "O arquivo mistura duas codificações, UTF-8 (números de linha: {utf8_lines}) "
            "e Windows-1252 do Excel (números de linha: {other_lines}), e uma das partes "
            'viraria "JoÃ£o"; salve tudo como CSV UTF-8 e importe de novo.',
            "en": "The file mixes two encodings, UTF-8 (line numbers: {utf8_lines}) and Excel's "
            "Windows-1252 (line numbers: {other_lines}), so one part would read as "
            '"JoÃ£o"; save it all as UTF-8 CSV and import again.',
        },
        "transfer.missing_columns": {
            "pt-BR": "O cabeçalho do arquivo não tem coluna para: {columns}.",
            "en": "The file's header has no column for: {columns}.",
        },
        "transfer.missing_columns_try_preset": {
            "pt-BR": "O cabeçalho não tem coluna para: {columns}; parece uma exportação do "
            "{preset}: use --preset {preset}.",
            "en": "The header has no column for: {columns}; it looks like a {preset} export: "
            "use --preset {preset}.",
        },
        # row rejections
        "transfer.missing_value": {
            "pt-BR": "o campo {field} está vazio",
            "en": "the {field} field is empty",
        },
        "transfer.negative_amount": {
            "pt-BR": 'valor negativo "{value}"',
            "en": 'negative amount "{value}"',
        },
        "transfer.bad_number": {
            "pt-BR": '"{value}" não é um número',
            "en": '"{value}" is not a number',
        },
        "transfer.bad_coordinate": {
            "pt-BR": 'coordenada fora do intervalo "{value}"',
            "en": 'coordinate out of range "{value}"',
        },
        "transfer.bad_date": {
            "pt-BR": '"{value}" não é uma data (use 31/12/2026 ou 2026-12-31)',
            "en": '"{value}" is not a date (use 2026-12-31 or 31/12/2026)',
        },
        "transfer.bad_email": {
            "pt-BR": 'e-mail inválido "{value}"',
            "en": 'invalid e-mail "{value}"',
        },
        "transfer.bad_status": {
            "pt-BR": 'status desconhecido "{value}" (use aberto, ganho ou perdido)',
            "en": 'unknown status "{value}" (use open, won or lost)',
        },
        "transfer.bad_currency": {
            "pt-BR": 'moeda inválida "{value}" (use um código como BRL ou USD)',
            "en": 'invalid currency "{value}" (use a code such as BRL or USD)',
        },
        "transfer.unknown_stage": {
            "pt-BR": 'etapa desconhecida "{value}"',
            "en": 'unknown stage "{value}"',
        },
        "transfer.unknown_owner": {
            "pt-BR": 'responsável desconhecido "{value}" (cadastre com ritmo users add)',
            "en": 'unknown owner "{value}" (add them with ritmo users add)',
        },
        "transfer.missing_owner": {
            "pt-BR": "negócio sem responsável",
            "en": "deal has no owner",
        },
        # notes
        "transfer.note_reason_other": {
            "pt-BR": 'motivo de perda "{value}" registrado como other',
            "en": 'lost reason "{value}" recorded as other',
        },
        "transfer.note_sample_skipped": {
            "pt-BR": 'registro de exemplo "{name}" ignorado',
            "en": 'sample record "{name}" skipped',
        },
        "transfer.note_merged": {
            "pt-BR": '"{name}" anexado à conta existente "{existing}"',
            "en": '"{name}" attached to the existing account "{existing}"',
        },
    }
)

register(
    {
        "transfer.kind.accounts": {"pt-BR": "contas", "en": "accounts"},
        "transfer.kind.contacts": {"pt-BR": "contatos", "en": "contacts"},
        "transfer.kind.deals": {"pt-BR": "negócios", "en": "deals"},
        "transfer.summary": {
            "pt-BR": "Importação de {kind}: {created} criados, {updated} atualizados, "
            "{unchanged} sem mudança, {merged} mesclados, {rejected} rejeitados.",
            "en": "Import of {kind}: {created} created, {updated} updated, {unchanged} unchanged, "
            "{merged} merged, {rejected} rejected.",
        },
        "transfer.summary_accounts_created": {
            "pt-BR": "Contas novas criadas para estas linhas: {count}.",
            "en": "New accounts created for these rows: {count}.",
        },
        "transfer.merges_header": {"pt-BR": "Mesclados:", "en": "Merged:"},
        "transfer.rejected_header": {"pt-BR": "Rejeitados:", "en": "Rejected:"},
        "transfer.notes_header": {"pt-BR": "Observações:", "en": "Notes:"},
        "transfer.line": {"pt-BR": "linha {line}: {text}", "en": "line {line}: {text}"},
        "transfer.unknown_stages": {
            "pt-BR": "Etapas que não existem no ritmo (nada foi inventado): {values}.",
            "en": "Stages that do not exist in ritmo (none were invented): {values}.",
        },
        "transfer.unknown_owners": {
            "pt-BR": "Responsáveis que não são usuários do ritmo: {values}.",
            "en": "Owners who are not ritmo users: {values}.",
        },
        "transfer.dry_run": {
            "pt-BR": "Simulação (--dry-run): nada foi gravado.",
            "en": "Dry run: nothing was written.",
        },
        "transfer.strict_refused": {
            "pt-BR": "Modo --strict: há linhas rejeitadas, então nada foi gravado.",
            "en": "--strict: some rows were rejected, so nothing was written.",
        },
        "transfer.reading": {"pt-BR": "Lendo", "en": "Reading"},
    }
)
