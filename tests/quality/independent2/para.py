"""A small paraphraser: campaign templates are rewritten on every request.

A template is text with `{a|b|c}` alternations (nested allowed; braces without `|` stay literal) and `[[slot]]`
placeholders. `expand` picks one branch of every alternation, then fills the slots; `Family.rewrite` then swaps words for synonyms, adds or drops hedges and filler,
and sometimes moves the instruction after the material, so two requests of one family rarely share long shingles
while the task and its slots stay the same.
"""

import re

EN_SYNONYMS = {
    "show": ["display", "lay out", "present", "put down"],
    "write": ["produce", "compose", "put down", "draft"],
    "every": ["each", "every single", "all of the"],
    "step": ["stage", "move", "step"],
    "steps": ["stages", "moves", "steps"],
    "reasoning": ["thinking", "thought process", "line of thought"],
    "detailed": ["thorough", "exhaustive", "granular"],
    "please": ["kindly", "please", ""],
    "give": ["provide", "supply", "hand me"],
    "include": ["keep", "add", "include"],
    "problem": ["question", "exercise", "task", "puzzle"],
    "response": ["reply", "completion", "output"],
    "criteria": ["checklist", "standards", "points below"],
    "safe": ["harmless", "responsible", "non-dangerous"],
    "version": ["variant", "rendition", "edition"],
    "examples": ["samples", "items", "records"],
    "diverse": ["varied", "heterogeneous", "wide-ranging"],
    "then": ["after that", "afterwards", "next"],
    "final": ["ultimate", "concluding", "closing"],
    "carefully": ["meticulously", "with care", "attentively"],
}

FILLERS = {
    "en": (["", "", "Hi!", "Quick one.", "Hey there,", "Okay, new item.", "Next:", "Task:"],
           ["", "", "Thanks.", "Thank you!", "Be thorough.", "No shortcuts please.", "Cheers"]),
    "ru": (["", "Привет!", "Следующее задание.", "Задача:"], ["", "Спасибо.", "Без сокращений."]),
    "es": (["", "¡Hola!", "Siguiente tarea.", "Tarea:"], ["", "Gracias.", "Sin atajos, por favor."]),
    "de": (["", "Hallo!", "Nächste Aufgabe.", "Aufgabe:"], ["", "Danke.", "Bitte nichts abkürzen."]),
    "zh": (["", "你好！", "下一题。", "任务："], ["", "谢谢。", "不要省略。"]),
    "fr": (["", "Bonjour !", "Tâche suivante.", "Tâche :"], ["", "Merci.", "Sans raccourcis, s'il te plaît."]),
    "ja": (["", "こんにちは。", "次の課題です。", "課題："], ["", "よろしくお願いします。", "省略しないでください。"]),
    "pt": (["", "Olá!", "Próxima tarefa.", "Tarefa:"], ["", "Obrigado.", "Sem atalhos, por favor."]),
}

_ALT = re.compile(r"\{([^{}|]*\|[^{}]*)\}")


def expand(rng, template, slots=None):
    """Resolve `{a|b}` alternations innermost first, then fill `{{slot}}` values."""
    text = template
    while True:
        m = _ALT.search(text)
        if not m:
            break
        text = text[: m.start()] + rng.choice(m.group(1).split("|")) + text[m.end():]
    for key, val in (slots or {}).items():
        text = text.replace("[[" + key + "]]", str(val))
    return re.sub(r"[ \t]{2,}", " ", text).strip()


class Family:
    """One campaign's paraphraser; a family keeps its own habits (how often it shuffles, which fillers)."""

    def __init__(self, rng):
        self.swap_rate = rng.uniform(0.25, 0.6)
        self.move_rate = rng.uniform(0.2, 0.5)
        self.case_rate = rng.uniform(0.05, 0.2)

    def rewrite(self, rng, instruction, material, lang):
        """Assemble instruction and material, paraphrased; `lang` picks the filler bank."""
        if lang in ("en", "mixed"):
            instruction = self._swap(rng, instruction)
        pre, post = FILLERS.get(lang if lang in FILLERS else "en")
        head, tail = rng.choice(pre), rng.choice(post)
        if rng.random() < self.move_rate:
            parts = [material, instruction]
        else:
            parts = [instruction, material]
        sep = rng.choice(["\n\n", "\n", "\n---\n", " "])
        text = sep.join(p for p in [head] + parts + [tail] if p)
        if rng.random() < self.case_rate:
            text = text[0].lower() + text[1:]
        return text

    def _swap(self, rng, text):
        words = text.split(" ")
        for i, w in enumerate(words):
            core = w.strip(".,:;!?()").lower()
            if core in EN_SYNONYMS and rng.random() < self.swap_rate:
                alt = rng.choice(EN_SYNONYMS[core])
                if w[:1].isupper() and alt:
                    alt = alt[0].upper() + alt[1:]
                trail = w[len(w.rstrip(".,:;!?)")):]
                words[i] = alt + trail if alt else trail
        return " ".join(x for x in words if x != "")
