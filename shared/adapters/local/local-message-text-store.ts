/**
 * Local stand-in for the message-text bucket (S3MessageTextStore), with the same keys: objects in
 * memory (tests), or files in a folder (the local stack: `.local/texts/`, kept across restarts and
 * shared by every process on it, `npm run titular` included). Retention tags are recorded, not acted
 * on (no lifecycle rules locally).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { RAW_MAIL_RETENTION_TAG } from '../../domain/retention';
import type { MessageTextRef, MessageTextStore } from '../../ports';
import { MessageTextNotFound, messageTextCasePrefix, messageTextKey } from '../s3-message-text-store';

interface LocalText {
  bytes: Buffer;
  tag?: string;
}

export class LocalMessageTextStore implements MessageTextStore {
  readonly objects = new Map<string, LocalText>();
  /** Every call that changed an object's retention, in order (tests read it). */
  readonly marks: { kind: 'redirected' | 'closed' | 'open'; key: string }[] = [];
  private readonly root: string | undefined;

  /** `directory`: the objects are files there (`<directory>/<key>`), not kept in memory. */
  constructor(directory?: string) {
    this.root = directory ? resolve(directory) : undefined;
  }

  private read(key: string): LocalText | undefined {
    if (!this.root) return this.objects.get(key);
    const file = this.fileOf(key);
    if (!existsSync(file)) return undefined;
    return { bytes: readFileSync(file), ...this.tagged(key) };
  }

  /** Tags of file-backed objects live in memory only (nothing acts on them locally). */
  private readonly fileTags = new Map<string, string>();
  private tagged(key: string): { tag?: string } {
    const tag = this.fileTags.get(key);
    return tag ? { tag } : {};
  }

  private setTag(key: string, tag: string | undefined): void {
    if (this.root) {
      if (tag) this.fileTags.set(key, tag);
      else this.fileTags.delete(key);
      return;
    }
    const object = this.objects.get(key);
    if (!object) return;
    if (tag) object.tag = tag;
    else delete object.tag;
  }

  async put(target: { caseId: string; sourceId: string; redirected?: boolean }, text: string): Promise<MessageTextRef> {
    const key = messageTextKey(target.caseId, target.sourceId, text);
    const bytes = Buffer.from(text, 'utf8');
    const tag = target.redirected ? RAW_MAIL_RETENTION_TAG.redirected : undefined;
    if (this.root) {
      const file = this.fileOf(key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    } else this.objects.set(key, { bytes });
    this.setTag(key, tag);
    if (tag) this.marks.push({ kind: 'redirected', key });
    return { key, bytes: bytes.length };
  }

  async get(ref: MessageTextRef): Promise<string> {
    const object = this.read(ref.key);
    if (!object) throw new MessageTextNotFound(ref.key);
    if (object.bytes.length !== ref.bytes) {
      throw new Error(`Message text ${ref.key} has ${object.bytes.length} bytes, not ${ref.bytes}`);
    }
    return object.bytes.toString('utf8');
  }

  async markClosed(ref: MessageTextRef, _closedAt?: Date): Promise<void> {
    if (!this.read(ref.key)) return;
    this.setTag(ref.key, RAW_MAIL_RETENTION_TAG.closedCase);
    this.marks.push({ kind: 'closed', key: ref.key });
  }

  async markOpen(ref: MessageTextRef): Promise<void> {
    if (!this.read(ref.key)) return;
    this.setTag(ref.key, undefined);
    this.marks.push({ kind: 'open', key: ref.key });
  }

  async deleteCase(caseId: string): Promise<number> {
    const prefix = messageTextCasePrefix(caseId);
    if (!this.root) {
      const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix));
      for (const key of keys) this.objects.delete(key);
      return keys.length;
    }
    const dir = this.fileOf(prefix);
    const count = existsSync(dir) ? readdirSync(dir).length : 0;
    rmSync(dir, { recursive: true, force: true });
    return count;
  }

  /** The tag an object carries now (tests). */
  tagOf(key: string): string | undefined {
    return this.read(key)?.tag;
  }

  /** The file of a key under the root; throws on a key that would leave it. */
  private fileOf(key: string): string {
    const root = this.root as string;
    const file = resolve(root, key);
    const rel = relative(root, file);
    if (key.includes('\0') || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      throw new Error('Invalid key for the local message text store');
    }
    return file;
  }
}
