import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Raised when a fixture file is missing or is not valid JSON. */
export class FixtureError extends Error {
  constructor(
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FixtureError';
  }
}

const cache = new Map<string, unknown>();

/**
 * Reads a JSON fixture and returns a deep copy, so a test may mutate it freely.
 * The file is read and parsed once per test process.
 *
 * @param file - absolute path, or a path relative to `baseDir`
 * @param baseDir - folder that relative paths start from (usually the package's `tests/events`)
 *
 * @example
 * ```ts
 * const event = loadJsonFixture<unknown>('securityhub/control-finding-imported.json', join(__dirname, 'events'));
 * ```
 */
export function loadJsonFixture<T = unknown>(file: string, baseDir?: string): T {
  const path = isAbsolute(file) || baseDir === undefined ? file : join(baseDir, file);
  if (!cache.has(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new FixtureError(`Fixture not found: ${path}`, path, { cause });
    }
    try {
      cache.set(path, JSON.parse(text));
    } catch (cause) {
      throw new FixtureError(`Fixture is not valid JSON: ${path} (${String(cause)})`, path, { cause });
    }
  }
  return structuredClone(cache.get(path)) as T;
}

/**
 * Returns a loader bound to one fixture folder.
 *
 * @example
 * ```ts
 * const fixture = fixtureLoader(join(__dirname, 'events'));
 * const alarm = fixture('cloudwatch/metric-alarm.json');
 * ```
 */
export function fixtureLoader(baseDir: string): <T = unknown>(file: string) => T {
  return <T>(file: string) => loadJsonFixture<T>(file, baseDir);
}
