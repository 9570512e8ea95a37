import type { SeverityLabel } from '@soar/asff-schema';

/** The severity words of the naming convention, lowest first: the ASFF severity labels. */
export const ALARM_SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** The incident domains: `INFRA` (SOAR's own and the platform's alarms) and `APP` (applications). */
export const INCIDENT_DOMAINS = ['INFRA', 'APP'] as const;

/** `INFRA` or `APP`: `ProductFields.IncidentDomain` of the finding. */
export type IncidentDomain = (typeof INCIDENT_DOMAINS)[number];

/** Which alarms are suppressed (no finding at all). */
export interface AlarmSuppressionRules {
  /**
   * First segments that suppress an alarm, compared ASCII case-insensitively: `['CIS']` suppresses
   * `CIS-3.1-UnauthorizedAPICalls` and `cis-root-usage`, but not `INFRA-PRECIS-HIGH` or
   * `INFRA-CIS-Monitoring-HIGH`.
   */
  readonly firstSegments: readonly string[];
  /** Exact alarm names (case-sensitive, as CloudWatch names are) that are suppressed. */
  readonly names: readonly string[];
}

/** The rules of {@link classifyAlarmName}. */
export interface AlarmNameRules {
  /** Severity of an alarm whose name has no severity segment. */
  readonly defaultSeverity: SeverityLabel;
  /** Domain of an alarm whose name has no domain segment. */
  readonly defaultDomain: IncidentDomain;
  readonly suppress: AlarmSuppressionRules;
}

/** Where a classification came from: a segment of the alarm name, or the configured default. */
export type ClassificationSource = 'name' | 'default';

/** What an alarm name says about the alarm; see {@link classifyAlarmName}. */
export interface AlarmNameClassification {
  /** The dash-separated segments, trimmed, empty ones left out. */
  readonly segments: readonly string[];
  readonly severity: SeverityLabel;
  readonly severitySource: ClassificationSource;
  readonly domain: IncidentDomain;
  readonly domainSource: ClassificationSource;
  /** Why the alarm is suppressed, when it is: `first segment "CIS"` or `name "…"`. */
  readonly suppressedBy?: string;
}

/**
 * The segment in upper case when it is made of ASCII letters, digits and dots only, else `undefined`.
 * ASCII only on purpose: `String#toUpperCase` maps the dotless `ı` to `I`, which would make `ınfra` a
 * domain.
 */
function asciiUpper(segment: string): string | undefined {
  return /^[A-Za-z0-9.]+$/.test(segment) ? segment.toUpperCase() : undefined;
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/**
 * Splits an alarm name into its dash-separated segments, trimmed, without empty ones.
 *
 * @example
 * ```ts
 * alarmNameSegments('INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH');
 * // ['INFRA', 'SOAR', 'ASFF', 'Processor', 'SM', 'Failure', 'HIGH']
 * alarmNameSegments('APP - Checkout -- HIGH'); // ['APP', 'Checkout', 'HIGH']
 * ```
 */
export function alarmNameSegments(alarmName: string): string[] {
  return alarmName
    .split('-')
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0);
}

/**
 * Reads the naming convention `[DOMAIN]-[Component]-[Type]-[SEVERITY]` out of an alarm name.
 *
 * - **Segments** are the parts between dashes, trimmed. Domain, severity and suppression words are
 *   whole segments, compared ASCII case-insensitively: `infra-foo-high` is INFRA and HIGH; `FLOW-HIGH`
 *   has no domain; `Foo_HIGH` has no severity (underscores do not separate).
 * - **Severity**: the *last* segment that is `INFORMATIONAL`, `LOW`, `MEDIUM`, `HIGH` or `CRITICAL`,
 *   because the convention puts it last and components often hold such words
 *   (`APP-Low-Latency-Api-MEDIUM` is MEDIUM, not LOW). None: the default severity.
 * - **Domain**: the *first* segment that is `INFRA` or `APP` (`APP-INFRAstructure-HIGH` is APP:
 *   `INFRAstructure` is not a segment; `Payments-INFRA-HIGH` is INFRA). None: the default domain.
 * - **Suppression**: a first segment listed in `suppress.firstSegments` (`CIS-…`), or a name listed in
 *   `suppress.names`. `INFRA-PRECIS-HIGH` is not suppressed.
 *
 * @example
 * ```ts
 * const rules = { defaultSeverity: 'MEDIUM', defaultDomain: 'APP', suppress: { firstSegments: ['CIS'], names: [] } } as const;
 * classifyAlarmName('INFRA-CombineLogFilesSM-Failure-HIGH', rules);
 * // { severity: 'HIGH', severitySource: 'name', domain: 'INFRA', domainSource: 'name', segments: [...] }
 * classifyAlarmName('ServerCpuTooHigh', rules).severitySource; // 'default' (MEDIUM)
 * classifyAlarmName('CIS-3.1-UnauthorizedAPICalls', rules).suppressedBy; // 'first segment "CIS"'
 * ```
 */
export function classifyAlarmName(alarmName: string, rules: AlarmNameRules): AlarmNameClassification {
  const segments = alarmNameSegments(alarmName);
  const upper = segments.map(asciiUpper);
  const severity = [...upper].reverse().find((segment) => isOneOf(ALARM_SEVERITIES, segment));
  const domain = upper.find((segment) => isOneOf(INCIDENT_DOMAINS, segment));
  const first = upper[0];
  const suppressingSegment = rules.suppress.firstSegments.find(
    (candidate) => first !== undefined && asciiUpper(candidate.trim()) === first,
  );
  const suppressedBy =
    suppressingSegment !== undefined
      ? `first segment "${suppressingSegment}"`
      : rules.suppress.names.includes(alarmName)
        ? `name "${alarmName}"`
        : undefined;
  return {
    segments,
    severity: isOneOf(ALARM_SEVERITIES, severity) ? severity : rules.defaultSeverity,
    severitySource: severity === undefined ? 'default' : 'name',
    domain: isOneOf(INCIDENT_DOMAINS, domain) ? domain : rules.defaultDomain,
    domainSource: domain === undefined ? 'default' : 'name',
    ...(suppressedBy === undefined ? {} : { suppressedBy }),
  };
}
