/**
 * Data-subject requests (LGPD art. 18):
 *
 *   npm run titular -- export <email> [--out DIR]   everything held about the address
 *   npm run titular -- delete <email> [--yes]       erase it, keep an anonymised tombstone
 *
 * `export` writes DIR (default `titular-<first 12 hex of sha256(email)>`) with `dados.json` (every
 * case, message, survey answer, pointer and counter naming the address) and `eml/` (the raw mail as
 * received), `anexos/` (the webform files, a quarantined one with a `.quarentena` suffix),
 * `anexos-pendentes/` (the files of its webform posts still waiting for their confirmation link,
 * `.pendente` suffix; erased too), and the same
 * content as one file, DIR.zip, to hand to the data subject.
 * `delete` refuses while the address has open cases unless `--yes` is given.
 * Both cover the address as given (any case of letters): other spellings of its inbox that hold data
 * (Gmail dots, "+tag") are named, not covered — found by one scan of the sender index's keys.
 *
 * Local stack by default (DYNAMODB_PORT; raw mail under LOCAL_DATA_DIR, default `.local`, as
 * `npm start`; webform files under `.local/uploads/`); AWS when TABLE_NAME is set (usual credentials;
 * raw mail in S3, webform files in UPLOADS_BUCKET).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { dirname, join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDataSubjectStore } from '../shared/adapters/dynamo/data-subject-store';
import { LocalMessageTextStore } from '../shared/adapters/local/local-message-text-store';
import { S3MessageTextStore } from '../shared/adapters/s3-message-text-store';
import { FileRawMailArchive, S3RawMailArchive } from '../shared/adapters/raw-mail-archive';
import { FileUploadArchive, S3UploadArchive } from '../shared/adapters/upload-archive';
import { officeCalendar } from '../shared/domain/calendar';
import {
  type DataSubjectDeps,
  eraseSubject,
  exportSubject,
  otherSpellings,
  subjectHash,
} from '../shared/app/data-subject';
import { clockFrom, tableClient } from '../shared/composition/clients';
import { cliSettings } from './report';
import { localDataDir } from './local/clock-file';
import { runWhenMain } from './run-cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run titular -- export <email> [--out DIR]
       npm run titular -- delete <email> [--yes]
Local stack by default (DYNAMODB_PORT, LOCAL_DATA_DIR); AWS when TABLE_NAME is set.`;

export async function depsFrom(env: NodeJS.ProcessEnv, progress?: (line: string) => void): Promise<DataSubjectDeps> {
  const settings = await cliSettings(env);
  const client = tableClient(settings);
  const dataDir = localDataDir(env);
  const rawMail = env.TABLE_NAME
    ? new S3RawMailArchive(new S3Client({}))
    : new FileRawMailArchive(join(dataDir, 'mail'));
  // Webform files: the uploads bucket on AWS (UPLOADS_BUCKET, the stack's output), `.local/uploads/` locally.
  const uploads = env.TABLE_NAME
    ? env.UPLOADS_BUCKET
      ? new S3UploadArchive(new S3Client({}), env.UPLOADS_BUCKET)
      : undefined
    : new FileUploadArchive(join(dataDir, 'uploads'));
  // Message texts kept out of the table (issue 16): MESSAGE_TEXT_BUCKET on AWS (the stack's output), `.local/texts/` locally.
  const texts = env.TABLE_NAME
    ? env.MESSAGE_TEXT_BUCKET
      ? new S3MessageTextStore(new S3Client({}), env.MESSAGE_TEXT_BUCKET)
      : undefined
    : new LocalMessageTextStore(join(dataDir, 'texts'));
  return {
    store: new DynamoDataSubjectStore(client, settings.tableName, texts),
    ...(texts ? { messageTexts: texts } : {}),
    rawMail,
    ...(uploads ? { uploads } : {}),
    clock: clockFrom(settings),
    timeZone: settings.config.timeZone,
    calendar: officeCalendar(settings.config),
    ...(progress ? { progress } : {}),
  };
}

/**
 * The cases' files kept in the uploads bucket (data-subject.ts uploadsOf): the webform's, and the
 * copies of the files her mail brought — not the form's only (a photo from her phone is one).
 */
const FILES_KEPT = 'arquivo(s) anexado(s) (formulário ou e-mail)';

/**
 * Said after an export or an erasure when other spellings of the inbox hold data: the request
 * covered the address given only (data-subject.ts otherSpellings says why none is covered silently).
 */
export function otherSpellingsNote(spellings: readonly string[]): string {
  if (spellings.length === 0) return '';
  return (
    `ATENÇÃO: outras grafias da mesma caixa de e-mail (pontos no Gmail, "+etiqueta") também têm dados, e NÃO foram incluídas: ${spellings.join(', ')}.\n` +
    'Confirme com o(a) titular que são dele(a) e execute o comando para cada uma.\n'
  );
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: { out: (s: string) => void; err: (s: string) => void; deps?: DataSubjectDeps } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  const [command, email, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || !email || !['export', 'delete'].includes(command)) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const deps = io.deps ?? (await depsFrom(env, (line) => io.err(`${line}\n`)));
  if (command === 'export') {
    const i = rest.indexOf('--out');
    const dir = resolve(
      env.INIT_CWD ?? process.cwd(),
      i >= 0 && rest[i + 1] ? (rest[i + 1] as string) : `titular-${subjectHash(email).slice(0, 12)}`,
    );
    const { data, files } = await exportSubject(email, deps);
    const others = await otherSpellings(email, deps);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'dados.json'), `${JSON.stringify(data, null, 2)}\n`, 'utf8');
    for (const [name, bytes] of files) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), bytes);
    }
    const emls = data.rawMail.filter((r) => r.file).length;
    const uploaded = data.uploads.filter((u) => u.file).length;
    const waiting = data.pendingUploads.filter((u) => u.file).length;
    // One file to hand to the data subject: the same content, zipped beside the folder.
    const archive = `${dir}.zip`;
    await writeZip(archive, [['dados.json', Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8')], ...files]);
    io.out(
      `${archive}\n${dir}\n${data.cases.length} caso(s), ${emls} e-mail(s) original(is), ${uploaded} ${FILES_KEPT}${waiting > 0 ? `, ${waiting} anexo(s) de pedido(s) não confirmado(s)` : ''}\n${otherSpellingsNote(others)}`,
    );
    return 0;
  }
  const result = await eraseSubject(email, deps, { confirmed: rest.includes('--yes') });
  const others = await otherSpellings(email, deps);
  if (!result.erased) {
    io.err(
      `O endereço tem ${result.openCases} caso(s) em aberto. Nada foi apagado.\n` +
        'Confirme com --yes para apagar mesmo assim (o caso some da fila e do(a) analista).\n' +
        otherSpellingsNote(others),
    );
    return 3;
  }
  const c = result.tombstone.counts;
  io.out(
    `Apagado: ${c.cases} caso(s), ${c.items} item(ns), ${c.rawMail} e-mail(s) original(is), ${c.uploads ?? 0} ${FILES_KEPT}. Registro anônimo: TOMBSTONE#${result.tombstone.subjectHash}\n${otherSpellingsNote(others)}`,
  );
  return 0;
}

runWhenMain(import.meta.url, (argv) => main(argv));

/** Writes the entries into one zip file (yazl; deflated, fixed dates so the archive is reproducible). */
async function writeZip(path: string, entries: Iterable<[string, Buffer]>): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(path));
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { mtime: new Date(0) });
  zip.end();
  await written;
}
