import {
  type AwsSecurityFinding,
  getRegion,
  NORMALIZED_SEVERITY_BY_LABEL,
  type SeverityLabel,
  type WorkflowStatus,
} from '@soar/asff-schema';

import { InvalidFindingUpdateError } from './errors';

/** Who SOAR's notes are written by when the caller does not say. */
export const DEFAULT_NOTE_AUTHOR = 'SOAR';
/** Longest `Note.Text` Security Hub accepts. Longer texts are cut, with an ellipsis. */
export const NOTE_TEXT_MAX_LENGTH = 512;
/** Longest `Note.UpdatedBy` Security Hub accepts. */
export const NOTE_UPDATED_BY_MAX_LENGTH = 128;
/** The `UserDefinedFields` key telling whether a ticket is open for the finding (`Yes`/`No`). */
export const TICKET_OPEN_FIELD = 'TicketOpen';
/** The `UserDefinedFields` key holding the ticket id. */
export const TICKET_ID_FIELD = 'TicketId';

/** What identifies a finding in `BatchUpdateFindings`: its `Id` and `ProductArn`. */
export interface FindingIdentifier {
  readonly Id: string;
  readonly ProductArn: string;
}

/** A note to put on a finding. */
export interface FindingNote {
  readonly text: string;
  readonly updatedBy: string;
}

/** A note given as plain text (written by {@link DEFAULT_NOTE_AUTHOR}) or with its author. */
export type NoteInput = string | { readonly text: string; readonly updatedBy?: string | undefined };

/** A new severity: a label, and the normalized score to write with it, if any. */
export interface SeverityChange {
  readonly label: SeverityLabel;
  /** 0..100; omitted: only the label is written. */
  readonly normalized?: number | undefined;
}

/** The fields a {@link FindingUpdate} changes; each is left alone when absent. */
export interface FindingChanges {
  readonly workflowStatus?: WorkflowStatus | undefined;
  readonly note?: FindingNote | undefined;
  /** Keys to set in `UserDefinedFields`; other keys of the finding are not part of the update. */
  readonly userDefinedFields?: Readonly<Record<string, string>> | undefined;
  readonly severity?: SeverityChange | undefined;
}

/**
 * One change to one finding, as plain data: which finding, where it lives (its account and its own
 * region, so the update is sent there), and what changes. Built by the pure functions of this module
 * and applied by a {@link SecurityHubPort} adapter.
 */
export interface FindingUpdate {
  readonly finding: FindingIdentifier;
  /** The finding's `AwsAccountId`: the account whose Security Hub is called. */
  readonly accountId: string;
  /** The finding's own region (not the Lambda's). */
  readonly region: string;
  readonly changes: FindingChanges;
}

/** A ticket SOAR opened for a finding. */
export interface TicketReference {
  readonly ticketId: string;
}

/**
 * A note with its author, cut to the lengths Security Hub accepts.
 *
 * @example
 * ```ts
 * toFindingNote('Handled as an incident'); // { text: 'Handled as an incident', updatedBy: 'SOAR' }
 * ```
 */
export function toFindingNote(note: NoteInput): FindingNote {
  const text = typeof note === 'string' ? note : note.text;
  const updatedBy = (typeof note === 'string' ? undefined : note.updatedBy) ?? DEFAULT_NOTE_AUTHOR;
  if (text.trim().length === 0) throw new InvalidFindingUpdateError('note.text', 'the note text is blank');
  if (updatedBy.trim().length === 0) {
    throw new InvalidFindingUpdateError('note.updatedBy', 'the note author is blank');
  }
  return {
    text: text.length > NOTE_TEXT_MAX_LENGTH ? `${text.slice(0, NOTE_TEXT_MAX_LENGTH - 1)}…` : text,
    updatedBy: updatedBy.slice(0, NOTE_UPDATED_BY_MAX_LENGTH),
  };
}

/**
 * A {@link FindingUpdate} of any changes to a finding, sent to the finding's account and region.
 *
 * @throws {@link InvalidFindingUpdateError} when the finding has no region or `changes` is empty.
 *
 * @example
 * ```ts
 * const update = findingUpdate(finding, { workflowStatus: 'NEW', note: toFindingNote('Re-opened') });
 * update.region; // the finding's Region, e.g. 'eu-west-1'
 * ```
 */
export function findingUpdate(finding: AwsSecurityFinding, changes: FindingChanges): FindingUpdate {
  const region = getRegion(finding);
  if (region === undefined) {
    throw new InvalidFindingUpdateError(
      'Region',
      'the finding has no Region, Resources[0].Region or region in its ProductArn',
      finding.Id,
      finding.AwsAccountId,
    );
  }
  if (!hasChanges(changes)) {
    throw new InvalidFindingUpdateError(
      'changes',
      'the update changes nothing',
      finding.Id,
      finding.AwsAccountId,
    );
  }
  return {
    finding: { Id: finding.Id, ProductArn: finding.ProductArn },
    accountId: finding.AwsAccountId,
    region,
    changes,
  };
}

/**
 * Whether a {@link FindingChanges} changes anything.
 *
 * @example
 * ```ts
 * hasChanges({}); // false
 * hasChanges({ workflowStatus: 'NOTIFIED' }); // true
 * ```
 */
