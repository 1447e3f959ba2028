//! The multilingual concept lexicon: per language, short stems for the
//! *concepts* harvesting prompts are made of (STEP, REASONING, HIDDEN,
//! EVERY, INTERMEDIATE, GRADE, RUBRIC, DATASET…), not phrases. A stem ending
//! in `*` matches any word it begins (Latin, Cyrillic, Hangul, Arabic
//! words); one without matches the whole word only. Chinese and Japanese
//! stems match as substrings of a run of Han/kana characters. Stems are
//! written folded (see [`super::fold`]): lower case, no accents, `ß`→`ss`,
//! `ё`→`е`, Arabic alef/ya/ta-marbuta forms unified.
//!
//! Built from: the SIGNALS.md descriptions of the harvesting intents and
//! from the tuning set in `tests.rs` (English, Russian, Spanish, German,
//! Chinese, French, Japanese, Portuguese, Korean, Italian, Arabic,
//! Turkish), by listing each concept's common words and inflections per
//! language — never from the held-out set. A second pass added the
//! concepts' missing common words (monologue, deliberation, self-correction,
//! "nothing", checks, soften/gentler/responsible, risky/careless,
//! synthetic…) in every language after the independent generator's dev set
//! showed them missing (see the module docs of [`super`]).

/// A set of concepts.
pub type Concepts = u64;

macro_rules! concepts {
    ($($name:ident = $bit:expr, $label:expr;)*) => {
        $(#[doc = $label] pub const $name: Concepts = 1 << $bit;)*
        /// The label of the lowest concept in `c`.
        pub fn label(c: Concepts) -> &'static str {
            $(if c & $name != 0 { return $label; })*
""
        }
    };
}

concepts! {
    STEP = 0,"step";
    REASON = 1,"reasoning";
    HIDDEN = 2,"hidden/internal";
    ALL = 3,"every/all";
    INTER = 4,"intermediate";
    SKIP = 5,"normally skipped";
    MISTAKE = 6,"mistakes/dead ends";
    REVEAL = 7,"show/write out";
    EXPLAIN = 8,"explain";
    SELF = 9,"your own";
    ANSWER = 10,"answer/response";
    BEFORE = 11,"before";
    GRADE = 12,"grade/score";
    RUBRIC = 13,"rubric/criteria";
    COMPARE = 14,"compare/prefer";
    JUSTIFY = 15,"justify";
    TRAIN = 16,"training/fine-tuning";
    DATASET = 17,"dataset";
    GENERATE = 18,"generate";
    ITEMS = 19,"examples/pairs";
    MANY = 20,"many";
    FORMAT = 21,"JSON/JSONL";
    VARIED = 22,"diverse/varied";
    REWRITE = 23,"rewrite/rephrase";
    SAFE = 24,"safe/harmless";
    SENSITIVE = 25,"sensitive/refused";
    EVADE = 26,"avoid/bypass";
    FILTER = 27,"filter/moderation";
    VERSION = 28,"version/phrasing";
    PAIR = 29,"pairs";
    CATEGORY = 30,"category/domain/level";
    CODELANG = 31,"programming language";
    STUDENT = 32,"student/homework";
    TRANSLATE = 33,"translate";
    CUSTOMER = 34,"customer/order";
    MODEL = 35,"model/assistant";
    SMALLNUM = 36,"score scale";
    MOCK = 37,"mock/test data";
    MILD = 38,"gentler/responsible";
}

/// Languages, one bit each (the order of [`LANGS`]).
pub const LANGS: [&str; 12] = [
    "en", "ru", "es", "de", "zh", "fr", "ja", "pt", "ko", "it", "ar", "tr",
];

/// Per language (index into [`LANGS`]): (concepts, space-separated stems).
pub(super) const LEXICON: &[(usize, &[(Concepts, &str)])] = &[
    (0, EN),
    (1, RU),
    (2, ES),
    (3, DE),
    (4, ZH),
    (5, FR),
    (6, JA),
    (7, PT),
    (8, KO),
    (9, IT),
    (10, AR),
    (11, TR),
];

/// Tokens that are the same in every language (no language vote).
pub(super) const UNIVERSAL: &[(Concepts, &str)] = &[
    (FORMAT, "json jsonl jsonlines ndjson csv tsv yaml xml"),
    (
        CODELANG,
        "python rust golang java javascript typescript kotlin swift ruby php haskell scala cpp csharp perl lua elixir erlang clojure julia dart fortran cobol ocaml zig",
    ),
    (
        TRAIN,
        "rlhf sft dpo rlaif ppo finetune finetuning finetuned",
    ),
    (COMPARE, "vs"),
    (MODEL, "ai llm llms gpt claude gemini chatbot"),
];

