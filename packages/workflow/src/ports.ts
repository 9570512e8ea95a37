import type { SoarLogger } from '@soar/common';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { RemediationResult } from '@soar/remediations';
import type { Account, Scratchpad } from '@soar/scratchpad';
import type { TicketingService } from '@soar/tickets';
import type { DecideConfig, GateData } from '@soar/triage';
import type { SecurityHubPort } from '@soar/security-hub';
import type { AccountSyncSummary } from '@soar/security-hub/controls';
import type { FlowState } from './state';
import type { IncidentLog, RemediationHistory } from '@soar/history';
import type { WatermarkStore } from './watermark';
import type { PreprocessPorts } from '@soar/triage/preprocess';

/** Account metadata by account id (`AccountMetadataService` of `@soar/accounts`, or a local world). */
export interface AccountLookup {
  /** @throws `AccountNotFoundError` when the organization has no such account. */
  getAccount(accountId: string): Promise<Account>;
}

/** The gate data of a finding (`loadGateData` in AWS, the same tables embedded locally). */
export interface GateLoader {
  /** `consistentRead`: read rows written a moment ago (after an inline sync), at twice the cost. */
  load(finding: AwsSecurityFinding, options?: { readonly consistentRead?: boolean }): Promise<GateData>;
}

/** The organization's accounts whose enabled controls are synced (Organizations in AWS, the world locally). */
export interface OrganizationAccounts {
  /** The ids of the `ACTIVE` accounts, every page. */
  listActiveAccountIds(): Promise<string[]>;
}

/**
 * Syncs the enabled-controls rows of accounts (`syncEnabledControls` of `@soar/security-hub/controls`):
 * a few accounts at a time, each read through a member-account session limited to reading controls.
 * Never throws for one account: each summary says `synced`, `skipped` or `failed`.
 */
export interface ControlsSync {
  syncAccounts(accountIds: readonly string[]): Promise<AccountSyncSummary[]>;
}

/** Starts the finding processor state machine for one finding event. */
export interface ExecutionStarter {
  /**
   * Starts an execution named `name`. A second start with the same name is not an error: it returns
   * `duplicate` and starts nothing (Step Functions refuses a repeated name for 90 days).
   */
  start(request: { readonly name: string; readonly input: FlowState }): Promise<{
    readonly status: 'started' | 'duplicate';
    readonly executionArn: string;
  }>;
}

/** A finding SOAR could not handle, kept so that someone looks at it (and alarmed on). */
export interface FailureRecord {
  /** Idempotency key of the finding event, or of the raw event when it had no usable finding. */
  readonly key: string;
  readonly findingId?: string | undefined;
  readonly accountId?: string | undefined;
  readonly controlId?: string | undefined;
  /** The step that failed: `intake`, `suppress`, `remediate`, `ticket`, `notify-fixed`, `close-ticket`. */
  readonly step: string;
  /** Error name, e.g. `TicketSystemError`. */
  readonly error: string;
  /** What went wrong, in words. */
  readonly cause: string;
  /** ISO 8601. */
  readonly at: string;
}

/** Where failures are kept (a DynamoDB table in AWS, memory locally). */
export interface FailureRecorder {
  record(failure: FailureRecord): Promise<void>;
}

/** Runs the remediation of a control finding: for real (`remediate`) or planned from the finding (`simulateRemediation`). */
export interface Remediator {
  remediate(pad: Scratchpad): Promise<{
    readonly scratchpad: Scratchpad;
    readonly result: RemediationResult;
    /** Planned from the finding, nothing applied. */
    readonly simulated: boolean;
  }>;
}

/**
 * A copy of each finding SOAR handled, sent to a security analytics system (Microsoft Sentinel). It
 * fails open: the step records a failure and carries on.
 */
export interface FindingExporter {
  /** The channel (`sentinel`): also the step name of its failure rows. */
  readonly name: string;
  /**
   * Exports the finding with what SOAR did with it; resolves `false` when the channel is not used
   * for the finding's account.
   *
   * @throws when the export failed after its retries
   */
  export(
    pad: Scratchpad,
    handled: { readonly outcome: string; readonly ticketId?: string | undefined; readonly at: Date },
  ): Promise<boolean>;
}

/** The messages whose AI section an {@link AiAnalyst} writes. */
export type AiMessageKind =
  'ticket_opened' | 'ticket_closed' | 'remediation_done' | 'remediation_failed' | 'incident';

/** Writes the AI section of a message (`pad.messages.ai`); never fails (without an answer, the section says why). */
export interface AiAnalyst {
  analyse(
    kind: AiMessageKind,
    pad: Scratchpad,
    context?: { readonly text: string },
  ): Promise<{ readonly plaintext: string; readonly html: string }>;
}

/** The ticket operations the steps use. */
export type TicketOperations = Omit<TicketingService, 'sendOverdueReminders'>;

