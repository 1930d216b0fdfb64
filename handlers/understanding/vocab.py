"""The words ritmo understands, in normalised form (see text.normalize), pt-BR and English.

Data, not logic: each table maps phrases (regular-expression fragments over normalised words)
to what they mean. Adding a synonym is a one-line change here.
"""

from __future__ import annotations

# First word of a message (with or without a leading "/") -> (intent, detail).
COMMANDS: dict[str, tuple[str, str | None]] = {
    "log": ("log", None),
    "registrar": ("log", None),
    "registra": ("log", None),
    "registre": ("log", None),
    "anotar": ("log", None),
    "anota": ("log", None),
    "next": ("next_step", None),
    "proximo": ("next_step", None),
    "proxima": ("next_step", None),
    "prox": ("next_step", None),
    "today": ("agenda", None),
    "hoje": ("agenda", None),
    "agenda": ("agenda", None),
    "pipeline": ("pipeline", None),
    "funil": ("pipeline", None),
    "pipe": ("pipeline", None),
    "status": ("status", None),
    "situacao": ("status", None),
    "historico": ("status", None),
    "history": ("status", None),
    "forecast": ("forecast", None),
    "previsao": ("forecast", None),
    "projecao": ("forecast", None),
    "closing": ("closing", None),
    "fechando": ("closing", None),
    "fechamentos": ("closing", None),
    "stalled": ("stalled", None),
    "parados": ("stalled", None),
    "parado": ("stalled", None),
    "overdue": ("overdue", None),
    "atrasados": ("overdue", None),
    "atrasadas": ("overdue", None),
    "won": ("won", None),
    "ganho": ("won", None),
    "ganhamos": ("won", None),
    "lost": ("lost", None),
    "perdido": ("lost", None),
    "perdemos": ("lost", None),
    "stage": ("stage_change", None),
    "etapa": ("stage_change", None),
    "fase": ("stage_change", None),
    "move": ("stage_change", None),
    "mover": ("stage_change", None),
    "help": ("help", None),
    "ajuda": ("help", None),
    "comandos": ("help", None),
    "menu": ("help", None),
    "link": ("link", None),
    "vincular": ("link", None),
    "start": ("link", None),
    "enroll": ("enroll", None),
    "inscrever": ("enroll", None),
    "unenroll": ("unenroll", None),
    "unenrol": ("unenroll", None),
    "done": ("cadence_action", "done"),
    "feito": ("cadence_action", "done"),
    "concluido": ("cadence_action", "done"),
    "skip": ("cadence_action", "skip"),
    "pular": ("cadence_action", "skip"),
    "snooze": ("cadence_action", "snooze"),
    "adiar": ("cadence_action", "snooze"),
    "replied": ("cadence_action", "replied"),
    "respondeu": ("cadence_action", "replied"),
    "digest": ("digest", None),
    "resumo": ("digest", None),
    "team": ("team", None),
    "time": ("team", None),
    "equipe": ("team", None),
    "away": ("away", None),
    "ausente": ("away", None),
    "ferias": ("away", None),
}

# Words that show an interaction already happened, with its kind.
LOG_VERBS: dict[str, str] = {
    r"liguei|telefonei|ligamos|called|phoned|rang|dei um toque|atendi|me ligou|me ligaram"
    r"|ligaram|retornei a ligacao|retornei|retornamos|liguei de volta|called back|hung up|got off the phone|left (?:a )?voicemail"
    r"|deixei recado|ligou|retornou a ligacao|no answer|nao atendeu|caixa postal|left (?:a |an )?(?:msg|message|mensagem"
    r"|vm)|deixei (?:uma )?(?:msg|mensagem)|logged (?:a |the )?call": "call",
    r"me chamou no (?:whats|whatsapp|zap)|whatsapped|texted|pinged|messaged|chamei no"
    r" (?:whats|whatsapp|zap)|mandou (?:uma |um )?(?:mensagem|whats|zap|audio)"
    r"|(?:mandou|enviou|respondeu) (?:no|pelo) (?:whats|whatsapp|zap)": "whatsapp",
    r"(?:mandou|enviou) (?:um |o )?e ?mail": "email",
    r"tomei (?:um )?cafe|almocei|jantei|encontrei|acabei de sair|sai agora|saindo d[ao]"
    r"|just left|took (?:\w+ )?(?:\w+ )?(?:team )?to (?:dinner|lunch|coffee)"
    r"|caught up with|grabbed (?:coffee|lunch)": "meeting",
    r"tive (?:uma |a )?(?:ligacao|call)|fiz (?:uma |a )?(?:ligacao|call)"
    r"|fiz (?:o |um )?follow ?up|did (?:the |a )?follow ?up"
    r"|had (?:a |an |our |the )?(?:\w+ )?call"
    r"|wrapped (?:up )?(?:a |the |our |my )?(?:\w+ )?call|finished (?:a |the |our |my )?call": "call",
    r"had (?:a |an |our |the )?(?:\w+ )?(?:meeting|demo|chat|lunch|coffee|zoom|teams|meet)"
    # a demo or a video call done, said as its own verb: "demoed the portal to X", "fiz um
    # zoom com a X"
    r"|demoed|demo d|demoei|demonstramos|fiz (?:um |uma |o |a )?(?:zoom|meet|teams|videochamada"
    r"|video chamada)|fizemos (?:um |uma |o |a )?(?:zoom|meet|teams|demo|reuniao)": "meeting",
    r"visitei|visitamos|visited|passei (?:na|no|pela|pelo)|estive (?:na|no|com)|fui (?:na|no|ate)"
    r"|fomos (?:na|no|ate)|went to see|we went to"
    r"|dropped by|stopped by|swung by|popped (?:by|in|into)|dropped in|(?:eu )?(?:tava|tava la|estava|tive) (?:na|no|com)\b"
    r"|i was (?:at|over at|with)|was over at": "visit",
    r"tive (?:uma |a )?visita|fiz (?:uma |a )?visita": "visit",
    r"mandei|enviei|emailei|encaminhei|emailed|mailed|sent|respondi": "email",
    r"me reuni|nos reunimos|reunimos|tive (?:uma |a )?reuniao|fiz (?:uma |a )?reuniao|met"
    r"|had (?:a )?meeting|apresentei|demonstrei|fiz (?:uma |a )?demo": "meeting",
    r"conversei|falei|spoke|talked|chatted|conversamos|falamos": "call",
}

# Interaction kinds named as nouns (they refine the verb: "falei no whatsapp").
KIND_WORDS: dict[str, str] = {
    r"whatsapp|whats app|zap|zapzap|wpp"
    r"|whats(?= (?:para|com|do|da|de|pro|pra|pros|com o|com a)\b)": "whatsapp",
    r"linkedin|inmail": "linkedin",
    r"e ?mail|emails|mail": "email",
    r"reuniao|meeting|encontro|videochamada|video chamada|zoom|demo|apresentacao"
    r"|lunch|dinner|breakfast|almoco|jantar": "meeting",
    r"visita|visit|check in|checkin": "visit",
    r"ligacao|telefonema|chamada|call|telefone|phone|voicemail|caixa postal": "call",
    r"nota|note|anotacao|observacao|obs": "note",
}

# Verbs for what is still to be done ("ligar de novo terça"): a follow-up, with its kind.
FOLLOW_UP_VERBS: dict[str, str] = {
    r"ligar|retornar|telefonar|call|ring|phone|call back|follow up|followup|retorno"
    r"|circle back|circling back|check back|touch base|touching base|ping|nudge|chase|reach out"
    r"|check in with": "call",
    r"mandar|enviar|send|email|e mail": "email",
    r"visitar|visit|passar (?:la|na|no)": "visit",
    r"marcar|agendar|reuniao|meet|schedule|reunir": "meeting",
    r"whatsapp|zap|mandar zap": "whatsapp",
}

# Messages about anything but sales work. Read only when no name of the asker's book is in
# the sentence: "o Flamengo ganhou" is football, "a Flamengo Tintas assinou" is a deal.
OUT_OF_DOMAIN = (
    r"\b(?:chover|chuva|chovendo|chove|previsao do tempo|tempo (?:amanha|hoje|la fora)"
    r"|temperatura|calor|frio|guarda chuva|weather|rain|raining|snow|sunny|umbrella"
    r"|(?:de|vai fazer|faz|fazendo|vai ter) sol|ensolarad\w*|nublad\w*|garoa|tempestade|cloudy"
    r"|jogo|futebol|flamengo|fla|corinthians|timao|palmeiras|verdao|gremio|vasco|fluminense"
    r"|cruzeiro|botafogo|santos fc|sao paulo fc|gol|golaco|copa|campeonato|brasileirao"
    r"|libertadores|selecao|game|soccer|football|basketball|nba|nfl|world cup|super bowl"
    r"|piada|joke|jokes|filme|filmes|movie|movies|serie|netflix|musica|song|receita|recipe"
    r"|namorad\w*|esposa|marido|girlfriend|boyfriend|wife|husband|aniversario|birthday"
    # "depois do almoço", "after lunch": a time of the day, not a meal to talk about
    r"|almocar|(?<!depois do )(?<!antes do )(?<!hora do )almoco|jantar"
    r"|(?<!after )(?<!before )lunch|dinner|cerveja|beer|cafe|coffee|pizza|churrasco|bbq|barbecue"
    r"|git|github|pull request|merge request|deploy|python|bug no"
    r"|horoscopo|signo|loteria|mega sena|bitcoin|dolar hoje|cotacao|exchange rate|cambio|uber|ifood"
    r"|transito|traffic"
    r"|filho|filha|filhos|doente|pediatra|medico|dentista|academia hoje|cansad\w*|sono|fome|famint\w*"
    r"|starving|starved|hungry"
    # one's own appointments for one's looks: "marquei cabeleireiro sábado", "haircut at 5"
    r"|cabeleireir[oa]|cabelereir[oa]|barbeiro|manicure|pedicure|depilacao|haircut|hairdresser"
    r"|barber|nail salon"
    r"|feriado|feriadao|praia|viagem|passeio|trilha|hike|hiking|camping|acampamento"
    r"|(?<!business )(?<!work )(?<!sales )trip|restaurante bom|onde (?:almocar|comer)|robo|robot"
    r"|(?:meu|o meu|nosso) time (?:perdeu|ganhou|empatou|jogou|jogo)"
    r"|(?:my|our) team (?:lost|won|tied|drew) (?:again|last night|yesterday|tonight)(?! (?:this|that|in|on|with|by|\d))|quanto e \d+|quanto da \d+|what is \d+|ganh\w* de \d+ (?:a|x) \d+|placar|score"
    r"|\d+ ?x ?\d+ (?:ontem|hoje)|hahaha\w*|kkkk\w*|win last night|won last night"
    r"|office (?:closed|open)|kid|kids|school|flight|voo|passagem|tip on|que horas sao"
    r"|what time is it|confraternizacao|perto de mim|near me|capital of"
    r"|quem (?:e|foi) (?:o|a) (?:presidente|melhor)|capital d[ae]|how old are you|are you (?:a )?"
    r"(?:robot|human|real)|voce e (?:um )?(?:robo|humano|real)|te amo|love you"
    # ritmo asked about its own person, not its use (round 27, six parts): which assistant it
    # is, who made it, whether it sleeps or is married ("are you chatgpt?", "quem te criou?")
    r"|(?:are|r) (?:you|u) (?:the |an? )?(?:chat ?gpt|gpt|gemini|siri|alexa|copilot|ai|bot)\b"
    r"|(?:vc|voce|tu) (?:e|eh) (?:o |a |uma? )?(?:chat ?gpt|gpt|gemini|siri|alexa|copilot|ia"
    r"|bot)\b"
    r"|who (?:made|built|created|programmed|wrote) (?:you|u)\b|quem (?:te|fez|criou|programou)"
    r" (?:criou|fez|programou|vc|voce)\b|(?:do|did|can) (?:you|u) (?:ever )?(?:dream|sleep|eat)"
    r"|(?:ritmo|you|u) (?:ever )?(?:sleeps?|dreams?)\b|(?:vc|voce|tu) (?:dorme|sonha|come|e casad\w*"
    r"|eh casad\w*|tem namorad\w*)"
    # a mood about a day of the week (round 27: dev25, dev26): "odeio segunda feira", "ugh mondays"
    r"|(?:odeio|detesto|hate|ugh+|aff+|argh+) (?:as |a |o |os |the )?(?:segunda|terca|quarta|quinta"
    r"|sexta|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    # "qual a boa de hoje?" said to ritmo asks the day's agenda (round 31: dev21, dev24); the
    # evening's or the weekend's is leisure
    r"|qual (?:e )?a boa(?! (?:de|pra|pro|p|para) (?:hoje|hj)\b(?! (?:a|de) noite))|bbb|big brother|reality show|novela|oscar|eleicao|election"
    r"|(?:good|best|nice) (?:restaurants?|places? to eat|lunch spots?|bars?)|restaurants? near"
    # the best of something asked for near a place: "best tacos near downtown?", "melhor
    # açaí perto do escritório?"
    r"|^(?:best|any good|good|melhor|melhores|um bom|uma boa|algum bom|alguma boa) (?:\w+ ){1,2}?"
    r"(?:near|around|close to|perto d[aoe]|por perto|aqui perto)\b"
    # the house: "the pipe under my sink burst" is no pipeline question
    r"|sink|pia da cozinha|plumber|encanador|encanamento|cano estourou|vazamento|leaking|burst"
    r"|toilet|privada|fridge|geladeira|pneu furado|flat tire"
    # personal life: the body, the shopping, the amateur league
    r"|perd\w* peso|emagrec\w*|dieta|lose weight|diet|mercado livre|amazon|shopee|correios"
    r"|(?:meu|minha|my) (?:pedido|encomenda|order|package|parcel)|amador|varzea|fantasy"
    r"|league|last place|ultimo lugar|\d+ ?(?:kg|quilos|kilos|lbs|pounds)|quilos|kilos"
    # a forecast of a weekend or a day off is the weather's: sales forecast months and quarters
    r"|previsao (?:pra|pro|para o|para|do|de) (?:(?:fim|final) de semana|fds|feriado\w*|praia)"
    r"|weekend forecast"
    # the rain told in other words (round 31: dev27, dev28): "it's pouring, forecast says it
    # clears by noon"
    r"|pouring|downpour|drizzl\w*|clears? (?:up|by)"
    # a shop's hours asked (round 31: dev27): "is target open on christmas eve", "o mercado
    # abre no feriado?"
    r"|^(?:is|are) (?:\w+ ){1,2}open (?:on|this|tomorrow|tmrw|today|tonight|late|christmas"
    r"|xmas|new year)|(?:abre|abrem|fecha cedo) (?:no|na|em) (?:feriado|vespera|natal|ano novo)"
    r"|previsao (?:pra|para|de|em|in) [a-z]+ (?:no|neste|nesse|pro|para o) (?:fds|fim de semana)"
    # a temperature: "35 degrees tomorrow", "38 graus na sombra"
    r"|\d+ ?(?:degrees|graus|celsius|fahrenheit)|degrees out"
    r"|forecast for (?:the |this )?weekend"
    # a shop's sale and the office's party are the asker's own: "target had a sale on tvs",
    # "what do I get the team for the christmas party", "amigo secreto do time"
    r"|(?:has|had|having|have) an? (?:\w+ )?sale on(?! (?:the |o |a )?\d)|black friday|cyber monday"
    r"|(?:christmas|xmas|holiday|office|end of year|year end) part(?:y|ies)|secret santa"
    r"|amigo (?:secreto|oculto)|festa de (?:fim|final) de ano|gift ideas?|ideias? de presente"
    r"|presente de natal|christmas (?:gift|present)s?"
    # the body's count on a watch and the office's kitchen: "bati a meta de passos no relógio",
    # "10k steps today", "a cafeteira do escritório quebrou" (steps alone are next steps)
    r"|(?:\d+ ?(?:k|mil) |meta de |minha meta de )passos|passos (?:hoje|no relogio|no app)"
    r"|\d+ ?k steps|steps (?:today|goal)|step (?:goal|count|streak)|smartwatch|apple watch"
    r"|fitbit|strava|cafeteira|maquina de cafe|coffee (?:machine|maker)|microondas|microwave"
    # a season's greeting: "feliz natal pra todo mundo", "happy holidays to the team"
    r"|(?:feliz|felizes|boas|bom|otimo|happy|merry|great) (?:natal|ano novo|festas|pascoa"
    r"|fim de ano|reveillon|carnaval|xmas|x mas|christmas|holidays|new year|easter"
    r"|thanksgiving|hanukkah|hannukah))\b"
)

