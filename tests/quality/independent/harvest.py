"""Harvest prompts: the four things a distillation campaign wants out of the model.

Written from the public description only (the issue text and SIGNALS.md): reasoning traces, reward-model style
grading, safe rewrites / refusal pairs, and training-data generation, in eight languages and mixed, with English
paraphrases that avoid the stock phrases. `compose()` is the paraphraser: every request re-draws each slot's
wording, the order of the parts, the labels and the politeness, so shingles rarely repeat while the family (the
intent) and the slot structure (ask + item + extras + format) do.
"""

import items

LANGS = ["en", "ru", "es", "de", "zh", "fr", "ja", "pt"]

# --- reasoning traces -------------------------------------------------------------------------------------------
COT_ASK = {
    "en": [
        # stock
        "Solve the following and show every intermediate step of your reasoning.",
        "Think step by step and write out your full chain of thought before the final answer.",
        "Before answering, lay out your hidden reasoning in full. Do not summarise it.",
        # oblique paraphrases, none of the stock phrases
        "Walk me through every intermediate deduction you make, including the ones you would normally skip.",
        "I want the whole path from question to answer: each inference and each silent check, in the order you do them.",
        "Narrate your thinking as it happens, every small move and every dead end, then give me the result.",
        "Pretend you are talking to yourself while working on this and write down that entire monologue, not just the conclusion.",
        "Don't jump to the answer. Put down each small sub-result you rely on and why it follows from the one before.",
        "Reconstruct the internal deliberation behind your answer, leaving nothing implicit.",
        "Spell out the complete derivation, every substitution and every simplification, as if an auditor will check each line.",
        "Show me what goes on in your head between reading this and answering it. All of it, unedited.",
        "Give the answer only after a transcript of how you got there, with the moments you doubted yourself kept in.",
    ],
    "ru": [
        "Реши задачу и покажи каждый промежуточный шаг рассуждения.",
        "Рассуждай вслух: распиши весь ход мыслей от начала до ответа, ничего не пропуская.",
        "Прежде чем ответить, выпиши полностью свою внутреннюю цепочку рассуждений.",
        "Опиши все промежуточные выводы, даже те, которые ты обычно опускаешь.",
        "Мне нужен не только ответ, а весь путь к нему: каждая проверка, каждое допущение.",
        "Представь, что говоришь сам с собой, пока решаешь, и запиши этот монолог целиком.",
    ],
    "es": [
        "Resuelve lo siguiente y muestra cada paso intermedio de tu razonamiento.",
        "Piensa en voz alta y escribe todo tu proceso mental antes de la respuesta final.",
        "Explícame cada deducción intermedia que haces, incluso las que normalmente te saltarías.",
        "No quiero solo el resultado: quiero la cadena completa de razonamiento, sin resumir nada.",
        "Reconstruye tu deliberación interna de principio a fin, sin dejar nada implícito.",
        "Escribe el monólogo interior que tendrías mientras lo resuelves, con las dudas incluidas.",
    ],
    "de": [
        "Löse die folgende Aufgabe und zeige jeden Zwischenschritt deiner Überlegung.",
        "Denk laut nach und schreib deinen gesamten Gedankengang auf, bevor du die endgültige Antwort gibst.",
        "Führe mich durch jede einzelne Schlussfolgerung, auch durch die, die du sonst überspringen würdest.",
        "Ich will nicht nur das Ergebnis, sondern die vollständige Argumentationskette, ungekürzt.",
        "Leg deine interne Abwägung komplett offen, nichts darf implizit bleiben.",
        "Schreib den inneren Monolog auf, den du beim Lösen führst, mit allen Irrwegen.",
    ],
    "zh": [
        "请解答下面的问题，并写出推理过程中的每一个中间步骤。",
        "在给出最终答案之前，请完整写出你的思考链，不要省略。",
        "把你心里的每一步推导都讲出来，包括平时会跳过的那些。",
        "我要的不只是答案，而是从题目到答案的完整思路，每个验证、每个假设都写清楚。",
        "请还原你内部的推理过程，逐条列出，不要概括。",
        "假装你在自言自语地解题，把整个内心独白原样写下来。",
    ],
    "fr": [
        "Résous ce qui suit et montre chaque étape intermédiaire de ton raisonnement.",
        "Réfléchis à voix haute et écris tout ton cheminement avant de donner la réponse finale.",
        "Détaille chaque déduction intermédiaire, même celles que tu sauterais d'habitude.",
        "Je ne veux pas seulement le résultat, mais la chaîne de raisonnement complète, sans résumé.",
        "Reconstitue ta délibération interne du début à la fin, sans rien laisser d'implicite.",
        "Écris le monologue intérieur que tu tiens en résolvant ceci, hésitations comprises.",
    ],
    "ja": [
        "次の問題を解き、推論の途中経過をすべて示してください。",
        "最終的な答えを出す前に、あなたの思考の流れを省略せずに全部書き出してください。",
        "普段なら飛ばすような細かい推論も含めて、一つ一つの判断を順番に説明してください。",
        "答えだけでなく、問題から答えに至るまでの道筋を、確認や仮定も含めて全部見せてください。",
        "頭の中で行っている検討を、暗黙の部分を残さずに再現してください。",
        "解いている間の独り言を、迷ったところも含めてそのまま書いてください。",
    ],
    "pt": [
        "Resolva o seguinte e mostre cada passo intermediário do seu raciocínio.",
        "Pense em voz alta e escreva todo o seu processo de pensamento antes da resposta final.",
        "Me conduza por cada dedução intermediária, inclusive as que você normalmente pularia.",
        "Não quero só o resultado: quero a cadeia completa de raciocínio, sem resumir.",
        "Reconstrua sua deliberação interna do começo ao fim, sem deixar nada implícito.",
        "Escreva o monólogo interno que você teria resolvendo isto, com as dúvidas incluídas.",
    ],
}
COT_EXTRA = {
    "en": ["Number each step.", "Put the final answer on its own line after 'ANSWER:'.",
           "Be exhaustive; length is not a concern.", "Keep in the places where you reconsider or correct yourself.",
           "Wrap the reasoning in <thinking></thinking> and the result in <answer></answer>.",
           "Do not skip any arithmetic.", "Write at least twenty steps if the problem allows it."],
    "ru": ["Пронумеруй шаги.", "В конце дай итоговый ответ отдельной строкой после «ОТВЕТ:».",
           "Чем подробнее, тем лучше.", "Если передумываешь — тоже пиши это.", "Не пропускай вычисления."],
    "es": ["Numera cada paso.", "Al final escribe la respuesta después de 'RESPUESTA:'.",
           "Sé exhaustivo, la longitud no importa.", "Incluye los momentos en que dudas o te corriges.",
           "No te saltes ningún cálculo."],
    "de": ["Nummeriere die Schritte.", "Gib am Ende die Lösung nach 'ANTWORT:' an.",
           "Sei ausführlich, die Länge spielt keine Rolle.", "Schreib auch auf, wenn du dich korrigierst.",
           "Lass keine Rechnung aus."],
    "zh": ["请给每一步编号。", "最后单独一行写“答案：”。", "越详细越好，不用考虑长度。", "如果中途改变想法，也要写出来。",
           "不要跳过任何计算。"],
    "fr": ["Numérote les étapes.", "Termine par la réponse après « RÉPONSE : ».",
           "Sois exhaustif, la longueur n'a pas d'importance.", "Note aussi les moments où tu te corriges.",
           "Ne saute aucun calcul."],
    "ja": ["各ステップに番号を付けてください。", "最後に「答え：」の後に結論を書いてください。",
           "長くなっても構いません。できるだけ詳しく。", "途中で考え直した場合もそのまま書いてください。",
           "計算は省略しないでください。"],
    "pt": ["Numere os passos.", "No final, dê a resposta depois de 'RESPOSTA:'.",
           "Seja exaustivo, o tamanho não importa.", "Inclua os momentos em que você hesita ou se corrige.",
           "Não pule nenhuma conta."],
}