#[rustfmt::skip]
const EN: &[(Concepts, &str)] = &[
    (STEP,"step* substep* stepwise stage stages checks"),
    (REASON,"reasoning reasonings thought thoughts thinking deduc* inferenc* inferring logic rationale* deliberation* cogitat* introspect* metacogn* cognition cot musing* consideration* derivation* assumption* monologue* soliloqu* deliberating workings"),
    (HIDDEN,"hidden internal* inner* innermost raw private* unfiltered uncensored verbatim unedited unabridged secret latent concealed unspoken implicit* undisclosed unredacted unsummari* untruncated backstage subconscious* silent* unvoiced unpolished imagine reconstruct"),
    (ALL,"every each all entire entirety complete completely full fully whole exhaustive* thorough* nothing"),
    (INTER,"intermediate interim midway partial* substep* tiny smallest minor trivial obvious granular* micro* sub between subconclusion*"),
    (SKIP,"skip* omit* omission* normally usually ordinarily typically gloss* elid* suppress* abbreviat* shortcut* condens* unsaid unstated compress*"),
    (MISTAKE,"mistake* error* misstep* backtrack* dead deadend* detour* abandon* hesitat* doubt* wrong retract* correction* false uturn* guess* missteps reconsider* rethink* stumbl* unsure uncertain*"),
    (REVEAL,"show* reveal* expose* exposing display* print* dump* narrate* narrat* verbali* spell articulat* externali* unpack* transcri* walk trace lay surface* write output record jot* document"),
    (EXPLAIN,"explain* explanation* elaborate"),
    (SELF,"your yours yourself own"),
    (ANSWER,"answer* response* reply replies completion* conclusion* final verdict respond*"),
    (BEFORE,"before prior preceding precede*"),
    (GRADE,"score* scoring grade grades graded grading grader rate rates rated rating ratings rater evaluat* assess* judg* rank* critique"),
    (RUBRIC,"rubric* criteria criterion checklist scale likert dimensions aspects"),
    (COMPARE,"compar* pairwise better worse prefer* winner chosen rejected versus superior"),
    (JUSTIFY,"justify* justification* rationale*"),
    (TRAIN,"training trained tuning reward* preference* distill* pretrain* annotat* tune tuned synthetic"),
    (DATASET,"dataset* data corpus corpora"),
    (GENERATE,"generat* create creating produce produced producing synthesi* compose brainstorm* fabricat* make craft come invent* draft* devise*"),
    (ITEMS | PAIR,"pair pairs paired"),
    (ITEMS,"example* sample* question* prompt* instance* item* entries entry record* task* problem* conversation* dialog* exchange* exercise* triple* tuple* rows solution*"),
    (MANY,"hundred* thousand* dozen* million* lots bulk mass* numerous many batch*"),
    (FORMAT,"schema fields"),
    (VARIED,"divers* varied vary* variet* variation* different distinct unique duplicat* repetit* heterogen* assorted fresh repeat* repeats"),
    (REWRITE,"rewrit* rephras* paraphras* reformulat* reword* restat* recast* refram* rework* soften* tame detoxif* defang* defus*"),
    (SAFE,"safe safer safely harmless* benign innocuous compliant acceptable permissible allowed allowable sanitiz* sanitis* neutral* inoffensive cautious careful"),
    (SENSITIVE,"sensitive harmful* dangerous hazard* illegal illicit forbidden prohibited disallowed banned unsafe toxic jailbreak* refus* declined restricted controversial nsfw risky harm harms careless reckless"),
    (EVADE,"avoid* bypass* circumvent* evad* evasion sidestep* dodg* trigger* trip* slip* sneak* without around"),
    (FILTER,"filter* moderat* guardrail* censor* safeguard* flagged flagging safety policy policies guideline*"),
    (VERSION,"version* variant* alternativ* formulation* phrasing* wording* ways framing* rendition* way"),
    (CATEGORY,"categor* domain* topic* field* area* difficult* level* skill* capabilit* subject* genre* discipline* language*"),
    (STUDENT,"student* homework* exam* teacher* school* classroom lesson* pupil* quiz* tutor* course* textbook* kid* son daughter midterm*"),
    (TRANSLATE,"translat* locali* subtitle*"),
    (CUSTOMER,"customer* client* order* refund* ticket* shipping deliver* purchase* invoice* subscription* complaint*"),
    (MODEL,"model* assistant*"),
    (MOCK,"fake mock* dummy placeholder* test testing seed lorem fixture*"),
    (MILD,"gentler gentle gently milder mild responsible comfortable appropriate"),
];

#[rustfmt::skip]
const RU: &[(Concepts, &str)] = &[
    (STEP,"шаг* пошагов* этап* поэтапн* проверк*"),
    (REASON,"рассужд* размышлен* мышлен* мысл* логик* вывод* умозаключ* дедукц* соображен* монолог* допущен* путь пути"),
    (HIDDEN,"скрыт* внутрен* тайн* сырые сырой сырых сырую сырое необработ* нефильтр* дословн* закулис* неявн* невидим* представь воссозда*"),
    (ALL,"кажд* все всех всеми всю вся весь полн* целиком целый исчерпыв* подробн* ничего"),
    (INTER,"промежуточ* мельчайш* мелк* незначит* очевидн* частичн*"),
    (SKIP,"пропуск* пропуст* опуска* опуст* обычно упуска* умалчив* сокраща* сократ*"),
    (MISTAKE,"ошиб* тупик* сомнен* колеба* исправлен* неверн* ложн* откат* заблужд* промах* неудачн* передума* исправля* колебан*"),
    (REVEAL,"покаж* показ* выпиш* распиш* раскр* опиш* излож* выведи выдай напиш* продемонстр* озвуч* перечисл* разлож* выложи*"),
    (EXPLAIN,"объясн* поясн*"),
    (SELF,"твой твои твоих твое твоего твоим свой свои своих своего ваш ваши ваших вашего"),
    (ANSWER,"ответ* окончательн* итогов* финальн* отвечать отвечай"),
    (BEFORE,"перед прежде"),
    (GRADE,"оцен* балл* рейтинг* ранжир*"),
    (RUBRIC,"критери* рубрик* шкал* чеклист*"),
    (COMPARE,"сравн* лучш* хуже предпочт* победител* выбранн* отвергнут*"),
    (JUSTIFY,"обоснов* обоснуй аргументир*"),
    (TRAIN,"обучен* обучающ* дообуч* тренировоч* файнтюн* вознагражд* синтетическ*"),
    (DATASET,"датасет* набор* данн* корпус* выборк*"),
    (GENERATE,"сгенер* генер* созда* придума* состав* сделай"),
    (ITEMS | PAIR,"пары пар парами пара пару парой"),
    (ITEMS,"пример* образц* вопрос* промпт* запрос* задач* диалог* запис* экземпляр* решени*"),
    (MANY,"сотн* тысяч* десятк* множеств* массов* сто двести пятьдесят"),
    (VARIED,"разнообраз* различн* разн* вариац* уникальн* непохож* отличающ*"),
    (REWRITE,"перепиш* переписа* перефраз* переформул* перескаж* смягч* переделай*"),
    (SAFE,"безопасн* безвредн* допустим* приемлем* нейтральн* безобидн*"),
    (SENSITIVE,"чувствительн* вредн* опасн* запрещ* незакон* отказ* токсичн* деликатн* щекотлив* провокац* неосторожн* рискован* небрежн*"),
    (EVADE,"обой* обход* избеж* избега* обман* проскоч*"),
    (FILTER,"фильтр* модерац* цензур*"),
    (VERSION,"верси* вариант* формулировк* альтернатив* способ*"),
    (CATEGORY,"категор* област* тема темы тем темам темах сложност* уровн* навык* язык* дисциплин*"),
    (STUDENT,"студент* школ* ученик* домашн* экзамен* урок* учител* преподават* сын дочь дочери класс*"),
    (TRANSLATE,"перевед* перевод* локализ*"),
    (CUSTOMER,"клиент* заказ* возврат* доставк* покупател* жалоб*"),
    (MODEL,"модел* ии ассистент* нейросет*"),
    (MOCK,"тестов* фейков* фиктивн*"),
    (MILD,"мягк* ответственн*"),
];

