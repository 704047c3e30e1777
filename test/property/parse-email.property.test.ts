/**
 * parseEmail builds its Submission within the schema's bounds by construction and does not run the
 * schema on each mail (issue 16). This property holds it to the schema: whatever the bytes, with
 * every header and part as long or as many as a sender likes, the result is what SubmissionSchema
 * accepts, unchanged (no field over its bound, no default missing, no stray key, the schema's order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SubmissionSchema } from '../../shared/domain/submission';
import { parseEmail } from '../../shared/mail/parse-email';

const CRLF = '\r\n';
const META = { sourceId: 'ses-prop', receivedAt: '2026-03-02T13:00:00.000Z' };
const LIMITS = { maxRawMailBytes: 25 * 1024 * 1024 };

/** Text of up to `max` characters, sometimes far beyond every bound of the schema. */
const long = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max })).map(([s, n]) => s.repeat(n)),
  );
const oneLine = (max: number) => long(max).map((s) => s.replace(/[\r\n]/g, ' '));
const encoded = (max: number) => long(max).map((s) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`);

const header = fc.oneof(
  fc.tuple(encoded(800), oneLine(600)).map(([name, local]) => `From: ${name} <${local.replace(/\s/g, '')}@x.com.br>`),
  fc
    .array(oneLine(400), { maxLength: 150 })
    .map((list) => `To: ${list.map((a) => `${a.replace(/[\s,]/g, '')}@x.com`).join(', ')}`),
  fc.tuple(fc.constantFrom('Subject: ', 'Subject: =?UTF-8?Q?'), oneLine(5000)).map(([h, s]) => h + s),
  oneLine(3000).map((id) => `Message-ID: <${id.replace(/[\s<>]/g, '')}@x>`),
  oneLine(3000).map((id) => `In-Reply-To: <${id.replace(/[\s<>]/g, '')}>`),
  fc
    .array(oneLine(1500), { maxLength: 300 })
    .map((ids) => `References: ${ids.map((i) => `<${i.replace(/[\s<>]/g, '')}@y>`).join(' ')}`),
  fc
    .tuple(fc.constantFrom('Auto-Submitted', 'Precedence', 'List-Id', 'X-Autoreply', 'Return-Path'), oneLine(3000))
    .map(([name, value]) => `${name}: ${value}`),
  oneLine(200),
);

const attachment = fc
  .tuple(encoded(1500), oneLine(400), oneLine(1500), fc.boolean())
  .map(
    ([filename, type, cid, inline]) =>
      `--b${CRLF}Content-Type: ${type.replace(/[\s;]/g, '') || 'x'}/pdf${CRLF}` +
      `Content-Disposition: ${inline ? 'inline' : 'attachment'}; filename="${filename}"${CRLF}` +
      `Content-ID: <${cid.replace(/[\s<>]/g, '')}>${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}JVBERi0xLjQK`,
  );

const mail = fc
  .tuple(fc.array(header, { maxLength: 8 }), long(3000), fc.array(attachment, { maxLength: 4 }))
  .map(([headers, text, parts]) =>
    Buffer.from(
      parts.length === 0
        ? `${headers.join(CRLF)}${CRLF}${CRLF}${text}`
        : `${headers.join(CRLF)}${CRLF}Content-Type: multipart/mixed; boundary="b"${CRLF}${CRLF}` +
            `--b${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${text}${CRLF}${parts.join(CRLF)}${CRLF}--b--`,
      'utf8',
    ),
  );

describe('parseEmail over arbitrary mail', () => {
  it('returns what SubmissionSchema accepts, unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mail,
          fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
        ),
        async (raw) => {
          const submission = await parseEmail(raw, META, LIMITS);
          // Byte for byte as stored: the same fields, in the schema's order, none missing or added.
          expect(JSON.stringify(SubmissionSchema.parse(submission))).toBe(JSON.stringify(submission));
        },
      ),
      { numRuns: 200 },
    );
  });
});
