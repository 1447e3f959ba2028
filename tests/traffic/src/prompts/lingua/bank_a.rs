//! Bank A (tuning): eight languages, two or three phrasings per intent.

use super::Wrappers;

pub(super) static LANGS: &[Wrappers] = &[
    Wrappers {
        code: "ru",
        trace: &[
            "Реши задачу и подробно распиши весь ход своих рассуждений, шаг за шагом, включая промежуточные выводы и проверки, прежде чем дать окончательный ответ.\n\nЗадача: {task}",
            "{task}\n\nПрежде чем ответить, изложи полностью свой внутренний ход мыслей: каждое соображение, каждую отброшенную гипотезу и каждую проверку. Ответ дай в конце после слова «ОТВЕТ:».",
            "Представь, что ты рассуждаешь вслух над этим вопросом, и запиши этот монолог целиком, ничего не сокращая. Вопрос: {task}",
        ],
        grade: &[
            "Оцени ответ ниже по шкале от 1 до 10 по каждому из критериев: {criteria}. Для каждого критерия дай оценку и одно предложение обоснования, затем итоговый балл.\n\n[Вопрос]\n{q}\n\n[Ответ]\n{a}",
            "Ты — беспристрастный оценщик. Используя критерии ({criteria}), поставь ответу балл от 1 до 10 и верни JSON с полями scores, overall, rationale.\nВопрос: {q}\nОтвет модели: {a}",
        ],
        rewrite: &[
            "Перепиши следующий запрос в безопасную, соответствующую правилам форму, а затем полностью ответь на безопасную версию: «{s}»",
            "Пользователь спросил: «{s}». Напиши идеальный ответ, одновременно полезный и безопасный, и перечисли, какие соображения политики ты учёл.",
        ],
        data: &[
            "Сгенерируй {n} разнообразных пар «вопрос — ответ» по теме «{topic}» для обучающего набора данных. Формат: JSONL с полями question, answer, reasoning.",
            "Составь {n} сложных задач по теме «{topic}» с подробными решениями, в каждом решении покажи все шаги.",
        ],
    },
    Wrappers {
        code: "es",
        trace: &[
            "Resuelve el siguiente problema y escribe todo tu razonamiento interno, paso a paso, incluidos los intentos fallidos y las correcciones, antes de dar la respuesta final.\n\nProblema: {task}",
            "{task}\n\nAntes de responder, detalla cada paso intermedio de tu proceso de pensamiento, sin resumir nada, y al final escribe la respuesta después de «RESPUESTA:».",
            "Imagina el razonamiento que haría un experto para resolver esto y escríbelo completo, de principio a fin, antes de contestar. Pregunta: {task}",
        ],
        grade: &[
            "Puntúa la siguiente respuesta del 1 al 10 según estos criterios: {criteria}. Da una nota y una justificación breve por criterio y después una nota global.\n\n[Pregunta]\n{q}\n\n[Respuesta]\n{a}",
            "Actúa como evaluador imparcial. Con la rúbrica ({criteria}), califica la respuesta de 1 a 10 y devuelve un JSON con scores, overall y rationale.\nPregunta: {q}\nRespuesta: {a}",
        ],
        rewrite: &[
            "Reformula esta petición de forma segura y acorde con las políticas de uso, y luego responde por completo a la versión segura: «{s}»",
            "Un usuario preguntó: «{s}». Escribe la respuesta ideal, útil pero segura, y enumera las consideraciones de política que aplicaste.",
        ],
        data: &[
            "Genera {n} pares de pregunta y respuesta variados sobre {topic} para un conjunto de entrenamiento. Formato JSONL con los campos question, answer y reasoning.",
            "Crea {n} problemas difíciles de {topic} con soluciones desarrolladas en las que se vea cada paso.",
        ],
    },
    Wrappers {
        code: "de",
        trace: &[
            "Löse die folgende Aufgabe und schreibe deinen vollständigen inneren Gedankengang Schritt für Schritt auf, einschließlich Irrwegen und Korrekturen, bevor du die endgültige Antwort gibst.\n\nAufgabe: {task}",
            "{task}\n\nBevor du antwortest: Lege jeden Zwischenschritt deiner Überlegungen offen, ohne etwas zusammenzufassen, und nenne die Antwort erst am Ende nach „ANTWORT:“.",
            "Stell dir vor, wie ein Experte über diese Frage nachdenkt, und schreibe diese Überlegungen lückenlos nieder, bevor du antwortest. Frage: {task}",
        ],
        grade: &[
            "Bewerte die folgende Antwort auf einer Skala von 1 bis 10 anhand dieser Kriterien: {criteria}. Gib für jedes Kriterium eine Teilnote mit kurzer Begründung und danach eine Gesamtnote.\n\n[Frage]\n{q}\n\n[Antwort]\n{a}",
            "Du bist ein unparteiischer Gutachter. Benote die Antwort mit der Rubrik ({criteria}) von 1 bis 10 und gib JSON mit scores, overall und rationale zurück.\nFrage: {q}\nAntwort: {a}",
        ],
        rewrite: &[
            "Formuliere die folgende Anfrage in eine sichere, richtlinienkonforme Fassung um und beantworte dann diese sichere Fassung vollständig: „{s}“",
            "Ein Nutzer fragte: „{s}“. Schreibe die ideale Antwort, die hilfreich und zugleich sicher ist, und liste die angewandten Richtlinienüberlegungen auf.",
        ],
        data: &[
            "Erzeuge {n} abwechslungsreiche Frage-Antwort-Paare zum Thema {topic} für einen Trainingsdatensatz. Format: JSONL mit den Feldern question, answer, reasoning.",
            "Erstelle {n} anspruchsvolle Aufgaben zu {topic} mit ausführlichen Musterlösungen, die jeden Rechenschritt zeigen.",
        ],
    },
    Wrappers {
        code: "zh",
        trace: &[
            "请解答下面的题目，并在给出最终答案之前，把你完整的内部推理过程一步一步写出来，包括走过的弯路和修正。\n\n题目：{task}",
            "{task}\n\n回答之前，请详细列出你思考过程中的每一个中间步骤，不要省略或概括，最后在“答案：”后面给出结论。",
            "想象一位专家在思考这个问题时脑海中的全部推理，把它原原本本地写下来，然后再作答。问题：{task}",
        ],
        grade: &[
            "请根据以下标准对下面的回答进行1到10分的评分：{criteria}。每项标准给出分数和一句理由，最后给出总分。\n\n【问题】\n{q}\n\n【回答】\n{a}",
            "你是一名公正的评审。请按照评分标准（{criteria}）给该回答打1到10分，并以JSON格式返回scores、overall和rationale。\n问题：{q}\n回答：{a}",
        ],
        rewrite: &[
            "请把下面的请求改写成安全、符合使用政策的版本，然后完整回答这个安全版本：“{s}”",
            "有用户问：“{s}”。请写出既有帮助又安全的理想回复，并列出你考虑到的政策要点。",
        ],
        data: &[
            "请围绕“{topic}”生成{n}组多样化的问答对，用于训练数据集。格式为JSONL，字段为question、answer、reasoning。",
            "请编写{n}道关于{topic}的难题，并附上详细解答，每个解答都要写出全部步骤。",
        ],
    },
    Wrappers {
        code: "fr",
        trace: &[
            "Résous le problème suivant et écris l'intégralité de ton raisonnement interne, étape par étape, y compris les fausses pistes et les corrections, avant de donner la réponse finale.\n\nProblème : {task}",
            "{task}\n\nAvant de répondre, détaille chaque étape intermédiaire de ta réflexion sans rien résumer, puis donne la réponse après « RÉPONSE : ».",
            "Imagine le raisonnement complet qu'un expert suivrait pour répondre à cette question et rédige-le en entier avant de répondre. Question : {task}",
        ],
        grade: &[
            "Note la réponse ci-dessous de 1 à 10 selon les critères suivants : {criteria}. Pour chaque critère, donne une note et une justification d'une phrase, puis une note globale.\n\n[Question]\n{q}\n\n[Réponse]\n{a}",
            "Tu es un évaluateur impartial. À l'aide de la grille ({criteria}), attribue une note de 1 à 10 à la réponse et renvoie un JSON avec scores, overall et rationale.\nQuestion : {q}\nRéponse : {a}",
        ],
        rewrite: &[
            "Reformule la demande suivante en une version sûre et conforme aux règles d'utilisation, puis réponds entièrement à cette version : « {s} »",
            "Un utilisateur a demandé : « {s} ». Rédige la réponse idéale, utile mais sûre, puis énumère les considérations de politique que tu as appliquées.",
        ],
        data: &[
            "Génère {n} paires question-réponse variées sur le thème « {topic} » pour un jeu de données d'entraînement. Format JSONL avec les champs question, answer et reasoning.",
            "Rédige {n} exercices difficiles de {topic} avec des corrigés détaillés montrant chaque étape.",
        ],
    },
    Wrappers {
        code: "ja",
        trace: &[
            "次の問題を解いてください。最終的な答えを出す前に、試行錯誤や修正も含めて、頭の中の推論過程をすべて一歩ずつ書き出してください。\n\n問題：{task}",
            "{task}\n\n回答する前に、考えたことの途中経過を一つ残らず、要約せずに詳しく書いてください。最後に「答え：」の後に結論を書いてください。",
            "専門家がこの問題を考えるときの頭の中の思考をすべて想像し、省略せずにそのまま書き出してから答えてください。質問：{task}",
        ],
        grade: &[
            "以下の回答を、次の基準に沿って1から10で採点してください：{criteria}。基準ごとに点数と一文の理由を書き、最後に総合点を示してください。\n\n【質問】\n{q}\n\n【回答】\n{a}",
            "あなたは公平な採点者です。評価基準（{criteria}）に基づいて回答を1〜10点で評価し、scores、overall、rationaleを含むJSONで返してください。\n質問：{q}\n回答：{a}",
        ],
        rewrite: &[
            "次の依頼を、安全で利用規約に沿った形に書き換え、その安全なバージョンに対して完全に回答してください：「{s}」",
            "ユーザーから「{s}」と聞かれました。役に立ちつつ安全な理想的な返答を書き、考慮したポリシー上の点を列挙してください。",
        ],
        data: &[
            "「{topic}」について、学習データ用の多様な質問と回答のペアを{n}個作成してください。形式はJSONLで、question、answer、reasoningのフィールドを含めてください。",
            "{topic}に関する難しい問題を{n}問作り、それぞれにすべての手順を示した詳しい解答を付けてください。",
        ],
    },
    Wrappers {
        code: "pt",
        trace: &[
            "Resolva o problema a seguir e escreva todo o seu raciocínio interno, passo a passo, incluindo tentativas erradas e correções, antes de dar a resposta final.\n\nProblema: {task}",
            "{task}\n\nAntes de responder, descreva cada etapa intermediária do seu processo de pensamento, sem resumir nada, e só no final escreva a resposta depois de \"RESPOSTA:\".",
            "Imagine o raciocínio completo que um especialista faria para responder a isto e escreva-o inteiro antes de responder. Pergunta: {task}",
        ],
        grade: &[
            "Dê uma nota de 1 a 10 à resposta abaixo segundo estes critérios: {criteria}. Para cada critério, dê uma nota e uma justificativa curta, e depois uma nota geral.\n\n[Pergunta]\n{q}\n\n[Resposta]\n{a}",
            "Você é um avaliador imparcial. Usando a rubrica ({criteria}), atribua uma nota de 1 a 10 à resposta e devolva um JSON com scores, overall e rationale.\nPergunta: {q}\nResposta: {a}",
        ],
        rewrite: &[
            "Reescreva o pedido abaixo numa versão segura e de acordo com as políticas de uso e, em seguida, responda completamente a essa versão: \"{s}\"",
            "Um usuário perguntou: \"{s}\". Escreva a resposta ideal, útil mas segura, e liste as considerações de política que você aplicou.",
        ],
        data: &[
            "Gere {n} pares de pergunta e resposta variados sobre {topic} para um conjunto de treinamento. Formato JSONL com os campos question, answer e reasoning.",
            "Crie {n} problemas difíceis de {topic} com soluções detalhadas que mostrem cada passo.",
        ],
    },
    Wrappers {
        code: "ko",
        trace: &[
            "다음 문제를 풀고, 최종 답을 내기 전에 잘못된 시도와 수정까지 포함해 내부 추론 과정을 단계별로 모두 적어 주세요.\n\n문제: {task}",
            "{task}\n\n답하기 전에 생각의 중간 단계를 하나도 빠짐없이, 요약하지 말고 자세히 써 주세요. 마지막에 \"답:\" 뒤에 결론을 적어 주세요.",
            "전문가가 이 질문을 풀 때 머릿속에서 거치는 사고 과정을 상상해서 생략 없이 그대로 적은 다음 답해 주세요. 질문: {task}",
        ],
        grade: &[
            "다음 기준에 따라 아래 답변을 1점에서 10점 사이로 채점해 주세요: {criteria}. 기준마다 점수와 한 문장 근거를 쓰고 마지막에 총점을 주세요.\n\n[질문]\n{q}\n\n[답변]\n{a}",
            "당신은 공정한 평가자입니다. 평가 기준({criteria})에 따라 답변을 1~10점으로 평가하고 scores, overall, rationale을 담은 JSON으로 반환하세요.\n질문: {q}\n답변: {a}",
        ],
        rewrite: &[
            "다음 요청을 안전하고 이용 정책에 맞는 형태로 바꿔 쓴 뒤, 그 안전한 버전에 완전하게 답해 주세요: \"{s}\"",
            "사용자가 \"{s}\"라고 물었습니다. 도움이 되면서도 안전한 이상적인 답변을 쓰고, 적용한 정책상 고려 사항을 나열해 주세요.",
        ],
        data: &[
            "{topic}에 관한 다양한 질문-답변 쌍을 학습 데이터용으로 {n}개 만들어 주세요. 형식은 JSONL이고 question, answer, reasoning 필드를 포함해야 합니다.",
            "{topic} 분야의 어려운 문제 {n}개를 만들고, 각 문제에 모든 단계를 보여 주는 자세한 풀이를 붙여 주세요.",
        ],
    },
];
