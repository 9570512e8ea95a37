import {
  type AwsSecurityFinding,
  getControlId,
  getRegion,
  type SeverityLabel,
  SeverityLabelSchema,
} from '@soar/asff-schema';
import { NO_ACTIONS_TAKEN, type Scratchpad } from '@soar/scratchpad';
import { formatTimestamp, type JsonValue, toJson } from './format';
import {
  type AccountRef,
  type AiAnalysis,
  type Appendix,
  type Fact,
  isHttpsUrl,
  MAX_RESOURCES,
  type MessageCommon,
  type RemediationAdvice,
  type ResourceRef,
} from './message';

/** Values SOAR writes when it did nothing; they mean "no actions taken", not an action. */
const NOTHING_DONE = new Set([NO_ACTIONS_TAKEN.toLowerCase(), 'none', 'none.', 'n/a', '']);

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The severity label of a finding: `Severity.Label`, else the label of `Severity.Normalized` in the
 * bands Security Hub uses (0, 1-39, 40-69, 70-89, 90-100), else `INFORMATIONAL`.
 *
 * @example
 * ```ts
 * severityOf({ ...finding, Severity: { Normalized: 75 } }); // 'HIGH'
 * ```
 */
export function severityOf(finding: AwsSecurityFinding): SeverityLabel {
  const label = SeverityLabelSchema.safeParse(finding.Severity?.Label);
  if (label.success) return label.data;
  const normalized = finding.Severity?.Normalized;
  if (typeof normalized !== 'number' || normalized < 1) return 'INFORMATIONAL';
  if (normalized >= 90) return 'CRITICAL';
  if (normalized >= 70) return 'HIGH';
  if (normalized >= 40) return 'MEDIUM';
  return 'LOW';
}

/**
 * The account a message is about: SOAR's account metadata when the lookup ran, else the id (and
 * name, when Security Hub sent one) from the finding.
 */
export function accountRefOf(pad: Scratchpad): AccountRef {
  const account = pad.account;
  if (account === undefined) {
    const name = nonBlank(pad.finding.AwsAccountName);
    return { id: pad.finding.AwsAccountId, ...(name === undefined ? {} : { name }) };
  }
  return {
    id: account.Id,
    name: account.Name,
    organizationalUnit: account.OrganizationalUnit,
    environment: account.Environment,
    team: account.Team,
  };
}

/** The first {@link MAX_RESOURCES} resources of a finding, and how many it names. */
export function resourceRefsOf(finding: AwsSecurityFinding): {
  resources: ResourceRef[];
  resourceCount: number;
} {
  const all = Array.isArray(finding.Resources) ? finding.Resources : [];
  const resources = all.slice(0, MAX_RESOURCES).map((resource): ResourceRef => {
    const region = nonBlank(resource.Region);
    return {
      type: nonBlank(resource.Type) ?? 'Unknown',
      id: nonBlank(resource.Id) ?? 'unknown',
      ...(region === undefined ? {} : { region }),
    };
  });
  return { resources, resourceCount: all.length };
}

/** The finding's description, followed by the Security Hub annotation when there is one. */
export function descriptionOf(finding: AwsSecurityFinding): string {
  const description = nonBlank(finding.Description) ?? '';
  const annotation = nonBlank(finding.ProductFields?.['aws/securityhub/annotation']);
  return annotation === undefined ? description : `${description}\n\nNote from Security Hub: ${annotation}`;
}

/** The product that reported a finding, e.g. `GuardDuty`, or `CloudWatch alarm <name>` for an alarm finding. */
export function productNameOf(finding: AwsSecurityFinding): string {
  // An alarm finding is imported under the account's own product, which Security Hub names "Default".
  const alarm = nonBlank(finding.ProductFields?.['soar/alarm/name']);
  if (alarm !== undefined) return `CloudWatch alarm ${alarm}`;
  return (
    nonBlank(finding.ProductFields?.['aws/securityhub/ProductName']) ??
    nonBlank(finding.ProductName) ??
    'Security Hub'
  );
}

