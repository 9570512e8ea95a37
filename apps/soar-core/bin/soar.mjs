#!/usr/bin/env node
// The `soar` command. It runs the TypeScript sources of the app and its workspace libraries directly
// (tsx, and the `@soar/source` export condition), so no build is needed after `npm ci`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const result = spawnSync(
  process.execPath,
  ['--conditions=@soar/source', '--import', 'tsx', entry, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env } },
);
if (result.error !== undefined) {
  console.error(`soar: could not start node: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
