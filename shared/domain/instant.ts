import * as z from 'zod/mini';

/**
 * An instant with its offset (ISO 8601), as we record when something was received. Its own module:
 * parseEmail checks its input with it without loading the Submission schemas (issue 16).
 */
export const IsoInstantSchema = z.iso.datetime({ offset: true });
