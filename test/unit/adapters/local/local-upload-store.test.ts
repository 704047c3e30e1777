import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalUploadStore, localScan } from '../../../../shared/adapters/local/local-upload-store';
import { FileUploadArchive } from '../../../../shared/adapters/upload-archive';
import { EICAR, pdf } from '../../../support/files';

const KEY = `uploads/${'c'.repeat(32)}/01`;
const now = new Date('2026-03-10T13:05:00Z');

describe('local scanner stand-in', () => {
  it('flags the EICAR string anywhere in the bytes, nothing else', () => {
    expect(localScan(Buffer.from(EICAR))).toBe('THREATS_FOUND');
    expect(localScan(Buffer.concat([pdf(), Buffer.from(EICAR)]))).toBe('THREATS_FOUND');
    expect(localScan(pdf())).toBe('NO_THREATS_FOUND');
  });

  it.each([
    // The standard test file, as eicar.org publishes it (68 bytes), and as saved with a newline.
    ['the published eicar.com', String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`],
    [
      'eicar.txt with a newline',
      `${String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`}\n`,
    ],
  ])('flags %s (the string the README sends testers to)', (_what, file) => {
    expect(file.trim()).toHaveLength(68);
    expect(localScan(Buffer.from(file, 'latin1'))).toBe('THREATS_FOUND');
  });
});

describe('LocalUploadStore: a put for a case, and the scan-result event', () => {
  it('tags it attached to the case, scans it, and tells the listener after the write returned', async () => {
    const seen: Array<{ key: string; status: string }> = [];
    const store = new LocalUploadStore({ url: 'http://local/_s3/b/', onScanned: (r) => seen.push(r) });
    await store.put(KEY, Buffer.from(EICAR), { contentType: 'text/plain', filename: 'e.txt' }, { caseId: 'email:s1' });
    expect(await store.tags(KEY)).toMatchObject({
      'ouvidoria-upload': 'attached',
      'ouvidoria-case': 'email:s1',
      GuardDutyMalwareScanStatus: 'THREATS_FOUND',
    });
    expect(seen).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toMatchObject([{ key: KEY, status: 'THREATS_FOUND' }]);
  });

  it('manual scanning tells the listener when it scans', async () => {
    const seen: string[] = [];
    const store = new LocalUploadStore({
      url: 'http://local/_s3/b/',
      scan: 'manual',
      onScanned: (r) => seen.push(r.status),
    });
    await store.put(KEY, pdf(), { contentType: 'application/pdf', filename: 'f.pdf' }, { caseId: 'email:s1' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    store.scanPending();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['NO_THREATS_FOUND']);
  });
});

describe('LocalUploadStore', () => {
  it('accepts a POST only as its policy allows, then scans and tags it', async () => {
    const store = new LocalUploadStore({ url: 'http://local/_s3/b/' });
    const { fields } = await store.presign(
      KEY,
      { contentType: 'application/pdf', size: pdf().length, filename: 'f.pdf' },
      now,
      60,
    );
    expect(store.acceptPost({ ...fields, key: 'uploads/x/01' }, pdf(), now).ok).toBe(false);
    expect(store.acceptPost(fields, Buffer.concat([pdf(), Buffer.from('x')]), now).ok).toBe(false);
    expect(store.acceptPost(fields, pdf(), new Date(now.getTime() + 61_000)).ok).toBe(false);
    expect(store.acceptPost(fields, pdf(), now)).toEqual({ ok: true });
    expect(await store.tags(KEY)).toMatchObject({
      'ouvidoria-upload': 'pending',
      GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND',
    });
    expect((await store.readClean(KEY)).equals(pdf())).toBe(true);
  });

  it('never reads or serves an infected or unscanned object', async () => {
    const store = new LocalUploadStore({ url: 'http://local/_s3/b/', scan: 'manual' });
    await store.put(KEY, Buffer.from(EICAR), { contentType: 'text/plain', filename: 'e.txt' });
    await expect(store.readClean(KEY)).rejects.toThrow(/AccessDenied/);
    expect(store.scanPending()).toEqual([KEY]);
    await expect(store.readClean(KEY)).rejects.toThrow(/AccessDenied/);
    expect(store.download(KEY)).toBeNull();
  });

  // Journey 50: 'titular delete' against the running stack erased her photo from the folder; the
  // stack still served it from memory and wrote its name and case back into index.json.
  it('forgets a file erased from its folder while it runs: not served, not listed, not indexed again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ouvidoria-uploads-'));
    try {
      const store = new LocalUploadStore({ url: 'http://local/_s3/b/', dir });
      await store.put(KEY, pdf(), { contentType: 'application/pdf', filename: 'IMG_4821.pdf' });
      await store.setState(KEY, 'attached', 'email:case-1');
      await new FileUploadArchive(dir).erase(KEY);
      expect(store.download(KEY)).toBeNull();
      await expect(store.readClean(KEY)).rejects.toThrow(/AccessDenied/);
      expect(await store.list('uploads/')).toEqual([]);
      expect(store.keys()).toEqual([]);
      const other = `uploads/${'d'.repeat(32)}/01`;
      await store.put(other, pdf(), { contentType: 'application/pdf', filename: 'nota.pdf' });
      expect(Object.keys(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')))).toEqual([other]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('survives a restart from its folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ouvidoria-uploads-'));
    try {
      const first = new LocalUploadStore({ url: 'http://local/_s3/b/', dir });
      await first.put(KEY, pdf(), { contentType: 'application/pdf', filename: 'f.pdf' });
      await first.setState(KEY, 'attached', 'webform-1');
      const second = new LocalUploadStore({ url: 'http://local/_s3/b/', dir });
      expect(await second.tags(KEY)).toMatchObject({ 'ouvidoria-upload': 'attached', 'ouvidoria-case': 'webform-1' });
      expect(second.keys()).toEqual([KEY]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
