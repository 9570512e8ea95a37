/**
 * Renders the controls table of `packages/remediations/README.md` from `CONTROLS` (src/registry.ts),
 * between `<!-- controls:start -->` and `<!-- controls:end -->`.
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

const HEADERS = ['Control', 'What it checks', 'What it changes', 'Destructive?', 'IAM actions', 'Rollback?'];
// "Rollback?": `no`, or `yes:` and the IAM actions the rollback adds to the control's read actions.

/** One table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** What the table shows of a control: its metadata, and the IAM actions of its rollback. */
export type DocumentedControl = ControlMetadata & {
  readonly rollback?: { readonly iamActions: readonly string[] } | undefined;
};

/** Display width as Prettier counts it for ASCII and common punctuation (one column per code point). */
function width(text: string): number {
  return [...text].length;
}

/**
 * The Markdown table of the controls, sorted by control id (numeric order: EC2.2 before EC2.12).
 *
 * @example
 * ```ts
 * renderControlsTable([ec2_7]); // '| Control | What it checks | ... |\n| ------- | ...'
 * ```
 */
export function renderControlsTable(controls: readonly DocumentedControl[]): string {
  const sorted = [...controls].sort((a, b) =>
    a.controlId.localeCompare(b.controlId, 'en', { numeric: true }),
  );
  const rows = sorted.map((c) => [
    cell(c.controlId),
    cell(c.title),
    cell(c.fix),
    c.destructive ? 'yes' : 'no',
    c.iamActions.map((a) => `\`${cell(a)}\``).join(', '),
    c.rollback === undefined ? 'no' : `yes: ${c.rollback.iamActions.map((a) => `\`${cell(a)}\``).join(', ')}`,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `readme` with the table between the markers replaced by the table of `controls`. */
export function withControlsTable(readme: string, controls: readonly DocumentedControl[]): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(`README.md must contain ${START_MARKER} followed by ${END_MARKER}`);
  }
  const table = controls.length === 0 ? '_No controls are registered yet._' : renderControlsTable(controls);
  return `${readme.slice(0, start)}${START_MARKER}\n\n${table}\n\n${readme.slice(end)}`;
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