/** `Remediation.Recommendation`; the URL is kept only when it is an https URL. */
export function remediationOf(finding: AwsSecurityFinding): RemediationAdvice | undefined {
  const text = nonBlank(finding.Remediation?.Recommendation?.Text);
  const rawUrl = nonBlank(finding.Remediation?.Recommendation?.Url);
  const url = rawUrl !== undefined && isHttpsUrl(rawUrl) ? rawUrl : undefined;
  if (text === undefined && url === undefined) return undefined;
  return { ...(text === undefined ? {} : { text }), ...(url === undefined ? {} : { url }) };
}

/** The AI analysis, when the AI step wrote any. */
export function aiOf(pad: Scratchpad): AiAnalysis | undefined {
  const plaintext = pad.messages.ai.plaintext.trim();
  const html = pad.messages.ai.html.trim();
  return plaintext === '' && html === '' ? undefined : { plaintext, html };
}

function jsonRecord(value: unknown): Record<string, JsonValue> {
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

/** The data of the technical appendix: resources, product fields and account metadata. */
export function appendixOf(pad: Scratchpad): Appendix {
  const resources = Array.isArray(pad.finding.Resources) ? pad.finding.Resources : [];
  const productFields: Record<string, string> = {};
  for (const [key, value] of Object.entries(pad.finding.ProductFields ?? {})) {
    if (typeof value === 'string') productFields[key] = value;
  }
  return {
    resources: resources.map((resource) => toJson(resource) ?? null),
    productFields,
    account: pad.account === undefined ? {} : jsonRecord(pad.account),
  };
}

/**
 * Splits what SOAR wrote about actions (`messages.actions_taken` / `actions_required`, or a list a
 * caller passes) into trimmed, non-empty lines, dropping "nothing was done" placeholders.
 *
 * @example
 * ```ts
 * actionLines('No changes were made.'); // []
 * actionLines('Removed the rule.\nTagged the group.'); // ['Removed the rule.', 'Tagged the group.']
 * ```
 */
export function actionLines(value: string | readonly string[] | undefined): string[] {
  const lines = typeof value === 'string' ? value.split(/\r?\n/) : (value ?? []);
  return lines.map((line) => line.trim()).filter((line) => !NOTHING_DONE.has(line.toLowerCase()));
}

/** The parts every finding-based message shares (all but the facts, which depend on the kind). */
export function commonParts(pad: Scratchpad): Omit<MessageCommon, 'facts'> {
  const finding = pad.finding;
  const region = getRegion(finding);
  const controlId = getControlId(finding);
  const ai = aiOf(pad);
  return {
    severity: severityOf(finding),
    title: nonBlank(finding.Title) ?? 'Untitled finding',
    description: descriptionOf(finding),
    account: accountRefOf(pad),
    ...(region === undefined ? {} : { region }),
    ...(nonBlank(finding.Id) === undefined ? {} : { findingId: finding.Id }),
    ...(controlId === undefined ? {} : { controlId }),
    ...resourceRefsOf(finding),
    ...(ai === undefined ? {} : { ai }),
    appendix: appendixOf(pad),
  };
}

/** The first finding type, e.g. `Software and Configuration Checks/Industry and Regulatory Standards`. */
export function findingTypeOf(finding: AwsSecurityFinding): string | undefined {
  return Array.isArray(finding.Types) ? nonBlank(finding.Types[0]) : undefined;
}

/** `payments-prod (111122223333)`, or the bare id when the name is unknown. */
export function accountLabel(account: AccountRef): string {
  return account.name === undefined || account.name === '' ? account.id : `${account.name} (${account.id})`;
}

/** A fact, or nothing when the value is blank. */
export function fact(label: string, value: string | undefined, code = false): Fact[] {
  const text = value?.trim() ?? '';
  if (text === '') return [];
  return [code ? { label, value: text, code } : { label, value: text }];
}

/** Facts about the account: name and id, OU, environment and team. */
export function accountFacts(account: AccountRef): Fact[] {
  return [
    ...fact('Account', accountLabel(account)),
    ...fact('Organizational unit', account.organizationalUnit),
    ...fact('Environment', account.environment),
    ...fact('Team', account.team),
  ];
}

/** A timestamp fact in `YYYY-MM-DD HH:MM UTC`. */
export function timeFact(label: string, value: string | undefined): Fact[] {
  return fact(label, formatTimestamp(value));
}
