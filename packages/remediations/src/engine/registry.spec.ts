import * as z from 'zod';
import { RegistryError } from '../errors';
import { defineControl, registerControl, type ControlRollback } from './control';
import { Registry } from './registry';
import { ACCOUNT_ID } from '../controls/ec2/resource-ids';

const StateSchema = z.strictObject({ on: z.boolean() });
type State = z.infer<typeof StateSchema>;

const ROLLBACK: ControlRollback<State, { readonly wasOn: false }, null> = {
  readActions: ['ec2:GetEbsEncryptionByDefault'],
  iamActions: ['ec2:DisableEbsEncryptionByDefault'],
  beforeImage: z.object({ wasOn: z.literal(false) }),
  plan: () => ({ kind: 'already_as_before', reason: 'off' }),
  apply: async () => undefined,
};

function control(options: {
  readonly reversible: boolean;
  readonly rollback?: Partial<ControlRollback<State, { readonly wasOn: false }, null>>;
}) {
  return registerControl(
    defineControl<State, null, { readonly wasOn: false }, null>({
      controlId: 'EC2.7',
      title: 'test control',
      fix: 'turns it on',
      resourceIds: { AwsAccount: ACCOUNT_ID },
      iamActions: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault'],
      permissions: () => [
        {
          actions: [
            'ec2:GetEbsEncryptionByDefault',
            'ec2:EnableEbsEncryptionByDefault',
            'ec2:DisableEbsEncryptionByDefault',
          ],
          resources: ['*'],
        },
      ],
      destructive: false,
      reversible: options.reversible,
      stateSchema: StateSchema,
      read: async () => ({ kind: 'found', state: { on: false } }),
      plan: () => ({ kind: 'compliant', reason: 'ok' }),
      apply: async () => undefined,
      ...(options.rollback === undefined ? {} : { rollback: { ...ROLLBACK, ...options.rollback } }),
    }),
  );
}

describe('Class: Registry (state schema check)', () => {
  it('rejects a control without a stateSchema (built without the types)', () => {
    // Arrange
    const { stateSchema: _schema, ...withoutSchema } = control({ reversible: false });
    const untyped = withoutSchema as unknown as ReturnType<typeof control>;

    // Act / Assert
    expect(() => new Registry([untyped])).toThrow(RegistryError);
    expect(() => new Registry([untyped])).toThrow('EC2.7 declares no stateSchema');
  });
});

describe('Class: Registry (rollback checks)', () => {
  it('accepts a reversible control with a rollback, and an irreversible one without', () => {
    // Act / Assert
    expect(new Registry([control({ reversible: true, rollback: {} })]).get('EC2.7')?.rollback).toMatchObject({
      iamActions: ['ec2:DisableEbsEncryptionByDefault'],
    });
    expect(new Registry([control({ reversible: false })]).get('EC2.7')?.rollback).toBeUndefined();
  });

  it.each([
    [
      'a reversible control without rollback',
      { reversible: true },
      'is marked reversible but has no rollback',
    ],
    [
      'a rollback on an irreversible control',
      { reversible: false, rollback: {} },
      'is not marked reversible',
    ],
    [
      'wildcard rollback actions',
      { reversible: true, rollback: { iamActions: ['ec2:Disable*'] } },
      'exact rollback IAM actions (service:Action, no wildcards); invalid: ec2:Disable*',
    ],
    ['no rollback actions', { reversible: true, rollback: { iamActions: [] } }, 'invalid: (none declared)'],
    [
      'read actions the control does not declare',
      { reversible: true, rollback: { readActions: ['ec2:DescribeVolumes'] } },
      'not declared: ec2:DescribeVolumes',
    ],
    ['no read actions', { reversible: true, rollback: { readActions: [] } }, 'not declared: (none named)'],
  ] as const)('rejects %s', (_name, options, message) => {
    // Act / Assert
    expect(() => new Registry([control(options)])).toThrow(RegistryError);
    expect(() => new Registry([control(options)])).toThrow(message);
  });
});
