import { isDescribingKey, looksSecret, normalizeKey } from './keys';
import { REDACTED, redactText } from './text';

/** A JSON value: what resource details, messages and log attributes are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value with its secrets replaced by `[redacted]`, and how many values were replaced. */
export interface Redacted<T> {
  readonly value: T;
  /** How many values (or pieces of text) were replaced; 0 when nothing was. */
  readonly redacted: number;
}

/**
 * How the scalars under a key are treated:
 * - `plain`: kept, with the secrets in their text replaced;
 * - `secret`: replaced (under a secret-looking key), unless their own key only describes the
 *   secret (`SecretArn`, `PasswordLastUsed`) or the value is an ARN (a reference, not a secret);
 * - `strict`: replaced, whatever their key (values of environment variables).
 */
type Mode = 'plain' | 'secret' | 'strict';

/** Deeper nesting than this is replaced whole: no resource detail nests this deep. */
const MAX_DEPTH = 64;

/**
 * A name/value pair: `{ Name: 'DB_PASSWORD', Value: '…' }`, tags as `{ Key, Value }`, CloudFormation
 * `{ ParameterKey, ParameterValue }`. When the name looks like a secret, the value keys are replaced.
 * Only the value keys: a resource whose `Name` merely contains a secret word (a bucket called
 * `prod-secrets-archive`, a `token-service` container) keeps its other details.
 */
const NAME_KEYS: ReadonlySet<string> = new Set(['name', 'key', 'parameterkey', 'label']);
const VALUE_KEYS: ReadonlySet<string> = new Set(['value', 'values', 'parametervalue']);

/** Keys of the parts of an environment variable that are not its value. */
const ENV_ENTRY_KEPT_KEYS: ReadonlySet<string> = new Set(['name', 'type']);

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:/;

interface Walk {
  redacted: number;
  readonly ancestors: Set<object>;
}

type Scalar = string | number | bigint;

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isScalar(value: unknown): boolean {
  return !isObject(value);
}

function replaced(walk: Walk): string {
  walk.redacted += 1;
  return REDACTED;
}

function redactScalar(value: Scalar, mode: Mode, key: string, walk: Walk): Scalar {
  if (value === '' || value === REDACTED) return value;
  const kept =
    mode === 'plain' ||
    (mode === 'secret' && (isDescribingKey(key) || (typeof value === 'string' && ARN.test(value))));
  if (!kept) return replaced(walk);
  if (typeof value !== 'string') return value;
  const text = redactText(value);
  walk.redacted += text.redacted;
  return text.text;
}

/** Own enumerable entries as `JSON.stringify` sees them; an error's name and message too. */
function entriesOf(value: object): [string, unknown][] {
  const entries = Object.entries(value);
  if (!(value instanceof Error)) return entries;
  const cause: [string, unknown][] = value.cause === undefined ? [] : [['cause', value.cause]];
  return [['name', value.name], ['message', value.message], ...cause, ...entries];
}

/**
 * How an entry of an object is walked. Environment variables are recognised by their containers, as
 * the ASFF resource details name them:
 * - an `Environment` array of `{ Name, Value }` (ECS container definitions, Batch job definitions);
 * - `EnvironmentVariables`, an array of `{ Name, Type, Value }` (CodeBuild projects) or a map;
 * - `Environment.Variables`, a map (Lambda functions);
 * - an `Environment` map of plain values (SageMaker, Elastic Beanstalk-like shapes).
 */
function entryMode(
  key: string,
  value: unknown,
  parentKey: string,
  mode: Mode,
  nameIsSecret: boolean,
): Mode | 'env-list' {
  if (mode === 'strict') return 'strict';
  const isEnvKey = key === 'environment' || key === 'environmentvariables';
  if (isEnvKey && Array.isArray(value)) return 'env-list';
  if (isObject(value) && !Array.isArray(value)) {
    if (key === 'environmentvariables') return 'strict';
    if (key === 'variables' && parentKey === 'environment') return 'strict';
    if (key === 'environment' && Object.values(value).every(isScalar)) return 'strict';
  }
  if (mode === 'secret' || looksSecret(key) || (nameIsSecret && VALUE_KEYS.has(key))) return 'secret';
  return 'plain';
}

function walkEnvList(list: readonly unknown[], key: string, depth: number, walk: Walk): unknown {
  if (depth > MAX_DEPTH) return replaced(walk);
  return list.map((item) => {
    if (Array.isArray(item)) return walkEnvList(item, key, depth + 1, walk);
    if (!isObject(item)) return walkValue(item, 'strict', key, depth + 1, walk);
    return walkObject(item, depth + 1, walk, (entryKey) =>
      ENV_ENTRY_KEPT_KEYS.has(entryKey) ? 'plain' : 'strict',
    );
  });
}

