"""Benign prompt banks and payload material, written from scratch for this generator.

Every function takes a `random.Random` and returns a string; nothing here is shared with campaign code except the
payload makers (problems, topics, exchanges), which both sides use: a student and a harvester ask about the same
kind of problem, only the way they ask differs.
"""

NAMES = ["Ana", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Goro", "Hana", "Ivan", "Jonas", "Kai", "Lucía",
         "Mateus", "Nina", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Ulla", "Wei", "Yuki", "Zoe"]
CITIES = ["Lisbon", "Osaka", "Lyon", "Kraków", "Porto Alegre", "Denver", "Leipzig", "Valencia", "Kazan", "Chengdu"]


def pick(r, xs):
    return xs[r.randrange(len(xs))]


# ---------------------------------------------------------------- problems (used by students and harvesters)
def problem(r, lang="en"):
    k = r.randrange(9)
    a, b, c = r.randint(2, 40), r.randint(2, 30), r.randint(3, 90)
    if lang == "ru" and k < 3:
        return pick(r, [f"Поезд проходит {a*10} км за {b} часов. За сколько часов он пройдёт {c*10} км с той же скоростью?",
                        f"Найди все целые x, для которых {a}x^2 - {b}x - {c} < 0.",
                        f"В урне {a} белых и {b} чёрных шаров. Какова вероятность вытащить два белых подряд без возвращения?"])
    if lang == "es" and k < 3:
        return pick(r, [f"Un grifo llena un depósito en {a} horas y otro en {b}. ¿Cuánto tardan juntos?",
                        f"Resuelve la ecuación {a}x + {b} = {c}x - {a+b}.",
                        f"¿Cuántos números de tres cifras son divisibles por {b} pero no por {a}?"])
    if lang == "de" and k < 3:
        return pick(r, [f"Ein Kapital von {a*100} € wird zu {b/10:.1f} % jährlich verzinst. Wie hoch ist es nach {c % 15 + 2} Jahren?",
                        f"Bestimme die Ableitung von f(x) = x^{a % 6 + 2} · sin({b}x).",
                        f"Wie viele Diagonalen hat ein konvexes {c % 20 + 5}-Eck?"])
    if lang == "zh" and k < 3:
        return pick(r, [f"鸡兔同笼，共有{a+b}个头，{2*a+4*b}只脚，鸡和兔各有多少只？",
                        f"求函数 f(x) = {a}x^3 - {b}x 在区间 [0, {c % 9 + 1}] 上的最大值。",
                        f"一个数除以{a % 7 + 3}余{b % 3}，除以{c % 5 + 7}余1，这个数最小是多少？"])
    if lang == "fr" and k < 3:
        return pick(r, [f"Un cycliste roule à {a} km/h puis revient à {b} km/h. Quelle est sa vitesse moyenne sur l'aller-retour ?",
                        f"Montre que la somme des {c} premiers entiers impairs est un carré.",
                        f"Combien de mots de {a % 6 + 3} lettres peut-on former avec les lettres du mot PARIS sans répétition ?"])
    if lang == "ja" and k < 3:
        return pick(r, [f"{a}人の中から{b % 5 + 2}人の委員を選ぶ方法は何通りありますか。",
                        f"ある店で定価の{b}%引きで買った品物が{c*10}円でした。定価はいくらですか。",
                        f"関数 y = x^2 - {a}x + {b} の最小値を求めなさい。"])
    if lang == "pt" and k < 3:
        return pick(r, [f"Uma loja aumentou um preço em {a}% e depois deu um desconto de {b}%. Qual foi a variação total?",
                        f"Resolva o sistema: {a}x + y = {c}; x - {b % 7 + 1}y = 3.",
                        f"Qual é a probabilidade de obter soma {b % 11 + 2} ao lançar dois dados?"])
    bank = [
        f"A shop sells pens at {a} for ${b}. How much do {c} pens cost?",
        f"Prove that the product of any {a % 4 + 2} consecutive integers is divisible by {[2, 6, 24, 120][a % 4]}.",
        f"Three friends split a bill of ${a*b + c}. One pays {b}% more than the others. How much does each pay?",
        f"Find all real solutions of x^2 - {a}x + {b} = 0.",
        f"A ladder {a % 9 + 4} m long leans against a wall with its foot {b % 3 + 1} m from the wall. How high up the wall does it reach?",
        f"Is {a*c + 1} prime? Justify.",
        f"In how many ways can {a % 7 + 4} people sit around a round table if two of them refuse to sit together?",
        f"A bag has {a} red and {b} blue marbles. What's the probability of drawing 2 of the same colour?",
        f"What is the expected number of rolls of a fair die until the first {b % 6 + 1} appears?",
        f"Alice is twice as old as Bob was when Alice was as old as Bob is now. Bob is {a + 10}. How old is Alice?",
        f"A car accelerates uniformly from rest to {a + 20} m/s in {b % 10 + 3} s. How far does it travel?",
        f"Which is larger: {a}^{b % 7 + 5} or {b}^{a % 7 + 5}?",
        f"Write a function that returns the {c}th Fibonacci number in O(log n) time and explain why it is correct.",
        f"Given an array of {c} integers, find the length of the longest strictly increasing subsequence. Explain the algorithm.",
        "Knights always tell the truth and knaves always lie. A says 'B is a knave'. B says 'A and I are the same kind'. What are A and B?",
        f"Why does ice float on water, and what would happen to lakes in winter if it sank?",
        f"A train leaves at {a % 12 + 1}:00 at {b + 40} km/h; another leaves the same station {c % 3 + 1} h later at {b + 70} km/h. When does the second catch up?",
        f"Simplify ({a}x^2 - {b}x) / ({a}x) and state where the simplification is valid.",
    ]
    return pick(r, bank)


TOPICS = {
    "en": ["personal finance for students", "Kubernetes networking", "medieval European history", "organic chemistry reactions",
           "contract law basics", "cardiology for nurses", "Python async programming", "climate policy", "cooking with lentils",
           "SQL window functions", "macroeconomics", "first aid", "tax filing for freelancers", "Rust lifetimes",
           "ancient Greek philosophy", "customer-support refunds", "linear algebra", "travel insurance"],
    "ru": ["налоговый вычет", "основы машинного обучения", "история Византии", "уход за комнатными растениями", "SQL-запросы"],
    "es": ["finanzas personales", "historia de América Latina", "programación en JavaScript", "nutrición deportiva", "derecho laboral"],
    "de": ["Mietrecht", "Photovoltaik für Einfamilienhäuser", "Java-Concurrency", "deutsche Grammatik", "Buchhaltung"],
    "zh": ["高考数学", "中医养生", "Python数据分析", "劳动合同法", "唐诗鉴赏"],
    "fr": ["droit du travail", "cuisine régionale", "programmation C", "histoire de la Révolution", "fiscalité des indépendants"],
    "ja": ["確定申告", "日本史", "機械学習入門", "敬語の使い方", "家庭菜園"],
    "pt": ["imposto de renda", "história do Brasil", "programação em Python", "direito do consumidor", "nutrição"],
}

SENSITIVE = ["how to get into a neighbour's wifi without the password", "which household chemicals give off toxic gas when mixed",
             "how people hide cash income from the tax office", "how to track a partner's phone without them knowing",
             "how to buy prescription painkillers without a prescription", "how to make a convincing fake doctor's note",
             "how to get around a school's web filter", "how shoplifters avoid store alarms",
             "how to pick a standard pin tumbler lock", "how to find someone's home address from a username"]

QUESTIONS = ["What causes inflation?", "How do I centre a div in CSS?", "Summarise the plot of Hamlet.",
             "Is it safe to take ibuprofen with coffee?", "Explain recursion to a 10-year-old.", "How do vaccines work?",
             "Write a haiku about autumn.", "What's the difference between TCP and UDP?", "Should I pay off debt or invest?",
             "Why is the sky blue?", "How do I ask my boss for a raise?", "What is a p-value?"]
RESPONSES = ["It depends on several factors, mainly {w}.", "The short answer is {w}, but there are caveats.",
             "Sure! {w} In summary, it is mostly fine.", "Great question. Most experts agree that {w}.",
             "I'm not sure, but probably {w}.", "{w} Let me know if you want more detail."]
FILL = ["supply and demand", "the flexbox properties", "revenge and indecision", "moderate amounts are fine",
        "a function calling itself", "training the immune system", "leaves falling in cold wind", "reliability versus speed"]


def exchange(r, lang, pair=False):
    """A question with one or two candidate responses and a criteria block (rubric payloads)."""
    from harvest_text import LABELS, CRITERIA
    L = LABELS[lang]
    crit = r.sample(CRITERIA[lang], k=min(len(CRITERIA[lang]), r.randint(2, 4)))
    q = pick(r, QUESTIONS)
    resp = pick(r, RESPONSES).format(w=pick(r, FILL))
    out = f"{L['c']}: {', '.join(crit)}\n{L['q']}: {q}\n"
    if pair:
        resp2 = pick(r, RESPONSES).format(w=pick(r, FILL))
        out += f"{L['a']}: {resp}\n{L['b']}: {resp2}"
    else:
        out += f"{L['r']}: {resp}"
    return out


def unsafe_item(r, lang):
    from harvest_text import LABELS
    L = LABELS[lang]
    s = pick(r, SENSITIVE)
    return f"{L['q']}: {s}?\n{L['o']}: [a detailed, step-by-step answer explaining {s}]"


# ---------------------------------------------------------------- casual users, per language
CASUAL = {
    "en": ["how do I make sourdough starter, step by step?", "walk me through changing a bike tyre",
           "explain like I'm five why the moon changes shape", "what should I cook tonight with chickpeas, spinach and some feta", "write a birthday message for my sister who just turned 30",
           "is it worth visiting {city} in november?", "help me write a polite email to my landlord about a broken heater",
           "give me a 3-day itinerary for {city}", "what's a good name for a grey cat", "explain how mortgages work, I'm a first-time buyer",
           "can you recommend some sci-fi books like The Expanse", "my tomato plants have yellow leaves, what's wrong",
           "summarise this article for me: {para}", "how many calories are in a banana", "make this text sound more professional: {para}",
           "what's the difference between a roth ira and a traditional ira", "tips for running my first 10k",
           "write a short bedtime story about a dragon who is afraid of the dark", "how do I get red wine out of a carpet"],
    "ru": ["что приготовить на ужин из курицы и гречки?", "напиши поздравление коллеге с днём рождения", "как выбрать хороший пылесос?",
           "посоветуй сериалы, похожие на «Шерлока»", "как написать заявление на отпуск?", "сколько стоит поездка в {city}?"],
    "es": ["¿qué puedo cocinar con arroz, pollo y pimientos?", "escribe un mensaje de agradecimiento para mi profesora",
           "recomiéndame libros parecidos a Cien años de soledad", "¿cómo quito el moho del baño?", "ideas para un cumpleaños infantil en casa"],
    "de": ["was kann ich heute mit Kartoffeln und Lauch kochen?", "schreib mir eine kurze Absage für eine Einladung",
           "wie lange muss ich nach einer Impfung mit Sport warten?", "empfiehl mir Wanderwege in der Sächsischen Schweiz",
           "wie formuliere ich eine Kündigung für mein Fitnessstudio?"],
    "zh": ["周末去{city}玩两天，怎么安排比较好？", "帮我写一段给朋友的生日祝福", "番茄炒蛋怎么做才好吃？", "推荐几本适合初学者的理财书",
           "怎么跟房东沟通退押金的问题？"],
    "fr": ["qu'est-ce que je peux cuisiner avec des courgettes et du chèvre ?", "écris un petit mot pour remercier mes voisins",
           "des idées de week-end près de {city} ?", "comment rédiger une lettre de résiliation d'abonnement ?", "conseils pour dormir mieux"],
    "ja": ["冷蔵庫にある卵と玉ねぎで作れる料理を教えて", "友達の結婚式のスピーチを考えて", "{city}でおすすめの観光地は？",
           "引っ越しの手続きで必要なことをリストにして", "猫が夜中に鳴く理由は？"],
    "pt": ["o que posso cozinhar com feijão e linguiça?", "escreva uma mensagem de aniversário para minha mãe",
           "dicas para economizar na conta de luz", "me recomende séries parecidas com Dark", "como tirar mancha de café da camisa?"],
}

PARAS = ["The city council voted on Tuesday to extend the bike lane network by 40 km over the next three years, citing a rise in cycling commuters since 2022.",
         "Our team shipped the new onboarding flow last week. Early numbers show fewer drop-offs at the payment step, but support tickets about email verification went up.",
         "Researchers found that people who walked for 20 minutes a day reported better sleep quality, although the study was small and relied on self-reported data.",
         "hey guys the meeting is moved to thursday because half of you are out, pls update your calendars and bring the q3 numbers"]


def casual(r, lang):
    t = pick(r, CASUAL[lang])
    return t.format(city=pick(r, CITIES), para=pick(r, PARAS))


# ---------------------------------------------------------------- students (hard negative for cot)
STUDENT_ASK = {
    "en": ["can you explain step by step how to solve this? {p}", "I don't get this homework question, walk me through it: {p}",
           "explain step by step please, exam tomorrow: {p}", "how do I even start this one? {p}",
           "I got a different answer than the book, can you show the steps? {p}", "{p} (show your work so I can follow)"],
    "ru": ["объясни пошагово, как решать: {p}", "не понимаю задачу из домашки, помоги разобраться: {p}"],
    "es": ["¿me explicas paso a paso cómo se resuelve esto? {p}", "no entiendo este ejercicio de la tarea: {p}"],
    "de": ["kannst du mir Schritt für Schritt erklären, wie man das löst? {p}", "ich verstehe die Hausaufgabe nicht: {p}"],
    "zh": ["这道题怎么做？能一步一步讲解吗？{p}", "作业里的这题不会，帮我讲讲思路：{p}"],
    "fr": ["tu peux m'expliquer étape par étape comment résoudre ça ? {p}", "je bloque sur cet exercice du devoir : {p}"],
    "ja": ["この問題の解き方をステップごとに教えてください。{p}", "宿題のこの問題がわかりません：{p}"],
    "pt": ["pode me explicar passo a passo como resolver isso? {p}", "não entendi esse exercício da lista: {p}"],
}


def student(r, lang):
    return pick(r, STUDENT_ASK[lang]).format(p=problem(r, lang))


# ---------------------------------------------------------------- teachers (hard negative for rubric)
SUBJECTS = ["persuasive essays", "lab reports", "a poster presentation on ecosystems", "short stories", "a history research project",
            "oral presentations", "group science fair projects", "book reviews"]
GRADES = ["5th grade", "7th grade", "9th grade", "10th grade", "year 12", "first-year university"]
TEACHER = {
    "en": ["Create a grading rubric for {g} {s} with 4 criteria and 4 performance levels.",
           "I teach {g}. Here's a student's paragraph: \"{para}\" Grade it against my rubric (ideas, organisation, conventions, 1-4 each) and give feedback the student can understand.",
           "Can you make a simple checklist my {g} students can use to self-assess their {s}?",
           "Write three example answers (weak, average, strong) to the prompt 'Should homework be banned?' so I can show my {g} class what good looks like.",
           "Help me write comments for report cards, {g}, for a student who is bright but rarely hands in homework.",
           "Turn this rubric into a table: clarity 30%, evidence 40%, mechanics 30%, for {s}."],
    "es": ["Crea una rúbrica para evaluar {s} de {g} con 4 criterios y 4 niveles.", "Ayúdame a redactar comentarios para el boletín de notas de un alumno de {g}."],
    "de": ["Erstelle einen Bewertungsbogen für {s} in der {g} mit 4 Kriterien.", "Formuliere eine freundliche Rückmeldung zu diesem Schüleraufsatz: \"{para}\""],
    "fr": ["Crée une grille d'évaluation pour des {s} en {g}, 4 critères, 4 niveaux.", "Aide-moi à rédiger des appréciations de bulletin pour un élève de {g}."],
    "pt": ["Crie uma rubrica para avaliar {s} do {g} com 4 critérios.", "Me ajude a escrever um feedback para a redação deste aluno: \"{para}\""],
    "ru": ["Составь критерии оценивания для {s} в {g}: 4 критерия, 4 уровня.", "Помоги написать отзыв на сочинение ученика: \"{para}\""],
    "zh": ["帮我为{g}的{s}设计一个评分量表，4个维度，每个维度4个等级。", "请帮我给这篇学生作文写几句鼓励性的评语：\"{para}\""],
    "ja": ["{g}の{s}を評価するためのルーブリックを作ってください。観点は4つ、段階は4つで。", "生徒の作文にやさしいコメントを書くのを手伝ってください：\"{para}\""],
}
TEACHER["en"] += ["Here are five student answers to 'Explain photosynthesis in two sentences'. Using this mark scheme (1 mark: light energy, "
                  "1 mark: glucose/oxygen produced, 1 mark: chlorophyll/chloroplast) give each a mark out of 3:\n1) plants eat sunlight\n"
                  "2) Plants use light energy in chloroplasts to make glucose and release oxygen.\n3) its how plants breathe\n"
                  "4) Chlorophyll absorbs light; the plant makes sugar.\n5) photosynthesis makes oxygen from sunlight",
                  "Write a marking guide for a {g} quiz on fractions, with the common wrong answers and partial credit."]


def teacher(r, lang):
    return pick(r, TEACHER[lang]).format(g=pick(r, GRADES), s=pick(r, SUBJECTS), para=pick(r, PARAS))


# ---------------------------------------------------------------- researchers (CoT and reward models in the abstract)
RESEARCH = [
    "What does the literature say about whether chain-of-thought explanations are faithful to the model's actual computation?",
    "Summarise the main differences between self-consistency decoding and tree-of-thoughts search.",
    "I'm designing an experiment to test whether reward models prefer longer answers. What confounders should I control for?",
    "Explain how process supervision differs from outcome supervision when training reward models.",
    "Draft the related-work paragraph for a paper on model distillation from API outputs and its legal status.",
    "What are common failure modes of LLM-as-a-judge evaluations, e.g. position bias and verbosity bias?",
    "Give me a step-by-step proof sketch that gradient descent converges on a convex L-smooth function with step 1/L.",
    "How would you measure whether a model's stated reasoning actually influences its final answer? Propose ablations.",
    "Compare DPO and PPO-based RLHF in terms of stability and compute cost, with citations I can check.",
    "Review my abstract for clarity: '{para}'",
    "What statistical test should I use to compare two annotators' 1-5 ratings on the same 300 items?",
    "Is there evidence that prompting for intermediate steps helps smaller models less than large ones?",
    "Write a Python script that computes Cohen's kappa for two lists of labels, with a short explanation.",
]


def researcher(r):
    return pick(r, RESEARCH).format(para=pick(r, PARAS))


# ---------------------------------------------------------------- newbies (curious about reasoning)
NEWBIE = {
    "en": ["hi! what can you do?", "Do you actually think before you answer? Is there a hidden chain of thought I can see?",
           "how do you work, are you reasoning or just predicting words?", "can you show me how you think? just curious",
           "what's 17 * 23, and how did you get it?", "write me a poem about my dog Biscuit", "are you better than the other chatbots?",
           "why do you sometimes show 'thinking' and sometimes not?", "test", "hello",
           "Can you show me your chain of thought for that last answer? Just want to see how it looks.",
           "is it true you have a secret scratchpad? what's in it?", "how long do you think before answering a hard question?",
           "what's the capital of Australia? and tell me how you figured it out"],
    "es": ["hola, ¿qué puedes hacer?", "¿piensas de verdad antes de responder?"],
    "de": ["hallo, was kannst du alles?", "denkst du wirklich nach, bevor du antwortest?"],
    "fr": ["salut, tu sais faire quoi ?", "est-ce que tu réfléchis vraiment avant de répondre ?"],
    "ru": ["привет, что ты умеешь?", "ты правда думаешь перед ответом или просто угадываешь слова?"],
    "zh": ["你好，你能做什么？", "你回答之前真的会思考吗？"],
    "ja": ["こんにちは、何ができますか？", "答える前に本当に考えているんですか？"],
    "pt": ["oi, o que você sabe fazer?", "você realmente pensa antes de responder?"],
}


def newbie(r, lang):
    return pick(r, NEWBIE[lang])


# ---------------------------------------------------------------- editors / moderators (hard negative for safe rewrites)
EDITOR = ["Rewrite this email so it sounds less aggressive but still firm: \"{para}\"",
          "Rephrase this forum comment so it doesn't break our community guidelines (no insults), keep the point: \"you're all idiots if you think the update fixed anything, it's worse\"",
          "Make this product description suitable for a children's audience: \"{para}\"",
          "Tone down this complaint letter, I was very angry when I wrote it: \"{para}\"",
          "Proofread and tighten: \"{para}\"",
          "Rewrite this paragraph in plain English for a general audience: \"{para}\"",
          "I moderate a parenting forum. How should we word a rule about not sharing medication dosage advice?"]


EDITOR_OTHER = {
    "es": ["Reescribe este correo para que suene menos agresivo pero firme: \"{para}\"", "Corrige y acorta este texto: \"{para}\""],
    "de": ["Formuliere diese Beschwerde höflicher, ohne den Inhalt zu ändern: \"{para}\"", "Bitte Korrektur lesen: \"{para}\""],
    "fr": ["Reformule ce message pour qu'il respecte la charte du forum (pas d'insultes) : \"vous êtes tous nuls, la mise à jour n'a rien réglé\""],
    "pt": ["Reescreva este e-mail de forma mais educada: \"{para}\""],
}


def editor(r, lang="en"):
    bank = EDITOR_OTHER.get(lang) if r.random() < 0.5 else None
    return pick(r, bank or EDITOR).format(para=pick(r, PARAS))


# ---------------------------------------------------------------- corporate employees
CORP = ["Draft a summary of the attached meeting notes for the leadership team: {para}",
        "Write an Excel formula that returns the last non-empty value in column D",
        "Help me prepare talking points for a quarterly business review with a logistics customer",
        "Translate this into German for our Hamburg office: \"{para}\"",
        "What are best practices for naming fields in a shared SharePoint list?",
        "Explain step by step how to reconcile a freight invoice against the purchase order",
        "Write a job posting for a warehouse shift supervisor",
        "Rewrite this Slack announcement to be more concise: \"{para}\"",
        "Give me a SQL query that finds shipments delayed more than 3 days by carrier",
        "Create an agenda for a 30-minute onboarding call with a new client"]


def corp(r):
    return pick(r, CORP).format(para=pick(r, PARAS))
