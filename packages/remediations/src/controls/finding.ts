import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { FindingResource } from '../engine/control';

/**
 * Helpers for the controls' pure `fromFinding`: read what a finding says about its resource, never
 * trusting more than it says. `Details` objects are loose (fields AWS adds later are kept), so the
 * fields `@soar/asff-schema` does not type are read here with a type check.
 */

/**
 * The finding's verdict: `FAILED` or `PASSED`, or `undefined` when Security Hub could not evaluate
 * (`WARNING`, `NOT_AVAILABLE`) or the finding has no `Compliance.Status`.
 *
 * @example
 * ```ts
 * complianceOf(finding) === 'FAILED'; // the resource failed the control when Security Hub last checked
 * ```
 */
export function complianceOf(
  finding: Pick<AwsSecurityFinding, 'Compliance'>,
): 'FAILED' | 'PASSED' | undefined {
  const status = finding.Compliance?.Status;
  return status === 'FAILED' || status === 'PASSED' ? status : undefined;
}

/**
 * The resource's tags as the finding lists them (`Resources[].Tags`); `{}` when it lists none
 * (Security Hub leaves `Tags` out when the resource has no tags).
 *
 * @example
 * ```ts
 * findingTags({ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b', Tags: { team: 'a' } }); // { team: 'a' }
 * ```
 */
export function findingTags(resource: FindingResource): Readonly<Record<string, string>> {
  return { ...resource.Tags };
}

/** A loose object read from a finding: every field is `unknown` until checked. */
export type LooseObject = Readonly<Record<string, unknown>>;

/** Whether a value is a (non-array) object whose fields can be read. */
export function isLooseObject(value: unknown): value is LooseObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `Details` object of the resource for one resource type (e.g. `AwsEc2Subnet`), or `undefined`
 * when the finding carries none. Works for types `@soar/asff-schema` does not type too.
 *
 * @example
 * ```ts
 * const subnet = detailsOf(resource, 'AwsEc2Subnet');
 * booleanField(subnet, 'MapPublicIpOnLaunch'); // true, false or undefined
 * ```
 */
export function detailsOf(resource: FindingResource, type: string): LooseObject | undefined {
  const details: unknown = resource.Details?.[type];
  return isLooseObject(details) ? details : undefined;
}

/** A boolean field of a loose object; `undefined` when absent or not a boolean. */
export function booleanField(object: LooseObject | undefined, key: string): boolean | undefined {
  const value = object?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A non-blank string field of a loose object, trimmed; `undefined` when absent, blank or not a string. */
export function stringField(object: LooseObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
