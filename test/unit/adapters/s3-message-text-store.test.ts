import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MESSAGE_TEXT_CONTENT_TYPE,
  MessageTextNotFound,
  messageTextCasePrefix,
  messageTextKey,
  S3MessageTextStore,
} from '../../../shared/adapters/s3-message-text-store';

const client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(client);
beforeEach(() => s3.reset());

const store = new S3MessageTextStore(client, 'texts-bucket');
const TEXT = 'Olá, a cobrança em duplicidade continua — chamado #48213. '.repeat(40);
const body = (bytes: Buffer) => ({ transformToByteArray: async () => new Uint8Array(bytes) }) as never;

describe('messageTextKey', () => {
  it('is the same for the same message and text, and differs for another text or message', () => {
    const key = messageTextKey('email:abc', 'ses-1', TEXT);
    expect(key).toBe(messageTextKey('email:abc', 'ses-1', TEXT));
    expect(key).toMatch(/^messages\/email%3Aabc\/[0-9a-f]{40}\.txt$/);
    expect(messageTextKey('email:abc', 'ses-1', `${TEXT}!`)).not.toBe(key);
    expect(messageTextKey('email:abc', 'ses-2', TEXT)).not.toBe(key);
    expect(key.startsWith(messageTextCasePrefix('email:abc'))).toBe(true);
  });

  it('keeps a case id with slashes or dots inside its own folder', () => {
    expect(messageTextCasePrefix('../x/y')).toBe('messages/..%2Fx%2Fy/');
  });
});

describe('S3MessageTextStore', () => {
  it('puts the text as UTF-8 text/plain under its key, untagged for an open case', async () => {
    s3.on(PutObjectCommand).resolves({});
    const ref = await store.put({ caseId: 'email:abc', sourceId: 'ses-1' }, TEXT);
    expect(ref).toEqual({ key: messageTextKey('email:abc', 'ses-1', TEXT), bytes: Buffer.byteLength(TEXT) });
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Bucket: 'texts-bucket', Key: ref.key, ContentType: MESSAGE_TEXT_CONTENT_TYPE });
    expect(Buffer.from(input.Body as Buffer).toString('utf8')).toBe(TEXT);
    expect(input.Tagging).toBeUndefined();
  });

  it('tags the text of a redirected or quarantined record at put (it expires with its arrival)', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put({ caseId: 'email:abc', sourceId: 'ses-1', redirected: true }, TEXT);
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.Tagging).toBe('ouvidoria-retention=redirected');
  });

  it('a retried put writes the same bytes under the same key', async () => {
    s3.on(PutObjectCommand).rejectsOnce(new Error('SlowDown')).resolves({});
    const target = { caseId: 'email:abc', sourceId: 'ses-1' };
    await expect(store.put(target, TEXT)).rejects.toThrow('SlowDown');
    const ref = await store.put(target, TEXT);
    const [first, second] = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(first!.Key).toBe(ref.key);
    expect(second!.Key).toBe(ref.key);
    expect(Buffer.compare(first!.Body as Buffer, second!.Body as Buffer)).toBe(0);
  });

  it('reads the text back', async () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    s3.on(GetObjectCommand, { Bucket: 'texts-bucket', Key: 'messages/k.txt' }).resolves({ Body: body(bytes) });
    await expect(store.get({ key: 'messages/k.txt', bytes: bytes.length })).resolves.toBe(TEXT);
  });

  it('a missing object is an error, never an empty text', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    await expect(store.get({ key: 'messages/k.txt', bytes: 10 })).rejects.toBeInstanceOf(MessageTextNotFound);
  });

  it('an object of another size than its reference is an error', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(Buffer.from('curto')) });
    await expect(store.get({ key: 'messages/k.txt', bytes: 10 })).rejects.toThrow('has 5 bytes, not 10');
  });

  it('lets other failures through (the caller retries)', async () => {
    s3.on(GetObjectCommand).rejects(new Error('AccessDenied'));
    await expect(store.get({ key: 'messages/k.txt', bytes: 10 })).rejects.toThrow('AccessDenied');
  });

  it('rewrites a closed case’s text onto itself with the closed-case tag (the clock starts at closing)', async () => {
    s3.on(CopyObjectCommand).resolves({});
    await store.markClosed({ key: 'messages/email%3Aabc/f.txt', bytes: 10 }, new Date('2026-12-01T12:00:00.000Z'));
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'texts-bucket',
      Key: 'messages/email%3Aabc/f.txt',
      CopySource: 'texts-bucket/messages/email%253Aabc/f.txt',
      MetadataDirective: 'REPLACE',
      ContentType: MESSAGE_TEXT_CONTENT_TYPE,
      Metadata: { 'closed-at': '2026-12-01T12:00:00.000Z' },
      TaggingDirective: 'REPLACE',
      Tagging: 'ouvidoria-retention=closed-case',
    });
  });

  it('takes the tag off a reopened case’s text, and ignores a text already gone', async () => {
    s3.on(PutObjectTaggingCommand).resolves({});
    await store.markOpen({ key: 'messages/a/f.txt', bytes: 1 });
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]!.args[0].input).toEqual({
      Bucket: 'texts-bucket',
      Key: 'messages/a/f.txt',
      Tagging: { TagSet: [] },
    });
    s3.on(PutObjectTaggingCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    s3.on(CopyObjectCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    await expect(store.markOpen({ key: 'messages/a/f.txt', bytes: 1 })).resolves.toBeUndefined();
    await expect(store.markClosed({ key: 'messages/a/f.txt', bytes: 1 }, new Date())).resolves.toBeUndefined();
    s3.on(CopyObjectCommand).rejects(new Error('SlowDown'));
    await expect(store.markClosed({ key: 'messages/a/f.txt', bytes: 1 }, new Date())).rejects.toThrow('SlowDown');
  });

  it('erases every object of a case’s folder, referenced or not, page by page', async () => {
    s3.on(ListObjectsV2Command, { Bucket: 'texts-bucket', Prefix: 'messages/email%3Aabc/' })
      .resolvesOnce({
        Contents: [{ Key: 'messages/email%3Aabc/1.txt' }],
        IsTruncated: true,
        NextContinuationToken: 't',
      })
      .resolvesOnce({ Contents: [{ Key: 'messages/email%3Aabc/2.txt' }], IsTruncated: false });
    s3.on(DeleteObjectCommand).resolves({});
    await expect(store.deleteCase('email:abc')).resolves.toBe(2);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([
      'messages/email%3Aabc/1.txt',
      'messages/email%3Aabc/2.txt',
    ]);
  });
});
