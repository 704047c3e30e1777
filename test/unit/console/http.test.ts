import { describe, expect, it } from 'vitest';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../shared/adapters/cognito-token-verifier';
import { EXPIRED_SESSION_GRACE_SECONDS, SESSION_COOKIE, SIGNED_OUT_MARKER } from '../../../shared/console/access';
import {
  type ConsoleDeps,
  type ConsoleRequest,
  commandsOf,
  serveConsole,
  sessionCsrf,
} from '../../../shared/console/http';
import { generateLocalKeySet, signLocalIdToken } from '../../../shared/console/local-keys';
import type { CasePage, ConsoleCaseIndex } from '../../../shared/console/ports';
import { ROSTER_PATH } from '../../../shared/console/roster';
import { RosterStaffDirectory } from '../../../shared/adapters/dynamo/staff-directory';
import { attachmentLinksFromEnv } from '../../../shared/adapters/attachment-links';
import type { WorkCase } from '../../../shared/domain/lifecycle/types';
import { officeCalendar } from '../../../shared/domain/calendar';
import { dueDateFrom, OVERDUE_MARK_PT } from '../../../shared/domain/lifecycle/deadlines';
import { anAnalyst } from '../../support/builders';
import { InMemoryBounceRegistry, InMemoryStaffRepository } from '../../support/fakes';
import { handleStaffMail } from '../../../shared/app/lifecycle/staff-mail';
import { localConfig } from '../../../shared/domain/config';
import { MAX_CONSOLE_TEXT_CHARS, MAX_NOTE_CHARS } from '../../../shared/domain/lifecycle/machine';
import { staffReplyAddress } from '../../../shared/domain/lifecycle/reply-address';
import {
  CASE_ID,
  lifecycleWorld,
  MERCHANT,
  PROTOCOL,
  ROSTER,
  SECRET,
  staffMail,
  workCase,
} from '../../support/lifecycle-fakes';

const POOL = 'us-east-1_LocalPool';
const CLIENT = 'console-local';
const keys = generateLocalKeySet();
// carla is an analyst on the roster whose identity-provider group still (or by mistake) says supervisor.
const GROUPS = {
  ana: ['analistas'],
  bruno: ['analistas'],
  sofia: ['supervisores'],
  carla: ['supervisores'],
  edu: ['analistas'],
  x: [],
};
type Who = keyof typeof GROUPS;
const tokenOf = (who: Who, k = keys, now = new Date()) =>
  signLocalIdToken(
    k,
    { sub: `sub-${who}`, staffId: who, groups: GROUPS[who] },
    { issuer: cognitoIssuer(POOL), audience: CLIENT, now, ttlSeconds: 3600 },
  );
const silent = { info: () => {}, warn: () => {} };

class RecordingIndex implements ConsoleCaseIndex {
  calls: Array<{ by: string; key: string; filter: unknown }> = [];
  async byStatus(status: string, filter: unknown): Promise<CasePage> {
    this.calls.push({ by: 'status', key: status, filter });
    return { items: [{ ...workCase(), subject: '<script>alert(1)</script>' }] as never, next: 'abc' };
  }
  async byStatuses(statuses: readonly string[], filter: unknown): Promise<CasePage> {
    this.calls.push({ by: 'statuses', key: statuses.join(','), filter });
    return { items: [{ ...workCase(), status: 'WAITING_MERCHANT' }] as never };
  }
  async bySender(email: string, filter: unknown): Promise<CasePage> {
    this.calls.push({ by: 'sender', key: email, filter });
    return { items: [] };
  }
}

function world(cases = [workCase(), workCase({ caseId: 'other', protocol: 'OUV-2026-000124', assignee: 'bruno' })]) {
  const w = lifecycleWorld({ cases });
  const index = new RecordingIndex();
  const deps: ConsoleDeps = {
    verifier: cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: keys.jwks }),
    index,
    lifecycle: w.deps,
    signIn: {
      start: () => ({ location: '/equipe/entrar' }),
      serve: async () => null,
      signedOut: () => '/equipe/entrar',
    },
  };
  const request = (
    method: string,
    path: string,
    options: { token?: string; form?: Record<string, string>; query?: string; headers?: Record<string, string> } = {},
  ): ConsoleRequest => ({
    method,
    rawPath: path,
    headers: {
      ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...options.headers,
    },
    ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}),
    isBase64Encoded: false,
    sourceIp: '127.0.0.1',
    ...(options.token ? { cookies: [`${SESSION_COOKIE}=${options.token}`] } : {}),
    ...(options.query ? { rawQueryString: options.query } : {}),
  });
  const serve = (r: ConsoleRequest) => serveConsole(r, deps, silent);
  return { w, deps, index, request, serve };
}

