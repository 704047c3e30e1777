import { describe, expect, it } from 'vitest';
import { detectFileKind } from '../../../../shared/domain/uploads/file-type';
import { BENIGN_FILES, MALICIOUS_FILES, NOT_ACCEPTED_FILES } from '../../../support/upload-corpus';

// The measure of the type check on a corpus: no false positive (her file refused), no false negative.
describe('the attachment corpus', () => {
  it('is large enough to measure', () => {
    expect(BENIGN_FILES.length).toBeGreaterThanOrEqual(60);
    expect(MALICIOUS_FILES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BENIGN_FILES)('accepts %s', (_name, bytes, file) => {
    expect(detectFileKind(bytes, file)).toMatchObject({ ok: true });
  });

  it.each(MALICIOUS_FILES)('refuses %s', (_name, bytes, file) => {
    expect(detectFileKind(bytes, file)).toMatchObject({ ok: false });
  });

  it.each(NOT_ACCEPTED_FILES)('refuses a kind not taken: %s', (_name, bytes, file) => {
    expect(detectFileKind(bytes, file)).toMatchObject({ ok: false });
  });
});
