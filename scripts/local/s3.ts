/**
 * The local stand-in for the uploads bucket's HTTP face, on the local HTTP server under
 * /_s3/<bucket>/: browser POST uploads (multipart, verified against the presigned policy like S3
 * does, CORS from the form origin) and GET of an object as a short-lived download link would
 * serve it — only clean objects, always as an attachment, never with an active content type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalUploadStore } from '../../shared/adapters/local/local-upload-store';
import { safeContentType } from '../../shared/domain/uploads/download';
import { parseMultipart } from '../../shared/webform/multipart';

export const LOCAL_S3_PATH = '/_s3/';
/** S3's own ceiling for a POST upload is 5 GB; ours is the policy's exact length, plus the form fields. */
const MAX_POST_BYTES = 12 * 1024 * 1024;
function xmlError(res: ServerResponse, status: number, code: string, cors: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/xml', ...cors });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code.replace(/[<&]/g, '')}</Code></Error>`);
}

async function readAll(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_POST_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function handleLocalS3(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  store: LocalUploadStore,
  allowedOrigin: string,
  now: () => Date,
): Promise<void> {
  const origin = req.headers.origin;
  const cors: Record<string, string> =
    origin === allowedOrigin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
  const rest = path.slice(LOCAL_S3_PATH.length);
  const [bucket, ...keyParts] = rest.split('/');
  if (bucket !== store.bucket) return xmlError(res, 404, 'NoSuchBucket', cors);
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    // The CORS rule of the bucket: POST from the form origin only.
    if (origin !== allowedOrigin) return xmlError(res, 403, 'CORSResponse', {});
    res.writeHead(200, {
      ...cors,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    });
    return void res.end();
  }
  if (method === 'POST' && keyParts.join('/') === '') {
    const body = await readAll(req);
    if (!body) return xmlError(res, 400, 'EntityTooLarge', cors);
    const parsed = await parseMultipart(body, req.headers['content-type'] ?? '', {
      maxFiles: 1,
      maxFileBytes: MAX_POST_BYTES,
      maxFieldBytes: 64 * 1024,
    });
    const file = parsed.ok ? parsed.files.find((f) => f.field === 'file') : undefined;
    if (!parsed.ok || !file) return xmlError(res, 400, 'MalformedPOSTRequest', cors);
    const verdict = store.acceptPost(parsed.fields, file.bytes, now());
    if (!verdict.ok) return xmlError(res, 403, verdict.problem, cors);
    res.writeHead(204, cors);
    return void res.end();
  }
  if (method === 'GET' || method === 'HEAD') {
    const object = store.download(decodeURIComponent(keyParts.join('/')));
    // The tag-based bucket policy: anything not scanned clean is AccessDenied.
    if (!object) return xmlError(res, 403, 'AccessDenied', cors);
    res.writeHead(200, {
      // As the deployed link serves it (download.ts): an accepted kind's type, anything else octet-stream.
      'content-type': safeContentType(object.contentType),
      'content-disposition': `attachment; filename="anexo"; filename*=UTF-8''${object.filename ?? 'anexo'}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    });
    return void res.end(method === 'HEAD' ? undefined : object.bytes);
  }
  return xmlError(res, 405, 'MethodNotAllowed', cors);
}