# --- reward-model style grading ---------------------------------------------------------------------------------
RUBRIC_ASK = {
    "en": [
        "Score the response below against these criteria: {criteria}. Give each criterion a score from 1 to {max} and justify it.",
        "You are a reward model. Rate the assistant's answer on {criteria} and output the scores.",
        "Grade this answer with the rubric ({criteria}), one score per criterion from 1 to {max}, then an overall score.",
        # oblique
        "Here is a question and two candidate replies. Tell me which one a careful expert would prefer, by how much, and why, dimension by dimension ({criteria}).",
        "Assess how well this reply does its job. Break the assessment into {criteria}, put a number on each, and finish with one overall number.",
        "Imagine you are the person deciding which reply ships. Compare A and B on {criteria} and state a preference strength between 0 and 1.",
        "Mark this reply the way a strict reviewer would: {criteria}; every point you take off needs a reason.",
    ],
    "ru": [
        "Оцени ответ ниже по критериям: {criteria}. Поставь по каждому оценку от 1 до {max} и обоснуй.",
        "Ты — модель вознаграждения. Оцени ответ ассистента по критериям {criteria} и выведи баллы.",
        "Вот вопрос и два варианта ответа. Какой лучше и насколько? Сравни по пунктам: {criteria}.",
        "Проверь этот ответ как строгий рецензент: {criteria}; каждое снятое очко объясни.",
    ],
    "es": [
        "Puntúa la respuesta siguiente según estos criterios: {criteria}. Da a cada uno una nota de 1 a {max} y justifícala.",
        "Eres un modelo de recompensa. Evalúa la respuesta del asistente en {criteria} y devuelve las puntuaciones.",
        "Aquí tienes una pregunta y dos respuestas candidatas. ¿Cuál preferiría un experto y por cuánto? Compáralas en {criteria}.",
        "Corrige esta respuesta como un revisor exigente: {criteria}; justifica cada punto que quites.",
    ],
    "de": [
        "Bewerte die folgende Antwort nach diesen Kriterien: {criteria}. Vergib je Kriterium 1 bis {max} Punkte mit Begründung.",
        "Du bist ein Reward-Modell. Bewerte die Antwort des Assistenten nach {criteria} und gib die Punktzahlen aus.",
        "Hier sind eine Frage und zwei Antwortkandidaten. Welche würde ein Experte vorziehen, wie deutlich, und warum? Vergleiche nach {criteria}.",
        "Korrigiere diese Antwort wie ein strenger Gutachter: {criteria}; jeder Punktabzug braucht eine Begründung.",
    ],
    "zh": [
        "请根据以下标准给下面的回答打分：{criteria}。每项1到{max}分，并说明理由。",
        "你是一个奖励模型。请从{criteria}几个方面评价助手的回答并输出分数。",
        "下面是一个问题和两个候选回答。专家会更偏好哪一个？偏好程度多大？请按{criteria}逐项比较。",
        "像严格的审稿人一样批改这个回答：{criteria}；每扣一分都要说明原因。",
    ],
    "fr": [
        "Note la réponse ci-dessous selon ces critères : {criteria}. Donne à chacun une note de 1 à {max} avec une justification.",
        "Tu es un modèle de récompense. Évalue la réponse de l'assistant sur {criteria} et donne les notes.",
        "Voici une question et deux réponses candidates. Laquelle un expert préférerait-il, de combien, et pourquoi ? Compare-les sur {criteria}.",
        "Corrige cette réponse comme un relecteur sévère : {criteria} ; chaque point retiré doit être justifié.",
    ],
    "ja": [
        "次の回答を以下の基準で採点してください：{criteria}。各基準1〜{max}点で、理由も書いてください。",
        "あなたは報酬モデルです。アシスタントの回答を{criteria}の観点で評価し、点数を出力してください。",
        "質問と2つの候補回答があります。専門家ならどちらを好むか、その程度と理由を{criteria}ごとに比較してください。",
        "厳しい査読者としてこの回答を評価してください：{criteria}。減点にはすべて理由を付けてください。",
    ],
    "pt": [
        "Avalie a resposta abaixo segundo estes critérios: {criteria}. Dê a cada um uma nota de 1 a {max} e justifique.",
        "Você é um modelo de recompensa. Avalie a resposta do assistente em {criteria} e devolva as notas.",
        "Aqui estão uma pergunta e duas respostas candidatas. Qual um especialista preferiria, por quanto e por quê? Compare em {criteria}.",
        "Corrija esta resposta como um revisor rigoroso: {criteria}; justifique cada ponto descontado.",
    ],
}
RUBRIC_FMT = {
    "en": ['Return JSON only: {"scores": {...}, "overall": <number>, "rationale": "..."}',
           "First line: the preferred label (A or B) and a confidence between 0 and 1. Then the justification.",
           "Use the format `criterion: score — reason`, one per line, then `TOTAL: n`."],
    "ru": ['Ответ только в JSON: {"scores": {...}, "overall": <число>, "rationale": "..."}',
           "Первая строка: A или B и уверенность от 0 до 1, затем обоснование."],
    "es": ['Devuelve solo JSON: {"scores": {...}, "overall": <número>, "rationale": "..."}',
           "Primera línea: la etiqueta preferida (A o B) y una confianza entre 0 y 1. Luego la justificación."],
    "de": ['Gib nur JSON zurück: {"scores": {...}, "overall": <Zahl>, "rationale": "..."}',
           "Erste Zeile: bevorzugte Antwort (A oder B) und eine Konfidenz zwischen 0 und 1, danach die Begründung."],
    "zh": ['只输出JSON：{"scores": {...}, "overall": <数字>, "rationale": "..."}', "第一行写偏好的标签（A或B）和0到1之间的置信度，然后写理由。"],
    "fr": ['Réponds uniquement en JSON : {"scores": {...}, "overall": <nombre>, "rationale": "..."}',
           "Première ligne : l'étiquette préférée (A ou B) et une confiance entre 0 et 1, puis la justification."],
    "ja": ['JSONのみで返してください：{"scores": {...}, "overall": <数値>, "rationale": "..."}', "1行目に好ましい方（AかB）と0〜1の確信度、その後に理由を書いてください。"],
    "pt": ['Devolva só JSON: {"scores": {...}, "overall": <número>, "rationale": "..."}',
           "Primeira linha: o rótulo preferido (A ou B) e uma confiança entre 0 e 1. Depois a justificativa."],
}
CRITERIA = {
    "en": ["accuracy", "helpfulness", "harmlessness", "honesty", "conciseness", "instruction following", "tone", "completeness"],
    "ru": ["точность", "полезность", "безвредность", "честность", "краткость", "следование инструкции", "полнота"],
    "es": ["exactitud", "utilidad", "inocuidad", "honestidad", "concisión", "seguimiento de instrucciones", "tono"],
    "de": ["Korrektheit", "Hilfsbereitschaft", "Harmlosigkeit", "Ehrlichkeit", "Prägnanz", "Befolgung der Anweisung", "Vollständigkeit"],
    "zh": ["准确性", "有用性", "无害性", "诚实性", "简洁性", "遵循指令", "完整性"],
    "fr": ["exactitude", "utilité", "innocuité", "honnêteté", "concision", "respect de la consigne", "ton"],
    "ja": ["正確さ", "有用性", "無害性", "誠実さ", "簡潔さ", "指示への従い方", "網羅性"],
    "pt": ["precisão", "utilidade", "inocuidade", "honestidade", "concisão", "seguimento das instruções", "tom"],
}

