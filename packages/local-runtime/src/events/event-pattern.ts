import { InvalidEventPatternError } from '../errors';
import { isRecord } from '@soar/common';

/*
 * EventBridge content filtering, as documented in
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 *
 * Arrays in the event: EventBridge (like its open-source engine, event-ruler) flattens the event
 * into leaf paths before matching. A path such as `detail.findings.Severity.Label` collects the
 * values of every element of every array on the way, and each field of the pattern is matched
 * against that collection on its own: the field matches when ANY collected value matches ANY of
 * its alternatives. So for an array of objects, two fields of one pattern can be satisfied by two
 * different elements: `{findings: {Severity: {Label: ['HIGH']}, Workflow: {Status: ['NEW']}}}`
 * matches findings `[{Severity: HIGH, Workflow: NOTIFIED}, {Severity: LOW, Workflow: NEW}]`.
 * Only leaves (strings, numbers, booleans, null) are values: a path that ends at an object or an
 * empty array has no value, so `exists: true` does not match it and `exists: false` does.
 */

const OPERATORS = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'numeric',
  'exists',
  'wildcard',
  'cidr',
];
const NUMERIC_OPERATORS = ['<', '<=', '=', '>', '>='];

type Leaf = string | number | boolean | null;

function isLeaf(value: unknown): value is Leaf {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

// ---------------------------------------------------------------------------------------------
// Validation

function problemsOfString(value: unknown, what: string, at: string): string[] {
  return typeof value === 'string' ? [] : [`${at}: ${what} takes a string`];
}

function problemsOfCaseInsensitive(value: unknown, operator: string, at: string): string[] {
  if (typeof value === 'string') return [];
  if (isRecord(value) && Object.keys(value).length === 1 && 'equals-ignore-case' in value) {
    return problemsOfString(value['equals-ignore-case'], `${operator} equals-ignore-case`, at);
  }
  return [`${at}: ${operator} takes a string or {"equals-ignore-case": string}`];
}

function problemsOfNumeric(value: unknown, at: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length % 2 !== 0 || value.length > 4) {
    return [`${at}: numeric takes one or two [operator, number] pairs, e.g. [">", 0, "<=", 5]`];
  }
  const problems: string[] = [];
  for (let index = 0; index < value.length; index += 2) {
    const operator: unknown = value[index];
    const operand: unknown = value[index + 1];
    if (typeof operator !== 'string' || !NUMERIC_OPERATORS.includes(operator)) {
      problems.push(
        `${at}: numeric operator ${JSON.stringify(operator)} is not one of ${NUMERIC_OPERATORS.join(' ')}`,
      );
    }
    if (typeof operand !== 'number' || !Number.isFinite(operand)) {
      problems.push(`${at}: numeric ${String(operator)} needs a number, got ${JSON.stringify(operand)}`);
    }
  }
  return problems;
}

