import type { GateVerdict } from '@soar/triage';
import type { LocalSecurityHubChange } from '@soar/security-hub';
import type { IntakeResult, RemediationSummary } from '@soar/workflow';
import type { OutboxMessage, SimulatedFinding, SimulatedFollowUp, SimulationReport } from '@soar/simulation';

/** Options of {@link renderText}. */
export interface RenderTextOptions {
  /** Colour the output with ANSI codes (a TTY without `NO_COLOR`). Every line reads the same without. */
  readonly color: boolean;
  /** Also print the finding ids, execution names, matched rules and the text of every email. */
  readonly verbose?: boolean;
}

/** Longest line we aim for; unbreakable words (ARNs, URLs) may still run past it. */
const WIDTH = 110;
const INDENT = '    ';
const LABEL_WIDTH = 14;
const CONTENT_INDENT = INDENT + ' '.repeat(LABEL_WIDTH);
const CONTENT_WIDTH = WIDTH - CONTENT_INDENT.length;

/**
 * The simulation report as a security engineer reads it in a terminal: what the run was, the inputs
 * that could not be read, one block per finding (route and why, gates, changes, ticket, Security Hub
 * updates, emails, failures, the path through the state machine, the follow-up events) and a summary.
 *
 * Every value that comes from a finding is stripped of control and bidirectional-override characters,
 * so a hostile title cannot move the cursor, recolour the terminal or reorder what is shown.
 *
 * @example
 * ```ts
 * const report = await simulate({ template, world, findings });
 * process.stdout.write(renderText(report, { color: process.stdout.isTTY && !process.env['NO_COLOR'] }));
 * ```
 */
