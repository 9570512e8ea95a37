import { describeZodIssues, type SeverityLabel } from '@soar/asff-schema';
import { RoutingConfigSchema } from '@soar/tickets';
import { ConfiguredSeveritySchema } from '@soar/tickets/sla';
import { EnvironmentNamesSchema, TrustedProductsSchema } from '@soar/triage';
import * as z from 'zod';
import { IncidentConfigError } from './errors';

/** Every severity label, least severe first: the original's default for every notification list. */
export const ALL_SEVERITIES: readonly SeverityLabel[] = [
  'INFORMATIONAL',
  'LOW',
  'MEDIUM',
  'HIGH',
  'CRITICAL',
];

/**
 * The product filters besides the ignored products, each a false positive the original SOAR dropped:
 * IAM Access Analyzer findings about access that is expected in an AWS Organization, and Macie's
 * "bucket shared externally" policy finding. Each can be turned off with `disabledFilters`.
 */
export const PRODUCT_FILTERS = [
  'access_analyzer_sso_role',
  'access_analyzer_s3_bucket',
  'access_analyzer_federated_role',
  'access_analyzer_kms_key',
  'access_analyzer_ecr',
  'access_analyzer_public_kms_key',
  'macie_bucket_shared_externally',
] as const;
export const ProductFilterSchema = z.lazy(() => z.enum(PRODUCT_FILTERS));
export type ProductFilter = z.infer<typeof ProductFilterSchema>;

/** A list from configuration: a JSON array or a comma-separated string, each item trimmed, none blank. */
function listOf<T extends z.ZodType<string, string>>(item: T) {
  return z
    .union([z.array(z.string()), z.string()])
    .transform((value) => (typeof value === 'string' ? value.split(',') : value))
    .pipe(z.array(item));
}

/** A list of severity labels, any case, spaces around items ignored (`"LOW, medium"`). */
const severities = (defaults: readonly SeverityLabel[]) =>
  listOf(ConfiguredSeveritySchema).default([...defaults]);

/** A list of names compared case-insensitively (kept upper-cased). */
const upperNames = (defaults: readonly string[]) =>
  listOf(z.string().trim().min(1, 'must not be blank').toUpperCase()).default([...defaults]);

/** Severities at which each kind of incident is notified (the original's five `…NotificationSeverities`). */
const notificationSeverities = () =>
  z.strictObject({
    ec2: severities(ALL_SEVERITIES),
    iamUser: severities(ALL_SEVERITIES),
    s3: severities(ALL_SEVERITIES),
    eks: severities(ALL_SEVERITIES),
    generic: severities(ALL_SEVERITIES),
  });

/** Where forensic disk collection is handed off to before an instance is terminated. */
const forensics = () =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({
      kind: z.literal('lambda'),
      /** The collection function, invoked synchronously with the finding. */
      functionArn: z.string().regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/, {
        message: 'must be a Lambda function ARN',
      }),
    }),
    z.strictObject({
      kind: z.literal('state_machine'),
      /** The collection state machine, started with the finding and waited for. */
      stateMachineArn: z.string().regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[\w-]+$/, {
        message: 'must be a Step Functions state machine ARN',
      }),
      /** Seconds between two reads of the execution's status. */
      pollSeconds: z.number().int().min(1).max(300).default(10),
      /** Longest wait for the execution; past it the instance is not terminated. */
      timeoutSeconds: z.number().int().min(1).max(3_600).default(600),
    }),
  ]);

/** When and how a GuardDuty EC2 incident's instance is terminated. */
const containment = () =>
  z.strictObject({
    /**
     * Terminate instances at all. Off by default: the original terminated every instance of a MEDIUM
     * or worse GuardDuty EC2 finding in every environment, which is too destructive to be a default.
     */
    enabled: z.boolean().default(false),
    /** Severities of a GuardDuty EC2 finding at which its instance is terminated. */
    severities: severities(['HIGH', 'CRITICAL']),
    /** An instance with this tag (any value) is never terminated. */
    protectTag: z.string().trim().min(1, 'must not be blank').default('soar:protect'),
    /** Account environments (tag `soar:environment`, any case) whose instances are never terminated. */
    excludedEnvironments: upperNames([]),
    /** Forensic disk collection before termination; when it fails, the instance is left running. */
    forensics: forensics().default({ kind: 'none' }),
  });

/**
 * How SOAR handles incidents: every finding that is not a control check. `IncidentsConfigSchema.parse({})`
 * is the original's behaviour, except that containment is off until it is turned on. Unknown keys are
 * errors at every level; every list is trimmed and validated (the original split lists on `,`
 * without trimming, so `"LOW, MEDIUM"` silently never matched MEDIUM).
 *
 * @example
 * ```ts
 * const config = IncidentsConfigSchema.parse({
 *   socTicketSeverities: 'HIGH, critical',
 *   containment: { enabled: true, excludedEnvironments: ['prod'] },
 * });
 * config.socTicketSeverities; // ['HIGH', 'CRITICAL']
 * ```
 */
export const IncidentsConfigSchema = z.lazy(() =>
  z.strictObject({
    /**
     * Products whose findings are not incidents, by `ProductFields["aws/securityhub/ProductName"]`
     * (any case). `cis-alarms` also drops findings whose `GeneratorId` starts with `CIS-`.
     */
    ignoredProducts: listOf(z.string().trim().min(1, 'must not be blank')).default([
      'Inspector',
      'Systems Manager Patch Manager',
      'cis-alarms',
    ]),
    /** Product filters to turn off (see {@link PRODUCT_FILTERS}). */
    disabledFilters: z.array(ProductFilterSchema).default([]),
    /**
     * Whether the AWS Health reclassifier runs: when it does, a Health notification that is not yet
     * INFORMATIONAL is left alone here, because the reclassifier's update brings it back.
     */
    healthReclassification: z.boolean().default(false),
    notificationSeverities: notificationSeverities().prefault({}),
    /** Severities at which an incident gets a ticket (team, and the SOC per `routing.incidentsToSoc`). */
    socTicketSeverities: severities(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
    routing: RoutingConfigSchema.prefault({}),
    /** Environment names of the penalty classes. */
    environments: EnvironmentNamesSchema.prefault({}),
    /** Products trusted as incident sources besides Security Hub itself (as in triage's `decide`). */
    trustedProducts: TrustedProductsSchema,
    containment: containment().prefault({}),
  }),
);
export type IncidentsConfig = z.infer<typeof IncidentsConfigSchema>;
export type IncidentsConfigInput = z.input<typeof IncidentsConfigSchema>;
export type ContainmentConfig = IncidentsConfig['containment'];
export type ForensicsConfig = ContainmentConfig['forensics'];

/**
 * Validates the incident configuration and applies the defaults.
 *
 * @throws {IncidentConfigError} naming the source and each bad field, with the closest valid key for
 * a misspelt one.
 *
 * @example
 * ```ts
 * const config = parseIncidentsConfig(JSON.parse(process.env['INCIDENTS_CONFIG'] ?? '{}'), 'INCIDENTS_CONFIG');
 * ```
 */
export function parseIncidentsConfig(input: unknown, source = 'config'): IncidentsConfig {
  const parsed = IncidentsConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues, [], { schema: IncidentsConfigSchema });
  const fields = parsed.error.issues.map((issue) => issue.path.map(String).join('.'));
  throw new IncidentConfigError(`${source}: invalid incident configuration: ${issues.join('; ')}`, fields);
}
