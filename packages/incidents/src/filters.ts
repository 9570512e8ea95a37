import type { AwsSecurityFinding } from '@soar/asff-schema';
import { planHealthReclassification } from '@soar/triage/health';
import type { IncidentClassification } from './classify';
import type { IncidentsConfig, ProductFilter } from './config';

/** Why a finding is not handled as an incident. */
export type FilterReason =
  /** The finding failed the trust checks (its product is not trusted, or it forges a control). */
  | 'untrusted_source'
  /** A control finding: the finding workflow handles it, never the incidents one. */
  | 'control_finding'
  /** Its product is in `ignoredProducts`. */
  | 'ignored_product'
  /** A `CIS-` alarm finding while `ignoredProducts` lists `cis-alarms`. */
  | 'cis_alarm'
  /** An AWS Health notification the reclassifier is about to downgrade; its update comes back. */
  | 'health_awaiting_reclassification'
  /** A known false positive of IAM Access Analyzer or Macie. */
  | ProductFilter
  /** Its severity is not among the notification severities of its kind. */
  | 'severity_not_notified';

/** A finding filtered out, and why in words. */
export interface Filtered {
  readonly reason: FilterReason;
  readonly detail: string;
}

/** The Macie finding type the original dropped: a bucket shared with another account. */
export const MACIE_SHARED_EXTERNALLY =
  'Software and Configuration Checks/AWS Security Best Practices/Policy:IAMUser-S3BucketSharedExternally';

const CROSS_ACCOUNT = ' allows cross-account access';
const PUBLIC = ' allows public access';

/** The Access Analyzer filters, each a test of a finding's title and description. */
const ACCESS_ANALYZER_FILTERS: readonly {
  readonly name: ProductFilter;
  readonly test: (title: string, description: string) => boolean;
  readonly detail: string;
}[] = [
  {
    name: 'access_analyzer_sso_role',
    test: (title) => title.includes(CROSS_ACCOUNT) && title.includes('AWSReservedSSO_'),
    detail: 'an IAM Identity Center role is meant to be assumed from the organization',
  },
  {
    name: 'access_analyzer_s3_bucket',
    test: (title) => title.includes(CROSS_ACCOUNT) && title.includes('AwsS3Bucket/'),
    detail: 'cross-account access to an S3 bucket is common and reviewed as a control finding',
  },
  {
    name: 'access_analyzer_federated_role',
    test: (title, description) =>
      title.includes(CROSS_ACCOUNT) && title.includes('AwsIamRole/') && description.includes('Federated'),
    detail: 'a federated IAM role is meant to be assumed from outside the account',
  },
  {
    name: 'access_analyzer_kms_key',
    test: (title) => title.includes(CROSS_ACCOUNT) && title.includes('AwsKmsKey/'),
    detail: 'cross-account access to a KMS key is how keys are shared in an organization',
  },
  {
    name: 'access_analyzer_ecr',
    test: (title) => title.includes(CROSS_ACCOUNT) && /Other\/arn:aws[a-z-]*:ecr:/.test(title),
    detail: 'ECR repositories are shared across the organization',
  },
  {
    name: 'access_analyzer_public_kms_key',
    test: (title) => title.includes(PUBLIC) && title.includes('AwsKmsKey/'),
    detail: 'Access Analyzer reports KMS keys as public when a key policy only names AWS services',
  },
];

function isAccessAnalyzer(finding: AwsSecurityFinding, classification: IncidentClassification): boolean {
  return classification.product === 'aws/access-analyzer' || finding.GeneratorId === 'aws/access-analyzer';
}

/**
 * The product filter a finding falls under, if any (pure), checked in this order:
 * 1. `control_finding`: `Compliance.SecurityControlId` is set;
 * 2. `ignored_product`: the product name is in `ignoredProducts` (any case; Inspector and Patch
 *    Manager by default, as in the original);
 * 3. `cis_alarm`: the generator id starts with `CIS-` and `ignoredProducts` lists `cis-alarms`;
 * 4. `health_awaiting_reclassification`: the Health reclassifier is on and would downgrade it;
 * 5. the Access Analyzer false positives (title and description, as the original tested them);
 * 6. `macie_bucket_shared_externally`.
 *
 * Filters named in `disabledFilters` are skipped.
 *
 * @example
 * ```ts
 * productFilter(inspectorFinding, classifyIncident(inspectorFinding), config);
 * // { reason: 'ignored_product', detail: 'Findings of the product Inspector are not handled as incidents (ignoredProducts).' }
 * ```
 */
export function productFilter(
  finding: AwsSecurityFinding,
  classification: IncidentClassification,
  config: Pick<IncidentsConfig, 'ignoredProducts' | 'disabledFilters' | 'healthReclassification'>,
): Filtered | undefined {
  const controlId = finding.Compliance?.SecurityControlId?.trim() ?? '';
  if (controlId !== '') {
    return {
      reason: 'control_finding',
      detail: `The finding is about the control ${controlId}: controls are not incidents.`,
    };
  }
  const ignored = new Set(config.ignoredProducts.map((name) => name.toLowerCase()));
  if (ignored.has(classification.productName.toLowerCase())) {
    return {
      reason: 'ignored_product',
      detail: `Findings of the product ${classification.productName} are not handled as incidents (ignoredProducts).`,
    };
  }
  const generator = typeof finding.GeneratorId === 'string' ? finding.GeneratorId : '';
  if (generator.startsWith('CIS-') && ignored.has('cis-alarms')) {
    return {
      reason: 'cis_alarm',
      detail: `CIS alarms are not handled as incidents (ignoredProducts lists cis-alarms): ${generator}.`,
    };
  }
  if (config.healthReclassification && planHealthReclassification(finding, { enabled: true }).reclassify) {
    return {
      reason: 'health_awaiting_reclassification',
      detail:
        'An AWS Health notification: the reclassifier sets it to INFORMATIONAL and its update comes back.',
    };
  }
  const disabled = new Set(config.disabledFilters);
  if (isAccessAnalyzer(finding, classification)) {
    const title = finding.Title;
    const description = finding.Description;
    const hit = ACCESS_ANALYZER_FILTERS.find(
      (filter) => !disabled.has(filter.name) && filter.test(title, description),
    );
    if (hit !== undefined) {
      return { reason: hit.name, detail: `An expected IAM Access Analyzer finding: ${hit.detail}.` };
    }
  }
  if (
    !disabled.has('macie_bucket_shared_externally') &&
    classification.productName === 'Macie' &&
    classification.incidentType === MACIE_SHARED_EXTERNALLY
  ) {
    return {
      reason: 'macie_bucket_shared_externally',
      detail: 'A Macie finding about a bucket shared with another account: a control finding covers it.',
    };
  }
  return undefined;
}