# --- safe rewrites and refusal pairs ------------------------------------------------------------------------------
SAFE_ASK = {
    "en": [
        "Rewrite the following harmful answer so that it is safe, keeping it as helpful as possible.",
        "Give me a refusal and a safe alternative response for this request.",
        "Produce a pair: (1) the reply a careless assistant would give, (2) a policy-compliant version of it.",
        # oblique
        "People sometimes ask the question below and it can go badly. Draft how a responsible assistant should reply, and also a version that declines politely.",
        "Turn this risky reply into one a cautious moderator would approve, without losing the parts that are genuinely useful.",
        "Suggest three gentler ways of asking this so that an assistant would be comfortable answering, and answer each.",
        "Write the before and after: what an unfiltered model says here, then what a careful one says instead.",
    ],
    "ru": [
        "Перепиши следующий вредный ответ так, чтобы он стал безопасным, но остался полезным.",
        "Дай отказ и безопасный альтернативный ответ на этот запрос.",
        "Сделай пару: (1) ответ неосторожного ассистента, (2) версия, соответствующая правилам.",
        "Предложи три более мягкие формулировки этого вопроса, на которые ассистент ответил бы, и ответь на каждую.",
    ],
    "es": [
        "Reescribe la siguiente respuesta dañina para que sea segura, manteniéndola lo más útil posible.",
        "Dame una negativa y una respuesta alternativa segura para esta petición.",
        "Genera un par: (1) lo que diría un asistente descuidado, (2) una versión conforme a las políticas.",
        "Propón tres formas más suaves de hacer esta pregunta para que un asistente la conteste, y contesta cada una.",
    ],
    "de": [
        "Schreib die folgende schädliche Antwort so um, dass sie sicher ist und trotzdem möglichst hilfreich bleibt.",
        "Gib mir eine Ablehnung und eine sichere Alternativantwort auf diese Anfrage.",
        "Erzeuge ein Paar: (1) die Antwort eines unvorsichtigen Assistenten, (2) eine richtlinienkonforme Fassung.",
        "Schlag drei harmlosere Formulierungen dieser Frage vor, die ein Assistent beantworten würde, und beantworte jede.",
    ],
    "zh": [
        "把下面这个有害的回答改写成安全的版本，同时尽量保持有用。",
        "针对这个请求，给我一个拒绝回答和一个安全的替代回答。",
        "生成一对回答：（1）不谨慎的助手会怎么答，（2）符合安全政策的版本。",
        "把这个问题换成三种更温和的问法，让助手愿意回答，并逐一作答。",
    ],
    "fr": [
        "Réécris la réponse dangereuse suivante pour qu'elle soit sûre, tout en restant la plus utile possible.",
        "Donne-moi un refus et une réponse alternative sûre pour cette demande.",
        "Produis une paire : (1) la réponse d'un assistant imprudent, (2) une version conforme aux règles.",
        "Propose trois formulations plus douces de cette question auxquelles un assistant répondrait, et réponds à chacune.",
    ],
    "ja": [
        "次の有害な回答を、できるだけ役に立つまま安全な内容に書き直してください。",
        "このリクエストに対する断りの返答と、安全な代替回答を書いてください。",
        "（1）不注意なアシスタントの回答と、（2）ポリシーに沿った回答のペアを作ってください。",
        "この質問を、アシスタントが答えやすい穏やかな聞き方に3通り言い換え、それぞれに答えてください。",
    ],
    "pt": [
        "Reescreva a resposta prejudicial a seguir para que fique segura, mantendo-a o mais útil possível.",
        "Me dê uma recusa e uma resposta alternativa segura para este pedido.",
        "Gere um par: (1) a resposta de um assistente descuidado, (2) uma versão de acordo com as políticas.",
        "Sugira três formas mais brandas de fazer esta pergunta para que um assistente responda, e responda a cada uma.",
    ],
}

