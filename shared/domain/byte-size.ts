/**
 * The one way a size in bytes is written for people (pt-BR): the merchant's confirmation page, the
 * upload limits on the form and in its errors, the analyst's notice and the console all say the
 * same thing of the same file.
 */

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "98 bytes", "1 KB", "120,6 KB", "1,5 MB", "25 MB" (binary units, at most one decimal, pt-BR comma). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'tamanho desconhecido';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const tenths = Math.round(value * 10);
  // 1023,96 KB rounds to 1024,0: say 1 MB instead.
  if (tenths >= 10240 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${String(tenths / 10).replace('.', ',')} ${UNITS[unit]}`;
}
