/**
 * What each function's bundle carries, from esbuild's metafile (deterministic, unlike timings): at
 * most 400 KB minified, and the functions that send nothing carry no message rendering and no
 * remediation registry. Bundled as `SoarFunction` bundles them.
 */
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_ENTRIES, type FunctionId } from '../src/stack/soar-core-stack';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FUNCTIONS = path.resolve(__dirname, '..', 'src', 'functions');

async function bundle(id: FunctionId): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({
    entryPoints: [path.join(FUNCTIONS, FUNCTION_ENTRIES[id])],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    conditions: ['@soar/source'],
    external: ['@aws-sdk/*'],
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'silent',
  });
  const metafile: Metafile = result.metafile;
  return {
    bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0),
    // The modules whose code is in the bundle (esbuild lists every module it read, tree-shaken or not).
    inputs: Object.values(metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([file]) => file),
    ),
  };
}

const bundles = new Map<FunctionId, { bytes: number; inputs: string[] }>();
beforeAll(async () => {
  for (const id of Object.keys(FUNCTION_ENTRIES) as FunctionId[]) bundles.set(id, await bundle(id));
}, 120_000);

describe('Function bundles', () => {
  it.each(Object.keys(FUNCTION_ENTRIES) as FunctionId[])('%s is at most 400 KB minified', (id) => {
    expect(bundles.get(id)?.bytes).toBeLessThanOrEqual(400 * 1024);
  });

  it.each(['Intake', 'Suppress', 'RecordFailure'] as const)(
    '%s carries no message rendering and no remediation registry',
    (id) => {
      const inputs = bundles.get(id)?.inputs ?? [];
      expect(inputs.filter((file) => /packages\/messages\/|htmlparser2|handlebars/.test(file))).toEqual([]);
      expect(
        inputs.filter((file) => /packages\/remediations\/src\/(registry|controls\/)/.test(file)),
      ).toEqual([]);
    },
  );

  it.each(Object.keys(FUNCTION_ENTRIES) as FunctionId[])(
    '%s carries no HTML parser: no function sends an AI analysis yet',
    (id) => {
      const inputs = bundles.get(id)?.inputs ?? [];
      expect(inputs.filter((file) => /htmlparser2|node_modules\/entities\//.test(file))).toEqual([]);
    },
  );

  it.each(Object.keys(FUNCTION_ENTRIES) as FunctionId[])(
    '%s carries no X-Ray SDK: active tracing needs none, and it costs 25-30 ms of cold start',
    (id) => {
      const inputs = bundles.get(id)?.inputs ?? [];
      expect(inputs.filter((file) => /aws-xray-sdk/.test(file))).toEqual([]);
    },
  );

  it('Remediate carries the registry, and Ticket the message rendering (the rules above can fail)', () => {
    expect(bundles.get('Remediate')?.inputs).toContain('packages/remediations/src/registry.ts');
    expect(
      bundles.get('Ticket')?.inputs.some((file) => file.startsWith('packages/messages/src/render/')),
    ).toBe(true);
  });
});