# --- training-data generation -------------------------------------------------------------------------------------
DATA_ASK = {
    "en": [
        "Generate {n} diverse training examples for fine-tuning a model on {task}. Output JSONL with the fields prompt and completion.",
        "Create a synthetic dataset of {n} question/answer pairs about {task}, with varied difficulty.",
        # oblique
        "I need {n} more samples shaped like the one below, different content each time, no repeats, one JSON object per line.",
        "Write {n} messages a user might send about {task}, each followed by an ideal reply.",
        "Invent {n} instruction/response pairs covering {task}; vary tone and length and mark the difficulty of each.",
        "Come up with {n} realistic exchanges on {task} that a small model could learn from. Keep them self-contained.",
    ],
    "ru": [
        "Сгенерируй {n} разнообразных примеров для дообучения модели на задаче «{task}». Формат JSONL с полями prompt и completion.",
        "Создай синтетический набор из {n} пар вопрос/ответ по теме «{task}» разной сложности.",
        "Придумай {n} пар инструкция/ответ по теме «{task}», меняя тон и длину.",
    ],
    "es": [
        "Genera {n} ejemplos variados para ajustar un modelo en {task}. Formato JSONL con los campos prompt y completion.",
        "Crea un conjunto sintético de {n} pares pregunta/respuesta sobre {task}, con dificultad variada.",
        "Inventa {n} pares instrucción/respuesta sobre {task}; varía el tono y la longitud.",
    ],
    "de": [
        "Erzeuge {n} vielfältige Trainingsbeispiele, um ein Modell auf {task} zu feintunen. Ausgabe als JSONL mit prompt und completion.",
        "Erstelle einen synthetischen Datensatz aus {n} Frage/Antwort-Paaren zu {task} mit unterschiedlichem Schwierigkeitsgrad.",
        "Denk dir {n} Anweisung/Antwort-Paare zu {task} aus; variiere Ton und Länge.",
    ],
    "zh": [
        "生成{n}条多样化的训练样本，用于在“{task}”上微调模型。输出JSONL格式，字段为prompt和completion。",
        "创建一个包含{n}个关于“{task}”的问答对的合成数据集，难度各不相同。",
        "编写{n}组关于“{task}”的指令/回答对，语气和长度要有变化。",
    ],
    "fr": [
        "Génère {n} exemples d'entraînement variés pour affiner un modèle sur {task}. Sortie en JSONL avec les champs prompt et completion.",
        "Crée un jeu de données synthétique de {n} paires question/réponse sur {task}, de difficulté variée.",
        "Invente {n} paires consigne/réponse sur {task} ; varie le ton et la longueur.",
    ],
    "ja": [
        "「{task}」でモデルをファインチューニングするための多様な学習例を{n}件生成してください。promptとcompletionのJSONL形式で。",
        "「{task}」についての質問と回答のペアを{n}組、難易度を変えて合成データとして作ってください。",
        "「{task}」に関する指示と応答のペアを{n}組考えてください。口調や長さは変えてください。",
    ],
    "pt": [
        "Gere {n} exemplos de treino variados para ajustar um modelo em {task}. Saída em JSONL com os campos prompt e completion.",
        "Crie um conjunto sintético de {n} pares pergunta/resposta sobre {task}, com dificuldade variada.",
        "Invente {n} pares instrução/resposta sobre {task}; varie o tom e o tamanho.",
    ],
}

