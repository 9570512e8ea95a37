import {
  type AwsSecurityFinding,
  AwsSecurityFindingSchema,
  getRegion,
  NORMALIZED_SEVERITY_BY_LABEL,
  parseArn,
  type SecurityHubFindingsImportedEvent,
} from '@soar/asff-schema';

import { batchUpdates } from './batches';
import { type FindingFailure, FindingImportError, FindingUpdateError } from './errors';
import { type FindingChanges, type FindingIdentifier, type FindingUpdate } from './finding-update';
import {
  assertImportTarget,
  type ImportFindingsResult,
  type ImportTarget,
  type SecurityHubPort,
  type UpdateFindingsResult,
} from './port';

/** One change the local Security Hub applied, in order. */
export interface LocalSecurityHubChange {
  /** 1, 2, 3... across the life of the instance. */
  readonly sequence: number;
  /** ISO timestamp from the injected clock. */
  readonly at: string;
  readonly operation: 'BatchUpdateFindings' | 'BatchImportFindings';
  readonly findingId: string;
  readonly productArn: string;
  /** The account and region the call was made in. */
  readonly accountId: string;
  readonly region: string;
  /** For updates: what was changed. */
  readonly changes?: FindingChanges | undefined;
  /** For imports: whether the finding was new. */
  readonly created?: boolean | undefined;
}

/** Options of {@link createLocalSecurityHub}. */
export interface LocalSecurityHubOptions {
  /** Findings Security Hub already holds (no events, no history). */
  readonly findings?: readonly AwsSecurityFinding[] | undefined;
  /** Clock for `Note.UpdatedAt`, `ProcessedAt` and event times. Default `() => new Date()`. */
  readonly now?: (() => Date) | undefined;
  /**
   * Called with a "Security Hub Findings - Imported" event for every finding SOAR changes or imports,
   * as real Security Hub does, so local workflows see SOAR's own updates come back. Awaited in order
   * after the changes are stored; an error it throws is thrown by the port call (the changes stay).
   */
  readonly onFindingsImported?:
    ((event: SecurityHubFindingsImportedEvent) => void | Promise<void>) | undefined;
  /**
   * The account the events are delivered in (SOAR's Security Hub administrator account). Default: the
   * finding's own account.
   */
  readonly eventAccountId?: string | undefined;
}

/** The in-memory Security Hub: a {@link SecurityHubPort} plus what tests need to look inside. */
export interface LocalSecurityHub extends SecurityHubPort {
  /** Copies of every stored finding, in insertion order. */
  findings(): AwsSecurityFinding[];
  /** A copy of one stored finding by `Id` (and `ProductArn` when two products share an id). */
  finding(id: string, productArn?: string): AwsSecurityFinding | undefined;
  /**
   * Copies of the changes applied so far, oldest first; with `afterSequence`, only the later ones
   * (those whose `sequence` is greater), so a caller that keeps its place copies only what is new.
   */
  history(afterSequence?: number): readonly LocalSecurityHubChange[];
  /** Stores findings as they are, without history or events (test set-up). */
  seed(findings: readonly AwsSecurityFinding[]): void;
}

/** Fields `BatchUpdateFindings` sets that later provider imports must not overwrite. */
type CustomerField = 'Workflow' | 'UserDefinedFields' | 'Note' | 'Severity';

interface StoredFinding {
  finding: AwsSecurityFinding;
  readonly customerFields: Set<CustomerField>;
}

const keyOf = (id: FindingIdentifier): string => JSON.stringify([id.Id, id.ProductArn]);

/**
 * Creates an in-memory Security Hub that implements {@link SecurityHubPort} like the real service, for
 * local workflow runs and tests (moto has no Security Hub `BatchUpdateFindings`).
 *
 * What it reproduces:
 * - `updateFindings` sets `Workflow.Status`, merges `UserDefinedFields` keys, replaces `Note` (stamped
 *   with the clock) and `Severity` (label-only updates get the matching `Normalized` score), and sets
 *   `ProcessedAt`. Like Security Hub, it leaves `UpdatedAt` alone: only providers move it.
 * - A finding is found only in its own account and region: an update sent elsewhere fails with
 *   `FindingNotFound`, so an update sent to the wrong region shows up locally.
 * - `importFindings` validates the ASFF, requires `AwsAccountId` and the `ProductArn` region (and the
 *   account of a `product/<account>/default` ARN) to match the target, keeps fields set by
 *   `BatchUpdateFindings` on re-import, and resets `NOTIFIED`/`RESOLVED` to `NEW` when the record comes
 *   back (`ARCHIVED` → `ACTIVE`) or the check fails again (`PASSED` → another status), as Security Hub does.
 * - Every applied change emits a "Security Hub Findings - Imported" event (see
 *   {@link LocalSecurityHubOptions.onFindingsImported}).
 *
 * @example
 * ```ts
 * const events: SecurityHubFindingsImportedEvent[] = [];
 * const hub = createLocalSecurityHub({ findings: [finding], onFindingsImported: (event) => { events.push(event); } });
 * await hub.updateFindings([suppressUpdate(finding, 'Handled')]);
 * hub.finding(finding.Id)?.Workflow?.Status; // 'SUPPRESSED'
 * events[0]?.detail.findings[0]?.Workflow?.Status; // 'SUPPRESSED'
 * ```
 */
