import * as z from 'zod/mini';

/**
 * An instant with its offset (ISO 8601), as we record when something was received. Its own module:
 * parseEmail checks its input with it without loading the Submission schemas (issue 16). Built in a
 * `@__PURE__` closure: a bundle that never checks an instant (the webform) leaves it out.
 */
export const IsoInstantSchema = /* @__PURE__ */ (() => z.iso.datetime({ offset: true }))();

/** Seconds in a day: the rate limiter's daily window (RateLimiter.hit). */
export const DAY_SECONDS = 86_400;
/** Seconds in an hour: the rate limiter's hourly window. */
export const HOUR_SECONDS = 3_600;

/** The start of the UTC day `now` falls in: a daily fixed window of the rate limiter. */
export function utcDayStart(now: Date): Date {
  const ms = DAY_SECONDS * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}