function problemsOfWildcard(value: unknown, at: string): string[] {
  if (typeof value !== 'string') return [`${at}: wildcard takes a string`];
  return /\*\*/.test(value.replace(/\\./g, '')) ? [`${at}: wildcard must not contain consecutive *`] : [];
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function parseCidr(text: string): { base: number; bits: number } | undefined {
  const [address, prefix, ...rest] = text.split('/');
  if (address === undefined || rest.length > 0) return undefined;
  const base = parseIpv4(address);
  const bits = prefix === undefined ? 32 : Number(prefix);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return { base, bits };
}

function problemsOfAnythingBut(value: unknown, at: string): string[] {
  if (isLeaf(value) && value !== null) return [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${at}: anything-but takes a non-empty list`];
    return value.every((v) => typeof v === 'string') || value.every((v) => typeof v === 'number')
      ? []
      : [`${at}: anything-but lists must be all strings or all numbers`];
  }
  if (isRecord(value) && Object.keys(value).length === 1) {
    const [operator] = Object.keys(value);
    const operand = value[operator ?? ''];
    switch (operator) {
      case 'prefix':
      case 'suffix':
        return problemsOfString(operand, `anything-but ${operator}`, at);
      case 'equals-ignore-case':
      case 'wildcard':
        return typeof operand === 'string' ||
          (Array.isArray(operand) && operand.length > 0 && operand.every((v) => typeof v === 'string'))
          ? operator === 'wildcard'
            ? [operand].flat().flatMap((v: unknown) => problemsOfWildcard(v, at))
            : []
          : [`${at}: anything-but ${operator} takes a string or a list of strings`];
      default:
        return [`${at}: anything-but does not support ${JSON.stringify(operator)}`];
    }
  }
  return [`${at}: anything-but takes a value, a list, or {prefix|suffix|equals-ignore-case|wildcard}`];
}

function problemsOfMatcher(matcher: unknown, at: string): string[] {
  if (isLeaf(matcher)) return [];
  if (!isRecord(matcher))
    return [`${at}: a pattern value must be a string, number, boolean, null or an operator object`];
  const keys = Object.keys(matcher);
  const [operator] = keys;
  if (operator === undefined || keys.length !== 1) {
    return [`${at}: an operator object has exactly one operator, got ${JSON.stringify(keys)}`];
  }
  if (!OPERATORS.includes(operator)) return [`${at}: unknown operator ${JSON.stringify(operator)}`];
  const operand = matcher[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return problemsOfCaseInsensitive(operand, operator, at);
    case 'equals-ignore-case':
      return problemsOfString(operand, operator, at);
    case 'anything-but':
      return problemsOfAnythingBut(operand, at);
    case 'numeric':
      return problemsOfNumeric(operand, at);
    case 'exists':
      return typeof operand === 'boolean' ? [] : [`${at}: exists takes true or false`];
    case 'wildcard':
      return problemsOfWildcard(operand, at);
    default:
      // cidr
      return typeof operand === 'string' && parseCidr(operand) !== undefined
        ? []
        : [`${at}: cidr takes an IPv4 CIDR block such as "10.0.0.0/24" (IPv6 is not supported locally)`];
  }
}

function problemsOfPattern(pattern: unknown, at: string): string[] {
  if (!isRecord(pattern)) return [`${at || 'pattern'}: must be an object`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const where = join(at, key);
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) {
        problems.push(`${where}: $or takes a list of at least two patterns`);
      } else {
        value.forEach((alternative: unknown, index) =>
          problems.push(...problemsOfPattern(alternative, `${where}[${index}]`)),
        );
      }
    } else if (Array.isArray(value)) {
      if (value.length === 0) problems.push(`${where}: an empty list never matches`);
      value.forEach((matcher: unknown, index) =>
        problems.push(...problemsOfMatcher(matcher, `${where}[${index}]`)),
      );
    } else if (isRecord(value)) {
      problems.push(...problemsOfPattern(value, where));
    } else {
      problems.push(`${where}: must be a list of values or a nested object, got ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

/**
 * The problems of an EventBridge event pattern (unknown operators, values that are not in a list,
 * malformed operator arguments), one message per problem with its path; empty when the pattern is
 * valid. `matchesEventPattern` throws for a pattern with problems.
 *
 * @example
 * ```ts
 * validateEventPattern({ source: 'aws.securityhub', detail: { severity: [{ greater: 5 }] } });
 * // => ['source: must be a list of values or a nested object, got "aws.securityhub"',
 * //     'detail.severity[0]: unknown operator "greater"']
 * ```
 */
export function validateEventPattern(pattern: unknown): string[] {
  return problemsOfPattern(pattern, '');
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Every leaf value at `path` in `node`, descending through arrays (see the flattening note above). */
function valuesAt(node: unknown, path: readonly string[]): Leaf[] {
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  const [head, ...rest] = path;
  if (head === undefined) return isLeaf(node) ? [node] : [];
  if (!isRecord(node) || !(head in node)) return [];
  return valuesAt(node[head], rest);
}

function wildcardMatches(pattern: string, value: string): boolean {
  let regex = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern.charAt(index);
    if (char === '\\' && index + 1 < pattern.length) {
      regex += pattern.charAt(++index).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (char === '*') {
      regex += '.*';
    } else {
      regex += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${regex}$`, 's').test(value);
}

function caseInsensitiveOperand(operand: unknown): { text: string; ignoreCase: boolean } {
  if (isRecord(operand)) return { text: String(operand['equals-ignore-case']), ignoreCase: true };
  return { text: String(operand), ignoreCase: false };
}

function affixMatches(
  operand: unknown,
  value: Leaf,
  test: (text: string, affix: string) => boolean,
): boolean {
  if (typeof value !== 'string') return false;
  const { text, ignoreCase } = caseInsensitiveOperand(operand);
  return ignoreCase ? test(value.toLowerCase(), text.toLowerCase()) : test(value, text);
}

function numericMatches(conditions: unknown[], value: Leaf): boolean {
  if (typeof value !== 'number') return false;
  for (let index = 0; index < conditions.length; index += 2) {
    const operand = Number(conditions[index + 1]);
    const ok = ((): boolean => {
      switch (conditions[index]) {
        case '<':
          return value < operand;
        case '<=':
          return value <= operand;
        case '=':
          return value === operand;
        case '>':
          return value > operand;
        default:
          return value >= operand;
      }
    })();
    if (!ok) return false;
  }
  return true;
}

function anythingButMatches(operand: unknown, value: Leaf): boolean {
  if (Array.isArray(operand)) return !operand.some((excluded) => excluded === value);
  if (isRecord(operand)) {
    const [operator] = Object.keys(operand);
    const inner = operand[operator ?? ''];
    if (typeof value !== 'string') return false;
    switch (operator) {
      case 'prefix':
        return !value.startsWith(String(inner));
      case 'suffix':
        return !value.endsWith(String(inner));
      case 'equals-ignore-case':
        return ![inner].flat().some((v: unknown) => String(v).toLowerCase() === value.toLowerCase());
      default:
        return ![inner].flat().some((v: unknown) => wildcardMatches(String(v), value));
    }
  }
  return operand !== value;
}

function cidrMatches(operand: unknown, value: Leaf): boolean {
  const block = parseCidr(String(operand));
  const address = typeof value === 'string' ? parseIpv4(value) : undefined;
  if (block === undefined || address === undefined) return false;
  const size = 2 ** (32 - block.bits);
  return Math.floor(address / size) === Math.floor(block.base / size);
}

function matcherMatches(matcher: unknown, value: Leaf): boolean {
  if (isLeaf(matcher)) return matcher === value;
  if (!isRecord(matcher)) return false;
  const [operator] = Object.keys(matcher);
  const operand = matcher[operator ?? ''];
  switch (operator) {
    case 'prefix':
      return affixMatches(operand, value, (text, affix) => text.startsWith(affix));
    case 'suffix':
      return affixMatches(operand, value, (text, affix) => text.endsWith(affix));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'anything-but':
      return anythingButMatches(operand, value);
    case 'numeric':
      return Array.isArray(operand) && numericMatches(operand, value);
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(String(operand), value);
    case 'cidr':
      return cidrMatches(operand, value);
    default:
      return false;
  }
}

function fieldMatches(matchers: readonly unknown[], values: readonly Leaf[]): boolean {
  return matchers.some((matcher) => {
    if (isRecord(matcher) && 'exists' in matcher) return matcher['exists'] === values.length > 0;
    return values.some((value) => matcherMatches(matcher, value));
  });
}

function patternMatches(pattern: Record<string, unknown>, event: unknown, path: readonly string[]): boolean {
  return Object.entries(pattern).every(([key, value]) => {
    if (key === '$or') {
      return (
        Array.isArray(value) &&
        value.some((alternative) => isRecord(alternative) && patternMatches(alternative, event, path))
      );
    }
    if (Array.isArray(value)) return fieldMatches(value, valuesAt(event, [...path, key]));
    return isRecord(value) && patternMatches(value, event, [...path, key]);
  });
}

/**
 * Whether an event matches an EventBridge event pattern, with EventBridge's content filtering:
 * exact values (strings, numbers, booleans, `null`) as alternatives in a list, `prefix` and
 * `suffix` (also `{prefix: {"equals-ignore-case": ...}}`), `equals-ignore-case`, `anything-but`
 * (a value, a list, `{prefix}`, `{suffix}`, `{equals-ignore-case}`, `{wildcard}`), `numeric`
 * ranges, `exists`, `wildcard`, `cidr` (IPv4) and `$or` at any level. Arrays in the event match
 * when any element matches; arrays of objects are flattened as EventBridge does (see the module
 * note: two fields may be satisfied by two different elements).
 *
 * @throws {InvalidEventPatternError} when {@link validateEventPattern} finds problems.
 * @example
 * ```ts
 * matchesEventPattern(
 *   { source: ['aws.securityhub'], detail: { findings: { Severity: { Label: ['CRITICAL', 'HIGH'] } } } },
 *   findingsImportedEvent,
 * ); // => true for a HIGH finding
 * ```
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  const problems = validateEventPattern(pattern);
  if (problems.length > 0) throw new InvalidEventPatternError(problems);
  return patternMatches(pattern as Record<string, unknown>, event, []);
}
