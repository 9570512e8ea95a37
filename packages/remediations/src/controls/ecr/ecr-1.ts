import * as z from 'zod';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { booleanField, detailsOf, findingTags, isLooseObject } from '../finding';
import { sdk } from '../sdk';
import {
  goneReason,
  otherRepository,
  readRepository,
  repositoryArn,
  repositoryFields,
  REPOSITORY_ID,
  repositoryFrom,
  repositoryIdentity,
  repositoryOf,
} from './shared';

/**
 * One rule of the registry's scanning configuration: how often it scans, and the repositories it
 * covers (wildcard filters: `*` stands for any characters).
 *
 * @example
 * ```ts
 * Ecr1RegistryRuleSchema.parse({ scanFrequency: 'CONTINUOUS_SCAN', filters: ['prod-*'] });
 * ```
 */
export const Ecr1RegistryRuleSchema = z.lazy(() =>
  z.strictObject({
    /** `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or `MANUAL`. */
    scanFrequency: z.string().min(1),
    filters: z.array(z.string()).readonly(),
  }),
);

/** A registry scanning rule of {@link Ecr1State}; inferred from {@link Ecr1RegistryRuleSchema}. */
export type Ecr1RegistryRule = z.infer<typeof Ecr1RegistryRuleSchema>;

/**
 * Live state of the repository's image scanning: its own scan-on-push setting
 * (`DescribeRepositories`) and the registry's scanning configuration (`GetRegistryScanningConfiguration`:
 * basic or Amazon Inspector enhanced scanning, and the rules that pick repositories).
 *
 * @example
 * ```ts
 * Ecr1StateSchema.parse({
 *   repositoryName: 'team/app',
 *   registryId: '111122223333',
 *   createdAt: '2026-09-01T08:30:00.000Z',
 *   tags: {},
 *   scanOnPush: false,
 *   registryScanType: 'BASIC',
 *   registryRules: [],
 * });
 * ```
 */
export const Ecr1StateSchema = z.lazy(() =>
  z.strictObject({
    ...repositoryFields(),
    scanOnPush: z.boolean(),
    registryScanType: z.enum(['BASIC', 'ENHANCED']),
    registryRules: z.array(Ecr1RegistryRuleSchema).readonly(),
  }),
);

/** Live state of ECR.1; inferred from {@link Ecr1StateSchema}. */
export type Ecr1State = z.infer<typeof Ecr1StateSchema>;

/** The one change of ECR.1 and of its rollback: the repository's scan-on-push setting. */
export interface Ecr1Params {
  readonly registryId: string;
  readonly repositoryName: string;
  readonly scanOnPush: boolean;
}

/**
 * What ECR.1 records to undo its fix: scan on push was off.
 *
 * @example
 * ```ts
 * Ecr1BeforeImageSchema.parse({ repositoryName: 'team/app', registryId: '111122223333', createdAt: '2026-09-01T08:30:00.000Z', scanOnPush: false });
 * ```
 */
export const Ecr1BeforeImageSchema = z.lazy(() =>
  z.object({ ...repositoryIdentity(), scanOnPush: z.literal(false) }),
);

/** The before-image of ECR.1; inferred from {@link Ecr1BeforeImageSchema}. */
export type Ecr1BeforeImage = z.infer<typeof Ecr1BeforeImageSchema>;