/** A clean webform file on the case's first message (the kind the case page links). */
const FILE_KEY = 'uploads/6f1c2b7e-1d7a-4a55-9a57-2f2f1c1f0a11/01';
function withFile(c: WorkCase, scan: 'NO_THREATS_FOUND' | 'THREATS_FOUND' = 'NO_THREATS_FOUND'): WorkCase {
  const [first, ...rest] = c.messages;
  const file = {
    key: FILE_KEY,
    filename: 'fatura fevereiro.pdf',
    contentType: 'application/pdf',
    size: 48213,
    inline: false,
    scan,
  };
  return { ...c, messages: [{ ...(first as WorkCase['messages'][number]), attachments: [file] }, ...rest] };
}
/** The uploads bucket's tags of FILE_KEY: still the file its case claimed (`tags` to change them). */
function claimedUploads(caseId = CASE_ID) {
  const state: { tags: Record<string, string>; get(key: string): Promise<Record<string, string>> } = {
    tags: { 'ouvidoria-upload': 'attached', 'ouvidoria-case': caseId, GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND' },
    get: async (key) => (key === FILE_KEY ? state.tags : {}),
  };
  return state;
}
/** Links signed as on AWS (the function's role credentials). */
const s3Links = (now: Date) =>
  attachmentLinksFromEnv(
    {
      UPLOADS_BUCKET: 'ouv-uploads',
      AWS_REGION: 'sa-east-1',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    },
    { now: () => now },
  );

/** The session cookie once a session is over: the marker, not nothing (API Gateway's bare 401). */
const ENDED = `${SESSION_COOKIE}=${SIGNED_OUT_MARKER}; Path=/; Max-Age=${EXPIRED_SESSION_GRACE_SECONDS};`;

const post = (token: string, fields: Record<string, string>) => ({
  token,
  form: { csrf: sessionCsrf(token, SECRET), id: crypto.randomUUID(), ...fields },
});

describe('serveConsole — authentication', () => {
  it('is null outside /equipe; no session: GET goes to sign-in, POST is 401', async () => {
    const { serve, request } = world();
    expect(await serve(request('GET', '/consulta'))).toBeNull();
    const get = await serve(request('GET', '/equipe'));
    expect(get?.statusCode).toBe(303);
    expect(get?.headers['location']).toBe('/equipe/entrar');
    expect((await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, { form: {} })))?.statusCode).toBe(401);
  });

  it('the entry serves no data: the list (filters kept), a case from ?caso=, or the sign-in; POST is 405', async () => {
    const { serve, request } = world();
    const token = tokenOf('ana');
    const list = await serve(request('GET', '/equipe', { token, query: 'status=WAITING_MERCHANT&busca=x' }));
    expect(list?.statusCode).toBe(303);
    expect(list?.headers['location']).toBe('/equipe/casos?status=WAITING_MERCHANT&busca=x');
    const one = await serve(request('GET', '/equipe', { token, query: `caso=${encodeURIComponent(CASE_ID)}` }));
    expect(one?.headers['location']).toBe(`/equipe/caso/${encodeURIComponent(CASE_ID)}`);
    const bad = await serve(request('GET', '/equipe', { token: tokenOf('ana', generateLocalKeySet()) }));
    expect(bad?.headers['location']).toBe('/equipe/entrar');
    expect(bad?.body).toBe('');
    expect((await serve(request('POST', '/equipe', { token, form: {} })))?.statusCode).toBe(405);
  });

  it('a link to a case (?caso=) without a session signs in first and asks to come back to that case only', async () => {
    const { serve, request, deps } = world();
    const asked: Array<string | undefined> = [];
    deps.signIn = {
      ...deps.signIn,
      start: (_b, returnTo) => {
        asked.push(returnTo);
        return { location: '/equipe/entrar' };
      },
    };
    await serve(request('GET', '/equipe', { query: `caso=${encodeURIComponent(CASE_ID)}` }));
    await serve(request('GET', '/equipe', { query: 'caso=..%2Fpessoas' }));
    await serve(request('GET', '/equipe'));
    expect(asked).toEqual([`/equipe/caso/${encodeURIComponent(CASE_ID)}`, undefined, undefined]);
  });

  // On AWS the sign-in's start sets a PKCE cookie: a refusal page linking to the hosted UI directly
  // would carry a state no cookie holds, and the callback would refuse it ("A entrada expirou…").
  it.each([
    ['no session', undefined],
    ['an expired session', 'expired'],
    ['a forged session', 'forged'],
  ] as const)(
    'a form posted with %s links back through the entry (PKCE started there), to the case',
    async (_, kind) => {
      const { serve, request, deps } = world();
      deps.signIn = {
        ...deps.signIn,
        start: () => ({
          location: 'https://ouv.auth.example/oauth2/authorize?state=abc',
          cookies: ['__Host-ouv_pkce=abc.v'],
        }),
      };
      const token =
        kind === 'expired'
          ? tokenOf('ana', keys, new Date(Date.now() - 7200_000))
          : kind === 'forged'
            ? tokenOf('ana', generateLocalKeySet())
            : undefined;
      const r = await serve(
        request('POST', `/equipe/caso/${encodeURIComponent(CASE_ID)}/acao`, {
          ...(token ? { token } : {}),
          form: { acao: 'note', texto: 'x' },
        }),
      );
      expect(r?.statusCode).toBe(401);
      expect(r?.body).not.toContain('ouv.auth.example');
      expect(r?.body).toContain(`href="/equipe?caso=${encodeURIComponent(CASE_ID)}"`);
    },
  );

  // Half an hour writing an answer, and the session ended meanwhile: her words are on the page to copy.
  it.each([
    ['expired', (): string | undefined => tokenOf('ana', keys, new Date(Date.now() - 7200_000))],
    ['gone (the cookie dropped)', (): string | undefined => undefined],
  ])('a form posted with a session %s shows back what she wrote, escaped, and does nothing', async (_, tokenFn) => {
    const { serve, request, w } = world();
    const origin = new URL(w.deps.config.webformOrigin).origin;
    const before = JSON.stringify(await w.deps.cases.get(CASE_ID));
    const texto = 'Olá, Maria! Verifiquei o pedido <b>#4821</b> & o estorno sai em 5 dias úteis.';
    const token = tokenFn();
    const own = await serve(
      request('POST', `/equipe/caso/${encodeURIComponent(CASE_ID)}/acao`, {
        ...(token ? { token } : {}),
        form: { acao: 'answer', texto, csrf: 'x' },
        headers: { origin, 'sec-fetch-site': 'same-origin' },
      }),
    );
    expect(own?.statusCode).toBe(401);
    expect(own?.body).toContain('Olá, Maria! Verifiquei o pedido &lt;b&gt;#4821&lt;/b&gt; &amp; o estorno');
    expect(own?.body).toContain('Nada foi enviado nem registrado');
    expect(JSON.stringify(await w.deps.cases.get(CASE_ID))).toBe(before);
    // Posted from another site: someone else's words are never shown on our origin.
    const foreign = await serve(
      request('POST', `/equipe/caso/${encodeURIComponent(CASE_ID)}/acao`, {
        ...(token ? { token } : {}),
        form: { acao: 'answer', texto: 'Sua senha expirou: entre em https://golpe.example', csrf: 'x' },
        headers: { origin: 'https://golpe.example', 'sec-fetch-site': 'cross-site' },
      }),
    );
    expect(foreign?.statusCode).toBe(401);
    expect(foreign?.body).not.toContain('golpe.example');
    expect(foreign?.body).not.toContain('Nada foi enviado');
  });

  const CASE_ACTION = `/equipe/caso/${encodeURIComponent(CASE_ID)}/acao`;
  // Her text came back, the rest of the form did not: the "aguardar" box, a transfer's target, an
  // extension's days and reason, a closing's result and summary, a roster entry were lost.
  it.each<[string, string, Record<string, string>, string[], string[]]>([
    [
      'an answer that waits for the merchant',
      CASE_ACTION,
      { acao: 'answer', texto: 'Olá, Maria: o estorno sai em 5 dias úteis.', aguardar: '1' },
      ['Olá, Maria: o estorno sai em 5 dias úteis.', '<dt>Aguardar o lojista depois de enviar</dt><dd>sim</dd>'],
      [],
    ],
    [
      'an answer that does not wait',
      CASE_ACTION,
      { acao: 'answer', texto: 'Olá, Maria.' },
      ['Olá, Maria.'],
      ['Aguardar o lojista'],
    ],
    [
      'an extension',
      CASE_ACTION,
      { acao: 'extend', dias: '3', motivo: 'Aguardando o <b>banco</b> & a transportadora' },
      [
        '<dt>Dias úteis da prorrogação</dt><dd>3</dd>',
        '<dd>Aguardando o &lt;b&gt;banco&lt;/b&gt; &amp; a transportadora</dd>',
        'Nada foi enviado nem registrado',
      ],
      ['<b>banco</b>', 'texto-guardado'],
    ],
    [
      'a transfer with a note',
      CASE_ACTION,
      { acao: 'transfer', para: 'bruno', texto: 'Bruno, o lojista prefere telefone.' },
      ['<dt>Transferir para</dt><dd>bruno</dd>', 'Bruno, o lojista prefere telefone.'],
      [],
    ],
    [
      'a closing',
      CASE_ACTION,
      { acao: 'close', categoria: 'resolvido', resumo: 'Estorno feito.' },
      ['<dd>Resolvido</dd>', '<dt>Resumo do encerramento</dt><dd>Estorno feito.</dd>'],
      [],
    ],
    [
      'a roster entry',
      ROSTER_PATH,
      { op: 'add', pessoa: 'carla', nome: 'Carla <Lima>', email: 'carla@ouvidoria.example.com.br' },
      ['<dt>Id da pessoa</dt><dd>carla</dd>', '<dd>Carla &lt;Lima&gt;</dd>', '<dd>carla@ouvidoria.example.com.br</dd>'],
      ['Carla <Lima>'],
    ],
    [
      'what the case waits for',
      CASE_ACTION,
      { acao: 'wait', aguardando: 'nota fiscal <NF-e 4821>' },
      ['<dt>O que se aguarda</dt><dd>nota fiscal &lt;NF-e 4821&gt;</dd>'],
      ['<NF-e'],
    ],
  ])(
    'a form posted after the session ended keeps its other fields, escaped: %s',
    async (_, __, form, shown, hidden) => {
      const { serve, request, w } = world();
      const origin = new URL(w.deps.config.webformOrigin).origin;
      const r = await serve(
        request('POST', `/equipe/caso/${encodeURIComponent(CASE_ID)}/acao`, {
          form: { ...form, csrf: 'x' },
          headers: { origin, 'sec-fetch-site': 'same-origin' },
        }),
      );
      expect(r?.statusCode).toBe(401);
      for (const s of shown) expect(r?.body).toContain(s);
      for (const s of hidden) expect(r?.body).not.toContain(s);
      // From another site, nothing of it.
      const foreign = await serve(
        request('POST', `/equipe/caso/${encodeURIComponent(CASE_ID)}/acao`, {
          form: { ...form, csrf: 'x' },
          headers: { origin: 'https://golpe.example', 'sec-fetch-site': 'cross-site' },
        }),
      );
      expect(foreign?.body).not.toContain('Nada foi enviado');
      expect(foreign?.body).not.toContain('<dl class="unsent">');
    },
  );

  // "Sair" in another tab leaves the marker, which the authorizer passes: the function treats it as no
  // session — the sign-in for a page, her text shown back for a form — and serves nothing of a case.
  it('the marker of a session ended in this browser is no session: sign-in for a page, her text for a form', async () => {
    const { serve, request, w, deps } = world();
    const asked: Array<string | undefined> = [];
    deps.signIn = { ...deps.signIn, start: (_b, back) => (asked.push(back), { location: '/equipe/entrar' }) };
    const cookies = [`${SESSION_COOKIE}=${SIGNED_OUT_MARKER}`];
    const casePath = `/equipe/caso/${encodeURIComponent(CASE_ID)}`;
    for (const path of ['/equipe', '/equipe/casos', casePath]) {
      const r = await serve({ ...request('GET', path), cookies });
      expect(r?.statusCode).toBe(303);
      expect(r?.headers['location']).toBe('/equipe/entrar');
      expect(r?.body ?? '').not.toContain('OUV-');
    }
    expect(asked).toEqual([undefined, undefined, casePath]);
    const origin = new URL(w.deps.config.webformOrigin).origin;
    const before = JSON.stringify(await w.deps.cases.get(CASE_ID));
    const posted = await serve({
      ...request('POST', `${casePath}/acao`, {
        form: { acao: 'answer', texto: 'Olá, Maria: o estorno sai em 5 dias úteis.', csrf: 'x' },
        headers: { origin, 'sec-fetch-site': 'same-origin' },
      }),
      cookies,
    });
    expect(posted?.statusCode).toBe(401);
    expect(posted?.body).toContain('Olá, Maria: o estorno sai em 5 dias úteis.');
    expect(posted?.body).toContain(`href="/equipe?caso=${encodeURIComponent(CASE_ID)}"`);
    expect(JSON.stringify(await w.deps.cases.get(CASE_ID))).toBe(before);
  });

  it('a page asked without a session goes to the sign-in, to come back to its case', async () => {
    const { serve, request, deps } = world();
    const asked: Array<string | undefined> = [];
    deps.signIn = { ...deps.signIn, start: (_b, back) => (asked.push(back), { location: '/equipe/entrar' }) };
    const casePath = `/equipe/caso/${encodeURIComponent(CASE_ID)}`;
    for (const path of [casePath, `${casePath}/arquivo`, '/equipe/casos', '/equipe/caso/a%2F..%2Fpessoas']) {
      expect((await serve(request('GET', path)))?.statusCode).toBe(303);
    }
    expect(asked).toEqual([casePath, casePath, undefined, undefined]);
  });

  it('forged and foreign tokens are 401 and clear the cookie', async () => {
    const { serve, request } = world();
    for (const token of [tokenOf('ana', generateLocalKeySet()), 'garbage']) {
      for (const method of ['GET', 'POST'] as const) {
        const r = await serve(request(method, '/equipe/casos', { token }));
        expect(r?.statusCode).toBe(401);
        expect(r?.cookies?.[0]).toContain(ENDED);
      }
    }
  });

  // The authorizer lets a session expired within its window through, so that this answer, not API
  // Gateway's bare JSON, is what a tab left open overnight or a bookmark meets.
  it.each([
    ['the list', '/equipe/casos', undefined],
    ['a case page', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, `/equipe/caso/${encodeURIComponent(CASE_ID)}`],
    [
      'a file of a case',
      `/equipe/caso/${encodeURIComponent(CASE_ID)}/arquivo`,
      `/equipe/caso/${encodeURIComponent(CASE_ID)}`,
    ],
    ['the roster', '/equipe/pessoas', undefined],
    ['a path of no case', '/equipe/caso/..%2Fpessoas', undefined],
  ])('an expired session on %s goes to the sign-in, back to the same case, cookie cleared', async (_, path, back) => {
    const { serve, request, deps } = world();
    const asked: Array<string | undefined> = [];
    deps.signIn = {
      ...deps.signIn,
      start: (_b, returnTo) => {
        asked.push(returnTo);
        return { location: '/equipe/entrar', cookies: ['__Host-ouv_pkce=x'] };
      },
    };
    const expired = tokenOf('ana', keys, new Date(Date.now() - 7200_000));
    for (const method of ['GET', 'HEAD'] as const) {
      const r = await serve(request(method, path, { token: expired }));
      expect(r?.statusCode).toBe(303);
      expect(r?.headers['location']).toBe('/equipe/entrar');
      expect(r?.cookies).toEqual([expect.stringContaining(ENDED), '__Host-ouv_pkce=x']);
    }
    expect(asked).toEqual([back, back]);
    // A form posted with it is not redirected (its text would be lost on the way): a page says so.
    const posted = await serve(request('POST', '/equipe/casos', { token: expired }));
    expect(posted?.statusCode).toBe(401);
    expect(posted?.body).toContain('Sua sessão expirou');
  });

  it('no staff group, or an inactive roster member: 403', async () => {
    const { serve, request } = world();
    expect((await serve(request('GET', '/equipe/casos', { token: tokenOf('x') })))?.statusCode).toBe(403);
    expect((await serve(request('GET', '/equipe/casos', { token: tokenOf('edu') })))?.statusCode).toBe(403);
  });
});

describe('serveConsole — the case page of a long case', () => {
  // 120 messages: the page lists 50 at a time; `?anteriores=` (the page's own link) names where.
  const base = workCase();
  const messages = Array.from({ length: 120 }, (_, i) => ({
    ...base.messages[0]!,
    sourceId: `ses-${i + 1}`,
    text: `Mensagem número ${i + 1}: ainda sem o estorno.`,
  }));
  // The texts read are the 50 listed (one text-store GET each when long), not the case's 120.
  it.each([
    { query: '', says: 'Mensagens 71 a 120 de 120.', from: 71, to: 120 },
    { query: 'anteriores=70', says: 'Mensagens 21 a 70 de 120.', from: 21, to: 70 },
    { query: 'anteriores=abc', says: 'Mensagens 71 a 120 de 120.', from: 71, to: 120 },
    { query: 'anteriores=30', says: 'Mensagens 1 a 30 de 120.', from: 1, to: 30 },
  ])('GET $query lists "$says", reading those texts only', async ({ query, says, from, to }) => {
    const { serve, request, w } = world([workCase({ messages })]);
    const page = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: tokenOf('ana'), query }));
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain(says);
    for (let n = from; n <= to; n++) expect(page?.body).toContain(`Mensagem número ${n}: ainda sem o estorno.`);
    expect(w.cases.textReads).toBe(to - from + 1);
  });

  // An action reads the texts its mails send, not the case's 120 nor the page's 50.
  it.each<{ acao: string; fields: Record<string, string>; reads: number; mailHas?: string; lands?: string }>([
    {
      acao: 'answer',
      fields: { texto: 'Olá, Maria. O estorno foi pedido hoje.' },
      reads: 0,
      mailHas: 'estorno foi pedido',
    },
    { acao: 'note', fields: { texto: 'Liguei para a loja.' }, reads: 0 },
    // The transfer notice quotes the newest exchanges (TRANSFER_TIMELINE_ENTRIES), read once, after the commit.
    {
      acao: 'transfer',
      fields: { para: 'carla' },
      reads: 8,
      mailHas: 'Mensagem número 120: ainda sem o estorno.',
      lands: 'transferido=',
    },
  ])('POST $acao reads only the texts its mails send ($reads)', async ({ acao, fields, reads, mailHas, lands }) => {
    const { serve, request, w } = world([workCase({ messages })]);
    const r = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('ana'), { acao, ...fields })));
    expect(r?.headers['location']).toContain(lands ?? `feito=${acao}`);
    expect(w.cases.textReads).toBe(reads);
    if (mailHas) expect(w.mailer.sent.map((m) => m.text).join('\n')).toContain(mailHas);
  });

  it('the same answer sent again with its text changed is still told apart (its own text is read)', async () => {
    const { serve, request, w } = world([workCase({ messages })]);
    const ana = tokenOf('ana');
    const form = post(ana, { acao: 'answer', texto: 'Olá, Maria. O estorno foi pedido.' });
    await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, form));
    w.cases.textReads = 0;
    const again = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, { ...form, form: { ...form.form, texto: 'Outro texto.' } }),
    );
    expect(new URL(again?.headers['location'] ?? '', 'https://x').searchParams.get('repetido')).toBe('answer');
    expect(w.cases.textReads).toBe(1);
  });

  it('an incomplete form answers with the page itself: its 50 texts, as a GET', async () => {
    const { serve, request, w } = world([workCase({ messages })]);
    const r = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('ana'), { acao: 'bogus' })));
    expect(r?.statusCode).toBe(400);
    expect(r?.body).toContain('O formulário veio incompleto.');
    expect(r?.body).toContain('Mensagem número 71: ainda sem o estorno.');
    expect(r?.body).toContain('Mensagem número 120: ainda sem o estorno.');
    expect(w.cases.textReads).toBe(50);
  });
});

