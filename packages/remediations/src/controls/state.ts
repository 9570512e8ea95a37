import * as z from 'zod';

/**
 * Building blocks of the controls' live-state schemas (`<Control>StateSchema`). A state comes from the
 * control's `read` (live AWS), its `fromFinding`, or a caller (`planFromState`, e.g. a simulation's
 * world file written by hand), so the schemas are strict: a key the state does not have is an error.
 */

/**
 * A resource's tags, key to value (`{}` when it has none).
 *
 * @example
 * ```ts
 * TagsSchema.parse({ 'soar:team': 'payments', 'soar:auto-remediation': 'off' });
 * ```
 */
export const TagsSchema = z.lazy(() => z.record(z.string(), z.string()).readonly());

/**
 * A point in time as ISO 8601 text with a zone (what `read` writes with `Date.toISOString()`); a
 * `Date`, as a YAML parser may give one, is accepted and written the same way.
 *
 * @example
 * ```ts
 * IsoTimestampSchema.parse('2026-10-01T12:00:00.000Z'); // '2026-10-01T12:00:00.000Z'
 * ```
 */
export const IsoTimestampSchema = z.lazy(() =>
  z.preprocess(
    (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
    z.iso.datetime({
      offset: true,
      error: 'Invalid input: expected an ISO 8601 time, e.g. 2026-10-01T12:00:00Z',
    }),
  ),
);