# Away for work somewhere, the one list the away cue and the parser's absence read: who is
# away ("tô", "I'll be"), how the place is said ("num", "at a") and the places ("tô num
# curso em campinas", "out for a conference", "at a workshop mon and tue").
# The days a trip is said with ("de 14 a 18", "next week", "até sexta"): without them a trip
# told is a story, not an absence.
TRIP_DAYS = (
    r"\d|(?:dias|semana|week|next|proxim\w*|amanha|tomorrow|tmrw|ate|until|till|thru|through"
    r"|segunda|terca|quarta|quinta|sexta|monday|tuesday|wednesday|thursday|friday|mon|tue|wed|thu"
    r"|fri)\b"
)
# Looked for after the cue, word by word (no ".*": a cue pattern's head is cut at one).
TRIP_DAYS_AFTER = rf"(?=(?:\W+\w+)*?\W+(?:{TRIP_DAYS}))"
AWAY_WHO = (
    "to|tou|estou|vou estar|vou ta|vou tar|estarei|vou ficar|i m|im|i am|i ll be|ill be|i will be"
)
AWAY_AT = "num|numa|em um|em uma|em|no|na|at|for|in"
AWAY_AT_EVENT = (
    "curso|treinamento|congresso|evento|feira|conferencia|workshop|imersao|conference"
    "|training|course|offsite|off site|convention|trade show|summit"
)

# Sentence cues per intent, checked in this order; the first that matches wins. Requests
# with a verb of their own (remind me, undo, list…) come before the cues whose words they
# share ("quais eu perdi" lists lost deals; "perdi a Acme" marks one lost).
# A number said aloud, where a cue wants an amount ("bump lumen to eighty k").
SAID_NUMBER = (
    "um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|vinte|trinta|quarenta"
    "|onze|doze|treze|catorze|quatorze|quinze|dezesseis|dezessete|dezoito|dezenove"
    "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    "|cinquenta|sessenta|setenta|oitenta|noventa|cem|cento|duzentos|trezentos|quinhentos"
    "|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty"
    "|seventy|eighty|ninety|hundred|a hundred"
)