export function renderText(report: SimulationReport, options: RenderTextOptions): string {
  const paint = palette(options.color);
  const verbose = options.verbose ?? false;
  const lines: string[] = [...headerLines(report, paint)];
  if (report.problems.length > 0) lines.push('', ...problemLines(report, paint));
  lines.push('', paint.bold(`Findings (${report.findings.length})`));
  if (report.findings.length === 0) lines.push(`${INDENT}No findings were simulated.`);
  report.findings.forEach((finding, index) => {
    lines.push('', ...findingLines(finding, index, report.findings.length, paint, verbose));
  });
  lines.push('', ...summaryLines(report, paint));
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Words shared with the HTML report (render-html.ts), so both say the same thing.

/** The route a finding took, as the totals count it (`not_delivered`, `rejected` when none was decided). */
export function routeOf(finding: SimulatedFinding): string {
  return finding.decision?.route ?? (finding.rules.length === 0 ? 'not_delivered' : 'rejected');
}

/** How a finding ended, as the totals count it. */
export function outcomeOf(finding: SimulatedFinding): string {
  const intake = finding.intake[0];
  return (
    finding.result?.outcome ??
    (intake?.status === 'done' ? 'nothing_to_do' : (intake?.status ?? 'not_delivered'))
  );
}

const ROUTE_ORDER = [
  'remediate',
  'ticket',
  'suppress',
  'close_ticket',
  'do_nothing',
  'incident',
  'rejected',
  'not_delivered',
];
const OUTCOME_ORDER = [
  'remediated',
  'ticketed',
  'suppressed',
  'ticket_closed',
  'ticket_not_open',
  'reconsider_later',
  'nothing_to_do',
  'left_for_incidents',
  'reassigned',
  'reclassified',
  'duplicate',
  'started',
  'failed',
  'rejected',
  'not_delivered',
];

/** Route counts in a stable, meaningful order (known routes first, then any other, by name). */
export function orderedRoutes(counts: Readonly<Record<string, number>>): [string, number][] {
  return ordered(counts, ROUTE_ORDER);
}

/** Outcome counts in a stable, meaningful order. */
export function orderedOutcomes(counts: Readonly<Record<string, number>>): [string, number][] {
  return ordered(counts, OUTCOME_ORDER);
}

function ordered(counts: Readonly<Record<string, number>>, order: readonly string[]): [string, number][] {
  const rank = (key: string): number => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** `1 finding`, `2 findings`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `850 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The run's mode, in words. */
export function modeWords(report: SimulationReport): string {
  return report.mode === 'endpoint'
    ? `endpoint ${report.endpointUrl ?? '(no URL given)'}: remediations read and change resources there`
    : 'plan: remediations are planned from each finding, nothing is changed';
}

/** The clock of the run, in words. */
export function clockWords(report: SimulationReport): string {
  return report.world.now === undefined
    ? `the real clock (the world sets none); started ${report.startedAt}`
    : `${report.world.now}, set by the world (started ${report.startedAt})`;
}

/** The symbol and word for a gate verdict; the word makes sense without colour. */
export function verdictWords(verdict: string): { readonly symbol: string; readonly word: string } {
  switch (verdict) {
    case 'pass':
      return { symbol: '✔', word: 'pass' };
    case 'stop':
      return { symbol: '✖', word: 'stop' };
    case 'not_reached':
      return { symbol: '·', word: 'not reached' };
    default:
      return { symbol: '!', word: 'error' };
  }
}

/** What the remediation step did, in words. */
export function remediationWords(remediation: RemediationSummary): string {
  switch (remediation.kind) {
    case 'remediated':
      return remediation.simulated
        ? 'remediated, planned from the finding: nothing was changed'
        : 'remediated: the changes were applied';
    case 'not_done':
      return 'not done';
    case 'resource_gone':
      return 'the resource is gone';
    case 'reconsider_later':
      return 'reconsider later';
    case 'opted_out':
      return 'opted out';
  }
}

/** The ticket of a finding, in words, or `undefined` when it has none. */
export function ticketWords(finding: SimulatedFinding): string | undefined {
  if (finding.ticket !== undefined) {
    const { ticketId, status, url } = finding.ticket;
    const state =
      status === 'opened' ? 'opened' : 'already open (a duplicate delivery: nothing was sent again)';
    return `${ticketId}, ${state}${url === undefined ? '' : ` · ${url}`}`;
  }
  if (finding.decision?.ticketId !== undefined)
    return `${finding.decision.ticketId} (from SOAR's ticket store)`;
  return undefined;
}

/** One Security Hub change: what was called and set, and the note written, if any. */
export function securityHubWords(change: LocalSecurityHubChange): {
  readonly action: string;
  readonly note?: string;
} {
  if (change.operation === 'BatchImportFindings')
    return {
      action: `BatchImportFindings: ${change.created === true ? 'imported a new finding' : 'updated the finding'}`,
    };
  const parts: string[] = [];
  const changes = change.changes;
  if (changes?.workflowStatus !== undefined) parts.push(`workflow → ${changes.workflowStatus}`);
  const fields = Object.entries(changes?.userDefinedFields ?? {});
  if (fields.length > 0) parts.push(fields.map(([key, value]) => `${key}=${value}`).join(', '));
  if (changes?.severity !== undefined) parts.push(`severity → ${changes.severity.label}`);
  const action = `BatchUpdateFindings: ${parts.length === 0 ? 'no field changed' : parts.join(' · ')}`;
  return changes?.note === undefined ? { action } : { action, note: changes.note.text };
}

/** To whom an email went and its subject (without the ✉). */
export function emailWords(message: OutboxMessage): string {
  const to = message.to.length === 0 ? '(no recipients)' : message.to.join(', ');
  const cc = message.cc.length === 0 ? '' : ` (cc ${message.cc.join(', ')})`;
  const channel = message.channel === 'email' ? '' : `${message.channel} `;
  return `${channel}to ${to}${cc}: ${message.subject}`;
}

/** What intake did with an event, in words. */
export function intakeWords(results: readonly IntakeResult[]): string {
  if (results.length === 0) return 'intake returned nothing';
  return results
    .map((result) => {
      switch (result.status) {
        case 'started':
          return result.route === 'incident'
            ? 'intake started the incidents workflow'
            : `intake started the finding processor (route ${result.route})`;
        case 'duplicate':
          return 'intake found the execution already ran (a duplicate delivery)';
        case 'done':
          return `intake: nothing to do — ${result.decision.reason}`;
        case 'left_for_incidents':
          return 'intake left it for the incidents workflow';
        case 'reassigned':
        case 'reclassified':
          return `intake ${result.status} it: ${result.detail}`;
        case 'rejected':
          return `intake rejected it (${result.reason}): ${result.error}`;
        case 'failed':
          return `intake could not handle it and the event would be delivered again: ${result.error}`;
        case 'stale':
          return `intake left it alone: a newer event of the finding (updated ${result.newer.updatedAt}) was already acted on`;
      }
    })
    .join('; ');
}

/** The event SOAR's own update made Security Hub send, and what became of it. */
export function followUpWords(followUp: SimulatedFollowUp): string {
  const status = followUp.workflowStatus ?? 'no workflow status';
  const ticket = followUp.ticketOpen === undefined ? '' : ` (TicketOpen=${followUp.ticketOpen})`;
  const head = `Security Hub sent SOAR's update back: ${status}${ticket}`;
  if (followUp.rules.length === 0) return `${head}, no rule matches`;
  return `${head}; matched ${followUp.rules.join(', ')}, ${intakeWords(followUp.intake)}`;
}

/** Why a finding has no execution, when it has none. */
export function noExecutionWords(finding: SimulatedFinding): string {
  if (finding.rules.length === 0) return 'no rule matches: EventBridge delivers the event nowhere';
  switch (finding.intake[0]?.status) {
    case 'done':
      return 'intake only: nothing to do, so no execution was started';
    case 'left_for_incidents':
      return 'intake only: left for the incidents workflow';
    case 'reassigned':
      return 'intake only: re-imported into the account that owns it, the original suppressed';
    case 'reclassified':
      return 'intake only: an AWS Health notification, lowered to INFORMATIONAL';
    case 'rejected':
      return 'intake only: the finding was rejected';
    case 'duplicate':
      return 'intake only: the execution for this event already ran';
    default:
      return 'no execution was recorded';
  }
}

/** The numbers of a finding's execution, starting with its status (empty without an execution). */
export function executionStatsWords(finding: SimulatedFinding): string[] {
  const { execution } = finding;
  if (execution === undefined) return [];
  return [
    execution.status,
    plural(execution.statesEntered, 'state entered', 'states entered'),
    `${plural(lambdaInvocationsOf(finding), 'Lambda invocation')} (intake + ${execution.lambdaInvocations})`,
    ...(execution.retries === 0 ? [] : [plural(execution.retries, 'retry', 'retries')]),
    formatDuration(execution.durationMs),
  ];
}

/** Lambda invocations a finding cost: intake, plus those of its execution. */
export function lambdaInvocationsOf(finding: SimulatedFinding): number {
  return (finding.intake.length > 0 ? 1 : 0) + (finding.execution?.lambdaInvocations ?? 0);
}

/**
 * A value from a finding, safe to print: C0/C1 control characters (escape sequences) and
 * bidirectional overrides are dropped, whitespace runs (newlines too) become one space.
 */
export function terminalSafe(value: string): string {
  return stripUnsafe(value).replace(/\s+/g, ' ').trim();
}

/** Like {@link terminalSafe}, but keeps the line breaks (for email texts). */
function terminalSafeLines(value: string): string[] {
  return stripUnsafe(value.replace(/\r\n?/g, '\n'), true)
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trimEnd());
}

function stripUnsafe(value: string, keepNewlines = false): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (keepNewlines && char === '\n') out += char;
    else if (code === 0x09) out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
    else if (
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      code === 0x200e ||
      code === 0x200f
    )
      continue;
    else out += char;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

type Paint = (text: string) => string;
interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
}