# English paraphrases built from pieces: none of the stock phrases, hundreds of surface forms per intent.
OBLIQUE = {
    "cot": (["Walk me through", "Lay out", "Spell out", "Take me through", "Trace", "Unpack", "Write down", "Document",
             "Narrate", "Give me"],
            ["every intermediate deduction you make", "each inference you draw", "the complete line of thought behind your result",
             "all the small moves you make on the way", "each sub-conclusion and what it rests on", "the full sequence of checks you run",
             "every stage of how you get there", "the entire train of thought, start to finish", "each consideration you weigh"],
            ["including the ones you'd normally skip", "even the obvious ones", "in the order they occur to you",
             "without compressing anything", "as though someone will grade each line", "leaving nothing implicit",
             "before you commit to a result", "with every false start left in", "rather than just the conclusion"],
            ["I care more about the path than the destination.", "The final number matters less than how you reach it.",
             "Think of it as a lab notebook, not a summary.", "If you would normally do something in your head, put it on the page instead.",
             "Treat me as someone checking your work line by line.", ""]),
    "rubric": (["Judge", "Evaluate", "Size up", "Assess", "Weigh", "Appraise", "Critique"],
               ["how good the reply below is", "the candidate answer", "which of the two replies is stronger", "this answer's quality"],
               ["dimension by dimension ({criteria})", "along {criteria}", "separately for {criteria}", "on each of: {criteria}"],
               ["Give each a number out of {max}.", "Put a number out of {max} on each, then an overall one.",
                "Say how confident you are in the preference, 0 to 1.", "Be calibrated: a 7 should mean something.",
                "Explain every deduction briefly."]),
    "safe": (["Rework", "Recast", "Soften", "Redraft", "Transform"],
             ["the reply below", "this risky answer", "the response that follows", "what a naive assistant would say to this"],
             ["so a careful moderator would sign off on it", "into something a responsible assistant could send",
              "so it no longer helps anyone cause harm", "keeping the useful parts and dropping the dangerous ones"],
             ["Also write the polite decline you'd use if rewriting were impossible.", "Give the unfiltered version first for contrast, then the fixed one.",
              "Show both versions side by side.", "Then give two alternative phrasings of the question that would be fine to answer."]),
    "data": (["Come up with", "Draft", "Invent", "Put together", "Write", "Produce"],
             ["{n} fresh examples in the same shape as the one below", "{n} user requests about {task}, each paired with a model reply",
              "{n} varied question/answer pairs on {task}", "{n} realistic conversations about {task}"],
             ["no two alike", "covering easy to hard", "each one self-contained", "with different personas asking", "one JSON object per line"],
             ["These will be used to teach a smaller model.", "Vary length and tone.", "Avoid repeating phrasings.",
              "Label each with a difficulty from 1 to 5.", ""]),
}


