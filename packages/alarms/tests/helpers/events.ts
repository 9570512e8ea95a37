import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadJsonFixture } from '@soar/testing';

const CLOUDWATCH = join(__dirname, '..', 'events', 'cloudwatch');

/** A CloudWatch alarm event fixture as a JSON document, deep-cloned so a test may change it. */
export type EventDocument = Record<string, unknown> & {
  account: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown> & {
    alarmName: string;
    state: Record<string, unknown>;
    previousState: Record<string, unknown>;
    configuration: Record<string, unknown>;
  };
};

/** Reads `tests/events/cloudwatch/<variant>.json`, as AWS documents the event, deep-cloned. */
export function loadAlarmEvent(variant: string): EventDocument {
  return loadJsonFixture<EventDocument>(`${variant}.json`, CLOUDWATCH);
}

/** Every fixture variant (file names without `.json`). */
export function alarmEventVariants(): string[] {
  return readdirSync(CLOUDWATCH)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** One mutation: walk down by keys (index modulo the number of keys), then delete or replace. */
export interface Mutation {
  readonly walk: readonly number[];
  readonly replacement: unknown;
}

/** Applies mutations to a deep copy of a JSON document (`replacement` undefined deletes the key). */
export function mutate(document: unknown, mutations: readonly Mutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(document) };
  for (const { walk, replacement } of mutations) {
    let parent: Record<string, unknown> = root;
    let key = 'value';
    for (const pick of walk) {
      const current = parent[key];
      if (typeof current !== 'object' || current === null) break;
      const keys = Object.keys(current);
      if (keys.length === 0) break;
      parent = current as Record<string, unknown>;
      key = keys[pick % keys.length] ?? key;
    }
    if (replacement === undefined) {
      if (Array.isArray(parent)) parent[key] = null;
      else delete parent[key];
    } else {
      parent[key] = replacement;
    }
  }
  return root.value;
}
