/**
 * Rules for the files of one webform submission, before and after their bytes arrive:
 * how many, how big, which kinds (config `attachments`), where they live in the uploads bucket,
 * and the scan states a file goes through. Pure: no AWS here.
 */
import { countOf } from '../count';
import { RAW_MAIL_RETENTION_TAG } from '../retention';
import { humanSize } from '../byte-size';
import type { AttachmentsConfig } from '../config';
import { type FileKind, kindFromDeclared, kindFromMime } from './file-type';

/** Prefix of every upload; GuardDuty Malware Protection scans it, the lifecycle rules expire it. */
export const UPLOADS_PREFIX = 'uploads/';
/**
 * Prefix of the files cases hold. A browser's presigned POST stays valid for its whole policy time
 * and names one key under `uploads/`: posted again after the submission, it would replace the file
 * at the case's key (the bucket's current version) with bytes no check has read. So a claimed file
 * that the scanner found clean is copied here, with its tags, and the case points at the copy: no
 * upload policy names this prefix, and the bucket takes nothing here but copies
 * (infra/constructs/uploads.ts). The lifecycle rules expire it on the case's clock.
 */
export const CLAIMED_PREFIX = 'claimed/';

/** GuardDuty's tag on a scanned object, and its values (tag-based access reads only the clean ones). */
export const SCAN_TAG = 'GuardDutyMalwareScanStatus';
export const SCAN_STATUSES = [
  'PENDING',
  'NO_THREATS_FOUND',
  'THREATS_FOUND',
  'UNSUPPORTED',
  'ACCESS_DENIED',
  'FAILED',
] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];
/**
 * Results that say the scanner itself is broken, not the file: GuardDuty could not read the object
 * (its plan role, a bucket policy or key changed) or the scan failed. Every file uploaded meanwhile
 * stays unreadable to the office; the AntivirusFailing alarm pages on the first one.
 */
export const SCANNER_FAULT_STATUSES: readonly ScanStatus[] = ['ACCESS_DENIED', 'FAILED'];

/**
 * Our own tag: `pending` until a submission claims the file (lifecycle deletes pending ones), then
 * `attached`; `moved` on an upload whose clean copy under CLAIMED_PREFIX is the case's file (the
 * lifecycle deletes it like a pending one).
 */
export const STATE_TAG = 'ouvidoria-upload';
export type UploadState = 'pending' | 'attached' | 'quarantined' | 'moved';
/** A file kept away from the case's readers: infected, or not the kind it claims to be (REFUSED). */
export function isQuarantinedScan(scan: ScanStatus | 'REFUSED' | undefined): boolean {
  return scan === 'THREATS_FOUND' || scan === 'REFUSED';
}
/**
 * States the lifecycle deletes after `pendingUploadDays`: nothing a case points at — a `pending`
 * upload, the upload a copy was made from, a copy made for a case that was gone (erased) by then.
 */
export const SHORT_LIVED_UPLOAD_STATES = ['pending', 'moved'] as const satisfies readonly UploadState[];
/** Tag naming the case a claimed file belongs to (read back when a late scan result arrives). */
export const CASE_TAG = 'ouvidoria-case';
/**
 * Whether a submission for `caseId` may claim a stored file: one no case has claimed yet, or this
 * case's own (a retry). A file of another case stays there: a pending id posted again (the back
 * button, a replayed request) must not move it, since its case's closing or erasure would follow.
 */
export function claimableBy(tags: Record<string, string>, caseId: string): boolean {
  const owner = tags[CASE_TAG];
  return owner === undefined || owner === '' || owner === caseId;
}
/**
 * Whether the stored object is still the file `caseId` claimed. The browser's presigned POST stays
 * valid for its whole policy time: posted again after the submission, it replaces the current
 * version with bytes no check has read, tagged `pending` like any new upload.
 * Only an object still tagged `attached` to this case is the file the case recorded.
 */
export function stillClaimedBy(tags: Record<string, string>, caseId: string): boolean {
  return tags[CASE_TAG] === caseId && tags[STATE_TAG] === 'attached';
}
/**
 * Tag holding the sanitised file name (base64, which S3 tag values accept). A tag, not metadata:
 * HeadObject needs s3:GetObject, which the tag-based policy denies until the scan says clean,
 * while the name of an infected file must still be listed.
 */
export const NAME_TAG = 'ouvidoria-name';

const NAME_TAG_BYTES = 180;

export function nameTagValue(name: string): string {
  let bytes = Buffer.from(name, 'utf8');
  if (bytes.length > NAME_TAG_BYTES) {
    let end = NAME_TAG_BYTES;
    while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    bytes = bytes.subarray(0, end);
  }
  return bytes.toString('base64');
}

/** Who owns bytes the office puts in the bucket itself (a mailed file): the case, and whether it is closed. */
export interface UploadOwner {
  caseId: string;
  /**
   * The case is closed (her thanks with a file, after the closing): the file starts the closed case's
   * LGPD clock now, as a closing's re-tag would have (a reopening takes the tag off, as for any file).
   */
  closedCase?: boolean;
}

/**
 * The tags of bytes the office itself puts in the bucket: `pending` like a POST upload, or, with the
 * case that owns them (a mailed file), `attached` to it — what a claim would write, in the same write.
 */
export function putTags(filename: string, owner?: UploadOwner): Record<string, string> {
  return {
    [STATE_TAG]: owner ? 'attached' : 'pending',
    [NAME_TAG]: nameTagValue(filename),
    ...(owner ? { [CASE_TAG]: owner.caseId } : {}),
    ...(owner?.closedCase ? { [RAW_MAIL_RETENTION_TAG.key]: RAW_MAIL_RETENTION_TAG.closedCase } : {}),
  };
}