function palette(color: boolean): Palette {
  const sgr =
    (open: number, close: number): Paint =>
    (text) =>
      color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };
}

/** Splits text into lines of at most `width` characters, at spaces; longer words keep their own line. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** The words of already wrapped lines, wrapped again at `width` (none for no lines). */
function continuation(lines: readonly string[], width: number): string[] {
  return lines.length === 0 ? [] : wrap(lines.join(' '), width);
}

/** Wraps `text` and indents the continuation lines by `hang` spaces. */
function hanging(text: string, width: number, hang: number): string[] {
  const [first = '', ...rest] = wrap(text, width);
  // The rest is wrapped again as one text at its narrower width (re-wrapping each line would strand words).
  return [first, ...continuation(rest, width - hang).map((line) => ' '.repeat(hang) + line)];
}

/** A labelled field of a finding block: the label in its column, the content lines beside it. */
function field(label: string, content: readonly string[], labelPaint: Paint = (text) => text): string[] {
  const head = INDENT + labelPaint(label) + ' '.repeat(Math.max(LABEL_WIDTH - label.length, 1));
  return content.map((line, index) => (index === 0 ? head : CONTENT_INDENT) + line);
}

function headerLines(report: SimulationReport, paint: Palette): string[] {
  const problems =
    report.problems.length === 0 ? '' : ` · ${plural(report.problems.length, 'input problem')}`;
  const facts: [string, string][] = [
    ['Mode', modeWords(report)],
    ['Accounts', `${report.world.accounts} in the world`],
    ['Clock', clockWords(report)],
  ];
  return [
    paint.bold(`SOAR simulation · ${plural(report.findings.length, 'finding')}${problems}`),
    ...facts.flatMap(([label, value]) => field(label, wrap(terminalSafe(value), CONTENT_WIDTH))),
  ];
}