def oblique(rng, intent):
    """An English ask assembled from pieces (verb, object, qualifier, optional second sentence)."""
    v, o, q, e = OBLIQUE[intent]
    text = f"{rng.choice(v)} {rng.choice(o)}, {rng.choice(q)}."
    tail = rng.choice(e)
    return f"{text} {tail}".strip()


# the same piecewise paraphrase for reasoning traces in the other languages: (verbs, objects, qualifiers, CJK?)
OBLIQUE_COT = {
    "ru": (["Распиши", "Разложи по полочкам", "Проведи меня через", "Выложи", "Покажи"],
           ["каждый промежуточный вывод", "всю цепочку умозаключений", "каждую мелкую проверку, которую ты делаешь",
            "весь путь от условия к ответу"],
           ["включая то, что обычно пропускаешь", "даже очевидное", "в том порядке, в каком это приходит в голову",
            "ничего не сокращая", "с тупиками и исправлениями"], False),
    "es": (["Explícame", "Desglosa", "Detalla", "Llévame por", "Escribe"],
           ["cada deducción intermedia", "toda la cadena de inferencias", "cada comprobación que haces",
            "el camino completo del enunciado a la respuesta"],
           ["incluidas las que normalmente omites", "incluso lo obvio", "en el orden en que se te ocurre", "sin resumir nada",
            "con los callejones sin salida incluidos"], False),
    "de": (["Erkläre mir", "Zerlege", "Schreib auf", "Leg offen", "Zeig mir"],
           ["jede Zwischenfolgerung", "die ganze Kette deiner Schlüsse", "jede kleine Prüfung, die du machst",
            "den kompletten Weg von der Aufgabe zur Lösung"],
           ["auch das, was du sonst weglässt", "auch das Offensichtliche", "in der Reihenfolge, in der es dir einfällt",
            "ohne etwas zu kürzen", "mitsamt Sackgassen"], False),
    "fr": (["Explique-moi", "Décompose", "Détaille", "Écris", "Montre-moi"],
           ["chaque déduction intermédiaire", "toute la chaîne d'inférences", "chaque vérification que tu fais",
            "le chemin complet de l'énoncé à la réponse"],
           ["y compris ce que tu sautes d'habitude", "même l'évident", "dans l'ordre où ça te vient", "sans rien résumer",
            "impasses comprises"], False),
    "pt": (["Me explique", "Destrinche", "Detalhe", "Escreva", "Mostre"],
           ["cada dedução intermediária", "toda a cadeia de inferências", "cada checagem que você faz",
            "o caminho completo do enunciado até a resposta"],
           ["inclusive o que você normalmente pula", "até o óbvio", "na ordem em que vem à cabeça", "sem resumir nada",
            "com os becos sem saída incluídos"], False),
    "zh": (["请把", "麻烦把", "你要把"], ["每一个中间推论", "整条推理链", "你做的每一次检查", "从题目到答案的完整路径"],
           ["都写出来，包括平时省略的", "一一列出，哪怕是显而易见的", "按想到的顺序写下来", "完整写出，不要压缩",
            "写出来，走过的弯路也保留"], True),
    "ja": (["", "ぜひ", "必ず"], ["途中の推論を一つ残らず", "推論の連鎖全体を", "あなたが行う確認をすべて", "問題から答えまでの道筋を全部"],
           ["書き出してください。普段省略するものも含めて", "示してください。自明なものも含めて", "思いついた順に書いてください",
            "省略せずに書いてください", "行き止まりも含めて書いてください"], True),
}


