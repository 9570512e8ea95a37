import { truncateUtf8 } from '@soar/common';
import { redact } from '@soar/redaction';

import type { LogEvent } from './ports';

/**
 * The `FilterLogEvents` pattern of error lines: any of the terms (`?` is OR). It catches what the
 * original's case-sensitive `ERROR` missed: lowercase `error`, exceptions, Lambda timeouts and
 * runtime crashes.
 */
export const ERROR_FILTER_PATTERN =
  '?ERROR ?Error ?error ?Exception ?exception ?"Task timed out" ?"Runtime exited" ?"Runtime.ExitError" ?FATAL ?Traceback';

const ERROR_LINE =
  /\b\w*(?:error|exception)\b|\b(?:fatal|traceback)\b|task timed out|runtime exited|"level"\s*:\s*"(?:error|fatal)"/i;

/**
 * Whether a log line reports an error. The service already filtered with
 * {@link ERROR_FILTER_PATTERN}; this check keeps the excerpts right where the pattern is not
 * understood (an emulator that returns every line) and drops lines that only mention a term inside
 * a longer word. Pure.
 *
 * @example
 * ```ts
 * isErrorLine('2026-05-01T10:00:00Z abc [ERROR] Charge failed'); // true
 * isErrorLine('INFO errorless run'); // false
 * ```
 */
export function isErrorLine(message: string): boolean {
  return ERROR_LINE.test(message);
}

/** One error line, as the context shows it. */
export interface LogExcerpt {
  readonly timestamp: Date;
  readonly logStream?: string | undefined;
  readonly message: string;
}

/** Keeps the latest error lines of a log group, within the bounds. */
export class ExcerptCollector {
  readonly #max: number;
  readonly #maxBytes: number;
  #kept: LogEvent[] = [];
  /** Error lines seen, kept or not. */
  public matched = 0;

  public constructor(maxEvents: number, maxEventBytes: number) {
    this.#max = maxEvents;
    this.#maxBytes = maxEventBytes;
  }

  /** Adds a page of events (oldest first); only error lines count. */
  public add(events: readonly LogEvent[]): void {
    for (const event of events) {
      if (!isErrorLine(event.message)) continue;
      this.matched += 1;
      this.#kept.push(event);
      if (this.#kept.length > this.#max) this.#kept.shift();
    }
  }

  /** The kept lines, oldest first, redacted, trimmed and cut to the byte bound. */
  public excerpts(): LogExcerpt[] {
    return this.#kept.map((event) => ({
      timestamp: new Date(event.timestamp),
      logStream: event.logStreamName,
      message: truncateUtf8(redact(event.message.trim()).value, this.#maxBytes),
    }));
  }
}