describe('serveConsole — who sees what', () => {
  it('an analyst sees their case, not another analyst’s (403); a supervisor sees both', async () => {
    const { serve, request } = world();
    const own = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: tokenOf('ana') }));
    expect(own?.statusCode).toBe(200);
    expect(own?.body).toContain('<span>Ana Lima (analista)</span>');
    expect(own?.body).toContain(PROTOCOL);
    expect(own?.body).toContain('Enviar resposta');
    expect((await serve(request('GET', '/equipe/caso/other', { token: tokenOf('ana') })))?.statusCode).toBe(403);
    for (const id of [CASE_ID, 'other']) {
      expect((await serve(request('GET', `/equipe/caso/${id}`, { token: tokenOf('sofia') })))?.statusCode).toBe(200);
    }
  });

  it('the list queries the index: an analyst is limited to own + unassigned, a supervisor filters freely', async () => {
    const { serve, request, index } = world();
    const r = await serve(
      request('GET', '/equipe/casos', { token: tokenOf('ana'), query: 'status=IN_PROGRESS&analista=bruno' }),
    );
    expect(r?.statusCode).toBe(200);
    expect(r?.body).not.toContain('<script>alert(1)</script>');
    expect(r?.body).toContain('&lt;script&gt;');
    expect(r?.body).toContain('Próxima página');
    expect(index.calls[0]).toEqual({ by: 'status', key: 'IN_PROGRESS', filter: { assigneeOrNone: 'ana' } });
    await serve(
      request('GET', '/equipe/casos', { token: tokenOf('sofia'), query: 'analista=bruno&resultado=ACCEPTED' }),
    );
    expect(index.calls[1]).toEqual({
      by: 'statuses',
      key: 'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT',
      filter: { assignee: 'bruno', outcome: 'ACCEPTED' },
    });
    await serve(request('GET', '/equipe/casos', { token: tokenOf('sofia'), query: `busca=${MERCHANT}` }));
    expect(index.calls[2]).toMatchObject({ by: 'sender', key: MERCHANT });
  });

  it('the first view is every open case (queue included); "Todos" lists every status; the choice stays shown', async () => {
    const { serve, request, index } = world();
    const sofia = tokenOf('sofia');
    const first = await serve(request('GET', '/equipe/casos', { token: sofia }));
    expect(index.calls[0]).toEqual({ by: 'statuses', key: 'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT', filter: {} });
    expect(first?.body).toMatch(/<option value="abertos" selected>Em aberto[^<]*<\/option>/);
    expect(first?.body).toContain('<option value="todos">Todos</option>');
    expect(first?.body).toContain('Aguardando o lojista');
    const all = await serve(request('GET', '/equipe/casos', { token: sofia, query: 'status=todos' }));
    expect(index.calls[1]).toEqual({
      by: 'statuses',
      key: 'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT,CLOSED,REDIRECTED,QUARANTINED',
      filter: {},
    });
    expect(all?.body).toContain('<option value="todos" selected>Todos</option>');
  });

  // A guided or held submission is never open: its outcome with the open view (the form's default
  // situation) lists every status, and the form says so; an outcome that can be open keeps the view.
  it.each([
    [
      'status=abertos&resultado=NO_PRIOR_TICKET',
      'statuses',
      'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT,CLOSED,REDIRECTED,QUARANTINED',
      'todos',
    ],
    [
      'resultado=QUARANTINED',
      'statuses',
      'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT,CLOSED,REDIRECTED,QUARANTINED',
      'todos',
    ],
    ['status=abertos&resultado=ACCEPTED', 'statuses', 'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT', 'abertos'],
    ['status=REDIRECTED&resultado=BILLING_QUESTION', 'status', 'REDIRECTED', 'REDIRECTED'],
  ])('filtering %s lists by %s %s (form: %s)', async (query, by, key, selected) => {
    const { serve, request, index } = world();
    const r = await serve(request('GET', '/equipe/casos', { token: tokenOf('sofia'), query }));
    expect(index.calls[0]).toMatchObject({ by, key });
    expect(r?.body).toContain(`<option value="${selected}" selected>`);
  });

  it.each([
    ['status=CLOSED&', { statuses: ['CLOSED'] }, '<option value="CLOSED" selected>'],
    [
      'status=abertos&',
      { statuses: ['QUEUED', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_MERCHANT'] },
      '<option value="abertos" selected>',
    ],
    ['status=todos&', {}, '<option value="todos" selected>'],
    // From the first view, where no situation was chosen: everything the sender sent.
    ['', {}, '<option value="todos" selected>'],
  ])('a search by sender (%s) keeps the status shown in the filter: %j', async (status, expected, selected) => {
    const { serve, request, index } = world();
    const r = await serve(
      request('GET', '/equipe/casos', {
        token: tokenOf('sofia'),
        query: `${status}resultado=ACCEPTED&busca=${encodeURIComponent(MERCHANT)}`,
      }),
    );
    expect(index.calls).toEqual([{ by: 'sender', key: MERCHANT, filter: { outcome: 'ACCEPTED', ...expected } }]);
    expect(r?.body).toContain(selected);
  });

  const OPEN = 'QUEUED,ASSIGNED,IN_PROGRESS,WAITING_MERCHANT';
  const ALL_BUT_HELD = `${OPEN},CLOSED,REDIRECTED`;
  // [query, the index call an analyst's list makes (none: an empty list)]: held mail is not listed.
  it.each([
    ['status=QUARANTINED', undefined],
    ['status=todos', { by: 'statuses', key: ALL_BUT_HELD, filter: { assigneeOrNone: 'ana' } }],
    ['status=REDIRECTED', { by: 'status', key: 'REDIRECTED', filter: { assigneeOrNone: 'ana' } }],
    [
      `busca=${encodeURIComponent(MERCHANT)}`,
      { by: 'sender', key: MERCHANT, filter: { assigneeOrNone: 'ana', statuses: ALL_BUT_HELD.split(',') } },
    ],
    [`status=QUARANTINED&busca=${encodeURIComponent(MERCHANT)}`, undefined],
  ])('an analyst’s list (%s) never holds quarantined mail', async (query, call) => {
    const { serve, request, index } = world();
    const r = await serve(request('GET', '/equipe/casos', { token: tokenOf('ana'), query }));
    expect(r?.statusCode).toBe(200);
    expect(index.calls).toEqual(call ? [call] : []);
  });

  it.each([
    ['ana', 'Ana Lima'],
    ['zeca', 'zeca'], // not on the roster (any more): the id, as the case page does
    [undefined, 'sem analista'],
  ])('the list names the analyst %s from the roster: %s', async (assignee, shown) => {
    const { serve, request, index } = world();
    index.byStatuses = async () => ({ items: [workCase(assignee ? { assignee } : { assignee: undefined })] as never });
    const r = await serve(request('GET', '/equipe/casos', { token: tokenOf('sofia') }));
    const cells = [...(r?.body ?? '').matchAll(/<td>([^<]*)<\/td>\s*<td[^>]*>[^<]*<\/td><\/tr>/g)].map((m) => m[1]);
    expect(cells).toEqual([shown]);
  });

  it('a supervisor filters by analyst from a list of names when the roster is there (an id to type otherwise)', async () => {
    const { serve, request, deps, index } = world();
    const sofia = tokenOf('sofia');
    const bare = await serve(request('GET', '/equipe/casos', { token: sofia, query: 'analista=bruno' }));
    expect(bare?.body).toContain('<input id="f-analista" name="analista" value="bruno"');
    deps.roster = new InMemoryStaffRepository([
      anAnalyst({ id: 'bruno', name: 'Bruno Costa' }),
      anAnalyst({ id: 'ana', name: 'Ana Lima' }),
    ]);
    const r = await serve(request('GET', '/equipe/casos', { token: sofia, query: 'analista=bruno' }));
    expect(r?.body).toMatch(
      /<select id="f-analista" name="analista"><option value="">Todas as pessoas<\/option><option value="ana">Ana Lima<\/option><option value="bruno" selected>Bruno Costa<\/option><\/select>/,
    );
    expect(index.calls.at(-1)?.filter).toEqual({ assignee: 'bruno' });
  });

  // Journey 48: Ana away, her open cases waiting on her; the supervisor's list now says so (the
  // roster's leave on the console's clock, 12/03/2026: a leave over or to come is not shown).
  it.each([
    ['going on', { from: '2026-03-10', to: '2026-03-20' }, 'Ana Lima<br><small>em afastamento até 20/03/2026</small>'],
    ['to come', { from: '2026-03-13', to: '2026-03-20' }, 'Ana Lima'],
    ['over', { from: '2026-03-01', to: '2026-03-11' }, 'Ana Lima'],
  ])('a leave %s: the supervisor’s list says so only while it goes on', async (_label, leave, shown) => {
    const { serve, request, deps, index } = world();
    deps.roster = new InMemoryStaffRepository([anAnalyst({ id: 'ana', name: 'Ana Lima', leave })]);
    index.byStatuses = async () => ({ items: [workCase({ assignee: 'ana' })] as never });
    const r = await serve(request('GET', '/equipe/casos', { token: tokenOf('sofia') }));
    expect(r?.body).toContain(`<td>${shown}</td>`);
  });

  // Someone wrote from another address citing Ana's case; a second citing record was erased (LGPD).
  it.each(['ana', 'sofia'] as const)('the cited case’s page lists the mail that cites it (%s)', async (who) => {
    const citing = workCase({
      caseId: 'email:ses-0020',
      protocol: undefined,
      status: 'REDIRECTED' as never,
      outcome: 'NO_PRIOR_TICKET',
      assignee: undefined,
      senderEmail: 'financeiro@outraloja.com.br',
      subject: 'Sobre o protocolo OUV-2026-000123',
      createdAt: '2026-03-12T13:30:00.000Z',
      referencedCaseId: CASE_ID,
    });
    const cited = workCase({ citedBy: ['email:ses-0020', 'email:ses-apagado'] });
    const { serve, request, w } = world([cited, citing]);
    const page = await serve(request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf(who) }));
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain('<dt>Citado por</dt>');
    expect(page?.body).toContain('1 mensagem cita este caso sem ter sido juntada a ele');
    expect(page?.body).toContain(
      '<a href="/equipe/caso/email%3Ases-0020">mensagem de 12/03/2026, 10:30</a> — financeiro@outraloja.com.br: Sobre o protocolo OUV-2026-000123',
    );
    expect(page?.body).not.toContain('ses-apagado');
    // The citing record is listed by its address and subject: none of its texts is read.
    expect(w.cases.textReads).toBe(cited.messages.length);
  });

  it('a search by protocol opens the case when visible', async () => {
    const { serve, request, w } = world();
    // The search redirects: it reads the case's state, not its messages (their texts).
    let wholeReads = 0;
    const whole = w.deps.cases.getByProtocol.bind(w.deps.cases);
    w.deps.cases.getByProtocol = (protocol: string) => {
      wholeReads++;
      return whole(protocol);
    };
    const r = await serve(
      request('GET', '/equipe/casos', { token: tokenOf('ana'), query: `busca=${PROTOCOL.toLowerCase()}` }),
    );
    expect(r?.statusCode).toBe(303);
    expect(r?.headers['location']).toBe(`/equipe/caso/${encodeURIComponent(CASE_ID)}`);
    const hidden = await serve(
      request('GET', '/equipe/casos', { token: tokenOf('ana'), query: 'busca=OUV-2026-000124' }),
    );
    expect(hidden?.statusCode).toBe(200);
    expect(hidden?.body).toContain('Nenhum caso visível');
    expect(wholeReads).toBe(0);
  });

  it.each([
    ['a zero-width space pasted inside', (p: string) => p.replace('-2026-', '-2026-\u200b')],
    ['a soft hyphen and a word joiner around it', (p: string) => `\u2060${p}\u00ad`],
    ['typed as in /consulta, spaces and no padding', (p: string) => p.replace(/-/g, ' ').replace(/ 0+/, ' ')],
  ])('a search by protocol with %s opens the case', async (_, typed) => {
    const { serve, request } = world();
    const r = await serve(
      request('GET', '/equipe/casos', { token: tokenOf('ana'), query: `busca=${encodeURIComponent(typed(PROTOCOL))}` }),
    );
    expect(r?.statusCode).toBe(303);
    expect(r?.headers['location']).toBe(`/equipe/caso/${encodeURIComponent(CASE_ID)}`);
  });

  it('a search by address drops the invisible characters pasted with it', async () => {
    const { serve, request, index } = world();
    const pasted = `\u200b${MERCHANT.replace('@', '\u2060@')}\u00ad`;
    const r = await serve(
      request('GET', '/equipe/casos', { token: tokenOf('sofia'), query: `busca=${encodeURIComponent(pasted)}` }),
    );
    expect(index.calls[0]).toMatchObject({ by: 'sender', key: MERCHANT });
    expect(r?.body).toContain(`name="busca" value="${MERCHANT}"`);
  });
});