function problemLines(report: SimulationReport, paint: Palette): string[] {
  const lines = [
    paint.red(paint.bold(`Input problems (${report.problems.length}): these inputs were not simulated`)),
  ];
  for (const problem of report.problems) {
    lines.push(`  ${paint.red('✖')} ${terminalSafe(problem.source)}`);
    for (const text of terminalSafeLines(problem.error))
      lines.push(...wrap(text, WIDTH - 8).map((line) => `        ${line}`));
  }
  return lines;
}

function findingLines(
  finding: SimulatedFinding,
  index: number,
  total: number,
  paint: Palette,
  verbose: boolean,
): string[] {
  const number = `[${index + 1}/${total}]`;
  const severity = terminalSafe(finding.severity);
  const control = terminalSafe(finding.controlId ?? 'incident');
  const [first = '', ...rest] = wrap(
    `${number} ${severity} · ${control} · ${terminalSafe(finding.title)}`,
    WIDTH,
  );
  const prefix = `${number} ${severity}`;
  const headline = first.startsWith(prefix)
    ? `${number} ${severityPaint(severity, paint)(severity)}${first.slice(prefix.length)}`
    : first;
  const lines = [
    paint.bold(headline),
    ...continuation(rest, WIDTH - INDENT.length).map((line) => INDENT + paint.bold(line)),
    ...wrap(
      `account ${terminalSafe(finding.accountId)} · ${terminalSafe(finding.source)}`,
      WIDTH - INDENT.length,
    ).map((line) => INDENT + line),
  ];
  if (verbose) {
    lines.push(...field('Finding id', [terminalSafe(finding.findingId)]));
    const rules = finding.rules.length === 0 ? 'none' : finding.rules.map(terminalSafe).join(', ');
    lines.push(...field('Rules', wrap(rules, CONTENT_WIDTH)));
  }
  lines.push(...decisionLines(finding, paint));
  if (finding.remediation !== undefined) lines.push(...remediationLines(finding.remediation, paint));
  const ticket = ticketWords(finding);
  if (ticket !== undefined) lines.push(...field('Ticket', hanging(terminalSafe(ticket), CONTENT_WIDTH, 2)));
  if (finding.securityHub.length > 0) lines.push(...securityHubLines(finding.securityHub));
  if (finding.messages.length > 0) lines.push(...emailLines(finding.messages, verbose));
  if (finding.failures.length > 0) lines.push(...failureLines(finding, paint));
  lines.push(...pathLines(finding, paint, verbose));
  if (finding.followUps.length > 0)
    lines.push(
      ...field(
        'Follow-ups',
        finding.followUps.flatMap((followUp) =>
          hanging(terminalSafe(followUpWords(followUp)), CONTENT_WIDTH, 2),
        ),
      ),
    );
  const outcome = outcomeOf(finding);
  const failed = outcome === 'failed' || outcome === 'rejected' || finding.failures.length > 0;
  const [summaryFirst = '', ...summaryRest] = hanging(
    `${outcome} — ${terminalSafe(finding.summary)}`,
    CONTENT_WIDTH,
    2,
  );
  const outcomePaint = failed ? paint.red : paint.green;
  lines.push(
    ...field('Outcome', [
      outcomePaint(paint.bold(outcome)) + summaryFirst.slice(outcome.length),
      ...summaryRest,
    ]),
  );
  return lines;
}

function severityPaint(severity: string, paint: Palette): Paint {
  switch (severity) {
    case 'CRITICAL':
    case 'HIGH':
      return paint.red;
    case 'MEDIUM':
      return paint.yellow;
    default:
      return (text) => text;
  }
}

