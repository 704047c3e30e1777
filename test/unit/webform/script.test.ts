import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FORM_LIMITS } from '../../../shared/webform/form';
import { APP_JS } from '../../../shared/webform/script';

type Listener = (event: { preventDefault(): void }) => void;

/** A tiny element: attributes, listeners and the properties the script touches. */
function element(attrs: Record<string, string> = {}) {
  const listeners: Record<string, Listener[]> = {};
  return {
    attrs: { ...attrs },
    listeners,
    value: '',
    hidden: true,
    disabled: false,
    textContent: '',
    files: [] as Array<{ name: string; size: number; type: string }>,
    children: [] as unknown[],
    appendChild(child: unknown) {
      this.children.push(child);
    },
    focused: 0,
    focus() {
      this.focused++;
    },
    getAttribute(name: string) {
      return this.attrs[name] ?? null;
    },
    setAttribute(name: string, value: string) {
      this.attrs[name] = value;
    },
    removeAttribute(name: string) {
      delete this.attrs[name];
    },
    addEventListener(type: string, fn: Listener) {
      listeners[type] = [...(listeners[type] ?? []), fn];
    },
    querySelector: (_selector: string) => null as unknown,
    fire(type: string) {
      let prevented = false;
      for (const fn of listeners[type] ?? []) fn({ preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
}

/**
 * Runs the script against a page with the given elements; `browser` adds globals (FormData and
 * XMLHttpRequest turn uploads on), on the window too.
 */
function run(ids: Record<string, ReturnType<typeof element>>, browser: Record<string, unknown> = {}) {
  const timers: Array<() => void> = [];
  const win = Object.assign(element(), browser);
  runInNewContext(APP_JS, {
    document: { getElementById: (id: string) => ids[id] ?? null, createElement: () => element() },
    window: win,
    setTimeout: (fn: () => void) => timers.push(fn),
    clearTimeout: () => {},
    ...browser,
  });
  return { win, timers };
}

/** A request the script made; the test answers it with `answer`. */
class FakeRequest {
  static made: FakeRequest[] = [];
  status = 0;
  responseText = '';
  url = '';
  body: unknown;
  upload = { addEventListener() {} };
  private listeners: Record<string, Array<() => void>> = {};
  constructor() {
    FakeRequest.made.push(this);
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  addEventListener(type: string, fn: () => void) {
    this.listeners[type] = [...(this.listeners[type] ?? []), fn];
  }
  send(body: unknown) {
    this.body = body;
  }
  answer(status: number, responseText: string) {
    this.status = status;
    this.responseText = responseText;
    for (const fn of this.listeners['load'] ?? []) fn();
  }
}

describe('APP_JS (the enhancement script)', () => {
  it('is valid JavaScript', () => {
    expect(() => new Function(APP_JS)).not.toThrow();
  });

  it('needs nothing newer than ES2017 (esbuild leaves it unchanged at that target)', () => {
    const lowered = (target: string) => transformSync(APP_JS, { target, loader: 'js' }).code;
    expect(lowered('es2017')).toBe(lowered('esnext'));
    for (const syntax of ['?.', '??', '=>', '`', 'let ', 'const ', 'class ', '...']) {
      expect(APP_JS.includes(syntax), syntax).toBe(false);
    }
  });

  it('has no inline event handlers or eval (the CSP allows neither)', () => {
    expect(APP_JS).not.toMatch(/\son[a-z]+\s*=/i);
    expect(APP_JS).not.toMatch(/\beval\s*\(|new Function|innerHTML|document\.write/);
  });

  it('does nothing on a page without the form', () => {
    expect(() => run({})).not.toThrow();
  });

  it('focuses the error summary and counts the description characters (announced after a pause)', () => {
    const summary = element();
    const desc = element({ maxlength: '10' });
    const visible = element();
    const live = element();
    const form = element();
    const { timers } = run({
      'form-ouvidoria': form,
      'resumo-erros': summary,
      descricao: desc,
      'descricao-contador': visible,
      'descricao-contador-aviso': live,
    });
    expect(summary.focused).toBe(1);
    expect(visible.hidden).toBe(false);
    expect(visible.textContent).toBe('Restam 10 de 10 caracteres.');
    desc.value = 'x'.repeat(12);
    desc.fire('input');
    expect(visible.textContent).toBe('Você passou 2 caracteres do limite.');
    expect(live.textContent).toBe('');
    for (const t of timers) t();
    expect(live.textContent).toBe('Você passou 2 caracteres do limite.');
  });

  it.each([
    { typed: 9, says: 'Resta 1 de 10 caracteres.' },
    { typed: 10, says: 'Restam 0 de 10 caracteres.' },
    { typed: 11, says: 'Você passou 1 caractere do limite.' },
  ])('counts in the singular and plural ($typed of 10 typed)', ({ typed, says }) => {
    const desc = element({ maxlength: '10' });
    const visible = element();
    run({
      'form-ouvidoria': element(),
      descricao: desc,
      'descricao-contador': visible,
      'descricao-contador-aviso': element(),
    });
    desc.value = 'x'.repeat(typed);
    desc.fire('input');
    expect(visible.textContent).toBe(says);
  });

  it('falls back to the form limit when the field has no maxlength', () => {
    const visible = element();
    run({
      'form-ouvidoria': element(),
      descricao: element(),
      'descricao-contador': visible,
      'descricao-contador-aviso': element(),
    });
    expect(visible.textContent).toBe(`Restam ${FORM_LIMITS.descricaoMax} de ${FORM_LIMITS.descricaoMax} caracteres.`);
  });

  it('stops a second submit until the page is shown again', () => {
    const form = element();
    const button = element();
    form.querySelector = () => button;
    const { win } = run({ 'form-ouvidoria': form });
    expect(form.fire('submit')).toBe(false);
    expect(button.attrs['aria-disabled']).toBe('true');
    expect(button.textContent).toBe('Enviando…');
    expect(form.fire('submit')).toBe(true);
    win.fire('pageshow');
    expect(button.attrs['aria-disabled']).toBeUndefined();
    expect(form.fire('submit')).toBe(false);
  });

  describe('uploads: a refused file is named where the error goes', () => {
    const chosen = [
      { name: 'nota.pdf', size: 120_000, type: 'application/pdf' },
      { name: 'print.png', size: 80_000, type: 'image/png' },
      { name: 'relatorio.txt', size: 2_000, type: 'text/plain' },
      { name: 'fatura.pdf.exe', size: 300_000, type: 'application/x-msdownload' },
    ];

    const page = (files: typeof chosen) => {
      FakeRequest.made = [];
      const form = element({ action: '/casos' });
      const input = element();
      input.files = files;
      const list = element();
      const say = element();
      const pending = element();
      run(
        { 'form-ouvidoria': form, anexos: input, anexosId: pending, 'anexos-lista': list, 'anexos-aviso': say },
        {
          FormData: class {
            append() {}
          },
          XMLHttpRequest: FakeRequest,
        },
      );
      input.fire('change');
      return { form, input, list, say, pending };
    };
    const asked = (r: FakeRequest | undefined) =>
      (JSON.parse(String(r?.body)) as { files: { name: string }[] }).files.map((f) => f.name);
    const issued = (names: string[]) =>
      JSON.stringify({
        pendingId: 'a'.repeat(32),
        files: names.map((name, i) => ({ key: `k${i}`, name, url: `https://bucket/${i}`, fields: {} })),
      });

    // One .exe among four files dropped the whole selection: she had to choose the three again.
    it.each([
      ['a format the server refuses', 'Formato não aceito. Envie PDF, PNG ou JPEG.', 'fatura.pdf.exe'],
      ['a name with markup, shown as text', 'O arquivo está vazio.', '<img src=x>.pdf'],
    ])('%s, by name: that file is left out, the others still go', (_, message, name) => {
      const files = [...chosen.slice(0, 3), { name, size: 300_000, type: 'application/x-msdownload' }];
      const { form, input, list, say, pending } = page(files);
      FakeRequest.made[0]?.answer(400, JSON.stringify({ message, file: name }));
      expect(list.children).toMatchObject([{ children: [{ textContent: `${name}: ${message}` }] }]);
      // Asked again without it; the uploads of the three go.
      const again = FakeRequest.made[1];
      expect(asked(again)).toEqual(['nota.pdf', 'print.png', 'relatorio.txt']);
      again?.answer(200, issued(['nota.pdf', 'print.png', 'relatorio.txt']));
      expect(say.textContent).toBe(`${name} não foi aceito e não vai com o formulário. Enviando os demais…`);
      expect(pending.value).toBe('a'.repeat(32));
      for (const upload of FakeRequest.made.slice(2)) upload.answer(204, '');
      expect(say.textContent).toBe(
        `${name} não foi aceito e não vai com o formulário. Os demais arquivos foram enviados: você já pode enviar o formulário.`,
      );
      // The post carries the pending id only: the refused file never travels.
      expect(form.fire('submit')).toBe(false);
      expect(input.disabled).toBe(true);
    });

    it('two refused by name, one after the other: both named, the rest goes', () => {
      const files = [chosen[0], chosen[3], { name: 'virus.js', size: 10, type: 'text/javascript' }] as typeof chosen;
      const { form, say } = page(files);
      FakeRequest.made[0]?.answer(400, JSON.stringify({ message: 'Formato não aceito.', file: 'fatura.pdf.exe' }));
      expect(asked(FakeRequest.made[1])).toEqual(['nota.pdf', 'virus.js']);
      FakeRequest.made[1]?.answer(400, JSON.stringify({ message: 'Formato não aceito.', file: 'virus.js' }));
      expect(asked(FakeRequest.made[2])).toEqual(['nota.pdf']);
      FakeRequest.made[2]?.answer(200, issued(['nota.pdf']));
      expect(say.textContent).toBe(
        'fatura.pdf.exe, virus.js não foram aceitos e não vão com o formulário. Enviando os demais…',
      );
      FakeRequest.made[3]?.answer(204, '');
      expect(form.fire('submit')).toBe(false);
    });

    it('the only file chosen refused by name: nothing to send, the submit stops and says which', () => {
      const { form, input, say } = page([chosen[3]] as typeof chosen);
      FakeRequest.made[0]?.answer(400, JSON.stringify({ message: 'Formato não aceito.', file: 'fatura.pdf.exe' }));
      expect(FakeRequest.made).toHaveLength(1);
      expect(say.textContent).toBe('fatura.pdf.exe: Formato não aceito.');
      expect(form.fire('submit')).toBe(true);
      expect(say.textContent).toBe(
        'fatura.pdf.exe não foi aceito: selecione os arquivos de novo sem ele ou remova-os.',
      );
      expect(input.focused).toBe(1);
    });

    it('a name the server gives that is none of hers: nothing is dropped, she chooses again', () => {
      const { form, say } = page(chosen);
      FakeRequest.made[0]?.answer(400, JSON.stringify({ message: 'Formato não aceito.', file: 'outro.exe' }));
      expect(FakeRequest.made).toHaveLength(1);
      expect(form.fire('submit')).toBe(true);
      expect(say.textContent).toContain('selecione os arquivos de novo');
    });

    it.each([
      {
        what: 'a refusal of all the files together (no file named)',
        status: 400,
        body: JSON.stringify({ message: 'Envie no máximo 5 arquivos.' }),
        says: 'Envie no máximo 5 arquivos.',
        onSubmit: 'O envio de um arquivo falhou: selecione os arquivos de novo ou remova-os.',
      },
      {
        what: 'a server error without JSON',
        status: 502,
        body: '<html>Bad Gateway</html>',
        says: 'Não foi possível enviar os arquivos.',
        onSubmit: 'O envio de um arquivo falhou: selecione os arquivos de novo ou remova-os.',
      },
    ])('$what', ({ status, body, says, onSubmit }) => {
      FakeRequest.made = [];
      const form = element({ action: '/casos' });
      const files = element();
      files.files = chosen;
      const list = element();
      const say = element();
      run(
        { 'form-ouvidoria': form, anexos: files, anexosId: element(), 'anexos-lista': list, 'anexos-aviso': say },
        { FormData: class {}, XMLHttpRequest: FakeRequest },
      );
      files.fire('change');
      expect(say.textContent).toBe('Enviando 4 arquivos…');
      const [issue] = FakeRequest.made;
      expect(issue?.url).toBe('/anexos');
      issue?.answer(status, body);
      // Visible beside the field (the list) and read out (the polite live region).
      expect(list.hidden).toBe(false);
      expect(list.children).toMatchObject([{ children: [{ textContent: says }] }]);
      expect(say.textContent).toBe(says);
      expect(form.fire('submit')).toBe(true);
      expect(say.textContent).toBe(onSubmit);
      expect(files.focused).toBe(1);
    });
  });
});