describe('serveConsole — the case page’s history', () => {
  it.each([
    { name: 'as the assignment function writes it now', history: 'event' },
    { name: 'assigned before it wrote its event', history: 'none' },
  ] as const)('a freshly assigned case shows its assignment, $name', async ({ history }) => {
    const at = '2026-03-12T13:05:00.000Z';
    const c = workCase({
      status: 'ASSIGNED',
      assignee: 'ana',
      assignedAt: at,
      history:
        history === 'event'
          ? [{ type: 'assigned', analystId: 'ana', dueAt: '2026-03-26T20:59:00.000Z', at, actor: { kind: 'system' } }]
          : [],
    });
    const { serve, request } = world([c]);
    for (const who of ['ana', 'sofia'] as const) {
      const page = await serve(request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf(who) }));
      expect(page?.statusCode).toBe(200);
      const entries = page?.body.slice(page.body.indexOf('<h2>Histórico</h2>')).match(/<li><time[\s\S]*?<\/li>/g);
      expect(entries).toEqual([
        `<li><time datetime="${at}">12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima</li>`,
      ]);
    }
  });
});

describe('serveConsole — the due date of a case waiting for its analyst', () => {
  // Journeys round: queued after hours, the case showed "Prazo —" though its acknowledgement had
  // already told the merchant a date — the one its assignment gives it (dueDateFrom its receipt).
  it('shows the date the merchant was told, marked as such; an assigned case shows its own', async () => {
    const queued = workCase({
      status: 'QUEUED',
      assignee: undefined,
      dueAt: undefined,
      createdAt: '2026-03-12T20:00:00.000Z',
    });
    const { serve, request, w } = world([queued]);
    const told = dueDateFrom(new Date(queued.createdAt), w.deps.config, officeCalendar(w.deps.config, 'office'));
    const page = await serve(
      request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf('sofia') }),
    );
    expect(page?.statusCode).toBe(200);
    const due = page?.body.match(/<dt>Prazo<\/dt><dd[^>]*>([^<]*)<\/dd>/)?.[1];
    expect(due).toContain('(informado ao lojista; o caso aguarda analista)');
    expect(due).toContain(told.toLocaleDateString('pt-BR', { timeZone: w.deps.config.timeZone }));

    const assigned = world([workCase()]);
    const other = await assigned.serve(
      assigned.request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf('sofia') }),
    );
    expect(other?.body).not.toContain('informado ao lojista; o caso aguarda analista');
  });

  it('a case still waiting past the date the merchant was told is marked late, as an assigned one is', async () => {
    const waiting = (createdAt: string) =>
      workCase({ status: 'QUEUED', assignee: undefined, dueAt: undefined, createdAt });
    const due = async (c: ReturnType<typeof workCase>) => {
      const { serve, request } = world([c]);
      const page = await serve(
        request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf('sofia') }),
      );
      return page?.body.match(/<dt>Prazo<\/dt>(<dd[^>]*>[^<]*<\/dd>)/)?.[1] ?? '';
    };
    // Weeks before the console's clock: the promised date has passed.
    const late = await due(waiting('2026-01-05T12:00:00.000Z'));
    expect(late).toContain('class="overdue"');
    expect(late).toContain(OVERDUE_MARK_PT);
    // Received the day before: still within it.
    const onTime = await due(waiting('2026-03-11T12:00:00.000Z'));
    expect(onTime).not.toContain('class="overdue"');
    expect(onTime).not.toContain(OVERDUE_MARK_PT);
  });
});

describe('serveConsole — a queued case waiting for office hours says when it will be assigned', () => {
  // Mend 51: at night staff saw "Na fila" and "sem analista", nothing of the assignment the function
  // had deferred to the office's opening. Thursday 12/03/2026: 20:30 in São Paulo, then 11:00.
  it.each([
    [
      'at night: Friday’s opening',
      '2026-03-12T23:30:00.000Z',
      'será atribuído em 13/03/2026, 09:00, na abertura do expediente',
    ],
    ['in office hours: being assigned, nothing said', '2026-03-12T14:00:00.000Z', undefined],
  ])('%s — on its page and in the list', async (_when, now, line) => {
    const queued = workCase({
      status: 'QUEUED',
      assignee: undefined,
      dueAt: undefined,
      createdAt: '2026-03-12T23:00:00.000Z',
    });
    const { serve, request, w, index } = world([queued]);
    w.clock.set(new Date(now));
    index.byStatus = async () => ({ items: [queued] as never });
    const page = await serve(
      request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf('sofia') }),
    );
    const analyst = page?.body.match(/<dt>Analista<\/dt><dd>(.*?)<\/dd>/)?.[1] ?? '';
    expect(analyst).toContain('sem analista');
    const list = await serve(request('GET', '/equipe/casos', { token: tokenOf('sofia'), query: 'status=QUEUED' }));
    const row = list?.body.match(/<tr><td><a [\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(row).toContain('sem analista');
    for (const shown of [analyst, row]) {
      if (line) expect(shown).toContain(line);
      else expect(shown).not.toContain('será atribuído');
    }
  });
});

describe('serveConsole — the released-from-quarantine line names the supervisor from the roster', () => {
  // Newcomer 52 on the local stack: her reply released into her queued case read "Liberado da
  // quarentena por sofia": the page reads the roster for the transfer form only on a workable case,
  // and otherwise looked up only the staff the case's history names, not who released its mail.
  const RELEASE = { by: 'sofia', at: '2026-03-11T13:20:00.000Z' };
  const released = (c: WorkCase): WorkCase => ({
    ...c,
    messages: [
      ...c.messages,
      {
        sourceId: '0100019abcdef-released',
        channel: 'email',
        receivedAt: '2026-03-11T13:00:00.000Z',
        subject: 'Re: Cobrança em duplicidade — chamado #48213',
        text: 'Segue o comprovante da segunda cobrança, que também caiu ontem no cartão.',
        attachments: [],
        messageId: 'CAF=merchant-2@mail.gmail.com',
        released: RELEASE,
      },
    ],
  });
  it.each([
    ['her reply released into her queued case', released(workCase({ status: 'QUEUED', assignee: undefined }))],
    [
      'her reply released into her closed case',
      released(
        workCase({
          status: 'CLOSED',
          closure: { category: 'procedente', summary: 'Estorno feito', at: '2026-03-11T12:00:00.000Z', by: 'ana' },
        }),
      ),
    ],
    [
      'a queued case a release opened',
      workCase({
        status: 'QUEUED',
        assignee: undefined,
        reviewOutcome: 'released',
        reviewedBy: RELEASE.by,
        reviewedAt: RELEASE.at,
      }),
    ],
  ])('%s', async (_name, c) => {
    const { serve, request } = world([c]);
    const page = await serve(
      request('GET', `/equipe/caso/${encodeURIComponent(CASE_ID)}`, { token: tokenOf('sofia') }),
    );
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain('Liberado da quarentena por Sofia Martins em 11/03/2026 às 10:20');
  });
});

describe('serveConsole — the list shows a queued case’s promised date', () => {
  // A queued case's row showed "—" in the Prazo column, and was never marked late, though its page
  // (above) showed the date its acknowledgement had promised.
  it.each([
    ['received weeks before the console’s clock: late', '2026-01-05T12:00:00.000Z', true],
    ['received the day before: within it', '2026-03-11T12:00:00.000Z', false],
  ])('%s', async (_when, createdAt, late) => {
    const queued = workCase({ status: 'QUEUED', assignee: undefined, dueAt: undefined, createdAt });
    const { serve, request, w, index } = world([queued]);
    index.byStatus = async () => ({ items: [queued] as never });
    const told = dueDateFrom(new Date(createdAt), w.deps.config, officeCalendar(w.deps.config, 'office'));
    const list = await serve(request('GET', '/equipe/casos', { token: tokenOf('sofia'), query: 'status=QUEUED' }));
    expect(list?.statusCode).toBe(200);
    const cell = list?.body.match(
      /<tr><td><a [^>]*>[^<]*<\/a><\/td>[\s\S]*?(<td[^>]*>[^<]*(?:<br><small>[^<]*<\/small>)?<\/td>)<\/tr>/,
    )?.[1];
    expect(cell).toContain(told.toLocaleDateString('pt-BR', { timeZone: w.deps.config.timeZone }));
    expect(cell).toContain('informado ao lojista');
    expect([cell?.includes('class="overdue"'), cell?.includes(OVERDUE_MARK_PT)]).toEqual([late, late]);
  });
});