function decisionLines(finding: SimulatedFinding, paint: Palette): string[] {
  const { decision } = finding;
  const lines: string[] = [];
  if (decision === undefined) {
    lines.push(...field('Route', [paint.bold(routeOf(finding))]));
    const rejected = finding.intake.find((result) => result.status === 'rejected');
    if (rejected !== undefined)
      lines.push(...field('Reason', hanging(terminalSafe(rejected.error), CONTENT_WIDTH, 0)));
    return lines;
  }
  const penalty =
    decision.penaltyScore === undefined ? '' : ` · penalty score ${formatScore(decision.penaltyScore)}`;
  lines.push(
    ...field('Route', [
      `${paint.bold(terminalSafe(decision.route))} (rule ${terminalSafe(decision.rule)})${penalty}`,
    ]),
  );
  lines.push(...field('Reason', wrap(terminalSafe(decision.reason), CONTENT_WIDTH)));
  if (decision.gates.length > 0) lines.push(...field('Gates', gateLines(decision.gates, paint)));
  return lines;
}

function gateLines(gates: readonly GateVerdict[], paint: Palette): string[] {
  const gateWidth = Math.max(...gates.map((gate) => terminalSafe(gate.gate).length)) + 2;
  const detailIndent = 2 + gateWidth;
  return gates.flatMap((gate) => {
    const { symbol, word } = verdictWords(gate.verdict);
    const tone =
      gate.verdict === 'pass'
        ? paint.green
        : gate.verdict === 'stop'
          ? paint.red
          : gate.verdict === 'not_reached'
            ? paint.dim
            : paint.yellow;
    const detail = terminalSafe(gate.detail);
    // A passing gate shows its detail; the others say their verdict first, so no colour is needed.
    const label = gate.verdict === 'pass' ? '' : detail === '' ? word : `${word}:`;
    const [first = '', ...more] = wrap(
      [label, detail].filter((part) => part !== '').join(' '),
      Math.max(CONTENT_WIDTH - detailIndent, 30),
    );
    const head = label === '' ? first : tone(paint.bold(label)) + first.slice(label.length);
    return [
      `${tone(symbol)} ${terminalSafe(gate.gate).padEnd(gateWidth)}${head}`.trimEnd(),
      ...more.map((line) => ' '.repeat(detailIndent) + line),
    ];
  });
}

function remediationLines(remediation: RemediationSummary, paint: Palette): string[] {
  const lines: string[] = [];
  const status = remediationWords(remediation);
  const reason = remediation.reason === undefined ? '' : `: ${terminalSafe(remediation.reason)}`;
  const text = hanging(`${status}${reason}`, CONTENT_WIDTH, 2);
  const [first = '', ...rest] = text;
  const tone =
    remediation.kind === 'remediated' ? (remediation.simulated ? paint.yellow : paint.green) : paint.yellow;
  lines.push(...field('Remediation', [tone(first), ...rest]));
  if (remediation.error !== undefined)
    lines.push(
      ...field('', hanging(`error: ${terminalSafe(remediation.error)}`, CONTENT_WIDTH, 2).map(paint.red)),
    );
  if (remediation.changes.length > 0) {
    const marker = remediation.simulated ? `${paint.yellow('planned')}: ` : '';
    const markerWidth = remediation.simulated ? 'planned: '.length : 0;
    lines.push(
      ...field(
        'Changes',
        remediation.changes.flatMap((change) => {
          const [head = '', ...tail] = wrap(terminalSafe(change), CONTENT_WIDTH - 2 - markerWidth);
          return [`• ${marker}${head}`, ...tail.map((line) => ' '.repeat(2 + markerWidth) + line)];
        }),
      ),
    );
  }
  return lines;
}

function securityHubLines(changes: readonly LocalSecurityHubChange[]): string[] {
  return field(
    'Security Hub',
    changes.flatMap((change) => {
      const { action, note } = securityHubWords(change);
      return [
        ...hanging(terminalSafe(action), CONTENT_WIDTH, 2),
        ...(note === undefined
          ? []
          : hanging(`note: “${terminalSafe(note)}”`, CONTENT_WIDTH - 2, 2).map((l) => `  ${l}`)),
      ];
    }),
  );
}

