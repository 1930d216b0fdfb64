"""The words ritmo understands, in normalised form (see text.normalize), pt-BR and English.

Data, not logic: each table maps phrases (regular-expression fragments over normalised words)
to what they mean. Adding a synonym is a one-line change here.
"""

from __future__ import annotations

# First word of a message (with or without a leading "/") -> (intent, detail).
COMMANDS: dict[str, tuple[str, str | None]] = {
    "log": ("log", None), "registrar": ("log", None), "registra": ("log", None),
    "registre": ("log", None), "anotar": ("log", None), "anota": ("log", None),
    "next": ("next_step", None), "proximo": ("next_step", None), "proxima": ("next_step", None),
    "prox": ("next_step", None),
    "today": ("agenda", None), "hoje": ("agenda", None), "agenda": ("agenda", None),
    "pipeline": ("pipeline", None), "funil": ("pipeline", None), "pipe": ("pipeline", None),
    "status": ("status", None), "situacao": ("status", None), "historico": ("status", None),
    "history": ("status", None),
    "forecast": ("forecast", None), "previsao": ("forecast", None), "projecao": ("forecast", None),
    "closing": ("closing", None), "fechando": ("closing", None), "fechamentos": ("closing", None),
    "stalled": ("stalled", None), "parados": ("stalled", None), "parado": ("stalled", None),
    "overdue": ("overdue", None), "atrasados": ("overdue", None), "atrasadas": ("overdue", None),
    "won": ("won", None), "ganho": ("won", None), "ganhamos": ("won", None),
    "lost": ("lost", None), "perdido": ("lost", None), "perdemos": ("lost", None),
    "stage": ("stage_change", None), "etapa": ("stage_change", None),
    "fase": ("stage_change", None), "move": ("stage_change", None),
    "mover": ("stage_change", None),
    "help": ("help", None), "ajuda": ("help", None), "comandos": ("help", None),
    "menu": ("help", None),
    "link": ("link", None), "vincular": ("link", None), "start": ("link", None),
    "enroll": ("enroll", None), "inscrever": ("enroll", None),
    "done": ("cadence_action", "done"), "feito": ("cadence_action", "done"),
    "concluido": ("cadence_action", "done"),
    "skip": ("cadence_action", "skip"), "pular": ("cadence_action", "skip"),
    "snooze": ("cadence_action", "snooze"), "adiar": ("cadence_action", "snooze"),
    "replied": ("cadence_action", "replied"), "respondeu": ("cadence_action", "replied"),
    "digest": ("digest", None), "resumo": ("digest", None),
    "team": ("team", None), "time": ("team", None), "equipe": ("team", None),
    "away": ("away", None), "ausente": ("away", None), "ferias": ("away", None),
}

# Words that show an interaction already happened, with its kind.
LOG_VERBS: dict[str, str] = {
    r"liguei|telefonei|ligamos|called|phoned|rang|dei um toque": "call",
    r"tive (?:uma |a )?(?:ligacao|call)|fiz (?:uma |a )?(?:ligacao|call)|had (?:a )?call": "call",
    r"visitei|visitamos|visited|passei (?:na|no|pela|pelo)|estive (?:na|no|com)|fui (?:na|no|ate)"
    r"|dropped by|stopped by": "visit",
    r"tive (?:uma |a )?visita|fiz (?:uma |a )?visita": "visit",
    r"mandei|enviei|emailei|encaminhei|emailed|mailed|sent|respondi": "email",
    r"me reuni|nos reunimos|reunimos|tive (?:uma |a )?reuniao|fiz (?:uma |a )?reuniao|met"
    r"|had (?:a )?meeting|apresentei|demonstrei|fiz (?:uma |a )?demo": "meeting",
    r"conversei|falei|spoke|talked|chatted|conversamos|falamos": "call",
}

# Interaction kinds named as nouns (they refine the verb: "falei no whatsapp").
KIND_WORDS: dict[str, str] = {
    r"whatsapp|whats app|zap|zapzap|wpp": "whatsapp",
    r"linkedin|inmail": "linkedin",
    r"e ?mail|emails|mail": "email",
    r"reuniao|meeting|encontro|videochamada|video chamada|zoom|demo|apresentacao": "meeting",
    r"visita|visit|check in|checkin": "visit",
    r"ligacao|telefonema|chamada|call|telefone|phone": "call",
    r"nota|note|anotacao|observacao|obs": "note",
}