#[rustfmt::skip]
const ES: &[(Concepts, &str)] = &[
    (STEP,"paso pasos etapa* comprobacion* verificacion*"),
    (REASON,"razonamiento* razonar pensamiento* logica deduccion* deducciones inferencia* reflexion* raciocinio* deliberacion* mental monologo* camino"),
    (HIDDEN,"oculto* oculta* intern* crudo* cruda* secreto* privado* privada* implicit* imagina imagine reconstruy*"),
    (ALL,"cada todo todos toda todas completo* completa* entero* entera* integro* exhaustiv* principio nada"),
    (INTER,"intermedi* parcial* pequen* minimo* obvio* trivial*"),
    (SKIP,"omit* salta* saltar* saltas* normalmente habitualmente suele* sueles omision* resumir resumas"),
    (MISTAKE,"error* errores equivoc* callejon* duda* vacila* correccion* corregi* retroce* falso* falsos corrijo corriges"),
    (REVEAL,"muestra* muestre* mostrar* ensena* escribe* escriba* revela* revele* expon exponga exponer detalla* describe describa describir imprime* vuelca* narra* verbaliz* desglos*"),
    (EXPLAIN,"explica* explique* explicacion*"),
    (SELF,"tu tus su sus propio* propia*"),
    (ANSWER,"respuesta* final finales conclusion* contestacion* contestar responder responde responda"),
    (BEFORE,"antes previo previa previos previas previamente previa*"),
    (GRADE,"puntua* califica* evalua* valora* juzga* nota puntaje*"),
    (RUBRIC,"rubrica* criterio* escala*"),
    (COMPARE,"compara* mejor* peor* prefer* ganador* elegid* rechazad*"),
    (JUSTIFY,"justifica* fundamenta fundamente fundamentar argumenta*"),
    (TRAIN,"entrenamiento* entrenar* entrena* afinamiento* recompensa* preferencia* sintetic*"),
    (DATASET,"datos dataset* conjunto* corpus"),
    (GENERATE,"genera generar generame generen generado generados generadas crea crear creame crealo creen produce produzca producir produzca* redacta* invent* elabora elaborar sintetiz*"),
    (ITEMS | PAIR,"pares pareja*"),
    (ITEMS,"ejemplo* muestras pregunta* prompts instruccion* instancia* elementos registro* tarea* problema* dialogo* conversacion* solucion*"),
    (MANY,"cientos miles decenas docena* montones masiv* cien cincuenta doscientos quinientos mil"),
    (VARIED,"diverso* diversa* variad* variacion* variante* distint* diferente* unico unica unicos unicas heterogen*"),
    (REWRITE,"reescrib* reformul* parafrase* reescritura* reescrita* reescrito* suaviz*"),
    (SAFE,"segur* inofensiv* inocu* aceptable* permitid* neutral*"),
    (SENSITIVE,"sensible* delicad* peligros* danin* prohibid* ilegal* rechaz* negativa* denegad* toxic* polemic* controvertid* arriesgad* descuidad* imprudent* riesgos*"),
    (EVADE,"evitar* evita* eludi* sortear* esquiv* burlar* burla*"),
    (FILTER,"filtro* moderacion* censura* salvaguarda* politica politicas"),
    (VERSION,"version* variante* alternativa* formulacion* redaccion* manera*"),
    (CATEGORY,"categoria* dominio* tema* area* dificultad* nivel* habilidad* idioma* lenguaje* disciplina*"),
    (STUDENT,"estudiant* alumno* deberes examen* clase* profesor* escuela* colegio* hijo hija universidad*"),
    (TRANSLATE,"traduc* traduzc* localiz*"),
    (CUSTOMER,"cliente* pedido* reembolso* envio* factura* reclamacion* queja*"),
    (MODEL,"modelo* ia asistente*"),
    (MOCK,"ficticio* falsos prueba*"),
    (MILD,"suave suaves responsable*"),
];