describe('serveConsole — actions', () => {
  it('the analyst answers: relayed to the merchant, recorded, redirected with a notice', async () => {
    const { serve, request, w } = world();
    const token = tokenOf('ana');
    const r = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(token, { acao: 'answer', texto: 'Olá, Maria.' })),
    );
    expect(r?.statusCode).toBe(303);
    expect(r?.headers['location']).toContain('feito=answer');
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect((await w.cases.get(CASE_ID))?.history?.at(-1)).toMatchObject({ type: 'answered', actor: { id: 'ana' } });
  });

  it("the same form id sent on two of the analyst's cases: each merchant's mail has its own Message-ID", async () => {
    const { serve, request, w } = world([
      workCase(),
      workCase({ caseId: 'other', protocol: 'OUV-2026-000124', assignee: 'ana' }),
    ]);
    const token = tokenOf('ana');
    const id = crypto.randomUUID();
    for (const caseId of [CASE_ID, 'other']) {
      const form = { ...post(token, { acao: 'answer', texto: 'Olá, Maria. O estorno foi pedido.' }).form, id };
      expect((await serve(request('POST', `/equipe/caso/${caseId}/acao`, { token, form })))?.statusCode).toBe(303);
    }
    const ids = w.mailer.sent.map((m) => m.messageId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect((await w.cases.get('other'))?.messageIds).not.toContain(ids[0]);
  });

  // The notice is read from the query only by the actions' own names, never by what any object has.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a case page asked for the notice of %j shows none',
    async (feito) => {
      const { serve, request } = world();
      const r = await serve(
        request('GET', `/equipe/caso/${CASE_ID}`, { token: tokenOf('ana'), query: `feito=${feito}` }),
      );
      expect(r?.statusCode).toBe(200);
      expect(r?.body).not.toMatch(/native code|\[object Object\]|class="notice"/);
    },
  );

  it('an answer that greets on one long line reaches the merchant as the mail path sends it: one greeting', async () => {
    const text =
      'Olá, Renata! Verificamos a cobrança em dobro da fatura de novembro e o estorno já foi pedido ao financeiro, com crédito em até 5 dias úteis.';
    const byConsole = world();
    const token = tokenOf('ana');
    await byConsole.serve(
      byConsole.request('POST', `/equipe/caso/${CASE_ID}/acao`, post(token, { acao: 'answer', texto: text })),
    );
    const byMail = lifecycleWorld();
    await handleStaffMail(
      staffMail({ to: staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig), from: 'ana@empresa.com.br', text }),
      byMail.deps,
    );
    const consoleText = byConsole.w.mailer.sent[0]?.text ?? '';
    expect(consoleText.startsWith(text)).toBe(true);
    expect(consoleText.match(/Olá/g)).toHaveLength(1);
    expect(byMail.mailer.sent[0]?.text).toBe(consoleText);
  });

  // The README's promise for the mail ("your own address never reaches the merchant"; her signature
  // is cut, the office signs its own) holds for the console's answer and closing text too.
  it.each([
    [{ acao: 'answer' }, 'Ana Lima\nana@empresa.com.br'],
    [{ acao: 'answer', aguardar: '1' }, 'Abs,\nAna\nAnalista de Ouvidoria | ana@empresa.com.br'],
    [{ acao: 'close', categoria: 'procedente', resumo: 'Estorno aprovado' }, 'Atenciosamente,\nAna Lima\nOuvidoria'],
  ])('%j signed by the analyst reaches the merchant without her signature or address', async (fields, signature) => {
    const { serve, request, w } = world();
    const answer = 'Olá, Renata. O estorno da cobrança em duplicidade foi aprovado e cai na fatura de janeiro.';
    const r = await serve(
      request(
        'POST',
        `/equipe/caso/${CASE_ID}/acao`,
        post(tokenOf('ana'), { ...fields, texto: `${answer}\n\n${signature}` }),
      ),
    );
    expect(r?.statusCode).toBe(303);
    const text = w.mailer.sent[0]?.text ?? '';
    expect(text).toContain(answer);
    expect(text).not.toMatch(/Ana Lima|Analista de Ouvidoria|ana@empresa|\bAbs\b/);
    expect(text.match(/Atenciosamente/g)).toHaveLength(1);
  });

  it('without or with a wrong CSRF token, or from another site: 403, nothing changes', async () => {
    const { serve, request, w } = world();
    const token = tokenOf('ana');
    const path = `/equipe/caso/${CASE_ID}/acao`;
    const fields = { acao: 'note', texto: 'x', id: crypto.randomUUID() };
    expect((await serve(request('POST', path, { token, form: fields })))?.statusCode).toBe(403);
    const other = tokenOf('bruno');
    expect(
      (await serve(request('POST', path, { token, form: { ...fields, csrf: sessionCsrf(other, SECRET) } })))
        ?.statusCode,
    ).toBe(403);
    const crossSite = { ...post(token, fields), headers: { 'sec-fetch-site': 'cross-site' } };
    expect((await serve(request('POST', path, crossSite)))?.statusCode).toBe(403);
    // Another site's sandboxed frame (Origin null, no Fetch Metadata): refused even with a token.
    const nullOrigin = { ...post(token, fields), headers: { origin: 'null' } };
    expect((await serve(request('POST', path, nullOrigin)))?.statusCode).toBe(403);
    expect((await w.cases.get(CASE_ID))?.history).toEqual([]);
  });

  it('another analyst cannot act (403); the case’s analyst transfers as by mail (#transferir), a supervisor too', async () => {
    const { serve, request, w } = world();
    const bruno = tokenOf('bruno');
    expect(
      (await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, post(bruno, { acao: 'note', texto: 'x' }))))
        ?.statusCode,
    ).toBe(403);
    const ana = tokenOf('ana');
    expect((await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: ana })))?.body).toContain(
      '<legend>Transferir</legend>',
    );
    const mine = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(ana, { acao: 'transfer', para: 'carla' })),
    );
    // She no longer sees the case: the confirmation is on her list, not a 403 on its page.
    const landing = new URL(mine?.headers['location'] ?? '', 'https://x');
    expect(landing.pathname).toBe('/equipe/casos');
    expect(landing.searchParams.get('transferido')).toBe(CASE_ID);
    expect((await w.cases.get(CASE_ID))?.assignee).toBe('carla');
    const list = await serve(request('GET', landing.pathname, { token: ana, query: landing.search.slice(1) }));
    expect(list?.statusCode).toBe(200);
    expect(list?.body).toContain(`<p class="notice" role="status">Caso ${PROTOCOL} transferido para Carla Souza.</p>`);
    const sofia = tokenOf('sofia');
    const r = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(sofia, { acao: 'transfer', para: 'bruno' })),
    );
    // A supervisor still sees it: the case page with its notice.
    expect(r?.headers['location']).toContain(`/equipe/caso/${encodeURIComponent(CASE_ID)}?feito=transfer`);
    expect((await w.cases.get(CASE_ID))?.assignee).toBe('bruno');
  });

  // The list's confirmation tells only who did the transfer, while the case is still where it went.
  it.each([
    ['another analyst given the link', 'bruno', CASE_ID],
    ['ana, whose case it no longer is after sofia moved it on', 'ana', CASE_ID],
    ['ana, for a case never transferred', 'ana', 'other'],
  ])('%s sees no transfer confirmation', async (_, who, caseId) => {
    const { serve, request } = world();
    await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('ana'), { acao: 'transfer', para: 'carla' })),
    );
    if (who === 'ana' && caseId === CASE_ID) {
      await serve(
        request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('sofia'), { acao: 'transfer', para: 'bruno' })),
      );
    }
    const list = await serve(
      request('GET', '/equipe/casos', {
        token: tokenOf(who as 'ana' | 'bruno'),
        query: `transferido=${encodeURIComponent(caseId)}`,
      }),
    );
    expect(list?.statusCode).toBe(200);
    expect(list?.body).not.toContain('transferido para');
  });

  it('a refused action: the page explains why in pt-BR (the mail refusal’s words), the history too; no mail', async () => {
    const { serve, request, w } = world();
    const sofia = tokenOf('sofia');
    const form = post(sofia, { acao: 'transfer', para: 'zeca' });
    const r = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, form));
    expect(r?.statusCode).toBe(303);
    const location = new URL(r?.headers['location'] ?? '', 'https://x');
    expect(location.searchParams.get('recusado')).toBe(form.form.id);
    const page = await serve(
      request('GET', location.pathname, { token: sofia, query: location.searchParams.toString() }),
    );
    const reason =
      'Não há ninguém na equipe com o identificador ou o nome “zeca”. Pessoas da equipe: ana (Ana Lima), bruno (Bruno Costa), carla (Carla Souza), davi (Davi Rocha), sofia (Sofia Martins).';
    expect(page?.body).toContain(`A ação foi recusada: ${reason}`);
    expect(page?.body).toContain(`ação recusada (#transferir zeca): ${reason}`);
    expect(page?.body).not.toContain('unknown-analyst');
    expect(w.mailer.sent).toEqual([]);
    // The same form again (a reload of the POST) shows the same refusal; nothing more is recorded or sent.
    const again = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, form));
    expect(again?.headers['location']).toBe(r?.headers['location']);
    expect((await w.cases.get(CASE_ID))?.history?.filter((e) => e.type === 'refused')).toHaveLength(1);
    expect(w.mailer.sent).toEqual([]);
  });

  it.each([
    [
      'answer',
      { texto: 'Olá, Maria.\r\n\r\nO estorno foi feito hoje.\r\n' },
      { texto: 'Olá, Maria. O estorno de R$ 89,90 foi feito hoje.' },
    ],
    ['note', { texto: 'Liguei para a loja.' }, { texto: 'Liguei para a loja às 15h.' }],
    [
      'close',
      { categoria: 'procedente', resumo: 'Estorno feito', texto: 'O estorno foi feito.' },
      { categoria: 'procedente', resumo: 'Estorno feito', texto: 'O estorno de R$ 89,90 foi feito.' },
    ],
  ] as const)(
    'the same %s form sent again with its text changed (back, edit, send): the page says the change was not sent',
    async (acao, first, changed) => {
      const { serve, request, w } = world();
      const ana = tokenOf('ana');
      const form = post(ana, { acao, ...first });
      const r1 = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, form));
      expect(r1?.headers['location']).toContain(`feito=${acao}`);
      const sent = w.mailer.sent.length;
      // A double click sends the same text: done, as the first time.
      const same = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, form));
      expect(same?.headers['location']).toBe(r1?.headers['location']);
      const again = await serve(
        request('POST', `/equipe/caso/${CASE_ID}/acao`, { ...form, form: { ...form.form, ...changed } }),
      );
      const location = new URL(again?.headers['location'] ?? '', 'https://x');
      expect(location.searchParams.get('repetido')).toBe(acao);
      expect(location.searchParams.get('feito')).toBeNull();
      const page = await serve(
        request('GET', location.pathname, { token: ana, query: location.searchParams.toString() }),
      );
      expect(page?.body).toContain(
        'Este formulário já tinha sido enviado, com outro texto: a primeira versão foi registrada e a alteração não foi enviada.',
      );
      expect(w.mailer.sent).toHaveLength(sent);
      expect(JSON.stringify(await w.cases.get(CASE_ID))).not.toContain('89,90');
      expect(JSON.stringify(await w.cases.get(CASE_ID))).not.toContain('às 15h');
    },
  );

  it('the case page names the staff from the roster, not by their ids', async () => {
    const { serve, request } = world();
    const page = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: tokenOf('sofia') }));
    expect(page?.body).toMatch(/<dt>Analista<\/dt><dd>Ana Lima<\/dd>/);
    expect(page?.body).not.toMatch(/<dd>ana<\/dd>/);
    const ana = tokenOf('ana');
    await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, post(ana, { acao: 'answer', texto: 'Olá, Maria.' })));
    const answered = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: ana }));
    expect(answered?.body).toContain('Enviada pela Ouvidoria (Ana Lima)');
    expect(answered?.body).not.toContain('Enviada pela Ouvidoria (ana)');
  });

  it('the transfer form lists, by name, the people the transfer would accept; without a roster it asks for the id', async () => {
    const { serve, request, deps, w } = world();
    const analysts = [
      anAnalyst({ id: 'ana', name: 'Ana Lima' }),
      anAnalyst({ id: 'bruno', name: 'Bruno Costa' }),
      anAnalyst({ id: 'carla', name: 'Carla Souza' }),
      anAnalyst({ id: 'davi', name: 'Davi Rocha', leave: { from: '2026-03-01', to: '2026-03-31' } }),
      anAnalyst({ id: 'edu', name: 'Eduardo Reis', active: false }),
    ];
    const ana = tokenOf('ana');
    const bare = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: ana }));
    expect(bare?.body).toContain('<label for="t-para">Analista (id)</label><input id="t-para" name="para"');
    deps.roster = new InMemoryStaffRepository(analysts);
    const page = (await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: ana })))?.body ?? '';
    const options = [...page.matchAll(/<option value="([a-z]+)">([^<]+)<\/option>/g)]
      .map((m) => [m[1], m[2]])
      .filter(([id]) => analysts.some((a) => a.id === id));
    // Not the case's own analyst, not someone on leave today (12/03) or inactive.
    expect(options).toEqual([
      ['bruno', 'Bruno Costa (bruno)'],
      ['carla', 'Carla Souza (carla)'],
    ]);
    await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, post(ana, { acao: 'transfer', para: 'carla' })));
    expect((await w.cases.get(CASE_ID))?.assignee).toBe('carla');
  });

  it('a forged ?recusado= shows nothing of the query string', async () => {
    const { serve, request } = world();
    const page = await serve(
      request('GET', `/equipe/caso/${CASE_ID}`, { token: tokenOf('ana'), query: 'recusado=Ligue+para+0800' }),
    );
    expect(page?.statusCode).toBe(200);
    expect(page?.body).not.toContain('Ligue');
    expect(page?.body).not.toContain('recusada');
  });

  it.each([
    [1, '2', 'A prorrogação deve ser de 1 dia útil.'],
    [1, '0', 'A prorrogação deve ser de 1 dia útil.'],
    [30, '31', 'A prorrogação deve ser de 1 a 30 dias úteis.'],
  ])('an extension form over a limit of %i (%s days) is refused as the mail command is', (max, dias, problem) => {
    const form = new URLSearchParams({ dias, motivo: 'aguardando o financeiro' });
    expect(commandsOf('extend', form, max)).toEqual({ problem });
  });

  // The wait form's optional line: what the case waits for, for the history only (never sent).
  it.each([
    ['', [{ kind: 'wait', line: '#aguardar' }]],
    ['  retorno do lojista  ', [{ kind: 'wait', awaiting: 'retorno do lojista', line: '#aguardar' }]],
    ['prints\u202e do erro\n', [{ kind: 'wait', awaiting: 'prints do erro', line: '#aguardar' }]],
  ])('the wait form with "%s" as what is awaited', (aguardando, commands) => {
    expect(commandsOf('wait', new URLSearchParams({ aguardando }), 30)).toEqual({
      parsed: { ok: true, commands, body: '' },
      body: '',
    });
  });

  it('what is awaited over its limit is refused, not cut', () => {
    expect(commandsOf('wait', new URLSearchParams({ aguardando: 'retorno '.repeat(30) }), 30)).toEqual({
      problem: 'O que se aguarda tem 239 caracteres; o limite é 160. Encurte-o; detalhes vão numa nota.',
    });
  });

  // A browser sends a textarea's line breaks as CRLF; the text kept and relayed has LF: a break is one
  // character, so a text within the limit as the analyst wrote it is not refused for its paragraphs.
  const PARAGRAPH = 'Seguem os detalhes da análise do estorno e da cobrança em dobro de novembro.';
  const paragraphs = (max: number) =>
    Array(Math.floor((max + 2) / (PARAGRAPH.length + 2)))
      .fill(PARAGRAPH)
      .join('\r\n\r\n');
  it.each([
    ['answer', MAX_CONSOLE_TEXT_CHARS],
    ['note', MAX_NOTE_CHARS],
    ['close', MAX_CONSOLE_TEXT_CHARS],
  ] as const)(
    'the %s form within its limit of %i characters, in paragraphs as a browser posts them, is taken',
    (acao, max) => {
      const texto = paragraphs(max);
      expect(texto.length).toBeGreaterThan(max);
      const result = commandsOf(
        acao,
        new URLSearchParams({ texto, categoria: 'procedente', resumo: 'estorno feito' }),
        30,
      );
      expect(result).not.toHaveProperty('problem');
      expect((result as { body: string }).body.length).toBeLessThanOrEqual(max);
    },
  );

  it('a text over its limit is counted as the analyst wrote it (a line break is one character)', () => {
    const texto = `${paragraphs(MAX_CONSOLE_TEXT_CHARS)}\r\n\r\n${PARAGRAPH}`;
    const written = texto.replace(/\r\n/g, '\n').length;
    expect(commandsOf('answer', new URLSearchParams({ texto }), 30)).toEqual({
      problem: `O texto tem ${String(written).replace(/\B(?=(\d{3})+$)/g, '.')} caracteres; o limite é 20.000. Encurte-o ou divida-o em duas mensagens.`,
    });
  });

  // A long answer written in the console: nothing is sent, cut or lost without a word.
  const LONG_ANSWER = `Prezada Maria, ${'seguem os detalhes da análise do estorno e da cobrança em dobro. '.repeat(330)}`;
  it.each([
    ['answer', { texto: LONG_ANSWER, aguardar: '1' }, 'O texto tem 21.'],
    [
      'note',
      { texto: 'Conferido no extrato. '.repeat(500) },
      'O texto tem 10.999 caracteres; o limite é 10.000. Encurte-o ou divida-o em duas mensagens.</p>',
    ],
    [
      'close',
      { categoria: 'procedente', resumo: 'estorno feito '.repeat(40) },
      'O resumo tem 559 caracteres; o limite é 500. Encurte-o.</p>',
    ],
    [
      'extend',
      { dias: '2', motivo: 'aguardando o financeiro '.repeat(25) },
      'O motivo tem 599 caracteres; o limite é 500. Encurte-o.</p>',
    ],
  ])(
    'a %s over its length is refused by name, the form filled in again, the case unchanged',
    async (acao, fields, problem) => {
      const { serve, request, w } = world();
      const before = await w.cases.get(CASE_ID);
      const page = await serve(
        request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('ana'), { acao, ...fields })),
      );
      expect(page?.statusCode).toBe(400);
      expect(page?.body).toContain(problem);
      for (const value of Object.values(fields).filter((v) => v.length > 2))
        expect(page?.body).toContain(value.trim().slice(0, 200));
      expect(await w.cases.get(CASE_ID)).toEqual(before);
      expect(w.mailer.sent).toEqual([]);
    },
  );

  it('a refused form comes back filled in, escaped, and only that form', async () => {
    const { serve, request } = world();
    const texto = 'Motivo: "aguardar" <b>o banco</b> & o financeiro';
    const page = await serve(
      request(
        'POST',
        `/equipe/caso/${CASE_ID}/acao`,
        post(tokenOf('ana'), { acao: 'extend', dias: '0', motivo: texto }),
      ),
    );
    expect(page?.statusCode).toBe(400);
    expect(page?.body).toContain(
      'id="e-motivo" name="motivo" required value="Motivo: &quot;aguardar&quot; &lt;b&gt;o banco&lt;/b&gt; &amp; o financeiro"',
    );
    expect(page?.body).toContain('id="e-dias" name="dias" type="number" min="1" max="30" required value="0"');
    expect(page?.body).toContain('<textarea id="a-texto" name="texto" required></textarea>');
    expect(page?.body).not.toContain('<b>o banco</b>');
  });

  it('a body over the console limit says the text is too long (413), not that the form expired', async () => {
    const { serve, request, w } = world();
    const huge = { acao: 'answer', texto: '😀'.repeat(30_000) };
    const page = await serve(request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('ana'), huge)));
    expect(page?.statusCode).toBe(413);
    expect(page?.body).toContain('passa do limite de 20.000 caracteres e nada foi registrado');
    expect(page?.body).not.toContain('expirou');
    expect(w.mailer.sent).toEqual([]);
  });

  it('an answer at the limit, accents and all, goes through', async () => {
    const { serve, request, w } = world();
    const texto = 'ã'.repeat(20_000);
    const page = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(tokenOf('ana'), { acao: 'answer', texto })),
    );
    expect(page?.statusCode).toBe(303);
    expect(w.mailer.sent).toHaveLength(1);
  });

  it('an invalid form is 400 with a pt-BR problem; close closes', async () => {
    const { serve, request, w } = world();
    const token = tokenOf('ana');
    const bad = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(token, { acao: 'extend', dias: '0', motivo: '' })),
    );
    expect(bad?.statusCode).toBe(400);
    expect(bad?.body).toContain('dias úteis');
    const close = await serve(
      request(
        'POST',
        `/equipe/caso/${CASE_ID}/acao`,
        post(token, { acao: 'close', categoria: 'procedente', resumo: 'estorno feito' }),
      ),
    );
    expect(close?.headers['location']).toContain('feito=close');
    expect((await w.cases.get(CASE_ID))?.status).toBe('CLOSED');
    // Closed: only the internal note is offered, as #nota by mail; it is recorded.
    const page = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token }));
    expect(page?.body).toContain('value="note"');
    expect(page?.body).not.toContain('value="answer"');
    const note = await serve(
      request(
        'POST',
        `/equipe/caso/${CASE_ID}/acao`,
        post(token, { acao: 'note', texto: 'Estorno conferido no extrato.' }),
      ),
    );
    expect(note?.statusCode).toBe(303);
    expect((await w.cases.get(CASE_ID))?.history?.at(-1)).toMatchObject({
      type: 'note',
      text: 'Estorno conferido no extrato.',
    });
  });

  // Ana opened the roster page from a colleague's link: "Você não tem acesso a este caso ou a esta ação." —
  // no case was involved. The refusal says whose page it is, as the quarantine's does.
  it.each([
    ['GET', undefined],
    ['POST', { op: 'return', pessoa: 'bruno' }],
  ] as const)(
    'an analyst refused the roster (%s) is told it is the supervisors’ page, not a case',
    async (method, fields) => {
      const { serve, request, deps } = world();
      deps.roster = new InMemoryStaffRepository([anAnalyst({ id: 'bruno' })]);
      const ana = tokenOf('ana');
      const r = await serve(
        fields
          ? request('POST', '/equipe/pessoas', post(ana, fields))
          : request(method, '/equipe/pessoas', { token: ana }),
      );
      expect(r?.statusCode).toBe(403);
      expect(r?.body).toContain('Só a supervisão gerencia a equipe.');
      expect(r?.body).not.toContain('este caso');
    },
  );

  it('the roster page is for supervisors only; a supervisor puts an analyst on leave', async () => {
    const { serve, request, deps } = world();
    const roster = new InMemoryStaffRepository([anAnalyst({ id: 'bruno' })]);
    deps.roster = roster;
    expect((await serve(request('GET', '/equipe/pessoas', { token: tokenOf('ana') })))?.statusCode).toBe(403);
    const ana = tokenOf('ana');
    expect(
      (await serve(request('POST', '/equipe/pessoas', post(ana, { op: 'return', pessoa: 'bruno' }))))?.statusCode,
    ).toBe(403);
    const sofia = tokenOf('sofia');
    expect((await serve(request('GET', '/equipe/pessoas', { token: sofia })))?.body).toContain(
      'Registrar afastamento de Bruno',
    );
    const r = await serve(
      request(
        'POST',
        '/equipe/pessoas',
        post(sofia, { op: 'leave', pessoa: 'bruno', de: '2026-03-12', ate: '2026-03-20' }),
      ),
    );
    // Done: redirected back (a reload does not send the form again); the page says what was done.
    expect(r?.statusCode).toBe(303);
    const location = new URL(r?.headers['location'] ?? '', 'https://x');
    expect(location.pathname + location.search).toBe('/equipe/pessoas?feito=leave&pessoa=bruno');
    expect((await roster.get('bruno'))?.leave).toEqual({ from: '2026-03-12', to: '2026-03-20' });
    const after = await serve(
      request('GET', location.pathname, { token: sofia, query: location.searchParams.toString() }),
    );
    expect(after?.body).toMatch(/role="status">Afastamento de [^<]+ registrado \(12\/03\/2026 a 20\/03\/2026\)\./);
    // Nothing of the query string reaches the page: an unknown person or action shows no notice.
    for (const q of ['feito=leave&pessoa=<b>x</b>', 'feito=<script>&pessoa=bruno', 'feito=apagar&pessoa=bruno']) {
      const page = await serve(request('GET', '/equipe/pessoas', { token: sofia, query: q }));
      expect(page?.body).not.toContain('role="status"');
      expect(page?.body).not.toMatch(/<script>|<b>x/);
    }
    // A refusal stays on the page, with its reason (400).
    const refused = await serve(
      request('POST', '/equipe/pessoas', post(sofia, { op: 'leave', pessoa: 'bruno', de: 'x', ate: 'y' })),
    );
    expect(refused?.statusCode).toBe(400);
    expect(refused?.body).toContain('Informe um período válido.');
  });

  it('sign-out clears the cookie (CSRF required)', async () => {
    const { serve, request } = world();
    const token = tokenOf('ana');
    const r = await serve(request('POST', '/equipe/sair', post(token, {})));
    expect(r?.statusCode).toBe(303);
    expect(r?.cookies?.[0]).toContain(ENDED);
  });
});