# Verbs for what is still to be done ("ligar de novo terça"): a follow-up, with its kind.
FOLLOW_UP_VERBS: dict[str, str] = {
    r"ligar|retornar|telefonar|call|ring|phone|call back|follow up|followup|retorno": "call",
    r"mandar|enviar|send|email|e mail": "email",
    r"visitar|visit|passar (?:la|na|no)": "visit",
    r"marcar|agendar|reuniao|meet|schedule|reunir": "meeting",
    r"whatsapp|zap|mandar zap": "whatsapp",
}

# Sentence cues per intent, checked in this order; the first that matches wins.
INTENT_CUES: list[tuple[str, str]] = [
    ("help", r"^(?:ajuda|help|socorro|menu|comandos|commands|oi|ola|hello|hi|hey|bom dia|boa tarde"
             r"|boa noite|good morning)$|o que (?:voce|vc) (?:faz|sabe fazer)|what can you do"
             r"|como (?:funciona|usar|uso|te uso)|how (?:does this work|do i use)"),
    ("won", r"\b(?:ganhamos|ganhei|ganho|won|fechamos|fechei|closed won|assinaram|assinou|signed"
            r"|negocio fechado|venda fechada|vendemos|vendi)\b"),
    ("lost", r"\b(?:perdemos|perdi|perdido|perdida|lost|closed lost|desistiram|desistiu"
             r"|recusaram|recusou|declined|rejected|cancelaram)\b"),
    ("enroll", r"\b(?:inscrever|inscreve|inscreva|colocar|coloca|coloque|por|poe|botar|bota|enroll"
               r"|enrol|add|adicionar|adiciona|iniciar|start|put)\b.*\b(?:cadencia|cadence"
               r"|sequencia|sequence|fluxo|trilha|track|CADENCE)\b"),
    ("stage_change", r"\b(?:mover|mova|move|moved|mudar|muda|mudou|passar|passa|passou|avancar"
                     r"|avanca|avancou|advance|advanced|change|changed|levar|colocar|coloca|set"
                     r"|etapa|stage|fase|foi para|went to|esta em|is in|agora em"
                     r"|now in)\b.*STAGE"),
    ("cadence_action", r"^(?:feito|done|pronto|concluido|completed|complete|finished|ok feito"
                       r"|pular|pula|skip|adiar|adia|snooze|later|mais tarde|depois"
                       r"|respondeu|responderam|replied|answered)\b"
                       r"|\b(?:respondeu|responderam|replied|me lembra depois|remind me later)\b"),
    ("away", r"\b(?:ferias|vacation|ausente|fora do escritorio|out of office|ooo|folga|day off"
             r"|licenca|away)\b"),
    ("digest", r"\b(?:digest|digesto|briefing|resumo do (?:time|dia|gerente))\b"),
    ("overdue", r"\b(?:atrasad\w*|atrasos?|overdue|behind|late|vencid\w*|em atraso)\b"),
    ("stalled", r"\b(?:parad\w*|stalled|stuck|estagnad\w*|sem (?:movimento|interacao|contato"
                r"|atividade|toque)|idle|esquecid\w*|travad\w*|no activity|untouched)\b"),
    ("closing", r"\b(?:fecham|fechando|fechar|fecha|closing|close|closes|vao fechar"
                r"|fechamento previsto|previstos? para fechar)\b"),
    ("forecast", r"\b(?:forecast|previsao|previsto|projecao|projection|committed|best case"
                 r"|melhor caso|meta|quota|target)\b"),
    ("pipeline", r"\b(?:pipeline|pipelines|pipe|funil|funnel|carteira|meus negocios|my deals"
                 r"|minhas oportunidades|oportunidades|opportunities|deals|negocios)\b"),
    ("team", r"\b(?:(?:o|meu|nosso|do|da|my|our|the) (?:time|equipe|team)|equipe|team|squad"
             r"|vendedores|reps)\b"),
    ("status", r"\b(?:status|situacao|historico|history|detalhes|details|andamento)\b"),
    ("next_step", r"\b(?:proximo passo|proximos passos|next step|next steps|whats next|what next"
                  r"|o que fazer|proxima acao|next action|e agora|next)\b"),
    ("agenda", r"\b(?:hoje|today|agenda|due|pendencias|pendentes|pendente|tarefas|tasks|todo"
               r"|to do|o que tenho|what do i have|meu dia|my day|whats on|hj)\b"),
    ("status", r"\b(?:como esta|como vai|como anda|como ta|how is|hows|how are|what about"
               r"|fale sobre|tell me about|info)\b"),
]

