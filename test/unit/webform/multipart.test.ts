import { describe, expect, it } from 'vitest';
import { parseMultipart } from '../../../shared/webform/multipart';
import { pdf, png } from '../../support/files';
import { multipartBody } from '../../support/multipart';

const limits = { maxFiles: 5, maxFileBytes: 1024, maxFieldBytes: 64 * 1024 };

describe('parseMultipart', () => {
  it('reads fields and files (names in UTF-8), first field occurrence wins', async () => {
    const { body, contentType } = multipartBody({ nome: 'João', email: 'a@b.c' }, [
      { name: 'fatura março.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'print.png', type: 'image/png', bytes: png() },
    ]);
    const r = await parseMultipart(body, contentType, limits);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields).toMatchObject({ nome: 'João', email: 'a@b.c' });
    expect(r.files.map((f) => [f.name, f.declaredType, f.bytes.length, f.truncated])).toEqual([
      ['fatura março.pdf', 'application/pdf', pdf().length, false],
      ['print.png', 'image/png', png().length, false],
    ]);
  });

  it('skips an empty file input (no file chosen)', async () => {
    const { body, contentType } = multipartBody({ nome: 'x' }, [
      { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) },
    ]);
    const r = await parseMultipart(body, contentType, limits);
    expect(r).toMatchObject({ ok: true, files: [] });
  });

  it('marks a file over the size limit as truncated', async () => {
    const { body, contentType } = multipartBody({}, [
      { name: 'a.txt', type: 'text/plain', bytes: Buffer.alloc(2048, 97) },
    ]);
    const r = await parseMultipart(body, contentType, limits);
    expect(r.ok && r.files[0]?.truncated).toBe(true);
  });

  it('refuses more files than allowed and malformed bodies', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      name: `${i}.txt`,
      type: 'text/plain',
      bytes: Buffer.from('oi'),
    }));
    const { body, contentType } = multipartBody({}, six);
    expect(await parseMultipart(body, contentType, limits)).toEqual({ ok: false, problem: 'too_many_files' });
    expect(await parseMultipart(Buffer.from('x'), 'multipart/form-data', limits)).toEqual({
      ok: false,
      problem: 'malformed',
    });
  });
});