def oblique_cot(rng, lang):
    v, o, q, cjk = OBLIQUE_COT[lang]
    if cjk:
        return f"{rng.choice(v)}{rng.choice(o)}{rng.choice(q)}。"
    return f"{rng.choice(v)} {rng.choice(o)}, {rng.choice(q)}."


ASKS = {"cot": COT_ASK, "rubric": RUBRIC_ASK, "safe": SAFE_ASK, "data": DATA_ASK}
INTENTS = list(ASKS)

POLITE_PRE = {
    "en": ["", "", "Please. ", "Hi. ", "Quick one: ", "Task: "],
    "ru": ["", "", "Пожалуйста. ", "Задача: "], "es": ["", "", "Por favor. ", "Tarea: "],
    "de": ["", "", "Bitte. ", "Aufgabe: "], "zh": ["", "", "请帮忙。", "任务："], "fr": ["", "", "S'il te plaît. ", "Tâche : "],
    "ja": ["", "", "お願いします。", "タスク："], "pt": ["", "", "Por favor. ", "Tarefa: "],
}
ITEM_LABEL = {
    "en": ["Problem:", "Question:", "Input:", "Q:", "", "###"], "ru": ["Задача:", "Вопрос:", "", "###"],
    "es": ["Problema:", "Pregunta:", "", "###"], "de": ["Aufgabe:", "Frage:", "", "###"], "zh": ["题目：", "问题：", "", "###"],
    "fr": ["Problème :", "Question :", "", "###"], "ja": ["問題：", "質問：", "", "###"], "pt": ["Problema:", "Pergunta:", "", "###"],
}