describe('serveConsole — every route × role × own/other case', () => {
  const QUARANTINED = 'email:q1';
  function fullWorld() {
    const base = world([
      workCase(),
      workCase({ caseId: 'other', protocol: 'OUV-2026-000124', assignee: 'bruno' }),
      // Held mail nobody is assigned to: the supervisors' to review, not the analysts'.
      workCase({ caseId: QUARANTINED, status: 'QUARANTINED', outcome: 'QUARANTINED', assignee: undefined }),
    ]);
    base.deps.roster = new InMemoryStaffRepository([anAnalyst({ id: 'bruno' })]);
    const quarantined = { caseId: QUARANTINED, status: 'QUARANTINED', reviewedAt: undefined as string | undefined };
    base.deps.quarantine = {
      store: {
        listQuarantined: async () => ({ items: [] }),
        discard: async () => {
          if (quarantined.reviewedAt) return false;
          quarantined.reviewedAt = 'now';
          return true;
        },
      },
      cases: { get: async () => null },
      rawMail: { read: async () => Buffer.from(''), size: async () => 0 },
      clock: { now: () => new Date('2026-03-12T14:00:00Z') },
    };
    return base;
  }
  const OWN = `/equipe/caso/${encodeURIComponent(CASE_ID)}`;
  const OTHER = '/equipe/caso/other';
  const HELD = `/equipe/caso/${encodeURIComponent(QUARANTINED)}`;
  // [method, path, form, ana (the case's analyst), bruno (another analyst), sofia (supervisor)]
  const ROUTES: Array<[string, string, Record<string, string> | null, number, number, number]> = [
    ['GET', '/equipe/casos', null, 200, 200, 200],
    ['GET', OWN, null, 200, 403, 200],
    ['GET', OTHER, null, 403, 200, 200],
    ['POST', `${OWN}/acao`, { acao: 'note', texto: 'Ligar amanhã' }, 303, 403, 303],
    ['POST', `${OTHER}/acao`, { acao: 'note', texto: 'Ligar amanhã' }, 403, 303, 303],
    // An incomplete or unknown form answers with the case page: only to who may see the case.
    ['POST', `${OTHER}/acao`, {}, 403, 400, 400],
    ['POST', `${OTHER}/acao`, { acao: 'apagar' }, 403, 400, 400],
    ['POST', `${OWN}/acao`, { acao: 'note', id: 'x' }, 400, 403, 400],
    ['POST', `${OTHER}/acao`, { acao: 'note', texto: '' }, 403, 400, 400],
    ['POST', `${OWN}/acao`, { acao: 'transfer', para: 'bruno' }, 303, 403, 303],
    ['POST', `${OWN}/acao`, { acao: 'extend', dias: '3', motivo: 'Aguardando o financeiro' }, 303, 403, 303],
    ['GET', '/equipe/pessoas', null, 403, 403, 200],
    ['POST', '/equipe/pessoas', { op: 'leave', pessoa: 'bruno', de: '2026-03-12', ate: '2026-03-20' }, 403, 403, 303],
    ['GET', '/equipe/quarentena', null, 403, 403, 200],
    ['POST', `/equipe/quarentena/${encodeURIComponent(QUARANTINED)}/acao`, { acao: 'discard' }, 403, 403, 303],
    ['GET', HELD, null, 403, 403, 200],
    ['POST', `${HELD}/acao`, {}, 403, 403, 400],
    ['GET', '/equipe/nada', null, 404, 404, 404],
  ];
  const ROLES = ['ana', 'bruno', 'sofia'] as const;
  const cases = ROUTES.flatMap(([method, path, form, ...statuses]) =>
    ROLES.map(
      (who, i) =>
        [
          `${method} ${path}${form ? ` ${form['acao'] ?? form['op']}` : ''}`,
          who,
          method,
          path,
          form,
          statuses[i],
        ] as const,
    ),
  );

  it.each(cases)('%s as %s', async (_, who, method, path, form, expected) => {
    const { serve, request } = fullWorld();
    const token = tokenOf(who);
    const r = await serve(request(method, path, form ? post(token, form) : { token }));
    expect(r?.statusCode).toBe(expected);
  });

  // The roster decides the role, as for staff mail: a supervisors' group on the token of someone the
  // roster calls an analyst opens no other analyst's case, no quarantine and no roster page.
  it.each(
    ROUTES.map(([method, path, form]) => {
      const expected = path === '/equipe/nada' ? 404 : path === '/equipe/casos' ? 200 : 403;
      return [method, path, form, expected] as const;
    }),
  )('%s %s as an analyst whose token says supervisor: %s', async (method, path, form, expected) => {
    const { serve, request } = fullWorld();
    const token = tokenOf('carla');
    const r = await serve(request(method, path, form ? post(token, form) : { token }));
    expect(r?.statusCode).toBe(expected);
  });

  it.each(ROUTES.map(([method, path, form]) => [method, path, form] as const))(
    '%s %s without a session, with an expired or a forged token: never served',
    async (method, path, form) => {
      const { serve, request } = fullWorld();
      const expired = tokenOf('sofia', keys, new Date(Date.now() - 7200_000));
      const forged = tokenOf('sofia', generateLocalKeySet());
      const none = await serve(request(method, path, form ? { form } : {}));
      expect(none?.statusCode).toBe(method === 'GET' ? 303 : 401);
      for (const [token, status] of [
        [expired, method === 'GET' ? 303 : 401],
        [forged, 401],
      ] as const) {
        const r = await serve(request(method, path, form ? post(token, form) : { token }));
        expect(r?.statusCode).toBe(status);
        expect(r?.body ?? '').not.toMatch(/OUV-\d{4}-\d+/);
      }
    },
  );
});