#[rustfmt::skip]
const DE: &[(Concepts, &str)] = &[
    (STEP,"schritt* stufe* losungsschritt* rechenschritt* prufschritt* kontrollschritt*"),
    (INTER | STEP,"zwischenschritt*"),
    (REASON | STEP,"denkschritt*"),
    (REASON,"denk* gedank* uberleg* argumentation* schlussfolger* logik* folgerung* herleitung* deduktion* monolog* abwagung* annahme*"),
    (HIDDEN,"verborgen* versteckt* intern* inner* rohe roh rohen ungefiltert* wortlich* geheim* privat* unbearbeitet* ungekurzt* implizit* rekonstruier*"),
    (ALL,"jede* jeden jedem jeder jedes alle* samtlich* vollstandig* komplett* ganz* gesamt* luckenlos* ausfuhrlich* nichts"),
    (INTER,"zwischen* teilergebnis* kleinst* trivial* offensichtlich*"),
    (SKIP,"uberspring* ubersprung* auslass* weglass* normalerweise ublicherweise gewohnlich* verschweig* abkurz* kurzen"),
    (MISTAKE,"fehler* irrweg* sackgass* zweifel* fehlstart* korrektur* umweg* zogern* verwerf* falsch* korrigier* umentschied*"),
    (REVEAL,"zeig* schreib* gib offenleg* offenbar* ausgeb* darleg* auflist* beschreib* protokollier* dokumentier* offen zerleg*"),
    (EXPLAIN,"erklar* erlauter*"),
    (SELF,"dein* eigene* eigen*"),
    (ANSWER,"antwort* endergebnis* ergebnis* losung* finale finalen antworte antworten beantworte*"),
    (BEFORE,"bevor zuvor vorher"),
    (GRADE,"bewert* benot* punktzahl* punkte* einstuf* beurteil* noten"),
    (RUBRIC,"kriteri* bewertungsraster* raster* rubrik* skala* checkliste*"),
    (COMPARE,"vergleich* besser* schlechter* bevorzug* praferier* gewinner* gewahlt* abgelehnt*"),
    (JUSTIFY,"begrund* rechtfertig*"),
    (TRAIN,"training* trainier* feinabstimm* finetun* belohnung* praferenz* nachtrainier* synthetisch*"),
    (TRAIN | DATASET,"trainingsdaten* trainingsdatensatz* trainingsset*"),
    (DATASET,"datensatz* datensatze daten korpus* datenbasis"),
    (GENERATE,"generier* erstell* erzeug* produzier* verfass* entwirf* entwerf* ausdenk* schreib* erfind*"),
    (ITEMS | PAIR,"paar paare paaren"),
    (ITEMS,"beispiel* frage* prompt* aufgabe* eintrag* eintrage dialog* gesprach* instanz* losung* musterlosung* anweisung*"),
    (MANY,"hundert* tausend* dutzend* massenhaft* zahlreich* viele funfzig zwanzig"),
    (VARIED,"vielfaltig* unterschiedlich* verschieden* variation* variiert* abwechslungsreich* einzigartig* divers*"),
    (REWRITE,"umschreib* umformulier* paraphrasier* umgeschrieben formulier* entscharf* abschwach* abmilder*"),
    (SAFE,"sicher* harmlos* unbedenklich* zulassig* akzeptabel* unverfanglich* konform* entscharft* harmloser* richtlinienkonform*"),
    (SENSITIVE,"heikl* sensibel* sensibl* schadlich* gefahrlich* verboten* illegal* abgelehnt* verweiger* toxisch* anstossig* unvorsichtig* riskant* ablehnung* leichtsinnig*"),
    (EVADE,"umgeh* vermeid* austrick* ausweich* durchrutsch*"),
    (FILTER,"filter* moderation* zensur* schutzmassnahm* richtlinie* sicherheitsrichtlin*"),
    (VERSION,"version* variante* alternativ* formulierung* fassung*"),
    (CATEGORY,"kategori* bereich* thema* themen* gebiet* schwierigkeit* niveau* fahigkeit* sprache*"),
    (STUDENT,"schuler* student* hausaufgab* prufung* klausur* unterricht* lehrer* schule* klasse* sohn tochter kinder"),
    (TRANSLATE,"ubersetz* lokalisier*"),
    (CUSTOMER,"kunde* kunden* bestellung* ruckerstattung* lieferung* rechnung* beschwerde*"),
    (MODEL,"modell* ki assistent*"),
    (MOCK,"testdaten* dummy* fiktiv*"),
    (INTER | REASON,"zwischenfolger* zwischenuberleg* teilschluss* zwischenergebn*"),
    (MILD,"sanft* milder* behutsam* verantwortungsvoll*"),
];

#[rustfmt::skip]
const FR: &[(Concepts, &str)] = &[
    (STEP,"etape* verification*"),
    (REASON,"raisonnement* raisonner pensee* reflexion* logique* deduction* inference* cheminement* demarche* deliberation* monologue* hypothese*"),
    (HIDDEN,"cachee cachees interne* interieur* brut* secret* secrete* prive* privee* implicite* imagine imaginez reconstitue*"),
    (ALL,"chaque tout tous toute toutes complet completement complete completes entier* entiere* integralite exhaustiv* detaille* rien"),
    (INTER,"intermediaire* partiel* moindre* trivial* evident*"),
    (SKIP,"omet* omis* omettr* saute* sauter sautes ignorer ignorez habituellement normalement ordinaire* resumer resume resumes"),
    (MISTAKE,"erreur* impasse* doute* hesitation* hesit* correction* fausse* faux detour* tatonnement* corrige* revise*"),
    (REVEAL,"montre* affiche* ecri* revel* expose exposez exposer detaill* decri* imprim* verbalis* narre narrez narrer deroul* decompose* detaille*"),
    (EXPLAIN,"expliqu* explication*"),
    (SELF,"ton ta tes votre vos propre*"),
    (ANSWER,"reponse* final finale* conclusion* resultat* repondre reponds repondez"),
    (BEFORE,"avant prealabl*"),
    (GRADE,"noter notez notation evalu* score* juge* attribue*"),
    (RUBRIC,"grille* critere* criteres bareme* rubrique* echelle*"),
    (COMPARE,"compar* meilleur* pire* prefer* gagnant* choisi* rejete*"),
    (JUSTIFY,"justifi* argumente argumentez argumenter"),
    (TRAIN,"entrainement* entrainer* apprentissage* affinage* recompense* preference* synthetique*"),
    (DATASET,"donnees* corpus"),
    (GENERATE,"genere* generer generez generation* cree* creer* creez* produi* redig* ecri* invent* elabore elaborer elaborez synthetis* composer composez"),
    (ITEMS | PAIR,"paire*"),
    (ITEMS,"exemple* echantillon* question* prompt* consigne* tache* probleme* dialogue* conversation* entree* enregistrement* solution*"),
    (MANY,"centaine* millier* dizaine* cinquante mille nombreu* masse* massif*"),
    (VARIED,"divers* varie* variee* variation* variante* different* distinct* unique*"),
    (REWRITE,"reecri* reformul* paraphras* adouci*"),
    (SAFE,"securise* inoffensi* acceptable* conforme* neutre* anodin* inoffensive*"),
    (SENSITIVE,"sensible* dangereu* nuisible* interdit* illegal* illicite* refus* toxique* controvers* delicat* risque risquee* imprudent* negligent*"),
    (EVADE,"evit* contourn* esquiv* echapp* dejou* declench*"),
    (FILTER,"filtre* moderation* censure* politique* securite"),
    (VERSION,"version* variante* alternativ* formulation* tournure*"),
    (CATEGORY,"categori* domaine* theme* sujet* difficulte* niveau* competence* langue* langage* discipline*"),
    (STUDENT,"eleve* etudiant* devoir* examen* cours professeur* ecole* classe enfant* fille lycee* college*"),
    (TRANSLATE,"tradui* traduction* localis*"),
    (CUSTOMER,"client* commande commandes rembours* livraison* facture* reclamation* plainte*"),
    (MODEL,"modele* ia assistant*"),
    (MOCK,"fictif* fictive* factice*"),
    (MILD,"douce* doux adouci* responsable*"),
];