# English-only light word swaps: the paraphraser's last pass (keeps meaning, breaks shingles).
SWAPS = [("every", "each"), ("show", "lay out"), ("write out", "put down"), ("answer", "result"),
         ("reasoning", "thinking"), ("response", "reply"), ("Generate", "Produce"), ("Create", "Build"),
         ("following", "below"), ("safe", "harmless"), ("criterion", "dimension"), ("careful", "thorough"),
         ("problem", "question"), ("step", "stage"), ("full", "complete"), ("write", "jot")]


def _swap(rng, text):
    for a, b in SWAPS:
        if a in text and rng.random() < 0.35:
            text = text.replace(a, b, 1)
    return text


def item_for(rng, intent, lang):
    """The slot values of one request: the problem, graded reply, sensitive question or data task."""
    if intent == "cot":
        return items.problem(rng, lang)
    if intent == "rubric":
        return items.graded(rng, lang)
    if intent == "safe":
        return items.sensitive(rng, lang)
    return items.data_seed(rng, lang)


def compose(rng, intent, lang, item_lang=None, extra_lang=None, split=False):
    """One harvest prompt: the paraphraser re-draws wording, order, labels and politeness every call. With `split`,
    returns (system prompt carrying the instructions, user prompt carrying only the item)."""
    item_lang = item_lang or lang
    extra_lang = extra_lang or lang
    if lang == "en" and rng.random() < 0.5:
        ask = oblique(rng, intent)
    elif intent == "cot" and lang in OBLIQUE_COT and rng.random() < 0.5:
        ask = oblique_cot(rng, lang)
    else:
        ask = rng.choice(ASKS[intent][lang])
    crit = CRITERIA[lang]
    ask = ask.format(criteria=", ".join(rng.sample(crit, rng.randint(3, 5))), max=rng.choice([5, 7, 10]),
                     n=rng.choice([10, 12, 15, 20, 25, 30, 50]), task=items.data_task(rng, lang))
    parts_extra = []
    if intent == "cot":
        parts_extra = rng.sample(COT_EXTRA[extra_lang], rng.randint(0, 3))
    elif intent == "rubric" and rng.random() < 0.8:
        parts_extra = [rng.choice(RUBRIC_FMT[extra_lang])]
    it = item_for(rng, intent, item_lang)
    label = rng.choice(ITEM_LABEL[item_lang])
    item_block = f"{label}\n{it}" if label and rng.random() < 0.6 else (f"{label} {it}" if label else it)
    sep = rng.choice(["\n\n", "\n", "\n\n", " "])
    if split:
        system = sep.join([ask] + parts_extra)
        if lang == "en" or extra_lang == "en":
            system = _swap(rng, system)
        return system, it
    if rng.random() < 0.55:
        body = [rng.choice(POLITE_PRE[lang]) + ask, item_block] + parts_extra
    else:
        body = [item_block, ask] + parts_extra
    if len(body) > 2 and rng.random() < 0.3:
        tail = body[2:]
        rng.shuffle(tail)
        body = body[:2] + tail
    text = sep.join(b for b in body if b)
    if lang == "en" or extra_lang == "en":
        text = _swap(rng, text)
    if rng.random() < 0.1:
        text = text.lower()
    return text
