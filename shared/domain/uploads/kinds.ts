/**
 * The kinds of file a merchant may attach, with the one content type and the extensions of each: a
 * module of its own, without the checks (file-type.ts), so that the configuration's schema reads the
 * list without carrying the PDF and Office readers into every function.
 */
export const FILE_KINDS = ['pdf', 'png', 'jpeg', 'webp', 'xlsx', 'docx', 'csv', 'txt', 'xml'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The one content type each kind is stored and served with (none of them active in a browser). */
export const KIND_MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  txt: 'text/plain',
  // Not text/xml: no charset guessed over the declaration's; every link serves it as a download.
  xml: 'application/xml',
};

/** Extensions each kind may carry; the first is the one a sanitised name gets. */
export const KIND_EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
  xlsx: ['xlsx'],
  docx: ['docx'],
  csv: ['csv'],
  txt: ['txt'],
  xml: ['xml'],
};
