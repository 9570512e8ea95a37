// Root ESLint flat config. Module boundaries are enforced from the `nx.tags` of each project:
//   type:types  -> only zod (asff-schema, scratchpad)
//   type:core   -> types + core + AWS SDK; never CDK
//   type:infra  -> CDK constructs (apps only)
//   type:app    -> anything but other apps
//   type:test   -> test helpers; allowed in test files of every project
import nx from '@nx/eslint-plugin';

const cdk = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag', 'aws-cdk'];

/** @param {boolean} inTests */
const boundaries = (inTests) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:types',
        onlyDependOnLibsWithTags: inTests ? ['type:types', 'type:test'] : ['type:types'],
        bannedExternalImports: [...cdk, '@aws-sdk/*'],
      },
      {
        sourceTag: 'type:core',
        onlyDependOnLibsWithTags: inTests
          ? ['type:types', 'type:core', 'type:test']
          : ['type:types', 'type:core'],
        bannedExternalImports: cdk,
      },
      {
        sourceTag: 'type:infra',
        onlyDependOnLibsWithTags: [
          'type:types',
          'type:core',
          'type:infra',
          ...(inTests ? ['type:test'] : []),
        ],
      },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: [
          'type:types',
          'type:core',
          'type:infra',
          ...(inTests ? ['type:test'] : []),
        ],
      },
      {
        sourceTag: 'type:test',
        onlyDependOnLibsWithTags: ['type:types', 'type:core', 'type:test'],
        bannedExternalImports: cdk,
      },
    ],
  },
];

const testFiles = ['**/*.spec.ts', '**/tests/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/node_modules',
      '**/.nx',
      '**/.cache',
      '**/coverage',
      '**/cdk.out',
      '**/tmp',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // The named `z` export is an object holding all of zod, so esbuild cannot drop what a bundle
      // does not use: one such import made a Lambda bundle 500 KB instead of 136 KB.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message:
            "Use `import * as z from 'zod'`, which lets the bundler drop the parts of zod a function does not use.",
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
