/**
 * multipart/form-data bodies (the form without JavaScript, files included) parsed with busboy,
 * bounded: at most `maxFiles` files of `maxFileBytes` each, a few small fields. API Gateway hands
 * the whole body over (base64), within its 10 MB payload limit.
 */
import busboy from 'busboy';

export interface MultipartFile {
  field: string;
  /** The name the browser sent (untrusted; sanitised later). */
  name: string;
  /** The type the browser claimed (untrusted; the bytes decide). */
  declaredType: string;
  bytes: Buffer;
  /** True when the file was cut at maxFileBytes. */
  truncated: boolean;
}

export type MultipartResult =
  | { ok: true; fields: Record<string, string>; files: MultipartFile[] }
  | { ok: false; problem: 'malformed' | 'too_many_files' | 'too_many_fields' };

export interface MultipartLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxFieldBytes: number;
}

/** The body's bytes. Files posted with an empty file input (no file chosen) are skipped. */
export function parseMultipart(body: Buffer, contentType: string, limits: MultipartLimits): Promise<MultipartResult> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: {
          files: limits.maxFiles,
          fileSize: limits.maxFileBytes,
          fields: 30,
          fieldSize: limits.maxFieldBytes,
          parts: limits.maxFiles + 30,
        },
      });
    } catch {
      resolve({ ok: false, problem: 'malformed' });
      return;
    }
    const fields: Record<string, string> = Object.create(null);
    const files: MultipartFile[] = [];
    let problem: 'too_many_files' | 'too_many_fields' | undefined;
    parser.on('field', (name, value) => {
      // First occurrence wins, as for urlencoded posts.
      if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        if (info.filename === undefined || (info.filename === '' && bytes.length === 0)) return;
        files.push({ field, name: info.filename, declaredType: info.mimeType, bytes, truncated });
      });
    });
    parser.on('filesLimit', () => {
      problem = 'too_many_files';
    });
    parser.on('fieldsLimit', () => {
      problem = 'too_many_fields';
    });
    parser.on('partsLimit', () => {
      problem ??= 'too_many_fields';
    });
    parser.on('error', () => resolve({ ok: false, problem: 'malformed' }));
    parser.on('close', () => resolve(problem ? { ok: false, problem } : { ok: true, fields, files }));
    parser.end(body);
  });
}
