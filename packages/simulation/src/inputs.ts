import * as fs from 'node:fs';
import * as path from 'node:path';
import { safeParseFinding, type AwsSecurityFinding } from '@soar/asff-schema';

/** One finding read from a file, with where it came from. */
export interface InputFinding {
  /** The file, and the position in it when the file holds several (`findings.json#3`). */
  readonly source: string;
  readonly finding: AwsSecurityFinding;
}

/** A file, or an entry of one, that is not a usable finding: reported, never skipped in silence. */
export interface InputProblem {
  readonly source: string;
  readonly error: string;
}

/** What {@link readFindingInputs} found. */
export interface FindingInputs {
  readonly findings: readonly InputFinding[];
  readonly problems: readonly InputProblem[];
  /** How many `.json` files were read. */
  readonly files: number;
}

/**
 * Reads findings from files and directories (recursively, `.json` files, in name order). A file may
 * hold an ASFF finding, an array of findings, a Security Hub "Findings - Imported" EventBridge event,
 * or a `BatchImportFindings` / `GetFindings` shaped `{ "Findings": [...] }`. Every problem names the
 * file (and entry) and the failing field paths.
 *
 * @example
 * ```ts
 * const { findings, problems } = readFindingInputs(['examples/findings']);
 * for (const p of problems) console.error(`${p.source}: ${p.error}`);
 * ```
 */
export function readFindingInputs(paths: readonly string[]): FindingInputs {
  const findings: InputFinding[] = [];
  const problems: InputProblem[] = [];
  let files = 0;
  for (const file of expand(paths, problems)) {
    files += 1;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push({
        source: file,
        error: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
      continue;
    }
    const entries = entriesOf(json);
    if (entries === undefined) {
      problems.push({
        source: file,
        error:
          'holds no finding: expected an ASFF finding, an array of findings, a Security Hub findings event or { "Findings": [...] }',
      });
      continue;
    }
    entries.forEach((entry, index) => {
      const source = entries.length === 1 ? file : `${file}#${index + 1}`;
      const parsed = safeParseFinding(entry);
      if (parsed.success) findings.push({ source, finding: parsed.data });
      else problems.push({ source, error: parsed.error.message });
    });
  }
  return { findings, problems, files };
}

function expand(paths: readonly string[], problems: InputProblem[]): string[] {
  const files: string[] = [];
  for (const entry of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      problems.push({ source: entry, error: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const children = fs
        .readdirSync(entry)
        .sort()
        .map((name) => path.join(entry, name))
        .filter((child) => fs.statSync(child).isDirectory() || child.endsWith('.json'));
      files.push(...expand(children, problems));
    } else {
      files.push(entry);
    }
  }
  return files;
}

/** The finding-like entries of a parsed file, or `undefined` when it has no recognisable shape. */
function entriesOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (typeof json !== 'object' || json === null) return undefined;
  if (
    'detail' in json &&
    typeof json.detail === 'object' &&
    json.detail !== null &&
    'findings' in json.detail
  ) {
    return Array.isArray(json.detail.findings) ? json.detail.findings : undefined;
  }
  if ('Findings' in json) return Array.isArray(json.Findings) ? json.Findings : undefined;
  if ('SchemaVersion' in json || 'Id' in json) return [json];
  return undefined;
}