describe('serveConsole — sign-out ends the session on the server, not only the cookie', () => {
  // The console as deployed: the roster entry the page edits is the one every request reads.
  function signedWorld(now = new Date()) {
    const base = world([
      withFile(workCase()),
      workCase({ caseId: 'other', protocol: 'OUV-2026-000124', assignee: 'bruno' }),
    ]);
    base.deps.attachmentLinks = s3Links(now);
    const uploads = claimedUploads();
    base.deps.uploadTags = { tags: uploads.get };
    const repo = new InMemoryStaffRepository(ROSTER.map((m) => ({ ...m, openCases: 0 })));
    base.deps.roster = repo;
    base.deps.lifecycle.staff = new RosterStaffDirectory({
      staff: repo,
      supervisorIds: ROSTER.filter((m) => m.role === 'supervisor').map((m) => m.id),
    });
    base.deps.quarantine = {
      store: { listQuarantined: async () => ({ items: [] }), discard: async () => false },
      cases: { get: async () => null },
      rawMail: { read: async () => Buffer.from(''), size: async () => 0 },
      clock: base.w.clock,
    };
    base.w.clock.set(now);
    base.deps.sessionClock = base.w.clock;
    return { ...base, repo, now };
  }
  const at = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);
  const OWN = `/equipe/caso/${encodeURIComponent(CASE_ID)}`;
  // [who, method, path, form]: every kind of console request, as its owner would send it.
  const ROUTES: Array<[Who, string, string, Record<string, string> | null]> = [
    ['ana', 'GET', '/equipe/casos', null],
    ['ana', 'GET', OWN, null],
    ['ana', 'HEAD', OWN, null],
    // A file link copied from the case page before signing out.
    ['ana', 'GET', `${OWN}/arquivo?chave=${encodeURIComponent(FILE_KEY)}`, null],
    ['ana', 'POST', `${OWN}/acao`, { acao: 'note', texto: 'Ligar para a lojista amanhã' }],
    ['ana', 'POST', '/equipe/sair', {}],
    ['sofia', 'GET', '/equipe/pessoas', null],
    ['sofia', 'POST', '/equipe/pessoas', { op: 'leave', pessoa: 'bruno', de: '2026-03-12', ate: '2026-03-20' }],
    ['sofia', 'GET', '/equipe/quarentena', null],
  ];
  const send = (
    s: ReturnType<typeof signedWorld>,
    [, method, target, form]: (typeof ROUTES)[number],
    token: string,
  ) => {
    const [path = '', query] = target.split('?');
    return s.serve(s.request(method, path, form ? post(token, form) : { token, ...(query ? { query } : {}) }));
  };

  it.each(ROUTES)(
    '%s %s %s: the signed-out token and an older one (another device) are refused, a new sign-in works',
    async (...route) => {
      const s = signedWorld();
      const [who] = route;
      const otherDevice = tokenOf(who, keys, at(s.now, -1800));
      const token = tokenOf(who, keys, at(s.now, -60));
      const first = await send(s, route, token);
      expect(first?.statusCode).toBeLessThan(400);
      // Signing out (the route itself, for the sign-out row).
      const out =
        route[2] === '/equipe/sair' ? first : await s.serve(s.request('POST', '/equipe/sair', post(token, {})));
      expect(out?.statusCode).toBe(303);
      expect(out?.cookies?.[0]).toContain(ENDED);
      const before = JSON.stringify(await s.w.deps.cases.get(CASE_ID));
      for (const old of [token, otherDevice]) {
        const r = await send(s, route, old);
        expect(r?.statusCode).toBe(401);
        expect(r?.body).toContain('Sua sessão foi encerrada. Entre de novo.');
        expect(r?.cookies?.[0]).toContain(ENDED);
      }
      // Nothing changed on the case (the note of the POST row was refused).
      expect(JSON.stringify(await s.w.deps.cases.get(CASE_ID))).toBe(before);
      const again = tokenOf(who, keys, at(s.now, 1));
      expect((await send(s, route, again))?.statusCode).toBeLessThan(400);
    },
  );

  it.each([
    // [case, issuer clock − function clock (s), token issued (s from sign-out), refused]
    ['issuer 5 s ahead: the signing-out token itself', 5, 0, true],
    ['issuer 5 s ahead: a token of another device issued before', 5, -2, true],
    ['same clock: a token issued in the second of the sign-out', 0, 0, true],
    ['same clock: a new sign-in 1 s later', 0, 1, false],
    ['issuer 5 s ahead: a new sign-in 1 s later', 5, 1, false],
  ] as const)('clock skew — %s', async (_, skew, issued, refused) => {
    const s = signedWorld(new Date(Math.floor(Date.now() / 1000) * 1000 + 400));
    const signingOut = tokenOf('ana', keys, at(s.now, skew));
    expect((await s.serve(s.request('POST', '/equipe/sair', post(signingOut, {}))))?.statusCode).toBe(303);
    const token = issued === 0 && skew > 0 ? signingOut : tokenOf('ana', keys, at(s.now, skew + issued));
    const r = await s.serve(s.request('GET', '/equipe/casos', { token }));
    expect(r?.statusCode).toBe(refused ? 401 : 200);
  });

  it('a request in flight when the sign-out lands is refused once it reads the roster; two sign-outs at once keep the later instant', async () => {
    const s = signedWorld();
    const token = tokenOf('ana', keys, at(s.now, -60));
    // The note's request is held at its roster read while the sign-out (another tab) completes.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const get = s.repo.get.bind(s.repo);
    let first = true;
    s.repo.get = async (id) => {
      if (first) {
        first = false;
        await held;
      }
      return get(id);
    };
    const inFlight = s.serve(
      s.request('POST', `${OWN}/acao`, post(token, { acao: 'note', texto: 'Cliente retornou' })),
    );
    const out = await s.serve(s.request('POST', '/equipe/sair', post(token, {})));
    expect(out?.statusCode).toBe(303);
    release();
    expect((await inFlight)?.statusCode).toBe(401);
    expect(JSON.stringify((await s.w.deps.cases.get(CASE_ID))?.history)).not.toContain('Cliente retornou');
    // Two devices sign out at once, one on an issuer clock ahead: neither token comes back.
    const s2 = signedWorld();
    const ahead = tokenOf('ana', keys, at(s2.now, 4));
    const behind = tokenOf('ana', keys, at(s2.now, -30));
    await Promise.all([
      s2.serve(s2.request('POST', '/equipe/sair', post(ahead, {}))),
      s2.serve(s2.request('POST', '/equipe/sair', post(behind, {}))),
    ]);
    for (const t of [ahead, behind]) {
      expect((await s2.serve(s2.request('GET', '/equipe/casos', { token: t })))?.statusCode).toBe(401);
    }
  });

  it('the office clock moved days ahead (OUVIDORIA_NOW, local stack) does not lock the member out after signing out', async () => {
    const s = signedWorld();
    delete s.deps.sessionClock;
    s.w.clock.set(at(new Date(), 3 * 24 * 3600));
    const sofia = tokenOf('sofia', keys, at(new Date(), -60));
    const token = tokenOf('ana', keys, at(new Date(), -60));
    expect((await s.serve(s.request('POST', '/equipe/sair', post(token, {}))))?.statusCode).toBe(303);
    expect((await s.serve(s.request('GET', '/equipe/casos', { token })))?.statusCode).toBe(401);
    const again = tokenOf('ana', keys, at(new Date(), 2));
    expect((await s.serve(s.request('GET', '/equipe/casos', { token: again })))?.statusCode).toBe(200);
    // The same for a supervisor's "end the sessions" on the roster page.
    await s.serve(s.request('POST', '/equipe/pessoas', post(sofia, { op: 'signout', pessoa: 'ana' })));
    const later = tokenOf('ana', keys, at(new Date(), 8));
    expect((await s.serve(s.request('GET', '/equipe/casos', { token: later })))?.statusCode).toBe(200);
  });

  it('a supervisor ends a member’s sessions on every device from the roster page; the member signs in again', async () => {
    const s = signedWorld();
    const sofia = tokenOf('sofia', keys, at(s.now, -60));
    const anaPc = tokenOf('ana', keys, at(s.now, -1800));
    const anaAhead = tokenOf('ana', keys, at(s.now, 3));
    const page = await s.serve(s.request('GET', '/equipe/pessoas', { token: sofia }));
    expect(page?.body).toContain('Encerrar as sessões de Ana Lima');
    // An analyst cannot end anyone's sessions.
    const refused = await s.serve(
      s.request('POST', '/equipe/pessoas', post(anaPc, { op: 'signout', pessoa: 'bruno' })),
    );
    expect(refused?.statusCode).toBe(403);
    const r = await s.serve(s.request('POST', '/equipe/pessoas', post(sofia, { op: 'signout', pessoa: 'ana' })));
    expect(r?.statusCode).toBe(303);
    const location = new URL(r?.headers['location'] ?? '', 'https://x');
    const after = await s.serve(
      s.request('GET', location.pathname, { token: sofia, query: location.searchParams.toString() }),
    );
    expect(after?.body).toContain('Sessões de Ana Lima encerradas: para usar o console, é preciso entrar de novo.');
    for (const t of [anaPc, anaAhead]) {
      expect((await s.serve(s.request('GET', OWN, { token: t })))?.statusCode).toBe(401);
    }
    expect((await s.serve(s.request('GET', OWN, { token: tokenOf('ana', keys, at(s.now, 10)) })))?.statusCode).toBe(
      200,
    );
    // The supervisor's own session is untouched.
    expect((await s.serve(s.request('GET', '/equipe/casos', { token: sofia })))?.statusCode).toBe(200);
  });
});