#[rustfmt::skip]
const IT: &[(Concepts, &str)] = &[
    (STEP,"passo passi passaggi* passaggio* fase* step"),
    (REASON,"ragionament* ragionar* pensiero* pensieri riflession* logica deduzion* inferenz* mentale* deliberazion* monologo* percorso"),
    (HIDDEN,"nascost* intern* grezz* segret* privat* letterale* implicit* immagina ricostruisci"),
    (ALL,"ogni ciascun* tutto tutti tutta tutte completo completa completi complete completamente intero intera integralmente esaustiv* dettagliat* niente nulla"),
    (INTER,"intermed* parzial* piccol* minimo minima minimi minime ovvi* banal*"),
    (SKIP,"salta saltare saltando saltato saltati omett* omess* tralasc* normalmente solitamente solito riassum*"),
    (MISTAKE,"error* sbagli* vicol* dubbi* esitazion* correzion* falsi false tentativi"),
    (REVEAL,"mostra* scrivi* scriva* rivela* espon* dettagli* descriv* elenca* stampa* verbalizz* illustra*"),
    (EXPLAIN,"spiega* spiegazion*"),
    (SELF,"tuo tua tuoi tue suo sua proprio* propria*"),
    (ANSWER,"risposta* risposte finale* conclusion* risultato* rispondere rispondi"),
    (BEFORE,"prima"),
    (GRADE,"valut* punteggi* voto voti assegna* giudica* classific*"),
    (RUBRIC,"rubrica* criteri* criterio scala griglia*"),
    (COMPARE,"confront* compara* miglior* peggior* prefer* vincitor*"),
    (JUSTIFY,"giustific* motiva motivare"),
    (TRAIN,"addestrament* addestrar* allenamento* ricompensa* preferenz* sintetic*"),
    (DATASET,"dati dataset* corpus insieme*"),
    (GENERATE,"genera generare generami generi generato generati generate crea creare creami creato creati produci produca producano produr* scriv* invent* redig* elabora elaborare sintetizz*"),
    (ITEMS | PAIR,"coppia coppie"),
    (ITEMS,"esempi* esempio campion* domand* prompt* istruzion* problem* dialog* conversazion* voci record* soluzion*"),
    (MANY,"centinaia migliaia decine dozzin* cento cinquanta mille numeros* massiv*"),
    (VARIED,"divers* variat* variazion* differenti distint* unico unica unici uniche"),
    (REWRITE,"riscriv* riformul* parafras* riscritt* ammorbid* attenu*"),
    (SAFE,"sicur* innocu* accettabil* conforme conformi neutral* inoffensiv*"),
    (SENSITIVE,"sensibil* pericolos* dannos* vietat* illegal* rifiut* tossic* controvers* delicat* rischios* imprudent* incaut*"),
    (EVADE,"evita* aggira* elud* schiva*"),
    (FILTER,"filtr* moderazion* censura* politiche"),
    (VERSION,"version* variante varianti alternativ* formulazion*"),
    (CATEGORY,"categori* dominio domini ambit* tema temi argoment* difficolta livell* competenz* lingua* linguaggi*"),
    (STUDENT,"student* alunn* compiti esam* scuola* professor* insegnant* lezion* figli* classe"),
    (TRANSLATE,"tradu* localizz*"),
    (CUSTOMER,"client* ordine ordini ordinato rimbors* spedizion* fattura* reclam*"),
    (MODEL,"modell* ia assistent*"),
    (MOCK,"fittizi*"),
    (MILD,"gentil* mite miti responsabil*"),
];

