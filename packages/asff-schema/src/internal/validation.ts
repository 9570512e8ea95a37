import type * as z from 'zod';

import { type AsffErrorContext, type AsffValidationIssue, AsffValidationError } from '../errors';
import { isRecord } from '@soar/common';

/** The result of a `safe*` function: the parsed value, or the error that says why there is none. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: AsffValidationError };

const MAX_SEGMENT = 64;
const MAX_MESSAGE = 240;
const MAX_CONTEXT = 256;
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Writes a zod path as `detail.findings[0].ProductFields["aws/securityhub/FindingId"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (typeof segment === 'symbol') return `[${excerpt(String(segment), MAX_SEGMENT)}]`;
      const key = excerpt(segment, MAX_SEGMENT);
      if (IDENTIFIER.test(key)) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/**
 * Flattens zod issues into {@link AsffValidationIssue}s with absolute paths. For a union that no
 * option matched, it reports the option the input most likely meant: the one whose deepest issue is
 * deepest, preferring issues about values that are present over complaints about missing ones (so a
 * composite alarm with a bad `alarmRule` is not reported as a metric alarm without `metrics`).
 */
function flatten(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  input: unknown,
): AsffValidationIssue[] {
  return issues.flatMap((issue): AsffValidationIssue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const score = (option: readonly z.core.$ZodIssue[]) => rank(option, path, input);
      const best = issue.errors.reduce((a, b) => (score(b) > score(a) ? b : a));
      return flatten(best, path, input);
    }
    if ((issue.code === 'invalid_key' || issue.code === 'invalid_element') && issue.issues.length > 0) {
      return flatten(issue.issues, path, input);
    }
    return [{ path: formatPath(path), message: excerpt(issue.message, MAX_MESSAGE), code: issue.code }];
  });
}

function rank(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], input: unknown): number {
  const best = Math.max(
    0,
    ...issues.map((issue) => issue.path.length * 2 + (isPresent(input, [...prefix, ...issue.path]) ? 1 : 0)),
  );
  return best * 1_000_000 - issues.length;
}

/** Whether the input has a value at a path; never throws. */
function isPresent(input: unknown, path: readonly PropertyKey[]): boolean {
  try {
    let current = input;
    for (const key of path) {
      if (typeof current !== 'object' || current === null) return false;
      current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current !== undefined;
  } catch {
    return false;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? excerpt(value, MAX_CONTEXT) : undefined;
}

/** Reads account, control and resource from whatever the input is, defensively; never throws. */
function readContext(input: unknown): AsffErrorContext {
  try {
    if (!isRecord(input)) return {};
    const detail = input['detail'];
    const findings = isRecord(detail) ? detail['findings'] : undefined;
    const finding = Array.isArray(findings) ? (findings[0] as unknown) : input;
    if (!isRecord(finding)) return {};
    const compliance = finding['Compliance'];
    const resources = Array.isArray(finding['Resources']) ? (finding['Resources'] as unknown[]) : [];
    const eventResources = Array.isArray(input['resources']) ? (input['resources'] as unknown[]) : [];
    const firstResource = resources[0];
    const context: { accountId?: string; controlId?: string; resourceArn?: string } = {};
    const accountId = text(finding['AwsAccountId']) ?? text(input['account']);
    const controlId = isRecord(compliance) ? text(compliance['SecurityControlId']) : undefined;
    const resourceArn =
      (isRecord(firstResource) ? text(firstResource['Id']) : undefined) ?? text(eventResources[0]);
    if (accountId !== undefined) context.accountId = accountId;
    if (controlId !== undefined) context.controlId = controlId;
    if (resourceArn !== undefined) context.resourceArn = resourceArn;
    return context;
  } catch {
    return {};
  }
}

function describeThrown(cause: unknown): string {
  try {
    return cause instanceof Error ? cause.name : typeof cause;
  } catch {
    return 'unknown error';
  }
}

/**
 * Parses `input` with `schema` and never throws: a zod failure becomes an {@link AsffValidationError}
 * with field paths, and an input that cannot even be read (a getter or proxy that throws) becomes one
 * with the `unreadable_input` code. Exported so that packages with schemas built on these ones (the
 * SOAR scratchpad, for one) report errors the same way.
 *
 * @param subject - what is being parsed, such as `'scratchpad'`; it starts the error message
 *
 * @example
 * ```ts
 * const result = safeParseWith(z.object({ finding: AwsSecurityFindingSchema }), input, 'scratchpad');
 * if (!result.success) console.error(result.error.message);
 * // Invalid scratchpad: finding.AwsAccountId: Invalid account id: expected 12 digits
 * ```
 */
export function safeParseWith<T>(schema: z.ZodType<T>, input: unknown, subject: string): SafeParseResult<T> {
  try {
    const result = schema.safeParse(input);
    if (result.success) return { success: true, data: result.data };
    return {
      success: false,
      error: new AsffValidationError(subject, flatten(result.error.issues, [], input), {
        cause: result.error,
        context: readContext(input),
      }),
    };
  } catch (cause) {
    return {
      success: false,
      error: new AsffValidationError(
        subject,
        [
          {
            path: '',
            code: 'unreadable_input',
            message: `The input could not be read (${describeThrown(cause)})`,
          },
        ],
        { cause, context: readContext(input) },
      ),
    };
  }
}