export function nameFromTag(value: string | undefined): string {
  return value ? Buffer.from(value, 'base64').toString('utf8') : '';
}

/** The pending submission id: random, unguessable, the only thing the browser holds. */
const PENDING_ID = /^[0-9a-f]{32}$/;

export function isPendingId(value: unknown): value is string {
  return typeof value === 'string' && PENDING_ID.test(value);
}

export function uploadPrefix(pendingId: string): string {
  if (!isPendingId(pendingId)) throw new Error('Invalid pending upload id');
  return `${UPLOADS_PREFIX}${pendingId}/`;
}

/** Key of the n-th file (0-based) of a pending submission; no part of it comes from the person. */
export function uploadKey(pendingId: string, index: number): string {
  return `${uploadPrefix(pendingId)}${String(index + 1).padStart(2, '0')}`;
}

/** `<pending id>/<NN>`: the part of an upload key its claimed copy keeps. */
const FILE_PATH = /^[0-9a-f]{32}\/\d{2}$/;

function moveKey(key: string, from: string, to: string): string | undefined {
  const rest = key.startsWith(from) ? key.slice(from.length) : '';
  return FILE_PATH.test(rest) ? `${to}${rest}` : undefined;
}

/** Where the case's copy of a claimed upload lives: the same pending id and number, under CLAIMED_PREFIX. */
export function claimedKey(key: string): string {
  const to = moveKey(key, UPLOADS_PREFIX, CLAIMED_PREFIX);
  if (!to) throw new Error('Not an upload key');
  return to;
}

/**
 * Every object that may hold the file a case records under `key`: the key itself and its other half
 * — the upload a claimed copy was made from (kept a day, tagged `moved`), or the copy a scan result
 * may be making of a file still under uploads/. An erasure takes them all.
 */
export function objectsOfFile(key: string): string[] {
  const other = moveKey(key, CLAIMED_PREFIX, UPLOADS_PREFIX) ?? moveKey(key, UPLOADS_PREFIX, CLAIMED_PREFIX);
  return other ? [key, other] : [key];
}

/** What the browser says about a file before sending it (nothing here is trusted afterwards). */
export interface DeclaredFile {
  name: string;
  size: number;
  type: string;
}

export type DeclaredCheck =
  | { ok: true; files: (DeclaredFile & { kind: FileKind })[] }
  | { ok: false; message: string; file?: string };

/**
 * A kind as a merchant reads it ("PDF", "XLSX"): the name she picks a file by, never its MIME type.
 * XML says which: only a fiscal document's is taken (fiscal-xml.ts).
 */
export function kindLabel(kind: FileKind): string {
  return kind === 'xml' ? 'XML de nota fiscal' : kind.toUpperCase();
}

/** The merchant's name for a stored file's content type, or undefined when it is none of our kinds. */
export function contentTypeLabel(contentType: string): string | undefined {
  const kind = kindFromMime(contentType);
  return kind ? kindLabel(kind) : undefined;
}

/** pt-BR list of the accepted kinds, for hints and errors ("PDF, PNG, JPEG, …"). */
export function kindsText(config: AttachmentsConfig): string {
  return config.allowedTypes.map(kindLabel).join(', ');
}

/** "1 arquivo" / "N arquivos": the file limit as the form and its refusals say it. */
export function filesCountPt(n: number): string {
  return countOf(n, 'arquivo', 'arquivos');
}

/** Count, sizes and kinds of the files a browser wants to send, against the configuration. */
export function checkDeclared(files: DeclaredFile[], config: AttachmentsConfig): DeclaredCheck {
  if (files.length > config.maxFiles) {
    return { ok: false, message: `Envie no máximo ${filesCountPt(config.maxFiles)}.` };
  }
  let total = 0;
  const checked: (DeclaredFile & { kind: FileKind })[] = [];
  for (const file of files) {
    const kind = kindFromDeclared(file.name, file.type);
    if (!kind || !config.allowedTypes.includes(kind)) {
      return { ok: false, file: file.name, message: `Formato não aceito. Envie ${kindsText(config)}.` };
    }
    if (file.size <= 0) return { ok: false, file: file.name, message: 'O arquivo está vazio.' };
    if (file.size > config.maxFileBytes) {
      return { ok: false, file: file.name, message: `Cada arquivo pode ter até ${humanSize(config.maxFileBytes)}.` };
    }
    total += file.size;
    checked.push({ ...file, kind });
  }
  if (total > config.maxTotalBytes) {
    return { ok: false, message: `Os arquivos juntos podem ter até ${humanSize(config.maxTotalBytes)}.` };
  }
  return { ok: true, files: checked };
}

/** pt-BR label of a scan status, as staff and the merchant read it. */
export const SCAN_LABELS: Record<ScanStatus | 'REFUSED', string> = {
  PENDING: 'verificação antivírus em andamento',
  NO_THREATS_FOUND: 'verificado, sem ameaças',
  THREATS_FOUND: 'AMEAÇA DETECTADA — arquivo em quarentena',
  UNSUPPORTED: 'não foi possível verificar (formato não suportado pelo antivírus)',
  ACCESS_DENIED: 'não foi possível verificar (acesso negado)',
  FAILED: 'não foi possível verificar (falha na verificação)',
  REFUSED: 'recusado: o conteúdo não corresponde a um formato aceito',
};
