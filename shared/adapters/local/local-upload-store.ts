/**
 * Local stand-in for the uploads bucket and GuardDuty Malware Protection: objects in memory
 * (optionally mirrored to a folder), created by presigned POSTs that are verified like S3 does
 * (signature, expiry, exact key, type, length, tags), and scanned on arrival by a stand-in scanner
 * that flags the EICAR test string. Reads follow the same tag-based rule as the bucket policy:
 * only NO_THREATS_FOUND objects can be read. Versioned like the bucket: a new write keeps the
 * version it replaces (in memory only: the mirror folder holds current versions) until the
 * noncurrent-version rule, `expirePending()` here, takes it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CASE_TAG,
  NAME_TAG,
  nameFromTag,
  nameTagValue,
  putTags,
  SCAN_TAG,
  type ScanStatus,
  SHORT_LIVED_UPLOAD_STATES,
  STATE_TAG,
  UPLOADS_PREFIX,
  type UploadOwner,
  type UploadState,
} from '../../domain/uploads/plan';
import { type PresignedPost, presignPost, taggingXml, verifyPostPolicy } from '../../uploads/post-policy';
import type { StoredUpload, UploadStore } from '../../uploads/ports';

/** The EICAR test file's signature: what every anti-virus flags on purpose. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The stand-in scanner: THREATS_FOUND for the EICAR string anywhere in the bytes, else clean. */
export function localScan(bytes: Uint8Array): ScanStatus {
  return Buffer.from(bytes).includes(EICAR, 0, 'latin1') ? 'THREATS_FOUND' : 'NO_THREATS_FOUND';
}

export const LOCAL_UPLOAD_CREDENTIALS = { accessKeyId: 'LOCALUPLOADS', secretAccessKey: 'local-uploads-secret' };

interface LocalObject {
  version: string;
  bytes: Buffer;
  contentType: string;
  filename?: string | undefined;
  tags: Record<string, string>;
}

export class AccessDenied extends Error {
  constructor(key: string) {
    super(`AccessDenied: ${key} is not tagged ${SCAN_TAG}=NO_THREATS_FOUND`);
    this.name = 'AccessDenied';
  }
}

export interface LocalUploadStoreOptions {
  bucket?: string;
  /** Form action of the presigned POSTs (the local HTTP server's /_s3/<bucket>/). */
  url: string | (() => string);
  /** Mirror objects to this folder, so they survive a restart like the cases do. */
  dir?: string;
  region?: string;
  /** Scan result delay: 'sync' (default) tags on arrival; 'manual' leaves it PENDING until scanPending(). */
  scan?: 'sync' | 'manual';
  /**
   * GuardDuty's scan-result event (EventBridge → functions/attachment-scan): told of every version the
   * stand-in scanner tagged under uploads/, after the write that made it returned (the local stack
   * records it on the case, as the scan-result function does on AWS).
   */
  onScanned?: (result: LocalScanResult) => void;
}

/** What GuardDuty's event says of one scanned object version. */
export interface LocalScanResult {
  key: string;
  status: ScanStatus;
  etag: string;
  version: string;
}

export class LocalUploadStore implements UploadStore {
  readonly bucket: string;
  private readonly objects = new Map<string, LocalObject>();
  /** Versions replaced by a later write, oldest first (S3's noncurrent versions). */
  private readonly noncurrent = new Map<string, LocalObject[]>();
  private readonly region: string;

  constructor(private readonly options: LocalUploadStoreOptions) {
    this.bucket = options.bucket ?? 'ouvidoria-uploads-local';
    this.region = options.region ?? 'us-east-1';
    if (options.dir && existsSync(join(options.dir, 'index.json'))) {
      const index = JSON.parse(readFileSync(join(options.dir, 'index.json'), 'utf8')) as Record<
        string,
        Omit<LocalObject, 'bytes'>
      >;
      for (const [key, meta] of Object.entries(index)) {
        const file = join(options.dir, key);
        if (existsSync(file))
          this.objects.set(key, { ...meta, version: meta.version ?? randomUUID(), bytes: readFileSync(file) });
      }
    }
  }