INTENT_CUES: list[tuple[str, str]] = [
    (
        "help",
        # ritmo itself asked about: what it is, whether a person or some other assistant
        r"\b(?:are you|r u|is this|vc e|voce e|isso e|tu e|es) (?:o |a |um |uma |an? )?"
        r"(?:chatgpt|chat gpt|gpt|openai|gemini|copilot|siri|alexa|ia|ai|robo|robot|humano"
        r"|human|pessoa de verdade|real person)\b|^(?:e |so |and )?(?:o que e|que e|what is|whats"
        r"|quem e|who is) (?:o |a )?(?:ritmo|esse bot|this bot|esse app|this app)\b"
        # a first-timer asking where to start: "primeira vez usando, por onde começo?"
        r"|\bpor onde (?:eu )?comec\w*|^(?:\w+ ){0,4}como (?:eu )?comec(?:o|a|ar)\b"
        r"|\bwhere (?:do|should|can|to) (?:i |we )?(?:start|begin)\b"
        r"|\bhow (?:do|should|can) (?:i|we) (?:start|begin|get started)\b"
        r"|\bvoce (?:faz|serve) (?:o que|pra que|para que)\b|^(?:ajuda|help|socorro|menu|comandos|commands|oi|ola|hello|hi|hey|bom dia|boa tarde"
        r"|boa noite|good morning|opa|e ai|eai|salve|\?+)$|o que (?:voce|vc) (?:faz|sabe fazer"
        r"|pode fazer|consegue)|oq (?:voce|vc) (?:faz|sabe)|what can (?:you|u) (?:\w+ )?do"
        r"|what (?:can|does) (?:this|the|that|ur|your) (?:bot|app|thing|ritmo|assistant)(?: \w+)? do\b"
        r"|what (?:are|r) "
        r"(?:you|u) (?:able|good)|what do you do|what can i (?:ask|say|do)"
        r"|como (?:funciona|usar|uso|te uso)|how (?:does this work|do i use|does it work)"
        r"|\b(?:da para|tem como|consigo|posso|can i|is it possible|could i)\b.*\b(?:registrar"
        r"|anotar|editar|mandar|usar|audio|voz|log|edit|send|voice|mudar|change|apagar)\b"
        r"|preciso de ajuda|ajuda com|help with|(?<!anyone )(?<!anybody )(?<!someone )need help|me explica|explain|o que (?:eu )?"
        r"posso (?:te )?(?:pedir|perguntar|fazer|mandar)|o que significa|what does \w+ mean"
        r"|(?:voce|vc) entende|do you understand|can you (?:understand|read|hear"
        r"|do(?! (?:the|that|this|it|my|our|same|a|an)\b))"
        r"|how (?:do|does) (?:\w+ )?(?:cadences?|digests?|reminders?|it|this|that) work"
        r"|list of commands|pra que serve|para que serve|o que (?:e|sao) (?:o |a |um |uma |os |as )?(?:digest|cadencias?|funil|pipeline|forecast|snooze)\b"
        r"|^como (?:eu )?(?:faco|faz|registro|registrar|anoto|anotar|mudo|mudar|coloco|vejo"
        r"|marco|cadastro|crio|uso|adiciono|tiro|removo|cancelo)\b|^how (?:do|can|should) "
        r"(?:i|we)\b|^(?:help|ajuda) (?:me|com|with)(?! (?:to )?(?:remember|lembrar)\b)|\b(?:quais|que) comandos|tutorial"
        r"|^(?:me )?ensina|^(?:comandos|commands)\b"
        # how ritmo is used, asked in a muddle or after a laugh: "to perdido, como q usa esse bot",
        # "socorro kkk como desfaz um registro", "idk what commands you take"
        r"|\bcomo (?:q |que |se |eu )?(?:usa|uso|funciona)\b(?: (?:isso|isto|esse \w+|essa \w+"
        r"|o ritmo|o bot|aqui|ai)){0,2}$"
        r"|\bcomo (?:q |que |se |eu )?(?:desfaz|desfaco|apaga|apago|edita|edito|corrijo|corrige"
        r"|cancela|cancelo|remove|removo)\w* (?:um|uma|o|a) (?:registro|anotacao|nota|tarefa"
        r"|lembrete|log)\b"
        # lost on day one: "socorro nao sei usar isso aqui", "no idea how to use this thing"
        r"|\bnao sei (?:como )?(?:usar|mexer|usa|mexe)(?: (?:nisso|nisto|isso|isto|aqui|ai"
        r"|nesse app|nesse bot|esse app|esse bot|no ritmo|o ritmo|o bot|no bot|com isso))+\b"
        r"|\b(?:no idea|dont know|don t know|do not know|not sure) how (?:to use|this works"
        r"|it works) ?(?:this|it|ritmo|the bot|this thing|this bot|here)?\b"
        r"|\b(?:what|which) commands\b|\bwhat (?:can i|i can|do i) (?:type|say|write|send|ask)\b"
        r"|^como (?:eu |que eu |q eu |a gente )?\w+o\b(?= (?:o|a|um|uma|que|q|pra|para|no|na|aqui|ai)\b)"
        r"|^(?:can|could|does|will) (?:ritmo|the bot|this bot)\b"
        # a bare ask for help, to ritmo: "can you help me?", "consegue me ajudar", "me ajuda ai"
        r"|^(?:(?:oi|ola|hi|hey|hello|ei) )?(?:(?:can|could|would|will) (?:you|u)|you can)"
        r" (?:please |pls |plz )?help(?: me)?(?: (?:out|here|please|pls|plz|with something"
        r"|with a thing|with this))?(?: \?+|\?+)?$"
        r"|^(?:(?:oi|ola|opa|ei) )?(?:(?:vc|voce|tu) )?(?:pode|poderia|consegue|podia|da pra)"
        r" (?:me )?ajudar(?: (?:aqui|ai|com uma coisa|com algo|por favor|pfv|pf|pls)){0,2}(?: \?+|\?+)?$"
        r"|^me ajuda(?: (?:aqui|ai|por favor|pfv|pf|pls)){0,2}(?: \?+|\?+)?$"
        # what ritmo connects to or writes: "vc integra com o hubspot?", "can you draft emails?"
        r"|\b(?:voce|vc|o bot|o ritmo|ritmo|bot|you|u|it|this|this thing|this bot)\b"
        r" (?:integra|integrate|conecta|connect|sincroniza|sync|syncs|integrates|connects"
        r"|talk|fala) (?:com|with|to|no|na|ao)\b"
        r"|\b(?:can|could|will) (?:you|u|it|ritmo) (?:\w+ )?(?:draft|write|redigir|escrever"
        r"|integrate|connect|sync|export|import|generate)\b"
        r"|\b(?:voce|vc|ritmo) (?:consegue |pode )?(?:escrever|redigir|escreve|redige)\b"
        # (round 31: dev26, dev27) not the polite frame of a request: "vc consegue me dizer qto
        # temos em negociação" asks the pipeline, "can you do the usual for X" an errand
        r"|\b(?:voce|vc|o bot|o ritmo|ritmo|bot)\b (?:consegue|funciona|pode|sabe|aceita|entende"
        r"|le|registra|manda)\b(?! (?:me |nos )?(?:dizer|falar|mostrar|passar|listar|puxar"
        r"|tirar)\b)|\bfunciona (?:no|na|com|pelo|pela)\b|difference between"
        r"|diferenca entre|getting started|user guide|manual de uso|guia de uso"
        # questions about ritmo itself: what it is, who made it, what it keeps
        r"|^(?:e )?(?:voce|vc|tu) (?:e|eh) (?:um|uma|humano|gente|de verdade)\b"
        r"|^(?:are|r) (?:you|u) (?:a|an|human|real)\b|quem te (?:criou|fez|programou)"
        r"|who (?:made|built|created|programmed) you|(?:que|quais) (?:idiomas|linguas)"
        r"|what languages|\b(?:meus dados|my data)\b|privacidade|privacy|\blgpd\b"
        r"|\b(?:ritmo|voce|vc|bot|you) (?:grava|guarda|salva|armazena|ouve|records?|stores?"
        r"|saves?|keeps?|listens? to)\b",
    ),
    (
        "next_step",
        r"\b(?:o que falta|what s left|whats left|what do i (?:still )?need to"
        r"|where do (?:we|i) go from here|o que (?:eu )?"
        r"combinei|combinamos|what did (?:i|we) agree|o que (?:eu )?faco\b|o que (?:eu )?"
        r"(?:tenho|tinha) que fazer (?:com|na|no|para)|o que que (?:eu )?(?:tenho|tinha) que fazer"
        r" (?:com|na|no|para)|faco o que\b|what (?:do )?i (?:still )?owe"
        r"|what should i (?:be )?(?:(?:do|doing) (?:next )?(?:with|for|about|on|at)"
        r"|(?:work|working) on)\b"
        # what the asker owes an account or should be doing there (round 27: dev15, dev17;
        # "faze(?:ndo)" keeps the word out of the typo vocabulary, where it would take "fazenda")
        r"|o que (?:eu )?(?:ainda )?(?:devo|to devendo|fico devendo) (?:pra|para|a|ao)\b"
        r"|o que (?:eu )?deveria (?:estar )?(?:fazer|faze(?:ndo)) (?:na|no|com|pra|para)\b"
        r"|o que (?:vem|rola) (?:agora |depois )?(?:na|no|pra|para|com) (?:a |o )?qqnome"
        r"|o que (?:vem|rola) depois d[aoe]s?\b|what comes (?:next|after) (?:with|for|on|at)"
        r"|(?:passo|etapa|step) seguinte|(?:o que|que) vem a seguir"
        r"|o que (?:eu )?(?:deveria|devo|poderia) fazer (?:com|na|no|pra|para)"
        r"|what (?:do|should) i do next|should i (?:call|email|ping|visit|wait|follow)\b"
        r"|o que (?:tem|ta|esta|ficou) (?:de )?pendente"
        r" (?:para|com|na|no|da|do)"
        r"|(?:what s|whats|what is) the (?:play|plan|move|game plan|next move) (?:w|with|for|on)"
        r" qqnome)\b",
    ),
    (
        "undo",
        r"^(?:desfaz\w*|desfazer|undo|cancela (?:o|esse|isso|o ultimo)|apaga (?:o ultimo|esse"
        r"|isso|o que)|delete (?:that|the last|last)|remove (?:that|the last)|scratch that"
        r"|volta atras)\b|\b(?:desfaz\w*|desfazer|undo)\b|apaga (?:o )?ultimo"
        r"|(?:apaga|deleta|remove|exclui|delete|cancela|scrap|scratch|drop|ditch|bin|kill|tira)\w*"
        r" (?:a |o |the |my |that |this |essa |esse |esta |este |aquela |aquele |isso )?(?:ultimo|ultima|last)\b"
        # a record pointed at, then whose account it is on: "cancela aquele registro da X",
        # "scrap the entry for X" (an invoice, "nota fiscal", is no record of ours)
        r"|^(?:apaga|deleta|remove|exclui|tira|cancela|delete|scrap|erase)\w* (?:a |o |the |that "
        r"|this |essa |esse |aquela |aquele |minha |meu |my )(?:registro|log|nota(?! fiscal)"
        r"|anotacao|entry|note) (?:d[aoe]|n[ao]|for|on|of|from|at|about)\b"
        r"|(?:registrei|lancei|logged|anotei|coloquei|botei|put it) (?:errado|wrong|na conta errada"
        r"|in the wrong (?:account|client|deal))"
        # what was just written, deleted: "apaga a tarefa q acabei de criar", "remove the task i
        # just made" (a verb of deleting first; "the client deleted the email i just sent" tells)
        r"|^(?:(?:ih|xi|ops|oops|whoops|opa|pera|wait|ah|ei|hey) )?(?:apaga|deleta|remove|exclui"
        r"|tira|cancela|delete|scrap|drop|ditch|kill|erase)\w* (?:\w+ ){0,4}?(?:(?:que|q|which|that)"
        r" )?(?:(?:eu|i|a gente|we) )?(?:acabei de|acabamos de|just|fiz agora|fiz agorinha"
        r"|criei agora|made just now)\b"
        # …or as what the asker wrote: "apaga o que eu registrei na X", "delete the note i added"
        r"|^(?:(?:pls|please|por favor|ei|hey) )?(?:apaga|deleta|remove|exclui|tira|delete"
        r"|erase|scrap|undo)\w* (?:o que|o q|oq|aquilo que|what|the (?:note|log|entry|thing"
        r"|call|visit)s?(?: that| which)?|(?:a|o) (?:nota|registro|anotacao|log) (?:que|q)) ?"
        r"(?:eu |i )?(?:registrei|anotei|lancei|logged|wrote|put|entered|added|coloquei|botei"
        r"|escrevi)\b"
        # …or said by when it was made: "exclui a tarefa que criei agorinha"
        r"|^(?:(?:ih|xi|ops|oops|whoops|opa|pera|wait|ah|ei|hey) )?(?:apaga|deleta|remove|exclui"
        r"|tira|cancela|delete|scrap|scratch|drop|ditch|kill|erase)\w* (?:\w+ ){1,5}?(?:agorinha"
        r"|agora pouco|ha pouco|a pouco|agora mesmo|just now|a minute ago|a sec ago)\b"
        r"|^\w+ (?:\w+ ){0,3}(?:que|q|which|that)? ?(?:eu |i )?(?:acabei de|just) \w+ "
        r"(?:apaga|deleta|remove|exclui|delete|undo)\w*\b"
        # an owned slip, then taken back: "anotei errado agora pouco, apaga", "xi errei, volta"
        r"|\b(?:errei|anotei errado|lancei errado|me enganei|i messed up|my bad|my mistake)\b"
        r"(?:(?! e | and ).)*\b(?:apaga|tira|desfaz|volta|remove|delete|undo|exclui|cancela"
        r"|revert|take it back)\w*\b"
        # the slip alone, named: "oops wrong account", "ops, conta errada"
        r"|^(?:(?:ih|xi|ops|oops|whoops|opa|ugh|droga|putz) )?(?:wrong (?:account|client|customer"
        r"|deal)|(?:conta|cliente) errad[ao])$",
    ),
    (
        "away_end",
        r"^(?:ja |oi |opa |pessoal )?(?:voltei|to de volta|tou de volta|estou de volta"
        r"|i m back|im back|i am back|back from)\b(?! (?:on|next|in|by|after|dia|no|na|em)\b)",
    ),
    (
        # the asker's reminders paused, with no account: "pausa meus lembretes", "não me manda
        # notificação" — an absence, before the task's "lembrete"
        "away",
        r"\b(?:pausa\w*|pause|segura|silencia\w*|mute|hold) (?:\w+ )?(?:lembretes?|reminders?"
        r"|notificac\w*|notifications?|alertas?|alerts?)\b(?!(?: \w+)* qqnome)"
        r"|\b(?:nao|n|dont|don t|do not|no) (?:me )?(?:mand\w*|envi\w*|send)(?: me)? (?:\w+ )?"
        r"(?:lembretes?|reminders?|notificac\w*|notifications?)\b(?!(?: \w+)* qqnome)",
    ),
    (
        # "para de me lembrar da X", "stop sending me steps for X": its reminders, stopped —
        # before the task's "me lembra", whose words it holds
        "unenroll",
        r"\b(?:(?:para|pare|parar|chega) de|stop|quit) (?:me )?(?:lembrar|mandar|enviar|cobrar"
        r"|sending|send|reminding|remind|nudging|pinging|bugging)\w*(?: me)?\b"
        r"(?:(?! e | and ).)*\bqqnome"
        # had enough of its steps: "chega de cadência pra X, tira ela", "enough of the sequence
        # for X"
        r"|\b(?:chega de|enough of|enough with|no more) (?:the |a |o |essa |this )?(?:cadencia"
        r"|cadence|sequencia|sequence|fluxo)s?\b(?:(?! e | and ).)*\bqqnome"
        # needs its steps no more: "a X não precisa mais de cadência", "X doesnt need the
        # sequence anymore"
        # ("precisa" reaches here corrected to "preciso")
        r"|qqnome (?:\w+ )?(?:nao preciso mais|no longer needs?|doesnt need|don t need|dont need"
        r"|does not need) (?:d[aoe] |of )?(?:the |a |o |essa |this |its |sua )?(?:cadencia"
        r"|cadence|sequencia|sequence|fluxo)s?\b",
    ),
    (
        "task",
        r"^(?:anota\w*|registra\w*|cria\w*|add|adiciona\w*|coloca|log) (?:uma |a |um |o |new |a new )?"
        r"(?:tarefa|lembrete|task|reminder|todo)\b"
        r"|^(?:me )?lembr(?:a|e|ar) (?:eu |mim |me )?(?:de|que|pra|para)\b"
        # a reminder asked as help: "me ajuda a lembrar de ligar pra X", "help me remember to…"
        r"|^(?:me )?ajud\w* (?:a |eu a )?(?:me )?lembrar\b|^help me (?:to )?remember\b"
        r"|^me cobr(?:a|e)\b"
        # what the asker has to do, then tagged to be reminded of: "sexta preciso ligar pra X,
        # me cobra", "tenho q passar na X, anota ai" (what was done, tagged, stays a log)
        r"|\bme cobr(?:a|e)(?: (?:ai|isso|pfv|pf|pls|por favor|depois|hein|ta|blz))?$"
        r"|\b(?:tenho (?:q|que|de)|preciso|vou ter (?:q|que)|need to|have to|gotta)(?: \w+){1,14}"
        r" (?:anota|anote|note|jot) (?:ai|isso|isto|pra mim|it|that|down)"
        r"(?: (?:pfv|pf|pls|por favor|please))?$"
        r"|^set (?:a |up a )?(?:task|reminder)\b|^(?:tarefa|task|todo|to do|lembrete|reminder)\b(?! (?:list|lista|for today|de hoje"
        r"|do dia|pra hoje|para hoje)\b)|\b(?:me lembr\w*(?! (?:por que|porque|pq|why)\b)|me avis\w* (?:\w+ ){0,3}(?:pra|para|de)|lembrete"
        # "remind me why I took this job": a sigh, not a reminder
        r"|remind me(?! (?:why|how come)\b)|(?:pls|please|por favor) remind$|remind (?:pls|please)$"
        r"|nudge me|reminder|set a reminder"
        r"|cria\w* (?:uma )?tarefa|nova tarefa|add (?:a )?task|create (?:a )?task|new task"
        r"|(?:a|uma) tarefa (?:pra|para|de)|task to|to do:|todo:|tarefa:"
        r"|nao (?:me )?deixa esquecer|don ?t let me forget|agenda (?:pra mim|para mim)"
        r"|(?:preciso|tenho que|need to|have to|gotta) (?:me )?(?:lembrar|remember)"
        r"|(?:put|add) (?:it |this |that )?(?:on|in|to) my (?:calendar|agenda|list)"
        # what is booked with the day between: "put a call with X on my calendar next thursday",
        # "marca pra mim segunda 14h call com a X"
        r"|\b(?:put|add|pop|stick|book|schedule)\b(?: [a-z0-9]+){1,6} (?:on|in|to|into) my"
        r" (?:calendar|cal|agenda|diary)\b"
        r"|^(?:marca|agenda|poe|coloca|bota|anota)\w* (?:pra|para|p) mim\b"
        # "remember me to…" is how a Portuguese speaker says "remind me"; "…, poe na agenda"
        # asks for what was just said to be booked, wherever it is said
        r"|remember me (?:to|of|about)"
        r"|(?:coloca|poe|bota|anota|marca|joga)\w* (?:isso |isto |ai |la |(?:pra|para) mim )?"
        r"(?:na|no) (?:minha |meu )?(?:agenda|calendario)"
        r"|^(?:anota|marca|coloca|poe|bota|agenda)\w* (?:para mim|na (?:minha )?agenda)"
        r" (?:de |para )?(?:\w+ar|\w+er|\w+ir|reuniao|visita|ligacao|call|meeting)\b)\b",
    ),
    (
        "away_end",
        r"\b(?:voltei (?:das ferias|da folga|de ferias|da licenca|ao trabalho|hoje)|^voltei"
        r"|estou de volta|to de volta|tou de volta|ja voltei"
        r"|(?:i m|im|i am) back(?! (?:on|next|in|by|after)\b)"
        r"|back (?:early |already )?(?:from|at work|to work|in the office)"
        r"|came back (?:early|already|from)|(?:cancel|end|cancela|encerra|termina)\w* (?:a |o |my "
        r"|minha |meu )?(?:ausencia|ferias|folga|time off|absence|vacation|leave|ooo|pto|holidays?)"
        r"|voltei (?:antes|mais cedo)"
        r"|acabaram? (?:as |minhas )?ferias|fim das (?:minhas )?ferias|cancela (?:a |minha )?"
        r"(?:ausencia|ferias)|end (?:my )?(?:absence|vacation|leave|ooo)"
        r"|nao (?:estou|to) mais (?:de ferias|ausente|fora))\b",
    ),
    (
        "list_cadences",
        r"\b(?:quais (?:sao )?(?:as )?CAD|que CAD|lista\w* (?:de |as |das )?"
        r"CAD|CAD (?:existem|disponiveis|tem|temos|que tem)|list (?:the |all )?"
        r"SEQ|which SEQ|what SEQ|SEQ (?:are there|do we have|available)"
        r"|(?:show|see) (?:me )?(?:the |all )?SEQ|minhas CAD|my SEQ"
        # the Portuguese of "show me the sequences": "me mostra as cadências", "ver as cadências"
        r"|(?:mostr\w*|ver|exib\w*) (?:me )?(?:todas )?(?:as |minhas )CAD"
        r"|tipos de cadencia"
        # the list said alone, singular or plural: "lista de cadencia", "cadence list"
        r"|^(?:a |the |ver |see )?(?:lista\w* (?:de |da |das )?(?:cadencia|sequencia)s?"
        r"|(?:cadence|sequence)s? list)$"
        # asked as what exists: "que fluxos de cadência existem", "tem cadência de X? quais tem
        # disponível", "what cadence flows exist", "any sequences? which ones are there"
        r"|(?:quais|que) fluxos|(?:cadence|sequence) flows|fluxos de (?:cadencia|sequencia)"
        r"|\b(?:cadencias?|sequencias?|cadences?|sequences?)\b.{0,60}?\b(?:quais|which(?: ones)?|what)\b"
        r"(?: \w+)? (?:existem|tem|temos|ha|disponive\w*|are there|exist|do we have|available))\b"
        r"|\b(?:cadencias?|sequencias?|cadences?|sequences?|flows?|fluxos?) (?:\w+ )?(?:existem|exist)\b".replace(
            "CAD", "(?:cadencias|sequencias)"
        ).replace("SEQ", "(?:cadences|sequences)"),
    ),
    (
        "list_accounts",
        r"\b(?:minhas contas|meus clientes?|minha carteira de clientes|minhas empresas"
        # one's book by its trade name (round 34: dev29, dev30): "me mostra minha carteira"
        r"|^(?:me )?(?:mostra\w*|ver|lista\w*|abre|exibe) (?:a )?minha carteira(?: ai| pf| pfv| por favor| please)?$|lista\w* (?:de |as |os "
        r"|minhas |meus |todas as |todos os )?(?:contas?|clientes?)|quais (?:sao )?(?:as |os )?"
        r"(?:minhas )?(?:contas|clientes) (?:eu tenho|que eu tenho|tenho)(?! (?:que|q|de|pra|para) )|my accounts"
        r"|list (?:my |all |the )?accounts|my clients"
        # ("quantos" reaches here spelled "quanto"; "qua(?:ntas)" keeps "quantas" out of the
        # words typos are corrected to, where it would take "quantos" from "quanto")
        r"|^(?:e )?(?:quanto|qua(?:ntas)) (?:contas|clientes|empresas) (?:eu |que eu |q eu )?(?:tenho|to cuidando)\b"
        r"|^(?:and )?how many (?:accounts|clients|customers|companies) (?:do i|i) (?:have|own)\b|my customers|accounts i (?:have|own)"
        r"|(?:which|what) (?:accounts|clients|customers) (?:do i|are mine|have i)|show (?:me )?(?:my |all )?accounts"
        # the accounts one is on: "which accounts am I on again", "quais contas eu to cuidando"
        r"|(?:which|what) (?:accounts|clients|customers) (?:am i|i m|im) (?:on|assigned|covering)"
        r"|quais (?:contas|clientes) (?:eu )?(?:to|tou|estou|fico) (?:com|cuidando|atendendo)"
        r"|(?:contas|clientes) (?:sao |que sao )?(?:minhas|meus)"
        r"|(?:empresas|contas|clientes|companies|accounts|clients|customers) (?:que |q |that )?"
        r"(?:i |eu )?(?:cuido|atendo|toco|gerencio|handle|manage|own)\b"
        r"(?! (?:de|da|do|com|with|at|in|on)\b)"
        # a colleague's accounts, asked for by a manager: "quais contas o Pedro tem?", "me mostra
        # as contas do Pedro", "what accounts does Pedro have", "show me Pedro's accounts"
        r"|(?:quais|que) (?:sao )?(?:as |os )?(?:contas|clientes) (?:que )?(?:o|a) (?!qqnome)[a-z]+"
        r" (?:tem|atende|toca)"
        r"|(?:mostra\w*|ver|lista\w*|quais sao) (?:as |os )?(?:contas|clientes) d[oa] (?!qqnome)[a-z]+$"
        r"|(?:which|what) (?:accounts|clients|customers) (?:does|do|did) (?!qqnome)[a-z]+ (?:have"
        r"|own|handle|manage)|show (?:me )?(?!qqnome)[a-z]+s accounts$)\b",
    ),
    (
        "unenroll",
        r"^(?:para|pausa) (?:a |o )?(?:cadencia|sequencia|fluxo)\b|\b(?:tira\w*|tirar|remove\w*|remova|retira\w*|sai\w*|parar|pare|pausa\w*|cancela\w*"
        r"|desinscrev\w*|unenroll\w*|unsubscribe\w*|unsub|opt out|pause\w*|segura\w*|congela\w*|take|stop|pull|end)\b.*\b(?:d[ao]s? |from |of |out of )?"
        r"(?:cadencias?|cadences?|sequencias?|sequences?|fluxos?|trilhas?|tracks?|CADENCE)\b",
    ),
    (
        "enroll",
        r"^(?:cadencia|sequencia|cadence|sequence|CADENCE)\b.*\b(?:para|for|na|no|em|in)"
        r" (?:a |o |the )?qqnome"
        # the account put into a cadence: "X into nurture", "quero a X na nutrição"
        r"|qqnome(?:(?: \w+)? (?:into|na|no|pra|pro|para)| to) (?:a |o |the )?(?:nurture|nurturing"
        r"|nutricao|onboarding|partner onboarding|parceiros|partners|exploratory|exploratoria"
        r"|outbound|conversion|conversao|cadencia|cadence|sequencia|sequence)\b"
        # thrown or sent into a flow: "joga eles no fluxo pós feira", "manda a X pra cadência de Y"
        r"|\b(?:joga|jogar|manda|mandar|envia|enviar|throw|drop|send)\b(?: [a-z]+){1,5} (?:no|na|pro|pra"
        r"|para o|para a|into|in|into the|in the|to the) (?:fluxo|cadencia|sequencia|trilha|sequence"
        r"|cadence)\b(?! (?:de caixa|de aprovacao|aprovacao|owner|chart|diagram))"
        r"|\b(?:inscrever|inscreve|inscreva|colocar|coloca|coloque|por|poe|botar|bota|enroll"
        r"|enrol|add|adicionar|adiciona|iniciar|inicia|start|put|comecar|comeca|mete|launch"
        r"|kick off|kickoff|kicks off)\b.*"
        r"\b(?:cadencias?|cadences?|sequencias?|sequences?|fluxos?|trilhas?|tracks?|CADENCE)\b",
    ),
    (
        "won_list",
        r"\b(?:what|which)(?: \w+)? (?:did|have|has) (?:i|we|(?:the|my|our) (?:team|reps))"
        r" (?:win|won|close|closed|sign"
        # a bare "que" asks only leading the message: mid-sentence it ties a clause ("ela disse
        # que a loja ta fechada", "falou que quer o projeto fechado"), a report, no question
        r"|signed)\b"
        # asked after another list, short: "e os ganhos?", "and the won ones?"
        r"|^(?:e|and|what about|how about) (?:os|as|the) (?:ganhos|ganhas|fechados|que (?:eu )?"
        r"ganhei|q (?:eu )?ganhei|won ones|won deals|ones (?:i|we) won)$"
        r"|(?:(?:^|\b(?:e|entao|ok|oi|ritmo|me diz|diz ai|sabe|saber) )que"
        r"|\b(?:quais|qual|o que|oq|o q|lista\w*|list|which|what|show|see|ver|mostra\w*))"
        r"\b.*\b(?:ganhei|ganhamos|ganho|ganha|ganhos|ganhas|won|fechei|fechamos|fechado"
        r"|fechada|fechados|fechadas"
        r"|vendi|vendemos|(?:o time|a equipe|o pessoal|a gente) (?:ganhou|fechou|vendeu))\b"
        r"(?!.*\b(?:meta|target|quota)\b)"
        r"|\b(?:negocios|deals|vendas|oportunidades) (?:ganh\w*|won|fechad\w*)\b|\bwon deals\b"
        r"|\b(?:negocios|deals|oportunidades|opps)(?: que| q| which| that)? (?:i|we|eu|a gente"
        r"|nos|the team|o time) (?:won|closed|signed|ganhei|ganhamos|fechei|fechamos|ganhou"
        r"|fechou)\b"
        r"|^(?:ganhos|vitorias|wins)\b(?: d[oea]s?| no| na| em| this| last| of)?\b"
        # the won stage named with a period and no account: "closed won last month",
        # "fechados ganhos no mês passado"
        r"|^(?:closed won|fechad[oa]s? ganh[oa]s?)(?: (?:deals|negocios))? (?:this|last|in|for"
        r"|during|since|no|na|em|do|da|nesse|nessa|neste|nesta|esse|essa|este|esta)\b"
        r"|\b(?:my|our|the team s|minhas|nossas|meus|nossos) (?:wins|vitorias|ganhos)\b"
        # the list named as such, or the wins owned after the noun (round 34: dev25, dev27):
        # "pull the won list for Q4", "lista de ganhos do trimestre", "ganhos meus em novembro"
        r"|\b(?:won|wins|closed won) (?:list|report)\b|\blista (?:de |dos |das )?(?:ganhos|vitorias"
        r"|fechados|ganhas)\b|^(?:ganhos|vitorias) (?:meus|nossos|do time|da equipe)\b",
    ),
    (
        "lost_list",
        r"\b(?:what|which)(?: \w+)? (?:did|have|has) (?:i|we|(?:the|my|our) (?:team|reps))"
        r" (?:lose|lost)\b|\bwhat did (?:i|we) lose\b|\bwhy did (?:i|we) lose\b|\blost deals\b"
        r"|\b(?:quais|qual|que|o que|oq|o q|lista\w*|list|which|what|show|see|ver|mostra\w*)"
        r"\b.*\b(?:perdi|perdemos|perdido|perdida|perdidos|perdidas|lost|(?:o time|a equipe|o pessoal"
        r"|a gente) (?:perdeu|perderam))\b"
        r"|\b(?:negocios|deals|oportunidades) (?:perdid\w*|lost)\b"
        # the deals named, then who lost them: "deals I lost in november", "deals we lost"
        r"|\b(?:negocios|deals|oportunidades|opps)(?: que| q| which| that)? (?:i|we|eu|a gente"
        r"|nos|the team|o time) (?:lost|perdi|perdemos|perdeu)\b"
        r"|^(?:perdas|perdidos|losses)\b(?: d[oea]s?| no| na| em| this| last| of)?\b"
        # asked after another list, short: "e os perdidos?", "and the lost ones?"
        r"|^(?:e|and|what about|how about) (?:os|as|the) (?:perdidos|perdidas|que (?:eu )?perdi"
        r"|q (?:eu )?perdi|lost ones|lost deals|ones (?:i|we) lost)$"
        r"|\b(?:my|our|the team s|minhas|nossas|meus|nossos) (?:losses|perdas|perdidos)\b"
        # the list named as such, the losses asked by their reason, what a seller lost (round
        # 34: dev27): "the lost list this quarter", "quais foram as perdas por preço", "o que o
        # Daniel perdeu esse mês"
        r"|\b(?:lost|losses) (?:list|report)\b|\blista (?:de |das |dos )?(?:perdas|perdidos)\b"
        r"|\b(?:quais|que|ver|mostra\w*|lista\w*|show|see)\b(?: \w+){0,3} (?:perdas|losses)"
        r" (?:por|de|due to|to|by|from)\b"
        r"|^(?:e )?(?:o que|oq|o q|que) (?:o|a) (?!qqnome)[a-z]+ (?:perdeu|perderam)\b",
    ),
    (
        # how much sits in a stage, asked before any stage word is read as a move: "total in
        # negotiation rn?", "how much is sitting in proposal", "valor total em negociação?"; what
        # is in commit is the forecast
        "pipeline",
        r"\b(?:total|valor total|soma|quanto|how much)(?: (?!qqnome)[a-z]+){0,3} (?:em|in|na|no|at)"
        r" (?:the )?(?!commit\b)STAGE(?: (?:stage|fase|etapa))?(?: (?:rn|now|agora|hoje|today|hj))?$",
    ),
    (
        # whether a target will be hit, and the commit of a month: what is forecast
        "forecast",
        r"\b(?:vamos|vai|vou|will (?:i|we)|are we going to|am i going to|gonna|are we gonna"
        r"|a gente vai|nos vamos) (?:\w+ )?(?:bater|hit|make|fazer|atingir|reach) (?:a |the |my |our "
        r"|minha |nossa )?(?:meta|number|numbers|target|quota|numero)\b"
        # what the team will bring in, in the trade's verb: "how much are we gonna land by eoy"
        r"|\b(?:how much|what) (?:are we|do we|will we|we) (?:gonna |going to )?(?:land|bring in)\b"
        # the same asked of the team, and the team's forecast by name (round 34: dev17, dev29):
        # "whats the team gonna land in dec", "team forecast this month vs target?"
        r"|\b(?:how much|what|whats|what s|what is) (?:is |will )?(?:the|my|our) team (?:gonna |going to"
        r" |will )?(?:land|bring in)\b|^(?:the |my |our )?(?:team|time|equipe) (?:forecast|previsao)\b"
        r"|\bcommit (?:de|do|da|pra|para|for|of) (?:the |this |next |esse |este |o |a )?(?:janeiro|fevereiro|marco|abril|maio|junho|julho"
        r"|agosto|setembro|outubro|novembro|dezembro|january|february|march|april|may|june|july"
        r"|august|september|october|november|december|mes|month|trimestre|quarter|q[1-4])\b",
    ),
    (
        # the team's numbers asked of everyone or of one rep by name: "how's everybody tracking
        # vs quota", "show me pedro's numbers" (one's own are "my numbers")
        "team",
        r"\b(?:how s|hows|how is|how are|is|are) (?:everyone|everybody|the reps|the team|my reps"
        r"|the guys|the folks)(?: (?:doing|tracking|pacing|trending))?"
        r" (?:vs|versus|against|to|toward|towards|on) (?:the |their )?(?:quota|target|number|plan)s?\b"
        r"|\b(?:show|pull up|pull|get|see|check|gimme|give me)(?: me)?"
        r" (?!(?:thi|hi|it|our|your|their|u)s\b)[a-z]{2,}s (?:numbers|nums|results|sales)\b"
        # who of the team has logged nothing (round 34: dev27): "quem ainda não registrou nada
        # essa semana?", "who hasn't logged anything this week"
        r"|^(?:e )?quem (?:ainda )?(?:nao|n) (?:registrou|lancou|logou|anotou|atualizou)\b"
        r"|^(?:and )?who (?:still )?(?:hasn t|hasnt|has not|didn t|didnt|did not|hasn) (?:logged|log"
        r"|updated|entered|recorded)\b",
    ),
    (
        "my_sales",
        r"\b(?:(?:quanto|qnt) (?:eu |que eu |q eu )?(?:ja )?(?:vendi|faturei|fechei|bati|vendemos|fechamos)"
        # the distance to one's number (round 34: dev30): "how close am i to my number"
        r"|how (?:far|close|near) (?:am i|are we|i am|we are)\b(?: \w+){0,3} (?:target|quota"
        r"|number|numbers|goal)\b"
        r"|quanto (?:o |a |meu |minha |nosso |nossa )?(?:time|equipe) (?:ja )?(?:vendeu|faturou"
        r"|fechou)|(?:o |a |meu |minha |nosso |nossa )?(?:time|equipe) (?:ja )?(?:vendeu|faturou"
        r"|fechou) quanto|how much (?:did|has) (?:the|my|our) team (?:sell|sold|close|closed|book)"
        r"|(?:vendi|vendemos|faturei|faturamos|fechei) quanto|batendo a meta"
        r"|how much (?:did|have) (?:i|we) (?:sell|sold|close|closed|book|booked)"
        r"|my sales|minhas vendas|(?:longe|perto|distante) da (?:minha )?meta"
        r"|falta\w* (?:quanto )?(?:pra|para) (?:a |minha |nossa )?(?:bater (?:a |minha |nossa )?)?meta"
        r"|bati a meta|(?:bateu|batemos) (?:a |nossa )?meta(?! d[eoa] (?!(?:janeiro|fevereiro|marco"
        r"|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|mes|semana|trimestre"
        r"|ano|vendas?)\b))"  # "bateu a meta de agua hoje?" is the body's
        # what we sold asked against the target (round 31: dev17, dev27, dev28): "quanto a
        # gente já vendeu contra a meta", "quanto a gente já fez de meta"
        r"|(?:quanto|qto|qnto|qnt) (?:a gente|o time|a equipe|nos) (?:ja )?(?:vendeu|vendemos"
        r"|fez|fizemos|faturou|faturamos|fechou|fechamos)\b(?=(?: \w+){0,6} meta\b)"
        r"|bater a meta|(?:from|to|toward|towards|of|off) (?:my |the )?(?:target|quota)"
        r"|hit (?:my |the )?(?:target|quota)|quota attainment|atingi(?:mento)?"
        r"|on track|vs (?:my |the )?(?:target|quota|number)|versus (?:target|meta)"
        r"|did (?:i|we) book|booked so far|so far this (?:month|quarter|year)"
        r"|how (?:am i|are we) doing|como (?:eu )?(?:estou|to|tou) (?:na|em relacao a)"
        r" meta|meu resultado|my numbers|(?:whats|what s|what is|how s|hows|how is) my number\b)\b",
    ),
    (
        "contact_lookup",
        # asked whether ritmo has it, by the person's possessive: "got victor's cell?"
        r"^(?:you |u )?got (?:qqnome (?:s )?|[a-z]+ s )(?:cell|cel|number|phone|email|e mail|contact)\b|"
        # a person's detail at a company, the book holding them or not: "marcelo's email at
        # rota sul", "email do marcelo da rota sul"
        r"^(?:whats |what s |what is )?(?!(?:this|his|its|hers|ours|yours|theirs|us|is|was|has) )[a-z]+(?: s|s) (?:email|e mail|phone|number|cell|mobile|whatsapp"
        r"|contact)(?: (?:number|address|info|details))? (?:at|from|over at|@) [a-z]|"
        # the channels that are also a thing done ("mandei email"): not a log of one
        r"^(?:o |a )?(?:email|e mail|whats|whatsapp|zap|contato) d[oa] [a-z]+ (?:d[aoe]s?|na|no) [a-z]|"
        r"\bcontact info\b|\b(?:email|e mail|phone|number|cell|telefone|celular"
        r"|contato) (?:for|of) qqnome|\b(?:qual|quais|me passa|passa|manda|me manda"
        r"|me (?:passar|mandar|enviar|envia|dar)|(?:can|could) you (?:send|share|give)"
        r"|me da|tem o|whats|what s|gimme"
        r"|what is|send me|give me|get me|need(?! to)|preciso d\w*|cade)\b.*(?<!new )(?<!novo )(?<!my )(?<!our )"
        # a device to buy, not a contact's (round 31: dev17): "qual o melhor celular pra comprar"
        r"(?<!melhor )(?<!best )(?<!good )(?<!bom )(?<!barato )(?<!cheap )"
        r"\b(?:telefone|tel|fone|celular|cel|numero|email|e mail|contato|phone|number|cell"
        r"|contact|whatsapp|o whats|zap)\b(?! (?:voltou|bounced))|^(?:o |a )?(?:telefone|tel|fone|celular"
        r"|cel|numero|email|e mail|whats|whatsapp|zap|contato|phone|number)\b"
        r"(?: d[aoe]s?)? (?:qqnome ?)+$|^qqnome(?: qqnome)* (?:phone|email|e mail|number"
        r"|cell|contact)(?: (?:number|address|info|details))?(?: (?:please|pls|por favor))?$"
        r"|\b(?:who s|whos|who is|quem e) (?:the |o |a |my |our |meu |minha |nosso |nossa )?(?:contact|contato"
        r"|person|pessoa)\b"
        # a person of the account by their role: "who's the guy at X", "quem é o cara da X"
        r"|\b(?:who s|whos|who is|quem e|quem eh) (?:the |o |a |my |meu |minha )?(?:guy|lady|man"
        r"|woman|cara|moca|rapaz|buyer|comprador\w*|owner|dono|dona|manager|gerente|decision maker"
        r"|decisor\w*|person in charge|responsavel)\b(?: (?:\w+ ){0,2}(?:at|in|from|of|for|na|no"
        r"|da|do|de) \w+)|^(?:the |os )?(?:contacts|contatos|people|pessoas|decisores"
        r"|decision makers) (?:at|in|from|d[aoe]s?|na|no) qqnome"
        r"|\bwho (?:do|should) (?:i|we) (?:talk|speak|reach out) to (?:at|in)\b"
        # which channel to use asked: "q email eu uso pra falar c o pessoal da X", "which email
        # should I use for X"; a person's own, said by name: "hugo tamms number?"
        r"|\b(?:que|qual|which|what) (?:email|e mail|telefone|numero|number|phone|whatsapp|zap"
        r"|contato|contact) (?:(?:eu|i|do i|should i|can i) )?(?:uso|usar|devo usar|use)\b"
        r"(?=.*\bqqnome\b)"  # someone of the book named: not "pra me inscrever no curso"
        r"|^qqnome(?: qqnome)*(?: s| [a-z]+s)? (?:phone|email|e mail|number|cell|contact|whatsapp"
        r"|zap|telefone|celular|numero)(?: (?:number|address|info|details))?$"
        r"|\bcom quem (?:eu )?(?:falo|devo falar|converso) (?:na|no|da|do)\b",
    ),
    (
        "cadence_action",
        r"\b(?:e ?mail|mail|email)\b.*\b(?:voltou|bateu e voltou|bounced|bounce"
        r"|retornou com erro|invalido|nao existe|nao chegou|deu erro|came back)\b"
        r"|\bbounced?\b|\b(?:marquei|agendei|booked|scheduled|set up) (?:a |uma |the )?"
        r"(?:reuniao|meeting|call|demo|conversa)\b"
        # a visit or a talk set with someone of the book: "marquei com a lucia da X dia 8",
        # "agendei visita na X dia 16", "booked a visit with X for next wed"
        r"|\b(?:marquei|agendei|marcamos|agendamos|booked|scheduled|set up) (?:a |uma |the )?"
        r"(?:(?:visita|visit|apresentacao|presentation|reuniao|meeting|call|demo) )?"
        r"(?:com|c|na|no|with|w|at) (?:o |a |the )?(?:[a-z]+ (?:d[aoe]|at|from) )?qqnome"
        # a meeting won from the client: "got a meeting w/ X on the 15th", "landed a demo"
        r"|\b(?:got|landed|scored|locked in|consegui) (?:a |an |uma |the )?(?:reuniao|meeting|demo)"
        r"\b(?! (?:today|yesterday|this morning|hoje|ontem)\b)|reuniao (?:marcada|agendada)"
        r"|meeting (?:booked|scheduled|set)",
    ),
    (
        "deal_update",
        r"\b(?:muda\w*|mudar|altera\w*|atualiza\w*|change\w*|update\w*|set|ajusta\w*"
        r"|corrig\w*|corrige|bump\w*|raise|lower|drop|aumenta\w*|baixa\w*|sobe) (?:a |o |the )?"
        r"(?:qqnome ?)+(?:(?:deal|negocio|opportunity"
        r"|oportunidade) )?(?:para|to|pra) (?:\d|(?:SAIDNUMBER)\b)"
        r"|\b(?:muda\w*|mudar|altera\w*|atualiza\w*|change\w*|update\w*|set|ajusta\w*"
        r"|corrig\w*|corrige|coloca|poe|bota|push\w*|move\w*|adia\w*|joga\w*|passa\w*"
        r"|empurra\w*|bump\w*|slip\w*|escorreg\w*|atrasa\w*|delay\w*|pos(?:terg)\w*|postpone\w*"
        r"|aumenta\w*|sobe|subir|baixa\w*|reduz\w*|diminui\w*"
        r"|increase\w*|raise|lower|reduce\w*)\b.*\b(?:valor|montante|amount|value|ticket"
        r"|data de fechamento|close date|closing date|fechamento previsto"
        r"|previsao de fechamento|data do fechamento|prazo|close|closing"
        # "joga a X pra fechamento" moves it to the stage Fechamento, not its close date
        r"|(?<!pra )(?<!para )(?<!pro )(?<!to )(?<!into )(?<!em )fechamento"
        # "muda a data da X pra 18": the date of a deal named, its close date
        r"|data(?= d[aoe] qqnome))\b"
        r"|^(?:\w+ ){0,3}?(?:a |o |the )?(?:data de )?fechamento d[aoe] (?:qqnome ?)+(?:(?:passou|mudou|foi|vai|fica"
        r"|ficou|muda|passa|caiu|escorregou) )?(?:pra|para|pro|em|to)\b"
        # the deal slipping to a day: its close date moved ("northwind slipping to jan 29 fyi",
        # "a X escorregou pra março"); slipping alone is a stalled deal
        r"|qqnome(?: (?:is|s|ta|esta|deal|negocio))? (?:slipping|slipped|slips|slid|sliding"
        r"|escorreg\w*) (?:out |back )?(?:to|till|until|into|pra|para|pro|ate) (?!(?:a |o |the )?STAGE)"
        # the deal's new number alone after its name, "now" last: "X: one forty thousand now",
        # "X - 120k now", "X: oitenta mil agora"
        r"|^(?:qqnome ?)+(?:(?:SAIDNUMBER|thousand|mil|grand|e|and|\d+(?:[.,]\d+)*k?)"
        r"(?: |-))+(?:now|agora)$"
        # the number said and mended in one breath after the name: "X is 130k... no wait
        # 125k", "X tá 30 mil, não pera, 35 mil" (the fix is its own "now")
        r"|^(?:qqnome ?)+(?:(?:deal|negocio) )?(?:(?:is|s|ta|e|esta|fica|at|em|now|agora) )?"
        r"(?:\d+(?:[.,]\d+)*k?|SAIDNUMBER)(?: (?:mil|thousand|grand|k))? (?:no wait|nao pera|ops|oops"
        r"|sorry|actually|i mean|digo|na verdade|quer dizer|err|ugh|correction|correcao)"
        r" (?:\d+(?:[.,]\d+)*k?|SAIDNUMBER)(?: (?:mil|thousand|grand|k))?$"
        # the deal's number said to be another now: "X's number is 65k now", "X amount should
        # be 48,500 not 45k", "o valor da X agora é 30 mil" (a phone number has no "now")
        r"|qqnome(?: s)? (?:(?:deal|negocio) )?(?:number|amount|value|valor|numero|ticket)(?: ?s)?"
        r"(?= (?:(?:is|e|ta|fica|now|agora|should be|deveria ser|tem que ser|actually) )*"
        r"(?:\d|(?:SAIDNUMBER)\b))(?=.*\b(?:now|agora|should|deveria|tem que|not|nao|instead"
        r"|actually)\b)"
        # the deal named, then its new number: "o negócio da X muda pra 90 mil", "the X deal
        # goes to 70k"
        r"|\b(?:negocio|oportunidade|proposta) d[aoe] (?:qqnome ?)+(?:muda|mudou|passa|passou"
        r"|vai|foi|sobe|subiu|cai|caiu|baixa|fica|ficou) (?:pra|para|pro) (?:\d|SAIDNUMBER\b)"
        r"|qqnome (?:deal |opp )?(?:goes|went|changed|moved) (?:up |down )?to (?:\d|SAIDNUMBER\b)"
        # the deal's close said first, then moved: "X close moved to the 15th", "X's closing
        # date slipped to feb"
        # (the verbs' forms written apart: a new word of five letters in a cue would join the
        # typo corrector's vocabulary, and "movies" would be read as "moves")
        r"|qqnome(?: s)? (?:close|closing)(?: date)? (?:mov(?:ed|es|ing)|slip(?:ped|s)|slid"
        r"|push(?:ed|es)|change[ds]|goes|went|is now|now)\b"
        r"|\b(?:valor|amount|value)\b"
        r"(?: d[aoe]s? \w+(?: \w+)?)? (?:agora e|agora|passou|mudou|subiu|caiu|is now"
        r"|went up|went down|changed)\b|(?<!com )(?<!with )(?<!a )\b(?:close date|data de fechamento)\b"
        r"(?! (?:em|in|pra|para|this|next|esse|essa|este|esta|nesse|nessa)\b)",
    ),
    (
        "create_deal",
        r"\b(?:(?:outro|outra|mais um|mais uma|segundo|segunda|terceiro|terceira|another"
        r"|second|third|one more|a second) (?:negocio|oportunidade|deal|opp|opportunity)"
        r"(?= (?:na|no|em|com|at|with|for|in|pra|para|pro)\b)"
        r"|novo negocio|nova oportunidade|novo deal|negocio novo|oportunidade nova"
        r"|nova negociacao|negociacao nova"
        r"|cria\w* (?:um |uma |o |a )?(?:negocio|oportunidade|deal|opp)|abr\w* (?:um |uma )?(?:negocio"
        r"|oportunidade|deal|opp)|new deal|new opp|new opportunity|create (?:a |an |the )?(?:deal"
        r"|opp|opportunity)|add (?:a |an )?(?:deal|opp|opportunity)|open (?:a |an |new )?"
        r"(?:\d\w* )?(?:deal|opp|opportunity))\b",
    ),
    (
        "create_contact",
        r"\b(?:novo contato(?! (?:sera|vai ser|e o|e a))|nova contato|cria\w* (?:um |o |a )?contato|adiciona\w* "
        r"(?:um |o |a )?contato|cadastra\w* (?:um |o |a )?contato|(?<!need a )(?<!needs a )new contact(?! (?:is|will|would))"
        r"|add (?:a |the )?contact|add (?:um |o |a )?contato|create (?:a )?contact|salva\w* (?:o |a )?contato"
        # the person said as what they become: "adiciona a Rita como contato da X", "add Dave
        # as a contact at X"; or the contact kept: "salva esse contato: …", "save this contact"
        r"|(?:como|as) (?:a |an |um |uma |o |novo |new )?(?:contato|contact)(?! (?:principal|de confianca))"
        r"|(?:save|salva\w*|guarda\w*|grava\w*) (?:this |the |that |esse |este |o |a |novo |new )?"
        r"(?:new |novo )?(?:contact|contato))\b",
    ),
    (
        "create_account",
        r"^(?:(?:please|por favor|quero|queria|eu|i|want to|wanna|can you|could you|pode|preciso"
        r"|i d like to|i would like to) )*"
        r"(?:cria\w*|criar|cadastra\w*|adiciona\w*|nova|novo|create|add|new)\b.*"
        r"\b(?:conta|cliente|empresa|account|company|client|customer)\b"
        # opened, said with an indefinite: "abre uma conta nova X", "open a new account for X"
        r"|\b(?:abre|abrir|abra|open) (?:uma (?:nova )?conta|(?:uma )?conta nova|an? (?:new )?account)\b"
        r"|\b(?:nova conta|novo cliente|new account|new client|new customer"
        r"|create (?:an |the )?account|add (?:an |the )?account"
        # the company said before, made an account by a pronoun: "…, add them as an account",
        # "…, cadastra eles como cliente"
        r"|(?:add|create|save|set up) (?:them|it|this one|that one|the company) as (?:an? )?(?:new )?"
        r"(?:account|client|customer)|set (?:them|it) up as (?:an? )?(?:new )?(?:account|client|customer)"
        r"|(?:cadastra|adiciona|cria|salva|bota|coloca)\w*"
        r" (?:eles|ela|ele|essa|esse|a empresa) como (?:uma |nova |novo )?(?:conta|cliente|empresa)"
        # a Portuguese speaker's "registrar" said in English: "register the company X"
        r"|^register (?:a |the |an |new |a new )?(?:company|account|client|customer))\b",
    ),
    (
        "forecast",
        r"\b(?:quanto|how much|total)\b.*\b(?:em|in|no|on|de|of)\s+commit\b"
        # what sits in commit, asked: "what's in commit rn", "o que tem em commit"
        r"|\b(?:whats|what s|what is|o que (?:tem|ta|esta)|oq (?:tem|ta))(?: (?:sitting|left|ainda))?"
        r" (?:in|em|no|na) commit\b"
        r"|\bforecast\b|\bteam commit\b|\bcommit d[oa] (?:time|equipe|team)\b"
        r"|\b(?:my|meu|our|nosso|the team s|o) commit\b(?! (?:to|com|de|the|a|o)\b)"
        r"|\bcommit (?:total|number)|\b(?:quanto|how much)\b.*\b(?:fechar|fecho|close"
        r"|committing|bater)\b|will (?:i|we) hit"
        r"|quanto (?:eu |a gente |nos )?(?:vou fechar|vamos fechar|vai fechar|fecha|fecho"
        r"|fechamos)\b|how much (?:will|are) "
        r"(?:i|we) (?:going to )?clos",
    ),
    (
        "stage_change",
        # "brightline's at commit now": the 's of "is" gone with the name
        r"qqnome (?:at|in) (?:the )?STAGE (?:now|already)\b|"
        # what the deal now is, said with no verb of moving: "a X agora é proposta"
        r"qqnome(?: (?:deal|negocio))? (?:agora|now) (?:ja |already )?(?:e|is) (?:a |o |the )?STAGE"
        r"(?! (?:d[aoe]|of|for)\b)|"
        r"qqnome(?: (?:deal|negocio))? (?:ja |already |now |agora )?(?:is|ta|esta|ficou|virou|became|got)"
        r" (?:now |agora |ja |officially )?(?:a |o |in |at |em |na |no )?(?:the )?"
        r"(?:(?:mesa|fase|etapa) (?:de )?)?STAGE"
        r"(?! (?:d[aoe]|of|for)\b)|^(?:qqnome ?)+(?:para |to |em |into )?STAGE\b|qqnome\b(?:(?! e | and ).)*\b(?:para|p|em|to|into|vai para|volta para"
        r"|voltou para|foi para|agora|now|is in|esta em|ta em)\s+(?:a |o |the )?STAGE"
        r"(?! (?:d[aoe]|of|for)\b)",
    ),
    (
        "cadence_action",
        r"\bpasso (?:feito|concluido|pulado)\b|\bstep (?:done|completed|skipped)\b"
        r"|\bqqnome (?:ja )?(?:ta|esta|foi) feit[oa]\b",
    ),
    (
        # the digest named is asked for, whatever else is said: "can I get the manager digest
        # again? lost it" (what was lost is the message, no deal)
        "digest",
        r"\b(?:manager(?: s|s)?|team|daily|weekly|the|my|o|meu) digest\b"
        # what it is, the report each morning: "cadê o relatório da manhã", "my morning report"
        # the manager's or the week's, in its kind (round 31: dev17, dev27): "quero o resumo
        # gerencial da semana", "resumo completo pfv", "weekly recap"
        r"|\b(?:relatorio|resumo) (?:da manha|diario|matinal|gerencial|semanal|completo)\b"
        r"|\b(?:morning|daily|weekly|manager s|managers) (?:report|summary|recap)\b",
    ),
    (
        "won",
        r"\b(?:ganhamos|ganhei|ganho|won|fechamos(?! (?:os |o |a |as )?(?:detalhes|detalhe|horario"
        r"|data|agenda|escopo|reuniao|visita|proposta))|fechei(?! (?:os |o |a |as )?(?:detalhes"
        r"|horario|data|agenda|reuniao|visita))|fechado o contrato|contrato (?:fechado|assinado)"
        # the signed order back, "we" said "a gente", a cheer of the account closed: "mandou o
        # pedido assinado", "a gente ganhou a X", "aceitou!! fechado X"
        r"|(?:pedido|ordem de compra|po) assinad[oa]|"
        # the purchase order in: "PO received", "got the PO from X", "recebemos o PO da X"
        r"\b(?:got|received|recebemos|recebi) (?:the |a |an |o |a )?(?:signed |assinad[oa] )?"
        r"(?:po|purchase order|ordem de compra)\b|\b(?:po|purchase order|ordem de compra)"
        r" (?:came in|received|arrived|is in|recebid[oa]|chegou)\b|(?:a gente|agente) (?:ganhou|fechou|vendeu)"
        r"|\bfechad[oa] (?:a |o )?qqnome"
        r"|qqnome (?:fechou|fechamos)(?! (?:com|c|para|pra|em|o|a|os|as|no|na|ate)\b)"
        # the account closed on what it buys ("a X fechou as catracas"): not a date, a
        # meeting, its doors or its books
        r"|qqnome(?: qqnome)* (?:fechou|fecharam) (?:o|a|os|as) (?!(?:data|datas|horario|agenda"
        r"|reuniao|visita|escopo|detalhes?|pauta|proposta|loja|lojas|porta|portas|unidade|filial"
        r"|escritorio|mes|ano|semestre|trimestre|caixa|balanco|expediente|acesso|obra|obras"
        r"|agencia|fabrica|conta|contas|semana|dia|cadastro|empresa|matriz)\b)[a-z]{4,}\b"
        r"|closed (?:the )?qqnome|closed won|(?:assinaram|assinou|signed)(?! (?:o |a |the |an? )?(?:nda|termo|confidential\w*"
        r"|acordo de confidencialidade))"
        r"|negocio fechado|venda fechada|vendemos|vendi|fechou com (?:a gente|nois|nos|agente|comigo)"
        # the account's contract signed, said after its name: "contrato da X assinado", "X
        # contract signed"
        r"|contrato d[aoe] qqnome(?: qqnome)* (?:(?:ta|esta|foi) )?assinado"
        r"|qqnome(?: qqnome)* (?:contract|deal) (?:is |was |got )?signed"
        r"|fechou o (?:contrato|negocio|pedido|deal)|bateu o martelo|deu certo"
        r"|(?:negocio|contrato|venda|deal) (?:ta|esta) feito|closed the deal|closed it"
        r"|it s a yes|we got it|qqnome(?: qqnome)* (?:said|says) yes(?! (?:to|for|on)\b)"
        # the client got, or its order in: "we got X!", "pegamos a X", "sent the PO", "o pedido
        # de compra chegou" (not "got X on the phone", "got X's reply")
        r"|(?:^|\bwe |\bi |\bnos )got qqnome(?: qqnome)*(?! (?:on|back|to|at|s|a|an|the|in|from"
        r"|into|some|an?)\b)|\bpegamos (?:a |o )?qqnome"
        r"|\b(?:sent|signed|issued|mandou|mandaram|enviou|enviaram|assinou|assinaram) (?:the |o |a |"
        r"their |our )?(?:po|purchase order|pedido de compra|ordem de compra)\b(?! (?:draft|template)\b)"
        r"|\b(?:po|purchase order|pedido de compra|ordem de compra)"
        r" (?:came in|arrived|is in|landed|chegou)\b"
        r"|qqnome(?: qqnome)* (?:disse|disseram|falou|falaram) (?:que )?sim\b"
        r"(?! (?:pra|para|a|ao|à|sobre|com)\b)"
        r"|(?:fechou|fechei|fechamos|vendi|vendemos) (?:a |o )?qqnome(?: qqnome)*"
        r"(?! (?:para|ate|em|no|na|de|com)\b)"
        r"|qqnome(?: qqnome)* (?:(?:ta|esta|foi) )?(?:fechad[ao]|ganh[ao])"
        r"(?! (?:para|ate|hoje|amanha|no|na|em|de|com)\b)"
        r"|qqnome(?: qqnome)* (?:is|s|was) (?:a )?(?:win|won|closed won)\b"
        # the account said to be ours, and nothing after saying ours as what: "X is ours!",
        # "a X é nossa" (not "a X é nossa cliente", "X is our client")
        r"|qqnome(?: qqnome)* (?:is|s|e|ta|esta) (?:all )?(?:ours|nossa|nosso)\b(?! (?:cliente|client"
        r"|customer|conta|account|parceir\w*|partner|fornecedor\w*|vendor|time|team|desde|since"
        r"|ha|for)\b)"
        # the thing sold, for its price: "fornos e balcões vendido por 17 mil", "sold for 25k" (spelt
        # in parts: whole, "vendidas" would become a word the typo pass mends "vencidas" into)
        r"|\b(?:vend(?:ido|ida|idos|idas)|sold) (?:por|for) (?:\d+\w*|(?:SAIDNUMBER)\b)"
        # the account marked as won, whoever else is named between: "marca a X da Carla como
        # ganha", "coloca a X como vendida", "set X as won"
        r"|\b(?:marca\w*|mark|set|coloca\w*|poe|bota)(?= (?:[a-z]+ ){0,4}qqnome)(?: [a-z]+){1,8}"
        r" (?:como|as) (?:ganho|ganha|ganhos|ganhas|won|closed won|a win)\b(?! (?:para|pra|to|on)\b))\b",
    ),
    (
        "lost",
        # closed as lost after its news: "pushed it all to 2028, close it as lost"
        r"\b(?:close|mark|set|marca|coloca|fecha|poe|bota)\w*(?: (?:it|this|that|ela|ele|isso|o negocio"
        r"|the deal|a|o))? (?:as|como) (?:lost|closed lost|perdid[oa])\b|"
        r"\b(?:perdemos|(?:a gente|agente) perdeu|perdi|perdido|(?<!ligacao )(?<!chamada )perdida"
        r"|lost|closed lost|desistiram|desistiu"
        r"|recusaram|recusou|declined|rejected|cancelaram|foi (?:pro|para o) concorrente"
        r"|foram (?:pro|para o) concorrente|foram pro"
        r" concorrente|fechou com (?:o )?(?:concorrente|outro|outra)|escolheu (?:o )?"
        r"(?:concorrente|outro|outra)|picked (?:another|a different|the other)"
        # someone else chosen in our place: "picked shopify instead", "went with X instead",
        # "fecharam o delivery c outra empresa"
        r"|(?:picked|chose|went with|signed with|going with) (?:\w+ ){1,3}instead\b"
        r"|(?:fechou|fecharam) (?:\w+ ){1,3}(?:com|c) (?:outra empresa|outro fornecedor|outra marca)"
        r"|(?:qqnome|negocio|deal|venda|pedido|contrato|proposta) foi (?:(?:pro|para o) saco|(?:pras|para as)"
        r" cucuias|por agua abaixo)|deals? (?:is |s )?dead"
        # the competition named as a whole: "fechou com a concorrência", "foi pra concorrência"
        r"|(?:fechou|fecharam|foi|foram|ficou|ficaram) (?:com|para|pra) (?:a )?concorrencia|went with"
        r" (?:another|a competitor|the competition|someone else)|chose (?:another|a competitor)"
        r"|not moving forward|no deal|passed on|disse(?:ram)? nao|said no|nao vai rolar"
        r"|nao rolou|dead deal|deal is dead|morreu"
        # out of the deal in an idiom: "X pulled out", "Y backed out last minute"
        r"|qqnome(?: qqnome)* (?:[a-z]+ )?(?:pulled|pulls|backed|backs|bailed) out\b"
        # no more, said of the deal: "X não vai mais rolar", "não rola mais", "is not going to
        # happen anymore" (a meeting with someone that is off is no deal's end: the name leads)
        r"|(?<!with )(?<!com )(?<!com a )(?<!com o )(?<!w )qqnome(?: qqnome)*,? (?:(?:nao|n) "
        r"(?:vai mais rolar|rola mais"
        r"|vai rolar mais|vai mais sair|vai mais acontecer)|(?:(?:is|s) )?(?:not|never|no longer)"
        r" (?:going to|gonna) happen|(?:won t|wont|will not) happen)"
        r"|nao (?:vai|vao|quer|querem) mais (?:comprar|fechar|seguir|continuar|contratar)"
        r"|qqnome(?: qqnome)* (?:caiu|melou|micou|dancou|ja era)(?! (?:para|de|em|to|na|no|a|o|d[aoe]s?)\b)"
        r"|deu ruim (?:na|no|com|c) qqnome|qqnome deu ruim"
        r"|qqnome(?: qqnome)* (?:is|s) (?:a )?no go|no go (?:for|on|with|pra|com) qqnome"
        r"|qqnome(?: qqnome)* (?:is|s) a (?:hard |firm |clear )?no\b"
        r"|killed (?:the |our |this |that )?(?:project|deal|initiative|opportunity|purchase)"
        r"|(?:qqnome|deal|it) (?:is|s) (?:dead|off)|qqnome dead|pulled the plug"
        # the seller out of the race, at the message's end: "said too expensive, we're out"
        r"|(?:we re|we are|were|were all) out(?: of (?:it|the running|the race|the deal))?"
        r"(?: for good)?$"
        # "pinnacle's gone", "coastal is out, no budget": not "gone quiet", not "out till monday"
        r"|qqnome(?: qqnome)* (?:(?:is|s) )?(?:gone|out)\b(?! (?:of|until|till|today|tomorrow|this|next"
        # a person away, in shorthand too: "X is out til jan", "out thru xmas", "out rest of wk"
        r"|til|thru|through|rest|all|since|back|w|with"
        r"|on|for|at|to|sick|ill|cold|quiet|dark|silent|da|do|de)\b))\b",
    ),
    (
        "enroll",
        r"\b(?:inscrever|inscreve|inscreva|colocar|coloca|coloque|por|poe|botar|bota|enroll"
        r"|inclui|incluir|inclua|include"
        r"|enrol|add|adicionar|adiciona|iniciar|start|put|launch|kick off|kickoff)\b.*\b(?:cadencia|cadence"
        r"|sequencia|sequence|fluxo|trilha|track|CADENCE)\b",
    ),
    (
        "stage_change",
        r"\b(?:mover|mova|move|moved|mudar|muda|mudou|passar|passa|passou|avancar"
        r"|avanca|avancou|advance|advanced|change|changed|levar|colocar|coloca|set"
        r"|etapa|stage|fase|foi para|went to|esta em|is in|agora em"
        r"|now in|now at|is at|put|bota|poe|coloque)\b.*STAGE"
        # the stage reached said first, the move asked after: "qualifiquei a X, pode mover de
        # etapa", "qualified X, move it forward"
        r"|STAGE\b.*\b(?:mover|mova|move|muda|mudar|avanca|avancar|advance|atualiza|update)"
        r"(?: (?:it|ela|ele|a|o|de|the))? (?:etapa|stage|fase|forward|adiante|pra frente|up|along|ahead)\b",
    ),
    (
        "cadence_action",
        r"\b(?:passo|step|cadencia)\b.*\b(?:ja fiz|ja foi|feito|feita|done"
        r"|concluid[oa])\b|\b(?:deixa|deixe|deixar) (?:pra|para) \w+\b.*\b(?:passo|step)\b"
        r"|\b(?:passo|step)\b.*\b(?:deixa|deixe|deixar) (?:pra|para)\b"
        r"|\b(?:deixa|deixe|deixar) (?:o |a |the )?(?:passo|step)\b"
        r"|\b(?:feito|fiz|done|completed|conclui\w*|terminei|finished|pulei|pula\w*"
        # "next step"/"próximo passo" is what comes next, never the step that was done
        r"|skip\w*|adia\w*|snooze\w*)\b.*(?<!next )(?<!nxt )(?<!proximo )\b(?:passo|step"
        r"|etapa da cadencia|touch"
        r"|(?:ligacao|email|visita|mensagem|call) da cadencia)\b"
        r"|\bmarca\w* (?:como )?(?:feito|concluido|done)\b|\bmark (?:it |this |that )?"
        r"(?:as )?(?:done|complete)\b|\b(?:adia\w*|joga\w*|empurra\w*|reagenda\w*"
        r"|remarca\w*|postpone\w*|reschedule\w*|snooze\w*|push\w*|move\w*)\b"
        r"(?:(?! e | and ).)*\b(?:pra|para|to|until|ate) (?:a |o |the |next |proxima |dia )?"
        r"(?:segunda|terca|quarta|quinta|sexta|sabado|domingo|amanha|monday|tuesday"
        r"|wednesday|thursday|friday|saturday|sunday|tomorrow|semana|week|seg|ter|qua"
        r"|qui|sex|mon|tue|wed|thu|fri|\d)"
        r"|\b(?:adia\w*|joga\w*|empurra\w*|reagenda\w*|remarca\w*|postpone\w*"
        r"|reschedule\w*|snooze\w*|push\w*|bump\w*)\b(?:(?! e | and ).)*\b(?:passo|step)\b"
        r"(?:(?! e | and ).)*\b(?:\d{1,2}|um|uma|a|one|two|dois|duas|tres|three)"
        r" (?:dias?|days?|semanas?|weeks?)\b"
        r"|^(?:feito|done|pronto|concluido|completed|complete|finished|ok feito"
        r"|pular|pula|skip|adiar|adia|snooze"
        r"|respondeu|responderam|replied|answered)\b"
        r"|(?<!nao )(?<!not )(?<!never )(?<!i )\b(?:respondeu|responderam|replied|answered"
        r"|me lembra depois|remind me later)\b",
    ),
    (
        "away",
        r"\b(?:ferias|vacation|holiday|holidays|ausente|fora do escritorio|out of office|ooo"
        r"|folga|day off|days off|licenca|on leave|away|pto|vou estar fora|estarei fora|vou ficar fora"
        r"|ill be (?:out|off|away)|i will be (?:out|off|away)|to fora|tou fora|estou fora|fico fora(?! d[ao]s? (?!dia\b))"
        r"|nao vou (?:estar|trabalhar)|i ll be out|i m out|im out|i will be out|i ll be off"
        r"|out sick|atestado|afastad\w*"
        # the asker sick: "I'm sick today, no visits", "to gripado, nao saio hj"
        r"|(?:i m|im|i am|to|tou|estou|fiquei) (?:sick|ill|doente|gripad\w*|resfriad\w*)(?! of\b)"
        r"|taking (?:the day|a day|\w+day) off|off (?:on|next"
        r"|tomorrow)|viajando|viagem de ferias|recesso|nao (?:venho|vou vir|trabalho)"
        r"|taking (?:\w+ ){1,3}off|tirar (?:o dia|folga|uns dias)"
        r"|(?:i m|im|i am) off(?! to\b)|^(?:out|off|ooo) (?:tomorrow|tmrw|today|on|next|this|all|from)"
        r"|nao vou trabalhar|(?:vou ficar|vou estar|estarei|to|tou|estou|fico|ficarei|vou ta|vou tar) off"
        # away at a course or a fair: "to num curso em campinas", "out for a conference"
        r"|vou (?:ta|tar) fora"
        # the asker on a trip or "all out": "estarei em viagem de 14 a 18", "semana q vem toda
        # fora", "I'm travelling from the 14th"
        # (with its days said: "estou em viagem com a família e o carro quebrou" is a story)
        r"|(?:(?:vou estar|vou ta|vou tar|estarei|to|tou|estou|fico|vou ficar) (?:tod[oa] fora"
        r"|em viage[mn]|em viajem)|(?:i ll be|ill be|i will be|i m|im|i am) (?:\w+ )?travell?ing)"
        rf"{TRIP_DAYS_AFTER}|(?:semana|week)(?: \w+){{0,3}} tod[oa] fora"
        rf"|(?:{AWAY_WHO}|out|off|away) (?:{AWAY_AT}) (?:a |an |the )?(?:{AWAY_AT_EVENT})"
        r"|^(?:out|off|ooo) (?:mon|tue|tues|wed|thu|thur|thurs|fri|monday|tuesday|wednesday"
        r"|thursday|friday)\w*)\b",
    ),
    (
        "digest",
        r"\b(?:digest|digesto|briefing|resumo (?:do|da) (?:time|dia|gerente|equipe)"
        r"|relatorio (?:diario|do dia|de hoje)|daily report"
        r"|(?:team|daily|manager s?|weekly) (?:summary|recap|digest)|summary (?:of|for) the team"
        r"|resumo (?:semanal|da semana|diario)|(?:daily|weekly) team (?:summary|recap|report)"
        r"|^(?:me )?(?:manda|mande|envia|send|give|show)(?: me)? (?:o |a |the |my |meu )?"
        r"(?:full |whole |complete |completo )?(?:today s |todays |daily |weekly )?"
        r"(?:resumo|summary|recap|digest)(?: (?:de hoje|do dia"
        r"|for today|of today|of the day))?$|resumo de hoje|today s (?:summary|recap)"
        r"|todays (?:summary|recap))\b",
    ),
    (
        # who has not done their steps: late steps, not the team's activity
        "overdue",
        r"\b(?:quem|who|alguem|anyone|anybody|someone) (?:\w+ )?(?:nao|n|didnt|didn t|hasnt|hasn t"
        r"|havent|haven t|did not|has not|have not) (?:\w+ )?(?:fez|fizeram|feito|do|done|did"
        r"|finish\w*|complet\w*|conclui\w*|termin\w*) (?:\w+ ){0,2}(?:passos|steps|tarefas|tasks"
        r"|touches|cadencias?|cadences?)\b"
        r"|\b(?:alguem|anyone|anybody|someone|quem) (?:\w+ )?(?:atrasad\w*|late|behind|overdue)\b",
    ),
    (
        # who of the team is doing nothing: the team's view, before the words for idle deals
        "team",
        r"\b(?:quem (?:nao|n) (?:registrou|logou|lancou|fez|ligou|visitou|anotou)"
        r"|who (?:hasn t|hasnt|has not|didn t|didnt|did not) (?:log|logged|call|called|visit"
        r"|visited|do|done|touch|touched|make|made)|(?:reps|vendedores|pessoal|people) (?:\w+ )?(?:sem atividade|parados"
        r"|inativos|idle|inactive))\b",
    ),
    (
        "overdue",
        # "behind the mess", "behind this idea": who did it, not who is late
        r"\b(?:atrasad\w*|atrasos?|overdue|behind(?! (?:the|it|all of)\b)|late|vencid\w*|em atraso"
        r"|deixei (?:passar|pra tras|para tras|atrasar)|passou do prazo|passaram do prazo"
        r"|drop(?:ped)? the ball|fell through the cracks|let (?:slip|lapse)"
        # the steps let slide, in the trade's words: "who's slacking on follow ups", "anyone
        # dropping follow ups", "quem tá enrolando nos follow ups"
        r"|(?:slacking|slacked|dropping|skipping|enrolando|vacilando) (?:on |off |with |nos |com os "
        r"|com )?(?:their |the |his |her |os |seus )?(?:follow ?ups?|followups?|steps|touches|passos)"
        r"|(?:to|tou|estou|ta|esta|tao|estao|quem (?:\w+ ){0,2}(?:ta|esta)) devendo)\b",
    ),
    (
        "stalled",
        r"\b(?:havent (?:i )?(?:touched|talked|called)|gone quiet|went quiet|quiet accounts"
        r"|(?:gone|going|went|getting|turned) cold|cooling off|cooled off|esfriando|esfriou"
        r"|at risk|em risco|slipping|escorregando"
        r"|esfriaram|esfriados?|esfriadas?"
        # let go cold by the asker: "que contas eu to deixando esfriar", "which accounts am i
        # letting go cold", "what deals did i let slide"
        r"|(?:deixando|deixei|deixar|deixo) (?:\w+ )?esfriar|go cold"
        r"|(?:let|letting|lets) (?:\w+ )?(?:slide|slip|go cold)"
        r"|nao (?:falo|ligo|visito|toco|converso|contato) (?:com|ha|faz)|haven t (?:talked|spoken"
        r"|called|touched)|not (?:talked|contacted|touched)|parad\w*|stalled|stuck|stale|estagnad\w*"
        r"|sem (?:movimento|interacao|contato|mexer|tocar|mexida|movimentacao"
        r"|atividade|toque|andamento)|(?:no|without|zero) (?:movement|movimento|progress|activity)"
        r"|idle|esquecid\w*|travad\w*|encalhad\w*|no activity|untouched"
        # the trade's words for silence: "deals that went dark", "who's ghosting us", "sitting
        # w/o movement", "sitting there for weeks", "negócios que sumiram"
        r"|(?:gone|went|going|goes|gotten) dark|ghosting|(?:been )?sitting (?:(?:w o|with o|without|with no)(?: any)?"
        r"|there|around)|sumiram|sumid[oa]s"
        # left alone, said as neglect: "conta que eu esqueci de mexer", "anything rotting in the
        # pipe", "deals gathering dust", "largada", "abandonada", "dormant"
        r"|esqueci de (?:mexer|tocar|ligar|olhar|falar|dar atencao)|rotting|rotten|mofando|mofad\w*"
        r"|(?:gathering|collecting|pegando) (?:dust|poeira)|abandonad\w*|largad\w*|neglected"
        r"|forgotten|dormant|forgot (?:about|to touch)"
        # deals asleep: "which deals are sleeping", "negócios dormindo"
        r"|(?:deals?|negocios?|contas?|accounts?|opps?|oportunidades?)(?: [a-z]+){0,2} (?:sleeping"
        r"|asleep|dormindo|adormecid\w*)|(?:sleeping|sleepy) (?:deals|accounts|opps)"
        r"|(?:havent|haven t|have not|not) (?:moved|budged|progressed)|nao (?:andou|andaram"
        r"|avancou|avancaram|se mexeu|mexeu))\b",
    ),
    (
        # an amount still to close, guessed: "how much do you think closes", "quanto acha q
        # fecha esse mês" (the deals that close are "closing": this asks how much)
        "forecast",
        r"\b(?:how much|quanto|qto)(?: (?!i\b|eu\b)\w+){0,4} (?:closes|close|fecha|fecham|fechar)"
        r" (?:this|next|esse|essa|este|esta|nesse|nessa|in|by|ate)\b",
    ),
    (
        "closing",
        r"\b(?:fecham|fechando|fechar|fecha|closing|close|closes|vao fechar|vencem"
        r"|(?:com|with) (?:data de fechamento|fechamento|close date|closing date|a close date)"
        r" (?:em|in|para|pra|this|next|ate|esse|essa|este|esta|nesse|nessa|for|by)"
        r"|fechamento previsto|previstos? para fechar"
        # what lands, in the trade's verb: "what's landing next week", "any deals landing
        # before xmas" (a flight landing names no deal: the question or the deals lead)
        r"|(?:what s|whats|what is|what|anything|any deals?|which deals?|what deals?)"
        r"(?: (?:is|are|s|been))?(?: (?:gonna|going to|set to|likely to))? (?:landing|land)\b"
        r"(?! (?:at|in the|on the|from)\b))\b",
    ),
    (
        "forecast",
        r"\b(?:forecast(?:ing|ed)?|previsao|previsto|projecao|projection|committed|best case"
        r"|melhor caso|meta|quota|target|upside"
        # money still to come in: "quanto vai entrar até o fim do ano?", "how much is coming in"
        # (not one's own pay: "quanto vai cair de salário", "qto entra na minha conta")
        r"|(?:quanto|qto) (?:(?:ainda|mais) )?(?:vai|deve|devo|vamos|tem pra) (?:entrar|cair)"
        r"(?! (?:de|do|da|na|no|em|pra mim)\b)|how much (?:more )?(?:is |will |s )?(?:come"
        r"|coming|gonna come) in(?! (?:my|of|on my|from my)\b))\b",
    ),
    (
        "pipeline",
        r"\b(?:pipeline|pipelines|pipe|funil|funnel|carteira|meus negocios|my deals"
        r"|em aberto|in the open|open deals|(?:quanto|how much) (?:(?:o |a |the |my |our |meu |nosso "
        r"|minha |nossa )?(?:time|equipe|team) |eu )?(?:ja )?(?:tenho|temos|tem|have|has)"
        r"|how much (?:do )?(?:i|we) have"
        r"|minhas oportunidades|oportunidades|opportunities|deals|negocios)\b",
    ),
    (
        "team",
        r"\b(?:(?:o|meu|nosso|do|da|my|our|the) (?:time|equipe|team)|equipe|team|squad"
        r"|como (?:o pessoal|a galera|a turma|todo mundo|os vendedores) (?:ta|esta|vai|anda)"
        # the verb first, the people after, and who leads them: "como tá a galera esse mês",
        # "qm tá performando melhor no time", "quem tá mandando melhor na equipe"
        r"|como (?:ta|esta|vai|anda|tao|estao|vao|andam) (?:o pessoal|a galera|a turma"
        r"|todo mundo|os vendedores|a equipe|o time)"
        r"|\b(?:quem|qm) (?:ta|esta) (?:\w+ndo) (?:melhor|mais|pior|menos|bem)\b"
        r"|\b(?:who s|whos|who is) (?:\w+ing) (?:the )?(?:most|best|worst|least)\b"
        r"|quem (?:mais )?(?:vendeu|fechou|faturou|bateu a meta)(?: mais)?\b(?! (?:o|a) qqnome)"
        r"|who (?:sold|closed|booked|won) (?:the )?most|top (?:seller|sellers|rep|reps)"
        r"|ranking (?:de|do|da|of)? ?(?:vendas|vendedores|time|equipe|sales|reps)?"
        r"|(?:how s|hows|how is|how are) (?:everyone|everybody|the guys|the reps|my reps|the folks)"
        r"|vendedores|reps"
        # an overview of the people: "visao geral do pessoal", "overview of the crew"
        r"|(?:visao geral|panorama|resumo|overview|rundown|snapshot) (?:do|da|of|on)(?: the| my)?"
        r" (?:pessoal|galera|turma|crew|folks|guys|gang))\b",
    ),
    (
        "status",
        # how it stands, asked at the end: "o da irrigação tá como?", "a X anda como"
        r"(?<=qqnome )(?:[a-z]+ ){0,2}(?:ta|esta|anda|estao|tao|vai|vao) como$|"
        r"\b(?:status|situacao|historico|history|detalhes|details|andamento|latest on"
        # what was done with it lately: "últimos contatos c a X", "last touches with X"
        r"|(?:ultimos|ultimas) (?:contatos|interacoes|conversas|atividades|toques)"
        r" (?:com|c|na|no|d[aoe])|last (?:touches|interactions|contacts|activities|activity)"
        r" (?:with|w|on|at)"
        r"|update on|news on|novidades? (?:d[aoe]|sobre|com)|em que (?:fase|etapa|pe|stage)"
        r"|que fase|what stage|where (?:are we|do we stand|we stand) (?:with|on)|onde (?:estamos|esta|ta)"
        r"|resumo (?:d[aoe] )?(?:(?:conta|cliente|account|negocio|deal|oportunidade) (?:d[aoe] )?)?qqnome|conta ai|me conta"
        r"|whats up with|what s up with|como (?:ficou|foi)"
        r"|(?:whats|what s|what is) (?:going on|happening) (?:with|at)|o que (?:ta|esta) (?:rolando"
        r"|acontecendo) (?:com|na|no)|(?:me )?mostra (?:a |o )?(?:conta|cliente|ficha) (?:d[aoe] )?"
        r"qqnome|show me (?:the )?(?:account )?(?:for |of |on )?qqnome"
        r"|pe d[ao] qqnome|summary (?:of|for)|recap (?:of|on)|catch me up|rundown|overview"
        # the account brought up on the screen, or its gist asked: "can u pull up X", "the
        # lowdown on X", "the scoop on X", "o raio x da X"
        r"|pull up (?:the )?(?:account |deal |file )?(?:for |on |of )?qqnome|low ?down (?:on|for)"
        r"|scoop (?:on|about)|raio x d[aoe]"
        r"|visao geral|panorama|where do things stand|how do things stand)\b",
    ),
    (
        "next_step",
        r"\b(?:proximo passo|proximos passos|prox passo|next step|next steps|nxt step"
        r"|whats next|what next|what s next|o que fazer|oq fazer|o q fazer|proxima acao"
        r"|next action|e agora|next (?:for|on|with|up for)|(?:o que|que que|q q|oq) (?:eu )?faco com"
        r"|what did (?:i|we) promise|o que (?:eu )?prometi|what (?:should|do) i do (?:now )?(?:with"
        r"|about|for)|qual (?:e )?o proximo(?: passos?)?|quando (?:e|eh|sera) (?:a|o)|qdo (?:e|eh) (?:a|o)"
        r"|when is (?:the|my)|o que (?:falta|tem) (?:pra|para|com|na|no)(?! mim\b)|pending (?:with|for|on)"
        r"|next (?:move|play)|proxim[ao] (?:jogada|movimento|acao)|what s the plan (?:for|with|on)"
        r"|whats the plan (?:for|with|on)|qual (?:e )?o plano (?:pra|para|com|na|no))\b",
    ),
    (
        "agenda",
        r"\b(?:calendar|calendario|my schedule|schedule for|(?:todays|tomorrows|today s"
        r"|tomorrow s|the days|this weeks|this week s) (?:schedule|agenda|plan|calls|meetings)|tem (?:algo|alguma coisa"
        r"|algum compromisso)(?: marcad[oa]| agendad[oa])? (?:pra|para|hoje|amanha|depois)"
        r"|anything (?:booked |scheduled |set |planned )?(?:on|for)(?: me)?(?: on)? (?:today"
        r"|tomorrow|next|this|monday|tuesday|wednesday|thursday|friday)|(?:on|in) my plate|(?:o )?que (?:tem|ha)"
        r" (?:para|pra) mim\b|o que (?:eu )?(?:preciso|tenho que"
        r"|devo) fazer|o que (?:eu )?(?:tenho|tem)|what (?:have i got|do i have|s on)"
        r"|what (?:\w+ )?do i have|(?:que|quais) (?:\w+ )?(?:eu )?tenho (?:hoje|amanha|essa|esta|pra|para"
        r"|semana|na|no)|any (?:calls|meetings|visits|tasks)\b|tenho (?:alguma |algo"
        r" |algum )?(?:visita|reuniao|call|ligacao|tarefa|compromisso)\w*|minha semana|my week"
        r"|resto da semana|rest of (?:the|my|this) week|tenho o que|tem o que"
        r"|(?:to|tou|estou|vou estar|i m|im|am i|i am|will i be) (?:livre|free|disponivel"
        r"|available)"
        r"|(?:que|quais|which|who) (?:\w+ )?(?:eu |i )?(?:preciso|tenho (?:que|q|de)|devo|need to"
        r"|have to|should|gotta) (?:\w+ )?(?:ligar|visitar|mandar|call|visit|email|ping|see)\b"
        r"|o que falta fazer"
        # what to do now, asked with nothing named: "what should I be working on rn"
        r"|what (?:should|do|must|can) i (?:be )?(?:working on|work on|doing|do|focus\w* on"
        r"|tackle|prioriti[sz]e)(?: (?:now|rn|right now|today|next|first|this morning"
        r"|this afternoon))?$|agendad\w*|programad\w*|planejad\w*|what s planned|whats planned"
        r"|(?:o )?que (?:ta|esta|tem) marcad\w*|what s (?:booked|scheduled)|whats (?:booked|scheduled)"
        r"|hoje|today|agenda|due|pendencias|pendentes|pendente"
        r"|tarefas|tasks|todo"
        r"|to do|o que tenho|what do i have|meu dia|my day|whats on|hj|compromissos|appointments"
        r"|tenho (?:algo|alguma coisa)|o que (?:(?:ta|esta) )?(?:vence|vencendo)"
        r"|(?:vence|vencendo) (?:hoje|amanha|essa|esta|na))\b",
    ),
    (
        "status",
        r"\b(?:como (?:e )?(?:que )?(?:esta|vai|anda|ta|tao|estao)|how is|hows|how are"
        # "what about X?" alone asks back what about it (as "e a X?"); more after it asks how
        r"|what about(?! qqnome(?: qqnome)*$)"
        r"|how qqnome(?: qqnome)* (?:is |s )?(?:doing|going)"
        r"|resumo (?:d[aoe] )?qqnome"
        r"|fale sobre|tell me about|info|me (?:fala|fale|conta|atualiza)|fala (?:da|do|sobre)"
        r"|update me|fill me in)\b",
    ),
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
    "prospect": "prospecting",
    "prospeccao": "prospecting",
    "lead": "prospecting",
    "qualificado": "qualification",
    "qualified": "qualification",
    "qualifiquei": "qualification",  # the stage said as what the rep did to the deal
    "qualificamos": "qualification",
    "qualificacao": "qualification",
    "proposta": "proposal",
    "proposal": "proposal",
    "negociacao": "negotiation",
    "negociando": "negotiation",
    "negotiating": "negotiation",
    "fechamento": "commit",
    "commit": "commit",
    "reta final": "commit",  # "a X tá na reta final": the last stretch before signing
    "final stretch": "commit",
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

# What people abbreviate on a phone, read as the whole word before any cue is looked for.
ABBREVIATIONS: dict[str, str] = {
    # the first person plural said without its last letter, as the interior speaks it
    "fechamo": "fechamos",
    "ganhamo": "ganhamos",
    "perdemo": "perdemos",
    "vendemo": "vendemos",
    "assinamo": "assinamos",
    "visitamo": "visitamos",
    "ligamo": "ligamos",
    "q": "que",
    "oq": "o que",
    "vc": "voce",
    "vcs": "voces",
    "tb": "tambem",
    "tbm": "tambem",
    "pq": "porque",
    "qto": "quanto",
    "qnto": "quanto",
    "qtos": "quantos",
    "qtas": "quantas",
    "qdo": "quando",
    "qndo": "quando",
    "qnd": "quando",
    "hj": "hoje",
    "amn": "amanha",
    "amh": "amanha",
    "td": "tudo",
    "tds": "todos",
    "mt": "muito",
    "mto": "muito",
    "msm": "mesmo",
    "c": "com",
    "gnt": "gente",
    "cmg": "comigo",
    "p": "para",
    "pra": "para",
    "pro": "para o",
    "prox": "proximo",
    "nxt": "next",
    "msg": "mensagem",
    "tel": "telefone",
    "cel": "celular",
    "reuniao": "reuniao",
    "obg": "obrigado",
    "vlw": "valeu",
    "blz": "beleza",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "w": "with",
    "thx": "thanks",
    "ty": "thanks",
    "asap": "asap",
    "ppl": "people",
    "mtg": "meeting",
    "mins": "minutes",
    "eod": "end of day",
    "whatd": "what did",
    "vdd": "verdade",
    "yday": "yesterday",
    "dps": "depois",
    "n": "nao",
    "agr": "agora",
    "yest": "yesterday",
    "whod": "who did",
}

# Messages that are only a greeting or thanks: not a request, answered as small talk.
SMALL_TALK = (
    r"^(?:(?:oi|ola|opa|e ai|eai|salve|hello|hi|hey|yo|gm|gn|bom dia|boa tarde|boa noite"
    r"|good morning|good afternoon|good evening|obrigad\w*|valeu|thanks|thank you"
    r"|beleza|show|top|legal|massa|otimo|great|cool|nice|perfeito|perfect|haha\w*"
    r"|kkk\w*|rsrs\w*|lol|tchau|bye|ate mais|see you|boa semana|bom fim de semana"
    r"|have a good \w+|tudo bem|tudo bom|como vai voce|how are you|querid\w*|amig\w*"
    r"|pessoal|galera|tudo|voce|para|com|e|de|o|a|um|uma|ritmo|bot|adorei|love it"
    # the words a thanks ends with: "valeu mano", "obrigado viu", "thanks man"
    r"|brigad\w*|vlw|tmj|mano|cara|viu|uai|tche|fera|chefe|irmao|parceiro|man|bro|dude|buddy"
    r"|mate|demais|mermao|cheers|ta|brilliant|lovely|morning|evening|afternoon|all|everyone"
    r"|everybody|yall|folks|happy holidays|merry christmas|happy new year|feliz natal"
    r"|boas festas|feliz ano novo|sorry wrong chat|wrong chat|chat errado|foi mal"
    r"|muito|mt|mto|much|a lot|so much|a ton|a bunch|heaps|mesmo|good night|nite|gn"
    # a thanks in shorthand and what it was for (round 34: dev27): "obg pela ajuda", "thx for
    # the help"
    r"|obg\w*|thx|tks|pela (?:ajuda|forca|paciencia)|for (?:the|your|all the) help"
    # a greeting to the team: "happy holidays team!", "bom dia time"
    r"|(?:happy holidays|merry christmas|happy new year|feliz natal|boas festas|feliz ano novo"
    r"|bom dia|boa tarde|boa noite|good morning|hi|hello|hey|oi|ola) (?:team|time|equipe|squad)"
    # a cheer or a goodbye to the team, and whom it is said to: "great job everyone!", "parabéns
    # a todos", "sextou", "happy friday", "cya monday folks", "até segunda gente"
    r"|gente|todos|todas|guys|people|team|parabens|congrats|congratulations|sextou|bora|vamo\w*"
    r"|(?:great|good|nice|awesome|amazing) (?:job|work)|well done|mandaram bem|arrasaram"
    r"|(?:happy|feliz|boa|bom) (?:almost |quase )?(?:monday|tuesday|wednesday|thursday|friday"
    r"|segunda|terca|quarta|quinta|sexta|sextou|weekend|fds|fim de semana)(?: eve)?"
    r"|(?:cya|see ya|see you|ate|bom descanso|rest well) ?(?:monday|tuesday|wednesday|thursday"
    r"|friday|segunda|terca|quarta|quinta|sexta|amanha|tomorrow|tmrw|semana que vem|next week)?)"
    r"\s*)+$"
)

# Words that are never part of a name: articles, prepositions, pronouns, fillers.
STOPWORDS = frozenset(
    """
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
manha tarde noite cedo
""".split()
)
# Everyday words one letter from a word of the vocabulary, which the typo pass would otherwise
# mend into it: "losing" is no "closing", "mother" no "other", "costas" no "contas", "chover"
# no "cover", "nearly" no "early" ("we nearly lost X" was read as lost). Every word written into a cue joins the vocabulary, so a new cue can swallow an
# ordinary word; tests/unit/test_understand_round12.py reads a list of them against the pass.
PLAIN_WORDS = frozenset(
    """
chover vendido cantar computador presentes presente consertar conserto resfriado costas passear
passeio raining singing walking cooking baking planting mowing raking mother winner losing
complex tanking banking thanking falling dozing lending mending bending tending spending tenting
loving testing nearly cafeteira vendendo
""".split()
)
# Question words and quantifiers left over in a question ("which deals are stuck", "quanto a
# equipe tem no funil"): never the name of someone or something asked about.
NEVER_NAMES = frozenset(
    """
which where when whos whose quando onde quanto quantos quantas across any anything algum
alguma alguns algumas every cada
""".split()
)

# Common first names (Brazil and English-speaking countries): a person, never a new account.
FIRST_NAMES = frozenset(
    """
ana maria joao jose antonio francisco carlos paulo pedro lucas luiz luis marcos marcelo
gabriel rafael daniel marcio fernando fabio rodrigo andre eduardo felipe gustavo bruno
ricardo sergio jorge roberto alexandre leonardo diego thiago tiago mateus matheus vinicius
renato renata juliana mariana fernanda patricia aline camila amanda bruna carla jessica
leticia luciana marcia sandra simone adriana vanessa tatiana beatriz larissa gabriela
natalia debora raquel rita julia luana lucia cida aparecida tereza teresa joana isabel
helena laura sofia alice manuela valentina wagner gilberto joaquim otavio tiago caio
igor hugo victor vitor henrique samuel davi arthur heitor miguel enzo murilo rogerio
john james robert michael william david richard joseph thomas charles chris christopher
mark matt matthew anthony steven kevin brian george tom peter paul jack mike nick
mary jennifer linda elizabeth susan jessica sarah karen nancy lisa emma olivia rachel
nina priya emily hannah anna kate katie amy megan ashley
marta claudia cristina silvia regina rosana angela denise eliane fatima monica paula priscila
viviane carolina daniela elaine flavia sonia rafaela bianca carina fabiana debora josiane
alberto anderson cesar claudio edson everton fabiano flavio geraldo gilson jair jefferson
julio leandro luciano mauricio mauro milton nelson osvaldo raul reinaldo ronaldo silvio
valter walter wesley marcos moises douglas jason ryan eric andrew joshua brandon justin
scott greg jeff steve rebecca michelle melissa stephanie nicole heather julie lauren jenny
chloe
""".split()
)

# Joins inside a name: "Padaria Silva & Filhos", "Banco do Brasil".
NAME_JOINERS = frozenset({"de", "da", "do", "das", "dos", "e", "and", "of", "the"})


# What a contact's first name is called among people who know them ("a Cida" is Aparecida,
# "Beto" Roberto, "Mike" Michael): a rep names the person the way they talk to them. Not the
# ones that are ordinary words too ("bill", "rich", "tom" is a tone in Portuguese).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "cida": ("aparecida",),
    "ze": ("jose",),
    "zeca": ("jose",),
    "bia": ("beatriz",),
    "rafa": ("rafael", "rafaela"),
    "lu": ("luciana", "lucia", "luiza", "luisa"),
    "dani": ("daniela", "daniel"),
    "gabi": ("gabriela",),
    "fer": ("fernanda", "fernando"),
    "tati": ("tatiana",),
    "carol": ("carolina",),
    "nando": ("fernando",),
    "chico": ("francisco",),
    "beto": ("roberto", "alberto"),
    "guto": ("gustavo", "augusto"),
    "gus": ("gustavo",),
    "manu": ("manuela",),
    "ju": ("juliana", "julia"),
    "leo": ("leonardo",),
    "gui": ("guilherme",),
    "edu": ("eduardo",),
    "fabi": ("fabiana",),
    "pati": ("patricia",),
    "lari": ("larissa",),
    "nati": ("natalia",),
    "vini": ("vinicius",),
    "toninho": ("antonio",),
    "tonho": ("antonio",),
    "mari": ("mariana",),
    "serginho": ("sergio",),
    "paulinho": ("paulo",),
    "marcao": ("marcos",),
    "tiao": ("sebastiao",),
    "bob": ("robert",),
    "rob": ("robert",),
    "bobby": ("robert",),
    "mike": ("michael",),
    "liz": ("elizabeth",),
    "beth": ("elizabeth",),
    "jim": ("james",),
    "jimmy": ("james",),
    "katie": ("katherine", "kathryn"),
    "kate": ("katherine", "kathryn"),
    "sam": ("samuel", "samantha"),
    "tommy": ("thomas",),
    "dan": ("daniel",),
    "danny": ("daniel",),
    "chris": ("christopher", "christine", "christina"),
    "matt": ("matthew",),
    "nick": ("nicholas",),
    "alex": ("alexander", "alexandra", "alexandre"),
    "steve": ("steven", "stephen"),
    "tony": ("anthony", "antonio"),
    "joe": ("joseph",),
    "jen": ("jennifer",),
    "jenny": ("jennifer",),
    "andy": ("andrew",),
    "ben": ("benjamin",),
    "greg": ("gregory",),
    "jeff": ("jeffrey",),
    "josh": ("joshua",),
    "rick": ("richard",),
    "kev": ("kevin",),
    "vic": ("victor", "vitor"),
    "gil": ("gilberto",),
}


