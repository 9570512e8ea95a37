import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EVENTS_DIR = join(__dirname, '..', 'events');
const cache = new Map<string, unknown>();

/** The event sources that have fixtures: the `source` field of the events, such as `aws.securityhub`. */
export type EventSource = 'aws.securityhub' | 'aws.cloudwatch';

/**
 * Reads `tests/events/<source>/<variant>.json` and returns a deep clone, so a test can change what it
 * got without affecting any other test.
 */
export function loadEvent(source: EventSource, variant: string): Record<string, unknown> {
  const file = join(EVENTS_DIR, source, `${variant}.json`);
  let parsed = cache.get(file);
  if (parsed === undefined) {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    cache.set(file, parsed);
  }
  return structuredClone(parsed) as Record<string, unknown>;
}

/** The variants (file names without `.json`) of one source. */
export function listEvents(source: EventSource): string[] {
  return readdirSync(join(EVENTS_DIR, source))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** The first finding of a Security Hub fixture event, as a deep clone. */
export function loadFinding(variant: string): Record<string, unknown> {
  const event = loadEvent('aws.securityhub', variant);
  const detail = event['detail'] as { findings: Record<string, unknown>[] };
  const [finding] = detail.findings;
  if (finding === undefined) throw new Error(`Fixture ${variant} has no finding`);
  return finding;
}

/** The first finding of a parsed Security Hub event; throws if there is none, which parsing rules out. */
export function firstFinding<T>(event: { detail: { findings: readonly T[] } }): T {
  const [finding] = event.detail.findings;
  if (finding === undefined) throw new Error('The event has no finding');
  return finding;
}