describe('serveConsole — file links go through the console (session checked on every click)', () => {
  const now = new Date();
  const OWN = `/equipe/caso/${encodeURIComponent(CASE_ID)}`;
  function filesWorld() {
    const s = world([
      withFile(workCase()),
      withFile(workCase({ caseId: 'email:infected', protocol: 'OUV-2026-000125' }), 'THREATS_FOUND'),
      workCase({ caseId: 'other', protocol: 'OUV-2026-000124', assignee: 'bruno' }),
    ]);
    s.deps.attachmentLinks = s3Links(now);
    const uploads = claimedUploads();
    s.deps.uploadTags = { tags: uploads.get };
    return { ...s, uploads };
  }

  it('the case page holds no signed link: each clean file links to the console’s file route', async () => {
    const { serve, request } = filesWorld();
    const page = await serve(request('GET', OWN, { token: tokenOf('ana') }));
    expect(page?.statusCode).toBe(200);
    expect(page?.body).not.toMatch(/X-Amz-|amazonaws\.com/);
    expect(page?.body).toContain(
      `<a href="${OWN}/arquivo?chave=${encodeURIComponent(FILE_KEY)}" rel="noopener noreferrer" download>fatura fevereiro.pdf</a>`,
    );
  });

  it('the file route redirects to a link signed for one minute, served as an attachment, never cached', async () => {
    const { serve, request, w } = filesWorld();
    const r = await serve(
      request('GET', `${OWN}/arquivo`, { token: tokenOf('ana'), query: `chave=${encodeURIComponent(FILE_KEY)}` }),
    );
    expect(r?.statusCode).toBe(303);
    // A file's link needs the case's files, never a message text.
    expect(w.cases.textReads).toBe(0);
    expect(r?.headers['cache-control']).toBe('no-store');
    // No console address follows the browser to S3.
    expect(r?.headers['referrer-policy']).toBe('same-origin');
    const link = new URL(r?.headers['location'] ?? '');
    expect(link.host).toBe('ouv-uploads.s3.sa-east-1.amazonaws.com');
    expect(link.pathname).toBe(`/${FILE_KEY}`);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(link.searchParams.get('response-content-disposition')).toMatch(
      /^attachment; filename="fatura fevereiro\.pdf"/,
    );
  });

  it.each([
    // [who, case path, key asked for, status]: only a clean file of a case the person may see.
    ['bruno', OWN, FILE_KEY, 403],
    ['ana', OWN, 'uploads/6f1c2b7e-1d7a-4a55-9a57-2f2f1c1f0a11/02', 404],
    ['ana', OWN, '', 404],
    ['ana', OWN, '../raw-mail/0100019abcdef-lojadamaria', 404],
    ['ana', '/equipe/caso/email%3Ainfected', FILE_KEY, 404],
    ['ana', '/equipe/caso/email%3Anao-existe', FILE_KEY, 404],
  ] as const)('%s asks %s for %j → %i, nothing signed', async (who, path, key, status) => {
    const { serve, request } = filesWorld();
    const r = await serve(
      request('GET', `${path}/arquivo`, { token: tokenOf(who), query: new URLSearchParams({ chave: key }).toString() }),
    );
    expect(r?.statusCode).toBe(status);
    expect(r?.headers['location']).toBeUndefined();
  });

  // The presigned POST stays valid for its policy time: sent again after the submission it replaces
  // the claimed PDF with bytes no check has read (HTML, an active PDF), tagged as a new upload.
  it.each([
    [
      're-posted, scanned clean since',
      { 'ouvidoria-upload': 'pending', GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND' },
    ],
    ['re-posted, not scanned yet', { 'ouvidoria-upload': 'pending' }],
    ['claimed by another case', { 'ouvidoria-upload': 'attached', 'ouvidoria-case': 'webform:form-9a9a' }],
    ['quarantined since', { 'ouvidoria-upload': 'quarantined', 'ouvidoria-case': CASE_ID }],
  ])('the stored object is no longer the case’s file (%s) → 410, nothing signed', async (_label, tags) => {
    const { serve, request, uploads } = filesWorld();
    uploads.tags = tags as Record<string, string>;
    const r = await serve(
      request('GET', `${OWN}/arquivo`, { token: tokenOf('ana'), query: `chave=${encodeURIComponent(FILE_KEY)}` }),
    );
    expect(r?.statusCode).toBe(410);
    expect(r?.headers['location']).toBeUndefined();
    expect(r?.body).toContain('Arquivo substituído');
  });

  it('without a session the file route signs nothing: to the sign-in', async () => {
    const { serve, request } = filesWorld();
    const r = await serve(request('GET', `${OWN}/arquivo`, { query: `chave=${encodeURIComponent(FILE_KEY)}` }));
    expect(r?.statusCode).toBe(303);
    expect(r?.headers['location']).toBe('/equipe/entrar');
  });
});

// Red team round 44: a stray "%" in a case path (a link cut in a chat, a hand-typed address) threw
// URIError out of decodeURIComponent: the handler's 503 JSON and an error log, for a page that is
// simply not there.
describe('serveConsole — a malformed escape in the path', () => {
  it.each([
    ['GET', '/equipe/caso/%E0'],
    ['GET', '/equipe/caso/webform%3A%ZZ'],
    ['GET', '/equipe/caso/%E0/arquivo'],
    ['POST', '/equipe/caso/%E0/acao'],
  ])('%s %s is a 404 page, not a thrown error', async (method, path) => {
    const { serve, request } = world();
    const token = tokenOf('sofia');
    const r = await serve(
      request(
        method,
        path,
        method === 'POST' ? post(token, { acao: 'note', texto: 'Liguei para a loja.' }) : { token },
      ),
    );
    expect(r?.statusCode).toBe(404);
    expect(r?.headers['content-type']).toContain('text/html');
  });
});

// Journey 44 (local stack): the merchant's mailbox hard-bounced (SES feedback, or her server's
// report about the analyst's answer), and the case page showed "Enviada pela Ouvidoria" as ever —
// the analyst went on answering by mail that would not reach her.
describe('serveConsole — the case page says when the merchant’s address bounces our mail', () => {
  const page = async (bouncing: boolean) => {
    // Acknowledged at intake, before the bounce.
    const { deps, request, serve, w } = world([
      { ...workCase(), reply: { status: 'sent', messageId: 'ack@ouvidoria', at: '2026-03-12T13:00:00.000Z' } },
    ]);
    const bounces = new InMemoryBounceRegistry();
    const now = w.deps.clock.now();
    if (bouncing) await bounces.markBouncing(MERCHANT, new Date(now.getTime() + 86_400_000), 'ses-permanent-bounce');
    deps.bounces = bounces;
    const r = await serve(request('GET', `/equipe/caso/${CASE_ID}`, { token: tokenOf('ana') }));
    expect(r?.statusCode).toBe(200);
    return String(r?.body);
  };

  it('in its bounce memory: a warning beside her address, with what to do', async () => {
    const body = await page(true);
    expect(body).toContain('As mensagens da Ouvidoria para este endereço voltaram');
    expect(body).toContain('podem não chegar ao lojista');
  });

  it('not bouncing: no warning', async () => {
    expect(await page(false)).not.toContain('voltaram');
    expect(await page(false)).not.toMatch(/Resposta automática: [^<]*voltou/);
  });

  // Journey 54: after the acknowledgement hard-bounced, the page still said "Resposta automática: enviada".
  it('the acknowledgement sent before the bounce: the line says she may not have it', async () => {
    expect(await page(true)).toMatch(
      /Resposta automática: enviada em [^<]*, mas depois um e-mail nosso para este endereço voltou/,
    );
  });
});

// Journey 46 (45 left): the hint that a colleague answered the merchant minutes before reached a
// console user only by mail; the page she lands on after "Enviar resposta" says it too.
describe('serveConsole — an answer minutes after a colleague’s', () => {
  const answered = (id: string, at: string) => ({
    at,
    actor: { kind: 'staff' as const, id, role: 'analyst' as const },
    type: 'answered' as const,
    messageSourceId: `mail-${id}`,
  });
  const answerThenPage = async (history: WorkCase['history']) => {
    const { serve, request } = world([workCase({ status: 'IN_PROGRESS', history })]);
    const token = tokenOf('ana');
    const r = await serve(
      request('POST', `/equipe/caso/${CASE_ID}/acao`, post(token, { acao: 'answer', texto: 'Olá, Maria.' })),
    );
    const location = new URL(r?.headers['location'] ?? '', 'https://x');
    const page = await serve(request('GET', location.pathname, { token, query: location.search.slice(1) }));
    return page?.body ?? '';
  };

  it('Bruno answered 4 minutes before: the notice and the title name him and when', async () => {
    const body = await answerThenPage([answered('bruno', '2026-03-12T13:56:00.000Z')]);
    const notice = body.match(/<p class="notice" role="status">([^<]*)<\/p>/)?.[1] ?? '';
    expect(notice).toContain('Resposta enviada ao lojista.');
    expect(notice).toContain('Bruno Costa também respondeu a ele em 12/03/2026');
    expect(notice).toContain('o lojista recebeu as duas mensagens');
    expect(body.match(/<title>([^<]*)<\/title>/)?.[1]).toContain('Bruno Costa também respondeu');
  });

  it.each([
    ['no colleague', []],
    ['a colleague 20 minutes before', [answered('bruno', '2026-03-12T13:40:00.000Z')]],
  ])('%s: the plain notice', async (_what, history) => {
    const body = await answerThenPage(history);
    expect(body).toContain('<p class="notice" role="status">Resposta enviada ao lojista.</p>');
  });
});