#[rustfmt::skip]
const PT: &[(Concepts, &str)] = &[
    (STEP,"passo passos etapa* verificacao* verificacoes"),
    (REASON,"raciocinio* raciocinar pensamento* logica deducao* deducoes inferencia* reflexao* reflexoes deliberacao* monologo* suposicao* suposicoes caminho"),
    (HIDDEN,"ocult* intern* brut* secret* privad* cru crua implicit* imagine imagina reconstrua"),
    (ALL,"cada todo todos toda todas completo completa completos completas completamente inteir* integralmente exaustiv* detalhad* nada"),
    (INTER,"intermediari* parcia* pequen* minimo minima minimos minimas obvi* trivia*"),
    (SKIP,"pule pular pulou pulando pulado pulam omit* omiss* normalmente geralmente costuma* resumir resuma resumo"),
    (MISTAKE,"erro* equivoc* beco becos duvida* hesita* correcao correcoes corrigi* falsas falsos tentativas"),
    (REVEAL,"mostr* escrev* revel* expoe exponha expor exponha* detalh* descrev* imprim* verbaliz*"),
    (EXPLAIN,"explique explicar explica explicacao explicacoes"),
    (SELF,"seu sua seus suas teu tua teus tuas propri*"),
    (ANSWER,"resposta* final finais conclusao* resultado* responder responda responde"),
    (BEFORE,"antes previo previa previos previas previamente"),
    (GRADE,"avali* pontu* nota notas classifiqu* classific* julg* atribu*"),
    (RUBRIC,"rubrica* criterio* escala*"),
    (COMPARE,"compar* melhor* pior* prefer* vencedor* escolhid* rejeitad*"),
    (JUSTIFY,"justifi* fundamente fundamentar"),
    (TRAIN,"treinament* treinar* treino* ajuste* recompensa* preferencia* sintetic*"),
    (DATASET,"dados dataset* conjunto* corpus"),
    (GENERATE,"gere gerar gerem gerado geradas gerados gera crie criar criem cria produz* produza* redij* escrev* invent* elabore elaborar sintetiz*"),
    (ITEMS | PAIR,"pares"),
    (ITEMS,"exemplo* amostra* pergunta* questo* prompts instrucao* instrucoes tarefa* problema* dialogo* conversa* registro* solucoes solucao"),
    (MANY,"centenas milhares dezenas duzia* cem cinquenta mil numeros* massiv*"),
    (VARIED,"divers* variad* variacao* variacoes variante* diferente* distint* unico unica unicos unicas"),
    (REWRITE,"reescrev* reformul* parafrase* reescrit* suaviz*"),
    (SAFE,"segur* inofensiv* inocu* aceitave* permitid* conforme* neutro neutra"),
    (SENSITIVE,"sensive* perigos* prejudicia* nociv* proibid* ilega* recus* toxic* polemic* delicad* descuidad* arriscad* imprudent*"),
    (EVADE,"evit* contorn* burl*"),
    (FILTER,"filtro* moderacao* censura* salvaguarda* politica politicas"),
    (VERSION,"versao* versoes* variante* alternativ* formulacao* formulacoes* redacao* formas maneiras"),
    (CATEGORY,"categori* dominio* tema* area* dificuldade* nive* habilidade* idioma* linguage* disciplina*"),
    (STUDENT,"estudant* aluno* alunos licao* dever* prova* exame* professor* escola* filho* filha* faculdade*"),
    (TRANSLATE,"traduz* traduc* localiz*"),
    (CUSTOMER,"cliente* pedido* reembolso* entrega* compra* fatura* reclamacao*"),
    (MODEL,"modelo* ia assistente*"),
    (MOCK,"ficticio* ficticia*"),
    (MILD,"branda brandas brando brandos suave suaves responsave*"),
];

#[rustfmt::skip]
const ZH: &[(Concepts, &str)] = &[
    (STEP,"步骤 步驟 一步一步 每一步 逐步 分步 环节 检查 檢查 验证 驗證"),
    (REASON,"推理 思考 思路 思维 思維 推导 推導 推断 推論 逻辑 邏輯 想法 心路 推论 假设 假設 独白 自言自语"),
    (HIDDEN,"隐藏 隱藏 内部 內部 内心 原始 未经 未經 过滤前 真实 幕后 隐含 私下 草稿 想象 设想"),
    (ALL,"每 所有 全部 完整 全面 整个 详尽 詳盡 一切 各个 逐一 原原本本 从头到尾 完完整整 全过程 整体"),
    (INTER,"中间 中間 细节 細節 细微 微小"),
    (SKIP,"跳过 跳過 省略 略过 忽略 通常 平时"),
    (MISTAKE,"错误 錯誤 弯路 彎路 死胡同 犹豫 猶豫 纠正 糾正 修正 回溯 失误 走错 试错 改变想法 改變想法 改主意 反复 怀疑"),
    (REVEAL,"展示 写出 寫出 列出 输出 輸出 给出 給出 显示 顯示 展现 呈现 暴露 公开 写下 说出"),
    (EXPLAIN,"解释 解釋 讲解"),
    (SELF,"你的 您的 你自己 自己的"),
    (ANSWER,"答案 回答 回复 回覆 答复 结论 結論 最终 最終 作答 回答"),
    (BEFORE,"之前 以前"),
    (GRADE,"评分 評分 打分 评估 評估 评价 評價 评判 评级 分数 分數 排名 排序"),
    (RUBRIC,"标准 標準 准则 準則 细则 量表 维度 維度"),
    (COMPARE,"比较 比較 对比 對比 更好 更优 哪个 优于 偏好 胜出"),
    (JUSTIFY,"理由 依据 依據"),
    (TRAIN,"训练 訓練 微调 微調 奖励 偏好 蒸馏 蒸餾 强化学习 对齐 合成"),
    (DATASET,"数据集 數據集 数据 數據 语料 語料"),
    (GENERATE,"生成 创建 創建 编写 編寫 制作 创作 產生 产生 编造 构造 構造"),
    (ITEMS | PAIR,"问答对 成对 配对"),
    (ITEMS,"示例 样本 樣本 例子 范例 问题 問題 提示词 指令 对话 對話 题目 解答 答案 题解"),
    (MANY,"数百 上百 数千 上千 几百 几千 几十 数十 大量 批量 成百 海量 一百 五十 一千"),
    (FORMAT,"格式 字段"),
    (VARIED,"多样 多樣 不同 各种 各種 变体 變體 不重复 独特 多元"),
    (REWRITE,"改写 改寫 重写 重寫 改述 换个说法 換個說法 重新表述 转述 轉述 改成 换成 润色"),
    (SAFE,"安全 无害 無害 合规 合規 可接受 中性 温和 稳妥"),
    (SENSITIVE,"敏感 有害 危险 危險 违规 違規 违法 違法 禁止 拒绝 拒絕 被拒 越狱 越獄 不当 不安全 冒险 轻率 危害"),
    (EVADE,"绕过 繞過 避免 规避 規避 躲过 避开 避開 触发 觸發 逃避"),
    (FILTER,"过滤 過濾 审核 審核 审查 審查 屏蔽 拦截 攔截 护栏"),
    (VERSION,"版本 说法 說法 替代 表述 措辞 写法"),
    (CATEGORY,"类别 類別 领域 領域 主题 主題 难度 難度 级别 級別 语言 語言 技能 能力 学科"),
    (STUDENT,"学生 學生 作业 作業 考试 考試 老师 老師 课堂 课程 孩子 学校"),
    (TRANSLATE,"翻译 翻譯 译成 譯成 本地化"),
    (CUSTOMER,"客户 客戶 订单 訂單 退款 物流 快递 投诉"),
    (MODEL,"模型 助手 人工智能"),
    (MOCK,"测试数据 假数据 虚构"),
    (MILD,"委婉 负责任"),
];

