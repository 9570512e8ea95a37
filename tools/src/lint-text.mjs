// Lints pieces of code as if they were files of the workspace, without writing those files.
// Usage: node tools/src/lint-text.mjs < cases.json
//   stdin:  [{ "file": "<path relative to the workspace root>", "code": "..." }, ...]
//   stdout: one array of ESLint messages per case, as JSON.
// Runs in its own process because ESLint loads the flat config with import(), which Jest's
// CommonJS sandbox cannot do.
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const workspaceRoot = resolve(import.meta.dirname, '..', '..');
const cases = JSON.parse(readFileSync(0, 'utf8'));
if (!Array.isArray(cases)) {
  console.error('expected a JSON array of { file, code } on stdin');
  process.exit(2);
}
process.chdir(workspaceRoot);
// @nx/enforce-module-boundaries reads the cached project graph; make sure it exists and is current.
await createProjectGraphAsync({ exitOnError: true });
const eslint = new ESLint({ cwd: workspaceRoot });
const results = [];
for (const { file, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath: resolve(workspaceRoot, file) });
  results.push(result?.messages ?? []);
}
process.stdout.write(JSON.stringify(results));