function emailLines(messages: readonly OutboxMessage[], verbose: boolean): string[] {
  return field(
    'Emails',
    messages.flatMap((message) => {
      const head = hanging(`✉ ${terminalSafe(emailWords(message))}`, CONTENT_WIDTH, 2);
      if (!verbose) return head;
      const body = trimBlank(terminalSafeLines(message.text)).flatMap((line) =>
        line === '' ? [''] : wrap(line, CONTENT_WIDTH - 4).map((part) => `    ${part}`),
      );
      return [...head, ...body, ''];
    }),
  );
}

function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start += 1;
  while (end > start && lines[end - 1] === '') end -= 1;
  return lines.slice(start, end);
}

function failureLines(finding: SimulatedFinding, paint: Palette): string[] {
  return field(
    'Failures',
    finding.failures.flatMap((failure) => [
      ...hanging(
        `✖ FAILED at step ${terminalSafe(failure.step)}: ${terminalSafe(failure.error)}`,
        CONTENT_WIDTH,
        2,
      ).map((line) => paint.red(paint.bold(line))),
      ...wrap(terminalSafe(failure.cause), CONTENT_WIDTH - 2).map((line) => `  ${paint.red(line)}`),
    ]),
    (label) => paint.red(paint.bold(label)),
  );
}

function pathLines(finding: SimulatedFinding, paint: Palette, verbose: boolean): string[] {
  const { execution } = finding;
  if (execution === undefined) return field('Path', [paint.dim(noExecutionWords(finding))]);
  const states = execution.states.map(terminalSafe);
  const path = wrap(states.length === 0 ? '(no state entered)' : states.join(' → '), CONTENT_WIDTH).map(
    (line) =>
      line
        .split(' ')
        .map((word) => (word === 'RecordFailure' || word === 'FindingNotHandled' ? paint.red(word) : word))
        .join(' '),
  );
  const stats = executionStatsWords(finding).join(' · ');
  const [statsFirst = '', ...statsRest] = wrap(stats, CONTENT_WIDTH);
  const statusPaint = execution.status === 'SUCCEEDED' ? paint.green : paint.red;
  const lines = [
    ...path,
    statusPaint(execution.status) + statsFirst.slice(execution.status.length),
    ...statsRest,
  ];
  if (execution.error !== undefined)
    lines.push(
      ...hanging(
        `${execution.status}: ${terminalSafe(execution.error.Error)} — ${terminalSafe(execution.error.Cause)}`,
        CONTENT_WIDTH,
        2,
      ).map(paint.red),
    );
  if (verbose) lines.push(...wrap(`execution ${terminalSafe(execution.name)}`, CONTENT_WIDTH).map(paint.dim));
  return field('Path', lines);
}

function summaryLines(report: SimulationReport, paint: Palette): string[] {
  const failures = report.findings.reduce((sum, finding) => sum + finding.failures.length, 0);
  const routes = orderedRoutes(report.totals.routes);
  const outcomes = orderedOutcomes(report.totals.outcomes);
  const keyWidth = Math.max(18, ...[...routes, ...outcomes].map(([key]) => key.length + 2));
  const column = (key: string, count: string): string => `${key.padEnd(keyWidth)}${count.padStart(8)}`;
  const rows = Math.max(routes.length, outcomes.length);
  const lines = [
    paint.bold(
      `Summary · ${plural(report.findings.length, 'finding')} · ${plural(failures, 'failure')} recorded · ${plural(report.problems.length, 'input problem')}`,
    ),
    `  ${paint.bold(column('Route', 'Findings'))}      ${paint.bold(column('Outcome', 'Findings'))}`,
  ];
  for (let row = 0; row < rows; row += 1) {
    const route = routes[row];
    const outcome = outcomes[row];
    const left =
      route === undefined ? ' '.repeat(keyWidth + 8) : column(terminalSafe(route[0]), String(route[1]));
    const right = outcome === undefined ? '' : column(terminalSafe(outcome[0]), String(outcome[1]));
    lines.push(`  ${left}      ${right}`.trimEnd());
  }
  lines.push(
    `  ${[
      plural(report.totals.statesEntered, 'state entered', 'states entered'),
      plural(report.totals.lambdaInvocations, 'Lambda invocation'),
      `time taken ${formatDuration(report.durationMs)}`,
    ].join(' · ')}`,
  );
  return lines;
}

/** A penalty score as people read it: at most two decimals (`1.69`, `16.9`, `10`). */
export function formatScore(score: number): string {
  return String(Number(score.toFixed(2)));
}