  /**
   * Forgets the objects whose mirrored file is gone: `npm run titular -- delete` erases a data
   * subject's files from the folder (FileUploadArchive) while the stack runs, as it erases every
   * version from the bucket on AWS — the stack must not go on serving her file from memory, nor
   * write its name and case back into the index.
   */
  private forgetErased(): void {
    const dir = this.options.dir;
    if (!dir) return;
    for (const key of [...this.objects.keys()]) {
      if (existsSync(join(dir, key))) continue;
      this.objects.delete(key);
      this.noncurrent.delete(key);
    }
  }

  private persist(key?: string): void {
    const dir = this.options.dir;
    if (!dir) return;
    if (key) {
      const file = join(dir, key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, this.objects.get(key)?.bytes ?? Buffer.alloc(0));
    }
    this.forgetErased();
    const index = Object.fromEntries([...this.objects].map(([k, { bytes: _b, ...meta }]) => [k, meta]));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  }

  private store(
    key: string,
    bytes: Buffer,
    contentType: string,
    filename: string | undefined,
    tags: Record<string, string>,
  ) {
    const scanned: Record<string, string> = this.options.scan === 'manual' ? {} : { [SCAN_TAG]: localScan(bytes) };
    const version = randomUUID();
    this.write(key, { version, bytes, contentType, filename, tags: { ...tags, ...scanned } });
    if (scanned[SCAN_TAG]) this.announce(key, scanned[SCAN_TAG] as ScanStatus, bytes, version);
  }

  /** The scan-result event, after the current call returns (GuardDuty's comes seconds after the write). */
  private announce(key: string, status: ScanStatus, bytes: Buffer, version: string): void {
    const listener = this.options.onScanned;
    if (!listener || !key.startsWith(UPLOADS_PREFIX)) return;
    setImmediate(() => listener({ key, status, etag: etagOf(bytes), version }));
  }

  /** A new current version of `key`; the one it replaces becomes noncurrent. */
  private write(key: string, object: LocalObject): void {
    const replaced = this.objects.get(key);
    if (replaced) this.noncurrent.set(key, [...(this.noncurrent.get(key) ?? []), replaced]);
    this.objects.set(key, object);
    this.persist(key);
  }

  /** `version` of `key` (the current one when undefined). */
  private find(key: string, version?: string): LocalObject | undefined {
    this.forgetErased();
    const current = this.objects.get(key);
    if (version === undefined || current?.version === version) return current;
    return this.noncurrent.get(key)?.find((o) => o.version === version);
  }

  /** Manual scan mode: scan every version still pending (what GuardDuty does a few seconds later). */
  scanPending(): string[] {
    const done: string[] = [];
    for (const [key, object] of [
      ...this.objects,
      ...[...this.noncurrent].flatMap(([k, vs]) => vs.map((v) => [k, v] as const)),
    ]) {
      if (object.tags[SCAN_TAG]) continue;
      object.tags[SCAN_TAG] = localScan(object.bytes);
      done.push(key);
      this.announce(key, object.tags[SCAN_TAG] as ScanStatus, object.bytes, object.version);
    }
    this.persist();
    return done;
  }