export function createLocalSecurityHub(options: LocalSecurityHubOptions = {}): LocalSecurityHub {
  return new InMemorySecurityHub(options);
}

class InMemorySecurityHub implements LocalSecurityHub {
  readonly #store = new Map<string, StoredFinding>();
  readonly #history: LocalSecurityHubChange[] = [];
  readonly #now: () => Date;
  readonly #onFindingsImported: LocalSecurityHubOptions['onFindingsImported'];
  readonly #eventAccountId: string | undefined;
  #eventSequence = 0;

  public constructor(options: LocalSecurityHubOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#onFindingsImported = options.onFindingsImported;
    this.#eventAccountId = options.eventAccountId;
    this.seed(options.findings ?? []);
  }

  public seed(findings: readonly AwsSecurityFinding[]): void {
    for (const finding of findings) {
      this.#store.set(keyOf(finding), { finding: structuredClone(finding), customerFields: new Set() });
    }
  }

  public findings(): AwsSecurityFinding[] {
    return [...this.#store.values()].map((stored) => structuredClone(stored.finding));
  }

  public finding(id: string, productArn?: string): AwsSecurityFinding | undefined {
    for (const stored of this.#store.values()) {
      if (
        stored.finding.Id === id &&
        (productArn === undefined || stored.finding.ProductArn === productArn)
      ) {
        return structuredClone(stored.finding);
      }
    }
    return undefined;
  }

  public history(afterSequence = 0): readonly LocalSecurityHubChange[] {
    // Sequences start at 1 and count every change, so the changes after n start at index n.
    return this.#history.slice(Math.max(0, afterSequence)).map((change) => ({ ...change }));
  }

  public async updateFindings(updates: readonly FindingUpdate[]): Promise<UpdateFindingsResult> {
    const now = this.#now().toISOString();
    const updated: FindingIdentifier[] = [];
    const failures: FindingFailure[] = [];
    const changed: AwsSecurityFinding[] = [];
    for (const batch of batchUpdates(updates)) {
      for (const id of batch.findings) {
        const stored = this.#store.get(keyOf(id));
        if (
          stored === undefined ||
          stored.finding.AwsAccountId !== batch.accountId ||
          getRegion(stored.finding) !== batch.region
        ) {
          failures.push({
            findingId: id.Id,
            productArn: id.ProductArn,
            errorCode: 'FindingNotFound',
            errorMessage: `Finding Not Found in account ${batch.accountId}, region ${batch.region}`,
            attempts: 1,
          });
          continue;
        }
        stored.finding = applyChanges(stored.finding, batch.changes, now, stored.customerFields);
        updated.push(id);
        changed.push(stored.finding);
        this.#record({
          at: now,
          operation: 'BatchUpdateFindings',
          findingId: id.Id,
          productArn: id.ProductArn,
          accountId: batch.accountId,
          region: batch.region,
          changes: batch.changes,
        });
      }
    }
    await this.#emit(changed, now);
    if (failures.length > 0) {
      throw new FindingUpdateError(
        failures,
        updated.map((id) => id.Id),
      );
    }
    return { updated };
  }

  public async importFindings(
    target: ImportTarget,
    findings: readonly AwsSecurityFinding[],
  ): Promise<ImportFindingsResult> {
    assertImportTarget(target);
    const now = this.#now().toISOString();
    const imported: string[] = [];
    const failures: FindingFailure[] = [];
    const changed: AwsSecurityFinding[] = [];
    for (const candidate of findings) {
      const problem = importProblem(candidate, target);
      if (problem !== undefined) {
        failures.push({
          findingId: typeof candidate.Id === 'string' ? candidate.Id : '<no Id>',
          productArn: typeof candidate.ProductArn === 'string' ? candidate.ProductArn : undefined,
          errorCode: 'InvalidInput',
          errorMessage: problem,
          attempts: 1,
        });
        continue;
      }
      const key = keyOf(candidate);
      const existing = this.#store.get(key);
      const finding =
        existing === undefined
          ? newFinding(candidate, now)
          : reimported(existing, structuredClone(candidate), now);
      this.#store.set(key, { finding, customerFields: existing?.customerFields ?? new Set() });
      imported.push(finding.Id);
      changed.push(finding);
      this.#record({
        at: now,
        operation: 'BatchImportFindings',
        findingId: finding.Id,
        productArn: finding.ProductArn,
        accountId: target.accountId,
        region: target.region,
        created: existing === undefined,
      });
    }
    await this.#emit(changed, now);
    if (failures.length > 0) throw new FindingImportError(failures, imported, target.accountId);
    return { imported };
  }

  #record(change: Omit<LocalSecurityHubChange, 'sequence'>): void {
    this.#history.push({ sequence: this.#history.length + 1, ...change });
  }

  async #emit(findings: readonly AwsSecurityFinding[], time: string): Promise<void> {
    const deliver = this.#onFindingsImported;
    if (deliver === undefined) return;
    for (const finding of findings) {
      this.#eventSequence += 1;
      await deliver({
        version: '0',
        id: `00000000-0000-4000-8000-${this.#eventSequence.toString(16).padStart(12, '0')}`,
        'detail-type': 'Security Hub Findings - Imported',
        source: 'aws.securityhub',
        account: this.#eventAccountId ?? finding.AwsAccountId,
        time,
        region: getRegion(finding) ?? '',
        resources: [`${finding.ProductArn}/${finding.Id}`],
        detail: { findings: [structuredClone(finding)] },
      });
    }
  }
}