export function hasChanges(changes: FindingChanges): boolean {
  return (
    changes.workflowStatus !== undefined ||
    changes.note !== undefined ||
    changes.severity !== undefined ||
    (changes.userDefinedFields !== undefined && Object.keys(changes.userDefinedFields).length > 0)
  );
}

function ticketIdOf(ticket: TicketReference, finding: AwsSecurityFinding): string {
  if (typeof ticket.ticketId !== 'string' || ticket.ticketId.trim().length === 0) {
    throw new InvalidFindingUpdateError(
      'ticket.ticketId',
      'the ticket id is blank',
      finding.Id,
      finding.AwsAccountId,
    );
  }
  return ticket.ticketId;
}

/**
 * Suppresses a finding (`Workflow.Status` SUPPRESSED) with a note. Writes no `UserDefinedFields`: in
 * particular no account data (the original copied team emails and tags there, where every user of the
 * member account could read them).
 *
 * @example
 * ```ts
 * await port.updateFindings([suppressUpdate(finding, 'Suppressed by a local rule for sandbox accounts')]);
 * ```
 */
export function suppressUpdate(finding: AwsSecurityFinding, note: NoteInput): FindingUpdate {
  return findingUpdate(finding, { workflowStatus: 'SUPPRESSED', note: toFindingNote(note) });
}

/**
 * Marks a finding NOTIFIED after SOAR opened a ticket for it: `TicketOpen` Yes and `TicketId`.
 *
 * @example
 * ```ts
 * const update = notifiedUpdate(finding, { ticketId: 'SEC-1234' });
 * update.changes.userDefinedFields; // { TicketOpen: 'Yes', TicketId: 'SEC-1234' }
 * ```
 */
export function notifiedUpdate(
  finding: AwsSecurityFinding,
  ticket: TicketReference,
  note?: NoteInput,
): FindingUpdate {
  const ticketId = ticketIdOf(ticket, finding);
  return findingUpdate(finding, {
    workflowStatus: 'NOTIFIED',
    userDefinedFields: { [TICKET_OPEN_FIELD]: 'Yes', [TICKET_ID_FIELD]: ticketId },
    note: toFindingNote(note ?? `Ticket ${ticketId} was opened for the team that owns this account.`),
  });
}

/**
 * Marks a finding RESOLVED, e.g. after an auto-remediation. With a ticket (the informational ticket
 * of the remediation) the ticket fields are set too; without one they are left as they are.
 *
 * @example
 * ```ts
 * const update = resolvedUpdate(finding, 'Fixed automatically: public access removed from the bucket');
 * update.changes.workflowStatus; // 'RESOLVED'
 * ```
 */
export function resolvedUpdate(
  finding: AwsSecurityFinding,
  note: NoteInput,
  ticket?: TicketReference,
): FindingUpdate {
  return findingUpdate(finding, {
    workflowStatus: 'RESOLVED',
    note: toFindingNote(note),
    ...(ticket === undefined
      ? {}
      : {
          userDefinedFields: { [TICKET_OPEN_FIELD]: 'Yes', [TICKET_ID_FIELD]: ticketIdOf(ticket, finding) },
        }),
  });
}

/**
 * Records that the finding's ticket was closed: `TicketOpen` No, the `TicketId` kept for the record.
 * The workflow status is not changed.
 *
 * @example
 * ```ts
 * const update = ticketClosedUpdate(finding);
 * update.changes.userDefinedFields; // { TicketOpen: 'No', TicketId: 'SEC-1234' }
 * ```
 */
export function ticketClosedUpdate(finding: AwsSecurityFinding, note?: NoteInput): FindingUpdate {
  const ticketId = finding.UserDefinedFields?.[TICKET_ID_FIELD];
  return findingUpdate(finding, {
    userDefinedFields: {
      [TICKET_OPEN_FIELD]: 'No',
      ...(ticketId === undefined || ticketId.trim().length === 0 ? {} : { [TICKET_ID_FIELD]: ticketId }),
    },
    note: toFindingNote(
      note ??
        (ticketId === undefined
          ? 'The ticket for this finding was closed.'
          : `Ticket ${ticketId} was closed.`),
    ),
  });
}

/** Options of {@link severityUpdate}. */
export interface SeverityUpdateOptions {
  /**
   * `'matching'` (default): write the label and the normalized score that matches it
   * ({@link NORMALIZED_SEVERITY_BY_LABEL}); `'label-only'`: write only the label.
   */
  readonly normalized?: 'matching' | 'label-only' | undefined;
}

/**
 * Changes a finding's severity, with a note saying why.
 *
 * @example
 * ```ts
 * const update = severityUpdate(finding, 'INFORMATIONAL', 'Planned maintenance notice, not a security issue');
 * update.changes.severity; // { label: 'INFORMATIONAL', normalized: 0 }
 * ```
 */
export function severityUpdate(
  finding: AwsSecurityFinding,
  label: SeverityLabel,
  note: NoteInput,
  options: SeverityUpdateOptions = {},
): FindingUpdate {
  const severity: SeverityChange =
    options.normalized === 'label-only'
      ? { label }
      : { label, normalized: NORMALIZED_SEVERITY_BY_LABEL[label] };
  return findingUpdate(finding, { severity, note: toFindingNote(note) });
}
