/**
 * The CloudFormation metadata key under which SOAR's CDK constructs record a Lambda function's entry
 * file (its path from the workspace root), so that the local runtime runs the very module the
 * function bundles.
 *
 * @example
 * ```json
 * "Metadata": { "aws:cdk:path": "SoarCore/Suppress/Resource", "soar:entry": "apps/soar-core/src/functions/suppress.ts" }
 * ```
 */
export const ENTRY_METADATA_KEY = 'soar:entry';