#[rustfmt::skip]
const JA: &[(Concepts, &str)] = &[
    (STEP,"ステップ 段階 手順 一歩ずつ 確認 検証 チェック"),
    (REASON,"推論 思考 考え 考察 論理 推理 導出 独白 思考過程 考え方 道筋 仮定 独り言 ひとりごと"),
    (HIDDEN,"隠れ 隠さ 隠され 内部 内心 内的 生の そのまま 非公開 舞台裏 想像"),
    (ALL,"すべて 全て 全部 各 毎 あらゆる 完全 詳細 一つ残らず 余すところ 全体"),
    (INTER,"途中 中間 細か 些細 小さな"),
    (SKIP,"省略 飛ばし 飛ばす 省い 普段 通常 いつもは 端折"),
    (MISTAKE,"間違い 誤り ミス 迷い 行き詰まり 袋小路 ためらい 修正 やり直し 試行錯誤 回り道 考え直 迷った 訂正"),
    (REVEAL,"示し 示す 見せ 書き出 書いて 出力 表示 公開 列挙 明らかに 記述 さらけ出"),
    (EXPLAIN,"説明 解説"),
    (SELF,"あなたの 自分の 君の"),
    (ANSWER,"回答 答え 応答 返答 結論 最終 答えて 答える"),
    (BEFORE,"前に 先に"),
    (GRADE,"評価 採点 点数 スコア 格付け 判定 順位 ランク"),
    (RUBRIC,"基準 ルーブリック 評価軸 観点 尺度"),
    (COMPARE,"比較 どちら より良い 優れ 好まし 勝者"),
    (JUSTIFY,"理由 根拠"),
    (TRAIN,"学習 訓練 トレーニング ファインチューニング 微調整 報酬 選好 蒸留 強化学習 合成"),
    (DATASET,"データセット データ コーパス"),
    (GENERATE,"生成 作成 作って 作り 作る 考えて 出して 用意"),
    (ITEMS | PAIR,"ペア"),
    (ITEMS,"例 サンプル 問題 質問 プロンプト 指示 件 個 対話 会話 事例 解答 解説"),
    (MANY,"数百 数千 何百 何千 大量 多数 百 千 五十"),
    (VARIED,"多様 様々 さまざま バリエーション 異なる 重複しない 色々 いろいろ ユニーク"),
    (REWRITE,"書き換え 書き直 言い換え 言い直 リライト 改変"),
    (SAFE,"安全 無害 問題のない 穏当 許容 無難"),
    (SENSITIVE,"センシティブ 機微 有害 危険 違法 禁止 拒否 拒絶 断られ 不適切 脱獄 断り 危ない 不用意 無責任"),
    (EVADE,"回避 避け すり抜け かいくぐ 引っかからない 迂回"),
    (FILTER,"フィルター フィルタ 検閲 モデレーション ガードレール 規制 ポリシー"),
    (VERSION,"バージョン 表現 言い回し 代替 聞き方 言い方 通り"),
    (CATEGORY,"カテゴリ 分野 領域 テーマ 難易度 レベル 言語 スキル 能力"),
    (STUDENT,"学生 生徒 宿題 試験 授業 先生 子供 学校 受験"),
    (TRANSLATE,"翻訳 訳して 訳す ローカライズ"),
    (CUSTOMER,"お客様 顧客 注文 返金 配送 問い合わせ"),
    (MODEL,"モデル アシスタント"),
    (MOCK,"テストデータ ダミー 架空"),
    (MILD,"穏やか 柔らか 責任ある"),
];

#[rustfmt::skip]
const KO: &[(Concepts, &str)] = &[
    (STEP,"단계* 스텝*"),
    (REASON,"추론* 사고* 생각* 논리* 추리*"),
    (HIDDEN,"숨겨* 숨은 내부* 내면* 속마음* 원시* 날것* 그대로 비공개* 상상*"),
    (ALL,"모든 모두 각 각각* 전부* 전체* 완전* 빠짐없이 하나하나 상세*"),
    (INTER,"중간* 사소* 작은"),
    (SKIP,"생략* 건너뛰* 건너뛴* 보통 평소* 일반적으로"),
    (MISTAKE,"실수* 오류* 막다른 망설* 주저* 수정* 잘못* 시행착오* 틀린*"),
    (REVEAL,"보여* 출력* 적어* 써* 드러내* 공개* 나열* 서술* 표시*"),
    (EXPLAIN,"설명*"),
    (SELF,"당신의 너의 네 자신의"),
    (ANSWER,"답변* 답을 답은 응답* 대답* 결론* 최종* 답하기 답해"),
    (BEFORE,"전에 먼저"),
    (GRADE,"평가* 채점* 점수* 등급* 순위* 매겨*"),
    (RUBRIC,"루브릭* 기준* 척도*"),
    (COMPARE,"비교* 나은 어느* 선호* 우수*"),
    (JUSTIFY,"근거* 이유*"),
    (TRAIN,"학습* 훈련* 파인튜닝* 미세조정* 보상* 증류* 합성*"),
    (DATASET,"데이터셋* 데이터* 말뭉치* 코퍼스*"),
    (GENERATE,"생성* 만들어* 만들* 작성* 제작*"),
    (ITEMS | PAIR,"쌍*"),
    (ITEMS,"예시* 예제* 샘플* 질문* 문제* 프롬프트* 지시* 대화* 풀이* 해설*"),
    (MANY,"수백* 수천* 수십* 대량* 오십*"),
    (VARIED,"다양* 서로 다른 변형* 중복* 독특*"),
    (REWRITE,"다시 바꿔* 재작성* 고쳐* 재구성* 바꾸*"),
    (SAFE,"안전* 무해* 허용*"),
    (SENSITIVE,"민감* 유해* 위험* 불법* 금지* 거부* 거절* 탈옥* 위험한 부주의*"),
    (EVADE,"우회* 피하* 피해* 회피* 빠져나*"),
    (FILTER,"필터* 검열* 모더레이션* 가드레일* 정책*"),
    (VERSION,"버전* 표현* 대안* 방식*"),
    (CATEGORY,"범주* 카테고리* 분야* 주제* 난이도* 수준* 언어* 능력*"),
    (STUDENT,"학생* 숙제* 시험* 수업* 선생* 아이* 학교*"),
    (TRANSLATE,"번역*"),
    (CUSTOMER,"고객* 주문* 환불* 배송*"),
    (MODEL,"모델* 어시스턴트* 인공지능*"),
    (MOCK,"테스트* 가짜* 더미*"),
    (MILD,"부드러* 온건* 책임감*"),
];

