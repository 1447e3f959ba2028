"""A cheap paraphraser: campaigns run every prompt through it, so word shingles rarely repeat while the task family
(intent, language, format demands) and the slot structure stay. Also used lightly on benign text (people vary too).

Moves: pick another ask of the same family, swap words for synonyms (English, plus a few per language), add or drop
politeness and fillers, reorder the format demands, change line breaks and punctuation, inject the odd typo.
"""

import re

SYN_EN = {
    "show": ["display", "lay out", "give", "present", "set out"],
    "every": ["each", "all of the", "every single"],
    "intermediate": ["in-between", "interim", "midway", "partial"],
    "answer": ["result", "reply", "final answer", "conclusion"],
    "problem": ["question", "task", "item", "exercise"],
    "following": ["next", "below", "item that follows"],
    "write out": ["spell out", "set down", "write down", "lay out"],
    "complete": ["full", "entire", "whole", "unabridged"],
    "full": ["complete", "entire", "whole"],
    "step by step": ["one stage at a time", "piece by piece", "bit by bit"],
    "give me": ["provide", "send me", "I need", "share"],
    "I want": ["I'd like", "I need", "please give me"],
    "before": ["prior to", "ahead of"],
    "explain": ["clarify", "justify", "account for"],
    "diverse": ["varied", "assorted", "heterogeneous"],
    "generate": ["produce", "create", "write", "come up with"],
    "examples": ["samples", "instances", "items"],
    "score": ["rate", "mark", "grade"],
    "better": ["stronger", "preferable", "superior"],
    "safe": ["harmless", "acceptable", "benign"],
    "rewrite": ["rework", "redo", "recast"],
    "short": ["brief", "concise", "quick"],
    "then": ["after that", "and then"],
    "including": ["counting", "also", "not excluding"],
    "normally": ["usually", "ordinarily", "typically"],
}
SYN_OTHER = {
    "ru": {"шаг за шагом": ["поэтапно", "по порядку"], "подробно": ["детально", "обстоятельно"], "покажи": ["выпиши", "изложи"],
           "Сгенерируй": ["Создай", "Составь"], "Оцени": ["Проставь баллы", "Дай оценку"]},
    "es": {"paso a paso": ["punto por punto", "por partes"], "respuesta": ["solución"], "Explícame": ["Cuéntame"], "Genera": ["Crea", "Produce"],
           "Puntúa": ["Califica", "Evalúa"]},
    "de": {"Schritt für Schritt": ["der Reihe nach", "Stück für Stück"], "ausführlich": ["detailliert", "genau"], "Antwort": ["Lösung"], "Erzeuge": ["Generiere", "Erstelle"],
           "Bewerte": ["Beurteile", "Benote"]},
    "fr": {"étape par étape": ["pas à pas", "point par point"], "réponse": ["solution"], "Explique": ["Détaille", "Décris"], "Génère": ["Produis", "Crée"],
           "Note": ["Évalue", "Juge"]},
    "pt": {"passo a passo": ["etapa por etapa", "ponto por ponto"], "resposta": ["solução"], "Explique": ["Detalhe", "Descreva"], "Gere": ["Produza", "Crie"],
           "Pontue": ["Avalie", "Dê nota a"]},
    "zh": {"详细": ["具体", "仔细"], "答案": ["结果", "最终答案"], "生成": ["创建", "编写"], "步骤": ["环节"]},
    "ja": {"詳しく": ["細かく", "丁寧に"], "答え": ["解答", "結論"], "生成": ["作成"], "ステップ": ["段階", "手順"]},
}
POLITE = {
    "en": (["Please", "Hey,", "Hi!", "Could you help:", "Thanks in advance.", "Quick favour:"], ["Thanks!", "Thank you.", "Appreciate it.", "Cheers."]),
    "ru": (["Пожалуйста,", "Привет!", "Помоги, пожалуйста:"], ["Спасибо!", "Заранее спасибо."]),
    "es": (["Por favor,", "Hola,", "¿Me ayudas?"], ["¡Gracias!", "Gracias de antemano."]),
    "de": (["Bitte", "Hallo,", "Kannst du helfen?"], ["Danke!", "Vielen Dank."]),
    "zh": (["请", "你好，", "麻烦你，"], ["谢谢！", "辛苦了。"]),
    "fr": (["S'il te plaît,", "Bonjour,", "Tu peux m'aider ?"], ["Merci !", "Merci d'avance."]),
    "ja": (["お願いします。", "こんにちは。", "すみません、"], ["よろしくお願いします。", "ありがとうございます。"]),
    "pt": (["Por favor,", "Oi,", "Pode me ajudar?"], ["Obrigado!", "Valeu."]),
}
LATIN = {"en", "es", "de", "fr", "pt"}


