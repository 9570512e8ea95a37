import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
}

const workspaceRoot = join(__dirname, '..', '..');

const cases = {
  cdkInCore: {
    file: 'packages/aws-access/src/probe.ts',
    code: "import { App } from 'aws-cdk-lib';\nexport const app = new App();\n",
  },
  sdkInTypes: {
    file: 'packages/asff-schema/src/probe.ts',
    code: "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({});\n",
  },
  testingInLibrary: {
    file: 'packages/aws-access/src/probe.ts',
    code: "import { loadJsonFixture } from '@soar/testing';\nexport const load = loadJsonFixture;\n",
  },
  testingInSpec: {
    file: 'packages/aws-access/src/probe.spec.ts',
    code: "import { loadJsonFixture } from '@soar/testing';\nexport const load = loadJsonFixture;\n",
  },
  constructsInCore: {
    file: 'packages/workflow/src/probe.ts',
    code: "import { SoarFunction } from '@soar/constructs';\nexport const fn = SoarFunction;\n",
  },
  appInLibrary: {
    file: 'packages/simulation/src/probe.ts',
    code: "import { createSoarApp } from '@soar/soar-core';\nexport const app = createSoarApp;\n",
  },
  constructsInApp: {
    file: 'apps/alarms-to-sechub/src/probe.ts',
    code: "import { SoarFunction } from '@soar/constructs';\nexport const fn = SoarFunction;\n",
  },
  allowed: {
    file: 'packages/scratchpad/src/probe.ts',
    code: "import { AwsSecurityFindingSchema } from '@soar/asff-schema';\nimport * as z from 'zod';\nexport const s = z.array(AwsSecurityFindingSchema);\n",
  },
} as const;

/** Lints every case in one ESLint process; keeps only module-boundary errors. */
function lintBoundaries(): Record<keyof typeof cases, string[]> {
  const names = Object.keys(cases) as Array<keyof typeof cases>;
  const output = execFileSync(process.execPath, [join(workspaceRoot, 'tools/src/lint-text.mjs')], {
    input: JSON.stringify(names.map((name) => cases[name])),
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  const results = JSON.parse(output) as LintMessage[][];
  return Object.fromEntries(
    names.map((name, i) => [
      name,
      (results[i] ?? [])
        .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' && m.severity === 2)
        .map((m) => m.message),
    ]),
  ) as Record<keyof typeof cases, string[]>;
}

describe('Lint rule: @nx/enforce-module-boundaries', () => {
  let errors: Record<keyof typeof cases, string[]>;

  beforeAll(() => {
    errors = lintBoundaries();
  }, 120_000);

  it('rejects aws-cdk-lib in a type:core library', () => {
    expect(errors.cdkInCore).toEqual([
      expect.stringContaining('A project tagged with "type:core" is not allowed to import "aws-cdk-lib"'),
    ]);
  });

  it('rejects the AWS SDK in a type:types library', () => {
    expect(errors.sdkInTypes).toEqual([
      expect.stringContaining(
        'A project tagged with "type:types" is not allowed to import "@aws-sdk/client-s3"',
      ),
    ]);
  });

  it('keeps test helpers out of library code but allows them in tests', () => {
    expect(errors.testingInLibrary).toEqual([
      expect.stringContaining('can only depend on libs tagged with "type:types", "type:core"'),
    ]);
    expect(errors.testingInSpec).toEqual([]);
  });

  it('lets only apps use the shared CDK constructs (type:infra)', () => {
    expect(errors.constructsInCore).toEqual([
      expect.stringContaining('A project tagged with "type:core" can only depend on libs tagged with'),
    ]);
    expect(errors.constructsInApp).toEqual([]);
  });

  it('lets no library depend on an app', () => {
    expect(errors.appInLibrary).not.toEqual([]);
  });

  it('accepts allowed dependencies', () => {
    expect(errors.allowed).toEqual([]);
  });
});