#[rustfmt::skip]
const AR: &[(Concepts, &str)] = &[
    (STEP,"خطوه* خطوات*"),
    (REASON,"تفكير* استدلال* منطق* استنتاج* تسلسل*"),
    (HIDDEN,"مخفي* داخلي* خفي* سري* خام*"),
    (ALL,"كل جميع كامل* بالكامل تفصيلي* مفصل*"),
    (INTER,"وسيط* بيني* صغير*"),
    (SKIP,"تخطي* تتخطي* تتجاوزها تجاهل* عاده* حذف*"),
    (MISTAKE,"خطا* اخطاء* تردد* تصحيح* مسدود* شك* شكوك*"),
    (REVEAL,"اعرض* اظهر* اكتب* اكشف* وضح* اسرد*"),
    (EXPLAIN,"اشرح* شرح* فسر*"),
    (ANSWER,"اجاب* رد* استجاب* نهائي*"),
    (BEFORE,"قبل"),
    (GRADE,"قيم* تقييم* درج* نقاط* صنف*"),
    (RUBRIC,"معايير* معيار* مقياس* سلم*"),
    (COMPARE,"قارن* مقارن* افضل* اسوا*"),
    (JUSTIFY,"برر* مبرر* تبرير*"),
    (TRAIN,"تدريب* ضبط* مكافا* اصطناعي*"),
    (DATASET,"بيانات* مجموع*"),
    (GENERATE,"انشئ* انشاء* ولد* توليد*"),
    (ITEMS | PAIR,"ازواج* زوج*"),
    (ITEMS,"امثله* مثال* عينات* اسئله* سؤال*"),
    (MANY,"مئات* الاف* عشرات* مئه*"),
    (VARIED,"متنوع* مختلف* متعدد*"),
    (REWRITE,"صياغ* اعد اعاده*"),
    (SAFE,"امن* امنه*"),
    (SENSITIVE,"حساس* ضار* خطير* خطر* محظور* ممنوع* رفض* مرفوض* متهور* مؤذ*"),
    (EVADE,"تجاوز* تجنب* تحايل* تفادي*"),
    (FILTER,"فلتر* تصفيه* رقابه* رقابي* حظر*"),
    (VERSION,"نسخه* نسخ* بديل* صيغ*"),
    (CATEGORY,"فئ* مجال* موضوع* صعوب* مستوي* لغ*"),
    (STUDENT,"طالب* طلاب* واجب* امتحان* مدرس* معلم*"),
    (TRANSLATE,"ترجم*"),
    (CUSTOMER,"عميل* عملاء* طلب* استرداد*"),
    (MODEL,"نموذج* مساعد*"),
    (MILD,"لطيف* مسؤول*"),
];

#[rustfmt::skip]
const TR: &[(Concepts, &str)] = &[
    (STEP,"adim*"),
    (REASON,"dusunce* dusunme* yurut* muhakeme* mantik* cikarim*"),
    (HIDDEN,"gizli* ic icsel* dahili* ham sakli*"),
    (ALL,"her tum* butun* tamam* eksiksiz* ayrintili*"),
    (INTER,"ara kucuk*"),
    (SKIP,"atla* genellikle normalde"),
    (MISTAKE,"hata* yanlis* tereddut* duzeltme* cikmaz*"),
    (REVEAL,"goster* yaz* listele* ortaya*"),
    (EXPLAIN,"acikla*"),
    (SELF,"senin kendi*"),
    (ANSWER,"cevap* yanit* sonuc* nihai*"),
    (BEFORE,"onceki"),
    (GRADE,"puan* degerlendir* sirala*"),
    (RUBRIC,"kriter* rubrik* olcut* olcek*"),
    (COMPARE,"karsilastir* tercih*"),
    (JUSTIFY,"gerekce*"),
    (TRAIN,"egitim* ayar* odul* sentetik*"),
    (DATASET,"veri verisi verileri veriseti verisetleri veriseti*"),
    (GENERATE,"uret* olustur*"),
    (ITEMS | PAIR,"cift*"),
    (ITEMS,"ornek* soru*"),
    (MANY,"yuzlerce binlerce onlarca"),
    (VARIED,"cesitli* farkli* benzersiz*"),
    (REWRITE,"yeniden"),
    (SAFE,"guvenli* zararsiz*"),
    (SENSITIVE,"hassas* zararli* tehlikeli* yasak* reddedil* reddet* riskli* dikkatsiz*"),
    (EVADE,"atlat* kacin*"),
    (FILTER,"filtre* denetim* sansur*"),
    (VERSION,"versiyon* surum* alternatif* ifade*"),
    (CATEGORY,"kategori* alan* konu* zorluk* seviye* dil*"),
    (STUDENT,"ogrenci* odev* sinav* ogretmen* okul*"),
    (TRANSLATE,"cevir* tercume*"),
    (CUSTOMER,"musteri* siparis* iade*"),
    (MODEL,"asistan* yapay"),
    (MILD,"yumusak* sorumlu*"),
];
