"""The digest's sentences and labels in pt-BR and English (registered on import)."""

from __future__ import annotations

from handlers.kernel.i18n import register

register(
    {
        "digest.title": {"pt-BR": "*Resumo · {team}* — {day}", "en": "*Digest · {team}* — {day}"},
        "digest.forecast": {
            "pt-BR": "*Previsão do mês:* {forecast} de {target} ({pct}) · ganho {won}",
            "en": "*Month forecast:* {forecast} of {target} ({pct}) · won {won}",
        },
        "digest.forecast_no_target": {
            "pt-BR": "*Previsão do mês:* {forecast} (sem meta) · ganho {won}",
            "en": "*Month forecast:* {forecast} (no target) · won {won}",
        },
        "digest.open": {
            "pt-BR": "*Pipeline aberto:* {amount} em {count} negócios",
            "en": "*Open pipeline:* {amount} in {count} deals",
        },
        "digest.other_currency": {
            "pt-BR": "({count} em outra moeda fora da conta)",
            "en": "({count} in another currency not included)",
        },
        "digest.yesterday": {
            "pt-BR": "*Último dia útil:* {interactions} registros, {done} passos feitos · "
            "*atrasados:* {overdue}",
            "en": "*Last business day:* {interactions} logged, {done} steps done · "
            "*overdue:* {overdue}",
        },
        "digest.own_day": {
            "pt-BR": "*Seus passos para hoje:* {count} — pergunte «o que tenho hoje?» para a lista",
            "en": "*Your own steps today:* {count} — ask “what's due today?” for the list",
        },
        "digest.needs_you": {"pt-BR": "*Precisa de você*", "en": "*Needs you*"},
        "digest.overdue_rep": {
            "pt-BR": "- {name}: {count} em atraso (mais antigo: {label}, {day})",
            "en": "- {name}: {count} overdue (oldest: {label}, {day})",
        },
        "digest.silent": {
            "pt-BR": "- Sem registrar nada há {days}+ dias: {names}",
            "en": "- Nothing logged in {days}+ days: {names}",
        },
        "digest.never": {"pt-BR": "nunca", "en": "never"},
        "digest.stalled": {
            "pt-BR": "- Parado: {title} · {amount} · {days} dias sem contato",
            "en": "- Stalled: {title} · {amount} · {days} days untouched",
        },
        "digest.since": {"pt-BR": "*Desde o último resumo*", "en": "*Since the last digest*"},
        "digest.won": {"pt-BR": "- Ganho: {title} · {amount}", "en": "- Won: {title} · {amount}"},
        "digest.lost": {
            "pt-BR": "- Perdido: {title} · {amount} ({reason})",
            "en": "- Lost: {title} · {amount} ({reason})",
        },
        "digest.created.one": {
            "pt-BR": "- 1 negócio novo (importado ou criado)",
            "en": "- 1 new deal (imported or created)",
        },
        "digest.created.other": {
            "pt-BR": "- {count} negócios novos (importados ou criados)",
            "en": "- {count} new deals (imported or created)",
        },
        "digest.moved": {
            "pt-BR": "- {title}: {from_stage} → {to_stage}",
            "en": "- {title}: {from_stage} → {to_stage}",
        },
        "digest.activity": {"pt-BR": "*Atividade por vendedor*", "en": "*Activity per rep*"},
        "digest.activity_rep": {"pt-BR": "- {name}: {parts}", "en": "- {name}: {parts}"},
        "digest.logged.one": {"pt-BR": "1 registro ({kinds})", "en": "1 logged ({kinds})"},
        "digest.logged.other": {
            "pt-BR": "{count} registros ({kinds})",
            "en": "{count} logged ({kinds})",
        },
        "digest.nothing": {"pt-BR": "nada registrado", "en": "nothing logged"},
        "digest.step.done": {"pt-BR": "passos feitos", "en": "steps done"},
        "digest.step.skipped": {"pt-BR": "pulados", "en": "skipped"},
        "digest.step.snoozed": {"pt-BR": "adiados", "en": "snoozed"},
        "digest.pipeline": {"pt-BR": "*Pipeline por etapa*", "en": "*Pipeline by stage*"},
        "digest.stage_row": {
            "pt-BR": "- {stage}: {count} · {amount} (ponderado {weighted})",
            "en": "- {stage}: {count} · {amount} (weighted {weighted})",
        },
        "digest.conversion": {
            "pt-BR": "*Conversão (90 dias)*: {rates}",
            "en": "*Conversion (90 days)*: {rates}",
        },
        "digest.conversion_short": {
            "pt-BR": "*Conversão (90 dias)*: {last}→ganho {win} · etapa mais fraca {weakest} · "
            "ciclo {days}",
            "en": "*Conversion (90 days)*: {last}→won {win} · weakest step {weakest} · "
            "cycle {days}",
        },
        "digest.days": {"pt-BR": "{days} dias", "en": "{days} days"},
        "digest.cycle": {
            "pt-BR": "- Ciclo médio até o ganho: {days} dias ({won} ganhos)",
            "en": "- Average cycle to a win: {days} days ({won} won)",
        },
        "digest.segment": {
            "pt-BR": "- {segment}: {rate} da última etapa ao ganho, ciclo {days}",
            "en": "- {segment}: {rate} from the last stage to won, cycle {days}",
        },
        "digest.cadences": {
            "pt-BR": "*Respostas por cadência*: {rows}",
            "en": "*Replies per cadence*: {rows}",
        },
        "digest.accuracy": {
            "pt-BR": "*Precisão da previsão ({month})*: {pct} — previsto em média {forecast}, "
            "fechado {actual}",
            "en": "*Forecast accuracy ({month})*: {pct} — forecast {forecast} on average, "
            "closed {actual}",
        },
        "digest.accuracy_none": {
            "pt-BR": "*Precisão da previsão ({month})*: sem dados suficientes",
            "en": "*Forecast accuracy ({month})*: not enough data yet",
        },
        "digest.more": {"pt-BR": "- … e mais {count}", "en": "- … and {count} more"},
        "digest.ask_more": {
            "pt-BR": "_Toque em Ver tudo, ou escreva «equipe», para a lista completa._",
            "en": "_Tap See all, or type “team”, for the full list._",
        },
        "digest.see_all": {"pt-BR": "Ver tudo", "en": "See all"},
        "digest.no_more": {
            "pt-BR": "Não há mais itens: as listas do resumo ficaram mais curtas.",
            "en": "There is nothing more: the digest's lists got shorter.",
        },
        "digest.no_team": {
            "pt-BR": "Você não gerencia nenhuma equipe, então não há resumo para mostrar.",
            "en": "You don't manage a team, so there is no digest to show.",
        },
        "digest.not_manager": {
            "pt-BR": "O resumo da equipe é para gestores. Para o seu dia, pergunte «o que "
            "tenho hoje?».",
            "en": "The team digest is for managers. For your own day, ask “what's due today?”.",
        },
        "digest.empty_team": {
            "pt-BR": "A equipe ainda não tem vendedores.",
            "en": "The team has no reps yet.",
        },
        "digest.none": {"pt-BR": "nenhum", "en": "none"},
        "digest.won_stage": {"pt-BR": "Ganho", "en": "Won"},
        "digest.chart_alt": {
            "pt-BR": "Pipeline por etapa e previsão do mês contra a meta",
            "en": "Pipeline by stage and the month's forecast against target",
        },
    }
)

KIND_LABELS = {
    "call": {"pt-BR": "ligações", "en": "calls"},
    "email": {"pt-BR": "e-mails", "en": "emails"},
    "meeting": {"pt-BR": "reuniões", "en": "meetings"},
    "visit": {"pt-BR": "visitas", "en": "visits"},
    "whatsapp": {"pt-BR": "WhatsApp", "en": "WhatsApp"},
    "linkedin": {"pt-BR": "LinkedIn", "en": "LinkedIn"},
    "note": {"pt-BR": "notas", "en": "notes"},
}
register({f"digest.kind.{k}": v for k, v in KIND_LABELS.items()})
