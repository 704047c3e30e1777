import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import { staffReplyAddress } from '../../../../shared/domain/lifecycle/reply-address';
import { staffTextForMerchant } from '../../../../shared/domain/lifecycle/staff-text';
import { PROTOCOL, SECRET } from '../../../support/lifecycle-fakes';

const OFFICE = 'ouvidoria@ouvidoria.example.com.br';
const ana = { name: 'Ana Souza', email: 'ana.souza@ouvidoria.example.com.br' };
const team = [ana, { email: 'carla.nascimento@ouvidoria.example.com.br' }, { email: 'bruno.oliveira@empresa.com.br' }];
const answer = 'Olá, Maria. O estorno da cobrança em duplicidade foi aprovado e cai na fatura de janeiro.';

describe('staffTextForMerchant — what the merchant reads of staff text', () => {
  it.each([
    ['her name and address as a signature', `${answer}\n\nAna Souza\nana.souza@ouvidoria.example.com.br`, answer],
    ['a closing, her name and role', `${answer}\n\nAtenciosamente,\nAna Souza\nAnalista de Ouvidoria`, answer],
    ['"Abs," and her first name', `${answer}\n\nAbs,\nAna`, answer],
    ['"Att. Ana Souza" on one line', `${answer}\nAtt. Ana Souza`, answer],
    ['a closing with no name', `${answer}\n\nAtenciosamente,`, answer],
    [
      'her address in the text (no signature)',
      `${answer}\nQualquer dúvida, escreva para ana.souza@ouvidoria.example.com.br.`,
      `${answer}\nQualquer dúvida, escreva para ${OFFICE}.`,
    ],
    [
      'a colleague’s address, any letter case',
      `${answer}\nO financeiro (Carla.Nascimento@ouvidoria.example.com.br) confirmou.`,
      `${answer}\nO financeiro (${OFFICE}) confirmou.`,
    ],
    [
      'a staff reply address',
      `${answer}\nResponda para ${staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)}.`,
      `${answer}\nResponda para ${OFFICE}.`,
    ],
  ])('%s', (_, text, expected) => {
    expect(staffTextForMerchant(text, ana, team, localConfig)).toBe(expected);
  });

  // Content stays: a name mid-text, a merchant's own address, a text that is only a name or one line.
  it.each([
    ['her name inside a sentence', `Olá, Maria. Aqui é a Ana Souza, da Ouvidoria.\n${answer}`],
    ['the merchant’s own address', `${answer}\nConfirmamos o cadastro de contato@eletroponto.com.br.`],
    [
      'an address that only contains a staff one',
      `${answer}\nEnvie a nota para xana.souza@ouvidoria.example.com.br.br`,
    ],
    ['a one-line summary', 'Estorno da cobrança em duplicidade aprovado'],
    ['a name that is the whole text', 'Ana Souza'],
    ['another person’s name at the foot', `${answer}\n\nQuem confirmou foi o Bruno Oliveira, do financeiro.`],
  ])('%s is kept', (_, text) => {
    expect(staffTextForMerchant(text, ana, team, localConfig)).toBe(text);
  });

  it('without a writer on the roster, only the addresses are rewritten', () => {
    const text = `${answer}\n\nAna Souza\nana.souza@ouvidoria.example.com.br`;
    expect(staffTextForMerchant(text, undefined, team, localConfig)).toBe(`${answer}\n\nAna Souza\n${OFFICE}`);
  });
});
