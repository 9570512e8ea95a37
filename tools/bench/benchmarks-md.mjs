// Shared by the benchmark scripts: each owns one section of BENCHMARKS.md, between
// `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`, and rewrites only that section.
// `--no-write` on the command line prints the section without touching the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = path.join(ROOT, 'BENCHMARKS.md');
const HEADER = `# Benchmarks

Figures measured on the project machine by the scripts in \`tools/bench\`; each script rewrites its own
section. Timings are medians of several runs next to a baseline measured in the same run, because the
machine is shared and noisy; no pass/fail test depends on them.
`;

/**
 * Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`, formatted by prettier.
 *
 * @param {string} name section id, e.g. `remediations-bundle`
 * @param {string} markdown the section body, starting with its `##` heading
 */
export async function writeSection(name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const prettier = await import('prettier');
  const options = { ...(await prettier.resolveConfig(FILE)), filepath: FILE };
  const section = (await prettier.format(markdown, options)).trim();
  console.log(section);
  if (process.argv.includes('--no-write')) return;

  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
  const block = `${start}\n\n${section}\n\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, await prettier.format(next, options));
  console.log(`\nWrote the "${name}" section of BENCHMARKS.md`);
}
