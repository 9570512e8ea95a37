import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GateVerdict } from '@soar/triage';
import type { LocalSecurityHubChange } from '@soar/security-hub';
import type { OutboxMessage, SimulatedFinding, SimulationReport } from '@soar/simulation';
import type { RemediationSummary } from '@soar/workflow';
import {
  clockWords,
  emailWords,
  executionStatsWords,
  followUpWords,
  formatDuration,
  modeWords,
  noExecutionWords,
  orderedOutcomes,
  orderedRoutes,
  outcomeOf,
  plural,
  remediationWords,
  routeOf,
  securityHubWords,
  ticketWords,
  verdictWords,
  formatScore,
} from './render-text';

/**
 * The page's Content-Security-Policy: nothing may load or run. Inline styles for our CSS and the
 * emails' own, `data:` images for emails that inline them, and `srcdoc` frames. No script is shipped
 * (the filters are CSS only), so `script-src` stays at `'none'`.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '`, so a value is inert both as element text and inside a quoted attribute. Every
 * value of the report goes through it: findings are untrusted input.
 *
 * @example
 * ```ts
 * escapeHtml('"><img src=x onerror=alert(1)>'); // '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
 * ```
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

const e = escapeHtml;

/**
 * The simulation report as one self-contained HTML page: header facts, summary cards, a list of the
 * findings, and one card per finding with the same content as {@link renderText}, each email shown as
 * sent in a sandboxed frame next to its plain text, and the path through the state machine as a small
 * diagram. Nothing loads from elsewhere and no script runs (see {@link REPORT_CSP}); the route and
 * outcome filters work with CSS alone. Every value from a finding is HTML-escaped, and an email's HTML
 * only ever goes, escaped, into the `srcdoc` of a frame with an empty `sandbox`.
 *
 * @example
 * ```ts
 * const report = await simulate({ template, world, findings });
 * fs.writeFileSync('report.html', renderHtml(report));
 * ```
 */
export function renderHtml(report: SimulationReport): string {
  const routes = orderedRoutes(countBy(report.findings, routeOf));
  const outcomes = orderedOutcomes(countBy(report.findings, outcomeOf));
  const classes = (finding: SimulatedFinding): string =>
    [
      `r-${routes.findIndex(([route]) => route === routeOf(finding))}`,
      `o-${outcomes.findIndex(([outcome]) => outcome === outcomeOf(finding))}`,
      ...(finding.failures.length > 0 ? ['has-failures'] : []),
    ].join(' ');
  const title = `SOAR simulation · ${plural(report.findings.length, 'finding')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>
${CSS}
${filterCss(routes.length, outcomes.length)}
</style>
</head>
<body>
<a class="skip" href="#findings">Skip to the findings</a>
<div class="page">
<header class="top">
<h1>${e(title)}</h1>
${headerFacts(report)}
</header>
<main>
${problemsSection(report)}
${summarySection(report)}
${daySection(report)}
${tocSection(report, routes, outcomes, classes)}
<section id="findings" aria-labelledby="findings-title">
<h2 id="findings-title">Findings (${e(report.findings.length)})</h2>
${report.findings.length === 0 ? '<p>No findings were simulated.</p>' : ''}
${report.findings.map((finding, index) => findingCard(finding, index, report.findings.length, classes(finding))).join('\n')}
</section>
</main>
<footer class="foot"><p>Written by <code>soar simulate</code> on ${e(report.startedAt)}. Nothing in this page loads from elsewhere or runs scripts.</p></footer>
</div>
</body>
</html>
`;
}

/**
 * Writes {@link renderHtml} of the report to `dir/index.html` (creating `dir` as needed) and returns
 * the file's path.
 *
 * @example
 * ```ts
 * const file = writeHtmlReport(report, 'soar-report');
 * console.log(`Report: ${file}`); // Report: soar-report/index.html
 * ```
 */
export function writeHtmlReport(report: SimulationReport, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  fs.writeFileSync(file, renderHtml(report), 'utf8');
  return file;
}

function countBy(
  findings: readonly SimulatedFinding[],
  key: (finding: SimulatedFinding) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[key(finding)] = (counts[key(finding)] ?? 0) + 1;
  return counts;
}

