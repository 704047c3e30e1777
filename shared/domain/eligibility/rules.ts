/**
 * The eligibility rules of the Ouvidoria, as data. Every rule comes from the help-center
 * article (seed/ouvidoria-bagy.txt); the engine (engine.ts) evaluates them in the order of
 * eligibilityRules() and records the id of every rule that fired.
 *
 * Phrases cover Portuguese, Spanish and English: merchants from neighbouring countries write in
 * Spanish, some in English.
 *
 * Phrase syntax (matched on normalize()d text, one sentence at a time, whole words only):
 * - write phrases lower-case; accents are optional (phrases are normalised when compiled);
 * - a word ending in `*` matches any ending: `bloque*` → bloqueado, bloquearam, bloqueio;
 * - a lone `*` matches up to four arbitrary words: `nao consigo * acessar`.
 *
 * The phrase lists below are `once(() => [...])`, read as `STORE_SIDE()`: built by the first
 * triage, not at every cold start of a function that may never triage (issue 16). A few exported
 * plain literals stay arrays: FIRST_PERSON, which engine.ts reads at import, and lists that cost nothing.
 */
import type { Outcome } from '../outcome';
import { once } from '../memo';

export type RuleStage = 'quarantine' | 'automatic' | 'client' | 'commercial' | 'feature' | 'ticket' | 'topic';

export interface Rule {
  /** Stable id, recorded in Decision.ruleIds: `stage.topic.detail`. */
  id: string;
  /** The outcome this rule leads to when it is the decisive one. */
  outcome: Outcome;
  stage: RuleStage;
  /**
   * `text`: fires when a sentence of the subject or fresh body contains one of `phrases`
   * (and one of `requires`, and none of `unless`). `signal`: fires on structured data
   * (SES verdicts, form fields, the ticket check); its phrases list is empty.
   */
  trigger: 'text' | 'signal';
  phrases: readonly string[];
  /** At least one of these must also occur in the same sentence. */
  requires?: readonly string[];
  /** None of these may occur in the same sentence (negations, store-side contexts, breakage). */
  unless?: readonly string[];
  /**
   * None of these may occur anywhere in the subject and fresh body: exceptions that need the
   * context of the whole message, not of one sentence.
   */
  unlessInMessage?: readonly string[];
  /**
   * At least one of these must occur somewhere in the subject and fresh body: a fact the rule needs
   * that people state in another sentence ("Minha cliente comprou … na loja X. Sou advogado dela.").
   */
  requiresInMessage?: readonly string[];
  /**
   * Like `unless`, except for a match in a clause in the first person (a word of FIRST_PERSON in
   * it): then only that clause counts, between commas and conjunctions ("Não consigo entrar e os clientes
   * dizem que a loja está fora": the clients are another clause's; "os clientes não conseguem
   * entrar" is not the sender's sign-in).
   */
  unlessInClause?: readonly string[];
  /**
   * Round 47: words of `unless` inside one of these veto nothing in the sentence: the freight app or
   * fee on her invoice from us ("o app de frete foi desinstalado mas continua sendo cobrado", "taxa de
   * frete na minha fatura") is our billing, where "frete" alone is her store's.
   */
  unlessExceptIn?: readonly string[];
  /**
   * Round 57: words of `unless` among `yielding` veto nothing once one of `after` came before them in the
   * sentence, however far: our charge told first ("vcs cobraram a mensalidade no meu cartão esse mês 2 vezes,
   * como faço pra estornar") makes the bare how-to a refund of ours; every other word of `unless` still vetoes.
   */
  unlessYieldsAfter?: { after: readonly string[]; yielding: readonly string[] };
  /**
   * Round 52: the phrase is a bare follow-up ask ("Quando vão ter?", "¿Tienen previsto hacerlo?", "Any
   * plans?") that ends its short body sentence, and it asks for what the body sentence right before it
   * names: one of these must occur there, and none of `unless` (the engine reads both sentences).
   */
  namedBefore?: readonly string[];
}

/**
 * A support chat closed for want of an answer: the inactivity is the conversation's, not her user's
 * ("[11:45] Suporte: Atendimento encerrado por inatividade", "o chat fechou a conversa por inatividade").
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const CHAT_CLOSED_IDLE = once(() => [
  'encerrad*',
  'finalizad*',
  'fechad*',
  'encerrou',
  'encerraram',
  'fechou',
  'fecharam',
  'finalizou',
  'finalizaram',
  'caiu',
].map((closed) => `${closed} * por inatividade`));

/**
 * A condition on the problem being fixed ("se não resolverem", "se vocês não resolverem", "se até sexta
 * não resolverem"): a merchant threatening to leave, not a prospect weighing the move nor a plan question.
 */
const UNLESS_FIXED = once(() => [
  'se * nao resolve*',
  'se * nao arruma*',
  'se * nao conserta*',
  'se * nao corrigi*',
  'se * nao soluciona*',
  'caso * nao resolva*',
  'se continuar assim',
]);

/** Words of the sender speaking of themselves: "não consigo entrar", "esqueci minha senha", "meu usuário". */
export const FIRST_PERSON = [
  'consigo',
  'conseguimos',
  'entro',
  'entramos',
  'esqueci',
  'meu',
  'minha',
  'estou',
  'estamos',
  'fiquei',
  'ficamos',
  'perdi',
  'perdemos',
  'fui',
  'fomos',
  'me',
];

/** Chat-speak and misspellings: one table, in text.ts, shared with the ticket extractor. */
export { WORD_VARIANTS } from '../text';

/**
 * Idioms rewritten before matching, so that a word inside them does not trigger a rule:
 * "não consigo entrar em contato" is about reaching support, not about losing access.
 */
/** Other e-commerce platforms, whose merchants are prospects of ours ("sou lojista da Shopify e quero migrar"). */
export const OTHER_PLATFORMS = once((): readonly string[] => [
  'shopify',
  'nuvemshop',
  'tiendanube',
  'tray',
  'woocommerce',
  'loja integrada',
  'vtex',
  'wix',
  'magento',
  'yampi',
  'dooca',
  'irroba',
  'prestashop',
  'opencart',
  'bigcommerce',
  'squarespace',
]);

/**
 * A merchant of another platform ("sou lojista da Shopify", "sou lojista, hoje uso WooCommerce", "minha
 * loja na Nuvemshop") is not ours: read without "sou lojista" and "minha loja na", which prove a client.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const MERCHANT_OF_ANOTHER_PLATFORM = once((): readonly (readonly [string, string])[] => OTHER_PLATFORMS().flatMap((platform) => [
  ...['da', 'do', 'na', 'no', 'de', 'pela', 'pelo', 'hoje uso', 'e uso', 'uso'].map(
    (how): readonly [string, string] => [`sou lojista ${how} ${platform}`, `vendo em outra plataforma ${platform}`],
  ),
  ...['hoje uso', 'uso'].map((how): readonly [string, string] => [
    `sou lojista, ${how} ${platform}`,
    `vendo em outra plataforma ${platform}`,
  ]),
  ...['na', 'no', 'da', 'pela', 'pelo'].map((how): readonly [string, string] => [
    `minha loja ${how} ${platform}`,
    `minha loja hoje em ${platform}`,
  ]),
]));

export const PHRASE_REWRITES = once((): readonly (readonly [string, string])[] => [
  ...MERCHANT_OF_ANOTHER_PLATFORM(),
  // Speech and voice-to-text: "num" for "não" before a verb ("num tô conseguindo"; "num site" stays
  // "em um"), and the infinitive's final r dropped after conseguir ("não consigo entrá no painel").
  // Before the idioms below, so that "não consigo entra em contato" still reads as reaching support.
  ['num consigo', 'nao consigo'],
  ['num consegui', 'nao consegui'],
  ['num conseguimos', 'nao conseguimos'],
  ['num consegue', 'nao consegue'],
  ['num estou', 'nao estou'],
  ['num da para', 'nao da para'],
  ['consigo entra', 'consigo entrar'],
  ['consigo loga', 'consigo logar'],
  ['consegui entra', 'consegui entrar'],
  ['consegui loga', 'consegui logar'],
  ['conseguindo entra', 'conseguindo entrar'],
  ['conseguindo loga', 'conseguindo logar'],
  ['consegue entra', 'consegue entrar'],
  ['consegue loga', 'consegue logar'],
  ['conseguimos entra', 'conseguimos entrar'],
  ['conseguimos loga', 'conseguimos logar'],
  // Voice-to-text spells the dot of the registry's name ("meu domínio congelou no registro ponto br").
  ['registro ponto br', 'registro.br'],
  // The consumer-protection code a merchant cites ("conforme o Código de Defesa do Consumidor, exijo
  // a devolução da mensalidade") names no consumer of the store: not store-side.
  ['codigo de defesa do consumidor', 'cdc'],
  ['defesa do consumidor', 'cdc'],
  ['direitos do consumidor', 'cdc'],
  ['direito do consumidor', 'cdc'],
  // "pros clientes", "pras clientes": the article the contraction carries, so that "os clientes" reads.
  ['pros', 'para os'],
  ['pras', 'para as'],
  ['entrar em contato', 'contatar'],
  ['entrar no chat', 'usar o chat'],
  ['acessar o chat', 'usar o chat'],
  ['entrar no whatsapp', 'usar o whatsapp'],
  ['acessar o whatsapp', 'usar o whatsapp'],
  ['entrar na fila', 'esperar na fila'],
  ['acessar a central de ajuda', 'usar a central de ajuda'],
  ['acessar a base de conhecimento', 'usar a base de conhecimento'],
  // Round 53: the same in Spanish ("no podemos entrar en contacto con el soporte", "no puedo acceder al chat").
  ['entrar en contacto', 'contatar'],
  ['entrar al chat', 'usar o chat'],
  ['acceder al chat', 'usar o chat'],
  ['ingresar al chat', 'usar o chat'],
  // Portugal's words for the panel's sign-in, read as Brazil writes them ("não consigo aceder ao
  // painel", "a palavra-passe não é aceite", "conta de utilizador bloqueada", "iniciar sessão").
  ['aceder', 'acessar'],
  ['palavra-passe', 'senha'],
  ['palavra passe', 'senha'],
  ['utilizador', 'usuario'],
  ['iniciar sessao', 'fazer login'],
  ['telemovel', 'celular'],
  ['ecra', 'tela'],
  // The formal register's "lograr" for "conseguir" ("não logro acessar o painel").
  ['nao logro', 'nao consigo'],
  // The condition before a request for what is missing, one form for its ways of saying it
  // ("caso não tenham, podem desenvolver?"): scope.feature.suggestion lists the one form.
  ['se nao tiverem', 'se nao tiver'],
  ['caso nao tenha', 'se nao tiver'],
  ['caso nao tenham', 'se nao tiver'],
  ['se nao existe', 'se nao existir'],
  ['caso nao exista', 'se nao existir'],
  ['nao logramos', 'nao conseguimos'],
  // Round 53: Spanish "we" at the panel's door reads as "I" ("no podemos entrar al panel", "no
  // pudimos acceder"): every guard of "no puedo entrar" holds for it too.
  ...['entrar', 'acceder', 'ingresar'].flatMap((verb): (readonly [string, string])[] => [
    [`no podemos ${verb}`, `no puedo ${verb}`],
    [`no pudimos ${verb}`, `no puedo ${verb}`],
  ]),
  // English "to" reads as chat-speak "tô" (estou) once words are canonical: put it back where it
  // is English, so that phrases such as "unable to log in" or "talk to sales" can match.
  ['unable estou', 'unable to'],
  ['able estou', 'able to'],
  ['talk estou', 'talk to'],
  ['great estou', 'great to'],
  ['nice estou', 'nice to'],
  ['awesome estou', 'awesome to'],
  ['amazing estou', 'amazing to'],
  ['cool estou', 'cool to'],
  ['love estou', 'love to'],
  ['want estou', 'want to'],
  ['like estou', 'like to'],
  ['need estou', 'need to'],
  ['migrate estou', 'migrate to'],
  ['move estou', 'move to'],
  ['switch estou', 'switch to'],
  ['going estou', 'going to'],
  // Round 52: "Do you have plans to add it?" (scope.feature.follow-up).
  ['plans estou', 'plans to'],
  ['plan estou', 'plan to'],
  // Round 53: the verb after the plans is no support team ("any plan to support shipping to Canada?"; FOLLOW_UP_ASKS's
  // "any plans to support it" so reads "to offer it").
  ['plans to support', 'plans to offer'],
  ['plan to support', 'plan to offer'],
  ['shipping estou', 'shipping to'],
  ['estou log', 'to log'],
  ['estou sign', 'to sign'],
  ['estou access', 'to access'],
]);

/** Store-side contexts: the merchant's own customers, checkout and shipping, not our billing. */
const STORE_SIDE = once(() => [
  'meus clientes',
  'meu cliente',
  'minha cliente',
  'minhas clientes',
  'os clientes',
  'clientes da loja',
  'cliente final',
  'clientes finais',
  'consumidor*',
  'comprador*',
  'checkout',
  'gateway',
  'intermediador*',
  // The store's orders, duplicated or not ("esse pedido entrou em duplicidade na loja"): never our billing.
  'pedido entrou',
  'pedidos entraram',
  'pedido duplicado',
  'pedidos duplicados',
  'pedido em duplicidade',
  'pedidos em duplicidade',
  'pedidos da loja',
  'pedidos na loja',
  'frete',
  'carrinho',
  'vitrine',
  // The same in English ("a customer's account got locked on my store").
  "customer's",
  "customers'",
  'my customers',
  'our customers',
  'the customer',
  'the customers',
  'shopper*',
  'buyer*',
  // Someone the store sells to ("o cliente foi cobrado duas vezes"); never "sou cliente", "uma cliente antiga".
  'o cliente',
  'a cliente',
  'as clientes',
  // …and whom the store sends or issues to (pt-PT "a loja deixou de enviar as faturas aos clientes").
  'aos clientes',
  'ao cliente',
  // Round 51: …and what they paid or did ("os boletos pagos pelos clientes da minha loja ficam pendentes").
  'pelos clientes',
  'pelas clientes',
  'pelos meus clientes',
  'pelas minhas clientes',
  // The possessive after the noun, as people say it ("uma cliente minha pediu estorno", "clientes
  // nossos", "una clienta mía", "a customer of mine"); never "sou cliente, minha loja…" (the comma).
  ...['cliente', 'clientes'].flatMap((who) =>
    ['meu', 'minha', 'meus', 'minhas', 'nosso', 'nossa', 'nossos', 'nossas'].map((whose) => `${who} ${whose}`),
  ),
  // A customer named after a preposition ("o reembolso de uma cliente", "mandei para um cliente"); never
  // "sou uma cliente antiga", which has none.
  ...['de', 'para', 'a'].flatMap((to) => [`${to} um cliente`, `${to} uma cliente`]),
  ...['cliente mio', 'clienta mia', 'clientes mios', 'clientas mias', 'cliente nuestro', 'clientes nuestros'],
  ...['customer of mine', 'customers of mine', 'customer of ours', 'customers of ours'],
  // …and the card or purchase that is theirs ("cobrança no cartão da cliente", "o cartão de crédito das
  // clientes", "o pedido da cliente", "cobrada duas vezes no cartão delas"); never "da cliente" alone,
  // which an agency writes of the merchant, nor "no cartão dela", which may be a partner paying our fee.
  // …and the invoice or boleto she issued them ("a fatura do cliente", "o boleto da cliente").
  ...[
    'cartao *',
    'cartoes *',
    'compra',
    'compras',
    'pix',
    'pedido',
    'pedidos',
    'fatura',
    'faturas',
    'boleto',
    'boletos',
  ].flatMap((whose) => [`${whose} d* client*`, `${whose} delas`, `${whose} deles`]),
]);

/** The term granted, in a deal's "se … eu fecho o anual": "se fizerem em 12x", "se me derem 30%". */
const DEAL_IF_GRANTED = once(() => [
  'se voces fizerem',
  'se fizerem',
  'se fizer',
  'se voce fizer',
  'se me derem',
  'se me der',
  'se derem',
  'se voces derem',
  'se liberarem',
  'se me liberarem',
  'se parcelarem',
  'se voces parcelarem',
  'se conseguirem fazer',
]);

/** The term asked for, in a deal's "… que eu assino": "façam em 12x", "me deem desconto", "parcelem". */
const DEAL_GRANT_ASKED = once(() => {
  // "faz em" only as the imperative's "façam/faça em": "faz em média 3 anos que eu assino" is time gone by.
  const doIt = ['faz', 'fazem', 'facam', 'faca'].flatMap((make) =>
    ['o anual', 'o plano', ...(make.startsWith('fac') ? ['em'] : [])].map((what) => `${make} ${what}`),
  );
  return [...doIt, 'me deem', 'me de', 'me da', 'liberem', 'parcelem'];
});

/**
 * Round 57: a term asked for as the price of her signing, renewing or moving ("consigo pagar o anual em 12x sem
 * juros? se fizer isso eu fecho o anual", "se me derem 12x no plano anual eu renovo", "faz em 12x que eu assino"):
 * a deal offered, the Comercial's. The bare question ("consigo pagar o plano anual em 12x sem juros?") asks how
 * a plan is paid, the knowledge base's (BILLING_QUESTION); so does "se eu fechar o anual, consigo pagar em 12x?".
 */
const DEAL_OFFERED = once(() => {
  const signs = [
    'fecho o anual',
    'fecho o plano',
    'fecho com voces',
    'fecho hoje',
    'fecho agora',
    'fecho na hora',
    'fecho o contrato',
    'assino',
    'renovo',
    'contrato',
  ];
  // The same deal in English and Spanish ("if you give me the annual plan in 12 installments I'll sign today").
  const inEnglish = ['if you give me', 'if you do', 'if you can do', 'if you make it', 'if you offer'].flatMap(
    (granted) =>
      ["i'll sign", 'i will sign', "i'll renew", 'i will renew', "i'll buy", 'i will buy'].map(
        (sign) => `${granted} * * ${sign}`,
      ),
  );
  const inSpanish = ['si me dan', 'si me hacen', 'si hacen', 'si me dejan'].flatMap((granted) =>
    ['firmo', 'contrato', 'renuevo', 'cierro'].map((sign) => `${granted} * * ${sign}`),
  );
  return [
    ...signs.flatMap((sign) => [
      ...DEAL_IF_GRANTED().map((granted) => `${granted} * * eu ${sign}`),
      ...DEAL_GRANT_ASKED().map((grant) => `${grant} * * que eu ${sign}`),
    ]),
    ...inEnglish,
    ...inSpanish,
  ];
});

/**
 * Round 60: the deal closed in a bare "eu fecho" ending her "se …" sentence ("quero o anual, mas só se fizerem
 * em 12x sem juros. se fizerem em 12x eu fecho"). The bare verb also closes a store: the rule that reads it
 * (scope.commercial.deal-bare-close) wants a payment term in the sentence (DEAL_TERMS) and nothing closed after
 * the verb (CLOSED_AFTER_FECHO).
 */
const DEAL_BARE_CLOSE = once(() => [
  ...DEAL_IF_GRANTED().flatMap((granted) => [`${granted} * * eu fecho`, `${granted} * * fecho`]),
  ...DEAL_GRANT_ASKED().map((grant) => `${grant} * * que eu fecho`),
]);

/** A payment term put as the price of a deal: installments, no interest, a discount. */
const DEAL_TERMS = once(() => [
  ...Array.from({ length: 23 }, (_, i) => i + 2).flatMap((n) => [`${n}x`, `${n} x`, `${n} vezes`]),
  'sem juros',
  'parcel*',
  'desconto*',
  'abatimento',
  'pela metade',
  'metade do preco',
  'preco do mensal',
  'valor do mensal',
]);

/**
 * What "fecho" closes when something follows it ("eu fecho a loja", "fecho minha loja", "eu fecho tudo", "fecho
 * as portas"): her store or account, a threat. A deal's object ("eu fecho o anual") is DEAL_OFFERED's.
 */
const CLOSED_AFTER_FECHO = once(() =>
  [
    ...['a', 'o', 'as', 'os', 'um', 'uma', 'minha', 'meu', 'minhas', 'meus', 'nossa', 'nosso'],
    ...['essa', 'esse', 'esta', 'este', 'isso', 'tudo', 'de vez', 'loja', 'conta', 'site', 'empresa', 'cnpj'],
  ].map((closed) => `fecho ${closed}`),
);

/**
 * Round 55: a refund of ours named right after the how-to that STORE_PAYMENTS reads as her refunding a sale
 * ("como faço pra estornar a mensalidade?", "preciso estornar a cobrança de vocês"): our charge, not her sale.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const REFUND_OURS = once(() => ['como faco para', 'como', 'preciso', 'tenho que'].flatMap((how) => [
  ...['a mensalidade', 'minha mensalidade', 'a fatura', 'minha fatura', 'o plano', 'meu plano', 'a assinatura', 'minha assinatura', 'a cobranca de voces', 'essa cobranca de voces', 'a cobranca da mensalidade', 'a cobranca do plano'].map(
    (ours) => `${how} estornar ${ours}`,
  ),
]));

/** How she asks to refund something herself ("como faço pra estornar?", "preciso fazer o reembolso"). */
const HOW_TO_REFUND = once(() => [
  ...['como faco para', 'como', 'preciso', 'tenho que'].flatMap((how) => [`${how} estornar`, `${how} reembolsar`]),
  ...['como faco um estorno', 'como faco um reembolso'],
  ...['preciso fazer', 'tenho que fazer'].flatMap((how) =>
    ['o estorno', 'um estorno', 'o reembolso', 'um reembolso'].map((what) => `${how} ${what}`),
  ),
]);

/**
 * Round 57: our charge told first in her sentence ("vcs cobraram a mensalidade no meu cartão esse mês 2 vezes,
 * como faço pra estornar"): the how-to after it, however far, asks for a refund of ours. Never her buyer's
 * ("a cliente disse que cobraram 2x no cartão dela"), nor "cobraram da cliente", which STORE_SIDE still vetoes.
 */
const OUR_CHARGE_THEN_REFUND = once(() => ({
  after: [
    'voces cobraram',
    'voces me cobraram',
    'me cobraram',
    'fui cobrad*',
    'cobraram minha mensalidade',
    'cobraram a mensalidade',
  ],
  yielding: HOW_TO_REFUND(),
}));

/**
 * Round 47: the freight app or fee that is ours to bill, named with STORE_SIDE's "frete" — the app
 * charged, removed or cancelled ("o app de frete foi desinstalado mas continua sendo cobrado", "cancelei
 * o app Frete Rápido"), the fee on her invoice or monthly fee ("taxa de frete na minha fatura"). An app
 * that is "cobrando" charges her buyers, and stays store side.
 */
const FREIGHT_OURS = once(() => [
  ...['app de frete', 'app do frete', 'app frete', 'aplicativo de frete', 'aplicativo frete']
    .concat(['app de calculo de frete', 'aplicativo de calculo de frete'])
    .flatMap((app) => [
      `${app} * cobrad*`,
      `${app} foi desinstalad*`,
      `${app} foi removid*`,
      `${app} foi cancelad*`,
      ...['desinstalei o', 'removi o', 'cancelei o', 'cobranca do', 'mensalidade do', 'assinatura do'].map(
        (done) => `${done} ${app}`,
      ),
    ]),
  ...['na minha fatura', 'na fatura', 'na minha mensalidade', 'na mensalidade'].map((bill) => `frete ${bill}`),
  ...['minha fatura', 'minha mensalidade'].map((bill) => `${bill} veio com * frete`),
]);

/**
 * People of the store's own team, whose panel user the merchant writes about ("o usuário da minha
 * funcionária foi bloqueado", "ninguém da equipe consegue entrar no painel"): still the store's access.
 */
const STORE_TEAM = once(() => [
  'funcionari*',
  'emplead*',
  'colaborador*',
  'socio',
  'socia',
  'socios',
  'gerente',
  'equipe',
  'assistente',
  'estagiari*',
]);

/** A team member's panel user, login or access blocked or switched off ("o login da minha gerente está bloqueado"). */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const TEAM_USER_BLOCKED = once(() => STORE_TEAM().flatMap((who) =>
  ['usuario', 'login', 'acesso', 'conta', 'cuenta', 'acceso'].flatMap((what) => [
    `${what} * ${who} * bloquead*`,
    `${what} * ${who} * desativad*`,
    `bloquearam * ${what} * ${who}`,
  ]),
));

/**
 * The store's own sales and the payment providers that collect them: store-side for the billing
 * rules ("os boletos da loja no Pagar.me", "estornar uma venda"), which our invoices never are.
 */
const STORE_PAYMENTS = once(() => [
  'boleto da loja',
  'boletos da loja',
  // Boletos the store issues its buyers ("minha loja não gera boletos", "a loja parou de gerar boleto").
  ...['loja nao gera', 'loja nao emite', 'loja nao esta gerando', 'loja parou de gerar', 'loja parou de emitir'].map(
    (v) => `${v} boleto*`,
  ),
  // The invoice or boleto of a sale or an order ("anexei a fatura do pedido 1234", "as faturas das vendas").
  ...['fatura', 'faturas', 'boleto', 'boletos'].flatMap((what) =>
    ['do pedido', 'dos pedidos', 'de pedido*', 'da venda', 'das vendas', 'de venda*'].map((of) => `${what} ${of}`),
  ),
  // Round 40: the order a boleto left unpaid cancelled ("o boleto não foi compensado e o pedido ficou
  // cancelado"); never "meu pedido de cancelamento", hers of the plan.
  ...['pedido', 'pedidos'].flatMap((order) =>
    [
      'ficou cancelado',
      'ficaram cancelados',
      'foi cancelado',
      'foram cancelados',
      'cancelou',
      'cancelaram',
      'cancelado',
      'cancelados',
      'cancela sozinho',
      'cancelam sozinhos',
    ].map((cancelled) => `${order} ${cancelled}`),
  ),
  // Round 43: orders her buyers pay by boleto ("os pedidos pagos no boleto não mudam de status", "as
  // compras pagas via boleto ficam pendentes"): the store's sales, never our invoice.
  ...['pedido*', 'compra*', 'venda*'].flatMap((sale) =>
    ['no', 'com', 'via', 'por', 'pelo'].map((by) => `${sale} pag* ${by} boleto*`),
  ),
  'venda no pix',
  'vendas no pix',
  // The fee on the store's own Pix sales is its payment provider's ("vocês cobram taxa sobre o pix das vendas?").
  'pix das vendas',
  'pix das minhas vendas',
  'estornar uma venda',
  'estornar a venda',
  'estorno da venda',
  'estorno de venda',
  // "estorno de uma venda paga via pix", "estornar as vendas", "estorno de um pedido".
  'estorno de uma venda',
  'estorno de vendas',
  'estorno das vendas',
  'estornar vendas',
  'estornar as vendas',
  'estorno de um pedido',
  'estorno de pedido*',
  'estorno dos pedidos',
  'estornar um pedido',
  'estornar pedido*',
  'estornar os pedidos',
  'estornar o pedido',
  'estorno do pedido',
  // Round 45: a product her buyer sent back ("Recebi o produto de volta do cliente, como faço o estorno?",
  // "a compradora devolveu o produto"): the refund is her sale's, never our fee.
  ...['de volta d*', 'devolvido pel*', 'devolvida pel*', 'devolvidos pel*', 'devolucao d*'].flatMap((back) =>
    ['client*', 'comprador*'].map((who) => `${back} ${who}`),
  ),
  ...['produto', 'produtos', 'mercadoria', 'pedido'].flatMap((what) => [
    `${what} de volta d*`,
    `devolveu o ${what}`,
    `devolveram o ${what}`,
  ]),
  // The merchant refunding a sale herself ("como faço para estornar uma das cobranças pelo painel?",
  // "preciso fazer o reembolso"): we refund our own charges, she does not ask how to. Never "como faço
  // o estorno", which is also how she asks for ours.
  ...HOW_TO_REFUND(),
  'mercado pago',
  'pagseguro',
  'pagar.me',
  'pagarme',
  'cielo',
  'getnet',
  'paypal',
  // A chargeback the store received on a sale ("recebi três chargebacks de vendas"): the card holder
  // disputes the store's sale; a merchant disputing our charge writes "contestar a cobrança".
  'recebi * chargeback*',
  'recebemos * chargeback*',
  'chargeback* de venda*',
  'chargeback* de uma venda',
  'chargeback* de pedido*',
  'chargeback* do pedido',
  'chargeback* em venda*',
  // What the store sells by subscription, and its subscribers ("vendo box mensal por assinatura",
  // "os pedidos recorrentes dos meus assinantes"), and the signature of its e-mails.
  'por assinatura',
  'meus assinantes',
  'dos assinantes',
  'pedidos recorrentes',
  'assinatura dos emails',
  'assinatura dos e-mails',
  'assinatura do e-mail',
  'assinatura de e-mail',
  // A buyer of hers charged at her store ("um cliente está dizendo que foi cobrado duas vezes na minha
  // loja", "os clientes estão sendo cobrados em dobro no checkout"): her sale's payment, not our bill.
  ...['cobrado', 'cobrada', 'cobrados', 'cobradas'].flatMap((charged) => [
    `${charged} * na minha loja`,
    `${charged} * na nossa loja`,
    `${charged} * no checkout`,
  ]),
  ...['cliente *', 'clientes *', 'comprador *', 'compradora *', 'compradores *'].flatMap((buyer) => [
    `${buyer} foi cobrado`,
    `${buyer} foi cobrada`,
    `${buyer} foram cobrados`,
    `${buyer} sendo cobrado*`,
    // …or cancelling at her store, and its refund ("um cliente cancelou uma compra na loja e o estorno…").
    `${buyer} cancelou`,
    `${buyer} cancelaram`,
  ]),
]);

/**
 * What she pays said as the reason to be heard about something else ("pago o plano anual em dia e
 * mesmo assim a loja está fora do ar", "pago caro pela mensalidade e a loja vive caindo", "mesmo
 * pagando o plano, o suporte não responde"): the payment is her argument, the breakage her topic.
 */
/** What goes wrong all the same, after the plan she pays or is on ("… e a loja está fora do ar"). */
const AND_YET = once(() => [
  'e mesmo assim a loja',
  'e ainda assim a loja',
  'e a loja',
  'mas a loja',
  'e minha loja',
  'e a minha loja',
  'mas minha loja',
  'e nao consigo',
  'mas nao consigo',
  'e o suporte',
  'mas o suporte',
  'e o site',
  'e o painel',
  'e o checkout',
  'e os pedidos',
  'e nada funciona',
  // What broke, named ("pago o plano mais caro e o estoque não sincroniza").
  ...[
    'o estoque',
    'a integracao',
    'o frete',
    'a busca',
    'as fotos',
    'as imagens',
    'o carrinho',
    'os produtos',
    'o dominio',
    'o tema',
  ].map((what) => `e ${what}`),
]);

/**
 * The plan named as who she is ("sou do plano Essencial", "tenho o plano Pro", "estamos no plano anual"), in
 * the words of her sentence: not, by itself, a question about the plan (topic.billing.plan-held).
 */
const PLAN_HELD = once(() => [
  'sou do plano',
  'sou cliente do plano',
  'estou no plano',
  'tenho o plano',
  'assino o plano',
  'uso o plano',
  // Round 41: "sou assinante do plano Pro e a loja está lenta".
  'sou assinante do plano',
  'somos assinantes do plano',
  // Round 34: just subscribed ("acabei de assinar o plano e o domínio ainda não conectou").
  'assinei o plano',
  'acabei de assinar o plano',
  'contratei o plano',
  'acabei de contratar o plano',
  // Round 41: a subscriber, with no article, or in the plural ("sou assinante do plano Pro e a loja está
  // lenta", "tenho plano Essencial e minha loja caiu", "somos assinantes do plano anual e a loja…").
  'assinante do plano',
  'assinantes do plano',
  'tenho plano',
  'temos o plano',
  'estamos no plano',
  // Round 42: the same said by a team, or with "com".
  'somos do plano',
  'usamos o plano',
  'temos plano',
  'estou com o plano',
  'estamos com o plano',
]);

/** Plans named in English ("the Pro plan"); never "business", whose "business plan" is no plan of ours. */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const ENGLISH_PLAN_NAMES = once(() => ['basic', 'pro', 'plus', 'premium', 'starter', 'essential', 'advanced', 'professional']);

/** The plan as who she is, in English ("I'm on the Basic plan", "we have the Pro plan"). */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const ENGLISH_PLAN_HELD = once(() => ["i'm on", 'i am on', "we're on", 'we are on', 'i have the', 'we have the', 'i use the'].map(
  (on) => `${on} * plan`,
));

/** Round 46: her own free trial ("meu período grátis acabou, quanto vou pagar?"): she is on a plan. */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const FREE_TRIAL_HERS = once(() => ['meu', 'o meu', 'nosso'].flatMap((my) =>
  ['periodo gratis', 'periodo gratuito', 'periodo de teste', 'teste gratis'].map((trial) => `${my} ${trial}`),
));

const PAID_AND_YET = once(() => [
  ...['pago', 'pagamos', 'pagando', 'paguei'].flatMap((pay) => [
    `${pay} caro`,
    `${pay} tao caro`,
    ...AND_YET().map((yet) => `${pay} * * ${yet}`),
  ]),
  // Round 29: the plan as who she is ("sou do plano Essencial e minha loja está fora do ar"), not
  // what she asks about; "sou do plano Essencial e quero mudar" still asks (no AND_YET).
  ...PLAN_HELD().flatMap((on) => AND_YET().map((yet) => `${on} * ${yet}`)),
  'mesmo pagando',
  // Round 34: the store's own payments after "mesmo assim" ("pago o plano em dia e mesmo assim o Pix
  // da loja não confirma"): said on their own, not after each way of paying (AND_YET's gap phrases
  // multiply every entry by the fourteen lead-ins above, and each phrase costs the first message).
  ...['e mesmo assim', 'e ainda assim', 'mas mesmo assim'].flatMap((yet) =>
    ['o pix', 'os pagamentos', 'as vendas', 'o gateway', 'o mercado pago', 'o pagseguro'].map(
      (what) => `${yet} ${what}`,
    ),
  ),
  // The same in Spanish ("pago el plan anual y aun así la tienda está caída").
  ...['pago', 'pagamos', 'pagando'].flatMap((pay) =>
    ['y aun asi', 'y la tienda', 'pero la tienda', 'y no puedo'].map((yet) => `${pay} * * ${yet}`),
  ),
  'aun pagando',
]);

/**
 * A client of another company ("não sou mais cliente do Mercado Livre", "deixei de ser cliente do
 * Bling"): what the sender says of them is not about being our client.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const CLIENT_OF_ANOTHER_COMPANY = once(() => [
  'mercado livre',
  'shopee',
  'amazon',
  'magalu',
  'americanas',
  'bling',
  'tiny',
  'olist',
  'melhor envio',
  'jadlog',
  'loggi',
  'marketplace',
].map((company) => `cliente* d* ${company}`));

/** Marketplaces, where people sell without a store of ours (round 42). */
const MARKETPLACES = once(() => [
  'amazon',
  'magalu',
  'magazine luiza',
  'americanas',
  'aliexpress',
  'shein',
  'casas bahia',
]);

/**
 * Round 55: selling online "também" on a channel she names ("quero vender pela internet também no Instagram",
 * "vender tb pelo Mercado Livre"): she sells already, and wants one more channel; "quero vender também pela
 * internet" (her physical shop, and now online) names none.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const ALSO_ON_A_CHANNEL = once(() => ['instagram', 'facebook', 'whatsapp', 'tiktok', 'marketplace*', 'mercado livre', 'shopee', ...MARKETPLACES()].flatMap((channel) =>
  ['no', 'na', 'nos', 'pelo', 'pela', 'em'].map((on) => `tambem ${on} ${channel}`),
));

/** Round 55: our panel or platform said to be in use, hers with us (CLIENT_MARKERS, client.other-platform.text). */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const OUR_PLATFORM_IN_USE = once(() => [
  ...['uso', 'usamos', 'utilizo'].flatMap((use) => [`${use} o painel de voces`, `${use} a plataforma de voces`]),
  ...OTHER_PLATFORMS().flatMap((other) =>
    ['e o painel de voces', 'e a plataforma de voces', 'e voces'].map((ours) => `uso a ${other} ${ours}`),
  ),
]);

/**
 * A marketplace's seller as who she is ("sou vendedora da Shopee", "minha conta de vendedor na Amazon", "sou
 * seller do Mercado Livre"): that marketplace's account, payouts and listings are hers there, not ours.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const MARKETPLACE_SELLER = once(() => ['mercado livre', 'shopee', 'olx', 'enjoei', 'elo7', ...MARKETPLACES()].flatMap((market) => [
  ...['sou vendedor', 'sou vendedora', 'sou seller', 'somos vendedores'].flatMap((who) =>
    ['da', 'do', 'na', 'no'].map((of) => `${who} ${of} ${market}`),
  ),
  ...['conta de vendedor', 'conta de vendedora', 'conta de seller'].flatMap((account) =>
    ['da', 'do', 'na', 'no'].map((of) => `${account} ${of} ${market}`),
  ),
]));

/** Payment providers, ERPs, carriers and marketplaces her store works with: their accounts and support are theirs. */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const OTHER_COMPANIES = once(() => [
  'mercado pago',
  'mercadopago',
  'pagseguro',
  'pagbank',
  'pagar.me',
  'cielo',
  'getnet',
  'paypal',
  'stone',
  'bling',
  'tiny',
  'mercado livre',
  'shopee',
  'melhor envio',
  'correios',
  // Round 42: the other marketplaces ("minha conta na Amazon foi suspensa").
  ...MARKETPLACES(),
]);

/**
 * The sender's account at a payment provider, a marketplace or an ERP ("não consigo acessar minha conta do
 * PagSeguro", "o login do Bling não entra"): its sign-in is that company's, not the panel's.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const ACCOUNT_ELSEWHERE = once(() => OTHER_COMPANIES()
  .flatMap((company) =>
    ['conta', 'login', 'senha', 'painel'].flatMap((what) =>
      ['do', 'da', 'dos', 'no', 'na', 'nos'].map((of) => `${what} ${of} ${company}`),
    ),
  )
  // Round 42: her seller account there ("minha conta de vendedor na Amazon foi suspensa").
  .concat(MARKETPLACE_SELLER().filter((seller) => seller.startsWith('conta '))));

/**
 * A page inside the panel she is signed in to ("não consigo acessar o relatório de vendas", "não abro a
 * aba de pedidos"): that page's fault, for support, not lost access to the panel. Never the sign-in's
 * own page ("não consigo acessar a página de login").
 */
const PANEL_PAGES = once(() => [
  ...['acessar', 'abrir', 'acesso', 'abro'].flatMap((open) =>
    [
      'o relatorio',
      'os relatorios',
      'relatorio*',
      'a aba',
      'as abas',
      'o menu',
      'o extrato',
      'os pedidos',
      'o pedido',
      'o modulo',
      'os modulos',
      'o historico',
      'as notas fiscais',
      'a nota fiscal',
      'o estoque',
      'os produtos',
      'o cadastro d*',
      ...['pedidos', 'produtos', 'relatorios', 'vendas', 'clientes', 'estoque', 'pagamentos'].flatMap((what) => [
        `a pagina de ${what}`,
        `a tela de ${what}`,
        `a area de ${what}`,
      ]),
    ].map((page) => `${open} ${page}`),
  ),
  ...['relatorio*', 'aba', 'menu', 'extrato', 'pedidos', 'modulo'].map((page) => `entrar n* ${page}`),
]);

/** It worked before (BROKEN), not a word of a break now: "funcionava", "voltou a". */
const WORKED_BEFORE = once(() => ['funcionava', 'estava funcionando', 'voltou a']);
/** Put back what was taken away, or fix what is wrong (BROKEN). */
const PUT_BACK_OR_FIX = once(() => [
  'de volta',
  'de novo',
  'novamente',
  'tiraram',
  'removeram',
  'apagaram',
  'apagou',
  'errado',
  'errada',
  'errados',
  'erradas',
  'correcao',
]);
/** Wished to have worked, or to work: "um relatório que funcione", "um app que não travasse" (BROKEN). */
const WISHED_TO_WORK = once(() => [
  'tivesse funcionado',
  'tivessem funcionado',
  'funcione',
  'funcionem',
  'funcionasse',
  'funcionassem',
  'travasse',
  'travassem',
]);
const FIX_EN = once(() => ['fix', 'fixed', 'fixing']);

/** Something that exists and broke: a complaint, not a request for something new. */
const BROKEN = once(() => [
  'parou',
  'pararam',
  'deixou de funcionar',
  'deixaram de funcionar',
  'nao funciona',
  'nao funcionam',
  'nao esta funcionando',
  'nao estao funcionando',
  'nao estou conseguindo usar',
  'com erro',
  'dando erro',
  'deu erro',
  'da erro',
  'erro',
  'erros',
  'bug',
  'bugou',
  'bugada',
  'bugado',
  'quebrou',
  'quebrada',
  'caiu',
  'fora do ar',
  'sumiu',
  'sumiram',
  'desapareceu',
  'desapareceram',
  'desconfigur*',
  'desconect*',
  ...WORKED_BEFORE(),
  'travou',
  'travando',
  'instavel',
  'instabilidade',
  'falha',
  'falhando',
  'nao sincroniza*',
  'parou de sincronizar',
  'nao esta sincronizando',
  'nao tem sincronizado',
  'nao esta integrando',
  'nao atualiza*',
  // What it fails to do now ("desde ontem ela não envia os pedidos", "não puxa o estoque").
  'nao envia',
  'nao enviam',
  'nao esta enviando',
  'nao estao enviando',
  'nao puxa',
  'nao puxam',
  'nao gera',
  'nao geram',
  'nao calcula',
  'nao calculam',
  // The present perfect of something that used to work ("a integração não tem funcionado", "não
  // tem atualizado o estoque"), and what is left to sync: not "não tem integração", "falta integração".
  'nao tem funcionado',
  'nao tem atualizado',
  'nao tem enviado',
  'nao tem importado',
  'nao tem integrado',
  'nao tem puxado',
  'nao tem baixado',
  'nao tem chegado',
  'nao tem entrado',
  'nao tem aparecido',
  'nao tem gerado',
  'nao tem calculado',
  'falta sincronizar',
  'faltam sincronizar',
  'faltando sincronizar',
  ...PUT_BACK_OR_FIX(),
  'trava',
  'travando',
  'travou',
  'no funciona',
  'dejo de funcionar',
  ...WISHED_TO_WORK(),
  'stopped working',
  'not working',
  ...FIX_EN(),
  "doesn't work",
  "isn't working",
  'broken',
  'error',
]);

/** BROKEN's words of the past, of a wish or of a fix: not a break now. */
const NOT_BROKEN_NOW = once(
  (): ReadonlySet<string> => new Set([...WORKED_BEFORE(), ...PUT_BACK_OR_FIX(), ...WISHED_TO_WORK(), ...FIX_EN()]),
);

/**
 * Something broken now, as BROKEN says it, without its wishes and fixes ("de novo", "errado", "funcione",
 * "fix"), which a plan question may use too ("quero voltar para o plano anterior de novo"); with how a
 * merchant says a page or the store fails ("o relatório não abre", "a loja está lenta").
 */
const BROKEN_NOW = once(() => [
  ...BROKEN().filter((w) => !NOT_BROKEN_NOW().has(w)),
  'nao abre',
  'nao abrem',
  'nao carrega',
  'nao carregam',
  'nao aparece',
  'nao aparecem',
  'lento',
  'lenta',
  'lentidao',
]);

/**
 * Round 42: what she says is there, against an answer that it is missing ("me disseram que a integração com
 * o Bling não existe, mas ela aparece no painel", "disse que vocês não possuem integração com o Mercado Livre,
 * sendo que uso há um ano"): the support's answer is her complaint, not a wish for something new.
 */
const SAYS_IT_EXISTS = once(() => [
  ...['sendo que', 'mas', 'so que'].flatMap((but) =>
    ['uso', 'eu uso', 'usamos', 'uso ha', 'eu uso ha', 'eu usava', 'usava', 'ela existe', 'ele existe'].map(
      (is) => `${but} ${is}`,
    ),
  ),
  'existe sim',
  'tem sim',
  'aparece no painel',
  'aparece no menu',
  'esta no painel',
  'esta no menu',
  'vendo por ela',
  'vendo por ele',
]);

/** A condition already promised, contracted or charged: the merchant complains, asks for nothing new. */
const PROMISED_OR_CHARGED = once(() => [
  'prometeu',
  'prometeram',
  'prometido',
  'prometida',
  'combinado',
  'combinada',
  'contratado',
  'contratada',
  'que contratei',
  'cobraram',
  'estao cobrando',
  'paguei',
  'mesmo assim',
  // Assured by someone of ours ("o vendedor me garantiu isenção da taxa de setup").
  'garantiu',
  'garantiram',
  'foi garantid*',
  'veio na fatura',
  'veio cobrad*',
  // Round 34: announced and not applied ("a isenção da taxa de instalação que estava no anúncio").
  'no anuncio',
  'do anuncio',
  'anunciad*',
  'nao aplicaram',
  'nao foi aplicad*',
]);

/** An agreement already made and not kept: a complaint, not a new negotiation. */
const NOT_KEPT = once(() => [
  'nao foi respeitad*',
  'nao respeitaram',
  'nao respeitou',
  'nao foi cumprid*',
  'nao cumpriram',
  'nao cumpriu',
  'descumpri*',
  'nao honraram',
]);

/**
 * Round 48: words of a letter over a forward that only react to what she forwards ("recebi isso hoje
 * e não entendi nada, o que significa?", "recebi esse aviso, o que devo fazer?"): the forwarded notice
 * says what she asks about, as for a short line (isShortLineOverForward).
 */
export const REACTS_TO_FORWARD = once((): readonly string[] => [
  ...['recebi', 'recebemos', 'chegou', 'me chegou', 'me mandaram', 'veio'].flatMap((got) =>
    ['isso', 'isto', 'esse', 'este', 'essa', 'esta', 'um aviso', 'um email', 'um e mail', 'uma mensagem'].map(
      (what) => `${got} ${what}`,
    ),
  ),
  ...['esse aviso', 'este aviso', 'o aviso abaixo', 'o email abaixo', 'o e mail abaixo', 'a mensagem abaixo'],
  ...['o que significa', 'o que isso significa', 'o que quer dizer', 'o que devo fazer', 'o que eu faco'],
  ...['received this', 'got this', 'what does this mean', 'recibi esto', 'recibi este', 'que significa'],
]);

/**
 * Round 48: a letter over a forward that says a matter of its own — something of hers broken now, or
 * another matter said so ("recebi esse aviso mas a minha dúvida é outra: os pedidos não aparecem") —
 * is hers to read, not a reaction to the notice.
 */
export const OWN_MATTER = once((): readonly string[] => [
  ...BROKEN_NOW(),
  ...['duvida e outra', 'outra duvida', 'outra coisa', 'outro assunto', 'outro problema', 'aproveit*', 'alem disso'],
]);

/**
 * Round 52: a wish put after her problem as an afterthought ("Ah, e seria legal ter relatório…", "E uma
 * sugestão: …", "…, fica a dica"), in the wish's sentence or the one just before it. With no ticket, her
 * access or billing problem told before it decides (engine: problemBeforeWishes); a wish alone stays one.
 */
export const AFTERTHOUGHT = once((): readonly string[] => [
  'ah',
  'ah e',
  'fica a dica',
  'fica a sugestao',
  'fica aqui a sugestao',
  'deixo a sugestao',
  'uma sugestao',
  'so uma ideia',
  'outra coisa',
  'by the way',
  'btw',
  'por cierto',
  'otra cosa',
  'queda la sugerencia',
]);

/**
 * Round 53: support's own words that she quotes back ('Vocês me responderam: "para negociar o valor do
 * plano, fale com o comercial". Não quero desconto, quero a loja no ar.') are not her request: a
 * quotation right after one of these (plain words, accents and case aside) is not read (engine:
 * withoutSupportQuotes). A reply names its writer; a verb of saying needs support as its subject
 * (SUPPORT_NAMED), so the error she quotes ('o sistema diz "senha incorreta"') still reads.
 */
export const SUPPORT_REPLIED = once((): readonly string[] => [
  ...['respondeu', 'responderam', 'respondido', 'respondida', 'resposta', 'retornaram', 'retornou'],
  ...['respondio', 'respondieron', 'respuesta', 'contesto', 'contestaron'],
  ...['replied', 'reply', 'response', 'answered', 'answer'],
]);
export const SUPPORT_NAMED = once((): readonly string[] => [
  ...['suporte', 'atendente', 'atendimento', 'analista', 'consultor', 'consultora', 'agente', 'equipe', 'voces'],
  ...['soporte', 'asesor', 'asesora', 'ustedes'],
  ...['support', 'agent', 'team'],
]);
export const SUPPORT_SAID = once((): readonly string[] => [
  ...['disse', 'disseram', 'falou', 'falaram', 'escreveu', 'escreveram', 'informou', 'informaram'],
  ...['alegou', 'alegaram', 'mandou', 'mandaram'],
  ...['dijo', 'dijeron', 'escribio', 'escribieron', 'said', 'wrote', 'told me', 'told us'],
]);

/**
 * A remedy asked for the harm of a failure ("quero um desconto na mensalidade como compensação,
 * porque o chamado 48213 ficou 20 dias sem solução", "isenção deste mês como ressarcimento"). With her
 * ticket verified, the complaint is the office's to weigh and the remedy the analyst's to grant or
 * not (engine: decide); without one, the remedy alone is a special condition ("pelo transtorno, quero
 * 3 meses grátis"). Read anywhere in her message (round 34).
 */
export const AS_A_REMEDY = once((): readonly string[] => [
  'compensacao',
  'compensar',
  'compensem',
  'ressarcimento',
  'ressarcir',
  'ressarcam',
  'indenizacao',
  'indenizar',
  'indenizem',
  // What the remedy is for ("um desconto pelo transtorno", "pelas vendas perdidas", "for the inconvenience").
  ...['pelo transtorno', 'pelos transtornos', 'pelo incomodo', 'pelo prejuizo', 'pelos prejuizos', 'pelo ocorrido'],
  ...['pelas vendas perdidas', 'pelo tempo parad*', 'pelos dias parad*'],
  // Round 38: the harm named beside the remedy, with no word for a remedy ("a loja ficou 5 dias fora
  // do ar … quero um mês grátis", "fiquei 10 dias sem vender … quero isenção", "perdi todas as vendas
  // do fim de semana … exijo desconto", "o suporte não resolveu em 20 dias … quero a isenção").
  ...['fora do ar', 'sem vender', 'perdi * vendas', 'perdemos * vendas', 'loja parada', 'site fora'],
  ...['por causa da queda', 'nao resolveu', 'nao resolveram', 'sem solucao'],
  ...['abatimento', 'reparacao', 'compensation', 'for the inconvenience', 'for the trouble', 'por las molestias'],
]);

/** Words about the support and the office's own service, not about the product. */
const ABOUT_THE_SERVICE = once(() => [
  'atendimento',
  'atendente*',
  'suporte',
  'resposta',
  'respostas',
  'respondam',
  'responder',
  'retorno',
  'chamado',
  'chamados',
  'solucao',
  // The deadline of an answer or a ticket, never a product's ("prazo de entrega por produto").
  ...['o prazo', 'um prazo', 'nenhum prazo', 'sem prazo', 'no prazo', 'do prazo'],
  ...['resposta', 'atendimento', 'retorno', 'solucao'].flatMap((of) => [`prazo de ${of}`, `prazo para ${of}`]),
  'prazo para responder',
  'prazo para resolver',
]);

/**
 * A request to the support or the office, not for a product feature: open a ticket for me ("podem
 * criar um chamado sobre a integração?"), an answer ("quando vão ter uma resposta sobre o
 * relatório?"), someone to look at it ("poderiam colocar alguém competente").
 */
const ASKS_THE_SERVICE = once(() => [
  'criar * chamado',
  'criem * chamado',
  'crie * chamado',
  'criarem * chamado',
  'criar * ticket',
  'criar * protocolo',
  'resposta',
  'respostas',
  'retorno',
  'ter uma solucao',
  'ter solucao',
  // When what broke comes back ("quando vão ter uma previsão pro PDV voltar?").
  'previsao * voltar',
  'previsao * normalizar',
  'colocar alguem',
  'coloquem alguem',
  'colocarem alguem',
  'colocar uma pessoa',
  'colocar um tecnico',
  'colocar um atendente',
  'colocar um analista',
  'colocarem um tecnico',
  'colocarem uma pessoa',
  'alguem competente',
  'alguem que entenda',
  'alguem que resolva',
  'answer',
  'reply',
  'respond',
]);

/**
 * Round 60: her leaving told as the reason of a data request ("Já cancelei o plano. Quero que apaguem meus
 * dados", "Cancelei minha assinatura em setembro"): the plan is named, not asked about (engine: decide). Past
 * tense only: "quero cancelar o plano e que apaguem meus dados" asks for the cancelling, the knowledge base's.
 */
export const LEFT_THE_PLAN = once(() =>
  ['cancelei', 'encerrei', 'cancelamos', 'encerramos'].flatMap((left) => [`${left} * plano`, `${left} * assinatura`]),
);

/** A data subject's request (LGPD art. 18): her data erased, or a copy of it. */
export const DATA_REQUEST = once(() => [
  'excluam meus dados',
  'excluam todos os meus dados',
  'apaguem meus dados',
  'apaguem todos os meus dados',
  'exclusao dos meus dados',
  'exclusao de meus dados',
  'remocao dos meus dados',
  'meus dados pessoais',
  'lgpd',
  // Round 49: the same requests in her own words — a copy asked for ("quero meus dados", "cópia dos
  // meus dados cadastrais"), the erasure with words between ("apaguem todos os meus dados"), where the
  // data came from ("de onde tiraram meus dados"), in Spanish and English.
  'quero meus dados',
  'quero os meus dados',
  'copia dos meus dados',
  'copia de todos os meus dados',
  'dados pessoais meus',
  ...['apaguem', 'excluam', 'eliminem', 'removam', 'deletem'].map((erase) => `${erase} * meus dados`),
  ...['tiraram', 'conseguiram', 'pegaram', 'obtiveram'].map((got) => `${got} meus dados`),
  'borren mis datos',
  'eliminen mis datos',
  'mis datos personales',
  'delete my data',
  'my personal data',
]);

/**
 * What puts a wish second to the matter of the message, in its sentence or a later one ("…queria uma
 * integração com a Shopee. Mas o principal: AS FOTOS."): a complaint with a ticket stays one.
 */
const PUT_SECOND = once(() => [
  'mas o urgente',
  'mas o mais urgente',
  'mas o principal',
  'mas o mais importante',
  // "…mas o meu problema é o Pix", "…mas agora só quero a vitrine funcionando", "o resto eu relevo"
  // (never "o resto eu resolvo", which a wish's sender says of her own work).
  'mas o meu problema',
  'mas o problema e',
  'mas agora so quero',
  'mas por agora so',
  'o resto eu relevo',
  'o resto eu ate relevo',
  'o resto pode esperar',
  'o resto fica para depois',
]);

/**
 * A wish the sender marks as an aside to what the message is about ("Aproveitando, seria ótimo ter
 * integração com a Shopee", "PS: …", "também queria sugerir…"): a complaint with a valid ticket
 * that ends with one is still the complaint the office takes.
 */
const ASIDE = once(() => [
  'aproveitando',
  'aproveito',
  'aproveitar para',
  'de quebra',
  'ps',
  'tambem queria sugerir',
  'tambem gostaria de sugerir',
  'tambem sugiro',
  'tambem deixo uma sugestao',
  // Asked by the way, or put second to what is urgent ("também gostaria de saber se…, mas o urgente é…").
  'tambem gostaria de saber',
  'tambem queria saber',
  // "Aliás, seria bom…", "Já que estou escrevendo: …", "…, mas isso é outro assunto".
  'alias',
  'ja que estou escrevendo',
  'ja que estou aqui',
  'aproveitando o contato',
  'outro assunto',
  ...PUT_SECOND(),
]);

/**
 * Something the message says used to work ("funcionava até semana passada", "os pedidos pararam de
 * entrar", "deixou de funcionar"), anywhere in what the sender wrote: the support's "não existe" or
 * "não temos integração" the merchant reports or pastes beside it is contested, not a request.
 */
const USED_TO_WORK = once(() => [
  'funcionava',
  'funcionavam',
  'sempre funcionou',
  'parou de funcionar',
  'pararam de funcionar',
  'parou de entrar',
  'pararam de entrar',
  'parou de aparecer',
  'pararam de aparecer',
  'parou de sincronizar',
  'pararam de sincronizar',
  'parou de enviar',
  'parou de importar',
  'deixou de funcionar',
  'deixaram de funcionar',
  'ja existia',
  'antes tinha',
  // "…mas tinha até ontem": there until a day the sender names.
  'tinha ate ontem',
  'tinha ate semana passada',
  'tinha ate a semana passada',
  'tinha ate mes passado',
  'tinha ate o mes passado',
  'tinha ate a atualizacao',
  'existia ate ontem',
  'existia ate a atualizacao',
  // Gone with an update ("o relatório não tem filtro por data desde a atualização").
  'desde a atualizacao',
  'depois da atualizacao',
  'apos a atualizacao',
  // Round 43: the same in Spanish and English ("antes funcionaba y ahora no", "it used to work": "to" reads
  // as "estou" once words are canonical, hence the gap).
  'funcionaba',
  'funcionaban',
  // A thing that worked, never a person who did ("I used to work with Tiendanube").
  ...['it', 'this', 'that', 'integration'].map((what) => `${what} used * work`),
]);

/**
 * An integration the sender already set up or uses ("Vocês têm integração com o Mercado Livre? Ativei
 * e não aparece nada"): the question is about one that does not work for them, not whether it exists.
 */
const IN_USE = once(() => [
  'ativei',
  'ativamos',
  'instalei',
  'instalamos',
  'configurei',
  'configuramos',
  'conectei',
  'conectamos',
  'integrei',
  'integramos',
  'habilitei',
  'habilitamos',
  'eu uso',
  'nos usamos',
  'ja uso',
  'ja usamos',
  'utilizo',
  'utilizamos',
  'active',
  'instale',
  'configure',
]);

/**
 * Someone who writes for a client store: its agency, an employee, a partner ("não somos clientes de
 * vocês, quem é cliente é a loja que a gente administra", "não sou cliente, o cliente é meu chefe").
 * Their own "não sou cliente" does not make the store a prospect for sales.
 */
/**
 * Who runs a merchant's store for her (her agency, her staff): what she says of "a loja da minha
 * cliente" is the store's, never a buyer's ("a loja da minha cliente não me devolveu o acesso").
 */
const RUNS_A_CLIENTS_STORE = once(() => [
  'cuida da loja',
  'cuidamos da loja',
  'cuido da loja',
  'loja que * cuid*',
  'administra a loja',
  'administramos a loja',
  'administro a loja',
  'loja que * administr*',
  'gerencia a loja',
  'gerenciamos a loja',
  'gerencio a loja',
  'loja que * gerenci*',
  'atendemos a loja',
  'loja do nosso cliente',
  'loja da nossa cliente',
  'loja do meu cliente',
  'loja da minha cliente',
  'trabalho na loja',
  'trabalho para a loja',
  'funcionari* da loja',
]);

const ACTS_FOR_A_CLIENT = once(() => [
  'cliente direto',
  'cliente direta',
  'clientes diretos',
  'quem e cliente e',
  'o cliente e a loja',
  'a cliente e a loja',
  'o cliente e meu',
  'o cliente e minha',
  'a cliente e minha',
  'a cliente e meu',
  'e cliente de voces',
  'sao clientes de voces',
  'que e cliente de voces',
  ...RUNS_A_CLIENTS_STORE(),
  'nosso cliente * esta',
  'nossa cliente * esta',
  'meu chefe',
  'minha chefe',
  'meu patrao',
  'minha patroa',
  'em nome da loja',
  'em nome do lojista',
  'em nome da lojista',
  'em nome do cliente',
  'em nome da cliente',
  'cliente * usa a plataforma',
]);

/** Nouns that make a request about the product's capabilities. */
const FEATURE_NOUNS = once(() => [
  'opcao',
  'opcoes',
  'funcao',
  'funcoes',
  'funcionalidade*',
  'recurso',
  'recursos',
  'ferramenta*',
  'botao',
  'campo',
  'campos',
  'integracao',
  'integracoes',
  'integrar',
  'relatorio*',
  'filtro*',
  'modulo*',
  'app',
  'aplicativo',
  'tela',
  'layout',
  'tema',
  'temas',
  'feature*',
  'possibilidade',
  'forma de',
  'maneira de',
  'jeito de',
  'meio de',
  'suporte a',
  'suporte para',
  'personaliza*',
  'configuracao',
  'automacao',
  'automatizar',
  'api',
  'plugin',
  'extensao',
  'opcion',
  'funcion',
  'herramienta',
  'integracion',
  'reporte',
  'boton',
  'aplicacion',
  'option',
  'feature',
  'tool',
  'integration',
  'report',
  'button',
  'module',
  'function',
  'functionality',
  'wishlist',
  'chatbot',
  'chat bot',
  'webhook',
  'webhooks',
  // A display mode or a way of selling the product would have to offer ("modo escuro no painel",
  // "vender por assinatura").
  'modo escuro',
  'modo noturno',
  'modo catalogo',
  'dark mode',
  'venda por assinatura',
  'vendas por assinatura',
  'vender por assinatura',
  'assinatura recorrente',
  // A way to pay the checkout does not offer ("pix parcelado", "parcelamento sem juros").
  'pix parcelado',
  'pix automatico',
  'parcelamento',
  // Round 47: the same by its Spanish words and paid in instalments ("Podrian agregar pago en cuotas",
  // "pagamento parcelado no boleto"), and a carrier to ship by ("¿Podrían agregar envío por Andreani?").
  ...['pago en cuotas', 'pagos en cuotas', 'cuotas sin interes', 'pagamento parcelado', 'boleto parcelado'],
  ...['envio por', 'envios por'],
  // Round 53: the English carrier or destination to ship by ("any plan to support shipping to Canada with FedEx?").
  ...['shipping to', 'shipping with', 'shipping via', 'shipping by'],
  // Round 54: the carrier named before the noun ("Is there any plan to support FedEx shipping?").
  ...['fedex', 'dhl', 'ups', 'usps', 'international'].map((carrier) => `${carrier} shipping`),
  'apple pay',
  'google pay',
  // A point of sale for the shop on the street ("quando vão ter PDV pra loja física?"), stock by
  // distribution centre, and the English verb ("do you plan to integrate with Amazon?").
  'pdv',
  'ponto de venda',
  'frente de caixa',
  'multi cd',
  'centro de distribuicao',
  'centros de distribuicao',
  'integrate',
  // Round 41: selling in several currencies by its name ("vocês vão ter multimoeda?", "multiple
  // currencies"); "venda em várias moedas" is everyday words, scope.feature.build's.
  'multimoeda*',
  'multi moeda*',
  'multiple currencies',
  'multi-currency',
  'multi currency',
  'multicurrency',
]);

/**
 * Asking the platform to build something: the verb of making it, aimed at the platform ("vocês
 * poderiam criar", "implementem", "sugiro que criem", "vão criar"). scope.feature.request reads it
 * with a feature noun, scope.feature.build without one.
 */
const BUILD_ASKED = once(() => [
  'voces poderiam criar',
  'poderiam criar',
  'poderiam desenvolver',
  'poderiam implementar',
  'poderiam adicionar',
  'poderiam incluir',
  'podiam criar',
  'podiam adicionar',
  'podiam implementar',
  'poderia criar',
  'poderia implementar',
  'poderia adicionar',
  'gostaria que criassem',
  'gostaria que implementassem',
  'gostaria que adicionassem',
  'gostaria que desenvolvessem',
  'peco que criem',
  'peco que implementem',
  'criem uma',
  'criem um',
  'implementem',
  'desenvolvam',
  'adicionem',
  'pretendem criar',
  'pretendem implementar',
  'vao criar',
  'vao implementar',
  'podem criar',
  'podem desenvolver',
  'podem implementar',
  'podem adicionar',
  'podem incluir',
  'seria possivel criar',
  'seria possivel desenvolver',
  'seria possivel implementar',
  'seria possivel adicionar',
  'que voces criem',
  'que voces desenvolvam',
  'que voces implementem',
  'sugiro que criem',
  // Round 43: the same asked in the passive ("gostaria de sugerir que fosse criada uma opção de venda por
  // assinatura", "sugiro que seja criado um programa de fidelidade", "peço que sejam implementados…"), and
  // the platform's need said of it ("precisamos que a plataforma tenha teste A/B").
  ...['que seja*', 'que fosse*'].flatMap((be) =>
    ['criad*', 'implementad*', 'desenvolvid*', 'adicionad*', 'incluid*', 'disponibilizad*'].map(
      (built) => `${be} ${built}`,
    ),
  ),
  ...['preciso', 'precisa', 'precisamos'].map((need) => `${need} que a plataforma tenha`),
]);

/**
 * What the sender says the platform should, could or must have ("vocês deveriam ter", "poderiam ter",
 * "a plataforma precisa ter", "era pra vcs ter", read "era para"; Spanish "deberían tener", English
 * "you should have"), with what may follow it in a wish: an article or the integration itself. A
 * participle there ("deveria ter sincronizado", "should have answered") is something that broke.
 */
const SHOULD_HAVE = once((): readonly (readonly [readonly string[], readonly string[]])[] => [
  [
    [
      'deveriam ter',
      'deviam ter',
      'deveria ter',
      'devia ter',
      'poderiam ter',
      'podiam ter',
      'poderia ter',
      'podia ter',
      'precisa ter',
      'precisam ter',
      'tem que ter',
      'tinham que ter',
      'era para * ter',
      'era para * terem',
    ],
    // Round 41: the option named with no article ("vcs deviam ter opção de agendar entrega").
    ['um', 'uma', 'integrac*', 'opcao', 'opcoes', 'a opcao'],
  ],
  [
    ['deberian tener', 'deberia tener', 'podrian tener', 'tendrian que tener'],
    ['un', 'una', 'integracion*', 'opcion', 'la opcion'],
  ],
  [
    ['should have', 'should offer'],
    ['a', 'an', 'integration*', 'the option'],
  ],
]);

/**
 * Round 52: a wish in the Spanish subjunctive for what the platform would have or do ("quisiéramos que el
 * panel estuviera en español", "nos gustaría que la plataforma tuviera integración con Mercado Libre", "me
 * encantaría que agregaran el pago en OXXO"): the wish, then up to four words (who), then a verb of having,
 * offering or adding, or being in a language. A deed of the service ("nos gustaría que nos devolvieran el cobro", "quisiéramos que
 * revisaran el acceso") has no such verb.
 */
const WISHED_IN_SPANISH = once(() =>
  [
    'quisieramos que',
    'quisiera que',
    'nos gustaria que',
    'me gustaria que',
    'nos encantaria que',
    'me encantaria que',
    'seria * util que',
    'ojala',
  ].flatMap((wish) =>
    [
      ...['tuviera', 'tuvieran', 'permitiera', 'permitieran', 'ofreciera', 'ofrecieran', 'aceptara', 'aceptaran'],
      ...[
        'agregaran',
        'anadieran',
        'incluyeran',
        'crearan',
        'lanzaran',
        'desarrollaran',
        'implementaran',
        'integraran',
      ],
      'estuviera disponible',
      // In a language, not "en línea otra vez" (back up) nor "en euros" (her invoice).
      ...['espanol', 'ingles', 'portugues', 'catalan', 'frances', 'varios idiomas', 'otros idiomas'].map(
        (language) => `estuviera en ${language}`,
      ),
      ...['lanzar', 'crear', 'agregar', 'incluir', 'ofrecer', 'anadir'].map((build) => `pudieran ${build}`),
    ].map((verb) => `${wish} * ${verb}`),
  ),
);

/**
 * Round 52: a bare ask of when a feature comes or whether it is planned (scope.feature.follow-up), each with
 * the words that may close it before it bare ("tem previsão para isso" before "tem previsão").
 */
const FOLLOW_UP_ASKS = once(() =>
  (
    [
      [
        [
          'quando vao ter',
          'quando vai ter',
          'quando vao lancar',
          'quando vai lancar',
          'quando vai sair',
          'quando vao sair',
          'quando sai',
          'tem alguma previsao',
          'existe alguma previsao',
          'tem previsao',
          'ha previsao',
          'existe previsao',
          'alguma previsao',
          'vao ter',
          'vai ter',
          'pensam em ter',
          'pensam em lancar',
          'pretendem ter',
          'pretendem lancar',
          'esta nos planos',
        ],
        [
          'para isso',
          'disso',
          'de ter',
          'de lancar',
          'de isso acontecer',
          'algo assim',
          'algo parecido',
          'isso',
          'algum dia',
          'um dia',
        ],
      ],
      [
        [
          'tienen previsto',
          'lo tienen previsto',
          'esta previsto',
          'hay planes',
          'tienen planes',
          ...['incorporar', 'agregar', 'incluir', 'tener', 'lanzar'].map((add) => `cuando lo van a ${add}`),
        ],
        ['hacerlo', 'incorporarlo', 'agregarlo', 'tenerlo', 'lanzarlo'],
      ],
      // The plans, then what they would do ("Do you have plans to add it?"); the others close bare.
      [
        ['any plans', 'any plan', 'do you have plans', 'are there plans'],
        ['to add it', 'to add this', 'to offer it', 'for it', 'for this'],
      ],
      [['is it planned', 'is it on the roadmap', 'will you add it', 'when will you add it'], []],
      // Round 53: "quando" said last, as speech puts it ("Vão lançar quando?").
      [['vao ter quando', 'vai ter quando', 'vao lancar quando', 'vai lancar quando', 'lancam quando'], []],
    ] as const
  ).flatMap(([asks, tails]: readonly [readonly string[], readonly string[]]) => [
    ...asks.flatMap((ask) => tails.map((tail) => `${ask} ${tail}`)),
    ...asks,
  ]),
);

/**
 * Round 52: what the sentence before a bare follow-up ask says of the feature when it names no feature noun:
 * the platform lacks it ("ainda não aceita pagamentos por MB Way", "does not offer subscription products",
 * "no se puede tener dos tiendas"), a competitor has it ("a nuvemshop já vende pelo tiktok shop", "… e vocês não"), or she
 * wishes it ("Seria ótimo vender no Mercado Livre direto pelo painel").
 */
const LACKS_OR_WISHED = once(() => [
  ...['nao tem', 'nao oferece', 'nao oferecem', 'nao aceita', 'nao aceitam', 'nao possui', 'nao permite', 'nao deixa'],
  ...['nao da para', 'nao existe', 'ainda nao', 'sinto falta', 'faz falta', 'ja vende', 'ja tem', 'ja oferece'],
  ...['concorrente', 'concorrentes', 'seria otimo', 'seria legal', 'seria bom', 'queria muito', 'gostaria muito'],
  ...['no ofrece', 'no ofrecen', 'no tiene', 'no tienen', 'no se puede', 'no permite', 'no hay', 'echamos de menos'],
  ...['extranamos', 'nos gustaria', 'me gustaria', 'la competencia'],
  ...["doesn't offer", 'does not offer', "doesn't support", 'does not support', "doesn't have", 'does not have'],
  ...['keep asking for', 'there is no', 'no way to', 'competitors'],
  // What another platform has and we do not ("A Shopify tem recuperação de carrinho por WhatsApp e vocês não").
  ...['e voces nao', 'mas voces nao', 'y ustedes no', 'pero ustedes no', "and you don't", "but you don't"],
]);

/** Messages that show the sender is already a client (a prospect's questions do not). */
/**
 * Round 48: her plan without the word "plano" — her store on one ("minha loja tá no básico"), hers by
 * ellipsis ("o meu tá vencendo", "trocar o meu mensal pelo anual"), its price gone up ("quero saber se
 * aumentou"): only someone who pays one says so; a prospect asks the price without them.
 */
const HER_PLAN_UNNAMED = once(() => [
  ...['minha loja', 'nossa loja', 'a loja'].flatMap((store) =>
    ['esta no', 'fica no', 'e do'].flatMap((on) =>
      ['plano', 'basico', 'essencial', 'pro', 'plus', 'avancado', 'profissional', 'premium', 'starter'].map(
        (plan) => `${store} ${on} ${plan}`,
      ),
    ),
  ),
  ...['o meu', 'o nosso'].flatMap((mine) =>
    ['esta vencendo', 'vence', 'venceu', 'vai vencer', 'renova', 'vai renovar', 'mensal', 'anual', 'semestral'].map(
      (said) => `${mine} ${said}`,
    ),
  ),
  ...['se aumentou', 'se subiu', 'ficou mais caro', 'o reajuste', 'aviso de reajuste'],
]);

/**
 * Round 48: the platform recommended to her own clients ("quero conhecer a plataforma para indicar aos meus
 * clientes", "queremos recomendar vocês para os nossos clientes"): a consultant's or an agency's clients, not a
 * store's buyers. The platform is named as what is recommended: "indicar aos meus clientes o rastreio" is a store's.
 */
// biome-ignore format: its lines as before the list went lazy, so phrase rounds still merge (issue 16)
const RECOMMENDS_US_TO_HER_CLIENTS = once(() => ['indicar', 'recomendar', 'apresentar'].flatMap((refer) =>
  ['a plataforma', 'voces', 'a plataforma de voces', 'o sistema', 'conhecer a plataforma para'].flatMap((us) =>
    ['aos meus', 'para os meus', 'para meus', 'a meus', 'aos nossos', 'para os nossos', 'para nossos'].map((to) =>
      us.endsWith(' para') ? `${us} ${refer} ${to} clientes` : `${refer} ${us} * ${to} clientes`,
    ),
  ),
));

const CLIENT_MARKERS = once(() => [
  // Round 55: our panel or platform in use, beside another platform or alone ("uso a Shopify e o painel de
  // vocês junto pro estoque", "uso a plataforma de vocês"); never "quero conhecer o painel de vocês".
  ...OUR_PLATFORM_IN_USE(),
  // Round 54: her store with us, said outright ("Tenho loja com vocês e uso a Shopify também"); never "criar
  // minha loja com vocês", a prospect's store to come.
  ...['tenho loja com voces', 'tenho uma loja com voces', 'ja tenho loja com voces'],
  // Round 45: another store beside hers ("quero abrir uma segunda loja, quanto custa?").
  'uma segunda loja',
  'minha segunda loja',
  'mais uma loja',
  'ja sou cliente',
  'sou cliente ha',
  'sou cliente desde',
  'sou cliente de voces ha',
  'sou lojista',
  'sou lojista de voces',
  'sou uma lojista',
  'sou um lojista',
  'sou so uma lojista',
  'sou so um lojista',
  'minha loja na',
  'minha loja virtual na',
  'meu painel',
  'painel administrativo',
  'minha assinatura',
  'meu plano',
  'minha fatura',
  'minhas faturas',
  'minha mensalidade',
  'meu dominio',
  'chamado',
  'ticket',
  'protocolo',
  // A plan change by someone on a plan today ("quero contratar o Pro, hoje estou no Básico").
  'plano atual',
  'hoje estou no',
  'hoje pago',
  'estou no plano',
  'sou cliente do',
  'subir de plano',
  'mudar de plano',
  'trocar de plano',
  'migrar de plano',
  'mudar do plano',
  // The plan she has, named ("quanto custa o plano que eu tenho?", "o plano acima do meu").
  'plano que eu tenho',
  'plano que tenho',
  'acima do meu',
  'abaixo do meu',
  // Moving to another plan is done from one ("quero passar para o plano anual, quanto fica?").
  // Round 34: the plan named by its period alone ("compensa mudar para o anual?").
  ...['passar', 'mudar', 'migrar', 'trocar', 'ir'].flatMap((move) =>
    ['o plano', 'o anual', 'o mensal', 'o semestral', 'o trimestral'].flatMap((plan) => [
      `${move} para ${plan}`,
      // Round 42: with "pro" for "para o" ("quanto custa pra mudar pro plano anual?").
      `${move} pro ${plan.slice(2)}`,
    ]),
  ),
  // Round 42: the plan she is on, by its name alone ("qnt custa o plano pro? eu to no básico").
  ...['estou no', 'estamos no', 'sou do', 'somos do'].flatMap((on) =>
    ['basico', 'essencial', 'pro', 'plus', 'avancado', 'profissional', 'premium', 'starter', 'anual', 'mensal'].map(
      (plan) => `${on} ${plan}`,
    ),
  ),
  'upgrade',
  'downgrade',
  // Round 42: the plan she holds ("Tenho o plano Pro. Quanto custa o anual?"), and the move in Spanish and
  // English ("¿Cuánto cuesta pasar al plan anual?", "how much to switch my plan to annual?").
  ...PLAN_HELD(),
  ...['pasar', 'pasarme', 'cambiar', 'cambiarme', 'migrar', 'subir'].flatMap((move) => [
    `${move} al plan`,
    `${move} de plan`,
    // Round 43: from the plan she is on ("¿Cómo hago para pasar del plan básico al plan pro?").
    `${move} del plan`,
  ]),
  'mi plan',
  'plan actual',
  'my plan',
  'current plan',
  // Round 43: another store beside the one she has with us ("quero abrir uma loja nova além da que já
  // tenho com vocês", "ya tengo una con ustedes").
  ...['que ja tenho com voces', 'ja tenho uma com voces', 'ja tenho uma loja com voces'],
  ...['que ya tengo con ustedes', 'ya tengo una con ustedes', 'ya tengo una tienda con ustedes'],
  // Round 44: a client says so in the plural, in Spanish and in English too ("Já somos clientes do básico",
  // "Ya soy cliente del plan básico", "Soy cliente desde 2022", "I'm already a customer"). Never a bare
  // "sou cliente de vocês", which a prospect negates ("ainda não sou cliente de vocês").
  ...['ja somos clientes', 'somos clientes ha', 'somos clientes desde', 'somos clientes do'],
  ...['clientes de voces desde', 'clientes de voces ha', 'cliente de voces desde'],
  ...['sou cliente da plataforma ha', 'sou cliente da plataforma desde'],
  ...['ya soy cliente', 'ya somos clientes', 'soy cliente hace', 'soy cliente desde', 'soy cliente del'],
  ...['somos clientes hace', 'somos clientes desde', 'somos clientes del'],
  ...['already a customer', 'a customer since', 'been a customer for', 'customers since'],
  // Round 46: on a plan today in Spanish or English ("Estoy en el plan Básico, ¿cuánto cuesta el Pro?", "I'm
  // on the Basic plan, how much is Pro?"), and her own free trial ending ("meu período grátis acabou").
  ...['estoy en el plan', 'estamos en el plan', ...ENGLISH_PLAN_HELD()],
  ...FREE_TRIAL_HERS(),
  ...HER_PLAN_UNNAMED(),
]);

/**
 * What else comes twice in a store, said with "duplicidade" ("os pedidos estão entrando em
 * duplicidade", "o estoque baixa em duplicidade"): not a charge of ours.
 */
const TWICE_NOT_CHARGED = once(() => [
  // Orders that come in twice; never "a cobrança entrou em duplicidade", a charge of ours.
  ...['entrando', 'entrou', 'entraram', 'entra', 'entram'].map((came) => `pedido* * ${came} em duplicidade`),
  'estoque',
  'produtos cadastrados',
  'cadastrados em duplicidade',
  'cadastrado em duplicidade',
  'enviados em duplicidade',
  'enviadas em duplicidade',
  'e-mails em duplicidade',
  'emails em duplicidade',
]);

/**
 * The store blocked or suspended for an unpaid fee ("a loja está bloqueada por falta de pagamento mas
 * eu paguei", "suspensa por inadimplência", "por pendência financeira", "por débito em aberto"): a billing matter — the finance team settles the payment —,
 * not a lost sign-in.
 */
/**
 * The plan's own payment that failed ("o cartão foi recusado na renovação", "o pagamento da assinatura foi
 * recusado", "o débito automático da mensalidade falhou"): the store suspended or blocked after it is a
 * billing matter, even told in another sentence ("Minha loja foi suspensa. O débito automático … falhou").
 */
const PLAN_PAYMENT_FAILED = once(() => {
  const failed = ['recusad*', 'negad*', 'nao passou', 'falhou', 'deu erro'];
  const payments = ['pagamento', 'cobranca', 'debito', 'debito automatico'].flatMap((pay) =>
    ['do plano', 'da assinatura', 'da mensalidade'].map((of) => `${pay} ${of}`),
  );
  return [
    ...failed.map((f) => `${f} na renovacao`),
    ...['renovacao do plano', 'renovacao da assinatura', 'debito automatico'].flatMap((what) =>
      failed.map((f) => `${what} * ${f}`),
    ),
    ...payments.flatMap((what) => failed.map((f) => `${what} * ${f}`)),
  ];
});

export const FOR_NON_PAYMENT = once(() => [
  ...PLAN_PAYMENT_FAILED(),
  // Round 40: the unpaid bill told beside it ("o boleto da mensalidade venceu e a loja foi suspensa,
  // já paguei ontem").
  ...['boleto', 'mensalidade', 'fatura'].flatMap((bill) => [`${bill} venceu`, `${bill} * venceu`]),
  ...['o boleto', 'a mensalidade', 'a fatura'].flatMap((bill) => [`ja paguei ${bill}`, `esqueci de pagar ${bill}`]),
  // Round 41: her plan's renewal her card did not pay ("o cartão foi recusado na renovação e a loja foi
  // suspensa"), never a buyer's card at her checkout.
  ...['recusado', 'recusada', 'recusou', 'negado', 'negada'].flatMap((declined) => [
    `${declined} na renovacao`,
    `${declined} * na renovacao`,
  ]),
  ...['a mensalidade', 'o plano', 'a assinatura', 'a fatura'].map((bill) => `nao consegui pagar ${bill}`),
  'por falta de pagamento',
  'por inadimplencia',
  'por atraso no pagamento',
  'por atraso de pagamento',
  'por fatura em aberto',
  'por fatura atrasada',
  'por mensalidade atrasada',
  'por mensalidade em aberto',
  'por pendencia* financeira*',
  'por pendencia* de pagamento',
  'por debito* em aberto',
  'por debito* pendente*',
  'por saldo devedor',
  'por valor* em aberto',
]);

/**
 * A charge, an invoice or a refund: what someone who says they never were a client but got charged
 * writes ("recebi cobrança de fatura mas nunca fui cliente") is a billing matter, not sales'.
 */
const CHARGED_WORDS = once(() => ['cobr*', 'estorn*', 'reembols*', 'fatura*', 'boleto*', 'debit*']);

const BILLING_WORDS = once(() => [...CHARGED_WORDS(), 'mensalidade*']);

/**
 * Someone who writes for the merchant who opened the ticket: an agency, an accountant, a developer,
 * an employee, a lawyer. Not a rule: a TICKET_INVALID reply's variant (engine.ts, `on-behalf`).
 */
/** The owner's family, who write for her ("escrevo pela minha mãe"). */
const FAMILY = once(() => [
  'mae',
  'pai',
  'marido',
  'esposa',
  'mulher',
  'filha',
  'filho',
  'irma',
  'irmao',
  'avo',
  'sogra',
  'sogro',
  'tia',
  'tio',
]);

/**
 * Round 57: she says, in her own words, that she opened no ticket ("recebi isso hoje, é de vocês? não abri chamado
 * nenhum", "I never opened a ticket"): a number the directory rejects is then not hers (a forwarded phishing mail's,
 * a subject she did not write), and asking her for "the right number" answers nothing — she is told where to go
 * first, as with no ticket. Never "não tenho o número do chamado", which says she has one.
 */
export const NO_TICKET_OPENED = once((): readonly string[] => [
  ...['chamado', 'ticket', 'protocolo', 'solicitacao'].flatMap((ticket) => [
    ...['nao abri', 'nunca abri', 'nao abrimos', 'nunca abrimos', 'nao tenho', 'nao temos'].flatMap((never) => [
      `${never} ${ticket}`,
      `${never} nenhum ${ticket}`,
      `${never} ${ticket} nenhum`,
      `${never} ${ticket} algum`,
    ]),
    `nenhum ${ticket} aberto`,
  ]),
  ...['ticket', 'ticket with you', 'support ticket'].flatMap((ticket) => [
    `never opened a ${ticket}`,
    `never opened any ${ticket}`,
    `didn't open a ${ticket}`,
    `didn't open any ${ticket}`,
    `did not open a ${ticket}`,
    `did not open any ${ticket}`,
    `don't have a ${ticket}`,
    `have no ${ticket}`,
  ]),
  ...['no abri', 'nunca abri', 'no tengo'].flatMap((never) => [
    `${never} ningun ticket`,
    `${never} un ticket`,
    `${never} ticket`,
  ]),
]);

/**
 * Journeys 62: she says, in the first person and the past, that she already opened a ticket or went to support ("ja
 * abri 3 chamados sobre o frete e ninguem resolve", "Já falei com o suporte várias vezes e nada", "I already opened a
 * ticket") and gives no number. Not a rule: the `already-opened` reply of NO_PRIOR_TICKET, ACCESS_ISSUE and
 * BILLING_QUESTION (ALREADY_OPENED_OUTCOMES, engine.ts), which asks her for that ticket's number instead of telling her
 * to go to support (or open a ticket) first. Never a plan ("vou abrir um chamado"), a
 * question ("como abro um chamado"), a buyer's ("o cliente abriu chamado"), a denial nor another company's support
 * (TICKET_NOT_OPENED_WITH_US).
 */
export const TICKET_OPENED = once((): readonly string[] => {
  const tickets = ['chamado', 'ticket', 'protocolo', 'solicitacao'];
  const plural = ['chamados', 'tickets', 'protocolos', 'solicitacoes'];
  const one = ['', 'um ', 'uma ', 'o ', 'a ', 'esse ', 'este ', 'outro ', 'mais um ', 'um novo ', 'novo '];
  // "abri 3 chamados", "abri uns 5 chamados", "abrimos varios chamados": a count before a plural noun.
  const opened = ['abri', 'abrimos', 'registrei', 'registramos', 'ja tinha aberto', 'ja tinhamos aberto'];
  const support = [
    'suporte',
    'o suporte',
    'a equipe de suporte',
    'a equipe do suporte',
    'o pessoal do suporte',
    'o atendimento',
    'a central',
    'a central de atendimento',
    'o suporte tecnico',
    'o sac',
  ];
  const contacted = [
    'falei com',
    'falamos com',
    'entrei em contato com',
    'entramos em contato com',
    'contatei',
    'acionei',
    'ja chamei',
    'ja reclamei com',
    'ja tentei falar com',
    'ja tentei contato com',
  ];
  const mailed = [
    'ja mandei e-mail',
    'ja mandei email',
    'ja enviei e-mail',
    'ja enviei email',
    'ja liguei',
    'ja escrevi',
  ];
  const phrases = [
    ...opened.flatMap((verb) => [
      ...tickets.flatMap((ticket) => one.map((det) => `${verb} ${det}${ticket}`)),
      ...plural.map((tickets) => `${verb} * ${tickets}`),
    ]),
    // "tenho um chamado aberto", "já temos 2 chamados abertos"; never a gap before the singular ("tenho que ter um
    // chamado aberto?" asks).
    ...['tenho', 'temos', 'ja tenho', 'ja temos'].flatMap((have) => [
      ...tickets.flatMap((ticket) => ['', 'um ', 'uma '].map((det) => `${have} ${det}${ticket} aberto*`)),
      ...plural.map((tickets) => `${have} * ${tickets} aberto*`),
    ]),
    ...contacted.flatMap((verb) => support.map((who) => `${verb} ${who}`)),
    ...mailed.flatMap((verb) =>
      ['pro suporte', 'para o suporte', 'pra central', 'para a central', 'pro atendimento', 'para o atendimento'].map(
        (who) => `${verb} ${who}`,
      ),
    ),
    ...['ja passei pelo suporte', 'ja passei pela central', 'ja passei pelo atendimento'],
    ...['ja falei', 'ja chamei', 'ja reclamei', 'ja tentei'].flatMap((verb) =>
      ['no chat', 'pelo chat'].map((chat) => `${verb} ${chat}`),
    ),
    'ja passei pelos canais de atendimento',
    ...['i', 'we'].flatMap((who) =>
      [
        'opened',
        'already opened',
        'have opened',
        'have already opened',
        'raised',
        'already raised',
        'submitted',
      ].flatMap((verb) =>
        ['a ticket', 'a support ticket', 'tickets', '* tickets'].map((ticket) => `${who} ${verb} ${ticket}`),
      ),
    ),
    ...["i've", "we've"].flatMap((who) =>
      ['opened', 'already opened', 'contacted support', 'already contacted support'].map((verb) =>
        verb.includes('support') ? `${who} ${verb}` : `${who} ${verb} a ticket`,
      ),
    ),
    ...['i', 'we'].flatMap((who) =>
      ['already contacted support', 'contacted support', 'have contacted support', 'already talked to support'].map(
        (verb) => `${who} ${verb}`,
      ),
    ),
    ...['ya abri', 'abri', 'ya abrimos', 'abrimos'].flatMap((verb) =>
      ['un ticket', 'ticket', 'un reclamo', 'una solicitud', '* tickets'].map((ticket) => `${verb} ${ticket}`),
    ),
    ...['ya hable con', 'ya me comunique con', 'ya contacte a', 'ya contacte al', 'ya contacte con'].flatMap((verb) =>
      ['soporte', 'el soporte', 'la central de atencion', 'atencion al cliente'].map((who) => `${verb} ${who}`),
    ),
  ];
  return [...new Set(phrases)];
});

/**
 * A sentence of TICKET_OPENED that says no ticket of ours: its phrase denied ("não abri chamado", "nunca falei com o
 * suporte"), or the support or complaint site of another company ("já falei com o suporte do Mercado Pago", "abri
 * chamado no Reclame Aqui"), whose number opens no case here.
 */
export const TICKET_NOT_OPENED_WITH_US = once((): readonly string[] => [
  ...['nao', 'nunca', 'nem', 'jamais', 'no'].flatMap((not) =>
    TICKET_OPENED()
      .filter((phrase) => !/^(ja|ya|i|we|i've|we've) /.test(phrase))
      .map((phrase) => `${not} ${phrase}`),
  ),
  ...OTHER_COMPANIES().flatMap((company) =>
    ['suporte', 'atendimento', 'central', 'sac', 'chat'].flatMap((support) =>
      ['do', 'da', 'de', 'no', 'na'].map((of) => `${support} ${of} ${company}`),
    ),
  ),
  'reclame aqui',
  'reclameaqui',
  'procon',
  'consumidor.gov*',
]);

export const ON_BEHALF = once((): readonly string[] => [
  'em nome da loja',
  'em nome da empresa',
  'em nome do cliente',
  'em nome da cliente',
  'em nome do lojista',
  'em nome da lojista',
  'em nome do meu cliente',
  'em nome da minha cliente',
  'em nome do nosso cliente',
  'em nome da nossa cliente',
  'em nome de nosso cliente',
  'em nome de nossa cliente',
  'em nome do titular',
  'sou da agencia',
  'somos a agencia',
  'somos da agencia',
  // An agency by its trade or its client stores: a travel agency running its own store is the owner.
  'somos agencia e temos * lojas',
  'somos uma agencia e temos * lojas',
  'somos agencia de marketing',
  'somos uma agencia de marketing',
  'sou de uma agencia de marketing',
  'somos agencia digital',
  'somos uma agencia digital',
  'sou de uma agencia digital',
  'somos uma agencia que cuida',
  'sou de uma agencia que cuida',
  'agencia que cuida',
  'agencia responsavel',
  'sou o contador',
  'sou a contadora',
  'sou contador*',
  'escritorio de contabilidade',
  'escritorio contabil da',
  'somos o escritorio contabil',
  'somos a contabilidade',
  'sou o advogado',
  'sou a advogada',
  'sou advogad*',
  'na qualidade de advogad*',
  'advogad* da empresa',
  'advogad* da loja',
  // Family writing for the owner ("escrevo pela minha mãe, que é dona da loja", "sou filha do dono").
  ...FAMILY().flatMap((who) => [`escrevo pela minha ${who}`, `escrevo pelo meu ${who}`]),
  // Round 41: for the family member's store ("escrevo pela loja do meu pai", "a loja é da minha mãe").
  ...FAMILY().flatMap((who) => [
    `pela loja do meu ${who}`,
    `pela loja da minha ${who}`,
    `loja e do meu ${who}`,
    `loja e da minha ${who}`,
  ]),
  // The ticket named as someone else's: a relative's, her boss's, "hers" ("o ticket do meu pai é 48215",
  // "o chamado do meu chefe", "O ticket dela é 48215").
  ...['chamado', 'ticket', 'protocolo', 'solicitacao'].flatMap((ticket) => [
    ...[...FAMILY(), 'chefe', 'patrao', 'patroa'].flatMap((who) => [
      `${ticket} do meu ${who}`,
      `${ticket} da minha ${who}`,
    ]),
    `${ticket} dela`,
    `${ticket} dele`,
  ]),
  'sou filh* do dono',
  'sou filh* da dona',
  'sou a esposa do dono',
  'sou esposa do dono',
  'sou o marido da dona',
  'sou marido da dona',
  'pediu p* eu escrever',
  'pediu que eu escrevesse',
  'represento a',
  'represento o',
  'sou o desenvolvedor',
  'sou a desenvolvedora',
  'sou desenvolvedor*',
  'desenvolvedor da loja',
  'desenvolvedora da loja',
  'sou funcionari*',
  'trabalho na loja',
  'trabalho na empresa',
  'a pedido do dono',
  'a pedido da dona',
  'a pedido do cliente',
  'a pedido da cliente',
  'en nombre de',
  'soy el contador',
  'soy la contadora',
  'soy abogad*',
  'somos la agencia',
  'trabajo en la tienda',
  'on behalf of',
  'i am the accountant',
  'i am their accountant',
  'i am the developer',
  'we are the agency',
  'i work for',
]);

/**
 * The store's own staff, and the owner's family: their "o cliente", "a cliente" is the store's buyer
 * ("Trabalho na loja Sabor Caseiro. O cliente foi cobrado duas vezes no cartão"); the owner is "a
 * dona", "meu chefe", "minha mãe".
 */
const STORE_STAFF = once((): readonly string[] => [
  'sou funcionari*',
  'funcionari* da loja',
  'trabalho na loja',
  'trabalho na empresa',
  'trabalho para a loja',
  'trabajo en la tienda',
  'i work for',
]);

/** Staff and family: an ON_BEHALF phrase of theirs ("sou filha da dona", "o chamado do meu chefe"). */
function namesTheOwnerOtherwise(phrase: string): boolean {
  const words = phrase.split(' ');
  return (
    STORE_STAFF().includes(phrase) ||
    words.some(
      (w) => FAMILY().includes(w) || ['dono', 'dona', 'esposa', 'marido', 'chefe', 'patrao', 'patroa'].includes(w),
    )
  );
}

/**
 * Round 50: a mail by whom writes for the store (its accountant, agency, adviser) calls the
 * merchant "a cliente" ("Sou o contador da Doce Mel. A cliente perdeu o acesso ao painel"): in such a
 * mail THE_STORE_AS_CLIENT vetoes no topic as STORE_SIDE (engine.ts merchantNamed), unless the sentence
 * tells a buyer's deed (A_BUYERS_DEED: "a cliente da loja comprou um vestido").
 */
export const WRITES_FOR_THE_STORE = once((): readonly string[] => [
  ...[...ON_BEHALF(), ...RUNS_A_CLIENTS_STORE()].filter((p) => !namesTheOwnerOtherwise(p)),
  'contador* da loja',
  'contabilidade da loja',
  // Round 57: the accountancy by its work or its office ("faço a contabilidade de uma loja de vocês", "somos o
  // escritório contábil da loja Vila Verde").
  'faco a contabilidade',
  'fazemos a contabilidade',
  'cuido da contabilidade',
  'cuidamos da contabilidade',
  'contabilidade de uma loja',
  'contador* de uma loja',
  'escritorio contabil',
  'escritorio de contabilidade',
  'sou assessor*',
  'assessor* da loja',
  'aqui e da agencia',
  'cuidamos do e-commerce',
  'cuidamos da loja virtual',
]);

/** The merchant as whom writes for her names her (WRITES_FOR_THE_STORE). */
export const THE_STORE_AS_CLIENT: readonly string[] = [
  'o cliente',
  'a cliente',
  'ao cliente',
  // Round 51: hers by the possessive, as a lawyer or accountant says it ("Sou advogado da loja Sabor da
  // Serra. Minha cliente não consegue acessar o painel").
  ...['minha cliente', 'meu cliente', 'nossa cliente', 'nosso cliente'],
];

/** What only a store's buyer does: "a cliente" in the same sentence is hers, whoever writes. */
export const A_BUYERS_DEED: readonly string[] = [
  'cliente da loja',
  'comprou',
  'compra',
  'compras',
  'comprad*',
  'pedido',
  'pedidos',
  'encomenda*',
  'devolu*',
  'troca',
  'trocar',
  'reembols*',
  'estorn*',
  'entrega',
  'rastreio',
  // Round 51: the merchant's own store or things, as whom writes for her says it ("a loja da minha cliente
  // não me devolveu o acesso", round 41): a matter between them, read as before the possessive was blanked.
  ...['da minha cliente', 'do meu cliente', 'da nossa cliente', 'do nosso cliente'],
];

/**
 * What the mail says it is not about, just before the topic's words in the same clause ("não é
 * problema de acesso", "não é dúvida de fatura nem de plano", "não tenho nenhuma dúvida sobre meu
 * plano", "this is not a billing issue"): no topic, commercial or feature rule reads those words as
 * the mail's subject (engine.ts saidBefore). Never a bare "não": "não tenho acesso", "não recebi a
 * fatura" are the topics themselves.
 */
export const SAID_NOT_TO_BE = once((): readonly string[] => [
  'nao e problema de',
  'nao e um problema de',
  'nao e * problema de',
  'nao e problema com',
  'nao e duvida de',
  'nao e duvida sobre',
  'nao e * duvida de',
  'nao e * duvida sobre',
  'nao e questao de',
  'nao e sobre',
  'nao e caso de',
  'nao tenho duvida',
  'nao tenho * duvida',
  'nao tenho problema com',
  'nao tenho * problema com',
  'nao tenho problema de',
  'nao tenho * problema de',
  'nao estou com problema de',
  'nao estou bloquead*',
  'nao estou sem acesso',
  'nada a ver com',
  // The topic's own noun right after "não é" ("meu problema n é fatura", "não é cobrança nem plano",
  // "não é com o plano nem com a fatura"); "não é o do plano", "não é resolvido" name no topic.
  ...[
    'plano',
    'planos',
    'fatura',
    'faturas',
    'boleto',
    'cobranca',
    'mensalidade',
    'pagamento',
    'acesso',
    'login',
    'senha',
  ].flatMap((topic) =>
    ['', 'a ', 'o ', 'de ', 'da ', 'do ', 'com ', 'com a ', 'com o '].map((article) => `nao e ${article}${topic}`),
  ),
  'nao quero saber de',
  // Round 33: no interest in what the words name ("não tenho interesse em outros planos, só quero…").
  'nao tenho interesse em',
  'nao tenho interesse no',
  'nao tenho interesse nos',
  'nao tenho interesse na',
  'nao tenho interesse nas',
  'this is not a',
  'this is not about',
  "it's not a",
  'it is not a',
  'no es un problema de',
  'no es sobre',
  'no tengo problema con',
]);

/**
 * What the mail says is settled, just after the topic's words in the same clause ("a mensalidade está
 * paga", "as faturas estão em dia", "meu plano tá todo pago"): said to be heard about something else,
 * so no topic rule reads those words as the mail's subject (engine.ts saidSettled). Never "foi paga",
 * which is also the complaint ("a fatura foi paga duas vezes").
 */
export const SAID_SETTLED = once((): readonly string[] => [
  ...['esta', 'estao', 'esta toda', 'estao todas', 'esta todo', 'estao todos'].flatMap((is) =>
    ['paga', 'pago', 'pagas', 'pagos', 'em dia', 'quitada', 'quitado', 'quitadas', 'quitados'].map(
      (paid) => `${is} ${paid}`,
    ),
  ),
  // "our invoices are paid", "las facturas están al día".
  ...['is', 'are', 'is all', 'are all'].flatMap((is) => ['paid', 'up to date'].map((paid) => `${is} ${paid}`)),
  ...['esta', 'estan'].flatMap((is) => ['pagada', 'pagadas', 'pago', 'pagos', 'al dia'].map((paid) => `${is} ${paid}`)),
]);

/** The stages whose rules read a topic the mail may say it is not about (SAID_NOT_TO_BE). */
export const NEGATABLE_STAGES: ReadonlySet<RuleStage> = new Set(['topic', 'commercial', 'feature']);

/**
 * What the sender says she is NOT asking for ("não estou pedindo desconto nem condição especial",
 * "não se trata de sugestão de melhoria", "I am not asking for a discount"): the words that follow
 * name what she does not want, so no commercial or feature rule reads them as her request — with a
 * ticket, her complaint stays the office's.
 */
const NOT_ASKING = once(() => [
  ...['nao', 'nem'].flatMap((not) =>
    ['estou pedindo', 'peco', 'quero', 'preciso de'].flatMap((ask) =>
      [
        'desconto',
        'descontos',
        'condicao',
        'condicoes',
        'isencao',
        'abatimento',
        'integracao',
        'funcionalidade',
        'sugestao',
        'melhoria',
      ].flatMap((what) => [`${not} ${ask} ${what}`, `${not} ${ask} um ${what}`, `${not} ${ask} uma ${what}`]),
    ),
  ),
  'nao se trata de',
  // Never across a comma: "não é reclamação, é sugestão" makes one.
  ...['nao e', 'nao e uma', 'nao e nenhuma'].map((not) => `${not} sugestao`),
  ...['nao e', 'nao e um', 'nao e nenhum'].map((not) => `${not} pedido de`),
  ...['not asking for', "i'm not asking for", 'no pido', 'no estoy pidiendo'].flatMap((ask) =>
    ['a discount', 'discount', 'a feature', 'descuento', 'un descuento'].map((what) => `${ask} ${what}`),
  ),
]);

/**
 * The rules, in the order the engine evaluates them. Built on first use, not at import (issue 16):
 * the spreads and maps over the shared phrase lists below cost more than parsing all the rest of
 * our code, and a path that never triages (the form's page, a mail stopped before the rules) pays none.
 */
export function eligibilityRules(): readonly Rule[] {
  built ??= buildRules();
  return built;
}

let built: readonly Rule[] | undefined;
let builtById: ReadonlyMap<string, Rule> | undefined;

const buildRules = (): readonly Rule[] => [
  // 1. Quarantine: no reply, kept for review.
  {
    id: 'quarantine.parse-problem',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'quarantine.staff-mail',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },
  // Set by the intake, not the engine (domain/unproven-mail.ts): an accepted mail whose sender nothing proves, held.
  {
    id: 'quarantine.unproven-sender',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'quarantine.spam',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'quarantine.virus',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'quarantine.auth.dmarc',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'quarantine.auth.spf',
    outcome: 'QUARANTINED',
    stage: 'quarantine',
    trigger: 'signal',
    phrases: [],
  },

  // 1b. Automatic mail (bounces, lists, autoresponders, helpdesk notifications): stored as what it
  // is, never a case for an analyst, never answered — even when it mentions a ticket.
  {
    id: 'auto.machine-generated',
    outcome: 'NO_PRIOR_TICKET',
    stage: 'automatic',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'auto.machine-generated.text',
    outcome: 'NO_PRIOR_TICKET',
    stage: 'automatic',
    trigger: 'text',
    phrases: [
      'esta e uma mensagem automatica',
      // Round 54: a newsletter's footer, the way off its list to click ("Para deixar de receber, clique
      // aqui"); never her own ask to leave a list, which has no link to click.
      ...[
        'para deixar de receber',
        'para nao receber mais',
        'para se descadastrar',
        'para cancelar sua inscricao',
      ].flatMap((off) => [`${off} * clique`, `${off}, clique`]),
      'para darse de baja, haga clic',
      // Round 55: the same list's footer in English and Spanish ("You are receiving this email because you
      // subscribed… Unsubscribe | View in browser", "Recibes este correo porque te suscribiste… Darse de baja"),
      // said to the reader: never her own "I keep receiving this email" nor "quiero darme de baja".
      ...['you are receiving', 'you received', "you're receiving"].flatMap((got) =>
        ['this email because', 'this e-mail because'].map((mail) => `${got} ${mail}`),
      ),
      'view this email in your browser',
      'unsubscribe * view in browser',
      'view in browser * unsubscribe',
      'unsubscribe from this list',
      'update your preferences or unsubscribe',
      ...['recibes', 'recibiste', 'has recibido'].map((got) => `${got} este correo porque`),
      'ver este correo en tu navegador',
      'ver en el navegador * darse de baja',
      'darse de baja * ver en el navegador',
      ...['voce esta recebendo', 'voce recebeu'].flatMap((got) =>
        ['este e-mail porque', 'este email porque'].map((mail) => `${got} ${mail}`),
      ),
      // Round 55: a notice that a ticket or protocol was updated, phishing for her data: a link to click to
      // confirm or update them, said to the reader, no one asking the office anything. Answered, it would tell
      // the sender the address is read (no backscatter); her own "recebi um e-mail pedindo pra confirmar meus
      // dados" or a notice she quotes ("…", engine: noticeWordsAreTheMerchants) is no notice.
      ...['confirme seus dados', 'confirme os seus dados', 'confirme seu cadastro', 'confirme sua conta']
        .concat(['atualize seu cadastro', 'atualize o seu cadastro', 'atualize seus dados', 'valide seus dados'])
        .flatMap((act) =>
          ['clique aqui', 'clicando aqui', 'no link', 'pelo link', 'acesse o link'].flatMap((link) => [
            `${act} * ${link}`,
            `${link} * ${act}`,
          ]),
        ),
      ...['clique aqui para', 'clique aqui e'].flatMap((click) =>
        ['confirmar seus dados', 'atualizar seu cadastro', 'atualizar seus dados'].map((act) => `${click} * ${act}`),
      ),
      ...['suspensa', 'bloqueada', 'cancelada'].map((what) => `ou sua conta sera ${what}`),
      // A prize to claim for a fee ("Seu e-mail foi sorteado… para resgatar, pague apenas o frete").
      ...['seu e-mail foi sorteado', 'seu email foi sorteado', 'para resgatar * pague'],
      'esta e uma resposta automatica',
      'este e um e-mail automatico',
      'este e um email automatico',
      'mensagem automatica, nao responda',
      'mensagem gerada automaticamente',
      'e-mail gerado automaticamente',
      'email gerado automaticamente',
      'estou fora do escritorio',
      'estarei fora do escritorio',
      'nao foi possivel entregar sua mensagem',
      'sua mensagem nao pode ser entregue',
      'esta es una respuesta automatica',
      'este es un mensaje automatico',
      'este es un correo automatico',
      'mensaje generado automaticamente',
      'estoy fuera de la oficina',
      'no se pudo entregar',
      'this is an automated message',
      'this is an automatic message',
      'this is an automatic reply',
      'this is an auto-generated',
      'this message was generated automatically',
      // "Sent automatically": how Portuguese and Spanish absence notices without headers say it.
      'esta mensagem foi enviada automaticamente',
      'este e-mail foi enviado automaticamente',
      'este email foi enviado automaticamente',
      'resposta automatica de ausencia',
      'este mensaje fue enviado automaticamente',
      'this message was sent automatically',
      'this is an automated reply',
      // A store's or helpdesk's acknowledgement, the promise of an answer being all it says.
      'obrigado pelo contato, responderemos em breve',
      'obrigada pelo contato, responderemos em breve',
      'obrigado pelo seu contato, responderemos em breve',
      'recebemos sua mensagem e responderemos',
      'recebemos sua mensagem e retornaremos',
      'recebemos a sua mensagem e responderemos',
      'recebemos a sua mensagem e retornaremos',
      // Round 29: the same said of her e-mail or her contact ("Recebemos seu e-mail e responderemos em
      // até 24 horas úteis"), or of an answer "em breve".
      ...['seu e-mail', 'o seu e-mail', 'seu email', 'o seu email', 'seu contato', 'o seu contato'].flatMap((what) =>
        ['e responderemos', 'e retornaremos', 'e em breve'].map((then) => `recebemos ${what} ${then}`),
      ),
      'recebemos sua mensagem e em breve',
      'recebemos a sua mensagem e em breve',
      // Round 42 (the red-team's F3): a helpdesk's acknowledgement that opened a ticket of its own for
      // her mail ("Recebemos seu e-mail e abrimos o atendimento #991"); as a reply to the closing mail
      // it reopened her case.
      ...[
        'seu e-mail',
        'o seu e-mail',
        'seu email',
        'o seu email',
        'sua mensagem',
        'a sua mensagem',
        'sua solicitacao',
        'a sua solicitacao',
      ].flatMap((what) =>
        ['e abrimos', 'e registramos', 'e geramos', 'e criamos'].map((then) => `recebemos ${what} ${then}`),
      ),
      'gracias por contactarnos, te responderemos',
      'gracias por tu mensaje, te responderemos',
      'thanks for reaching out, we will get back',
      'thank you for contacting us, we will get back',
      // An absence notice's promise about the mail it answers.
      'sua mensagem sera lida no meu retorno',
      'sua mensagem sera respondida no meu retorno',
      'responderei sua mensagem assim que retornar',
      'responderei assim que retornar',
      'responderei quando retornar',
      'responderei ao retornar',
      'i will respond * upon my return',
      'i will reply * when i return',
      'your message will not be forwarded',
      'respondere su correo a mi regreso',
      'respondere tu correo a mi regreso',
      // Helpdesks' other words for it: an agent will answer soon, after hours, a mailbox nobody reads.
      'em breve um de nossos atendentes',
      'em breve nossa equipe entrara em contato',
      'em breve um atendente entrara em contato',
      'seu ticket * foi aberto com sucesso',
      'sua solicitacao * foi aberta com sucesso',
      'retornaremos o mais breve possivel',
      'responderemos o mais breve possivel',
      'recebida fora do nosso horario de atendimento',
      'responderemos no proximo dia util',
      'este e-mail nao e monitorado',
      'esta caixa de e-mail nao e monitorada',
      "we've received your message",
      'a member of our team will respond',
      'this mailbox is not monitored',
      'recibimos tu mensaje y te responderemos',
      // Absences in other words: a recess, someone who left.
      'sua mensagem sera respondida a partir de',
      'nao faco mais parte da equipe',
      'me encuentro fuera de la oficina',
      'i am on parental leave',
      'nao pode ser entregue a um ou mais destinatarios',
      'i am out of the office',
      "i'm out of the office",
      'i am currently out of the office',
      'could not be delivered',
      'delivery has failed',
      'undeliverable',
    ],
    // A support notice pasted above (or below) her complaint ("Esta é uma mensagem automática… Sua
    // solicitação #52310 foi encerrada." then "Encerraram sem resolver!"): what she says of it, in any
    // sentence of the mail — a machine's notice does not judge its own closing, nor call it an answer.
    unlessInMessage: [
      'encerraram sem resolver',
      'fecharam sem resolver',
      'encerraram sem solucao',
      'fecharam sem solucao',
      'encerrado sem resolver',
      'encerrada sem resolver',
      'fechado sem resolver',
      'fechada sem resolver',
      'encerraram meu chamado',
      'fecharam meu chamado',
      'foi isso que me responderam',
      'foi o que me responderam',
      // Round 34: who said it, named ("— foi o que o chat disse há 5 dias").
      ...['foi o que', 'foi isso que', 'isso foi o que'].flatMap((what) => [
        `${what} * disse*`,
        `${what} * respond*`,
        `${what} * escreve*`,
      ]),
      'isso foi o que me responderam',
      'foi isso que recebi',
      'foi o que recebi',
      'isso foi o que recebi',
      // …or of the promise it made: nobody came ("Em breve um de nossos atendentes entrará em
      // contato." then "Isso foi há 20 dias. Ninguém entrou em contato.").
      // Her words, never the helpdesk's conditional ("se ninguém retornou em até 48 horas, ligue…",
      // "if nobody got back to you…"): joined to what came before ("e ninguém…", "mas ninguém…"),
      // followed by when ("…até hoje", "…ainda"), or in the first person.
      'isso foi ha',
      'isso foi semana passada',
      'ate hoje ninguem',
      'ate agora ninguem',
      'e ninguem retornou',
      'mas ninguem retornou',
      'ninguem retornou ate',
      'ninguem retornou ainda',
      'ninguem me retornou',
      'e ninguem respondeu',
      'mas ninguem respondeu',
      'ninguem respondeu ate',
      'ninguem respondeu ainda',
      'ninguem me respondeu',
      'e ninguem entrou em contato',
      'mas ninguem entrou em contato',
      'ninguem entrou em contato ate',
      'ninguem entrou em contato ainda',
      'ninguem entrou em contato comigo',
      'that was * ago',
      // Round 34: she wrote before and nobody answers ("Este é um e-mail automático? Porque já mandei
      // três vezes e ninguém responde"): no notice tells of its sender's own earlier mail.
      'ja mandei',
      'ja enviei',
      'ja escrevi',
      'ninguem responde',
      'ninguem me responde',
      'i already sent',
      "i've already written",
      'i have already written',
      'nobody answers',
      'nobody responds',
      'ya envie',
      'ya escribi',
      'nadie responde',
      'weeks later',
      'and nobody got back',
      'but nobody did',
      'but no one did',
      'but nobody got back',
      'nobody ever got back',
      'nobody answered me',
      'no one answered me',
      'nadie me respondio',
      'cerraron sin resolver',
      'cerraron mi ticket',
      'closed my ticket',
      'closed it without',
      'this is what they sent me',
      'this is what i got',
    ],
    // A merchant quoting the notice they got ("o suporte me mandou 'esta é uma mensagem automática'")
    // reports it in the same sentence; a machine's notice does not.
    unless: [
      'me mandou',
      'me mandaram',
      'me enviou',
      'me enviaram',
      'me responderam',
      'me respondeu',
      'recebi',
      'recebo',
      // "o suporte só manda 'recebemos seu e-mail…'": what they keep sending her.
      'so manda',
      'so mandam',
      'so envia',
      'so enviam',
      'so responde',
      'so respondem',
      'dizendo',
      'diz que',
      'disseram',
      // Round 34: all it says, and who says it ("o chat só diz 'retornaremos o mais breve possível'",
      // "este e-mail não é monitorado, diz a resposta", "you said a member of our team will respond").
      'so diz',
      'so dizem',
      'so fala',
      'so falam',
      'diz a',
      'diz o',
      'dizia a',
      'dizia o',
      'you said',
      'they said',
      'you told me',
      'they told me',
      // Someone who left the team and is still charged ("não faço mais parte da equipe, mas continuo
      // sendo cobrada"): no notice complains of its sender's bill (round 34).
      'sendo cobrad*',
      'continuam cobrando',
      'continuam me cobrando',
      // Retelling what an agent said: the verb and its "que", never the bare words a notice may use.
      'disse que',
      'falou que',
      'falaram que',
      'prometeu que',
      'prometeram que',
      'responderam que',
      'a resposta foi que',
      'they sent me',
      'i got',
      'i received',
      // A system of the merchant's own that sends it ("enviada automaticamente pelo meu ERP").
      'pelo meu',
      'pela minha',
      'do meu',
      'da minha',
      'erp',
      // A notice the support sent, pasted into the complaint ("enviada automaticamente pelo suporte").
      'pelo suporte',
      'do suporte',
      // The store's own mail that bounces ("meus e-mails para clientes voltam como undeliverable").
      'meus e-mails',
      'meus emails',
      'aos clientes',
      'aos meus clientes',
      'para os clientes',
      'para meus clientes',
      'voltam',
      'voltando',
      'my emails',
      'my customers',
      // Orders and parcels that could not be delivered: the store's shipping, which these
      // words describe as often as a mail server does ("the order could not be delivered").
      ...STORE_SIDE(),
      'pedido',
      'pedidos',
      'pacote*',
      'encomenda*',
      'etiqueta*',
      'correios',
      'transportadora*',
      'rastreio',
      'our customers',
      'order',
      'orders',
      'package*',
      'parcel*',
      'shipment*',
      'shipping',
      'tracking',
      'courier',
      'paquete*',
      'envio',
      'envios',
      'orden',
      'ordenes',
      'mis clientes',
      'nuestros clientes',
      // The sender's own store, which no mail server's notice names ("emails from my store could
      // not be delivered to Gmail users").
      'minha loja',
      'nossa loja',
      'my store',
      'our store',
      'mi tienda',
      'nuestra tienda',
      // The store's own automatic e-mails, which the merchant complains about ("o e-mail gerado
      // automaticamente de confirmação sai com o logo errado").
      'de confirmacao',
      'de boas-vindas',
      'de boas vindas',
      'de recuperacao de senha',
      'de rastreio',
      'nao esta saindo',
      'nao estao saindo',
      'nao sai',
      'nao saem',
      'sai com',
      'sai sem',
      'saem com',
      'saem sem',
      'parou de sair',
      'pararam de sair',
      'deveria',
      'deveriam',
      // Away, and writing anyway: with what went wrong in the same sentence ("estou fora do
      // escritório e não consigo acessar o painel"), which no notice says of its own sender.
      'mas escrevo',
      'mas estou escrevendo',
      'but i am writing',
      "but i'm writing",
      // Round 34: writing from elsewhere ("estou fora do escritório hoje, escrevo do celular: o site
      // caiu!"); a notice never says from where it is written.
      ...['escrevo', 'estou escrevendo', 'escrevendo'].flatMap((writing) => [`${writing} do`, `${writing} pelo`]),
      'i am writing from',
      "i'm writing from",
      'site caiu',
      'site esta fora do ar',
      'site fora do ar',
      'checkout caiu',
      'nao consigo acessar',
      'nao consigo entrar',
      'nao consigo logar',
      'loja caiu',
      'loja esta fora do ar',
      'loja fora do ar',
      'nao anda',
      "can't log in",
      'cannot log in',
      'store is down',
      'checkout is broken',
      'no puedo entrar',
      'no puedo acceder',
    ],
  },

  // 2. Not a client: sales.
  {
    id: 'client.not-a-client.form',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'client.shopper.lawyer',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    // The lawyer speaks in the first person of "her"/"him"; the purchase at a store, which says who
    // that is, comes in another sentence (before or after). A merchant's lawyer names the store
    // or company as the client ("advogado da empresa", "cliente de vocês", the plan, the invoice).
    phrases: [
      'sou advogad* dela',
      'sou advogad* dele',
      'sou o advogado dela',
      'sou o advogado dele',
      'sou a advogada dela',
      'sou a advogada dele',
      'como advogad* dela',
      'como advogad* dele',
      'qualidade de advogad* dela',
      'qualidade de advogad* dele',
      'sou procurador* dela',
      'sou procurador* dele',
      // "Sou advogado da Sra. Fernanda Alves, que comprou …": the title's period ends the sentence.
      'sou advogad* da sra',
      'sou advogad* do sr',
      'sou advogad* da senhora',
      'sou advogad* do senhor',
      // Round 40: "na qualidade de advogado da Sra. Paula Nunes, notificamos…".
      ...['qualidade de', 'como'].flatMap((as) =>
        ['da sra', 'do sr', 'da senhora', 'do senhor'].map((whom) => `${as} advogad* ${whom}`),
      ),
      // Round 43: the buyer she acts for, named so ("Em nome da minha cliente Maria S., consumidora que
      // comprou na loja…", "Represento o Sr. Paulo Lima, que comprou uma TV na loja…"); "represento a
      // consumidora" is client.shopper.text's.
      'em nome da minha cliente',
      'em nome do meu cliente',
      ...['o sr', 'a sra', 'o senhor', 'a senhora'].map((whom) => `represento ${whom}`),
      // Round 54: the buyer unnamed ("Represento um cliente que comprou um notebook na loja…"), and a
      // consumer body's notice of one ("o Procon-SP recebeu reclamação do consumidor João, referente à
      // compra na loja…"); a merchant tells of her buyer's complaint at "minha loja" (unlessInMessage).
      ...['um cliente', 'uma cliente', 'um consumidor', 'uma consumidora'].map((whom) => `represento ${whom}`),
      ...['recebeu reclamacao', 'recebeu uma reclamacao'].flatMap((got) =>
        ['do consumidor', 'da consumidora', 'de consumidor', 'de consumidora'].map((whom) => `${got} ${whom}`),
      ),
      'soy su abogad*',
      'soy abogad* de ella',
      'soy abogad* de el',
      'i am her lawyer',
      'i am his lawyer',
      "i'm her lawyer",
      "i'm his lawyer",
    ],
    requiresInMessage: [
      'comprou * na loja',
      'comprou * no site',
      'comprou * numa loja',
      'comprou * em uma loja',
      'comprou * de uma loja',
      'adquiriu * na loja',
      'adquiriu * no site',
      'fez uma compra',
      'fez um pedido',
      // What the store sold her, or the store's data asked for her ("sua cliente Loja Bella vendeu
      // produto falsificado… solicitamos os dados cadastrais da loja").
      'vendeu produto',
      'vendeu um produto',
      ...['a ela', 'a ele', 'para ela', 'para ele'].map((whom) => `vendeu * ${whom}`),
      'dados cadastrais da loja',
      'referente a compra na loja',
      'compro * en la tienda',
      'bought * from',
      'ordered * from',
    ],
    unlessInMessage: [
      'cliente de voces',
      'cliente da plataforma',
      // Round 43: the merchant as the lawyer names her ("minha cliente, lojista da plataforma", "um consumidor
      // comprou na loja dela").
      'cliente desta plataforma',
      'cliente dessa plataforma',
      'lojista da plataforma',
      'lojista de voces',
      'loja dela',
      'loja dele',
      'dono da loja',
      'dona da loja',
      'proprietari* da loja',
      'minha loja',
      'nossa loja',
      'plano',
      'mensalidade',
      'fatura',
    ],
  },
  {
    id: 'client.shopper.consumer',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    // A buyer in the formal register names her standing before the order she tells of ("Venho, na
    // qualidade de consumidora, notificar … o pedido 3344 feito na loja X", "Enquanto consumidora,
    // exijo …"). A merchant who calls herself the platform's consumer speaks of its services, her
    // plan or her store; "consumidor final" is the tax term of her own sales.
    phrases: ['qualidade de consumidor*', 'condicao de consumidor*', 'enquanto consumidor*', 'como consumidor*'],
    requiresInMessage: ['pedido', 'compra', 'comprei', 'encomend*', 'entreg*'],
    unlessInMessage: [
      'consumidor* final',
      'consumidor* dos servicos',
      'consumidor* do servico*',
      'consumidor* do plano',
      'consumidor* da plataforma',
      'consumidor* de voces',
      'cliente da plataforma',
      'cliente de voces',
      'minha loja',
      'nossa loja',
      // A buyer has no panel: "no painel", "pelo painel" is the merchant's admin.
      'meu painel',
      'no painel',
      'do painel',
      'pelo painel',
      'meu plano',
      'minha assinatura',
      'meus clientes',
      'minhas clientes',
    ],
  },
  {
    id: 'client.shopper.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    phrases: [
      'comprei * na loja',
      // A purchase and what the store would not do about it.
      'compra que fiz no site',
      'compra que fiz na loja',
      'compra que fiz numa loja',
      'compra que fiz em uma loja',
      'recebi um produto com defeito da loja',
      'recebi o produto com defeito da loja',
      // Round 27: what the store sent her, wrong, and the account she made at its site.
      'recebi o produto errado',
      'recebi um produto errado',
      'recebi o produto * da loja',
      'recebi um produto * da loja',
      'criei uma conta no site da',
      'criei uma conta na loja',
      'criei um cadastro no site da',
      'me cadastrei no site da',
      'me cadastrei na loja',
      'a loja nao quer trocar',
      'a loja nao quer devolver',
      'a loja nao quer reembolsar',
      'a loja nao aceita a troca',
      'a loja nao aceita a devolucao',
      'comprei * no site',
      'comprei * num site',
      'comprei * em um site',
      'comprei * em uma loja',
      'comprei * numa loja',
      'comprei * de uma loja',
      'comprei * loja virtual',
      'fiz um pedido na loja',
      'fiz um pedido no site',
      'fiz uma compra na loja',
      'fiz uma compra no site',
      'fiz uma compra em uma loja',
      'fiz o pedido * no site',
      'fiz o pedido * na loja',
      'fiz um pedido * no site',
      'fiz um pedido * na loja',
      'fiz a compra * no site',
      'fiz a compra * na loja',
      'fiz uma compra * no site',
      'fiz uma compra * na loja',
      'fiz minhas compras',
      'onde comprei',
      'comprei e nao recebi',
      'comprei mas nao recebi',
      'comprei e nao chegou',
      'comprei e ate hoje',
      'onde fiz a compra',
      'onde fiz o pedido',
      'golpe * loja',
      'loja * golpe',
      'loja hospedada',
      // Round 50: the store a buyer says we host ("Vocês hospedam a loja, então quero que resolvam", "a loja
      // Bella Bolsa está hospedada com vocês"); a merchant's own is 'minha loja' (unlessInMessage).
      ...['a loja', 'essa loja', 'esta loja', 'o site', 'esse site', 'este site'].map(
        (store) => `voces hospedam ${store}`,
      ),
      'hospedada com voces',
      'hospedado com voces',
      // …and what the store would not do for what she bought ("a loja não trocou a sandália que comprei").
      ...['trocou', 'devolveu', 'reembolsou', 'entregou'].flatMap((deed) => [
        `nao ${deed} * que comprei`,
        `nao ${deed} * que eu comprei`,
      ]),
      'a loja nao me devolveu',
      // Round 54: bought for her by her family, or as a present ("minha filha comprou uma panela pra mim
      // nessa loja", "comprei um brinquedo de presente de aniversário pro meu filho na loja Mundo Kids").
      ...['minha filha', 'meu filho', 'minha mae', 'meu pai', 'meu marido', 'minha esposa', 'minha irma'].map(
        (who) => `${who} comprou * para mim`,
      ),
      ...['comprei * de presente', 'comprei * para presente'],
      'a loja * nao me devolveu',
      // Round 51: the purchase in formal words ("realizei uma compra no site X, que utiliza a plataforma de
      // vocês"), what the store sold her ("a loja Aroma da Terra me vendeu um perfume falsificado"), whether
      // a store can be trusted ("gostaria de saber se a loja Natural Vida é confiável"). A merchant's test
      // order, her own store and panel are the unless lists'.
      ...['realizei', 'efetuei'].flatMap((did) =>
        ['uma compra', 'um pedido', 'a compra', 'o pedido', 'minha compra', 'meu pedido'].flatMap((what) =>
          ['na loja', 'no site', 'numa loja', 'em uma loja', 'num site', 'em um site'].flatMap((where) => [
            `${did} ${what} ${where}`,
            `${did} ${what} * ${where}`,
          ]),
        ),
      ),
      // The thing sold right after: "a loja me vendeu muito bem" is her store's sales.
      ...['a loja', 'a loja *', 'o site', 'o site *'].flatMap((store) =>
        ['um', 'uma', 'o', 'a', 'os', 'as'].map((thing) => `${store} me vendeu ${thing}`),
      ),
      ...['a loja', 'essa loja', 'esta loja', 'o site', 'esse site', 'este site'].flatMap((store) => [
        `se ${store} e confiavel`,
        `se ${store} * e confiavel`,
        `se ${store} e segur*`,
        `se ${store} * e segur*`,
      ]),
      'loja que usa a plataforma',
      'loja que usa o sistema',
      'o lojista sumiu',
      'o lojista nao responde',
      // What only a buyer says of a store: it sent them something, or vanished with their money.
      'comprei na',
      'vitima de golpe',
      'golpe num site',
      'golpe em um site',
      'site feito com',
      'trocar o tamanho',
      'a loja me mandou',
      // Round 39: what the store charged her, named or not ("a loja Eletroponto cobrou meu cartão duas
      // vezes", "a loja me cobrou o frete a mais"). A merchant's charges are the platform's ("a
      // plataforma me cobrou"), or its app or theme store's (the unless list: "loja de aplicativos",
      // "tema").
      ...['a loja', 'a loja *'].flatMap((store) => [
        `${store} me cobrou`,
        `${store} cobrou * meu cartao`,
        `${store} debitou * meu cartao`,
      ]),
      // The store named between ("o cupom que a loja Kids Mania me mandou").
      'a loja * me mandou',
      'a loja * me enviou',
      'a loja me enviou',
      'que a loja me passou',
      'a loja nao me responde',
      'a loja sumiu',
      // Round 45: what the store promised her ("a loja me prometeu o estorno da compra e nada"), and the
      // channels where it leaves her unanswered ("a loja não responde whats nem email"); never "a loja não
      // responde" alone (a merchant's site down).
      ...['a loja me prometeu', 'a loja * me prometeu', 'a loja prometeu me'],
      ...[
        'whats',
        'whatsapp',
        'zap',
        'email',
        'e-mail',
        'no whats',
        'no whatsapp',
        'no zap',
        'por whats',
        'por email',
      ].map((where) => `a loja nao responde ${where}`),
      // Round 41: what the store failed to deliver her, and what it sold her broken ("a loja Doces da
      // Carla não entregou meu bolo", "da loja do João, vendeu um celular com defeito").
      ...['a loja', 'a loja *'].flatMap((store) => [`${store} nao entregou meu`, `${store} nao entregou minha`]),
      'loja * vendeu * com defeito',
      'me vendeu * com defeito',
      // What came is not what she bought ("fiz o pedido 10293 na Casa dos Aromas e veio um perfume
      // diferente do que comprei").
      ...['comprei', 'eu comprei', 'pedi', 'eu pedi'].map((bought) => `diferente do que ${bought}`),
      // A purchase she cancelled at a store ("cancelei uma compra na loja Eletro Ponto e o estorno não caiu").
      ...['cancelei', 'desisti de'].flatMap((cancelled) =>
        ['uma compra', 'a compra', 'minha compra', 'meu pedido', 'um pedido'].flatMap((what) =>
          ['na loja', 'no site', 'numa loja', 'em uma loja'].map((where) => `${cancelled} ${what} ${where}`),
        ),
      ),
      'paguei e o produto nao chegou',
      'paguei e nao recebi',
      'o vendedor sumiu',
      'o vendedor nao responde',
      'denunciar * loja',
      // A complaint against a store, as a buyer files it ("quero fazer uma reclamação contra a loja X");
      // never "reclamação da loja", which a merchant writes of her own ("da loja: ela fica fora do ar").
      'fazer uma reclamacao contra a loja',
      'reclamacao contra a loja',
      'minha compra',
      'meu pedido nao chegou',
      'nao recebi meu pedido',
      'nao recebi minha compra',
      'nao recebi o produto',
      'meu pedido * da loja',
      'meu pedido * na loja',
      'meu pedido * no site',
      // A consumer's lawyer, or a buyer in the formal register ("adquiriu produto na loja X").
      'adquiri * na loja',
      'adquiriu * na loja',
      'adquiri * no site',
      'adquiriu * no site',
      'represento a consumidora',
      'represento o consumidor',
      // A shopper's lawyer: their client bought at a store ("sou advogado de uma cliente que comprou na
      // loja X", "advogada de uma consumidora"), or they ask who answers for it.
      'advogad* * que comprou',
      'advogad* * que adquiriu',
      'advogad* * que fez uma compra',
      'advogad* * que fez um pedido',
      'advogad* * consumidor*',
      'advogad* * comprador*',
      'dados do responsavel pela loja',
      'dados dos responsaveis pela loja',
      'minha encomenda',
      'comprada no site',
      'comprado no site',
      'comprada na loja',
      'comprado na loja',
      'responsaveis pela loja',
      'fiz uma compra numa loja',
      'fiz uma compra * numa loja',
      'fiz um pedido numa loja',
      'fiz um pedido * numa loja',
      'loja feita com',
      'loja feita na plataforma',
      'loja criada com a plataforma',
      'loja criada na plataforma',
      'minha conta no site da',
      'minha conta na loja',
      'cadastro na loja',
      'sou consumidor*',
      'sou compradora',
      'sou comprador',
      'sou cliente da loja',
      'sou cliente de uma loja',
      'pedi na loja',
      'site usa a plataforma',
      'site usa o sistema',
      'loja usa a plataforma',
      'paguei * para a loja',
      'devolvi * para a loja',
      'paguei * pix * para a loja',
      'fiz um pix * para a loja',
      // "pra loja" reads as "para loja": no article.
      'fiz um pix * para loja',
      'fiz pix * para loja',
      // What they bought, to exchange or return; the store's platform asked to act for it; their
      // own account at the store's site.
      'trocar * que comprei',
      'devolver * que comprei',
      'que comprei veio',
      'que comprei chegou',
      'que comprei nao chegou',
      'sao a plataforma da loja',
      'plataforma que a loja usa',
      'minha conta de cliente no site',
      'minha conta de cliente na loja',
      'minha conta * no site da',
      'meu cadastro no site da',
      // The site they bought from, as a buyer names it: "um site que é de vocês", "meu pedido feito
      // na Doces da Carla".
      'comprei num site',
      'comprei em um site',
      'site que e de voces',
      'loja que e de voces',
      // Round 34: the store named between ("a loja www.superofertas.com que é de vocês"), what it did
      // not deliver to her ("a loja Casa Bonita não me entregou o sofá", "… não entregou meu pedido"),
      // the seller gone ("me vendeu um celular e sumiu"); never "a loja não entregou os pedidos" nor
      // "a loja virtual não entregou meu relatório", a merchant's own, nor "o site da central de
      // ajuda que é de vocês".
      'loja * que e de voces',
      'a loja nao me entregou',
      'a loja * nao me entregou',
      ...['meu pedido', 'minha compra'].flatMap((bought) => [
        `a loja nao entregou ${bought}`,
        `a loja * nao entregou ${bought}`,
      ]),
      // Round 40: her order named by its number or its store, then what it did not do ("Meu pedido 51000 da
      // Papelaria Estrela não chegou"; 'minha encomenda' is a buyer's word alone); the store that will
      // not give her money back ("se a loja X não me devolver o dinheiro", "a loja Casa Linda não me
      // devolveu o dinheiro") — her money only: an agency's client store that kept its access ("a loja
      // da minha cliente não me devolveu o acesso") is topic.access.no-access's. Her buyer's account at
      // a store ("minha conta de cliente da loja do João").
      ...['meu pedido', 'minha compra'].flatMap((bought) =>
        ['nao chegou', 'nao foi entregue', 'nunca chegou'].map((failed) => `${bought} * ${failed}`),
      ),
      ...['nao me devolver', 'nao me devolve', 'nao me devolveu'].flatMap((keeps) =>
        ['o dinheiro', 'meu dinheiro', 'o meu dinheiro', 'o valor', 'o pix', 'meu pix', 'o que paguei'].map(
          (money) => `loja * ${keeps} ${money}`,
        ),
      ),
      'minha conta de cliente da loja',
      'minha conta de cliente do site',
      'minha conta de cliente na loja',
      'me vendeu e sumiu',
      'me vendeu * e sumiu',
      'me vendeu * e nao entregou',
      'meu pedido feito na',
      'meu pedido feito no site',
      'pedido que fiz na',
      'pedido que fiz no site',
      'compra feita na',
      'compra feita no site',
      // "a loja é feita com vocês", "paguei e nunca recebi".
      'loja e feita com',
      'site e feito com',
      'loja e feita por voces',
      'site e feito por voces',
      'paguei e nunca recebi',
      'paguei e ate hoje nao recebi',
      // Round 20: the store named as one that runs on us ("o pix de uma loja que usa o site de vcs"),
      // what it asked of the buyer, the buyer's card dispute, the buyer's data the store holds
      // (LGPD: the store is the controller of its buyers' data; the shopper guidance sends them there).
      // Not "tenho uma loja que usa a plataforma": the merchant's own.
      'de uma loja que usa',
      'em uma loja que usa',
      'numa loja que usa',
      // Round 40: what she paid to one ("paguei um pix pra uma loja que usa a Bagy").
      'para uma loja que usa',
      'a loja me pediu',
      'contestei uma compra',
      'contestei a compra',
      'quais dados meus a loja',
      'dados que a loja tem sobre mim',
      // Round 60: the store named between ("que dados a loja Vestir Bem tem sobre mim", "o que o site da Casa
      // Linda guarda de mim"); never a merchant's own data with us ("que dados vocês têm de mim").
      'que dados meus a loja',
      ...['a loja', 'o site', 'essa loja', 'esse site'].flatMap((store) =>
        ['tem', 'guarda', 'armazena'].flatMap((holds) => [
          `${store} * ${holds} sobre mim`,
          `${store} * ${holds} de mim`,
        ]),
      ),
      'site * feito por voces',
      'site * feito pela plataforma',
      'loja * feita por voces',
      // Spanish "compré" reads as "comprei" (one slip from it): phrases are written as the
      // canonicaliser leaves the text.
      'comprei * en una tienda',
      'comprei * en la tienda',
      'hice un pedido',
      'hice una compra',
      'mi pedido no llego',
      'mi compra',
      'no recibi mi pedido',
      'tienda que usa su plataforma',
      'tienda que usa la plataforma',
      // Round 29: what she paid a store and never got ("pagué por transferencia a la tienda X").
      'pague * a la tienda',
      'nunca recibi mi pedido',
      'nunca recibi el producto',
      'i bought * from * store',
      'i bought * from * shop',
      'i bought * on * store',
      'i ordered * from',
      'placed an order on',
      'placed an order with',
      'placed an order at',
      'placed an order from',
      'store that runs on your platform',
      'store that uses your platform',
      'store built on your platform',
      'my order never arrived',
      "my order hasn't arrived",
      'i never received my order',
      // Round 34: the store named as ours, and what it did not deliver to her.
      'store * which is yours',
      'store * that is yours',
      'never delivered my',
      "didn't deliver my",
      'did not deliver my',
      'i am a shopper',
      // Round 21: the store named after "fiz uma compra" ("fiz uma compra na Modas Bella"). Not "cancelei
      // uma compra na loja", "de uma compra na loja", "pedi a troca de uma…" or "a garantia é com o
      // fabricante": merchants write them of their own sales and equipment (a chargeback, a card machine).
      'fiz uma compra na',
      'quero devolver dentro dos 7 dias',
      // What came of the purchase ("comprei uma blusa e veio rasgada"), and who answers for the site.
      'comprei * e veio',
      // Round 26: bought from "vocês" (she takes the platform for the store), and never came.
      // Her order, as a buyer says it (a store's owner speaks of "os pedidos", of her customers').
      'comprei errado o tamanho',
      'comprei o tamanho errado',
      'rastreio que voces me mandaram',
      'codigo de rastreio que voces',
      'meu pedido ainda nao foi enviado',
      'meu pedido nao foi enviado',
      'pix do meu pedido',
      'boleto do meu pedido',
      'devolver o produto que recebi',
      'comprado com voces',
      'comprada com voces',
      'comprei com voces',
      'comprei * e ate agora nao chegou',
      'comprei * e nao chegou',
      'minha mae comprou',
      'meu pai comprou',
      'comprou num site',
      'comprou em um site',
      'comprei * e chegou',
      'comprei * e nao veio',
      'voces sao responsaveis pelo site',
      'voces sao os responsaveis pelo site',
      'voces sao responsaveis por esse site',
      'voces sao responsaveis pela loja',
      // Round 29: the store as a third party that failed her — named, not answering her mails (never
      // "a loja não responde" alone: a merchant's site down), not delivering; what never came; a
      // store or site "hospedada por vocês"; what she ordered from one.
      'a loja * nao responde meus',
      'a loja * nao responde minhas',
      'a loja nao responde meus',
      'a loja nao responde minhas',
      'a loja * nao me responde',
      'a loja nao me atende',
      'a loja * nao me atende',
      'nunca recebi o produto',
      'nunca recebi meu pedido',
      'nunca recebi minha compra',
      'nunca recebi a encomenda',
      'o produto nunca chegou',
      'paguei * e nunca chegou',
      'paguei * e nao entregaram',
      'loja que e hospedada',
      'site que e hospedado',
      'hospedada por voces',
      'hospedado por voces',
      'hospedada na plataforma',
      'hospedado na plataforma',
      'site que usa a plataforma',
      'site que usa o sistema',
      'site que utiliza a plataforma',
      'loja que utiliza a plataforma',
      'fiz uma compra num site',
      'fiz uma compra em um site',
      'fiz um pedido num site',
      'fiz um pedido em um site',
      'encomendei * na',
      'encomendei * no site',
      // Her refund from a store, what was marked delivered to her, a fake site, Procon against the
      // store, her data at the store, a purchase she did not make, the store blaming the platform.
      'solicitei o reembolso de um pedido',
      'solicitei reembolso de um pedido',
      'pedi o reembolso de um pedido',
      'pedi reembolso de um pedido',
      'solicitei o estorno de uma compra',
      'pedi o estorno de uma compra',
      'entregue mas eu nao recebi',
      'entregue mas nao recebi',
      'site falso',
      'loja falsa',
      'site * e falso',
      'loja * e falsa',
      'procon contra a loja',
      'reclame aqui contra a loja',
      'que a loja apague',
      'que a loja * apague',
      'a loja tem meus dados',
      'uma compra que eu nao fiz',
      'uma compra que nao fiz',
      'o pedido * que fiz dia',
      'o pedido que fiz dia',
      'a loja diz que e culpa',
      'a loja disse que e culpa',
      // Round 40: the store's excuse to her, in the third person ("a loja diz que não é responsabilidade
      // dela", "a loja alega que a culpa é dos Correios").
      ...['diz', 'disse', 'falou', 'alega', 'alegou'].flatMap((says) =>
        [
          'nao e responsabilidade dela',
          'nao e culpa dela',
          'a culpa e da transportadora',
          'a culpa e dos correios',
          'a culpa e do entregador',
        ].map((excuse) => `a loja ${says} que ${excuse}`),
      ),
      // Round 57: the store's excuse blaming us, said by it ("a loja diz que é culpa da plataforma"); never "a loja
      // perdeu vendas por culpa de vocês", a merchant's own store.
      ...[
        'diz',
        'disse',
        'falou',
        'alega',
        'alegou',
        'afirma',
        'afirmou',
        'respondeu',
        'joga a',
        'jogou a',
        'coloca a',
        'colocou a',
      ].flatMap((says) => [
        `a loja ${says} * culpa da plataforma`,
        `a loja ${says} * culpa de voces`,
        `a loja ${says} culpa`,
      ]),
      'fiz uma compra * na',
      // What she bought, named at length, then where ("comprei um jogo de panelas na Casa dos Aromas").
      'comprei * na',
      // …or through the store's app, site or social page ("comprei um tênis pelo aplicativo da loja X").
      ...['aplicativo', 'app', 'site', 'instagram', 'whatsapp'].flatMap((where) => [
        `comprei pelo ${where}`,
        `comprei * pelo ${where}`,
      ]),
      // What she paid a store and got, or not; what it will not exchange; her Pix or boleto for it.
      'paguei * num produto',
      'paguei * em um produto',
      'paguei * por um produto',
      'num produto da loja',
      // Never "a loja não troca" alone: her storefront that will not change a banner.
      'a loja nao troca o produto',
      'a loja nao troca meu',
      'a loja nao troca minha',
      'a loja * nao troca o produto',
      'a loja * nao troca meu',
      'a loja * nao quer trocar',
      'a loja * nao quer devolver',
      'a loja * nao quer reembolsar',
      'a loja * nao aceita a troca',
      'que eu comprei veio',
      'que eu comprei chegou',
      'que eu comprei nao',
      'fiz o pix * para loja',
      'fiz o pix * para a loja',
      'paguei o boleto da compra',
      'boleto da minha compra',
      // The same buyer in English: what she bought and from where, her order at a store, what came.
      'i bought * from',
      'i purchased * from',
      'i ordered * at',
      'my order at',
      'my order from',
      'refund for my order',
      'refund for my purchase',
      'arrived broken',
      'arrived damaged',
      'the store does not answer',
      "the store doesn't answer",
      'the store is not answering',
      'the store does not reply',
      "the store doesn't reply",
      'the store never answered',
      'a loja nao devolveu',
      'a loja * nao devolveu',
      // Round 46: the same in the present, her exchange asked of the store, the purchase paid, a purchase made
      // with someone ("a loja não devolve meu dinheiro", "pedi troca de tamanho faz um mês", "comprei e paguei,
      // o site saiu do ar", "eu e minha irmã compramos na mesma loja").
      ...['a loja nao devolve', 'a loja * nao devolve', 'comprei e paguei'],
      ...['pedi', 'solicitei'].flatMap((asked) => [`${asked} troca de tamanho`, `${asked} a troca de tamanho`]),
      ...['compramos * na loja', 'compramos * no site', 'compramos na mesma loja'],
      // Round 40: when she bought ("fiz a compra 3 semanas atrás"), her order asked after ("cadê meu
      // pedido, já paguei"), the size or colour she got ("recebi o vestido num tamanho errado"). Never
      // "cadê meu pedido de saque" (the unless list), nor what her buyer got ("a cliente recebeu").
      ...['fiz a compra', 'fiz uma compra', 'fiz o pedido', 'fiz meu pedido'].flatMap((bought) => [
        `${bought} ha`,
        `${bought} * atras`,
      ]),
      ...['cade meu pedido*', 'cade minha compra*', 'cade minha encomenda*'],
      ...['tamanho errado', 'cor errada', 'modelo errado', 'numeracao errada'].map((wrong) => `recebi * ${wrong}`),
      // Round 42: whether we are the store, or its ombudsman ("vc eh da loja Doces da Carla?", "Vocês são a
      // ouvidoria deles?"): a buyer who found our address; a merchant asks whether we are the platform's.
      // Never "aqui é da loja do João", a merchant saying who writes.
      ...['voce e', 'voce eh', 'voces sao'].flatMap((who) =>
        [
          'da loja',
          'a loja',
          'a ouvidoria da loja',
          'a ouvidoria deles',
          'a ouvidoria dela',
          'o sac da loja',
          'o atendimento da loja',
        ].map((store) => `${who} ${store}`),
      ),
      'ouvidoria da loja',
      // The same in Spanish and English ("¿ustedes son la tienda?", "Are you the store?", "is this the
      // shop's customer service?"); a merchant asks for the platform's.
      ...['ustedes son', 'son ustedes', 'usted es', 'es usted'].flatMap((who) =>
        ['la tienda', 'de la tienda', 'el servicio al cliente de la tienda'].map((store) => `${who} ${store}`),
      ),
      ...['are you', 'is this'].flatMap((who) =>
        ['the store', 'the shop', "the store's customer service", "the shop's customer service"].map(
          (store) => `${who} ${store}`,
        ),
      ),
      // Round 42: what she bought, that never came ("Comprei um casaco que não chegou").
      ...['nao chegou', 'ate agora nao chegou', 'nunca chegou', 'ainda nao chegou'].map(
        (never) => `comprei * que ${never}`,
      ),
      // Round 42: an order she wants to place ("O site da Doces da Carla está fora do ar… Quero fazer uma
      // encomenda"): 'encomenda' is a buyer's word.
      ...['quero', 'queria', 'gostaria de', 'preciso'].flatMap((want) => [
        `${want} fazer uma encomenda`,
        `${want} encomendar`,
      ]),
      // Round 42: her order's tracking ("o código de rastreio do meu pedido da Eletro Ponto não funciona").
      ...['rastreio', 'rastreamento', 'codigo de rastreio'].flatMap((track) =>
        ['do meu pedido', 'da minha compra', 'da minha encomenda'].map((bought) => `${track} ${bought}`),
      ),
      // Round 42: the money of her order, asked back ("Quero o dinheiro do meu pedido de volta, a loja não
      // responde"); never "o repasse do meu pedido de saque" (unless).
      ...['dinheiro', 'valor', 'reembolso', 'estorno'].flatMap((money) =>
        ['do meu pedido', 'da minha compra', 'da minha encomenda'].map((bought) => `${money} ${bought}`),
      ),
      // Round 42: her order come broken ("Meu pedido 10234 da Eletro Ponto veio com defeito").
      ...['meu pedido', 'minha compra', 'minha encomenda'].flatMap((bought) =>
        ['veio', 'chegou'].flatMap((came) =>
          [
            'com defeito',
            'quebrado',
            'quebrada',
            'rasgado',
            'rasgada',
            'danificado',
            'danificada',
            'estragado',
            'estragada',
          ].map((bad) => `${bought} * ${came} ${bad}`),
        ),
      ),
      // Round 44: a purchase she is trying to make at a store ("Estou tentando comprar numa loja de vocês e
      // o cartão é sempre recusado"), in the first person: her buyers trying are hers (unless: "meus
      // clientes", "para testar").
      ...['estou tentando', 'tentei', 'tento'].flatMap((tried) =>
        ['na loja', 'numa loja', 'em uma loja', 'no site', 'num site', 'em um site'].flatMap((where) => [
          `${tried} comprar ${where}`,
          `${tried} comprar * ${where}`,
        ]),
      ),
      // Where she bought once ("Quero que apaguem meus dados da loja Modas Bella, comprei lá uma vez"). Never
      // "comprei la * vez": Spanish "compré la plantilla una vez" reads as "comprei la …".
      ...['comprei la uma vez', 'comprei la ha', 'ja comprei la', 'fiz uma compra la'],
      ...['comprei nessa loja', 'comprei nesta loja', 'comprei nesse site', 'comprei neste site'],
      // What came of it, told with "que" ("comprei uma TV que veio com a tela trincada"); what she got
      // broken ("Recebi o produto quebrado, a loja não responde"), never what came back to a store (unless:
      // "de volta"); the store's phone asked for ("Vocês podem me passar o telefone da loja Casa dos
      // Aromas?"); delivered, said the carrier, and never received ("a transportadora disse que entregou
      // mas não recebi nada").
      ...['comprei * que veio', 'comprei * que chegou'],
      // Round 48: the purchase she made, at a store named ("quero cancelar a compra que fiz ontem no site da loja
      // Casa Nova").
      ...['a compra que', 'o pedido que'].flatMap((what) =>
        ['fiz', 'eu fiz'].flatMap((made) => ['na loja', 'no site da loja'].map((at) => `${what} ${made} * ${at}`)),
      ),
      // Round 48: her order's number between what she bought and what came of it ("Comprei um carrinho de
      // bebê, pedido 7789, veio quebrado"): past the gap of one `*`.
      ...['veio', 'e veio', 'chegou', 'nao chegou', 'e nao chegou', 'ate hoje nao chegou', 'na loja'].map(
        (came) => `comprei * pedido * ${came}`,
      ),
      ...[
        'recebi o produto',
        'recebi meu produto',
        'recebi o meu produto',
        'recebi meu pedido',
        'recebi o meu pedido',
      ].flatMap((got) =>
        ['quebrado', 'com defeito', 'danificado', 'rasgado', 'amassado'].map((bad) => `${got} ${bad}`),
      ),
      ...['me passar o', 'me passem o', 'me informar o', 'preciso do'].flatMap((ask) =>
        ['telefone da loja', 'contato da loja', 'whatsapp da loja', 'e-mail da loja', 'email da loja'].map(
          (contact) => `${ask} ${contact}`,
        ),
      ),
      ...['entregou', 'entregaram', 'entregue'].flatMap((done) => [
        `${done} mas nao recebi`,
        `${done} mas eu nao recebi`,
      ]),
      // What she returned and the store kept the money of ("Devolvi o produto há 15 dias e a loja não
      // estornou o valor no meu cartão"); a fraud she fell for at a site we may host ("caí num golpe… Vocês
      // hospedam esse site?"); her order asked after in Spanish and English ("¿Dónde está mi pedido?",
      // "Where is my order? … the shop does not reply").
      ...['nao estornou', 'nao reembolsou', 'nao devolveu'].map((kept) => `${kept} * no meu cartao`),
      ...['cai num golpe', 'cai em um golpe', 'cai no golpe'],
      ...[
        'voces hospedam esse site',
        'voces hospedam este site',
        'voces hospedam essa loja',
        'voces hospedam esta loja',
      ],
      ...['donde esta mi pedido', 'donde esta mi compra', 'where is my order', 'where is my package'],
      ...['the shop does not answer', "the shop doesn't answer", 'the shop does not reply', "the shop doesn't reply"],
    ],
    // "meu pedido … da loja" is a shopper's order, not a merchant's request ("meu pedido de saque");
    // the platform's own app and theme stores sell to merchants.
    unless: [
      // What a merchant pays "para a loja" (for it): the platform's fee, a theme, a module.
      'mensalidade',
      'plano',
      'tema',
      'modulo',
      'dominio',
      // Round 42: her own purchase from a supplier ("meu pedido no fornecedor chegou quebrado").
      'fornecedor*',
      'distribuidor*',
      // Round 42: a merchant asking whether we are her store's platform ("is this the store admin
      // support?", "are you the store builder?").
      'admin',
      'builder',
      'dashboard',
      'my store',
      'my shop',
      'mi tienda',
      // The merchant's own test order ("fiz uma compra teste no site").
      'compra teste',
      'compra de teste',
      'compras de teste',
      'pedido teste',
      'pedido de teste',
      'pedidos de teste',
      'um teste',
      'como teste',
      'para testar',
      'loja de aplicativos',
      'loja de apps',
      'loja de temas',
      'loja de extensoes',
      'loja de integracoes',
      'pedido de suporte',
      'pedido de ajuda',
      'pedido de atendimento',
      'pedido de cancelamento',
      'pedido de migracao',
      'pedido de alteracao',
      'pedido de saque',
      'pedido de estorno',
      'pedido de reembolso',
      'pedido de antecipacao',
      'pedido de repasse',
      'pedido de transferencia',
      'pedido de credenciamento',
      'pedido de integracao',
      'pedido de upgrade',
      'pedido de downgrade',
      'pedido de troca de tema',
      'pedido de troca de plano',
      'pedido de mudanca de plano',
      // Round 44: what came back to her store ("recebi o produto quebrado de volta do cliente"); never "de
      // volta" alone ("quero meu dinheiro de volta, comprei e não recebi").
      ...['de volta do cliente', 'de volta da cliente', 'de volta do comprador', 'de volta da compradora'],
      ...['devolvido pelo cliente', 'devolvido pela cliente', 'devolvida pelo cliente', 'devolvida pela cliente'],
      // Round 44: the buyer's words, denied ("Não sou compradora, sou a dona da loja Papelaria Estrela").
      ...['nao sou compradora', 'nao sou comprador', 'nao sou consumidor*', 'nao sou cliente da loja'],
      ...[
        'nao sou cliente de uma loja',
        'no soy compradora',
        'no soy comprador',
        "i'm not a shopper",
        'i am not a shopper',
      ],
      // The merchant naming her own store as one that runs on us ("tenho uma loja que usa a
      // plataforma", "sou dona de uma loja que usa a plataforma").
      'tenho uma loja',
      'dono de uma loja',
      'dona de uma loja',
      'proprietario de uma loja',
      'proprietaria de uma loja',
      // What a merchant buys from the platform itself ("fiz uma compra de créditos de SMS na plataforma").
      'creditos',
      // Round 43: SMS bought or sent through us ("pacote de SMS", "comprei SMS"), never the marketing SMS a
      // buyer receives from a store ("comprei uma vez na Eletro Ponto e agora recebo SMS todo dia").
      ...['de sms', 'pacote sms', 'comprei sms', 'compra sms', 'sms da plataforma', 'sms de voces'],
      'etiqueta',
      'etiquetas',
      'certificado',
      'ssl',
      'pacote de',
      'licenca',
      // The platform's own card machine, bought by the merchant ("comprei a maquininha na Black Friday").
      'maquininha',
      'maquina de cartao',
      'maquina de cartoes',
      'armazenamento',
      'mais espaco',
      // An app or layout she bought and installed in her store ("comprei um app que instalei na loja").
      'comprei um aplicativo',
      'comprei o aplicativo',
      'comprei um app',
      'comprei o app',
      'instalei',
      'contratei',
      'layout',
      // In English: what a merchant buys from the platform, and her customer's order.
      'theme',
      'app store',
      'subscription',
      'plan',
      'domain',
      'credits',
      'my customer',
      'our customer',
      'the customer',
      'a customer',
      // A buyer of hers, reported in the third person ("um cliente abriu reclamação no Procon contra a
      // loja", "uma compradora reclamou: 'comprei … e nunca recebi'"): the merchant tells it.
      'cliente abriu',
      'cliente reclamou',
      'cliente disse',
      'cliente fez uma reclamacao',
      'compradora reclamou',
      'comprador reclamou',
      'compradora disse',
      'comprador disse',
      // Her store's name used by a fake site ("golpe usando o nome da Loja do João"), her site cloned
      // ("clonaram minha loja", "o site foi clonado"). Not a buyer's card cloned after a purchase.
      'usando o nome',
      'usam o nome',
      'usa o nome',
      ...['site', 'loja', 'pagina', 'dominio', 'vitrine'].flatMap((what) => [
        `${what} clonad*`,
        `${what} * clonad*`,
        `clonaram * ${what}`,
      ]),
      // A fake site posing as the platform (phishing at the merchant), not a store that cheated a buyer.
      'se passando',
      'se passa por',
      'em nome de voces',
      'em nome da plataforma',
      // Her customer's order, as a merchant tells it ("o produto nunca chegou ao cliente").
      'ao cliente',
      'ao meu cliente',
      'a minha cliente',
      'para o cliente',
      'para a cliente',
      'para o meu cliente',
      'para a minha cliente',
      'para meu cliente',
      'para minha cliente',
    ],
    unlessInMessage: [
      'minha loja',
      'minhas lojas',
      'nossa loja',
      // Her store as the product she runs ("a loja virtual não entregou meu relatório de vendas"), or
      // her client's store as its agency or staff runs it.
      'a loja virtual nao',
      ...RUNS_A_CLIENTS_STORE(),
      // What she did for her buyer ("cancelei uma compra na loja a pedido do cliente").
      'a pedido do cliente',
      'a pedido da cliente',
      'a pedido dos clientes',
      'meu painel',
      'painel administrativo',
      // A shopper has no panel: "pelo painel", "no painel" is the merchant's admin.
      'pelo painel',
      'no painel',
      'do painel',
      'eu sou lojista',
      'ja sou lojista',
      'sou lojista de voces',
      'sou lojista da plataforma',
      'sou lojista ha',
      'meus clientes',
      'minhas clientes',
      'nossos clientes',
      'os clientes da minha',
      'minha assinatura',
      'meu plano',
      'minha fatura',
      'minha mensalidade',
      'meu dominio',
      'meu site',
      'nosso site',
      'mi tienda',
      'nuestra tienda',
      'mis clientes',
      'my store',
      'my shop',
      'our store',
      'my customers',
    ],
  },
  {
    id: 'client.no-client-area.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    phrases: ['acesso * central do cliente', 'acessar * central do cliente', 'acesso central do cliente'],
    requires: [
      'nao tenho mais',
      'nao tem mais',
      'nao temos mais',
      'sem acesso',
      'perdi',
      'perdemos',
      'nao consigo mais',
      'ja nao tenho',
    ],
    unlessInMessage: [
      // Answering our guidance: "Vocês escreveram '… não tem mais acesso à central do cliente'. Eu sou cliente!"
      'eu sou cliente',
      'sou cliente sim',
      'ja sou cliente',
      'sou sim cliente',
    ],
  },
  {
    id: 'client.not-a-client.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    phrases: [
      'nao sou cliente',
      'nao sou clientes',
      'nao sou clienta',
      'nao somos cliente*',
      'ainda nao somos cliente*',
      'nao sou uma cliente',
      'nao sou um cliente',
      'nao somos seus clientes',
      'nao sou cliente * ainda',
      'nao sou clienta * ainda',
      'nao somos lojistas',
      'nao temos loja',
      'nao temos uma loja',
      'nao temos conta',
      'no soy cliente*',
      'no somos cliente*',
      'todavia no soy',
      'todavia no somos',
      'aun no soy cliente',
      'no tengo tienda',
      'no tengo una tienda',
      // English "client(s)" reads as "cliente(s)" (one slip from it).
      'not a cliente',
      'not a customer',
      'not yet a cliente',
      'not yet a customer',
      'not customers yet',
      'not clientes yet',
      "we're not customers",
      "we're not clientes",
      'not a merchant',
      "don't have a store",
      'do not have a store',
      'ainda nao sou cliente',
      'nao sou seu cliente',
      'nao sou sua cliente',
      'nao sou cliente de voces',
      'nao sou lojista',
      'ainda nao sou lojista',
      'nao tenho loja',
      'ainda nao tenho loja',
      'ainda nao tenho uma loja',
      'nao tenho uma loja',
      'nao possuo loja',
      'nao possuo uma loja',
      'ainda nao tenho conta',
      'nao tenho conta na',
      'nao tenho cadastro',
      'ainda nao tenho cadastro',
      'nunca fui cliente',
      'nunca tive loja',
      'nao sou assinante',
      'ainda nao assinei',
      'ainda nao contratei',
      'nao contratei',
    ],
    unless: [
      'cliente novo',
      'cliente nova',
      'cliente qualquer',
      'qualquer cliente',
      'cliente de primeira viagem',
      'cliente recente',
      'cliente de hoje',
      'so um numero',
      'como se',
      // What she points at, or nothing of it ("Não contratei nada disso", "não contratei essa taxa",
      // "não contratei isto!"): a charge she disowns, not a prospect ('ainda não contratei nada' is one).
      ...['esse', 'este', 'essa', 'esta', 'esses', 'estes', 'essas', 'estas', 'isso', 'isto', 'aquilo'].flatMap(
        (that) => [`nao contratei ${that}`, `nao contratei nada d${that}`],
      ),
      // What she was charged for and never took ("não contratei nenhum app"): a charge, not a prospect.
      ...['nenhum', 'nenhuma'].flatMap((no) =>
        ['app', 'aplicativo', 'modulo', 'tema', 'servico', 'adicional', 'extra'].map(
          (what) => `nao contratei ${no} ${what}`,
        ),
      ),
      ...CHARGED_WORDS(),
      // "Não sou cliente? Eu sou cliente sim!"
      'eu sou cliente',
      'sou cliente sim',
      // Not a client of someone else ("não sou cliente do Mercado Pago", "desse banco"), or not a
      // satisfied one ("não somos clientes satisfeitos").
      ...STORE_PAYMENTS(),
      'banco',
      'correios',
      'transportadora',
      'operadora',
      'satisfeit*',
      'insatisfeit*',
      'content*',
      'feliz*',
      ...CLIENT_OF_ANOTHER_COMPANY(),
    ],
    // Her own invoice or monthly fee: billed, so a client ("que taxa é essa na minha fatura?").
    unlessInMessage: [...ACTS_FOR_A_CLIENT(), ...DATA_REQUEST(), 'minha fatura', 'minhas faturas', 'minha mensalidade'],
  },
  {
    id: 'client.former-client.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    phrases: [
      'nao sou mais cliente',
      'nao somos mais cliente*',
      'deixamos de ser cliente*',
      'ya no soy cliente',
      'ya no somos clientes',
      'no longer a customer',
      'no longer a cliente',
      'deixei de ser cliente',
      'ja nao sou cliente',
      'ja fui cliente',
      'fui cliente de voces',
      'encerrei minha conta',
      'encerrei a minha conta',
      // Left and wants to come back ("fui cliente até o ano passado", "cancelei minha loja em março
      // e quero reativar", "sou ex-cliente").
      // Round 40: the year or the time since ("fui cliente em 2023 e quero voltar", "fui cliente há dois anos").
      ...['ate', 'por', 'durante', 'em', 'ha'].map((when) => `fui cliente ${when}`),
      'cancelei minha loja',
      'cancelei a minha loja',
      'ex cliente',
      'ex-cliente',
      'excliente',
      'voltar a ser cliente',
      // "Eu tinha loja com vocês mas cancelei ano passado. Agora quero voltar."
      ...['tinha', 'tive', 'ja tive'].flatMap((had) =>
        ['loja com voces', 'uma loja com voces', 'loja na plataforma', 'uma loja na plataforma'].map(
          (store) => `${had} ${store}`,
        ),
      ),
    ],
    unless: [...BILLING_WORDS(), ...CLIENT_OF_ANOTHER_COMPANY()],
    // Round 36: a former client asking for her data to be erased (LGPD art. 18) wants no sales pitch.
    unlessInMessage: [...BILLING_WORDS(), ...DATA_REQUEST()],
  },
  {
    // Round 54: a merchant of another platform writing to the wrong company about her store there ("minha
    // loja na Nuvemshop está fora do ar", "fui cobrada duas vezes pela assinatura da Shopify", "uso a Tray
    // e meu painel não abre. Esse é o e-mail da ouvidoria da Tray?"). PHRASE_REWRITES reads "minha loja
    // na <plataforma>" and "sou lojista da <plataforma>" without the words that prove a client of ours.
    id: 'client.other-platform.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    phrases: OTHER_PLATFORMS().flatMap((other) => [
      `minha loja hoje em ${other}`,
      `vendo em outra plataforma ${other}`,
      ...['assinatura', 'mensalidade', 'fatura', 'ouvidoria'].flatMap((what) => [
        `${what} da ${other}`,
        `${what} do ${other}`,
      ]),
      `uso a ${other} e`,
      `uso o ${other} e`,
    ]),
    // Ours as well, or on the way to us, or weighing us against it: a client's or a prospect's words.
    unlessInMessage: [
      'migr*',
      'para voces',
      'para ca',
      'vim da',
      'vim do',
      'sai da',
      'sai do',
      'mudei',
      'mudar',
      'troquei',
      'trocar de plataforma',
      'plataforma de voces',
      'com voces',
      'loja de voces',
      // Round 55: ours named as hers ("o painel de vocês", "a mensalidade de vocês veio em dobro").
      ...['painel', 'mensalidade', 'fatura', 'cobranca', 'assinatura'].map((ours) => `${ours} de voces`),
      'painel da plataforma',
      ...OUR_PLATFORM_IN_USE(),
      'tambem',
      'chamado',
      'ticket',
      'protocolo',
      'sou cliente',
      'concorrencia',
      'mais barat*',
      'desconto',
      'proposta',
      'oferta',
    ],
  },
  {
    id: 'client.prospect.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    phrases: [
      'quero contratar',
      'gostaria de contratar',
      'pretendo contratar',
      'penso em contratar',
      'tenho interesse em contratar',
      'interesse em contratar',
      // Round 40: the store still to be opened online, the plan asked for it, the deal on a condition
      // ("tenho uma loja física e quero abrir a virtual", "só fecho com vcs se tiver PDV").
      'quero abrir a virtual',
      'quero abrir a loja virtual',
      'quero abrir a loja online',
      'qual plano voces indicam',
      'qual plano voces recomendam',
      'so fecho com voces',
      'antes de fechar com voces',
      'interesse na plataforma',
      'interesse nos planos',
      'quero ser cliente',
      // Round 54: the merchant she wants to become, and selling online still to start ("quero ser lojista de
      // vocês", "tô querendo vender meus bolos pela internet"); a merchant already sells there.
      ...['quero', 'queria', 'gostaria de'].map((want) => `${want} ser lojista`),
      // Not "quero vender pela internet também no Instagram": she sells there already.
      ...['querendo', 'pensando em'].map((want) => `${want} vender * pela internet`),
      'quero me tornar cliente',
      'gostaria de ser cliente',
      'gostaria de me tornar cliente',
      'quanto custa',
      'quanto custam',
      'quanto fica',
      'quanto e o plano',
      'qual o valor dos planos',
      'qual o valor do plano',
      'qual e o valor dos planos',
      'valores dos planos',
      'precos dos planos',
      'qual o preco',
      'quais os precos',
      'quais sao os planos',
      'quais os planos',
      'tabela de precos',
      'gostaria de conhecer a plataforma',
      'quero conhecer a plataforma',
      'conhecer a plataforma',
      'conhecer melhor a plataforma',
      'conhecer o sistema de voces',
      'quero abrir uma loja',
      'quero abrir minha loja',
      // Asked what the platform makes ("vocês fazem site para restaurante?", "vocês criam loja virtual?").
      ...['fazem', 'criam', 'montam', 'desenvolvem'].flatMap((verb) =>
        ['site para', 'sites para', 'loja virtual', 'lojas virtuais', 'loja online', 'lojas online'].map(
          (what) => `voces ${verb} ${what}`,
        ),
      ),
      'quero ter uma loja virtual',
      // Round 26: on another platform today, weighing the move; what the platform serves; a reseller.
      ...['nuvemshop', 'shopify', 'tray', 'loja integrada', 'wix', 'woocommerce', 'vtex'].flatMap((other) => [
        `tenho loja na ${other}`,
        `tenho uma loja na ${other}`,
        `minha loja e na ${other}`,
        `minha loja esta na ${other}`,
        `minha loja fica na ${other}`,
        `uso a ${other}`,
        `i run a ${other} store`,
      ]),
      // Round 35: the same in Spanish, and Tiendanube, the Spanish-speaking Nuvemshop ("tengo una
      // tienda en Tiendanube y quiero migrar", "migrar mi tienda de Tiendanube a su plataforma").
      ...['nuvemshop', 'tiendanube', 'shopify', 'woocommerce', 'vtex', 'wix'].flatMap((other) => [
        `tengo una tienda en ${other}`,
        `tengo mi tienda en ${other}`,
        `mi tienda esta en ${other}`,
        `migrar mi tienda de ${other}`,
      ]),
      'quiero migrar a su plataforma',
      'cuales son los precios',
      // Round 54: the store to open and its quote in Spanish ("queremos abrir la tienda online. ¿Podrían
      // enviarnos una cotización de los planes y agendar una demo?"), and European Portuguese's "vossos"
      // of the price list ("gostaria de conhecer os vossos tarifários").
      ...['abrir la tienda online', 'abrir la tienda virtual', 'abrir nuestra tienda online'],
      ...['cotizacion de los planes', 'cotizacion de sus planes', 'agendar una demo'],
      ...['vossos tarifarios', 'vossos precarios', 'vossos precos', 'vossos planos'],
      'vale a pena vir para',
      'voces migram os produtos',
      'voces atendem loja de',
      'antes de contratar',
      // Round 40: weighing the platform before signing up, against another or to come over ("quero saber
      // antes de assinar", "estou decidindo entre vocês e a concorrência", "sair da Nuvemshop e vir pra cá").
      ...['assinar', 'fechar com voces'].map((step) => `antes de ${step}`),
      // Round 41: trying it before paying anything ("quero testar antes de pagar", "uns dias antes de
      // pagar alguma coisa"); a theme or an app tried before paying is hers (unless: tema, app).
      'testar antes de',
      'antes de pagar alguma coisa',
      ...['usar', 'testar', 'conhecer'].map((try_) => `${try_} a plataforma * antes de pagar`),
      ...['decidindo', 'escolhendo', 'em duvida'].map((weighing) => `${weighing} entre voces`),
      'sair da * e vir para ca',
      'sair da * e vir para voces',
      'quiero abrir una tienda',
      'quiero abrir mi tienda',
      ...['queremos ter', 'queremos montar', 'precisamos montar', 'procuramos'].flatMap((want) =>
        ['um e-commerce', 'um ecommerce', 'uma loja virtual', 'uma plataforma de e-commerce'].map(
          (what) => `${want} ${what}`,
        ),
      ),
      'queremos um e-commerce',
      'queremos um ecommerce',
      'white label',
      'evaluating alternatives',
      'someone from sales contact me',
      ...['do you build', 'do you make', 'do you create'].flatMap((ask) =>
        ['websites', 'a website', 'online stores', 'an online store'].map((what) => `${ask} ${what}`),
      ),
      ...['ustedes hacen', 'ustedes crean', 'hacen', 'crean'].flatMap((ask) =>
        ['sitios web', 'paginas web', 'tiendas online', 'tiendas virtuales', 'tienda online', 'tienda virtual'].map(
          (what) => `${ask} ${what}`,
        ),
      ),
      // "como funciona pra ter uma loja?", "como faço para abrir uma loja com vocês?"
      ...['como funciona para', 'como faco para', 'o que preciso para'].flatMap((how) =>
        ['ter uma loja', 'abrir uma loja', 'criar uma loja', 'montar uma loja'].map((what) => `${how} ${what}`),
      ),
      'gostaria de ter uma loja virtual',
      'quero criar uma loja',
      'quero criar minha loja',
      'como faco para criar uma loja',
      'como faco para criar minha loja',
      'como crio minha loja',
      'montar minha loja',
      'montar uma loja',
      'abrir minha loja virtual',
      'abrir uma loja virtual',
      'demonstracao',
      'agendar uma demo',
      'uma demo',
      'falar com um vendedor',
      'falar com vendedor',
      'falar com o comercial',
      'falar com o setor comercial',
      'falar com um consultor',
      'proposta de parceria',
      'propor uma parceria',
      'propor parceria',
      'parceria comercial',
      'oportunidade de parceria',
      'quero ser parceiro',
      'ser parceiro de voces',
      'programa de parceiros',
      'revender a plataforma',
      'revender a solucao',
      'ser revendedor',
      'ser revendedora',
      'contrato de revenda',
      'programa de revenda',
      'revenda com comissao',
      'ser agencia parceira',
      'virar parceiro',
      // Agencies and freelancers who would bring merchants in, for a commission.
      'ser parceir*',
      'sermos parceir*',
      'indicar clientes para a plataforma',
      'indicar clientes para voces',
      'indicar lojistas',
      'indicar novos lojistas',
      'em troca de comissao',
      'comissao por indicacao',
      'become a partner',
      'become partners',
      'partner program',
      'resell your',
      'reseller program',
      'programa de parceria',
      'programa de afiliados',
      'orcamento',
      // A buyer's request for quotation ("solicitamos cotação de plataforma de e-commerce"); a store's
      // shipping quote is store-side (frete, Correios: see unless).
      'solicitamos cotacao',
      'solicito cotacao',
      'solicitamos uma cotacao',
      'solicito uma cotacao',
      'cotacao de plataforma',
      'cotacao da plataforma',
      'teste gratis',
      'teste gratuito',
      'periodo de teste',
      'periodo gratuito',
      'trazer minha loja para',
      'migrar minha loja para voces',
      'migrar minha loja para a',
      'como funciona a plataforma',
      'pensando em abrir uma loja',
      'pensando em abrir minha loja',
      'pensando em criar uma loja',
      'pensando em contratar',
      // Round 49: the same in European Portuguese ("estou a pensar abrir uma loja online", "a pensar em
      // criar a minha loja", "abrir uma loja convosco").
      ...['a pensar em', 'a pensar'].flatMap((thinking) =>
        ['abrir uma loja', 'abrir a minha loja', 'criar uma loja', 'criar a minha loja', 'contratar'].map(
          (act) => `${thinking} ${act}`,
        ),
      ),
      'abrir uma loja convosco',
      'criar uma loja convosco',
      'abrir uma loja com voces',
      'abrir minha loja com voces',
      'criar uma loja com voces',
      // Round 45: with no article, or as a question ("sou MEI, posso abrir loja com vcs sem cnpj?"), and
      // the platform still to be chosen ("tô vendo qual plataforma escolher").
      ...['abrir loja com voces', 'criar loja com voces', 'ter loja com voces', 'ter uma loja com voces'],
      // The platform at once before the verb: "qual plataforma de pagamento integrar" is her gateway.
      ...['vendo', 'decidindo', 'escolhendo', 'pensando', 'na duvida de'].flatMap((weigh) =>
        ['qual plataforma', 'que plataforma'].flatMap((which) =>
          ['escolher', 'usar', 'contratar', 'assinar'].map((pick) => `${weigh} ${which} ${pick}`),
        ),
      ),
      'avaliando plataformas',
      'avaliando algumas plataformas',
      'comparando plataformas',
      'pesquisando plataformas',
      'escolhendo uma plataforma',
      'migrar minha loja * para voces',
      'migrar minha loja * para a plataforma de voces',
      // Round 40: the move promised or weighed ("se tiver eu migro minha loja da Shopify pra vocês",
      // "tô decidindo entre vocês e a Nuvemshop").
      ...['migro', 'migraria', 'mudo', 'mudaria', 'trago', 'traria'].map((move) => `${move} minha loja * para voces`),
      ...OTHER_PLATFORMS().flatMap((other) => [
        `entre voces e a ${other}`,
        `entre voces e o ${other}`,
        `entre a ${other} e voces`,
        `entre o ${other} e voces`,
      ]),
      'migrar para voces',
      // From another platform ("estou pensando em migrar da Shopify para vocês").
      'migrar da * para voces',
      // Round 40: a business moving its own shop ("avaliando migrar nosso e-commerce da VTEX para vocês").
      'migrar nosso e-commerce',
      'migrar nosso e commerce',
      'migrar nosso ecommerce',
      'migrar nossa loja virtual',
      'migrar do * para voces',
      'sair da * para voces',
      'migrar para a plataforma de voces',
      // "quero migrar para cá", "como funciona a migração" from another platform.
      'migrar para ca',
      'trazer minha loja para ca',
      'migrate to your platform',
      'move to your platform',
      'switch to your platform',
      'quanto sai por mes',
      'quanto sai o plano',
      'quanto sai a mensalidade',
      'qual o investimento',
      'qual e o investimento',
      'investimento mensal',
      'ter um site com voces',
      'ter uma loja com voces',
      'comecar a vender com',
      // Someone new to selling online ("quero começar a vender meus doces pela internet").
      'comecar a vender * pela internet',
      'comecar a vender pela internet',
      'comecar a vender online',
      'quero vender pela internet',
      'quero vender online',
      'comecar a vender na plataforma',
      'considering your platform',
      'evaluating your platform',
      'do you offer a trial',
      'looking for an e-commerce platform',
      'looking for an ecommerce platform',
      'looking for a platform',
      'what are your prices',
      'your prices',
      // "cuánto" reads as "quanto" (chat-speak table).
      'quanto cuesta',
      'quanto cuestan',
      // Round 43: the Rioplatense price ("¿cuánto sale?"), and the store to be opened, as in Portuguese
      // ("estoy pensando en abrir una tienda con ustedes", "me interesa abrir mi tienda").
      'quanto sale',
      'quanto salen',
      ...['pensando en abrir', 'me interesa abrir'].flatMap((about) => [`${about} una tienda`, `${about} mi tienda`]),
      'abrir una tienda con ustedes',
      'abrir mi tienda con ustedes',
      'precios de los planes',
      'precio de los planes',
      'quiero contratar',
      'prueba gratis',
      'how much do your plans cost',
      'how much does it cost',
      'how much are your plans',
      'your pricing',
      'free trial',
      'book a demo',
      'schedule a demo',
      'request a demo',
      'a demo of your',
      'talk to sales',
      'opening an online store',
      'open an online store',
      'open a store with you',
      'opening a store with you',
      'your plans and prices',
      'plans and pricing',
      // Round 47: a store ready-made asked for ("vcs tem loja pronta? to começando agora"), and the price of a
      // plan in English ("how much is your plan? We are thinking of moving our store to you").
      ...['tem', 'voces fazem', 'voces vendem'].map((have) => `${have} loja pronta`),
      'how much is your plan',
      // Round 44: the site she wants to have, selling elsewhere today ("tenho uma loja no Instagram e quero
      // montar meu site", "gostaria de criar meu site de vendas"); never a site she is making better.
      ...['quero', 'queria', 'gostaria de'].flatMap((want) =>
        ['montar', 'criar', 'ter'].flatMap((make) =>
          ['meu site', 'meu proprio site', 'minha loja online', 'meu e-commerce', 'meu ecommerce'].map(
            (site) => `${want} ${make} ${site}`,
          ),
        ),
      ),
      // The move asked as a noun ("Vocês fazem migração da Shopify para a plataforma de vocês?").
      ...['migracao da', 'migracao do'].flatMap((from) =>
        ['para voces', 'para a plataforma de voces', 'para ca'].map((to) => `${from} * ${to}`),
      ),
      // Spanish: a store to open, and its prices ("Quisiera saber los precios para abrir una tienda online").
      ...['precios para abrir', 'precio para abrir', 'cuesta abrir'],
      ...['abrir una tienda online', 'abrir una tienda virtual', 'abrir una tienda en linea'],
      // Whether her kind of store is taken ("Vocês aceitam loja de suplementos?"), what a site with us costs
      // ("Qual o valor para criar um site de vendas com vocês?"), and signing up in English ("I'd like to
      // sign up").
      ...['voces aceitam', 'voces trabalham com'].flatMap((take) => [`${take} loja de`, `${take} lojas de`]),
      ...['criar', 'montar', 'ter', 'fazer', 'abrir'].flatMap((make) =>
        ['um site', 'uma loja', 'meu site', 'minha loja'].map((site) => `${make} ${site} * com voces`),
      ),
      // Round 48: a consultant or an agency, recommending us to her own clients.
      ...RECOMMENDS_US_TO_HER_CLIENTS(),
      ...['like to sign up', 'want to sign up', 'how do i sign up', 'how can i sign up', 'do you support stores in'],
      // Information asked about the platform, or its plans for a store still to come ("Gostaria de mais
      // informações sobre a plataforma de vocês", "informações sobre os planos para loja virtual", "quiero
      // información sobre sus planes para vender online", "more information about your plans").
      // The platform named as ours: "informações sobre a plataforma de pagamentos que minha loja usa" is hers.
      ...['informacoes sobre a plataforma de voces', 'informacoes sobre a sua plataforma', 'informacoes sobre voces'],
      ...['informacion sobre su plataforma', 'informacion sobre sus planes', 'information about your plans'],
      ...['information about your platform', 'information on your plans', 'information on your platform'],
      ...[
        'planos para loja virtual',
        'planos para loja online',
        'planos para vender online',
        'planos para vender pela internet',
      ],
      ...[
        'planes para vender online',
        'planes para vender en linea',
        'planes para tienda online',
        'planes para una tienda',
      ],
    ],
    // A prospect has nothing that stopped working ("o módulo de orçamento parou"), nor asks the price
    // of a store's shipping ("quanto custa emitir etiqueta dos Correios pela minha loja?").
    unless: [
      ...STORE_SIDE(),
      // A store's product or products, never the catalogue a prospect counts ("uma loja B2B com cerca
      // de 2 mil produtos", "quero trazer minha loja para cá, são 800 produtos").
      'produto',
      ...['os', 'dos', 'nos', 'aos', 'pelos', 'meus', 'seus', 'nossos', 'de', 'em', 'sem', 'mais', 'novos'].map(
        (which) => `${which} produtos`,
      ),
      'tema*',
      'app*',
      'aplicativo*',
      'modulo*',
      'etiqueta*',
      'correios',
      'melhor envio',
      'transportadora*',
      'pela minha loja',
      // Round 43: the store's shipping asked in Spanish ("¿cuánto sale el envío a Montevideo?").
      ...['envio', 'envios', 'correo argentino', 'mis clientes'],
      ...UNLESS_FIXED(),
      ...BROKEN(),
      // Round 41: charged by us in her sentence ("cancelei no período de teste e fui cobrado mesmo assim",
      // "you charged me"): a client's billing matter; a refund only asked about is still a prospect's.
      ...['fui cobrad*', 'foi cobrad*', 'me cobraram', 'me cobrou', 'cobraram', 'debitaram', 'debitou'],
      ...['charged me', 'i was charged', 'got charged'],
      // Round 44: signed up already ("contratei vocês semana passada e quero criar minha loja online").
      ...['contratei', 'assinei', 'acabei de assinar', 'acabei de contratar'],
      ...ALSO_ON_A_CHANNEL(),
    ],
    // Round 48: the clients are a consultant's or an agency's, to whom she would recommend us: not a store's buyers.
    unlessExceptIn: RECOMMENDS_US_TO_HER_CLIENTS(),
    unlessInMessage: CLIENT_MARKERS(),
  },
  {
    id: 'client.supplier.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    // Their products are what they offer ("oferecer nossos produtos aos lojistas"), so unlike a
    // prospect's rule, "produto" is no exception here.
    phrases: [
      'apresentar * aos lojistas',
      'oferecer * aos lojistas',
      'oferecer * aos lojistas da plataforma',
      'oferecer * para os lojistas',
      'aos seus lojistas',
      'para os seus lojistas',
      'para seus lojistas',
      'aos lojistas de voces',
      'para os lojistas de voces',
      'vender * para os lojistas',
      'vender * aos lojistas',
      'apresentar nosso catalogo',
      'apresentar nossos produtos',
      'apresentar nossos servicos',
      'somos fornecedores',
      'somos fabricantes',
      // A company offering its services to us ("somos uma empresa de logística e gostaríamos de
      // oferecer nossos serviços"): never the merchant's own customers (unless).
      'oferecer nossos servicos',
      'oferecer os nossos servicos',
      'oferecer nossas solucoes',
      'oferecer nossa solucao',
      'oferecer nossos produtos',
      'apresentar os nossos servicos',
      'apresentar nossa empresa',
      'apresentar a nossa empresa',
      // In the present ("oferecemos serviços de desenvolvimento para lojas virtuais", "nossa empresa
      // presta serviços de SEO").
      // Round 40: one person's offer too ("ofereço serviço de SEO com preço especial").
      ...['oferecemos', 'prestamos', 'ofereco', 'presto'].flatMap((offer) =>
        [
          'servico de',
          'servicos',
          'nossos servicos',
          'solucoes',
          'nossas solucoes',
          // Round 33: what agencies sell ("oferecemos consultoria de SEO para lojas virtuais").
          'consultoria',
          'assessoria',
          'gestao de trafego',
          'marketing digital',
          'desenvolvimento de',
        ].map((what) => `${offer} ${what}`),
      ),
      'resultados garantidos',
      'nossa empresa oferece',
      'nossa empresa presta',
      'ofrecer nuestros servicios',
      'ofrecemos servicios',
      'ofrecemos nuestros servicios',
      'we offer our services',
      'offer our services',
      'introduce our company',
      // A service sold to the company itself, or a partnership, a sponsorship, a paid post offered.
      'posso enviar uma proposta',
      'podemos apresentar uma proposta',
      'gostaria de enviar uma proposta',
      'gostariamos de enviar uma proposta',
      'apresentar nossa solucao',
      'conhecer nossa solucao',
      'propor uma parceria',
      'proposta de parceria',
      // An influencer's or a creator's offer ("sou influenciadora e quero uma parceria: divulgo vocês").
      'quero uma parceria',
      'quero fazer uma parceria',
      'gostaria de fazer uma parceria',
      'gostaria de uma parceria',
      'fechar uma parceria',
      'sou influenciador*',
      'sou influencer',
      'divulgo voces',
      'divulgar voces',
      'divulgar a plataforma',
      'em troca de divulgacao',
      'queremos ser integrados',
      'responsavel por parcerias',
      'patrocinar o',
      'patrocinar a',
      'cotas de patrocinio',
      'cotas a partir de',
      'publi paga',
      'renove conosco',
      'would you be interested in a quick call',
      'schedule a quick call',
      'partnership opportunity',
      'we would like to propose a partnership',
      'somos uma consultoria',
      // Round 26: a consultant's or a vendor's offer ("sou consultor de SEO… ofereço auditoria").
      'sou consultor',
      'sou consultora',
      'ofereco auditoria',
      'oferecemos auditoria',
      'sou representante comercial',
      'apresentar nossas solucoes',
      'would love to partner with',
      'partner with your platform',
      'que tal uma conversa de',
      'processo para parceiros',
      // Round 37: partner and affiliate programmes, app and theme stores, sponsorships, a company
      // integrating its own service ("integrar nosso serviço de frete à plataforma").
      'rede de parceiros',
      'programa de parceiros',
      // Round 38: becoming our partner, said by one who names what it offers the stores — their
      // shipping, gateway, checkout or apps ("somos um gateway de pagamento e queremos ser parceiros
      // da plataforma"), which the prospect's rule reads as store-side; a partner of someone else
      // ("quero ser parceira de uma transportadora") is not ours.
      ...['ser parceir*', 'sermos parceir*', 'virar parceir*'].flatMap((become) =>
        ['da bagy', 'da plataforma', 'de voces'].map((of) => `${become} ${of}`),
      ),
      'ser socios de la plataforma',
      'ser socio de la plataforma',
      'ser socios de ustedes',
      'become a partner of your',
      'become partners of your',
      'programa de afiliados',
      'ser afiliad*',
      'indicar clientes para',
      // Publishing in the app or theme store, never an app bought there ("comprei um app na loja de aplicativos").
      'publicar * na loja de aplicativos',
      'publica-lo na loja de aplicativos',
      'publicar * na loja de temas',
      'temas para vender',
      'propor um patrocinio',
      'proposta de integracao do nosso',
      'proposta de integracao da nossa',
      // Round 40: an offer presented or sent to the platform ("gostaríamos de apresentar uma proposta de
      // integração"), an app of theirs for the app store ("queremos entrar na loja de aplicativos").
      ...['apresentar', 'enviar'].flatMap((present) =>
        ['uma proposta de integracao', 'uma proposta de parceria', 'uma proposta comercial', 'nossa proposta'].map(
          (offer) => `${present} ${offer}`,
        ),
      ),
      'entrar na loja de aplicativos',
      'listar * na loja de aplicativos',
      // Never "integrar nosso ERP", which a merchant writes of her own.
      ...['integrar nosso', 'integrar o nosso', 'integrar nossos'].map((v) => `${v} servico*`),
      'somos uma transportadora',
      'somos uma fintech',
      // Round 43: a company by what it supplies the stores ("somos o fornecedor do app de avaliações",
      // "somos os desenvolvedores do app Estoque Fácil", "somos um ERP") and the product it offers or
      // presents us ("gostaríamos de oferecer nosso gateway de pagamento", "apresentar nossa plataforma").
      // Of apps only: a wholesaler that sells on the platform is a supplier too ("somos uma fornecedora de embalagens").
      ...['fornecedor*', 'desenvolvedor*'].flatMap((maker) =>
        ['do app', 'do aplicativo', 'de apps', 'de aplicativos'].map((app) => `somos * ${maker} ${app}`),
      ),
      ...['pelo app', 'pelo aplicativo'].map((app) => `somos * responsave* ${app}`),
      'somos um erp',
      ...['oferecer', 'apresentar'].flatMap((offer) =>
        ['nosso gateway', 'nosso erp', 'nossa plataforma', 'nossa ferramenta'].map((what) => `${offer} ${what}`),
      ),
      ...['nosso app', 'nosso aplicativo', 'nosso sistema'].map((what) => `apresentar ${what}`),
      // Round 40: a company by what it makes for the stores ("fazemos um ERP para pequenos varejistas",
      // "a SEO Turbo ajuda lojas virtuais a dobrar o tráfego"), asking who handles partnerships, a
      // payment company asking to be listed, an agency joining the partners' programme, an app's developer.
      ...['fazemos', 'desenvolvemos', 'criamos'].flatMap((make) =>
        ['lojistas', 'lojas virtuais', 'lojas online', 'varejistas', 'pequenos varejistas', 'pequenos lojistas'].map(
          (whom) => `${make} * para ${whom}`,
        ),
      ),
      'ajuda lojas virtuais',
      'ajudamos lojas virtuais',
      'ajuda lojistas a',
      'ajudamos lojistas a',
      ...['falo', 'falar', 'tratar', 'conversar'].map((about) => `${about} sobre parceria*`),
      // Round 54: an integration of theirs with the platform, proposed ("desenvolver uma integração oficial
      // com a plataforma de vocês", "proponer una integración con su plataforma"); a merchant asks the
      // platform to integrate with another, never "uma integração com a plataforma de vocês".
      ...['uma integracao * com a plataforma de voces', 'uma integracao * com a sua plataforma'],
      ...['proponer una integracion', 'proponer una alianza', 'parceria tecnica', 'credenciais de parceiro'],
      ...['become an official', 'an official * partner', 'i lead partnerships', 'head of partnerships'],
      'publicar * na loja de apps',
      ...['area', 'setor', 'time', 'equipe', 'contato'].map((team) => `${team} de parcerias`),
      'somos um gateway',
      'somos uma adquirente',
      'somos uma subadquirente',
      ...['ser listados', 'ser listado', 'ser listada'].map((listed) => `${listed} como meio de pagamento`),
      ...['entrar no', 'participar do'].flatMap((join) =>
        ['programa de agencias', 'programa de parceiros'].map((programme) => `${join} ${programme}`),
      ),
      ...['desenvolvi', 'desenvolvemos'].flatMap((made) => [`${made} um app`, `${made} um aplicativo`]),
      ...['quero', 'queria', 'gostaria de'].map((want) => `${want} disponibilizar na loja de apps`),
      // The same in English ("we build a loyalty app for online stores and would love to be listed in
      // your app marketplace").
      ...['we build', 'we make', 'we develop'].flatMap((make) =>
        ['online stores', 'merchants', 'shops', 'ecommerce stores'].map((whom) => `${make} * for ${whom}`),
      ),
      // Asking to be listed, never an app that is ("charged for an app listed in your app store").
      ...['in', 'on'].flatMap((where) =>
        ['your app marketplace', 'your app store'].map((what) => `be listed ${where} ${what}`),
      ),
      // Round 41: the app built and its listing asked for ("We built an inventory app for Shopify and
      // want to list it in your app store"), never an app installed.
      ...['we built', 'we have built', 'we developed', 'we have developed'].flatMap((made) => [
        `${made} an app`,
        `${made} a plugin`,
        `${made} an integration`,
        `${made} * app for`,
      ]),
      ...['list it', 'list our app', 'publish it', 'publish our app'].flatMap((list) =>
        ['in your app store', 'on your app store', 'in your app marketplace', 'on your app marketplace'].map(
          (where) => `${list} ${where}`,
        ),
      ),
      // Round 41: the platform's own site appraised, to sell it a service ("Notamos que o site de vocês
      // pode ranquear melhor no Google", "Analisamos o site de vocês e encontramos 37 erros de SEO",
      // "Seu site pode vender 3x mais"), and the talk they propose; never the site seen down.
      ...['o site de voces', 'seu site', 'o seu site'].flatMap((site) =>
        ['pode', 'poderia'].flatMap((could) =>
          ['ranquear', 'vender', 'aparecer', 'converter', 'faturar'].map((gain) => `${site} ${could} ${gain}`),
        ),
      ),
      ...['analisamos', 'avaliamos', 'auditamos'].flatMap((looked) =>
        ['o site de voces', 'seu site', 'o seu site'].map((site) => `${looked} ${site}`),
      ),
      'podemos conversar sobre uma proposta',
      // Round 54: a list of merchants' contacts for sale ("temos uma base com 50 mil lojistas com e-mail e
      // telefone"), a stand at a fair ("Convidamos sua empresa para expor na Expo Varejo").
      ...['base de contatos', 'base com * lojistas', 'mailing de lojistas', 'leads qualificados', 'lista de leads'],
      ...['convidamos sua empresa', 'convidamos a sua empresa', 'para expor na', 'para expor no', 'estandes a partir'],
      ...['analyzed', 'analysed', 'audited', 'reviewed'].map((looked) => `we ${looked} your website`),
      'discuss a proposal',
      // Round 44: the partnership wished in the plural ("Somos a PagFácil, gateway de pagamentos, e
      // gostaríamos de uma parceria com a plataforma"), as the singular above is.
      // With us only: a store's own partner is another's ("queremos fazer uma parceria com uma transportadora").
      ...['gostariamos de', 'queremos', 'queriamos'].flatMap((want) =>
        ['uma parceria', 'fazer uma parceria', 'firmar uma parceria', 'propor uma parceria'].flatMap((deal) =>
          ['com voces', 'com a plataforma'].map((us) => `${want} ${deal} ${us}`),
        ),
      ),
      // English: a service offered, to the platform or to its stores ("We offer web design services at
      // affordable prices for your merchants").
      ...['we offer', 'we provide'].map((offer) => `${offer} * services`),
      ...['for your merchants', 'for your sellers'],
    ],
    // Their offer may be the stores' shipping or checkout ("oferecer frete mais barato aos lojistas"):
    // only the merchant's own customers are an exception, not STORE_SIDE as a whole.
    unless: ['meus clientes', 'meu cliente', 'minhas clientes', 'minha cliente', ...BROKEN()],
    // Round 54: the errors their audit found are the pitch, not something broken ("Analisamos seu site e
    // encontramos 37 erros de SEO").
    unlessExceptIn: [
      ...['encontramos', 'identificamos', 'detectamos'].flatMap((found) =>
        ['erro*', 'problema*', 'falha*'].map((fault) => `${found} * ${fault}`),
      ),
      ...['erros de seo', 'problemas de seo', 'we found * errors', 'we found * issues', 'seo errors', 'seo issues'],
    ],
    // A store of their own: a merchant who also supplies others ("somos fabricantes e nossa loja…").
    // Round 44: in English too ("We provide gift wrapping services in my store").
    unlessInMessage: [
      ...CLIENT_MARKERS(),
      'minha loja',
      'nossa loja',
      'nossas lojas',
      'my store',
      'our store',
      'my shop',
      'our shop',
    ],
  },

  {
    id: 'client.outsider.text',
    outcome: 'NOT_A_CLIENT',
    stage: 'client',
    trigger: 'text',
    // Press, job applicants, researchers: they write to the office, and no merchant's complaint is
    // theirs to open a ticket for. The reply that says the office serves clients fits them best.
    phrases: [
      'sou jornalista',
      'sou reporter',
      'somos jornalistas',
      'pedido de entrevista',
      'gostaria de uma entrevista',
      'gostariamos de uma entrevista',
      'conceder uma entrevista',
      'estou fazendo uma reportagem',
      'estamos fazendo uma reportagem',
      // Round 36: the press by its work, not its title ("estou preparando uma matéria", "um
      // posicionamento da empresa", "sou da assessoria de imprensa", "writing a story").
      ...['estou', 'estamos'].flatMap((who) =>
        ['fazendo', 'preparando', 'escrevendo', 'apurando'].flatMap((doing) =>
          ['uma materia', 'uma reportagem', 'uma pauta'].map((piece) => `${who} ${doing} ${piece}`),
        ),
      ),
      'posicionamento da empresa',
      'posicionamento oficial',
      'nota oficial sobre',
      'trabalho na redacao',
      'assessoria de imprensa do',
      'nossa reportagem',
      'entrevistar alguem da empresa',
      'para uma materia',
      "i'm writing a story",
      'i am writing a story',
      'comment from your company',
      'participar do nosso podcast',
      'soy periodista',
      'i am a reporter',
      "i'm a reporter",
      'i am a journalist',
      "i'm a journalist",
      'press inquiry',
      'me candidatar a vaga',
      'me candidatar a uma vaga',
      'candidatar a vaga de',
      'segue meu curriculo',
      'segue em anexo meu curriculo',
      'envio meu curriculo',
      'enviar meu curriculo',
      'vagas de estagio',
      'vaga de estagio',
      ...['voces tem', 'tem alguma'].flatMap((has) => [`${has} vaga`, `${has} vagas`]),
      // Round 40: a job named ("tem vaga pra atendimento?", "há vagas para desenvolvedor?"); never "não tem
      // vaga para coleta nos Correios", a merchant's pickup slot.
      ...['tem vaga para', 'tem vagas para', 'ha vaga para', 'ha vagas para'].flatMap((open) =>
        [
          'atendimento',
          'atendente',
          'suporte',
          'desenvolvedor*',
          'programador*',
          'estagio',
          'estagiari*',
          'vendedor*',
          'marketing',
          'designer',
          'analista',
          'trabalhar',
        ].map((job) => `${open} ${job}`),
      ),
      // Asking for a job ("há vagas de emprego na empresa?", "vocês estão contratando?").
      'vagas de emprego',
      'vaga de emprego',
      'vagas de trabalho',
      'vagas abertas',
      'processo seletivo',
      'trabalhe conosco',
      'voces estao contratando',
      // Round 42: chat-speak's "tão" for "estão" ("vcs tão contratando dev?").
      'voces tao contratando',
      'meu curriculo',
      // The résumé asked about ("vi a vaga no LinkedIn, para onde mando o currículo?").
      ...['mando', 'mandar', 'envio', 'enviar', 'encaminho', 'encaminhar'].map((send) => `${send} o curriculo`),
      'vi a vaga',
      'vi uma vaga',
      'oportunidade de emprego',
      'oportunidade de trabalho',
      'oportunidade de estagio',
      'are you hiring',
      'job opening*',
      'my resume',
      'my cv',
      'vacantes',
      'mi curriculum',
      'tenho interesse em trabalhar na empresa',
      'gostaria de trabalhar na empresa',
      'gostaria de trabalhar com voces',
      'quero trabalhar com voces',
      'apply for the position',
      // Round 42: the job named between ("apply for the customer support position").
      ...['apply for the', 'apply for a', 'apply for your'].flatMap((apply) =>
        ['* position', '* role', '* opening', '* vacancy'].map((job) => `${apply} ${job}`),
      ),
      'attached is my resume',
      'pesquisa academica',
      'sou estudante de mestrado',
      'sou estudante de doutorado',
      'sou estudante de graduacao',
      // Round 41: coursework named ("preciso entrevistar alguém para um trabalho da faculdade").
      'trabalho da faculdade',
      'trabalho academico',
      // Round 41: the student by any course, the researcher, the thesis, the research on the office's
      // field ("sou estudante de administração", "sou aluna de jornalismo", "sou pesquisador da USP",
      // "minha dissertação", "estou fazendo uma pesquisa sobre ouvidorias", "a research project").
      ...['sou estudante de', 'sou aluno de', 'sou aluna de', 'sou pesquisador*', 'minha dissertacao', 'minha tese'],
      // Round 54: the graduate student by degree, in Portuguese and Spanish ("sou mestrando e pesquiso…",
      // "soy estudiante de maestría y estoy investigando plataformas").
      // Never "estoy investigando por qué no llegan los pedidos": her own store's trouble.
      ...['sou mestrand*', 'sou doutorand*', 'estudiante de maestria', 'estudiante de doctorado'],
      ...['estoy investigando', 'estamos investigando'].map((who) => `${who} plataformas`),
      ...['estou', 'estamos'].flatMap((who) =>
        ['ouvidoria*', 'atendimento', 'e-commerce', 'ecommerce', 'comercio eletronico', 'plataformas'].map(
          (what) => `${who} fazendo uma pesquisa sobre ${what}`,
        ),
      ),
      'i am a student',
      "i'm a student",
      'im a student',
      'research project',
      // Round 26: a thesis, an investor, an event, a recruiter.
      // Round 40: a thesis by its name ("estou fazendo TCC sobre ouvidorias").
      'tcc',
      'trabalho de conclusao de curso',
      'fundo de venture capital',
      'fundo de investimento',
      'conversar com os fundadores',
      'convidar a bagy',
      'convidar voces',
      // Round 54: an executive invited ("queríamos convidar o CEO de vocês para um episódio").
      ...['o ceo', 'a ceo', 'o fundador', 'a fundadora', 'o presidente', 'a presidente'].map(
        (who) => `convidar ${who}`,
      ),
      'convidamos a bagy',
      'convidamos voces',
      'palestrar no nosso',
      'para patrocinar',
      'agencia de recrutamento',
      'temos candidatos para',
      // Round 42: a marketplace's seller as who she is ("Sou vendedora da Shopee, meu repasse atrasou"); one
      // with a store of ours says so (unlessInMessage), or asks about the integration.
      ...MARKETPLACE_SELLER(),
    ],
    // Someone with a store of their own who is also a journalist, a student, or hiring; round 42: a seller
    // whose marketplace is integrated with a store of ours ("sou vendedora da Shopee e a integração parou").
    unlessInMessage: [
      ...CLIENT_MARKERS(),
      'minha loja',
      'nossa loja',
      'nossas lojas',
      'integracao',
      'integracoes',
      'integrada',
      'integrado',
      'sincroniz*',
    ],
    // Round 42: a seller there too ("sou vendedora na Shopee também e os pedidos de lá não entram").
    unless: ['tambem'],
  },

  // 3. Commercial negotiation or special conditions: out of scope, sales.
  {
    id: 'scope.commercial.discount',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    stage: 'commercial',
    trigger: 'text',
    phrases: [
      'desconto',
      'descontos',
      'descontinho',
      'abatimento',
      'abater',
      'bonificacao',
      'bonus na mensalidade',
      'descuento',
      'descuentos',
      'rebaja',
      'discount',
      'discounts',
    ],
    unlessInMessage: [
      'promocao',
      'promocoes',
      'promocional',
      'campanha',
      // The platform's own sale ("o desconto de Black Friday do plano anual"); her Black Friday ("foi
      // fraca para mim") is her argument for a discount of her own.
      ...['black friday', 'cyber monday'].flatMap((sale) => [
        ...['desconto', 'oferta', 'condicao', 'preco'].flatMap((deal) => [`${deal} de ${sale}`, `${deal} da ${sale}`]),
        `${sale} de voces`,
        `${sale} da plataforma`,
      ]),
      'prometid*',
      'prometeram',
      'anunciad*',
      'anunciaram',
      'divulgad*',
      'divulgaram',
      'ofertad*',
      'condicoes de migracao',
      'nao foi aplicado',
      'nao foi aplicada',
      'nao aplicaram',
      'nao veio na fatura',
      'promocion',
      'anunciado',
      'no se aplico',
      'promotion',
      'promo',
      'advertised',
      'announced',
      'was not applied',
      "wasn't applied",
    ],
    unless: [
      ...NOT_ASKING(),
      ...STORE_SIDE(),
      'cupom',
      'cupons',
      'desconto no pix',
      'desconto progressivo',
      'desconto nos produtos',
      'desconto no produto',
      'desconto em produtos',
      'desconto do produto',
      'desconto por quantidade',
      'desconto a vista',
      // The announced yearly price asked about ("o plano anual tem desconto de quanto em relação ao
      // mensal?"): a question on plans, not a discount of her own.
      'plano anual tem desconto',
      // The discount she already has or saw announced, asked about ("perco o desconto de fidelidade?",
      // "a fatura veio sem o desconto do contrato", "vi que tem desconto no plano anual").
      ...['perco', 'perder', 'perderia', 'perderei', 'mantenho', 'manter', 'continuo com', 'sem'].map(
        (v) => `${v} o desconto`,
      ),
      'o desconto atual',
      'o desconto que tenho',
      'o desconto que eu tenho',
      'meu desconto atual',
      'vi que tem desconto',
      'anual tem desconto',
      'desconto do plano anual',
      'desconto do anual',
      ...['ao mensal', 'ao plano mensal'].flatMap((monthly) =>
        ['em relacao', 'comparado', 'comparando'].map((against) => `${against} ${monthly}`),
      ),
      'regra de desconto',
      'regras de desconto',
      // Round 54: discounts her store would schedule for its buyers, a feature ("It would be great if the
      // platform allowed scheduling discounts in advance", "agendar descontos na loja").
      ...['schedule', 'scheduling', 'scheduled', 'agendar', 'programar'].flatMap((plan) =>
        ['discount', 'discounts', 'desconto', 'descontos'].map((off) => `${plan} ${off}`),
      ),
      'discounts in advance',
      'tabela de desconto',
      'promocao',
      'promocoes',
      'preco promocional',
      'comprei e ganhe',
      'prometid*',
      'prometeram',
      'anunciad*',
      'anunciaram',
      'divulgad*',
      'nao foi aplicado',
      'nao aplicaram',
      'nao aplica*',
      'nao veio',
      'nao esta aplicando',
      'nao calcula*',
      'nao aparece',
      'nao quero desconto',
      'nao estou pedindo desconto',
      // Her denial vetoes its own sentence only: "nunca pedi desconto. Agora gostaria de um" still asks.
      'nao pedi desconto',
      'nao pedi nenhum desconto',
      'nunca pedi desconto',
      'nao pedi descuento',
      'no pedi descuento',
      "didn't ask for a discount",
      'did not ask for a discount',
      'never asked for a discount',
      // The support's refusal, pasted or retold ("informamos que não é possível conceder desconto",
      // "o atendente respondeu que não consegue dar desconto"): the merchant asks nothing in it.
      'informamos que nao',
      'que nao e possivel conceder',
      'que nao e possivel dar desconto',
      'nao pode ser concedido',
      'nao pode ser concedida',
      'nao podem ser concedidos',
      'nao pode ser dado',
      'nao podemos conceder',
      'nao da para conceder',
      'que nao consegue dar',
      'que nao conseguem dar',
      'que nao pode conceder',
      'que nao podem conceder',
      "they can't give",
      'they cannot give',
      "they can't offer",
      'they cannot offer',
      'nao preciso de desconto',
      'nao e desconto',
      'errad*',
      'incorret*',
      // Offered by the platform's own staff, or refused: the merchant asks for nothing ("o atendente
      // me ofereceu um desconto para eu parar de reclamar", "não adianta me oferecer desconto").
      'atendente* * ofereceu',
      'atendente* * ofereceram',
      'suporte * ofereceu',
      'suporte * ofereceram',
      'voces * ofereceu',
      'voces * ofereceram',
      // Granted already and charged in full ("vocês me deram 50% de desconto e a fatura veio cheia").
      'voces me deram',
      'voces deram',
      'me concederam',
      'ganhei',
      'tinha desconto',
      'tenho desconto',
      'veio cheia',
      'veio cheio',
      'valor cheio',
      'preco cheio',
      'nao adianta',
      'de que adianta',
      'nao quero * desconto',
      'desconto nao resolve',
      'parar de reclamar',
      // The store's own prices and stock, which the merchant set up for their customers ("os
      // descontos que configurei na loja não aplicam", "não consigo abater o estoque"), and a
      // programme's reward that was due ("a bonificação da indicação não foi creditada").
      'configurei',
      'configuramos',
      'configurad*',
      'que configure',
      'estoque',
      // Compensation for an outage already suffered ("abatimento proporcional aos dias fora do ar").
      'proporcional',
      'dias fora do ar',
      'dias parad*',
      'mi tienda',
      'no se aplica*',
      'indicacao',
      'indicacoes',
      'nao foi creditad*',
      'nao creditaram',
      'nao recebi',
      // The store's own marketing, often in the signature ("15% de desconto em todo o site").
      'todo o site',
      'site todo',
      'toda a loja',
      'loja toda',
      'primeira compra',
      // A deduction from the store's payouts ("veio um desconto no repasse"), not a discount asked for.
      'repasse*',
      'extrato',
      'nas compras',
      'em compras',
      'compras acima',
      'aproveite',
      ...BROKEN(),
      ...PROMISED_OR_CHARGED(),
    ],
  },
  {
    id: 'scope.commercial.special-condition',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    stage: 'commercial',
    trigger: 'text',
    phrases: [
      // Round 26: the price someone else pays, asked for ("quero o mesmo preço", "o mesmo valor que ele").
      'quero o mesmo preco',
      'quero o mesmo valor',
      // Round 35: the terms someone else has ("quero a mesma condição que ele tem").
      // Never the bare words: "quero a mesma condição de frete de antes" is her store's shipping.
      ...['a mesma condicao', 'as mesmas condicoes'].flatMap((terms) =>
        ['que ele', 'que ela', 'que eles', 'dele', 'dela', 'dos novos', 'que os novos', 'do meu amigo'].map(
          (whose) => `${terms} ${whose}`,
        ),
      ),
      'quero pagar o mesmo',
      'mesmo preco dos novos',
      'mesmo preco que os novos',
      'condiciones especiales',
      'condicion especial',
      'precio especial',
      'plan personalizado',
      'special pricing',
      'special price',
      'special conditions',
      'special deal',
      'custom plan',
      'custom pricing',
      'custom price',
      // Round 51: a price of one's own by the plan's name ("We want a custom enterprise price").
      'custom enterprise',
      'enterprise price',
      'enterprise pricing',
      'lower price',
      'better price',
      'price match',
      // Round 34: one plan at another's price ("the annual plan at the monthly price").
      ...['at the', 'for the', 'al', 'por el'].flatMap((at) =>
        ['monthly price', 'precio del mensual', 'precio mensual'].map((price) => `${at} ${price}`),
      ),
      // Round 57: a term put as the price of her signing ("se fizerem o anual em 12x sem juros eu fecho hoje").
      ...DEAL_OFFERED(),
      'condicao especial',
      'condicoes especiais',
      // Round 49: terms she knows are not offered, asked for as an exception ("parcelar o anual em 12x,
      // condição que não aparece no site. É possível abrir uma exceção?", "sei que não é uma condição
      // oferecida, mas peço uma exceção").
      ...['abrir', 'abram', 'fazer', 'facam', 'peco', 'pedir', 'pedimos', 'solicito', 'solicitamos'].flatMap((ask) => [
        `${ask} uma excecao`,
        `${ask} excecao`,
      ]),
      'hacer una excepcion',
      'nao e uma condicao oferecida',
      'condicao que voces nao oferecem',
      'condicao diferenciada',
      'condicoes diferenciadas',
      'condicao melhor',
      'condicoes melhores',
      'preco especial',
      'valor especial',
      'tarifa especial',
      'preco diferenciado',
      'valor diferenciado',
      'preco menor',
      'valor menor na mensalidade',
      'plano personalizado',
      'plano customizado',
      'plano sob medida',
      'plano exclusivo',
      'proposta comercial',
      'proposta personalizada',
      'contraproposta',
      'cobrir a proposta',
      'cobrir a oferta',
      'igualar o preco',
      'igualar o valor',
      // Round 54: the same as a demand ("Cubram a oferta deles e eu fico", "igualem o preço da Nuvemshop").
      ...['cubram', 'cubra', 'igualem', 'iguale'].flatMap((match) =>
        ['a oferta', 'a proposta', 'o preco', 'o valor'].map((offer) => `${match} ${offer}`),
      ),
      'o concorrente cobra',
      'concorrente * mais barato',
      // Round 34: a rival's offer as the argument ("o concorrente me ofereceu 1,99%").
      'concorrente me ofereceu',
      'concorrente esta me oferecendo',
      // Round 45: the rivals as a whole ("a concorrência me ofereceu metade do preço, vcs cobrem?").
      'concorrencia me ofereceu',
      'concorrencia esta me oferecendo',
      'concorrencia me fez uma proposta',
      'outra plataforma me ofereceu',
      'outra plataforma esta me oferecendo',
      'concorrencia * mais barat*',
      'outra plataforma cobra menos',
      'congelar o valor',
      'congelar o preco',
      'manter o valor antigo',
      'manter o preco antigo',
      // Last year's price kept against the yearly adjustment, and a rival's offer to match
      // whatever it is called ("vocês conseguem igualar?").
      // Round 34: one plan asked for at another's price, the plan named ("consegue fazer o plano anual
      // pelo preço do mensal?", "me deixem ficar no Pro pelo preço do básico"); never "fui cobrado
      // pelo valor do plano mais barato", nor the store's prices ("deixar os produtos pelo valor do
      // fornecedor").
      ...['pelo preco do', 'pelo valor do'].flatMap((price) => [
        ...['fazer', 'fazem', 'deixar', 'deixem', 'manter', 'mantenham', 'liberar', 'liberem'].flatMap((grant) =>
          ['o plano', 'meu plano', 'o meu plano', 'a assinatura', 'minha assinatura'].map(
            (plan) => `${grant} ${plan} * ${price}`,
          ),
        ),
        `ficar no * ${price}`,
        `continuar no * ${price}`,
      ]),
      'pelo mesmo preco do ano passado',
      'pelo mesmo valor do ano passado',
      'pelo preco do ano passado',
      'pelo valor do ano passado',
      'manter o preco do ano passado',
      'manter o valor do ano passado',
      'congelar a mensalidade',
      'sem o reajuste',
      'sem reajuste',
      'nao aplicar o reajuste',
      'nao aplicarem o reajuste',
      'conseguem igualar',
      'consegue igualar',
      'podem igualar',
      'poderiam igualar',
      'voces igualam',
      'igualar esse valor',
      'igualar essa condicao',
      'meses gratis',
      'mes gratis',
      'mes de cortesia',
      'meses de cortesia',
      'meses de bonus',
      'mes de bonus',
      'meses bonus',
      'meses de graca',
      'mes de graca',
      // Asked for, not told about: "me dar uns meses sem pagar", never "fiquei 2 meses sem pagar".
      'dar * meses sem pagar',
      'dar * mes sem pagar',
      'deem * meses sem pagar',
      'ficar * meses sem pagar',
      'ficar * mes sem pagar',
      'meses sem cobranca',
      'pagar so metade',
      'pagar metade',
      'pagar a metade',
      'pagar so a metade',
      'cobrar so metade',
      'cobrar metade',
      'cobrarem so metade',
      'cobrarem metade',
      'preco camarada',
      'valor camarada',
      'fazer um precinho',
      'um precinho',
      'precinho melhor',
      'preco melhor na mensalidade',
      'valor melhor na mensalidade',
      // A rival's offer to match ("se vocês cobrirem eu fico").
      'se voces cobrirem',
      'se cobrirem',
      'se voces igualarem',
      'fazer um preco melhor',
      'fazem um preco melhor',
      'faz um preco melhor',
      'fazem um precinho',
      'faz um precinho',
      'cobrem a oferta',
      'cobrem a proposta',
      'continuar pagando o mesmo valor',
      'continuar pagando o valor antigo',
      'manter o valor de antes',
      'pagar o mesmo valor de antes',
      'better deal',
      'cheaper plan',
      'carencia',
      // Barter for our fee, not the store's own barter with a supplier ("fiz uma permuta de produtos").
      'permuta * mensalidade',
      'permuta * plano',
      'permuta * assinatura',
      'mensalidade * permuta',
      'plano * permuta',
      'aceitam permuta',
      'aceita permuta',
      'permuta com voces',
      'em troca da mensalidade',
      // Round 29: a sale of the platform's, or the discount new clients get, asked for her own fee
      // ("vi a promoção para novos clientes, consigo o mesmo desconto?"), and a discount to stay.
      // The discount rule reads any "promoção" in the mail as a promised one (not applied).
      'consigo o mesmo desconto',
      'quero o mesmo desconto',
      'ter o mesmo desconto',
      'dar o mesmo desconto',
      'mesmo desconto dos novos',
      'mesmo desconto que os novos',
      'mesma promocao para',
      'essa promocao para mim',
      'essa promocao tambem',
      'mesma condicao dos novos',
      'desconto para renovar',
      'desconto na renovacao',
      'desconto para continuar',
      'desconto para eu continuar',
      'desconto para nao cancelar',
    ],
    unless: [
      ...NOT_ASKING(),
      ...STORE_SIDE(),
      'prometid*',
      'anunciad*',
      'nao quero condicao',
      // The discount she had, charged in full ("eu tinha o mesmo desconto … e a fatura veio cheia").
      'tinha o mesmo desconto',
      'veio cheia',
      'veio cheio',
      'valor cheio',
      ...PROMISED_OR_CHARGED(),
      // The store's own price lists for its buyers ("o preço especial para atacadistas que
      // configurei", "o grupo de revendedores com preço diferenciado parou").
      'configurei',
      'configuramos',
      'configurad*',
      'que configure',
      'atacad*',
      'revend*',
      'grupo de clientes',
      'grupos de clientes',
      'tabela de preco*',
      'nao aparece*',
      ...BROKEN(),
    ],
  },
  {
    // Round 60: "se fizerem em 12x eu fecho" — the deal offered, closed in a bare "eu fecho" (DEAL_BARE_CLOSE).
    id: 'scope.commercial.deal-bare-close',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    stage: 'commercial',
    trigger: 'text',
    phrases: DEAL_BARE_CLOSE(),
    requires: DEAL_TERMS(),
    unless: [...CLOSED_AFTER_FECHO(), ...NOT_ASKING(), ...BROKEN()],
  },
  {
    id: 'scope.commercial.negotiation',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    stage: 'commercial',
    trigger: 'text',
    phrases: [
      'negotiate',
      'negotiation',
      'renegotiate',
      'reducir la mensualidad',
      'bajar el precio',
      'negociar',
      'negociacao',
      'renegociar',
      'renegociacao',
      'parcelar a divida',
      // A debt to split, in the words people use for it.
      'parcelar esse valor',
      'parcelar este valor',
      'parcelar o que devo',
      'parcelar o que estou devendo',
      'parcelar o valor devido',
      'parcelar o saldo devedor',
      'parcelar meu debito',
      'parcelar minhas dividas',
      'parcelar a fatura em atraso',
      'parcelar as faturas em atraso',
      'parcelar as faturas atrasadas',
      'parcelar as mensalidades em atraso',
      'parcelar as mensalidades atrasadas',
      // Round 44: one of them, or hers ("Vocês podem parcelar a fatura atrasada em 3x?", "dividir minhas
      // mensalidades vencidas").
      ...['parcelar', 'dividir'].flatMap((split) =>
        ['a', 'as', 'minha', 'minhas', 'essa', 'essas', 'o', 'os', 'meu', 'meus', 'esse', 'esses'].flatMap((which) =>
          ['fatura*', 'mensalidade*', 'boleto*'].flatMap((bill) =>
            ['atrasad*', 'em atraso', 'vencid*', 'em aberto'].map((late) => `${split} ${which} ${bill} ${late}`),
          ),
        ),
      ),
      // A rival's offer to match.
      'proposta de outra plataforma',
      'oferta de outra plataforma',
      'cobrir a proposta',
      'cobrir essa proposta',
      'cobrir a oferta',
      'cobrir essa oferta',
      'igualar a proposta',
      'igualar a oferta',
      'igualar o preco',
      'match their price',
      'match the offer',
      'parcelar minha divida',
      'parcelar o debito',
      'parcelar os debitos',
      'parcelar o valor em aberto',
      'parcelamento da divida',
      'parcelamento do debito',
      'parcelamento dos debitos',
      'fazer um acordo',
      'propor um acordo',
      'acordo para pagar',
      'acordo para quitar',
      // Lowering the fee, however it is named ("reduzir o valor da mensalidade", "baixar o preço do plano").
      ...['reduzir', 'baixar', 'diminuir'].flatMap((lower) =>
        [
          'o valor da mensalidade',
          'o valor da minha mensalidade',
          'o preco da mensalidade',
          'o preco do plano',
          'o valor do meu plano',
        ].map((fee) => `${lower} ${fee}`),
      ),
      // Round 34: the fee on sales, asked lower ("conseguem baixar a taxa do cartão pra 2%?",
      // "diminuir a comissão"); a rate of the store's own (abandono, conversão) is in `unless`.
      ...['reduzir', 'baixar', 'diminuir'].flatMap((lower) =>
        [
          'a taxa',
          'a minha taxa',
          'minha taxa',
          'as taxas',
          'as minhas taxas',
          'minhas taxas',
          'a comissao',
          'a minha comissao',
          'minha comissao',
        ].map((fee) => `${lower} ${fee}`),
      ),
      // Round 51: the cut asked for by its noun ("Quero uma redução de 40% na mensalidade ou saio"), and staying
      // on the condition of a price ("aceito ficar se me derem um plano com preço de 2024"); a promised cut not
      // applied is a billing complaint (unless).
      ...['quero', 'queremos', 'peco', 'pedimos', 'solicito', 'solicitamos', 'exijo', 'gostaria de', 'gostariamos de']
        .flatMap((want) => ['uma reducao', 'reducao'].map((cut) => `${want} ${cut}`))
        .flatMap((asked) =>
          ['mensalidade', 'plano', 'preco', 'valor', 'taxa', 'taxas', 'comissao'].map((fee) => `${asked} * ${fee}`),
        ),
      ...['ficar se', 'fico se', 'continuo se', 'permaneco se', 'renovo se']
        .flatMap((stay) => ['me derem', 'voces me derem', 'derem', 'me oferecerem'].map((given) => `${stay} ${given}`))
        .flatMap((deal) => ['preco', 'valor', 'mensalidade', 'gratis'].map((price) => `${deal} * ${price}`)),
      'reduzir a mensalidade',
      'reduzir minha mensalidade',
      'baixar a mensalidade',
      'baixar minha mensalidade',
      'diminuir a mensalidade',
      'diminuir o valor da mensalidade',
      'reduzir o valor do plano',
      'baixar o valor do plano',
      'diminuir o valor do plano',
      'baixar o preco',
      'reduzir o preco',
      'baixarem o valor',
      'baixarem a mensalidade',
      'baixarem o preco',
      'reduzirem o valor',
      'reduzirem a mensalidade',
      'diminuirem o valor',
      'diminuirem a mensalidade',
      // Round 34: the fee asked lower in English and Spanish ("can you lower my transaction fee?",
      // "¿pueden bajar la comisión?").
      ...['lower', 'reduce', 'cut'].flatMap((lower) =>
        [
          'my fee',
          'my fees',
          'the fee',
          'the fees',
          'my transaction fee',
          'the transaction fee',
          'my commission',
          'the commission',
        ].map((fee) => `${lower} ${fee}`),
      ),
      ...['bajar', 'reducir', 'rebajar'].flatMap((lower) =>
        ['la comision', 'mi comision', 'la tarifa', 'mi tarifa', 'las tarifas', 'mis tarifas'].map(
          (fee) => `${lower} ${fee}`,
        ),
      ),
    ],
    unless: [
      ...NOT_ASKING(),
      ...STORE_SIDE(),
      // Rates the store measures, not fees ("reduzir a taxa de abandono de carrinho").
      ...['abandono', 'conversao', 'rejeicao', 'devolucao', 'chargeback', 'cancelamento'].map(
        (rate) => `taxa de ${rate}`,
      ),
      // The store's own checkout settings and its payment provider's fee ("como diminuir a taxa de
      // juros do parcelamento na loja?", "baixar a taxa do Mercado Pago"), and asking how, which is a
      // question for the knowledge base, not a request to negotiate.
      // Never "juros" or "parcelamento" alone: "parcelar a dívida sem juros" is a negotiation.
      'taxa de juros',
      'taxas de juros',
      'juros do parcelamento',
      'juros de parcelamento',
      'taxa de parcelamento',
      'taxa do parcelamento',
      'mercado pago',
      'pagseguro',
      'pagar me',
      'paypal',
      'cielo',
      'getnet',
      'configur*',
      // Not a bare "como": "tem como diminuir a comissão?" asks for it.
      ...['como faco para', 'como posso'].flatMap((how) =>
        ['reduzir', 'baixar', 'diminuir'].map((lower) => `${how} ${lower}`),
      ),
      ...['how do i', 'how can i', 'como puedo'].flatMap((how) =>
        ['lower', 'reduce', 'cut', 'bajar', 'reducir'].map((lower) => `${how} ${lower}`),
      ),
      // The store's own dealings ('estou negociando com um fornecedor novo'), and leaving as her
      // argument ("já pensei em negociar com outra plataforma, mas quero dar uma chance").
      ...['outra plataforma', 'outras plataformas', 'outra empresa', 'a concorrencia', 'o concorrente'].map(
        (other) => `com ${other}`,
      ),
      'com um fornecedor',
      'com o fornecedor',
      'com fornecedor*',
      'nao quero negociar',
      'nao estou negociando',
      'nao e negociacao',
      'nao se trata de negociacao',
      'nao ha o que negociar',
      'nada a negociar',
      'com fornecedor*',
      'fornecedores',
      'com o cliente',
      'com os clientes',
      'com meus clientes',
      'com a transportadora',
      // Talks with the support that went nowhere: the complaint the office takes.
      'com o suporte',
      'com o atendimento',
      'com a central',
      // Round 34: "tentei renegociar a dívida pelo suporte, fecharam o chamado sem responder".
      'pelo suporte',
      'pelo atendimento',
      'pela central',
      ...['tentei', 'tentamos'].flatMap((tried) => [`${tried} negociar`, `${tried} renegociar`]),
      // Someone else's negotiation the merchant reports ("o suporte disse que ia negociar com o
      // Mercado Livre"), and getting an undue charge back, a billing complaint.
      'com o mercado livre',
      'com a shopee',
      'com a amazon',
      'com o marketplace',
      'com os marketplaces',
      'com o banco',
      'com os correios',
      'ia negociar',
      'iam negociar',
      'ficou de negociar',
      'ficaram de negociar',
      // A lower fee promised and not applied ("o suporte prometeu baixar a taxa e continua cobrando",
      // "disseram que iam reduzir minha taxa e não reduziram"): a billing complaint, not a request.
      ...['ia', 'iam'].flatMap((would) => ['reduzir', 'baixar', 'diminuir'].map((lower) => `${would} ${lower}`)),
      'prometeu',
      'prometeram',
      'prometid*',
      'combinaram',
      'combinado',
      'ficou de',
      'ficaram de',
      ...NOT_KEPT(),
      'indevid*',
      'estorn*',
      'reembols*',
      'duplicidade',
      'cobrado a mais',
      'cobraram a mais',
      'devolucao',
    ],
  },
  {
    id: 'scope.commercial.exemption',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    stage: 'commercial',
    trigger: 'text',
    phrases: [
      'isencao',
      'isentar',
      'isentem',
      'me isentar',
      'ficar isento',
      'ficar isenta',
      'perdoar a divida',
      'perdao da divida',
      'perdoar o debito',
      'anistia',
      'abrir mao da multa',
      'dispensar a multa',
      'dispensa da multa',
      'retirar a multa',
      'tirar a multa',
      'cancelar a multa',
      'perdoar a multa',
      'nao cobrar a multa',
      'sem pagar a multa',
      'sem pagar multa',
    ],
    // An exemption promised and then charged anyway is a billing complaint, not a request.
    unless: [...NOT_ASKING(), ...STORE_SIDE(), 'icms', 'imposto*', 'tributari*', 'fiscal', ...PROMISED_OR_CHARGED()],
  },

  // 4. Features or integrations that do not exist: out of scope, knowledge base.
  {
    id: 'scope.feature.request',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    phrases: [
      ...BUILD_ASKED(),
      // The thing wished to exist ("gostaria que tivesse", "quando vão ter"): with a feature noun only,
      // since "quando vão ter uma previsão?", "gostaria que tivesse mais gente no chat" ask the service.
      // Round 41: a word or a subject between ("gostaria muito que a plataforma tivesse", "queria mto que
      // o painel tivesse", "adoraria que vocês tivessem").
      ...['gostaria', 'queria', 'adoraria'].flatMap((wish) => [`${wish} * que * tivesse`, `${wish} * que * tivessem`]),
      // Round 45: the word between the wish and "que", none after ("queria muito que tivesse um relatório").
      ...['gostaria', 'queria', 'adoraria'].flatMap((wish) => [`${wish} * que tivesse`, `${wish} * que tivessem`]),
      // Round 45: whether they mean to launch it ("vcs tem previsão de lançar assinatura recorrente?").
      ...['lancar', 'ter', 'criar', 'implementar', 'colocar'].map((build) => `previsao de ${build}`),
      'quando vao ter',
      'quando vai ter',
      // "vai ter como vender por assinatura algum dia?": with a feature noun, never "vai ter como resolver hoje?".
      'vai ter como',
      'vao ter como',
      'voces vao ter',
      'a plataforma vai ter',
      'seria possivel ter',
      // Round 21: asked on behalf of the stores (an agency's "nossos clientes lojistas pedem …").
      'lojistas pedem integracao com',
      'clientes pedem integracao com',
      'poderiam colocar',
      'poderiam disponibilizar',
      'poderiam lancar',
      'podiam colocar',
      'gostaria que colocassem',
      'solicito a criacao',
      'solicito a implementacao',
      'solicitar a criacao',
      'solicitar a implementacao',
      // The plural imperative with the thing asked for ("incluam a opção", "coloquem um módulo");
      // bare, it is everyday speech ("coloquem alguém", "incluam meu caso", "lancem a correção").
      'incluam a',
      'incluam uma',
      'incluam um',
      'incluam o',
      'incluam os',
      'incluam as',
      'coloquem a',
      'coloquem uma',
      'coloquem um',
      'coloquem o',
      'coloquem os',
      'coloquem as',
      'disponibilizem a',
      'disponibilizem uma',
      'disponibilizem um',
      'disponibilizem o',
      'disponibilizem os',
      'disponibilizem as',
      'lancem uma',
      'lancem um',
      'oferecam a',
      'oferecam uma',
      'oferecam um',
      'disponibilizarem',
      'criarem',
      'implementarem',
      'adicionarem',
      'incluirem',
      'lancarem',
      'podiam fazer uma',
      'podiam fazer um',
      'poderiam fazer uma',
      'poderiam fazer um',
      'favor criar',
      'favor implementar',
      'tem como criar',
      'teria como criar',
      'teria como implementar',
      'da para criar',
      'quando vao lancar',
      // The future asked about ("vocês vão lançar um app?", "quando vai sair o aplicativo?"): with a
      // feature noun (requires), and never about something broken (unless).
      'vao lancar',
      'vai lancar',
      // Round 41: when it will be released or made available ("quando vão liberar a opção de vender no
      // atacado?", "vcs vão disponibilizar integração com o iFood?").
      ...['vao', 'vai'].flatMap((will) => [`${will} liberar`, `${will} disponibilizar`]),
      'quando vai sair',
      'quando vao sair',
      'quando sai',
      'van a lanzar',
      'van a sacar',
      // Round 41: "¿van a agregar la opción de…?", "¿van a incluir integración con Rappi?".
      'van a agregar',
      'van a incluir',
      // Round 46: the imperative straight before the noun, as chat writes it ("pfv coloquem opcao de agendar
      // entrega"); with an article it is listed above.
      ...['coloquem', 'incluam', 'criem', 'adicionem', 'disponibilizem'].flatMap((put) =>
        ['opcao', 'opcoes', 'funcao', 'botao', 'campo', 'filtro', 'relatorio', 'integracao'].map(
          (what) => `${put} ${what}`,
        ),
      ),
      'van a implementar',
      'van a anadir',
      'going to launch',
      'going to release',
      'will you launch',
      'will you release',
      'quando vao implementar',
      'previsao para ter',
      'previsao de lancamento',
      'roadmap',
      'pretendem lancar',
      'conseguem criar',
      'conseguem desenvolver',
      // A wish in the conditional, the thing named ("Seria possível ter um relatório por vendedor?").
      // "Acho que seria muito útil um app para acompanhar as vendas": with a feature noun (requires).
      ...['util', 'bom', 'otimo', 'legal', 'interessante'].flatMap((good) => [
        `seria * ${good} um`,
        `seria * ${good} uma`,
        `seria ${good} um`,
        `seria ${good} uma`,
      ]),
      // Round 52: the platform named between ("Seria legal a plataforma ter boleto parcelado para as minhas clientes").
      ...['util', 'bom', 'otimo', 'legal', 'interessante'].flatMap((good) =>
        ['a plataforma ter', 'o painel ter', 'o sistema ter', 'voces terem'].map((have) => `seria ${good} ${have}`),
      ),
      'seria possivel incluir',
      'e possivel criar',
      'da para voces criarem',
      'passe a oferecer',
      'passem a oferecer',
      'passar a oferecer',
      'passe a ter',
      'que voces facam',
      'criassem',
      'desenvolvessem',
      'implementassem',
      'fazerem um',
      'fazerem uma',
      // What the sender wishes the product let them do ("queria que desse pra vender por assinatura").
      'queria que desse',
      'gostaria que desse',
      'queria que fosse possivel',
      'gostaria que fosse possivel',
      // A suggestion of what the product should have ("sugiro que o painel tenha um relatório…").
      'sugiro que * tenha',
      'sugiro que * tivesse',
      'sugiro que * permita',
      'sugiro que * ofereca',
      'sugiro que coloquem',
      'sugiro criar',
      'sugiro colocar',
      'sugiro adicionar',
      // "Seria top se a plataforma tivesse um app", "vocês não pensam em lançar um app?", "dá pra
      // vocês colocarem a opção…": with a feature noun in the sentence (requires).
      'se a plataforma tivesse',
      'se a plataforma oferecesse',
      'se o painel tivesse',
      'se voces tivessem',
      'se voces oferecessem',
      // Round 53: what they would add ("seria bom se vocês colocassem um botão de WhatsApp no carrinho").
      ...['colocassem', 'adicionassem', 'incluissem', 'criassem', 'lancassem', 'implementassem', 'desenvolvessem'].map(
        (added) => `se voces ${added}`,
      ),
      'se a plataforma permitisse',
      // What the product should have or let the store do ("vocês deviam ter um chatbot",
      // "queria pedir que deixassem o campo CPF opcional"): with a feature noun (requires).
      // …or the integration right after it ("deveriam ter integração com a Shopee").
      ...SHOULD_HAVE().flatMap(([modals, next]) => modals.flatMap((should) => next.map((what) => `${should} ${what}`))),
      'que deixassem',
      'que permitissem',
      // An app of one's own store ("queria um aplicativo próprio da minha loja para iPhone").
      'aplicativo proprio',
      'app proprio',
      'deixar * opcional',
      'tornar * opcional',
      'pensam em lancar',
      'pensam em criar',
      'pensam em ter',
      'pensam em oferecer',
      'pretendem ter',
      'pretendem oferecer',
      'pensam em implementar',
      'colocarem a opcao',
      'colocarem uma opcao',
      'colocarem um',
      'colocarem uma',
      ...WISHED_IN_SPANISH(),
      'podrian crear',
      'podrian agregar',
      'podrian anadir',
      'podrian desarrollar',
      'podrian implementar',
      'podrian incluir',
      'pueden crear',
      'pueden agregar',
      'agreguen',
      'desarrollen',
      'could you build',
      'could you add',
      'could you create',
      'could you develop',
      'can you build',
      'can you add',
      'please add',
      'please build',
      'would be great to have',
      'would be awesome to have',
      'would be amazing to have',
      'would be cool to have',
      // "It would be great if you added a loyalty program feature": with a feature noun (requires).
      'would be great if',
      'would be nice if',
      'would be awesome if',
      'would love it if',
      'would be nice to have',
      'would love to have',
      'feature request',
      'any plans',
      // Round 41: the plan asked in the singular or with "there" ("is there any plan to support…",
      // "are there plans to add…").
      'any plan',
      'is there a plan',
      'are there plans',
      'do you plan',
      'are you planning',
      // Round 51: when it will be supported or integrated, asked straight ("when will you support multi-currency
      // checkout?", "When will the API support it?", "vcs vão integrar com shopee qdo?"), and what they must
      // make ("vcs tem q fazer um app pro lojista"): with a feature noun (requires), never something broken (unless).
      ...['when will you', 'when will the platform', 'when will the api', 'when are you going to'].flatMap((when) =>
        ['support', 'add', 'have', 'offer', 'integrate'].map((build) => `${when} ${build}`),
      ),
      ...['vao', 'vai'].flatMap((will) => [`${will} integrar`, `quando ${will} integrar`]),
      // The thing right after the verb: "vocês têm que fazer um estorno" is a service.
      ...['tem que', 'tinham que', 'precisam', 'deveriam', 'deviam'].flatMap((must) =>
        ['fazer um', 'fazer uma', 'criar um', 'criar uma'].flatMap((make) =>
          ['app', 'aplicativo', 'integracao', 'relatorio', 'botao', 'modulo', 'recurso', 'ferramenta', 'opcao'].map(
            (what) => `voces ${must} ${make} ${what}`,
          ),
        ),
      ),
    ],
    requires: FEATURE_NOUNS(),
    // Round 51: what is back, not new ("When will the API support be back?").
    unless: [...NOT_ASKING(), ...BROKEN(), ...ASKS_THE_SERVICE(), ...ASIDE(), 'be back', 'come back', 'working again'],
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND()],
  },
  {
    id: 'scope.feature.build',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    // Round 38: the same wish for something built, the thing named in everyday words no feature noun
    // lists ("vocês poderiam criar um programa de fidelidade?", "sugiro que criem um programa de
    // cashback", "vocês podem implementar venda em várias moedas?"). Only without a feature noun
    // (scope.feature.request reads those), and never a service done for her: her account, her charge,
    // the support ("podem criar um usuário para minha funcionária?", "implementem um atendimento decente").
    phrases: [
      ...BUILD_ASKED(),
      // What the product should do ("a plataforma deveria emitir nota fiscal automaticamente", "o
      // painel deveria mostrar o lucro de cada pedido"): here only, since with a noun it is as often
      // what failed ("o painel deveria mostrar o relatório de ontem, mas não abre").
      ...['a plataforma', 'o painel', 'o sistema', 'o sistema de voces'].flatMap((what) =>
        ['deveria', 'devia'].map((should) => `${what} ${should}`),
      ),
      // Round 51: what it should start doing ("Solicitamos que a plataforma passe a oferecer tabela de preços
      // para atacadistas").
      ...['a plataforma', 'o painel', 'o sistema'].flatMap((what) =>
        ['passe a', 'passasse a', 'comece a', 'comecasse a'].map((start) => `que ${what} ${start}`),
      ),
      // Round 52: the same in the infinitive, as Portugal asks it ("seria possível a plataforma passar a emitir
      // faturas com o NIF?", "o sistema passar a calcular o IVA por país").
      ...['a plataforma', 'o painel', 'o sistema'].flatMap((what) =>
        ['passar a', 'comecar a'].map((start) => `${what} ${start}`),
      ),
      // Round 42: the wish to have, in English and Spanish ("It would be great if the platform had a loyalty
      // points program", "sería genial que la plataforma tuviera venta por suscripción").
      // Round 52: loved, and what it would support or offer ("We would love it if the platform supported B2B
      // price lists").
      ...[
        'would be great if',
        'would be nice if',
        'would be awesome if',
        'would love it if',
        'i wish',
        'we wish',
      ].flatMap((wish) =>
        [
          ...['the platform had', 'you had', 'you guys had', 'the platform supported', 'you supported', 'you offered'],
          // Round 53: what the platform itself would offer or allow ("if the platform offered gift cards").
          ...['the platform offered', 'the platform allowed', 'you allowed'],
        ].map((had) => `${wish} ${had}`),
      ),
      ...['seria genial que', 'seria bueno que', 'ojala'].flatMap((wish) =>
        ['la plataforma tuviera', 'ustedes tuvieran', 'tuvieran'].map((had) => `${wish} ${had}`),
      ),
      ...WISHED_IN_SPANISH(),
    ],
    unless: [
      ...FEATURE_NOUNS(),
      ...NOT_ASKING(),
      ...BROKEN(),
      ...ASKS_THE_SERVICE(),
      ...ABOUT_THE_SERVICE(),
      ...ASIDE(),
      ...BILLING_WORDS(),
      ...[
        'meu',
        'minha',
        'meus',
        'minhas',
        'me',
        'para mim',
        'conta',
        'usuario',
        'login',
        'senha',
        'acesso',
        'cadastro',
      ],
      // "Criem vergonha na cara": no product.
      'vergonha',
      // What it should have done, or do and does not ("deveria ter avisado", "deveria funcionar",
      // "deveria mostrar os pedidos, mas não aparecem"): a complaint.
      ...['deveria ter', 'devia ter', 'funcionar', 'mas', 'porem', 'so que'],
      // Round 42: the English wish about the service or the past ("if you had answered my emails", "I wish
      // there was someone in the chat", "if the platform had worked"), and her own things.
      ...['my', 'someone', 'somebody', 'anyone', 'support', 'chat', 'human', 'agent', 'but'],
      ...['phone', 'follow-up', 'follow up', 'reply', 'replies', 'answer*', 'response*', 'team', 'ticket*'],
      ...['case', 'cases', 'respuesta*', 'atencion', 'telefono'],
      ...['people', 'person', 'staff', 'agents', 'personas', 'gente', 'persona'],
      ...[
        'answered',
        'replied',
        'responded',
        'worked',
        'been',
        'told',
        'warned',
        'informed',
        'fixed',
        'solved',
        'resolved',
        'helped',
        'explained',
        'done',
        'called',
        'sent',
        'listened',
      ].map((done) => `had ${done}`),
      ...['mi', 'mis', 'alguien', 'soporte', 'funcionado', 'respondido', 'avisado'],
    ],
    // Round 52: the invoices it would start to issue are a capability, not her bill ("passar a emitir faturas com
    // o NIF"); "a plataforma deveria emitir minha fatura" is still hers.
    unlessExceptIn: [
      ...['passar a', 'passe a', 'passasse a', 'comecar a', 'comece a', 'comecasse a'].flatMap((start) =>
        ['fatura*', 'nota fiscal', 'notas fiscais', 'nf*', 'recibo*', 'factura*'].map(
          (what) => `${start} emitir ${what}`,
        ),
      ),
      // Round 53: the Spanish wish's own "me" ("Me encantaría que agregaran el pago en OXXO") is not hers to
      // be done to; "me encantaría que me devolvieran…" still is.
      'me encantaria que',
      'me gustaria que',
    ],
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND()],
  },
  {
    id: 'scope.feature.suggestion',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    phrases: [
      // Round 26: if it does not exist, put it in ("se não tiver, coloquem", "se não tem como…,
      // coloquem isso"); can you build one; the platform needs one; a feature wished for by name.
      // The comma after the condition stays in the text the rules read: each form is written with it too.
      ...['se nao tiver', 'se nao tem', 'se nao existir']
        .flatMap((ifNot) => [ifNot, `${ifNot},`])
        .flatMap((ifNot) => [`${ifNot} * coloquem`, `${ifNot} * criem`, `${ifNot} * implementem`, `${ifNot} * facam`]),
      // Round 34: the thing asked about in the question before, then asked for if it is missing
      // ("Vocês têm integração com o Olist? Se não tiverem, podem desenvolver?", "Caso não tenha,
      // teria como criar?"). The ask follows the condition at once (or after "vocês"): with words
      // between, the condition is about something else ("se não tiverem estoque, podem criar um aviso").
      // ("caso não tenha", "se não tiverem", "caso não exista" read as these: PHRASE_REWRITES).
      ...['se nao tiver', 'se nao tem', 'se nao existir']
        .flatMap((ifNot) => [ifNot, `${ifNot},`])
        .flatMap((ifNot) =>
          ['podem', 'poderiam', 'podiam', 'conseguem', 'teria como', 'tem como'].flatMap((ask) =>
            // Building, or adding what was asked about ("adicioná-la"); never a bare "adicionar", which
            // asks the support to do something ("caso não tenha, podem adicionar meu sócio?").
            ['criar', 'desenvolver', 'implementar', 'adiciona-la', 'adiciona-lo'].flatMap((build) => [
              `${ifNot} ${ask} ${build}`,
              `${ifNot} voces ${ask} ${build}`,
            ]),
          ),
        ),
      // Round 42: if it is missing, whether they mean to build it ("Tem integração com o Melhor Envio? Se não
      // tiver, vocês pensam em fazer?", "dá pra emitir nota pela plataforma? se não der, tem previsão?"):
      // the question before names the feature, this one asks for it. At once after the condition, as above
      // ("se não der certo, vão fazer o estorno?" asks the service, not a feature).
      ...['se nao tiver', 'se nao tem', 'se nao existir', 'se nao der']
        .flatMap((ifNot) => [ifNot, `${ifNot},`])
        .flatMap((ifNot) =>
          [
            'pensam em fazer',
            'pensam em criar',
            'pensam em ter',
            'pensam em colocar',
            'pretendem fazer',
            'pretendem ter',
            'pretendem colocar',
            'planejam fazer',
            'planejam ter',
            'vao fazer',
            'vao ter',
            'vai ter',
            'tem previsao',
            'ha previsao',
            'existe previsao',
            'esta nos planos',
            'estao nos planos',
          ].flatMap((plan) =>
            // Asked indirectly, as a dictated "queria saber se tem X e se não tiver se vocês pretendem fazer".
            ['', 'voces ', 'se ', 'se voces '].map((who) => `${ifNot} ${who}${plan}`),
          ),
        ),
      // Round 42: the same in English and Spanish ("Do you support selling in US dollars? If not, are you
      // planning to?", "¿Venden por suscripción? Si no, ¿piensan hacerlo?"); "to" is read as "estou" once
      // words are canonical, so the phrases stop before it.
      ...['if not,', "if you don't,", 'if you do not,'].flatMap((ifNot) =>
        ['are you planning', 'do you plan', 'will you build', 'is it on the roadmap', 'any plans'].map(
          (plan) => `${ifNot} ${plan}`,
        ),
      ),
      ...['si no,', 'si no tienen,', 'si no tienen'].flatMap((ifNot) =>
        ['piensan hacerl*', 'piensan agregarl*', 'piensan crearl*', 'tienen previsto', 'esta en sus planes'].map(
          (plan) => `${ifNot} ${plan}`,
        ),
      ),
      // The same in English and Spanish ("Do you support subscriptions? If not, could you add it?",
      // "¿Tienen X? Si no, ¿pueden agregarlo?", the pronoun joined to the verb); a bare "if not"/"si no" only before its comma.
      ...['if not,', "if you don't,", 'if you do not,', "if it doesn't exist,", 'if it does not exist,'].flatMap(
        (ifNot) =>
          ['could you', 'can you', 'would you'].flatMap((ask) =>
            ['add it', 'add this', 'add that', 'build', 'create', 'develop', 'implement'].map(
              (build) => `${ifNot} ${ask} ${build}`,
            ),
          ),
      ),
      ...['si no,', 'si no tienen', 'si no tienen,', 'si no existe', 'si no existe,'].flatMap((ifNot) =>
        ['pueden', 'podrian'].flatMap((ask) =>
          ['agregarl', 'crear', 'desarrollar', 'implementar', 'anadirl'].map((build) => `${ifNot} ${ask} ${build}*`),
        ),
      ),
      'tem como voces desenvolverem',
      'tem como voces criarem',
      'tem como voces fazerem',
      'a plataforma precisa * de uma integracao',
      'a plataforma precisa * de um recurso',
      'queria muito um recurso',
      'queria muito uma funcionalidade',
      'queria muito uma integracao',
      'nao tem como colocar um',
      'nao tem como colocar uma',
      'sugestao de melhoria',
      'sugestoes de melhoria',
      'sugestao de funcionalidade',
      'sugestao de nova funcionalidade',
      'sugerir uma melhoria',
      'sugerir melhoria*',
      'sugerir * funcionalidade*',
      'sugerir * recurso*',
      'sugiro * funcionalidade*',
      'sugiro * recurso*',
      'sugerir que a plataforma tenha',
      'sugerir que a plataforma tivesse',
      'sugerir que a plataforma permita',
      'sugerir que a plataforma permitisse',
      'sugerir que a plataforma ofereca',
      'sugiro que a plataforma tenha',
      'sugiro que a plataforma tivesse',
      'sugiro que a plataforma permita',
      'sugiro que a plataforma ofereca',
      'pedido de melhoria',
      'solicitacao de melhoria',
      'pedido de funcionalidade',
      'solicitacao de funcionalidade',
      'nova funcionalidade',
      'novas funcionalidades',
      'seria otimo se a plataforma',
      // What one wishes one could do ("seria legal se desse para agendar promoções", "seria ótimo
      // poder editar o pedido", round 34: "seria top se tivesse como mandar msg no whats"); a
      // request to the service is ABOUT_THE_SERVICE (unless).
      ...[
        'legal',
        'bom',
        'otimo',
        'interessante',
        'util',
        'top',
        'maravilhoso',
        'show',
        'massa',
        'incrivel',
        'perfeito',
        'excelente',
        'bacana',
      ].flatMap((good) => [
        `seria ${good} se tivesse`,
        `seria ${good} ter`,
        `seria ${good} se desse para`,
        `seria ${good} se fosse possivel`,
        `seria ${good} poder`,
        // An adverb between ("seria muito bom se desse para editar o pedido").
        `seria * ${good} se desse para`,
        `seria * ${good} se fosse possivel`,
        `seria * ${good} poder`,
      ]),
      // A word or two between ("seria muito bom se o painel tivesse modo escuro").
      // An adverb between ("seria muito bom ter um app do painel").
      'seria * bom ter',
      'seria * otimo ter',
      'seria * legal ter',
      'seria * interessante ter',
      'seria * util ter',
      'seria * bom se * tivesse',
      'seria * otimo se * tivesse',
      'seria * legal se * tivesse',
      'seria * interessante se * tivesse',
      'falta a opcao',
      'falta uma opcao',
      // Where it is missing, between ("falta na plataforma a opção de vender por assinatura").
      'falta * a opcao',
      'falta * uma opcao',
      'falta * a funcionalidade',
      'falta opcao',
      'falta a funcao',
      'falta uma funcao',
      'falta uma funcionalidade',
      'falta a funcionalidade',
      'falta um recurso',
      'nao existe a opcao',
      'nao existe opcao',
      'nao existe uma opcao',
      'nao existe a funcao',
      'nao existe funcionalidade',
      'nao existe essa funcionalidade',
      'nao existe essa opcao',
      'nao tem a opcao',
      'nao tem opcao',
      'nao tem uma opcao',
      'nao tem a funcao',
      'nao tem essa funcionalidade',
      'nao tem essa opcao',
      'nao ha opcao',
      'nao ha a opcao',
      'nao ha uma opcao',
      'nao possui a opcao',
      'nao possui opcao',
      'nao possui essa funcionalidade',
      'nao oferece a opcao',
      'nao oferece opcao',
      'deveria ter a opcao',
      'deveria ter uma opcao',
      'deveria existir',
      // What the product should let one do ("deveria ter como cadastrar produtos em lote"), and why
      // it does not ("por que a plataforma não tem carrinho abandonado?"); the service asked for is
      // ABOUT_THE_SERVICE (unless).
      'deveria ter como',
      // The wish in the subjunctive, whatever the subject ("gostaria que o sistema permitisse vender
      // por assinatura", "queria que o painel oferecesse…"); the service asked for is ABOUT_THE_SERVICE.
      ...['gostaria', 'gostariamos', 'queria', 'queriamos'].flatMap((wish) =>
        ['permitisse', 'permitissem', 'oferecesse', 'oferecessem'].map((verb) => `${wish} que * ${verb}`),
      ),
      // What is missing, named right after "não tem" ("a API não tem endpoint para estoque em massa").
      ...['nao tem', 'nao possui'].flatMap((lacks) =>
        [
          'endpoint',
          'um endpoint',
          'funcao de',
          'recurso de',
          'filtro por',
          'filtro de',
          'relatorio de',
          'relatorio por',
        ].map((what) => `${lacks} ${what}`),
      ),
      'sinto falta de poder',
      'faz falta poder',
      'deveriam ter como',
      'devia ter como',
      'deveria dar para',
      'deveria ser possivel',
      ...['por que', 'porque'].flatMap((why) => [`${why} a plataforma nao tem`, `${why} voces nao tem`]),
      'deveriam ter a opcao',
      'deveriam criar',
      'deveriam implementar',
      'ainda nao existe',
      'nao existe ainda',
      'hoje nao existe',
      'hoje isso nao existe',
      'seria bueno tener',
      // Round 45: what she wishes to do, in Spanish ("Sería bueno poder exportar los pedidos a Excel.").
      ...['seria bueno', 'estaria bueno', 'seria genial', 'seria util', 'seria ideal'].map((good) => `${good} poder`),
      // Round 45: what the store should be let do ("deviam deixar o lojista editar o e-mail do pedido").
      ...['deviam', 'deveriam', 'devia', 'deveria', 'podiam', 'poderiam'].flatMap((should) =>
        ['o lojista', 'os lojistas', 'a gente', 'a loja'].map((who) => `${should} deixar ${who}`),
      ),
      'seria bueno que',
      'seria genial que',
      'seria ideal que',
      'estaria bueno que',
      'estaria bueno tener',
      'seria genial tener',
      'seria util tener',
      'no existe la opcion',
      'hoy no existe',
      'falta la opcion',
      'nueva funcionalidade',
      // "Do you support selling in multiple currencies? If not, please consider adding it."
      'consider adding',
      "doesn't exist yet",
      'does not exist yet',
      "isn't available yet",
      'new feature',
      // Round 46: a programme for her buyers, wished for ("queria muito que tivesse cashback pros meus clientes",
      // "gostaria que a plataforma tivesse programa de fidelidade"): no feature noun (scope.feature.request's),
      // her buyers allowed (scope.feature.build vetoes "meus"); never "pensei que tivesse cashback no plano".
      ...['gostaria', 'queria', 'adoraria', 'seria bom', 'seria otimo'].flatMap((wish) =>
        ['* que tivesse', '* que * tivesse'].flatMap((had) =>
          ['cashback', 'programa de pontos', 'programa de fidelidade', 'vale presente', 'gift card'].map(
            (scheme) => `${wish} ${had} ${scheme}`,
          ),
        ),
      ),
    ],
    // A suggestion about the service, not the product ("sugestão de melhoria para o suporte",
    // "seria bom ter uma resposta") comes with a complaint the office takes.
    // Nor is a missing way to reach a person ("não tem opção de falar com humano, só robô").
    unless: [
      ...NOT_ASKING(),
      ...BROKEN(),
      ...ABOUT_THE_SERVICE(),
      ...ASIDE(),
      'respuesta',
      'soporte',
      // Round 42: the service in English ("if not, are you planning to answer it at all?").
      ...['answer*', 'reply', 'replies', 'respond*', 'ticket*', 'someone', 'anyone', 'agent*'],
      'humano',
      'humana',
      'robo',
      'falar com uma pessoa',
      'falar com alguem',
      // What should have happened, not a wish ("seria perfeito se tivesse dado certo a migração"):
      // "se tivesse" before a participle is the past that went wrong.
      ...['se tivesse', 'se tivessem'].flatMap((had) =>
        [
          'dado',
          'sido',
          'feito',
          'funcionado',
          'avisado',
          'resolvido',
          'respondido',
          'migrado',
          'corrigido',
          'atendido',
          'cumprido',
          'entregue',
          'dito',
          'ajudado',
          'explicado',
          'informado',
        ].map((done) => `${had} ${done}`),
      ),
    ],
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND()],
  },
  {
    id: 'scope.feature.suggestion-closing',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    // The closing stands in its own sentence ("… integrar com o MB Way. Fica a sugestão."): the idea
    // before it is the product's. It counts only in a message with no complaint about the service,
    // nothing broken and no aside ("o suporte não responde. Fica a sugestão: contratem mais gente").
    phrases: [
      'fica a sugestao',
      'fica aqui a sugestao',
      'fica ai a sugestao',
      'fica a minha sugestao',
      // "Vocês têm loja multi-idioma? Se não, pensem nisso."
      'pensem nisso',
      'pensem com carinho',
      'fica a dica',
      'deixo a sugestao',
      'deixo aqui a sugestao',
      'deixo minha sugestao',
      'deixo aqui minha sugestao',
      // Round 44: "Fica aqui minha sugestão: deixar escolher a data de entrega no checkout."
      ...['fica aqui minha sugestao', 'fica minha sugestao', 'segue minha sugestao', 'aqui vai minha sugestao'],
      'queda la sugerencia',
      'dejo la sugerencia',
      'les dejo la sugerencia',
    ],
    unless: [...NOT_ASKING(), ...ABOUT_THE_SERVICE(), ...ASIDE()],
    unlessInMessage: [...ABOUT_THE_SERVICE(), ...ASKS_THE_SERVICE(), ...BROKEN(), ...USED_TO_WORK(), ...ASIDE()],
  },
  {
    id: 'scope.feature.suggestion-label',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    // The idea headed as one, the way a form's description or a short mail puts it ("Sugestão:
    // permitir cupom por categoria", "Ideia: deixar o cliente escolher a data de entrega", "Minha
    // sugestão é ter um app"): the same bounds as the closing's, for the same reasons ("Sugestão:
    // contratem mais atendentes" is about the service; "Sugestão: voltem o filtro que funcionava").
    phrases: [
      ...['sugestao', 'uma sugestao', 'minha sugestao', 'ideia', 'uma ideia', 'minha ideia'].flatMap((label) => [
        `${label}:`,
        `${label} -`,
      ]),
      ...['minha sugestao', 'a minha sugestao', 'minha ideia', 'a minha ideia'].flatMap((mine) => [
        `${mine} e`,
        `${mine} seria`,
      ]),
      'sugerencia:',
      'idea:',
      'suggestion:',
      'feature request:',
    ],
    unless: [...NOT_ASKING(), ...ABOUT_THE_SERVICE(), ...ASIDE()],
    unlessInMessage: [...ABOUT_THE_SERVICE(), ...ASKS_THE_SERVICE(), ...BROKEN(), ...USED_TO_WORK(), ...ASIDE()],
  },
  {
    id: 'scope.feature.integration',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    phrases: [
      'integracao com',
      'integracoes com',
      'integracao nativa',
      'integracao direta',
      // Round 40: "vocês não têm uma integração oficial com o Mercado Livre?".
      'integracao oficial com',
      'integracoes oficiais com',
      'integracao ao',
      'integracao a',
      'integracao para',
      'integracao do',
      'integracao da',
      'integrar com',
      'integrar a loja com',
      'integrar minha loja com',
      // The wish in the subjunctive ("queria que a plataforma integrasse com o Tiny").
      ...['integrasse', 'integrassem'].flatMap((verb) => ['com', 'ao', 'a', 'o'].map((to) => `${verb} ${to}`)),
      'integrada com',
      'integrado com',
      'nao integra com',
      'nao integra ao',
      'integracion con',
      'integration with',
    ],
    requires: [
      'oferecer',
      'seria possivel',
      'precisamos de uma',
      'preciso de uma',
      'precisava de uma',
      'no existe',
      'existe integracao',
      'ha integracao',
      'teria integracao',
      'tera integracao',
      'vao ter',
      'vai ter',
      'quando * vao',
      'quando * vai',
      'podrian',
      'van a tener',
      'vai a tener',
      'tendran',
      'piensan',
      'no tienen',
      'no hay',
      'would like',
      'roadmap',
      'any plans',
      'do you plan',
      'are you planning',
      "doesn't exist",
      'does not exist',
      'could you',
      'please add',
      'nao existe',
      'nao existem',
      'nao tem',
      'nao ter',
      'nao temos',
      'nao possui',
      'nao possuem',
      'nao possuir',
      'nao oferece',
      'nao oferecem',
      'nao ha',
      'nao integra',
      'nao disponibiliz*',
      'falta',
      'faltando',
      'sem integracao',
      'poderiam',
      'podiam',
      // Round 55: asked in the present ("vcs podem integrar minha loja com o Instagram Shopping?"); never
      // "vcs podem ver a integração com o Bling?", one she has.
      'voces podem integrar',
      'voces conseguem integrar',
      'gostaria que',
      'queria que',
      'quero que',
      'quando vao',
      'quando vai',
      'pretendem',
      'previsao',
      'seria otimo',
      'seria bom',
      'seria interessante',
      'criar',
      'criem',
      'desenvolver',
      'desenvolvam',
      'implementar',
      'implementem',
      // Wished for, the integration named right after ("gostaria de integração com o Tiny", "queria
      // uma integração com a Shopee"); "preciso de ajuda com a integração" is no wish for a new one.
      ...[
        'gostaria de',
        'gostariamos de',
        'queria',
        'queriamos',
        'quero',
        'queremos',
        'preciso de',
        'precisamos de',
      ].flatMap((want) => [`${want} integracao`, `${want} uma integracao`]),
      // Round 49: the same wish in Spanish, and the platform wished to have it ("Necesito que tengan
      // integración con Andreani", "Necesitamos la integración con DAC", "preciso que tenham integração
      // com a Jadlog"); "necesito ayuda con la integración" is no wish for a new one.
      ...[
        'necesito',
        'necesitamos',
        'quiero',
        'queremos',
        'quisiera',
        'quisieramos',
        'me gustaria',
        'nos gustaria',
      ].flatMap((want) => [`${want} integracion`, `${want} la integracion`, `${want} una integracion`]),
      ...['que tenham', 'que tengan', 'que agreguen', 'que adicionem', 'que incluyan'].map(
        (have) => `${have} integra*`,
      ),
      // Suggested ("gostaria de sugerir a integração com a Amazon", "sugiro integração com o Omie").
      'sugerir',
      'sugiro',
      'sugestao',
      'absurdo',
      'inadmissivel',
    ],
    unless: [...NOT_ASKING(), ...BROKEN(), ...ASKS_THE_SERVICE(), ...ASIDE()],
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND(), ...SAYS_IT_EXISTS()],
  },
  {
    id: 'scope.feature.integration-question',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    // Asked of the platform (vocês, a plataforma, ustedes, you): "a loja tem integração com o Bling"
    // is the store's own, in use. The question mark is a sentence break the engine does not keep, so
    // the message must ask nothing else of the office: nothing broken or that used to work, no
    // integration already in use (JA_EM_USO), no word about the support or its answer.
    phrases: [
      'voces tem integracao',
      'voces tem alguma integracao',
      // Round 44: the integration wished, then asked ("Quero integrar minha loja com o Magalu, vocês têm?").
      ...['quero', 'queria', 'gostaria de', 'preciso'].map((want) => `${want} integrar minha loja com * voces tem`),
      // Round 41: an API asked for ("vocês têm API para integrar com meu ERP próprio?").
      ...['voces tem', 'voces possuem', 'voces oferecem', 'a plataforma tem', 'a plataforma possui', 'existe'].flatMap(
        (has) => [`${has} api`, `${has} uma api`, `${has} alguma api`],
      ),
      'do you have an api',
      'do you offer an api',
      'voces possuem integracao',
      'voces possuem alguma integracao',
      'voces oferecem integracao',
      'voces fazem integracao',
      'voces integram com',
      'voces integram a',
      'voces integram o',
      'a plataforma tem integracao',
      'a plataforma possui integracao',
      'a plataforma integra com',
      'ustedes tienen integracion',
      'ustedes tienen alguna integracion',
      'ustedes integran con',
      'tienen integracion con',
      // Round 43: with "alguna", and an API asked for ("¿tenés alguna integración con Tiendanube?", "¿tenés API
      // para integrar mi ERP?": the voseo reads as "tienen").
      'tienen alguna integracion',
      ...['tienen api', 'tienen una api', 'tienen alguna api'],
      'do you have * integration',
      'do you integrate with',
      // Round 40: whether it can be done at all ("tem como integrar com o iFood?", "dá pra integrar com o Tiny?").
      ...['tem como', 'da para', 'e possivel', 'existe como'].map((can) => `${can} integrar`),
      // Asked where it is ("cadê a integração com o TikTok Shop?"): one she had, gone, is BROKEN.
      ...['cade a integracao', 'cade integracao'].flatMap((where) => ['com', 'do', 'da'].map((to) => `${where} ${to}`)),
    ],
    // A contrast in the same sentence is a complaint about it ("vocês têm integração com o Bling, mas
    // os pedidos não entram").
    unless: [...NOT_ASKING(), 'mas', 'porem', 'so que', 'pero', 'but'],
    unlessInMessage: [...BROKEN(), ...USED_TO_WORK(), ...IN_USE(), ...ABOUT_THE_SERVICE(), ...ASKS_THE_SERVICE()],
  },
  {
    id: 'scope.feature.missing-complaint',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    phrases: [
      'absurdo * nao ter',
      'absurdo * nao tem',
      'absurdo * nao possuir',
      'absurdo * nao existir',
      'inadmissivel * nao ter',
      'inadmissivel * nao tem',
      'como pode * nao ter',
      'como pode * nao tem',
      'como assim * nao tem',
      'ate hoje nao tem',
      // The thing named as missing ("falta um relatório de vendas por vendedor", "sinto falta de um filtro").
      'falta um',
      'falta uma',
      'sinto falta de um',
      'sinto falta de uma',
      'faz falta um',
      'faz falta uma',
      'ate hoje nao ter',
      'ate hoje nao existe',
      'ate hoje nao possui',
      'ainda nao tem',
      'ainda nao possui',
      'ainda nao existe',
      'ainda nao oferece',
      'ainda nao oferecem',
      'todas as plataformas tem',
      'todas as outras plataformas tem',
      'toda plataforma tem',
      'outras plataformas tem',
      'outras plataformas ja tem',
      'concorrente tem',
      'concorrentes tem',
      'a concorrencia tem',
    ],
    // Round 40: what is missing named by what it does ("um absurdo a plataforma não ter emissão de
    // nota fiscal integrada").
    requires: [...FEATURE_NOUNS(), 'emissao de nota*', 'emissor de nota*', 'integrada', 'integrado'],
    unless: [
      ...NOT_ASKING(),
      ...BROKEN(),
      'previsao',
      'resposta',
      'retorno',
      'solucao',
      'solucionado',
      'resolvido',
      'prazo',
      'acesso',
      ...ASIDE(),
    ],
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND()],
  },
  {
    id: 'scope.feature.demand',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    // A feature demanded rather than asked for, often with no feature noun ("Vocês não integram com o
    // Tiny. Quero que integrem.", "Isso é básico, coloquem logo.", "Por que não existe app para
    // iPhone?"): the message must say what the platform lacks (requiresInMessage).
    phrases: [
      // Round 48: needed, or wanted by the team ("preciso que criem esse campo", "queremos que integrem").
      ...['quero que', 'exijo que', 'peco que', 'preciso que', 'precisamos que', 'queremos que'].flatMap((want) =>
        ['desenvolvam', 'implementem', 'integrem', 'criem', 'coloquem', 'incluam', 'adicionem'].map(
          (v) => `${want} ${v}`,
        ),
      ),
      // Round 48: the thing named in one sentence, asked for in the next by "isso" ("Precisamos de um
      // endpoint na API para os carrinhos abandonados. Quando vocês vão disponibilizar isso?").
      ...['vao', 'vai', 'pretendem', 'podem', 'poderiam'].flatMap((will) =>
        ['disponibilizar', 'lancar', 'liberar', 'implementar', 'criar', 'desenvolver', 'oferecer'].map(
          (v) => `${will} ${v} isso`,
        ),
      ),
      ...['precisam', 'tem que'].flatMap((must) =>
        ['implementar', 'desenvolver', 'criar'].map((v) => `voces ${must} ${v}`),
      ),
      'peca o desenvolvimento',
      'pecam o desenvolvimento',
      'solicito o desenvolvimento',
      'plataforma deveria permitir',
      'plataforma devia permitir',
      'plataforma precisa permitir',
      'preciso que a plataforma tenha',
      'coloquem isso',
      'coloquem logo',
      'isso e basico',
      'quando vai ter isso',
      'por que nao existe',
      'porque nao existe',
      'absurdo * nao permitir',
      'absurdo * nao deixar',
    ],
    requiresInMessage: [
      ...FEATURE_NOUNS(),
      'nao existe',
      'nao tem',
      'nao possui',
      'nao oferece*',
      'nao permite',
      'nao permitir',
      'nao da para',
      'nao integram',
      'deveria permitir',
      'tenha',
      'hoje nao da',
    ],
    // What is gone ("por que não existe mais a minha loja?") was there: something broke.
    unless: [
      ...NOT_ASKING(),
      ...BROKEN(),
      ...ABOUT_THE_SERVICE(),
      ...ASKS_THE_SERVICE(),
      ...ASIDE(),
      'nao existe mais',
      'nao tem mais',
    ],
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND()],
  },
  {
    id: 'scope.feature.follow-up',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    stage: 'feature',
    trigger: 'text',
    // Round 52: when it comes or whether it is planned, asked bare of the feature the sentence before named
    // ("Vocês têm integração com o Bling? Quando vão ter?", "A plataforma ainda não aceita MB Way. Há
    // previsão?", "Your platform does not offer subscription products. Any plans?"). Each ask with the
    // words that may close it first: the first phrase found must end the sentence.
    phrases: FOLLOW_UP_ASKS(),
    namedBefore: [...FEATURE_NOUNS(), ...LACKS_OR_WISHED()],
    // What broke, the service, her sign-in, a day's failure: "A integração com o Bling parou. Tem previsão?".
    unless: [
      ...NOT_ASKING(),
      ...BROKEN(),
      ...ASKS_THE_SERVICE(),
      ...ABOUT_THE_SERVICE(),
      ...ASIDE(),
      ...['entrar', 'acessar', 'acesso', 'login', 'logar', 'senha', 'ontem', 'hoje', 'desde', 'de novo', 'voltar'],
      ...['volta', 'resolver', 'solucao', 'corrigir', 'arrumar', 'consertar', 'fix', 'back', 'solucionar*'],
      // What fails where it exists ("O app não abre no meu celular. Tem previsão?").
      ...['nao abre', 'nao abrem', 'nao carrega', 'nao funciona', 'nao aparece', 'nao mostra', 'sumi*', 'erro*'],
      ...['trava*', 'lento', 'lenta', 'bug*', 'falha*', 'not working', "doesn't work", 'error*', 'no funciona'],
      // A charge of ours ("Fui cobrada pela integração que cancelei. Tem previsão?"): a billing matter.
      ...['cobr*', 'estorn*', 'reembols*', 'debit*', 'charged', 'refund*'],
    ],
    // A message that tells of something broken or of the service may ask when that is fixed ("Seria ótimo ter venda
    // por assinatura; existe previsão? … o painel trava ao abrir os pedidos"): as the closing suggestion reads it.
    unlessInMessage: [...USED_TO_WORK(), ...PUT_SECOND(), ...BROKEN(), ...ABOUT_THE_SERVICE(), ...ASKS_THE_SERVICE()],
  },

  // 5. Prior ticket (signals from the ticket check).
  {
    id: 'ticket.valid',
    outcome: 'ACCEPTED',
    stage: 'ticket',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'ticket.unverified',
    outcome: 'ACCEPTED',
    stage: 'ticket',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'ticket.invalid',
    outcome: 'TICKET_INVALID',
    stage: 'ticket',
    trigger: 'signal',
    phrases: [],
  },
  {
    id: 'ticket.none',
    outcome: 'NO_PRIOR_TICKET',
    stage: 'ticket',
    trigger: 'signal',
    phrases: [],
  },

  // 6. No prior ticket: where to go instead. Access first, then billing.
  {
    id: 'topic.access.blocked-user',
    outcome: 'ACCESS_ISSUE',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      'usuario bloqueado',
      'usuario esta bloqueado',
      'usuario foi bloqueado',
      'meu usuario * bloque*',
      // Round 49: a team, an agency or a company writes in the plural ("Bloquearam nosso acesso ao
      // painel", "nosso usuário de acesso ao painel foi bloqueado").
      'nosso usuario * bloque*',
      ...[
        'nosso acesso',
        'o nosso acesso',
        'nosso usuario',
        'o nosso usuario',
        'nossa conta',
        'a nossa conta',
        'nosso login',
      ].map((ours) => `bloquearam ${ours}`),
      'bloquearam meu acesso',
      'bloquearam o meu acesso',
      'bloquearam meu usuario',
      'bloquearam minha conta',
      'bloquearam o acesso',
      'acesso bloqueado',
      'acesso foi bloqueado',
      'acesso esta bloqueado',
      'conta bloqueada',
      'conta esta bloqueada',
      'conta foi bloqueada',
      // "conta de utilizador" once read as Brazil writes it: the user account of the panel.
      'conta de usuario * bloquead*',
      // The panel's administrator account ("minha conta de administrador foi bloqueada").
      'conta de administrador * bloquead*',
      'conta de admin * bloquead*',
      'conta de usuario bloquead*',
      'login bloqueado',
      'bloqueado por inatividade',
      'bloqueada por inatividade',
      'bloqueio por inatividade',
      'inatividade',
      'usuario inativo',
      'usuario inativado',
      'conta inativa',
      'conta inativada',
      'desativaram meu usuario',
      'usuario desativado',
      // The account or store switched off ("minha conta foi desativada sem aviso").
      ...['conta', 'loja', 'acesso', 'login'].flatMap((what) =>
        ['desativad*', 'desabilitad*'].flatMap((off) => [
          `${what} foi ${off}`,
          `${what} esta ${off}`,
          `${what} ${off}`,
        ]),
      ),
      'desativaram minha conta',
      ...['cuenta fue desactivada', 'cuenta desactivada', 'tienda fue desactivada'],
      ...['account', 'store'].flatMap((what) => [
        `${what} was deactivated`,
        `${what} has been deactivated`,
        `${what} was disabled`,
        `${what} has been disabled`,
      ]),
      'desativaram a minha conta',
      'desativaram minha loja',
      'desativaram a minha loja',
      'usuario * inativ*',
      // "meu usuário não funciona mais, diz que está desativado".
      'usuario desativad*',
      'usuario * desativad*',
      'usuario * * desativad*',
      'reativar meu usuario',
      'reativar o meu usuario',
      'reativar o usuario',
      'reativar meu acesso',
      'reativar meu login',
      'login * nao entra',
      'bloquearam meu login',
      'bloquearam o meu login',
      'login foi bloqueado',
      'mi usuario * bloqueado',
      'usuario esta bloqueado',
      'my user * blocked',
      'user is blocked',
      'user account is locked',
      ...TEAM_USER_BLOCKED(),
    ],
    unless: CHAT_CLOSED_IDLE(),
    unlessInClause: STORE_SIDE(),
  },
  {
    id: 'topic.access.domain-frozen',
    outcome: 'ACCESS_ISSUE',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      'dominio congelado',
      'dominio esta congelado',
      'dominio foi congelado',
      'dominio * congel*',
      // Further off ("o domínio da minha loja está com status 'congelado' no site do registro").
      'dominio * * congelado',
      'status congelado',
      'congelaram meu dominio',
      'congelaram o dominio',
      'congelamento do dominio',
      'registro.br',
      'registro br',
      'registrobr',
      'dominio suspenso',
      'dominio foi suspenso',
      'dominio expirado',
      'dominio expirou',
      'dominio venceu',
      'dominio vencido',
      'dominio bloqueado',
      'domain frozen',
      'domain was frozen',
      'domain suspended',
      'domain expired',
    ],
  },
  {
    id: 'topic.access.domain-change',
    outcome: 'ACCESS_ISSUE',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      'troquei o dominio',
      'troquei meu dominio',
      'troquei de dominio',
      'mudei o dominio',
      'mudei meu dominio',
      'mudei de dominio',
      'alterei o dominio',
      'alterei meu dominio',
      'alteracao de dominio',
      'alteracao do dominio',
      'troca de dominio',
      'troca do dominio',
      'mudanca de dominio',
      'dominio errado',
      'dominio incorreto',
      'apontamento do dominio',
      'apontei o dominio',
      'cname',
      'configurei o dominio errado',
      'dns do dominio',
      'alterei o dns',
      'mudei o dns',
      'transferi o dominio',
      'transferi meu dominio',
      'transferi o meu dominio',
      'transferencia do dominio',
      'transferencia de dominio',
      'migrei o dominio',
      'migrei meu dominio',
    ],
  },
  {
    id: 'topic.access.no-access',
    outcome: 'ACCESS_ISSUE',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      'nao consigo acessar',
      'nao entro no painel',
      // Access that lapsed ("fala que meu acesso expirou").
      'meu acesso expirou',
      'meu acesso * expirou',
      'acesso expirado',
      'meu acesso venceu',
      // Access taken away: a collaborator's user removed, an account taken over.
      'removeram meu acesso',
      'removeram o meu acesso',
      'tiraram meu acesso',
      'tiraram o meu acesso',
      'meu acesso * foi removido',
      'meu acesso * foi revogado',
      'meu acesso * foi excluido',
      'meu usuario * foi removido',
      'meu usuario * foi excluido',
      'conta foi invadida',
      'conta foi hackeada',
      'painel foi invadido',
      'painel foi hackeado',
      'nao entro mais',
      'nao entro na minha conta',
      'nao entro no admin',
      // Stuck at the sign-in page ("fico presa na tela de login, a página recarrega").
      'presa na tela de login',
      'preso na tela de login',
      'presa na tela de entrada',
      'preso na tela de entrada',
      'nao passa da tela de login',
      'nao sai da tela de login',
      // Sent back to it, "pra" read as "para" with no article ("volta pra tela de login", "me joga pra
      // tela de login", "fica voltando para a página de login").
      ...['volta', 'voltando', 'me joga', 'me manda', 'redireciona'].flatMap((back) =>
        ['a tela de login', 'tela de login', 'a pagina de login', 'pagina de login'].map(
          (page) => `${back} para ${page}`,
        ),
      ),
      'nao consigo * acessar',
      'nao consigo entrar',
      'nao consigo * entrar',
      'nao consigo logar',
      'nao consigo fazer login',
      'nao consigo fazer o login',
      'nao estou conseguindo acessar',
      'nao estou conseguindo entrar',
      'nao estou conseguindo logar',
      'nao conseguimos acessar',
      'nao conseguimos entrar',
      // Someone else of the store, written for by a relative or employee ("ela não consegue entrar
      // no painel"): the panel named, since "os clientes não conseguem entrar" is the storefront.
      'nao consegue* entrar no painel',
      'nao consegue* acessar o painel',
      'nao consegue* * entrar no painel',
      'nao consegue* * acessar o painel',
      'nao consegue* logar no painel',
      // Nobody of the team gets in ("nenhum dos usuários da loja consegue entrar no painel").
      'ninguem * consegue* entrar no painel',
      'ninguem * consegue* acessar o painel',
      'nenhum * consegue* entrar no painel',
      'nenhum * consegue* acessar o painel',
      'nao consegue* entrar no admin',
      'nao consegue* acessar o admin',
      'sem acesso ao painel',
      'sem acesso ao admin',
      'sem acesso a loja',
      'sem acesso a minha loja',
      'sem acesso a conta',
      'sem acesso a minha conta',
      'sem acesso ao sistema',
      'sem acesso a plataforma',
      'estou sem acesso',
      'estamos sem acesso',
      'fiquei sem acesso',
      'ficamos sem acesso',
      'perdi o acesso',
      'perdi acesso',
      'perdemos o acesso',
      'nao tenho mais acesso',
      'nao temos mais acesso',
      'nao temos acesso ao painel',
      'nao temos acesso a loja',
      'nao tenho acesso ao painel',
      'nao tenho acesso a loja',
      'painel nao abre',
      'painel administrativo nao abre',
      'nao abre o painel',
      'senha nao funciona',
      // "meu login n funciona mais", "o acesso não funciona".
      'login nao funciona',
      'login * nao funciona',
      'acesso nao funciona',
      'senha * nao funciona',
      'senha invalida',
      'senha incorreta',
      // What the sign-in page answers ("usuário não encontrado", "meu e-mail não está cadastrado",
      // "usuário ou senha inválidos"); a shopper's at the store is a clause of STORE_SIDE.
      ...['email', 'e-mail', 'usuario', 'login'].flatMap((who) => [
        `${who} nao * cadastrado`,
        `${who} nao cadastrado`,
        `${who} nao encontrado`,
        `${who} nao existe`,
        `${who} ou senha invalid*`,
        `${who} ou senha incorret*`,
        `${who} e senha invalid*`,
        `${who} e senha incorret*`,
      ]),
      'conta nao encontrada',
      'user not found',
      'email not registered',
      'email is not registered',
      'invalid username or password',
      'invalid email or password',
      'usuario no encontrado',
      'usuario o contrasena incorrect*',
      'esqueci a senha',
      'esqueci minha senha',
      'redefinir a senha',
      'redefinir minha senha',
      'recuperar a senha',
      'recuperar minha senha',
      'recuperacao de senha',
      'email de recuperacao',
      'e-mail de recuperacao',
      // "a senha não é aceita" (Portugal: "a palavra-passe não é aceite").
      'senha nao e aceit*',
      'senha nao esta sendo aceit*',
      'codigo de verificacao nao chega',
      'autenticacao de dois fatores',
      'erro no login',
      'erro ao fazer login',
      'problema no login',
      'problema com login',
      'problema com o login',
      'problema para acessar',
      'problema de acesso',
      'dificuldade para acessar',
      'dificuldade de acesso',
      'acesso negado',
      'loja bloqueada',
      'loja suspensa',
      'loja foi bloqueada',
      'loja foi suspensa',
      'painel bloqueado',
      'conta suspensa',
      'senha expir*',
      // A word or a few between ("minha senha de acesso ao sistema expirou").
      'senha * expirou',
      'senha * * expirou',
      'senha * * * expirou',
      'senha * * * * expirou',
      // What shows at the sign-in ("quando tento fazer login aparece uma tela de erro").
      'quando tento fazer login',
      'quando tento fazer o login',
      'quando tento logar',
      'ao tentar fazer login',
      'ao tentar logar',
      'quando tento entrar no painel',
      'quando tento entrar na conta',
      'ao tentar entrar no painel',
      'quando tento acessar o painel',
      'ao tentar acessar o painel',
      'fui bloquead*',
      'estou bloquead*',
      'estamos bloquead*',
      'fomos bloquead*',
      'painel * bloquead*',
      // Round 50: in the third person, as whom writes for her says it ("a cliente foi bloqueada no painel",
      // "o cliente foi bloqueado depois de errar a senha"); a buyer's is STORE_SIDE (unlessInClause).
      'foi bloquead* no painel',
      'foi bloquead* do painel',
      'bloquead* depois de errar a senha',
      'bloquead* por errar a senha',
      // An adverb between the verb and the login ("não consigo mais logar"), and the panel
      // that does not let one in.
      'nao consigo * logar',
      'nao consigo * fazer login',
      'nao consigo * fazer o login',
      'nao estou conseguindo * logar',
      'nao estou conseguindo * acessar',
      'nao estou conseguindo * entrar',
      'painel * nao entra',
      // Suspended accounts and access.
      'conta foi suspensa',
      'minha conta * suspensa',
      'acesso * foi suspenso',
      'acesso suspenso',
      'usuario * suspenso',
      // Two-factor authentication and verification codes.
      'dois fatores',
      'duas etapas',
      '2fa',
      'autenticador',
      'app de autenticacao',
      'aplicativo de autenticacao',
      'codigo de acesso',
      'codigo de verificacao',
      'codigo de login',
      'codigo de autenticacao',
      // The code that does not come to sign in ("não recebo o código no telemóvel para iniciar sessão").
      'codigo para fazer login',
      'codigo * para fazer login',
      'codigo * * para fazer login',
      // The login e-mail: lost, forgotten or of someone who left.
      'email de acesso',
      'e-mail de acesso',
      'email de login',
      // Access to win back, or kept by someone else: a former owner, an agency, an account taken
      // over ("não consigo recuperar o acesso", "o antigo dono não libera o acesso", "a agência sumiu
      // com a senha do painel", "comprei a loja e não tenho o login", "trocaram o e-mail da conta").
      'recuperar o acesso',
      'recuperar meu acesso',
      // "como recupero o acesso à loja?", "mas não tenho a senha", "não sei mais a senha".
      ...['recupero', 'recuperamos'].flatMap((win) =>
        ['o acesso', 'meu acesso', 'o meu acesso', 'o login', 'meu login', 'a senha', 'minha senha'].map(
          (what) => `${win} ${what}`,
        ),
      ),
      // "não temos mais o login de administrador", "não sabemos a senha": the store's people, in the
      // singular or the plural.
      ...['tenho', 'temos', 'sei', 'sabemos'].flatMap((have) =>
        ['', 'mais '].flatMap((more) => ['a senha', 'o login', 'login'].map((what) => `nao ${have} ${more}${what}`)),
      ),
      // The account named as ours: "recuperar a conta do Mercado Pago" is the provider's.
      ...['a conta', 'minha conta', 'a minha conta'].flatMap((account) =>
        ['da loja', 'do painel', 'de administrador', 'de admin', 'na plataforma'].map(
          (whose) => `recuperar ${account} ${whose}`,
        ),
      ),
      'recuperar o meu acesso',
      'recuperar o login',
      'recuperar meu login',
      'nao libera* meu acesso',
      'nao libera* o meu acesso',
      'nao libera* o acesso para mim',
      'nao libera* o acesso ao painel',
      'nao libera* o acesso a loja',
      // …or not handed over ("o antigo dono não me passa o acesso", "a agência ficou com a senha do painel").
      ...[
        'passa',
        'passou',
        'passar',
        'entrega',
        'entregou',
        'entregar',
        'repassa',
        'repassou',
        'repassar',
        'devolve',
        'devolveu',
        'devolver',
      ].flatMap((verb) =>
        ['o acesso', 'os acessos', 'a senha', 'o login'].flatMap((what) => [
          `nao * ${verb} ${what}`,
          `nunca * ${verb} ${what}`,
        ]),
      ),
      ...['ficou', 'ficaram'].flatMap((kept) =>
        ['a senha', 'o acesso', 'os acessos', 'o login'].map((what) => `${kept} com ${what}`),
      ),
      // …or taken along by someone who left ("a funcionária saiu e levou o acesso de administrador").
      ...['levou', 'levaram'].flatMap((took) =>
        ['a senha', 'o acesso', 'os acessos', 'o login'].map((what) => `${took} ${what}`),
      ),
      'sumiu com a senha',
      'sumiu com o login',
      'sumiu com o acesso',
      'nao tenho a senha do painel',
      'nao tenho a senha da loja',
      'trocaram o email da conta',
      'trocaram o e-mail da conta',
      'alteraram o email da conta',
      'alteraram o e-mail da conta',
      'mudaram o email da conta',
      'mudaram o e-mail da conta',
      // The account's owner is someone who left ("o antigo sócio era o dono da conta e saiu", "a
      // pessoa que criou a conta saiu da empresa").
      'titular da conta saiu',
      'criou a conta saiu',
      'criou a conta ja saiu',
      // The login's e-mail or phone is a former employee's ("o email cadastrado é de um funcionário
      // que já saiu, o código vai para ele").
      ...['email', 'e-mail', 'celular', 'telefone'].flatMap((contact) =>
        ['um funcionario que', 'uma funcionaria que', 'um ex-funcionario', 'uma ex-funcionaria'].map(
          (former) => `${contact} * e de ${former}`,
        ),
      ),
      ...['ele', 'ela', 'o email dele', 'o email dela', 'o email antigo', 'o celular dele', 'o celular dela'].map(
        (who) => `codigo vai para ${who}`,
      ),
      'dono da conta saiu',
      'dona da conta saiu',
      'era o dono da conta',
      'era a dona da conta',
      'era o titular da conta',
      'era a titular da conta',
      'e-mail de login',
      'email do login',
      'e-mail do login',
      'esqueci qual email',
      'esqueci qual e-mail',
      'esqueci o email',
      'esqueci o e-mail',
      'esqueci meu email',
      'esqueci meu e-mail',
      // Any verb before the login ("não consigo concluir o login"), the reset link, someone else who
      // changed the password or took the account.
      'nao consigo * login',
      // Round 26, how people say the sign-in fails: a password refused, "sem conseguir" (a very
      // common construction), the screen's words, a session that throws her out, a panel that does
      // not load, the verb alone, and an unblock asked for.
      'senha * errada',
      'senha esta errada',
      'nao aceita minha senha',
      'nao aceita a senha',
      'nao aceita mais minha senha',
      'senha nao entra',
      'password is not accepted',
      'password not accepted',
      'contrasena * no funciona',
      ...['entrar', 'acessar', 'logar', 'entrar no painel', 'acessar o painel', 'acessar o admin'].flatMap((get) => [
        `sem conseguir ${get}`,
      ]),
      'acesso nao autorizado',
      'usuario nao autorizado',
      'credenciais invalidas',
      'credencial invalida',
      'invalid credentials',
      'sessao expirou',
      'sessao expirada',
      'me deslogou',
      'me desloga',
      'me expulsa',
      'me joga para fora',
      'logged out',
      'nao consigo ficar logad*',
      "can't stay logged in",
      'cannot stay logged in',
      ...['painel', 'admin'].flatMap((panel) => [
        `o ${panel} nao carrega`,
        `${panel} fica * tela branca`,
        `${panel} * erro 403`,
        `${panel} * erro 401`,
        `o ${panel} sumiu`,
      ]),
      'nao loga',
      'redefini a senha',
      'redefini minha senha',
      'troquei a senha e',
      'dados de acesso',
      'e-mail com o acesso',
      'email com o acesso',
      'e-mail de boas-vindas',
      'email de boas-vindas',
      'nao tem conta com esse email',
      'nao tem conta com esse e-mail',
      ...['desbloquear', 'desbloqueiem', 'desbloqueio', 'desbloqueie', 'destravar'].flatMap((unblock) =>
        [
          'meu acesso',
          'o acesso',
          'minha conta',
          'meu usuario',
          'o usuario',
          'do meu usuario',
          'do usuario',
          'da minha conta',
          'a conta',
        ].map((what) => `${unblock} ${what}`),
      ),
      ...['travado', 'travada'].flatMap((stuck) =>
        ['acesso', 'usuario', 'user', 'conta', 'login'].flatMap((what) => [
          `${what} * ${stuck}`,
          `${what} foi ${stuck}`,
        ]),
      ),
      'bloquearon el usuario',
      'bloquearon mi usuario',
      'bloquearon mi cuenta',
      'nao estou conseguindo * login',
      'authenticator',
      'redefinicao de senha',
      'link de redefinicao',
      // The sign-in changed by someone else, said actively or in the passive ("a ex-funcionária mudou
      // o e-mail do usuário master", "recebi um aviso de que minha senha foi alterada, não fui eu").
      ...['trocou', 'trocaram', 'alterou', 'alteraram', 'mudou', 'mudaram'].flatMap((changed) =>
        ['a senha', 'o email do usuario', 'o e-mail do usuario', 'o email de acesso', 'o e-mail de acesso'].map(
          (what) => `${changed} ${what}`,
        ),
      ),
      ...['senha', 'email de acesso', 'e-mail de acesso', 'email do usuario', 'e-mail do usuario'].flatMap((what) =>
        ['alterad*', 'trocad*', 'mudad*'].map((changed) => `${what} foi ${changed}`),
      ),
      'trancad* para fora',
      'trancad* do lado de fora',
      'nao me deixa entrar',
      'nao me deixa acessar',
      'nao me deixa logar',
      'nao deixa logar',
      // The sign-in link that does not come ("não recebo o link de acesso no meu email").
      ...['link de acesso', 'link de login', 'link para entrar', 'link para acessar'].flatMap((link) => [
        `nao recebo o ${link}`,
        `nao recebi o ${link}`,
        `nao chega o ${link}`,
        `${link} nao chega`,
      ]),
      'nao deixa entrar',
      'nao deixa acessar',
      'nao deixa fazer login',
      // The sign-in that goes nowhere ("quando coloco meu email e senha a página só recarrega").
      ...['coloco', 'digito', 'insiro', 'ponho'].flatMap((typed) =>
        ['recarrega', 'volta', 'nao entra', 'nao acontece nada'].map((result) => `${typed} * senha * ${result}`),
      ),
      'nao deixa eu entrar',
      'nao deixa eu acessar',
      'nem o painel abre',
      'painel nem abre',
      'esqueci meu login',
      'esqueci o login',
      'esqueci meu usuario',
      'esqueci o usuario',
      'no me deja entrar',
      'no me dejan entrar',
      'no me deja ingresar',
      'no me deja acceder',
      'hackead*',
      'hackearam',
      'invadiram',
      'invadid*',
      'no puedo acceder',
      'no puedo entrar',
      'no puedo ingresar',
      // Someone else of the store, the panel named ("mi empleada no puede entrar al panel"; "panel" reads "painel").
      'no puede entrar al painel',
      'no pueden entrar al painel',
      'no puede acceder al painel',
      'no pueden acceder al painel',
      'no puede ingresar al painel',
      'no puedo iniciar sesion',
      'no puedo loguear*',
      'no me puedo loguear',
      'no puedo logear*',
      // The password of the panel, forgotten or not reset ("no me llega el mail para recuperar la contraseña").
      'recuperar la contrasena',
      'recuperar mi contrasena',
      'restablecer la contrasena',
      'restablecer mi contrasena',
      'olvide la contrasena',
      'olvide mi contrasena',
      'contrasena incorrecta',
      'no consigo acceder',
      'no consigo entrar',
      // Round 44: "no logro", "no consigo ingresar", and the portunhol of a neighbour writing Portuguese
      // ("tengo una loja y no consigo acessar o painel").
      ...['no consigo ingresar', 'no consigo acessar', 'no puedo acessar'],
      ...['no logro entrar', 'no logro ingresar', 'no logro acceder', 'no logro iniciar sesion'],
      'sin acceso al painel',
      'sin acceso a mi tienda',
      'perdi el acceso',
      'cuenta bloqueada',
      'olvide mi contrasena',
      'restablecer mi contrasena',
      "can't log in",
      'cant log in',
      "can't login",
      // Round 46: the sign-in as one word after the other negations too ("Cannot login").
      ...['cant login', 'cannot login', 'unable to login'],
      'cannot log in',
      "can't log into",
      'cant log into',
      'cannot log into',
      'unable to log into',
      "can't sign in",
      'cannot sign in',
      'unable to sign in',
      // "…and now the admin panel redirects to a page that does not exist. I cannot get in."
      "can't get in",
      'cant get in',
      'cannot get in',
      'unable to get in',
      'two-factor',
      'two factor',
      '2-step verification',
      'verification code',
      'doble factor',
      'codigo de verificacion',
      'unable to log in',
      "can't access",
      'cannot access',
      'unable to access',
      'locked out',
      'account is locked',
      'account locked',
      'account is blocked',
      'account blocked',
      'account suspended',
      'account has been suspended',
      'lost access',
      // Machine translation of "estou sem acesso ao painel", "não estou conseguindo acessar" (the text is
      // canonicalised: "panel" reads "painel", "to" the chat-speak "estou").
      'without access * painel',
      'without access * admin*',
      'without access * my store',
      'without access * my account',
      'not managing * access',
      'not getting * access',
      // Access held or taken by someone else ("the former owner won't give me access", "my employee's
      // account got locked", "the old agency has the admin password", "never handed over the login").
      "won't give me access",
      'wont give me access',
      'will not give me access',
      "won't give me the login",
      "won't give me the password",
      'account got locked',
      'account got blocked',
      'account got suspended',
      'account was locked',
      'account was blocked',
      'account has been locked',
      'account has been blocked',
      'has the admin password',
      'has our admin password',
      'has the login',
      'has our login',
      'kept the password',
      'kept the login',
      'handed over the login',
      'handed over the password',
      'hand over the login',
      'hand over the password',
      'changed the login email',
      'changed the password',
      "can't get into",
      'cant get into',
      'cannot get into',
      'removed my access',
      'revoked my access',
      'took away my access',
      'forgot my password',
      'reset my password',
      'password reset',
    ],
    // A shopper's account at the store ("a cliente trocou a senha e não consegue entrar na conta dela"),
    // or hers at a provider ("minha conta do PagSeguro"), in her clause; the platform itself breached
    // ("vocês foram invadidos?"), a data-leak question, not a lost sign-in.
    unlessInClause: [...STORE_SIDE(), ...ACCOUNT_ELSEWHERE(), ...PANEL_PAGES()],
    unlessInMessage: PLAN_PAYMENT_FAILED(),
    unless: [
      ...FOR_NON_PAYMENT(),
      // Round 54: the page blank or down for everyone, or for all her buyers: the store is down, not her
      // sign-in ("No podemos entrar a la tienda, la página sale en blanco para todos"); never "dá senha
      // inválida para todos da equipe", her team's sign-in.
      ...['en blanco', 'em branco', 'fora do ar', 'caida', 'down'].flatMap((blank) =>
        ['para todos', 'para todo mundo', 'for everyone'].map((all) => `${blank} ${all}`),
      ),
      ...['para todos los clientes', 'para todos os clientes', 'para todos os compradores', 'for all customers'],
      'conta dela',
      'conta dele',
      'voces foram invadid*',
      'voces foram hackead*',
      'a plataforma foi invadida',
      'a plataforma foi hackeada',
      'o sistema foi invadido',
      'o sistema foi hackeado',
      // Round 44: Spanish "ingresar" is also typing data in ("no puedo ingresar el código de seguimiento en
      // el pedido", "no puedo ingresar productos nuevos"); never "ingresar el código de verificación".
      ...['no puedo', 'no consigo', 'no logro'].flatMap((cant) =>
        [
          'productos',
          'los productos',
          'el codigo de seguimiento',
          'el codigo de rastreo',
          'el codigo de envio',
          'el precio',
          'los precios',
          'el stock',
          'el cbu',
          'el cupon',
          'un cupon',
        ].map((data) => `${cant} ingresar ${data}`),
      ),
    ],
  },
  {
    id: 'topic.billing.complaint',
    outcome: 'BILLING_QUESTION',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      ...FOR_NON_PAYMENT(),
      'cobranca indevida',
      'cobrancas indevidas',
      'cobrado indevidamente',
      'cobrada indevidamente',
      'cobraram indevidamente',
      'cobrando indevidamente',
      'cobraram duas vezes',
      'cobrado duas vezes',
      'cobrada duas vezes',
      'cobrou duas vezes',
      'cobranca duplicada',
      'cobranca em duplicidade',
      'cobrado em duplicidade',
      'cobrada em duplicidade',
      'duplicidade',
      'cobraram a mais',
      'cobrado a mais',
      'cobrada a mais',
      'cobrando a mais',
      'valor errado',
      'valor incorreto',
      'valor diferente do',
      'estorno',
      'estornar',
      'estornem',
      'reembolso',
      'reembolsar',
      'devolucao do valor',
      // A refund in proportion, as a formal letter asks it ("a devolução proporcional dos valores pagos").
      'devolucao proporcional',
      'reembolso proporcional',
      'devolucao dos valores',
      'restituicao dos valores',
      'restituicao do valor',
      'devolver o valor',
      'devolvam o valor',
      'devolvam meu dinheiro',
      // The money asked back of us ("se não devolverem o dinheiro da anuidade"); never the bare
      // infinitive, which is the store refunding a buyer ("preciso devolver o dinheiro de um cliente").
      'devolvam o dinheiro',
      'devolvam o meu dinheiro',
      'devolverem o dinheiro',
      'devolverem meu dinheiro',
      'devolverem o meu dinheiro',
      'devolver meu dinheiro',
      'devolver o meu dinheiro',
      'meu dinheiro de volta',
      'continuam cobrando',
      'continuam me cobrando',
      'continua cobrando',
      // The same charges in the first person ("continuo recebendo cobrança de vocês", "continuo sendo cobrada").
      'continuo recebendo cobranca',
      'continuo recebendo cobrancas',
      'continuo sendo cobrado',
      'continuo sendo cobrada',
      // Round 44: in the third person, what she dropped and still pays ("desinstalei o app mas ele continua
      // sendo cobrado na minha mensalidade").
      ...['continua', 'continuam', 'segue', 'seguem', 'ainda esta', 'ainda estao'].map(
        (still) => `${still} sendo cobrad*`,
      ),
      'continuam chegando cobrancas',
      'continua chegando cobranca',
      'cobrando apos o cancelamento',
      'cobrando depois do cancelamento',
      'cobraram mesmo apos',
      'cobraram depois de cancelar',
      'cobranca apos o cancelamento',
      'nao reconheco essa cobranca',
      'nao reconheco a cobranca',
      // A charge she did not authorise; never "não autorizei" alone, which is also her data ("apaguem
      // meus dados, não autorizei nada") or a change in her panel.
      'nao autorizei essa cobranca',
      'nao autorizei esta cobranca',
      'nao autorizei a cobranca',
      'nao autorizei o debito',
      'nao autorizei esse debito',
      'nao autorizei a renovacao',
      'cobranca que nao autorizei',
      'debito que nao autorizei',
      'cobranca abusiva',
      'cobraron dos veces',
      'me cobraron dos veces',
      'cobro duplicado',
      'cobro indebido',
      'cobros indebidos',
      'devolver el dinero',
      'charged twice',
      'double charge',
      'double charged',
      'charged me twice',
      'wrong amount',
      'refund',
      'overcharged',
      'aumento abusivo',
      'reajuste abusivo',
      'aumentaram o valor',
    ],
    unless: [...STORE_SIDE(), ...STORE_PAYMENTS(), ...TWICE_NOT_CHARGED()],
    unlessExceptIn: REFUND_OURS(),
    unlessYieldsAfter: OUR_CHARGE_THEN_REFUND(),
  },
  {
    id: 'topic.billing.plan',
    outcome: 'BILLING_QUESTION',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      'plano',
      'planos',
      'migrar de plano',
      'migracao de plano',
      'mudar de plano',
      'mudar o plano',
      'trocar de plano',
      'trocar o plano',
      'troca de plano',
      'alterar o plano',
      'alterar meu plano',
      'upgrade',
      'downgrade',
      'plano anual',
      'plano mensal',
      'cancelar o plano',
      'cancelar meu plano',
      'cancelar a assinatura',
      'cancelar minha assinatura',
      'cancelamento do plano',
      'cancelamento da assinatura',
      // The contract, as a formal letter names the subscription ("solicito o cancelamento do contrato").
      'cancelamento do contrato',
      'cancelamento do meu contrato',
      'cancelar o contrato',
      'cancelar meu contrato',
      'cancelar o meu contrato',
      'rescisao do contrato',
      'rescindir o contrato',
      'rescisao contratual',
      // Closing the store is ending the subscription ("quero encerrar minha loja e cancelar tudo").
      'cancelar minha loja',
      'cancelar a minha loja',
      'cancelar a loja',
      'encerrar minha loja',
      'encerrar a minha loja',
      'encerrar a loja',
      'cancelar minha conta',
      'cancelar a minha conta',
      // Round 42: leaving altogether ("qro cancelar td, n aguento mais essa plataforma").
      'cancelar tudo',
      // Round 46: the cancelling with nothing after it but a comma ("qro cancelar, como faz?", "quero cancelar,
      // não aguento mais"): to us, that is the subscription; "quero cancelar o pedido" names another thing.
      // A sentence of "Quero cancelar." alone is not told apart (phrases have no sentence end): support's.
      ...['quero cancelar,', 'preciso cancelar,', 'gostaria de cancelar,'],
      // The imperative, as a one-line mail says it ("cancela minha conta", "cancelem meu plano").
      'cancela minha conta',
      'cancela meu plano',
      'cancela minha assinatura',
      'cancelem minha conta',
      'cancelem meu plano',
      'cancelem minha assinatura',
      // Round 44: the contract, the store or all of it, in the imperative ("Cancelem meu contrato
      // imediatamente", "encerrem minha conta").
      ...['cancela', 'cancelem', 'encerra', 'encerrem'].flatMap((end) =>
        ['meu contrato', 'o contrato', 'minha loja', 'a loja', 'minha conta', 'tudo'].map((what) => `${end} ${what}`),
      ),
      // Spanish "la baja" of the service, the account or the store ("Quiero la baja del servicio"); never
      // "dar de baja" alone, which a product or a listing gets.
      ...['dar de baja', 'darme de baja de', 'la baja de'].flatMap((leave) =>
        ['el servicio', 'mi cuenta', 'la cuenta', 'mi tienda', 'la tienda', 'el plan', 'mi plan'].map(
          (what) => `${leave} ${what}`,
        ),
      ),
      ...['la baja del servicio', 'la baja del plan', 'darme de baja'],
      // The fine for leaving before the term ("multa de fidelidade", "multa rescisória").
      'multa de fidelidade',
      'multa rescisoria',
      'multa de cancelamento',
      'multa por cancelamento',
      'encerrar minha conta',
      'encerrar a minha conta',
      'cancelamento da loja',
      'cancelamento da minha loja',
      'cancelamento da conta',
      'cancelamento da minha conta',
      'encerramento da loja',
      'encerramento da minha loja',
      'encerramento da conta',
      'renovacao do plano',
      'cambiar de plan',
      'cambio de plan',
      'mi plan',
      'el plan',
      // Round 43: "subir del plan básico al pro", "el precio del plan".
      'del plan',
      // Round 42: the move to a plan named by its period alone ("quanto custa pra ir pro anual?", "compensa
      // mudar para o anual?").
      ...['passar', 'mudar', 'migrar', 'trocar', 'ir'].flatMap((move) =>
        ['para o', 'pro'].flatMap((to) =>
          ['anual', 'mensal', 'semestral', 'trimestral'].map((period) => `${move} ${to} ${period}`),
        ),
      ),
      // Round 46: the yearly price asked about by its period alone ("se eu pagar o anual tem desconto?",
      // "anual sai mais barato?"), and her free trial ending ("meu período grátis acabou, quanto vou pagar?").
      ...['anual', 'semestral'].flatMap((period) => [
        `pagar o ${period}`,
        `pagar ${period}`,
        `pagando o ${period}`,
        `pagando ${period}`,
        `${period} tem desconto`,
        `${period} sai mais barato`,
      ]),
      ...FREE_TRIAL_HERS(),
      // Round 47: a client's price question, the client said in the same sentence ("sou cliente há 2 anos e quero
      // abrir uma segunda loja, quanto custa?", "sou cliente de vcs, quanto sai pra ter uma segunda loja?"); a
      // prospect's "quanto custa" alone is client.prospect.text's, a label's or a freight's is store side.
      ...['ja sou cliente', 'sou cliente ha', 'sou cliente desde', 'ja somos clientes', 'somos clientes ha']
        .concat(['somos clientes desde', 'uma segunda loja', 'mais uma loja'])
        .flatMap((client) =>
          ['quanto custa', 'quanto sai', 'quanto fica', 'qual o valor', 'qual o preco'].flatMap((ask) => [
            `${client} * ${ask}`,
            `${client}, * ${ask}`,
            `${ask} * ${client}`,
          ]),
        ),
      // Round 42: moving to a plan, and the plan by its period ("¿Cuánto cuesta pasar al plan anual?").
      'al plan',
      'plan anual',
      'plan mensual',
      'planes',
      'change my plan',
      'change plan',
      'my plan',
      'the plan',
      'pricing plan',
      // Round 34: the plan named by its period ("how much is the annual plan?").
      'annual plan',
      'monthly plan',
      'yearly plan',
      // Round 45: the plan by its name, in English ("How much is the Pro plan?", "What does the Basic plan
      // include?"); never "business plan", which is hers to write.
      ...ENGLISH_PLAN_NAMES().map((name) => `${name} plan`),
    ],
    unless: [
      // Round 45: the plan as who she is, in English ("I'm on the Basic plan and my shipping stopped…").
      ...ENGLISH_PLAN_HELD(),
      // Round 42: the plan as who she is ("Tenho o plano Básico."): topic.billing.plan-held reads it. First:
      // a plain phrase found at once spares trying PAID_AND_YET's gap phrases on each such sentence.
      ...PLAN_HELD(),
      'plano de fundo',
      'primeiro plano',
      'segundo plano',
      'plano de frete',
      'plano de acao',
      'plano de saude',
      // Leaving as a threat over something else ("vou encerrar minha loja se não resolverem as
      // imagens"): the problem, not the plan, is what the message is about.
      ...UNLESS_FIXED(),
      ...STORE_SIDE(),
      ...PAID_AND_YET(),
      // Round 46: the plan she pays as the measure of a complaint ("Isso é inaceitável para o plano que pago"):
      // the service is her topic, not the plan.
      ...['inaceitavel', 'inadmissivel', 'absurdo', 'ridiculo', 'vergonha', 'vergonhoso', 'descaso'].flatMap((bad) =>
        ['para o plano que', 'pelo plano que', 'pelo valor que', 'pelo preco que', 'pelo que'].map(
          (of) => `${bad} ${of}`,
        ),
      ),
    ],
  },
  {
    id: 'topic.billing.plan-held',
    outcome: 'BILLING_QUESTION',
    stage: 'topic',
    trigger: 'text',
    // Round 42: a sentence naming her plan as who she is ("Tenho o plano Básico. Meus produtos sumiram da
    // vitrine.", "Estou no plano Pro desde 2023 e o relatório de vendas não abre") is no plan question
    // when the message names something broken: that is her topic. Without one ("Estou no plano Pro e
    // quero mudar para o Básico", "Tenho o plano anual. Quando renova?") she asks about the plan.
    // Round 46: in English, with the question in the same sentence ("I'm on the Basic plan, how much is the Pro
    // plan?"); the plan alone ("We are on the Pro plan and our store is down") stays her topic's.
    phrases: [
      ...PLAN_HELD(),
      ...ENGLISH_PLAN_HELD().flatMap((on) =>
        ['', ','].flatMap((sep) =>
          ['how much', 'price', 'cost', 'upgrade', 'switch'].map((ask) => `${on}${sep} * ${ask}`),
        ),
      ),
    ],
    unless: [...UNLESS_FIXED(), ...STORE_SIDE(), ...PAID_AND_YET()],
    unlessInMessage: BROKEN_NOW(),
  },
  {
    id: 'topic.billing.invoice',
    outcome: 'BILLING_QUESTION',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      'fatura',
      'faturas',
      'boleto',
      'boletos',
      'segunda via',
      '2 via',
      '2a via',
      'nota fiscal da assinatura',
      'nota fiscal da mensalidade',
      'nota fiscal do plano',
      'nota fiscal dos servicos',
      'nf da mensalidade',
      'nf da assinatura',
      // The service invoice (NFS-e) the platform issues the merchant, however it is named.
      'nota fiscal do servico',
      'notas fiscais do servico',
      'nota fiscal de servico',
      'notas fiscais de servico',
      'nota fiscal de voces',
      'notas fiscais de voces',
      'nota fiscal que voces emitem',
      'notas fiscais que voces emitem',
      'nota fiscal do que eu pago',
      'nfs-e',
      'nfse',
      // Round 42: the same abbreviated ("precisamos das NFs de serviço de outubro", "as NFs das mensalidades").
      ...['nf', 'nfs'].flatMap((nf) =>
        [
          'de servico',
          'do servico',
          'dos servicos',
          'da mensalidade',
          'das mensalidades',
          'da assinatura',
          'do plano',
        ].map((of) => `${nf} ${of}`),
      ),
      // Round 46: ours asked for her accountant ("preciso da nota fiscal de outubro pro meu contador", "minha
      // contadora pediu a NF de vcs"); her sales' own (emitted, for her buyers) are store side (unless).
      ...['nota fiscal', 'notas fiscais', 'nf', 'nfs'].flatMap((nf) => [
        ...['contador', 'contadora', 'contabilidade'].flatMap((books) => [`${nf} * ${books}`, `${books} * ${nf}`]),
        `${nf} de voces`,
      ]),
      'pagar a plataforma',
      'pago a plataforma',
      'pagamento da plataforma',
      'vencimento',
      // The receipt as a noun ("preciso do recibo", "el recibo de noviembre"), never Spanish's "recibo"
      // (I receive: "solo recibo respuestas automáticas").
      ...['o', 'um', 'do', 'meu', 'el', 'mi', 'un', 'del', 'emitir', 'emissao de'].map((a) => `${a} recibo`),
      'recibos',
      ...['de pagamento', 'do pagamento', 'da mensalidade', 'da assinatura', 'do plano', 'da fatura'].map(
        (of) => `recibo ${of}`,
      ),
      'factura',
      'facturas',
      'invoice',
      'invoices',
      'billing',
    ],
    // Her payout that did not arrive ("meu Pix não caiu na conta, segue a fatura em anexo"): the
    // invoice she attaches is proof of a sale, not a question about ours.
    unless: [
      ...STORE_SIDE(),
      ...STORE_PAYMENTS(),
      'nao caiu na conta',
      'nao caiu na minha conta',
      'nao cairam na conta',
      'repasse*',
      // Round 47: her card's statement paid ("cadê meu pedido? paguei a fatura do cartão já", a buyer's mail she
      // forwards); a charge of ours on it is topic.billing.charge's.
      ...['paguei a fatura do cartao', 'paguei a fatura do meu cartao', 'pago a fatura do cartao'],
      // Round 46: the invoices of her own sales ("o contador precisa das notas fiscais dos pedidos").
      ...['nota fiscal', 'notas fiscais', 'nf', 'nfs'].flatMap((nf) =>
        ['dos pedidos', 'do pedido', 'das vendas', 'da venda', 'dos produtos', 'do produto'].map((of) => `${nf} ${of}`),
      ),
    ],
    unlessExceptIn: FREIGHT_OURS(),
  },
  {
    id: 'topic.billing.charge',
    outcome: 'BILLING_QUESTION',
    stage: 'topic',
    trigger: 'text',
    phrases: [
      // Round 26: a debit of ours she does not recognise, and what her accountant asks for.
      'debito da plataforma',
      'debito de voces',
      'comprovantes de pagamento',
      'informe dos pagamentos',
      'informe de pagamentos',
      'pagamentos feitos a plataforma',
      'cobranca',
      'cobrancas',
      'cobraram',
      'cobrado',
      'cobrada',
      'cobrando',
      'cobrou',
      // Round 33: what the platform charges, asked in the present ("vocês cobram alguma taxa sobre o frete?").
      'voces cobram',
      'a plataforma cobra',
      'mensalidade',
      'mensalidades',
      // The yearly fee, as merchants on an annual plan name it ("o dinheiro da anuidade").
      'anuidade',
      'anuidades',
      // The platform's own fees by their names ("a taxa por transação de vocês", "a comissão da
      // plataforma"); a gateway's or a carrier's fee is store side (unless).
      'taxa de voces',
      'taxas de voces',
      'tarifa de voces',
      'tarifas de voces',
      'comissao de voces',
      'taxa da plataforma',
      'taxas da plataforma',
      'tarifa da plataforma',
      'comissao da plataforma',
      'taxa por transacao',
      'taxa de transacao',
      'taxa por venda',
      // Round 40: a fee she does not recognise, taken from each sale ("que taxa é essa de 2,5% descontada
      // em cada venda?"); a gateway's (Mercado Pago, PagSeguro…) is store side (unless).
      ...['que taxa e essa', 'que tarifa e essa', 'que desconto e esse'],
      ...['taxa', 'tarifa'].flatMap((fee) => [
        `${fee} * descontad* em cada venda`,
        `${fee} * descontad* de cada venda`,
        `${fee} * descontad* nas vendas`,
        `${fee} * descontad* das vendas`,
      ]),
      'assinatura',
      'debitado',
      'debitada',
      'debitaram',
      'debito automatico',
      // A debit in the platform's name ("apareceu um débito de vocês na minha conta").
      'debito de voces',
      'debitos de voces',
      'reajuste',
      'aumento do valor',
      'valor do plano',
      'preco do plano',
      'cobro',
      'cobros',
      'cobraron',
      'me cobran',
      'suscripcion',
      'mensualidad',
      'charged',
      'charge',
      'charges',
      'subscription',
      // Round 41: our fee by its English or Spanish name ("why did my monthly fee go up?", "the platform
      // fee on my last statement", "¿por qué subió la cuota mensual?"); a fee at her checkout is store side.
      ...['monthly', 'subscription', 'platform'].flatMap((of) => [`${of} fee`, `${of} fees`]),
      'cuota mensual',
      'cuota de la plataforma',
      // Round 45: an app of our app store she still pays for ("to pagando um app que nem uso mais, como
      // tiro?"); her buyers paying in an app are store side (unless).
      ...['pagando', 'pago', 'pagamos', 'pagar'].flatMap((pay) =>
        ['um app', 'o app', 'esse app', 'um aplicativo', 'o aplicativo', 'esse aplicativo'].map(
          (app) => `${pay} ${app}`,
        ),
      ),
    ],
    unless: [
      ...STORE_PAYMENTS(),
      ...STORE_SIDE(),
      'assinatura de email',
      'assinatura do email',
      'assinatura digital',
      'assinatura eletronica',
      ...PAID_AND_YET(),
    ],
    unlessExceptIn: [...FREIGHT_OURS(), ...REFUND_OURS()],
    unlessYieldsAfter: OUR_CHARGE_THEN_REFUND(),
  },
];

/** The rules by id, for readers and tests (built with the rules, on first use). */
export function rulesById(): ReadonlyMap<string, Rule> {
  builtById ??= new Map(eligibilityRules().map((r) => [r.id, r]));
  return builtById;
}

/** The rule with that id; throws on an unknown id (a typo in code, not a runtime condition). */
export function ruleById(id: string): Rule {
  const rule = rulesById().get(id);
  if (!rule) throw new Error(`Unknown eligibility rule: ${id}`);
  return rule;
}
