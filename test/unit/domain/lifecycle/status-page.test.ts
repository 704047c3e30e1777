import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import { publicCaseView, renderStatusLinkMail, sameAddress } from '../../../../shared/domain/lifecycle/status-page';
import { MERCHANT, workCase } from '../../../support/lifecycle-fakes';

describe('publicCaseView', () => {
  it('keeps the merchant messages and relayed answers, drops staff mail, notes and authors', () => {
    const c = workCase({
      messages: [
        ...workCase().messages,
        {
          sourceId: 'staff-1',
          channel: 'email',
          receivedAt: '2026-03-11T13:00:00.000Z',
          subject: 'Re: caso',
          text: '#nota segredo interno',
          attachments: [],
          from: { address: 'ana@empresa.com.br', name: 'Ana' },
        },
        {
          sourceId: 'out-1',
          channel: 'email',
          receivedAt: '2026-03-11T14:00:00.000Z',
          subject: 'Resposta',
          text: 'Estornamos a cobrança.',
          attachments: [],
          direction: 'out',
          author: 'ana',
        },
      ],
      history: [
        {
          type: 'note',
          text: 'nota interna',
          at: '2026-03-11T13:00:00.000Z',
          actor: { kind: 'staff', id: 'ana', role: 'analyst' },
        },
      ],
    });
    const view = publicCaseView(c);
    expect(view?.messages.map((m) => m.from)).toEqual(['merchant', 'office']);
    const json = JSON.stringify(view);
    expect(json).not.toContain('segredo');
    expect(json).not.toContain('nota interna');
    expect(json).not.toContain('ana');
    expect(view?.dueAt).toBe('2026-03-24T13:00:00.000Z');
  });

  it('is null for a record without protocol', () => {
    expect(publicCaseView(workCase({ protocol: undefined as unknown as string }))).toBeNull();
  });
});

describe('sameAddress and the link mail', () => {
  it('compares addresses case-insensitively', () => {
    expect(sameAddress(MERCHANT.toUpperCase(), MERCHANT)).toBe(true);
    expect(sameAddress(`${MERCHANT}x`, MERCHANT)).toBe(false);
    expect(sameAddress('', MERCHANT)).toBe(false);
  });

  it('renders the pt-BR mail with the link and its validity', () => {
    const mail = renderStatusLinkMail('OUV-2026-000123', 'https://x.example/consulta/caso?p=1', 'Maria', localConfig);
    expect(mail.subject).toBe('[OUV-2026-000123] Link para acompanhar o seu caso');
    expect(mail.text).toContain('https://x.example/consulta/caso?p=1');
    expect(mail.text).toContain('24 horas');
  });
});