function headerFacts(report: SimulationReport): string {
  const facts: [string, string][] = [
    ['Mode', modeWords(report)],
    ['Accounts', `${report.world.accounts} in the world`],
    ['Clock', clockWords(report)],
    ['Time taken', formatDuration(report.durationMs)],
  ];
  return `<dl class="facts">${facts.map(([term, value]) => `<dt>${e(term)}</dt><dd>${e(value)}</dd>`).join('')}</dl>`;
}

function problemsSection(report: SimulationReport): string {
  if (report.problems.length === 0) return '';
  const items = report.problems
    .map((problem) => `<li><code>${e(problem.source)}</code><pre>${e(problem.error)}</pre></li>`)
    .join('\n');
  return `<section class="problems" aria-labelledby="problems-title">
<h2 id="problems-title">Input problems (${e(report.problems.length)})</h2>
<p>These inputs could not be read as findings and were not simulated.</p>
<ul>${items}</ul>
</section>`;
}

function summarySection(report: SimulationReport): string {
  const failures = report.findings.reduce((sum, finding) => sum + finding.failures.length, 0);
  const cards = (entries: readonly [string, number][], bad: (key: string) => boolean = () => false): string =>
    `<ul class="cards">${entries
      .map(
        ([key, count]) =>
          `<li class="card${bad(key) ? ' bad' : ''}"><span class="n">${e(count)}</span> <span class="k">${e(key)}</span></li>`,
      )
      .join('')}</ul>`;
  const totals: [string, number][] = [
    ['findings', report.findings.length],
    ['states entered', report.totals.statesEntered],
    ['Lambda invocations', report.totals.lambdaInvocations],
    ['failures recorded', failures],
    ['input problems', report.problems.length],
  ];
  return `<section aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<h3>Findings per route</h3>
${cards(orderedRoutes(report.totals.routes))}
<h3>Findings per outcome</h3>
${cards(orderedOutcomes(report.totals.outcomes), (key) => key === 'failed' || key === 'rejected')}
<h3>Totals</h3>
${cards(totals, (key) => (key === 'failures recorded' && failures > 0) || (key === 'input problems' && report.problems.length > 0))}
<p>Time taken: ${e(formatDuration(report.durationMs))}.</p>
</section>`;
}

/**
 * The hours after the findings (`soar simulate --hours`): every reminder the hourly runs sent, to whom
 * and with which escalation copies, the reminders not delivered, and the statistics of the last run.
 */