function walkObject(
  value: object,
  depth: number,
  walk: Walk,
  modeOf: (key: string, entry: unknown, nameIsSecret: boolean) => Mode | 'env-list',
): Record<string, unknown> {
  const entries = entriesOf(value);
  const nameIsSecret = entries.some(
    ([key, entry]) => NAME_KEYS.has(normalizeKey(key)) && typeof entry === 'string' && looksSecret(entry),
  );
  const out: Record<string, unknown> = {};
  for (const [key, entry] of entries) {
    const normalized = normalizeKey(key);
    const mode = modeOf(normalized, entry, nameIsSecret);
    out[key] =
      mode === 'env-list' && Array.isArray(entry)
        ? walkEnvList(entry, normalized, depth, walk)
        : walkValue(entry, mode === 'env-list' ? 'strict' : mode, normalized, depth + 1, walk);
  }
  return out;
}

function walkValue(value: unknown, mode: Mode, key: string, depth: number, walk: Walk): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    return redactScalar(value, mode, key, walk);
  }
  if (!isObject(value)) return value;
  if (depth > MAX_DEPTH) return replaced(walk);
  if (walk.ancestors.has(value)) return '[circular]';
  walk.ancestors.add(value);
  try {
    if (!(value instanceof Error) && 'toJSON' in value && typeof value.toJSON === 'function') {
      return walkValue((value.toJSON as (key: string) => unknown)(key), mode, key, depth, walk);
    }
    if (Array.isArray(value)) {
      return value.map((item: unknown) => walkValue(item, mode, key, depth + 1, walk));
    }
    return walkObject(value, depth, walk, (entryKey, entry, nameIsSecret) =>
      entryMode(entryKey, entry, key, mode, nameIsSecret),
    );
  } finally {
    walk.ancestors.delete(value);
  }
}

/**
 * Replaces secrets with `[redacted]` before a value leaves SOAR (an email, a chat message, a ticket, a
 * Sentinel row, a log line, an AI prompt), and counts them, so the reader can be told.
 *
 * - **Text** (a string, or every string inside a value): PEM private keys, GitHub/Slack/Google tokens
 *   and JSON web tokens, URL passwords, values after secret-looking labels (`password=…`,
 *   `"token": "…"`, `Authorization: Bearer …`), AWS secret access keys after a key-like label.
 * - **Environment variables** in resource details: every value of ECS and Batch `Environment[]`,
 *   CodeBuild `EnvironmentVariables[]` (parameter and secret names included), Lambda
 *   `Environment.Variables`; their names stay.
 * - **Secret-looking keys**, at any depth and in any case: every value under `password`, `passwd`,
 *   `secret`, `token`, `apiKey`/`api_key`, `credential`, `privateKey`, `authorization`,
 *   `connectionString`, `userData`…, and the `Value` of `{ Name: 'DB_PASSWORD', Value: … }` pairs.
 *   Keys that only describe a secret stay readable (`SecretArn`, `KmsKeyId`, `PasswordLastUsed`), so do
 *   ARNs (references, not secrets).
 *
 * Keys, booleans and `null` are kept; replaced numbers become the string `[redacted]`. The input is
 * never changed, and redacting a redacted value counts nothing. Objects are copied as `JSON.stringify`
 * sees them (`toJSON`, own enumerable properties), errors as their name, message and cause.
 *
 * @example
 * ```ts
 * import { redact } from '@soar/redaction';
 *
 * const { value, redacted } = redact({
 *   ContainerDefinitions: [{ Name: 'api', Environment: [{ Name: 'DB_PASSWORD', Value: 'hunter2' }] }],
 * });
 * // value: { ContainerDefinitions: [{ Name: 'api', Environment: [{ Name: 'DB_PASSWORD', Value: '[redacted]' }] }] }
 * // redacted: 1
 *
 * redact('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').value;
 * // 'aws_secret_access_key = [redacted]'
 * ```
 */
export function redact(value: string): Redacted<string>;
export function redact(value: JsonValue): Redacted<JsonValue>;
export function redact(value: unknown): Redacted<unknown>;
export function redact(value: unknown): Redacted<unknown> {
  const walk: Walk = { redacted: 0, ancestors: new Set() };
  const out = walkValue(value, 'plain', '', 0, walk);
  return { value: out, redacted: walk.redacted };
}
