/**
 * Renders the controls section of `packages/remediations/README.md` from `CONTROLS` (src/registry.ts),
 * between `<!-- controls:start -->` and `<!-- controls:end -->`: the table of controls (each title linked
 * to its page in the Security Hub user guide), the IAM actions of each control, and the links.
 *
 *   npx tsx packages/remediations/scripts/generate-docs.ts          # rewrite the table
 *   npx tsx packages/remediations/scripts/generate-docs.ts --check  # exit 1 when the table is stale
 *
 * The table is padded the way Prettier formats Markdown tables, so `prettier --check` agrees with it.
 * `tests/docs.spec.ts` runs the same check in-process, so `npm test` fails on a stale table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ControlMetadata } from '../src/engine/control';
import { CONTROLS } from '../src/registry';

export const README_PATH = path.join(__dirname, '..', 'README.md');
export const START_MARKER = '<!-- controls:start -->';
export const END_MARKER = '<!-- controls:end -->';

const HEADERS = ['Control', 'What it checks', 'What it changes', 'Destructive?', 'Rollback?'];
// "What it checks" is Security Hub's title of the control, linked to the control's page in the Security Hub
// user guide. "Rollback?" is `yes (reversible)` or `no (irreversible)`: the registry accepts a rollback
// exactly on the controls marked reversible, so one column says both. The IAM actions are listed under the
// table, one line per control: in the table they made each row several hundred characters wide, and a
// reader scanning what SOAR fixes does not need them, while whoever writes the member role needs them all.

/** One table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** Link text: a cell whose square brackets cannot end the link early. */
function linkText(text: string): string {
  return cell(text).replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

/** What the table shows of a control: its metadata, and the IAM actions of its rollback. */
export type DocumentedControl = ControlMetadata & {
  readonly rollback?: { readonly iamActions: readonly string[] } | undefined;
};

/** Display width as Prettier counts it for ASCII and common punctuation (one column per code point). */
function width(text: string): number {
  return [...text].length;
}

const CONTROL_ID = /^([A-Za-z0-9]+)\.([0-9]+)$/;

/**
 * The page of a control in the AWS Security Hub user guide: one page per service
 * (`<service>-controls.html`), one anchor per control (`#<service>-<number>`), both in lower case.
 *
 * @example
 * ```ts
 * securityHubControlUrl('DynamoDB.2');
 * // 'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2'
 * ```
 * @throws Error naming the control id when it is not `<Service>.<number>`.
 */
export function securityHubControlUrl(controlId: string): string {
  const match = CONTROL_ID.exec(controlId);
  if (match === null) {
    throw new Error(`controlId "${controlId}" is not a Security Hub control id such as "EC2.2"`);
  }
  const service = (match[1] ?? '').toLowerCase();
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${service}-${match[2] ?? ''}`;
}

function byControlId(controls: readonly DocumentedControl[]): DocumentedControl[] {
  return [...controls].sort((a, b) => a.controlId.localeCompare(b.controlId, 'en', { numeric: true }));
}

function actionList(actions: readonly string[]): string {
  return actions.map((a) => `\`${cell(a)}\``).join(', ');
}

/**
 * The Markdown table of the controls, sorted by control id (numeric order: EC2.2 before EC2.12). Each
 * title links to the control's Security Hub page through a reference (`[title][EC2.2]`), defined by
 * {@link renderControlLinks}, so the links do not widen the table's source.
 *
 * @example
 * ```ts
 * renderControlsTable([ec2_7]); // '| Control | What it checks | ... |\n| ------- | ...'
 * ```
 */
export function renderControlsTable(controls: readonly DocumentedControl[]): string {
  const rows = byControlId(controls).map((c) => [
    cell(c.controlId),
    `[${linkText(c.title)}][${cell(c.controlId)}]`,
    cell(c.fix),
    c.destructive ? 'yes' : 'no',
    c.rollback === undefined ? 'no (irreversible)' : 'yes (reversible)',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The IAM actions of each control, one list item per control: what the fix's session may call, and what
 * the rollback's session adds to the fix's read actions.
 *
 * @example
 * ```ts
 * renderIamActions([ec2_7]);
 * // '- **EC2.7**: fix `ec2:GetEbsEncryptionByDefault`, `ec2:EnableEbsEncryptionByDefault`; rollback `ec2:DisableEbsEncryptionByDefault`.'
 * ```
 */
export function renderIamActions(controls: readonly DocumentedControl[]): string {
  return byControlId(controls)
    .map((c) => {
      const rollback =
        c.rollback === undefined
          ? 'no rollback (irreversible)'
          : `rollback ${actionList(c.rollback.iamActions)}`;
      return `- **${cell(c.controlId)}**: fix ${actionList(c.iamActions)}; ${rollback}.`;
    })
    .join('\n');
}

/** The link reference definitions the table's titles use: `[EC2.2]: https://docs.aws.amazon.com/…`. */
export function renderControlLinks(controls: readonly DocumentedControl[]): string {
  return byControlId(controls)
    .map((c) => `[${cell(c.controlId)}]: ${securityHubControlUrl(c.controlId)}`)
    .join('\n');
}

/** Everything between the markers: the table, the IAM actions of each control, the links of the table. */
export function renderControlsSection(controls: readonly DocumentedControl[]): string {
  if (controls.length === 0) return '_No controls are registered yet._';
  return [
    renderControlsTable(controls),
    '**IAM actions.** A fix runs in a session whose policy allows exactly the actions after "fix" (on the ' +
      'resources the control names); a rollback in one that allows the actions after "rollback" and the read ' +
      'actions of the fix. The member role must allow all of them.',
    renderIamActions(controls),
    renderControlLinks(controls),
  ].join('\n\n');
}

/** `readme` with the table between the markers replaced by the table of `controls`. */
export function withControlsTable(readme: string, controls: readonly DocumentedControl[]): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(`README.md must contain ${START_MARKER} followed by ${END_MARKER}`);
  }
  return `${readme.slice(0, start)}${START_MARKER}\n\n${renderControlsSection(controls)}\n\n${readme.slice(end)}`;
}

/** Whether the README's table matches `CONTROLS` (or the given controls), and the expected README. */
export function checkReadme(
  controls: readonly DocumentedControl[] = CONTROLS,
  readmePath: string = README_PATH,
): { readonly current: boolean; readonly expected: string } {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const expected = withControlsTable(readme, controls);
  return { current: expected === readme, expected };
}

function main(argv: readonly string[]): number {
  const { current, expected } = checkReadme();
  const relative = path.relative(process.cwd(), README_PATH);
  if (argv.includes('--check')) {
    if (current) {
      console.log(`${relative}: the controls table is current (${CONTROLS.length} controls).`);
      return 0;
    }
    console.error(
      `${relative}: the controls table is stale (it does not match CONTROLS in src/registry.ts).\n` +
        'Run: npx tsx packages/remediations/scripts/generate-docs.ts',
    );
    return 1;
  }
  if (!current) fs.writeFileSync(README_PATH, expected);
  console.log(`${relative}: ${current ? 'already current' : 'updated'} (${CONTROLS.length} controls).`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