function daySection(report: SimulationReport): string {
  const day = report.day;
  if (day === undefined) return '';
  const reminders = day.runs.flatMap((run) => run.reminders.map((reminder) => ({ at: run.at, reminder })));
  const failed = day.runs.flatMap((run) => run.failed.map((failure) => ({ at: run.at, failure })));
  const last = day.runs.at(-1);
  const rows = reminders
    .map(
      ({ at, reminder }) =>
        `<tr><td>${e(at.slice(11, 16))}</td><td><code>${e(reminder.ticketId)}</code></td>` +
        `<td>${severityBadge(reminder.severity)}</td><td>${e(reminder.accountId)}</td>` +
        `<td>${e(reminder.to.join(', ') || '(no address)')}</td>` +
        `<td>${e(reminder.cc.join(', ') || 'none')}</td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="day-title">
<h2 id="day-title">A day of SOAR (${e(plural(day.hours, 'hour'))} after ${e(report.world.now ?? report.startedAt)})</h2>
<p>The hourly tasks ran ${e(plural(day.runs.length, 'time'))}: ${e(plural(reminders.length, 'overdue reminder'))} sent${failed.length > 0 ? `, <strong>${e(failed.length)} not delivered</strong>` : ''}.</p>
${
  reminders.length === 0
    ? ''
    : `<table class="day"><thead><tr><th scope="col">Time</th><th scope="col">Ticket</th><th scope="col">Severity</th><th scope="col">Account</th><th scope="col">To</th><th scope="col">Escalation CC</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
}
${
  failed.length === 0
    ? ''
    : `<ul class="failures">${failed.map(({ at, failure }) => `<li>${e(at.slice(11, 16))} not delivered: ${e(failure.cause)}</li>`).join('')}</ul>`
}
${
  last === undefined
    ? ''
    : `<h3>Statistics at ${e(last.at)}</h3>
<ul class="metrics">${last.metricLines.map((line) => `<li><code>${e(line)}</code></li>`).join('')}</ul>`
}
</section>`;
}

/** Filters by route, outcome or failures with radio buttons and `:has()`: no script needed. */
function filterCss(routes: number, outcomes: number): string {
  const rule = (id: string, cls: string): string =>
    `body:has(#${id}:checked) :is(.finding, .toc > li):not(.${cls}) { display: none; }`;
  return [
    ...Array.from({ length: routes }, (_, i) => rule(`show-r-${i}`, `r-${i}`)),
    ...Array.from({ length: outcomes }, (_, i) => rule(`show-o-${i}`, `o-${i}`)),
    rule('show-failures', 'has-failures'),
  ].join('\n');
}

function tocSection(
  report: SimulationReport,
  routes: readonly [string, number][],
  outcomes: readonly [string, number][],
  classes: (finding: SimulatedFinding) => string,
): string {
  if (report.findings.length === 0) return '';
  const failing = report.findings.filter((finding) => finding.failures.length > 0).length;
  const radio = (id: string, label: string, count: number, checked = false): string =>
    `<label><input type="radio" name="show" id="${e(id)}"${checked ? ' checked' : ''}> ${label} (${e(count)})</label>`;
  const filters = [
    radio('show-all', 'all', report.findings.length, true),
    ...routes.map(([route, count], i) =>
      radio(`show-r-${i}`, `route <span class="tag">${e(route)}</span>`, count),
    ),
    ...outcomes.map(([outcome, count], i) =>
      radio(`show-o-${i}`, `outcome <span class="tag">${e(outcome)}</span>`, count),
    ),
    ...(failing > 0 ? [radio('show-failures', 'with failures', failing)] : []),
  ].join('\n');
  const items = report.findings
    .map(
      (finding, index) =>
        `<li class="${e(classes(finding))}"><a href="#finding-${index + 1}">${severityBadge(finding.severity)} <code>${e(finding.controlId ?? 'incident')}</code> ${e(finding.title)}</a> <span class="tag">${e(routeOf(finding))}</span> → <span class="tag">${e(outcomeOf(finding))}</span>${finding.failures.length > 0 ? ' <strong class="error">✖ failure recorded</strong>' : ''}</li>`,
    )
    .join('\n');
  return `<nav id="toc" aria-labelledby="toc-title">
<h2 id="toc-title">The findings at a glance</h2>
<fieldset class="filters"><legend>Show</legend>
${filters}
</fieldset>
<ol class="toc">
${items}
</ol>
</nav>`;
}

function severityBadge(severity: string): string {
  const known = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
  const cls = known.includes(severity) ? severity.toLowerCase() : 'unknown';
  return `<span class="sev sev-${cls}">${e(severity)}</span>`;
}

function findingCard(finding: SimulatedFinding, index: number, total: number, classes: string): string {
  const id = `finding-${index + 1}`;
  const sections = [
    keyFacts(finding),
    failuresBlock(finding),
    gatesBlock(finding.decision?.gates ?? []),
    finding.remediation === undefined ? '' : remediationBlock(finding.remediation),
    securityHubBlock(finding.securityHub),
    emailsBlock(finding.messages, id),
    pathBlock(finding),
    followUpsBlock(finding),
  ].filter((section) => section !== '');
  return `<article class="finding ${e(classes)}" id="${e(id)}" aria-labelledby="${e(id)}-title">
<h3 id="${e(id)}-title"><span class="num">${e(index + 1)}/${e(total)}</span> ${severityBadge(finding.severity)} <code>${e(finding.controlId ?? 'incident')}</code> ${e(finding.title)}</h3>
<p class="meta">Account <code>${e(finding.accountId)}</code> · from <code>${e(finding.source)}</code></p>
<details class="ids"><summary>Finding id and matched rules</summary>
<dl class="kv"><dt>Finding id</dt><dd><code>${e(finding.findingId)}</code></dd>
<dt>Rules</dt><dd>${finding.rules.length === 0 ? 'none: EventBridge delivers the event nowhere' : finding.rules.map((rule) => `<code>${e(rule)}</code>`).join(', ')}</dd>
${finding.execution === undefined ? '' : `<dt>Execution</dt><dd><code>${e(finding.execution.name)}</code></dd>`}</dl>
</details>
${sections.join('\n')}
<p class="back"><a href="#toc">Back to the list</a></p>
</article>`;
}

function keyFacts(finding: SimulatedFinding): string {
  const { decision } = finding;
  const rows: string[] = [];
  const route = `<span class="tag">${e(routeOf(finding))}</span>`;
  if (decision === undefined) {
    rows.push(`<dt>Route</dt><dd>${route}</dd>`);
    const rejected = finding.intake.find((result) => result.status === 'rejected');
    if (rejected !== undefined) rows.push(`<dt>Reason</dt><dd>${e(rejected.error)}</dd>`);
  } else {
    const penalty =
      decision.penaltyScore === undefined ? '' : ` · penalty score ${e(formatScore(decision.penaltyScore))}`;
    rows.push(`<dt>Route</dt><dd>${route} (rule <code>${e(decision.rule)}</code>)${penalty}</dd>`);
    rows.push(`<dt>Reason</dt><dd>${e(decision.reason)}</dd>`);
  }
  const outcome = outcomeOf(finding);
  const bad = outcome === 'failed' || outcome === 'rejected' || finding.failures.length > 0;
  rows.push(
    `<dt>Outcome</dt><dd><strong class="${bad ? 'error' : 'ok'}">${e(outcome)}</strong> — ${e(finding.summary)}</dd>`,
  );
  const ticket = ticketWords(finding);
  if (ticket !== undefined) rows.push(`<dt>Ticket</dt><dd>${e(ticket)}</dd>`);
  return `<dl class="kv">${rows.join('\n')}</dl>`;
}

function gatesBlock(gates: readonly GateVerdict[]): string {
  if (gates.length === 0) return '';
  const items = gates
    .map((gate) => {
      const { symbol, word } = verdictWords(gate.verdict);
      return `<li class="v-${e(word.replace(' ', '-'))}"><span class="verdict"><span aria-hidden="true">${e(symbol)}</span> ${e(word)}</span> <code>${e(gate.gate)}</code> <span>${e(gate.detail)}</span></li>`;
    })
    .join('\n');
  return `<h4>Gates</h4>\n<ul class="gates">${items}</ul>`;
}

function remediationBlock(remediation: RemediationSummary): string {
  const reason = remediation.reason === undefined ? '' : `: ${e(remediation.reason)}`;
  const error =
    remediation.error === undefined
      ? ''
      : `<p class="error"><strong>Error:</strong> ${e(remediation.error)}</p>`;
  const planned = remediation.simulated ? '<span class="planned">planned</span>: ' : '';
  const changes =
    remediation.changes.length === 0
      ? ''
      : `<ul class="changes">${remediation.changes.map((change) => `<li>${planned}${e(change)}</li>`).join('')}</ul>`;
  return `<h4>Remediation</h4>
<p><strong>${e(remediationWords(remediation))}</strong>${reason}</p>
${error}${changes}`;
}

function securityHubBlock(changes: readonly LocalSecurityHubChange[]): string {
  if (changes.length === 0) return '';
  const items = changes
    .map((change) => {
      const { action, note } = securityHubWords(change);
      return `<li>${e(action)}${note === undefined ? '' : `<br><span class="note">note: <q>${e(note)}</q></span>`}</li>`;
    })
    .join('\n');
  return `<h4>Security Hub</h4>\n<ul class="sh">${items}</ul>`;
}

function emailsBlock(messages: readonly OutboxMessage[], findingId: string): string {
  if (messages.length === 0) return '';
  const figures = messages
    .map((message, index) => {
      const frame =
        message.html === ''
          ? '<p class="meta">No HTML version.</p>'
          : `<div class="frame"><iframe sandbox="" srcdoc="${e(message.html)}" title="${e(`Email: ${message.subject}`)}" loading="lazy" referrerpolicy="no-referrer"></iframe></div>`;
      return `<figure class="email" id="${e(`${findingId}-email-${index + 1}`)}">
<figcaption><span aria-hidden="true">✉</span> ${e(emailWords(message))}</figcaption>
<div class="email-body">${frame}
<details><summary>Plain-text version</summary><pre>${e(message.text)}</pre></details></div>
</figure>`;
    })
    .join('\n');
  return `<h4>Emails</h4>\n${figures}`;
}

function failuresBlock(finding: SimulatedFinding): string {
  if (finding.failures.length === 0) return '';
  const items = finding.failures
    .map(
      (failure) =>
        `<li><strong>✖ Failed at step <code>${e(failure.step)}</code>: ${e(failure.error)}</strong><br>${e(failure.cause)} <span class="meta">(${e(failure.at)})</span></li>`,
    )
    .join('\n');
  return `<section class="failures" aria-label="Failures recorded">
<h4>Failures recorded (${e(finding.failures.length)})</h4>
<ul>${items}</ul>
</section>`;
}

const FAILURE_STATES = new Set(['RecordFailure', 'FindingNotHandled']);

function pathBlock(finding: SimulatedFinding): string {
  const { execution } = finding;
  if (execution === undefined)
    return `<h4>Execution path</h4>\n<p class="meta">${e(noExecutionWords(finding))}</p>`;
  const steps = [
    ...(finding.intake.length > 0 ? ['<li><span class="step intake">intake</span></li>'] : []),
    ...execution.states.map(
      (state) => `<li><span class="step${FAILURE_STATES.has(state) ? ' fail' : ''}">${e(state)}</span></li>`,
    ),
  ].join('');
  const stats = executionStatsWords(finding);
  const [status = '', ...rest] = stats;
  const error =
    execution.error === undefined
      ? ''
      : `<p class="error">${e(execution.status)}: <strong>${e(execution.error.Error)}</strong> — ${e(execution.error.Cause)}</p>`;
  return `<h4>Execution path</h4>
<ol class="path" aria-label="States entered, in order">${steps}</ol>
<p class="stats"><strong class="${status === 'SUCCEEDED' ? 'ok' : 'error'}">${e(status)}</strong> · ${e(rest.join(' · '))}</p>
${error}`;
}

function followUpsBlock(finding: SimulatedFinding): string {
  if (finding.followUps.length === 0) return '';
  const items = finding.followUps.map((followUp) => `<li>${e(followUpWords(followUp))}</li>`).join('\n');
  return `<h4>Follow-ups</h4>\n<ul>${items}</ul>`;
}

const CSS = `
table.day { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
table.day th, table.day td { border-bottom: 1px solid var(--border); padding: 0.25rem 0.5rem; text-align: left; }
ul.metrics { list-style: none; padding-left: 0; }
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa;
  --green: #1a7f37; --red: #c0202a; --yellow: #7d4e00; --accent: #0959c2;
  --red-bg: #ffebe9; --yellow-bg: #fff8c5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9ea7b3; --border: #3d444d; --card: #151b23;
    --green: #3fb950; --red: #ff7b72; --yellow: #e3b341; --accent: #6cb6ff;
    --red-bg: #2d1214; --yellow-bg: #2b2411;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
.page { max-width: 76rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
a { color: var(--accent); }
code, pre, .tag, .step { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875em; }
code { overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card); border: 1px solid var(--border);
  border-radius: 6px; padding: .75rem; margin: .5rem 0; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
h4 { font-size: .9rem; margin: 1rem 0 .35rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.facts, .kv { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .3rem 1rem; margin: .5rem 0; }
.facts dt, .kv dt { font-weight: 600; }
.facts dd, .kv dd { margin: 0; overflow-wrap: anywhere; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem;
  grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: .6rem .8rem; }
.card .n { display: block; font-size: 1.6rem; font-weight: 700; }
.card .k { color: var(--muted); overflow-wrap: anywhere; }
.card.bad { border-color: var(--red); } .card.bad .n { color: var(--red); }
.filters { border: 1px solid var(--border); border-radius: 8px; padding: .5rem .75rem; margin: 0 0 1rem;
  display: flex; flex-wrap: wrap; gap: .35rem 1.25rem; }
.filters label { white-space: nowrap; }
@supports not selector(:has(a)) { .filters { display: none; } }
.toc { padding-left: 2rem; } .toc li { margin: .3rem 0; }
.tag { background: var(--card); border: 1px solid var(--border); border-radius: 4px; padding: 0 .3rem; }
.sev { font-size: .75rem; font-weight: 700; border: 1px solid currentColor; border-radius: 999px; padding: .05rem .45rem;
  white-space: nowrap; }
.sev-critical, .sev-high { color: var(--red); } .sev-medium { color: var(--yellow); }
.sev-low, .sev-informational, .sev-unknown { color: var(--muted); }
.finding { border: 1px solid var(--border); border-radius: 10px; padding: .25rem 1rem 1rem; margin: 1rem 0; }
.finding.has-failures { border-left: 6px solid var(--red); }
.finding h3 { overflow-wrap: anywhere; }
.num { color: var(--muted); font-weight: 400; margin-right: .25rem; }
.meta { color: var(--muted); margin: .25rem 0; overflow-wrap: anywhere; }
.ok { color: var(--green); } .error { color: var(--red); } .planned { color: var(--yellow); font-weight: 700; }
.gates { list-style: none; padding: 0; margin: 0; }
.gates li { display: grid; grid-template-columns: 8rem 14rem minmax(0, 1fr); gap: .5rem; padding: .2rem 0;
  border-bottom: 1px dashed var(--border); }
.v-pass .verdict { color: var(--green); } .v-stop .verdict { color: var(--red); font-weight: 700; }
.v-error .verdict { color: var(--yellow); font-weight: 700; } .v-not-reached { color: var(--muted); }
.failures { background: var(--red-bg); border: 1px solid var(--red); border-radius: 8px; padding: .25rem .9rem; margin: .75rem 0; }
.failures h4 { color: var(--red); }
.failures ul, .sh, .changes { padding-left: 1.25rem; margin: .25rem 0; }
.note q { font-style: italic; }
.email { border: 1px solid var(--border); border-radius: 8px; padding: .6rem; margin: .5rem 0 1rem; }
.email figcaption { font-weight: 600; margin-bottom: .5rem; overflow-wrap: anywhere; }
.email-body { display: grid; gap: .75rem; }
@media (min-width: 62rem) { .email-body { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.frame { height: 26rem; min-height: 8rem; resize: vertical; overflow: auto; background: #ffffff;
  border: 1px solid var(--border); border-radius: 6px; }
.frame iframe { display: block; width: 100%; height: 100%; border: 0; background: #ffffff; }
details > summary { cursor: pointer; color: var(--accent); }
.path { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; align-items: center; gap: .35rem; }
.path li + li::before { content: "→"; content: "→" / ""; color: var(--muted); margin-right: .35rem; }
.step { display: inline-block; border: 1px solid var(--border); background: var(--card); border-radius: 6px; padding: .15rem .55rem; }
.step.intake { border-style: dashed; }
.step.fail { border-color: var(--red); color: var(--red); background: var(--red-bg); font-weight: 700; }
.stats { color: var(--muted); margin: .35rem 0; }
.problems { background: var(--yellow-bg); border: 1px solid var(--yellow); border-radius: 8px; padding: 0 1rem .5rem; }
.problems h2 { border: 0; }
.back { margin: 1rem 0 0; font-size: .9rem; }
.foot { color: var(--muted); font-size: .875rem; margin-top: 3rem; }
@media (max-width: 40rem) {
  .page { padding: .75rem; }
  .facts, .kv { grid-template-columns: minmax(0, 1fr); }
  .facts dt, .kv dt { margin-top: .4rem; }
  .gates li { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .frame { height: 20rem; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --border: #999999; --card: #f3f3f3;
    --green: #1a7f37; --red: #b00020; --yellow: #6b4400; --accent: #000000; --red-bg: #ffffff; --yellow-bg: #ffffff; }
  :root { color-scheme: light; }
  .filters, .skip, .back { display: none; }
  .page { max-width: none; padding: 0; }
  .finding { break-inside: auto; border-color: #999999; }
  h2, h3, h4 { break-after: avoid; }
  .gates li, .email figcaption, .failures, .card { break-inside: avoid; }
  .frame { resize: none; overflow: visible; }
}
`.trim();
