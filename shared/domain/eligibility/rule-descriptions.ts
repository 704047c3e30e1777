/**
 * What each eligibility rule means, in pt-BR, for staff reading a decision trail (the console's case
 * and quarantine pages, the monthly report). Apart from the rules themselves (rules.ts): the
 * console and the report show these texts and never run the rules, so their bundles do not carry
 * the rules' phrase lists. test/unit/domain/eligibility/rule-descriptions.test.ts keeps the two in
 * step: one description per rule id, no other.
 */
export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'quarantine.parse-problem': 'A mensagem não pôde ser lida (MIME inválido, grande demais ou corrompida).',
  'quarantine.staff-mail':
    'Mensagem a um endereço de resposta de caso (caso+…) que não pôde agir: remetente fora da equipe, token inválido, autenticação falhou ou mensagem automática. Decidida pelo serviço do ciclo do caso, não pelas regras de texto.',
  'quarantine.unproven-sender':
    'E-mail que seria aceito, mas sem autenticação do remetente (nenhuma verificação SPF, DKIM ou DMARC passou), quando o SPF ou o DMARC do próprio domínio falhou ou o endereço já tem o limite de casos abertos: pode ser cópia falsificada em nome do lojista; fica para revisão, sem caso novo e sem resposta. Decidida pelo serviço de entrada, não pelas regras de texto.',
  'quarantine.spam': 'O provedor de e-mail classificou a mensagem como spam.',
  'quarantine.virus': 'O provedor de e-mail encontrou vírus na mensagem.',
  'quarantine.auth.dmarc': 'Falha de autenticação do remetente: DMARC falhou (possível falsificação do endereço).',
  'quarantine.auth.spf': 'Falha de autenticação do remetente: SPF falhou e não há assinatura DKIM válida.',
  'auto.machine-generated':
    'Mensagem automática pelos cabeçalhos (Auto-Submitted, lista, aviso de entrega, remetente no-reply, ausência): guardada como tal, sem caso e sem resposta.',
  'auto.machine-generated.text':
    'Mensagem automática pelo texto ("esta é uma mensagem automática", "out of office", aviso de falha de entrega): guardada como tal, sem caso e sem resposta.',
  'client.not-a-client.form': 'No formulário, o remetente indicou que ainda não é cliente.',
  'client.shopper.text':
    'Cliente de uma loja construída na plataforma (consumidor), não lojista: quem cuida dos pedidos é a própria loja. Também o pedido LGPD de um comprador sobre os dados que uma loja tem dele (“apaguem meus dados”, “quais dados meus a loja tem”): a loja é a controladora desses dados e responde por eles; a orientação o manda à loja.',
  'client.no-client-area.text':
    'Sem acesso à central do cliente: o artigo manda falar com o Comercial (não é falta de acesso ao painel).',
  'client.not-a-client.text': 'O remetente diz que não é cliente.',
  'client.former-client.text': 'O remetente diz que deixou de ser cliente (e não reclama de cobrança).',
  'client.other-platform.text':
    'Lojista de outra plataforma (Nuvemshop, Shopify, Tray…) escrevendo sobre a loja, a assinatura ou a ouvidoria de lá: endereço errado, não é cliente.',
  'client.prospect.text': 'Interessado em contratar a plataforma (preços, demonstração, abrir uma loja).',
  'client.supplier.text':
    'Fornecedor ou prestador de serviço oferecendo seus produtos aos lojistas da plataforma, ou à própria empresa (proposta, parceria, patrocínio, publicidade): assunto do Comercial.',
  'client.outsider.text':
    'Imprensa, candidato a vaga ou pesquisador: não é lojista nem tem chamado a citar; a resposta diz que a Ouvidoria atende clientes.',
  'scope.commercial.discount':
    'Pedido de desconto ou abatimento fora das condições anunciadas. A exceção (promoção ou condição anunciada e não aplicada) é lida na mensagem inteira, não só na frase do "desconto".',
  'scope.commercial.special-condition': 'Pedido de condição especial, preço diferenciado ou plano sob medida.',
  'scope.commercial.deal-bare-close':
    'Condição de pagamento posta como preço de fechar negócio, num “eu fecho” sem objeto ao fim da frase (“se fizerem em 12x eu fecho”); nunca “eu fecho a loja”.',
  'scope.commercial.negotiation':
    'Pedido de negociação comercial (valores, dívida, parcelamento, redução de mensalidade).',
  'scope.commercial.exemption': 'Pedido de isenção, perdão de dívida ou dispensa de multa.',
  'scope.feature.request': 'Pedido de criação de funcionalidade ou recurso que a plataforma não tem.',
  'scope.feature.build':
    'Pedido de que a plataforma crie algo que não tem ou faça o que não faz, em palavras do dia a dia (programa de fidelidade, venda em várias moedas).',
  'scope.feature.suggestion': 'Sugestão de melhoria ou reclamação de uma opção que a plataforma não oferece.',
  'scope.feature.suggestion-closing':
    'Sugestão deixada no fecho da mensagem (“fica a sugestão”), sem reclamação de serviço ou falha.',
  'scope.feature.suggestion-label':
    'Sugestão apresentada como tal (“Sugestão: …”, “Ideia: …”, “minha sugestão é …”), sem reclamação de serviço ou falha.',
  'scope.feature.integration': 'Pedido de integração que não existe na plataforma.',
  'scope.feature.demand':
    'Exigência de que a plataforma crie algo que não tem (“quero que integrem”, “coloquem logo”).',
  'scope.feature.follow-up':
    'Pergunta curta de quando vem ou se está prevista (“Quando vão ter?”, “Há previsão?”, “Any plans?”) a funcionalidade que a frase anterior nomeia ou diz faltar, sem falha nem serviço nessa frase.',
  'scope.feature.missing-complaint':
    'Reclamação de que a plataforma não tem um recurso (pedido de funcionalidade disfarçado).',
  'ticket.valid': 'Chamado anterior encontrado e aberto pelo próprio remetente.',
  'ticket.unverified': 'Chamado informado, mas não verificado: o diretório de chamados não respondeu.',
  'ticket.invalid': 'Chamado informado não encontrado, de outro solicitante ou em formato inválido.',
  'ticket.none': 'Nenhum número de chamado anterior na mensagem.',
  'topic.access.blocked-user': 'Sem acesso ao painel: usuário bloqueado (por exemplo, por inatividade).',
  'topic.access.domain-frozen': 'Sem acesso: domínio da loja congelado ou suspenso no registro.br.',
  'topic.access.domain-change': 'Sem acesso: alteração incorreta do domínio da loja.',
  'topic.access.no-access': 'Sem acesso ao painel administrativo (login, senha ou outro bloqueio).',
  'topic.billing.complaint': 'Reclamação de cobrança (indevida, em duplicidade, valor errado, estorno).',
  'topic.billing.plan':
    'Dúvida sobre planos, migração de plano ou cancelamento da assinatura (“cancela minha conta”, multa de fidelidade).',
  'topic.billing.plan-held':
    'O remetente diz o plano que tem (“tenho o plano Pro”, “sou do plano Essencial”) e a mensagem não cita nada quebrado: pergunta sobre o plano.',
  'topic.billing.invoice': 'Dúvida sobre faturas, boletos ou nota fiscal da assinatura.',
  'topic.billing.charge': 'Dúvida sobre cobranças, mensalidade ou assinatura.',
  'client.shopper.lawyer':
    'Advogado(a) de uma pessoa que comprou numa loja da plataforma (“Minha cliente comprou … na loja X. Sou advogado dela.”): quem cuida do pedido é a loja.',
  'client.shopper.consumer':
    'Comprador(a) que se apresenta como consumidor(a) ao contar um pedido feito numa loja da plataforma (“na qualidade de consumidora”, “enquanto consumidor”): quem cuida do pedido é a loja.',
  'scope.feature.integration-question':
    'Pergunta se a plataforma tem uma integração (“Vocês têm integração com o TikTok Shop?”), sem falha nem reclamação: a Base de Conhecimento responde.',
};

/** A rule as staff read it: its description without the final period; an unknown id as itself. */
export function ruleLabel(id: string): string {
  const description = Object.hasOwn(RULE_DESCRIPTIONS, id) ? RULE_DESCRIPTIONS[id] : undefined;
  return description ? description.replace(/\.$/, '') : id;
}