# A kind of business said in the other language than the name's: Daniel asks about "Pedro's
# brewery" (Cervejaria Lúpulo Real), Carla about "a seguradora" (Pinnacle Insurance). Each
# word leads to the word a name of that kind opens (pt) or holds (en), as a nickname leads to
# a contact's first name; it is weighed like that word typed.
BUSINESS_KINDS: dict[str, tuple[str, ...]] = {
    "bakery": ("padaria",),
    "brewery": ("cervejaria",),
    "pharmacy": ("farmacia", "drogaria", "farma"),
    "drugstore": ("drogaria", "farmacia", "farma"),
    # the same kind under its other words in one language: "a farmácia" is a Drogaria too
    "farmacia": ("drogaria", "farma"),
    "farmacias": ("drogaria", "farmacia", "farma"),
    "drogaria": ("farmacia", "farma"),
    "gym": ("academia",),
    "school": ("escola",),
    "builder": ("construtora",),
    "builders": ("construtora",),
    "trucking": ("transportadora",),
    "carrier": ("transportadora",),
    "supermarket": ("supermercado",),
    "grocery": ("mercearia", "supermercado"),
    "clinic": ("clinica",),
    "optician": ("otica",),
    "dairy": ("laticinios",),
    "restaurant": ("restaurante",),
    "glazier": ("vidracaria",),
    "joinery": ("marcenaria",),
    "carpentry": ("marcenaria",),
    "inn": ("pousada",),
    "seguradora": ("insurance",),
    "transportadora": ("freight", "logistics", "freightways"),
    "laboratorio": ("labs", "lab"),
    "clinica": ("dental", "clinic"),
}