function applyChanges(
  finding: AwsSecurityFinding,
  changes: FindingChanges,
  now: string,
  customerFields: Set<CustomerField>,
): AwsSecurityFinding {
  const next = structuredClone(finding);
  if (changes.workflowStatus !== undefined) {
    next.Workflow = { ...next.Workflow, Status: changes.workflowStatus };
    customerFields.add('Workflow');
  }
  if (changes.userDefinedFields !== undefined) {
    next.UserDefinedFields = { ...next.UserDefinedFields, ...changes.userDefinedFields };
    customerFields.add('UserDefinedFields');
  }
  if (changes.note !== undefined) {
    next.Note = { Text: changes.note.text, UpdatedBy: changes.note.updatedBy, UpdatedAt: now };
    customerFields.add('Note');
  }
  if (changes.severity !== undefined) {
    next.Severity = {
      ...next.Severity,
      Label: changes.severity.label,
      Normalized: changes.severity.normalized ?? NORMALIZED_SEVERITY_BY_LABEL[changes.severity.label],
    };
    customerFields.add('Severity');
  }
  next.ProcessedAt = now;
  return next;
}

/** Why Security Hub would refuse to import a finding into the target, or `undefined`. */
function importProblem(finding: AwsSecurityFinding, target: ImportTarget): string | undefined {
  const parsed = AwsSecurityFindingSchema.safeParse(finding);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `Invalid ASFF at ${issue === undefined ? '?' : issue.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
  }
  if (finding.AwsAccountId !== target.accountId) {
    return `AwsAccountId ${finding.AwsAccountId} is not the account the import is made in (${target.accountId})`;
  }
  const productArn = parseArn(finding.ProductArn);
  if (productArn === undefined || productArn.service !== 'securityhub') {
    return `ProductArn ${finding.ProductArn} is not a Security Hub product ARN`;
  }
  if (productArn.region !== target.region) {
    return `ProductArn ${finding.ProductArn} is in region ${productArn.region}, not in ${target.region} where the import is made`;
  }
  const custom = /^product\/(\d{12})\/default$/.exec(productArn.resource);
  if (custom !== null && (custom[1] !== target.accountId || productArn.accountId !== target.accountId)) {
    return `ProductArn ${finding.ProductArn} is the default product of another account than ${target.accountId}`;
  }
  return undefined;
}

function newFinding(candidate: AwsSecurityFinding, now: string): AwsSecurityFinding {
  const finding = structuredClone(candidate);
  finding.Workflow = { ...finding.Workflow, Status: finding.Workflow?.Status ?? 'NEW' };
  finding.RecordState = finding.RecordState ?? 'ACTIVE';
  finding.ProcessedAt = now;
  return finding;
}

/** A provider update of a stored finding: customer-set fields stay, workflow may go back to NEW. */
function reimported(existing: StoredFinding, candidate: AwsSecurityFinding, now: string): AwsSecurityFinding {
  const before = existing.finding;
  const next: AwsSecurityFinding = { ...candidate, ProcessedAt: now };
  for (const field of existing.customerFields) {
    const kept = before[field];
    if (kept !== undefined) Object.assign(next, { [field]: kept });
  }
  if (next.Workflow === undefined) next.Workflow = before.Workflow ?? { Status: 'NEW' };
  const status = next.Workflow.Status;
  const reopened = before.RecordState === 'ARCHIVED' && (next.RecordState ?? 'ACTIVE') === 'ACTIVE';
  const failingAgain =
    before.Compliance?.Status === 'PASSED' &&
    next.Compliance?.Status !== undefined &&
    next.Compliance.Status !== 'PASSED';
  if ((status === 'NOTIFIED' || status === 'RESOLVED') && (reopened || failingAgain)) {
    next.Workflow = { ...next.Workflow, Status: 'NEW' };
  }
  return next;
}
