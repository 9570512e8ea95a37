/**
 * What each function's bundle carries, bundled as `SoarFunction` bundles it (esbuild's metafile is
 * deterministic, unlike timings): at most 400 KB minified, as every SOAR function, and no X-Ray SDK
 * unless the app is deployed with the Powertools Tracer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleDefines } from '@soar/constructs';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FUNCTIONS = path.resolve(__dirname, '..', 'src', 'functions');
/** Every function entry: each exports `run` and `handler` (the runtime configuration is not one). */
const ENTRIES = fs
  .readdirSync(FUNCTIONS)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && file !== 'runtime-config.ts');

async function bundle(file: string): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({
    entryPoints: [path.join(FUNCTIONS, file)],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    conditions: ['@soar/source'],
    external: ['@aws-sdk/*'],
    define: bundleDefines('active'),
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'silent',
  });
  return {
    bytes: result.outputFiles.reduce((sum, output) => sum + output.contents.byteLength, 0),
    inputs: Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input]) => input),
    ),
  };
}

describe('Function bundles', () => {
  it('finds the three function entries (the rules below can fail)', () => {
    expect(ENTRIES.sort()).toEqual([
      'aggregate-account-day.ts',
      'compute-date-list.ts',
      'discover-accounts.ts',
    ]);
  });

  it.each(ENTRIES)(
    '%s is at most 400 KB minified and carries no X-Ray SDK',
    async (file) => {
      const { bytes, inputs } = await bundle(file);
      // An `import { z } from 'zod'` once made AggregateAccountDay 500 KB: the named export holds all of zod.
      expect(bytes).toBeLessThanOrEqual(400 * 1024);
      expect(inputs.filter((input) => /aws-xray-sdk/.test(input))).toEqual([]);
    },
    60_000,
  );
});