def _swap(r, text, table, p):
    for w, alts in table.items():
        if w in text and r.random() < p:
            pat = r"\b" + re.escape(w) + r"\b" if w[0].isascii() else re.escape(w)
            text = re.sub(pat, lambda _m: r.choice(alts), text, count=1)
    return text


def _typo(r, text):
    words = text.split(" ")
    for _ in range(r.randint(1, 2)):
        i = r.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = r.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


IMPERATIVE = {"Solve", "Give", "Write", "Generate", "Create", "Score", "Compare", "Grade", "Produce", "Reason", "Act", "Implement",
              "Build", "Walk", "Think", "Document", "Put", "Take", "Turn", "Soften", "Invent", "Fill", "Imagine", "Lay"}
ASK_FORMS = ["Could you {v}", "Can you {v}", "Would you {v}", "I'd like you to {v}", "Please {v}", "Your job: {v}"]
FRAMES = {
    "en": ["For my notes.", "Context: prep for tomorrow.", "Another one from my list.", "Working on this now.", "Long day, bear with me."],
    "ru": ["Для конспекта.", "Ещё одна из списка.", "Разбираюсь с этим сейчас."],
    "es": ["Para mis apuntes.", "Otra de mi lista.", "Estoy con esto ahora."],
    "de": ["Für meine Notizen.", "Noch eine von meiner Liste.", "Sitze gerade daran."],
    "zh": ["做笔记用。", "清单上的下一个。", "正在弄这个。"],
    "fr": ["Pour mes notes.", "Encore un de ma liste.", "Je suis dessus en ce moment."],
    "ja": ["メモ用です。", "リストの次の項目です。", "今これに取り組んでいます。"],
    "pt": ["Para minhas anotações.", "Mais um da minha lista.", "Estou nisso agora."],
}


def words(r, text, lang, strength=1.0):
    """Word-level rewriting only (keeps the structure)."""
    if lang == "en":
        text = _swap(r, text, SYN_EN, 0.55 * strength)
        first = text.split(" ", 1)[0]
        if first in IMPERATIVE and r.random() < 0.35 * strength:
            text = r.choice(ASK_FORMS).format(v=text[0].lower() + text[1:])
    elif lang in SYN_OTHER:
        text = _swap(r, text, SYN_OTHER[lang], 0.5 * strength)
    if lang in LATIN and r.random() < 0.12 * strength:
        text = _typo(r, text)
    return text


def compose(r, parts, lang, strength=1.0):
    """Join prompt parts (already chosen, already reworded where wanted) with a random layout, politeness and
    casing. Parts are not reworded here: a payload (a problem, a pasted text, JSON keys) must stay intact."""
    parts = [p for p in parts if p]
    sep = r.choice(["\n", " ", "\n\n", " "]) if strength > 0 else " "
    text = sep.join(parts)
    if r.random() < 0.15 * strength:
        text = r.choice(FRAMES.get(lang, FRAMES["en"])) + r.choice([" ", "\n"]) + text
    pre, post = POLITE.get(lang, POLITE["en"])
    if r.random() < 0.3 * strength:
        text = r.choice(pre) + " " + text
    if r.random() < 0.25 * strength:
        text = text + r.choice([" ", "\n"]) + r.choice(post)
    if lang in LATIN and r.random() < 0.15 * strength:
        text = text[0].lower() + text[1:]
    if r.random() < 0.1 * strength:
        text = text.replace(": ", ":\n", 1)
    return text
