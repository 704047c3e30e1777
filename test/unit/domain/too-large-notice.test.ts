import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { renderTooLargeNotice } from '../../../shared/domain/too-large-notice';

describe('renderTooLargeNotice', () => {
  const notice = renderTooLargeNotice('Prints do chamado 48213', 10 * 1024 * 1024, localConfig);

  it('answers the subject and states the limit in whole MB, in pt-BR', () => {
    expect(notice.subject).toContain('Prints do chamado 48213');
    expect(notice.subject).toMatch(/^Re: /);
    expect(notice.text).toContain('grande demais para ser lida pela Ouvidoria (o limite é de 10 MB, anexos incluídos)');
    expect(notice.text).toContain('ainda não foi registrada como manifestação');
  });

  it('says how to send it again, with the web form link, in text and HTML', () => {
    for (const part of [notice.text, notice.html]) {
      expect(part).toContain('número do chamado do suporte');
      expect(part).toContain(localConfig.webformOrigin);
    }
    expect(notice.html).toContain(`href="${localConfig.webformOrigin}`);
  });

  it('without a subject uses the default one; merchant text in the subject is escaped in HTML', () => {
    expect(renderTooLargeNotice('', 1024 * 1024, localConfig).subject).toContain('Sua mensagem à Ouvidoria');
    const evil = renderTooLargeNotice('<script>x</script>', 1024 * 1024, localConfig);
    expect(evil.html).not.toContain('<script>x</script>');
  });
});
