/**
 * What each function's bundle carries, from esbuild's metafile (deterministic, unlike timings): at
 * most 400 KB minified, and the functions that send nothing carry no message rendering and no
 * remediation registry. Bundled as `SoarFunction` bundles them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleDefines, type FunctionTracing } from '@soar/constructs';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_ENTRIES, type FunctionId } from '../src/stack/soar-core-stack';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FUNCTIONS = path.resolve(__dirname, '..', 'src', 'functions');

interface Bundle {
  readonly bytes: number;
  readonly inputs: string[];
  readonly code: string;
}

async function bundle(id: FunctionId, tracing: FunctionTracing = 'active'): Promise<Bundle> {
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
    define: bundleDefines(tracing),
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'silent',
  });
  const metafile: Metafile = result.metafile;
  return {
    bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0),
    code: result.outputFiles.map((file) => file.text).join('\n'),
    // The modules whose code is in the bundle (esbuild lists every module it read, tree-shaken or not).
    inputs: Object.values(metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([file]) => file),
    ),
  };
}

const bundles = new Map<FunctionId, Bundle>();
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

  it.each((Object.keys(FUNCTION_ENTRIES) as FunctionId[]).filter((id) => id !== 'WeeklyReport'))(
    '%s carries no HTML parser: messages show the AI analysis as text, so only the weekly report sanitises HTML',
    (id) => {
      const inputs = bundles.get(id)?.inputs ?? [];
      expect(inputs.filter((file) => /htmlparser2|node_modules\/entities\//.test(file))).toEqual([]);
    },
  );

  it('WeeklyReport sanitises the prose the model writes (the rule above can fail)', () => {
    expect((bundles.get('WeeklyReport')?.inputs ?? []).some((file) => /htmlparser2/.test(file))).toBe(true);
  });

  it('carries the Powertools Tracer and its X-Ray SDK only when deployed with tracing: powertools', async () => {
    const traced = await bundle('Intake', 'powertools');
    expect(traced.inputs.filter((file) => /aws-xray-sdk-core/.test(file))).not.toEqual([]);
    expect(traced.inputs.filter((file) => /@aws-lambda-powertools\/tracer/.test(file))).not.toEqual([]);
  });

  it.each(Object.keys(FUNCTION_ENTRIES) as FunctionId[])(
    '%s carries no X-Ray SDK by default: active tracing needs none, and it costs about 35 ms of cold start',
    (id) => {
      const inputs = bundles.get(id)?.inputs ?? [];
      expect(inputs.filter((file) => /aws-xray-sdk/.test(file))).toEqual([]);
    },
  );

  const ASFF_FINDING_SCHEMA = 'packages/asff-schema/src/finding/aws-security-finding.ts';

  it.each((Object.keys(FUNCTION_ENTRIES) as FunctionId[]).filter((id) => id !== 'Intake'))(
    '%s does not carry the full ASFF finding schema: intake checked the finding, the steps after it check what they key on',
    (id) => {
      // Checking the whole finding again in every step built some 300 schemas at import in each.
      expect(bundles.get(id)?.inputs).not.toContain(ASFF_FINDING_SCHEMA);
    },
  );

  it('Intake carries the full ASFF finding schema (the rule above can fail)', () => {
    expect(bundles.get('Intake')?.inputs).toContain(ASFF_FINDING_SCHEMA);
  });

  it('Remediate carries the registry, and Ticket the message rendering (the rules above can fail)', () => {
    expect(bundles.get('Remediate')?.inputs).toContain('packages/remediations/src/registry.ts');
    expect(
      bundles.get('Ticket')?.inputs.some((file) => file.startsWith('packages/messages/src/render/')),
    ).toBe(true);
  });
});

/**
 * How many zod schemas importing a bundle builds, counted in a process of its own through the hook
 * zod calls for every schema it constructs (`__zod_globalConfig.postProcessor`, zod 4). Building
 * schemas is most of a function's cold import after parsing it, and unlike a timing the count is
 * the same on a busy machine. The `z.lazy` wrappers of schemas built on first use are not counted:
 * each is one small object, and what it defers is what this count is about.
 */
function schemasBuiltAtImport(code: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-bundle-'));
  try {
    const file = path.join(dir, 'index.cjs');
    fs.writeFileSync(file, code);
    const script = [
      'let built = 0;',
      // A `z.lazy` wrapper only defers: the schema it stands for is counted when it is built.
      'globalThis.__zod_globalConfig = { postProcessor: (schema) => { if (schema?._zod?.def?.type !== "lazy") built += 1; return schema; } };',
      `require(${JSON.stringify(file)});`,
      'process.stdout.write(String(built));',
    ].join('\n');
    return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Schemas built at import', () => {
  // What every invocation of a step validates is built at import: the flow state with the parts of
  // the finding a step keys on, the scratchpad, the decision, the ticket row; Intake alone checks the
  // whole finding. What a function may never use is built on first use: the configuration (read
  // once, on the first invocation), each control's state and before-image, each message kind, each
  // ticket system's and secret's schemas. Before that, every step function built 880 to 1,422
  // schemas at import, and while every step checked the whole finding again, 520 to 660.
  const LIMIT = { Intake: 480, others: 260 };

  it.each(Object.keys(FUNCTION_ENTRIES) as FunctionId[])(
    `%s builds at most ${LIMIT.others} schemas (Intake ${LIMIT.Intake})`,
    (id) => {
      const built = schemasBuiltAtImport(bundles.get(id)?.code ?? '');
      // zod no longer calling the hook would make this rule pass for nothing.
      expect(built).toBeGreaterThan(0);
      expect(built).toBeLessThanOrEqual(id === 'Intake' ? LIMIT.Intake : LIMIT.others);
    },
  );

  it('Remediate builds no control schema at import: its count does not grow with the controls', () => {
    // Remediate builds what Suppress builds plus its own few (the remediation outcome); every
    // control's schemas are built on first use. Before, the fifteen controls added about 500.
    const remediate = schemasBuiltAtImport(bundles.get('Remediate')?.code ?? '');
    const suppress = schemasBuiltAtImport(bundles.get('Suppress')?.code ?? '');
    expect(remediate - suppress).toBeLessThanOrEqual(60);
  });
});