LOST_REASONS: dict[str, str] = {
    r"preco|caro|cara|price|expensive|pricing|valor alto": "price",
    r"concorrente|concorrencia|competitor|competition|competidor|rival": "competitor",
    r"sem orcamento|sem verba|sem budget|no budget|budget|orcamento|verba"
    r"|sem dinheiro": "no_budget",
    r"sem decisao|nao decidiu|nao decidiram|no decision|indecis\w*|undecided": "no_decision",
    r"timing|momento|nao e a hora|hora errada|bad timing|too early|cedo demais|adiado": "timing",
    r"sumiu|sumiram|perdemos contato|perdi contato|lost contact|sem resposta|no response"
    r"|ghosted|nao responde\w*|nao atende": "lost_contact",
    r"outro|outros|other|outra": "other",
}

# Stage synonyms beyond each stage's key and labels.
STAGE_SYNONYMS: dict[str, str] = {
    "prospect": "prospecting", "prospeccao": "prospecting", "lead": "prospecting",
    "qualificado": "qualification", "qualified": "qualification", "qualificacao": "qualification",
    "proposta": "proposal", "proposal": "proposal",
    "negociacao": "negotiation", "negociando": "negotiation", "negotiating": "negotiation",
    "fechamento": "commit", "commit": "commit",
}

# Built-in cadence keys by the words people use for them.
CADENCE_WORDS: dict[str, str] = {
    r"exploratory|exploratoria|exploracao|prospeccao|prospecting|outbound": "exploratory",
    r"nurture|nutricao|nutrir|nurturing": "nurture",
    r"conversion|conversao|converter|fechamento": "conversion",
    r"onboarding|parceiros?|partners?|partner onboarding": "partner_onboarding",
}

SNOOZE_WORDS: dict[str, str] = {
    r"1 ?h|uma hora|1 hora|one hour|an hour": "1h",
    r"3 ?h|tres horas|3 horas|three hours": "3h",
    r"amanha|tomorrow": "tomorrow",
    r"semana que vem|proxima semana|next week": "next_week",
}

# Words that are never part of a name: articles, prepositions, pronouns, fillers.
STOPWORDS = frozenset("""
a o as os um uma uns umas de da do das dos com para pra pro pros na no nas nos em e ou que
the an for with to at of on in about from by and or is are was were be am my me i we our
meu minha meus minhas seu sua nosso nossa ele ela eles elas voce vc eu nos lhe
conta account cliente client customer empresa company deal negocio oportunidade opportunity
whats what how hows qual quais quem who como esta estao ta tao anda vai vamos
por favor pf pfv please pls ai hey oi ola ritmo bot ate until dia day novo nova again
doing going todos todas all tudo sobre mim ver show list lista listar mostrar mostra see
isso this that esse essa aquele aquela la there here aqui agora now ja already
tenho tem temos have has had do does did sobre quero want gostaria like would pode can could
mais more muito much uns pelo pela pelos pelas sim yes nao not no ok hoje today
deals negocios oportunidades opportunities contas accounts clientes clients customers
estou estamos sou im q tb pq ha tempo muito long ago esta essa este fazer make faz get give
me da dar manda vendedor vendedores rep reps pessoa breakdown detalhado per
""".split())

# Joins inside a name: "Padaria Silva & Filhos", "Banco do Brasil".
NAME_JOINERS = frozenset({"de", "da", "do", "das", "dos", "e", "and", "of", "the"})