/**
 * Everything the steps act through, and the decision switches intake decides with. Each step takes
 * only the part it names (the `*Ports` types below), so each function's entry builds only those.
 */
export interface WorkflowPorts {
  readonly accounts: AccountLookup;
  readonly gates: GateLoader;
  readonly executions: ExecutionStarter;
  readonly incidentExecutions?: ExecutionStarter; // the incidents workflow; without it incidents stay NEW
  readonly failures: FailureRecorder;
  readonly securityHub: SecurityHubPort;
  /** Intake pre-processes each trusted finding with it (`preprocessFinding` of `@soar/triage/preprocess`). */
  readonly preprocess?: Pick<PreprocessPorts, 'securityHub' | 'config'>;
  readonly tickets: TicketOperations;
  readonly remediator: Remediator;
  /** Each finding's newest event acted on: the steps that act claim their event here first. */
  readonly watermarks: WatermarkStore;
  /** Where each finding handled is exported (Sentinel); none when not configured. */
  readonly exporter?: FindingExporter | undefined;
  /** Writes the AI section of the team's messages; without it they have none. */
  readonly ai?: AiAnalyst | undefined;
  /** Where each remediation outcome is kept (for the weekly report and the metrics). */
  readonly history?: RemediationHistory | undefined;
  /** The organization's accounts, for the enabled-controls sync. */
  readonly organization?: OrganizationAccounts | undefined;
  /** Syncs enabled controls: the scheduled sync, and intake for an account never synced. */
  readonly controls?: ControlsSync | undefined;
  /** The decision switches (configuration rather than a port; intake decides with them). */
  readonly decide: DecideConfig;
  readonly logger?: SoarLogger | undefined;
  readonly clock?: (() => Date) | undefined;
}

type Ambient = Partial<Pick<WorkflowPorts, 'logger' | 'clock'>>;

/**
 * What intake acts through. `watermarks` lets intake leave an event older than one already seen
 * (and record the ones it decides to leave alone), so a late, older event cannot act later.
 */
export type IntakePorts = Pick<WorkflowPorts, 'accounts' | 'gates' | 'executions' | 'failures' | 'decide'> &
  Partial<Pick<WorkflowPorts, 'watermarks' | 'controls' | 'preprocess' | 'incidentExecutions'>> &
  Ambient;
/** What the suppress step acts through. */
export type SuppressPorts = Pick<WorkflowPorts, 'securityHub' | 'watermarks'> & Ambient;
/** What the remediate step acts through; with `history`, it records every outcome there (`failures`: where a history write that failed is kept). */
export type RemediatePorts = Pick<WorkflowPorts, 'remediator' | 'watermarks'> &
  Partial<Pick<WorkflowPorts, 'history' | 'failures'>> &
  Ambient;
/**
 * What the steps that message the team need besides their own ports: with `failures`, a chat copy or
 * an export that failed gets its own failure row (step `slack`, `teams`, `sentinel`); with
 * `exporter`, the finding is exported; with `ai`, the messages carry an AI section.
 */
type Channels = Partial<Pick<WorkflowPorts, 'failures' | 'exporter' | 'ai'>>;
/** What the ticket step acts through. */
export type TicketPorts = Pick<WorkflowPorts, 'tickets' | 'securityHub' | 'watermarks'> & Channels & Ambient;
/**
 * What the notify-incident step acts through: with `incidentHistory`, an alarm's incident is recorded
 * for the pattern analysis of its later incidents; with `incidentLog`, every incident is recorded for
 * the statistics and the weekly report (`failures`: where a log write that failed is kept).
 */
export type NotifyIncidentPorts = {
  readonly tickets: Pick<TicketingService, 'openIncidentTicket' | 'notifyIncident'>;
  readonly incidentHistory?: { record(finding: AwsSecurityFinding, ticketId?: string): Promise<unknown> };
  readonly incidentLog?: IncidentLog | undefined;
} & Pick<WorkflowPorts, 'watermarks'> &
  Partial<Pick<WorkflowPorts, 'failures'>> &
  Channels &
  Ambient;
/** What the notify-fixed step acts through. */
export type NotifyFixedPorts = Pick<WorkflowPorts, 'tickets' | 'securityHub'> & Channels & Ambient;
/** What the close-ticket step acts through. */
export type CloseTicketPorts = Pick<WorkflowPorts, 'tickets' | 'securityHub' | 'watermarks'> &
  Channels &
  Ambient;
/**
 * What the enabled-controls sync acts through: the accounts to list, the sync, and where an account
 * that failed is recorded (step `sync-controls`).
 */
export type SyncControlsPorts = Required<Pick<WorkflowPorts, 'organization' | 'controls'>> &
  Pick<WorkflowPorts, 'failures'> &
  Ambient;
/** What the record-failure step acts through. */
export type RecordFailurePorts = Pick<WorkflowPorts, 'failures'> & Ambient;