/** Whether an ECR wildcard filter (`*` for any characters, the rest literal) matches a repository name. */
export function matchesFilter(filter: string, name: string): boolean {
  const pattern = filter
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/** The registry rule that scans the repository, if any (enhanced scanning also counts continuous scans). */
function coveringRule(state: Ecr1State): Ecr1RegistryRule | undefined {
  const frequencies =
    state.registryScanType === 'ENHANCED' ? ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'] : ['SCAN_ON_PUSH'];
  return state.registryRules.find(
    (rule) =>
      frequencies.includes(rule.scanFrequency) &&
      rule.filters.some((filter) => matchesFilter(filter, state.repositoryName)),
  );
}

async function putScanOnPush(changes: readonly PlannedChange<Ecr1Params>[], context: ControlContext) {
  const { ECRClient, PutImageScanningConfigurationCommand } = await sdk.ecr();
  const ecr = context.client(ECRClient);
  for (const { params } of changes) {
    await ecr.send(
      new PutImageScanningConfigurationCommand({
        registryId: params.registryId,
        repositoryName: params.repositoryName,
        imageScanningConfiguration: { scanOnPush: params.scanOnPush },
      }),
    );
  }
}

/**
 * ECR.1: private repositories should have image scanning configured. When the registry uses basic
 * scanning and none of its rules covers the repository, SOAR turns on scan on push for this repository
 * alone (`PutImageScanningConfiguration`). Unlike the original, it never replaces the registry's
 * scanning configuration: that configuration applies to every repository of the region, its existing
 * rules (continuous scans, say) would be lost, and switching it to Amazon Inspector enhanced scanning
 * bills every image and may clash with an organisation's Inspector setup. A registry on enhanced
 * scanning whose rules leave the repository out is refused with a ticket: only its rules count there,
 * and they belong to whoever runs Inspector.
 *
 * Rollback ({@link planEcr1Rollback}): turns scan on push off again; refused when the repository was
 * deleted and created again since.
 *
 * From the finding (`fromFinding`): `ImageScanningConfiguration.ScanOnPush` of
 * `Details.AwsEcrRepository`. Scan on push on is compliant, as live; otherwise `unknown`, because no
 * finding shows the registry's scanning type and rules, which decide between the fix and a refusal.
 */
export const ecr_1 = defineControl<Ecr1State, Ecr1Params, Ecr1BeforeImage, Ecr1Params>({
  controlId: 'ECR.1',
  title: 'ECR private repositories should have image scanning configured',
  fix: 'Turns on scan on push (basic scanning) for the repository; the registry-wide scanning configuration is left as it is.',
  resourceIds: { AwsEcrRepository: REPOSITORY_ID },
  iamActions: [
    'ecr:DescribeRepositories',
    'ecr:ListTagsForResource',
    'ecr:GetRegistryScanningConfiguration',
    'ecr:PutImageScanningConfiguration',
  ],
  // The registry's scanning configuration has no resource type; the rest names this repository.
  permissions: (context) => [
    { actions: ['ecr:GetRegistryScanningConfiguration'], resources: ['*'] },
    {
      actions: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource', 'ecr:PutImageScanningConfiguration'],
      resources: [repositoryArn('ECR.1', context)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Ecr1StateSchema,

  async read(context) {
    const ref = repositoryOf('ECR.1', context.resource.Id);
    const live = await readRepository('ECR.1', context);
    if (live === undefined) return { kind: 'gone', reason: goneReason(ref) };
    const { ECRClient, GetRegistryScanningConfigurationCommand } = await sdk.ecr();
    const registry = await context.client(ECRClient).send(new GetRegistryScanningConfigurationCommand({}));
    const configuration = registry.scanningConfiguration;
    return {
      kind: 'found',
      state: {
        repositoryName: ref.repositoryName,
        registryId: live.repository.registryId ?? ref.registryId,
        createdAt: live.repository.createdAt?.toISOString(),
        tags: live.tags,
        scanOnPush: live.repository.imageScanningConfiguration?.scanOnPush === true,
        registryScanType: configuration?.scanType === 'ENHANCED' ? 'ENHANCED' : 'BASIC',
        registryRules: (configuration?.rules ?? []).map((rule) => ({
          scanFrequency: rule.scanFrequency ?? 'MANUAL',
          filters: (rule.repositoryFilters ?? []).flatMap((f) => (f.filter === undefined ? [] : [f.filter])),
        })),
      },
    };
  },

  fromFinding(context) {
    const ref = repositoryFrom(context.resource.Id);
    if (ref === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding resource ${context.resource.Id} does not name an ECR repository.`,
      };
    }
    const scanning = detailsOf(context.resource, 'AwsEcrRepository')?.['ImageScanningConfiguration'];
    if (booleanField(isLooseObject(scanning) ? scanning : undefined, 'ScanOnPush') === true) {
      return {
        kind: 'found',
        state: {
          ...ref,
          tags: findingTags(context.resource),
          scanOnPush: true,
          registryScanType: 'BASIC',
          registryRules: [],
        },
      };
    }
    return {
      kind: 'unknown',
      reason:
        `No finding shows the registry's scanning configuration, which decides what SOAR does for ${ref.repositoryName}: ` +
        'with basic scanning and no registry rule covering it, SOAR turns on scan on push for the repository; with ' +
        'Amazon Inspector enhanced scanning, SOAR leaves the registry rules to their owner and opens a ticket. ' +
        'SOAR checks the registry on the live account before it changes anything.',
    };
  },

  plan(state) {
    const name = state.repositoryName;
    const rule = coveringRule(state);
    if (rule !== undefined) {
      return {
        kind: 'compliant',
        reason: `The registry's ${state.registryScanType.toLowerCase()} scanning rule ${rule.scanFrequency} (${rule.filters.join(', ')}) scans ${name}.`,
      };
    }
    if (state.registryScanType === 'ENHANCED') {
      return {
        kind: 'refuse',
        reason:
          `The registry uses Amazon Inspector enhanced scanning, and none of its scanning rules covers the repository ${name}. ` +
          'Those rules apply to every repository of the region and belong to whoever runs Inspector, so SOAR did not change ' +
          `them: add a filter that matches ${name} to a scan-on-push or continuous rule.`,
      };
    }
    if (state.scanOnPush)
      return { kind: 'compliant', reason: `The repository ${name} scans images on push.` };
    const { registryId, createdAt } = state;
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutImageScanningConfiguration',
          description: `Turned on scan on push (basic scanning) for the ECR repository ${name}.`,
          params: { registryId, repositoryName: name, scanOnPush: true },
        },
      ],
      beforeImage: {
        repositoryName: name,
        registryId,
        createdAt,
        scanOnPush: false,
      } satisfies Ecr1BeforeImage,
      actionsRequired:
        'Images pushed from now on are scanned; images already in the repository are not until they are pushed again ' +
        'or scanned by hand. If a template creates the repository, set scanOnPush there too.',
    };
  },

  apply: putScanOnPush,

  tags: (state) => state.tags,

  rollback: {
    readActions: [
      'ecr:DescribeRepositories',
      'ecr:ListTagsForResource',
      'ecr:GetRegistryScanningConfiguration',
    ],
    iamActions: ['ecr:PutImageScanningConfiguration'],
    beforeImage: Ecr1BeforeImageSchema,
    plan: planEcr1Rollback,
    apply: putScanOnPush,
  },
});

/**
 * Pure: plans turning scan on push off again (see {@link ecr_1}).
 *
 * @example
 * ```ts
 * planEcr1Rollback({ repositoryName: 'app', registryId: '111122223333', scanOnPush: false }, { ...state, scanOnPush: true });
 * // { kind: 'changes', changes: [{ action: 'ecr:PutImageScanningConfiguration', ... }] }
 * ```
 */
export function planEcr1Rollback(before: Ecr1BeforeImage, state: Ecr1State): RollbackPlan<Ecr1Params> {
  const other = otherRepository(before, state);
  if (other !== undefined) return { kind: 'refuse', reason: other };
  const name = state.repositoryName;
  if (!state.scanOnPush) {
    return {
      kind: 'already_as_before',
      reason: `The repository ${name} does not scan on push, as before SOAR's fix.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'ecr:PutImageScanningConfiguration',
        description: `Turned scan on push off again for the ECR repository ${name}.`,
        params: { registryId: state.registryId, repositoryName: name, scanOnPush: false },
      },
    ],
    actionsRequired: 'Images pushed to the repository are no longer scanned; ECR.1 fails again for it.',
  };
}