  async presign(
    key: string,
    file: { contentType: string; size: number; filename: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<PresignedPost> {
    return presignPost({
      url: typeof this.options.url === 'function' ? this.options.url() : this.options.url,
      bucket: this.bucket,
      key,
      contentType: file.contentType,
      size: file.size,
      tagging: taggingXml({ [STATE_TAG]: 'pending', [NAME_TAG]: nameTagValue(file.filename) }),
      metadata: { filename: encodeURIComponent(file.filename) },
      region: this.region,
      credentials: LOCAL_UPLOAD_CREDENTIALS,
      now,
      expiresInSeconds,
    });
  }

  /** A browser's POST upload, checked as S3 checks it; returns the S3 error code on refusal. */
  acceptPost(fields: Record<string, string>, bytes: Buffer, now: Date): { ok: true } | { ok: false; problem: string } {
    const verdict = verifyPostPolicy(fields, bytes.length, this.bucket, now, (id) =>
      id === LOCAL_UPLOAD_CREDENTIALS.accessKeyId ? LOCAL_UPLOAD_CREDENTIALS.secretAccessKey : undefined,
    );
    if (!verdict.ok) return verdict;
    // The signer (the webform's role) may put only under uploads/: a claimed copy is beyond any policy.
    if (!(fields['key'] ?? '').startsWith(UPLOADS_PREFIX)) return { ok: false, problem: 'AccessDenied' };
    const tags = Object.fromEntries(
      [...(fields['tagging'] ?? '').matchAll(/<Tag><Key>([^<]*)<\/Key><Value>([^<]*)<\/Value><\/Tag>/g)].map((m) => [
        m[1] as string,
        m[2] as string,
      ]),
    );
    this.store(
      fields['key'] as string,
      bytes,
      fields['Content-Type'] ?? 'application/octet-stream',
      fields['x-amz-meta-filename'],
      tags,
    );
    return { ok: true };
  }

  async put(
    key: string,
    bytes: Uint8Array,
    file: { contentType: string; filename: string },
    owner?: UploadOwner,
  ): Promise<void> {
    this.store(
      key,
      Buffer.from(bytes),
      file.contentType,
      encodeURIComponent(file.filename),
      putTags(file.filename, owner),
    );
  }

  async list(prefix: string): Promise<StoredUpload[]> {
    this.forgetErased();
    return [...this.objects]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, o]) => ({
        key,
        size: o.bytes.length,
        filename: nameFromTag(o.tags[NAME_TAG]),
        tags: { ...o.tags },
        etag: etagOf(o.bytes),
        version: o.version,
      }));
  }

  async tags(key: string, version?: string): Promise<Record<string, string>> {
    return { ...(this.find(key, version)?.tags ?? {}) };
  }

  async readClean(key: string): Promise<Buffer> {
    const object = this.find(key);
    if (object?.tags[SCAN_TAG] !== 'NO_THREATS_FOUND') throw new AccessDenied(key);
    return object.bytes;
  }

  /** A clean object as the bucket would serve it (download link), or null (denied / unknown). */
  download(key: string): { bytes: Buffer; contentType: string; filename?: string | undefined } | null {
    const object = this.find(key);
    if (object?.tags[SCAN_TAG] !== 'NO_THREATS_FOUND') return null;
    return { bytes: object.bytes, contentType: object.contentType, filename: object.filename };
  }

  async setState(key: string, state: UploadState, caseId?: string, version?: string): Promise<void> {
    const object = this.find(key, version);
    if (!object) return;
    object.tags = { ...object.tags, [STATE_TAG]: state, ...(caseId ? { [CASE_TAG]: caseId } : {}) };
    this.persist();
  }

  /** A copy as S3 makes it: pinned to the version and ETag, read under the tag-based rule, no new scan. */
  async copy(
    from: string,
    to: string,
    etag: string | undefined,
    tags: Record<string, string>,
    version?: string,
  ): Promise<boolean> {
    const object = this.find(from, version);
    if (object?.tags[SCAN_TAG] !== 'NO_THREATS_FOUND') return false;
    if (etag !== undefined && etag.replace(/"/g, '') !== etagOf(object.bytes).replace(/"/g, '')) return false;
    this.write(to, { ...object, version: randomUUID(), tags: { ...tags } });
    return true;
  }

  /**
   * What the lifecycle rules do on AWS after `pendingUploadDays`: pending and moved uploads, and
   * every noncurrent version, are deleted. The keys that lost a version, once each.
   */
  expirePending(): string[] {
    const states: readonly string[] = SHORT_LIVED_UPLOAD_STATES;
    const expired = [...this.objects].filter(([, o]) => states.includes(o.tags[STATE_TAG] ?? '')).map(([k]) => k);
    for (const key of expired) this.objects.delete(key);
    const keys = new Set([...expired, ...this.noncurrent.keys()]);
    this.noncurrent.clear();
    this.persist();
    return [...keys];
  }

  /** How many versions of `key` are kept, current and noncurrent (tests). */
  versionCount(key: string): number {
    return (this.objects.has(key) ? 1 : 0) + (this.noncurrent.get(key)?.length ?? 0);
  }

  /** Every key (tests and the local board). */
  keys(): string[] {
    this.forgetErased();
    return [...this.objects.keys()];
  }
}

/** S3's ETag of a single-part object: the MD5 of its bytes, quoted. */
function etagOf(bytes: Buffer): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}
