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

/** Runs the script against a page with the given elements (no uploads: no FormData/XMLHttpRequest). */
function run(ids: Record<string, ReturnType<typeof element>>) {
  const timers: Array<() => void> = [];
  const win = element();
  runInNewContext(APP_JS, {
    document: { getElementById: (id: string) => ids[id] ?? null, createElement: () => element() },
    window: win,
    setTimeout: (fn: () => void) => timers.push(fn),
    clearTimeout: () => {},
  });
  return { win, timers };
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
});
