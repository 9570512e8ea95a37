/**
 * The member-account role template: a plain template for a StackSet, trusting only SOAR's function
 * roles, allowed only the actions SOAR calls; and SOAR's function roles carry the tag it trusts.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CONTROLS } from '@soar/remediations';
import { createSoarApp } from '../src/app';
import { parseAppConfig, type SoarAppConfigInput } from '../src/config';
import { DEFAULT_MEMBER_ROLE_NAME, MEMBER_ACCESS_TAG, memberRoleActions } from '@soar/soar-core-infra';

function synth(config: SoarAppConfigInput = {}) {
  const { app, stack, memberRoleStack } = createSoarApp(
    parseAppConfig({ organizationId: 'o-abcdefghij', ...config }),
    { bundle: false },
  );
  const assembly = app.synth();
  const nested = assembly.getNestedAssembly(`assembly-${memberRoleStack.node.scope?.node.id ?? ''}`);
  return {
    soar: Template.fromJSON(assembly.getStackByName(stack.stackName).template),
    member: Template.fromJSON(nested.getStackByName(memberRoleStack.stackName).template),
    artifact: nested.getStackByName(memberRoleStack.stackName),
    topLevelStacks: assembly.stacks.map((s) => s.stackName),
  };
}

describe('Stack: SoarMemberRole (member accounts, StackSet)', () => {
  const { soar, member, artifact, topLevelStacks } = synth({
    memberRoleName: 'SOAR-Member',
    account: '111122223333',
  });

  it('is a plain template outside the default deployment: no asset, no bootstrap rule', () => {
    expect(topLevelStacks).toEqual(['SoarCore']);
    expect(artifact.assets).toEqual([]);
    expect(member.toJSON()['Rules']).toBeUndefined();
    expect(Object.keys(member.toJSON()['Parameters'] as object).sort()).toEqual([
      'SoarAccountId',
      'SoarStackName',
    ]);
    expect(member.toJSON()['Parameters']).toMatchObject({
      SoarAccountId: { Default: '111122223333', AllowedPattern: '^\\d{12}$' },
      SoarStackName: { Default: 'SoarCore' },
    });
  });

  it('trusts only SOAR function roles: SOAR’s account, named after its stack, tagged with it', () => {
    member.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'SOAR-Member',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${SoarAccountId}:root' } },
            Condition: {
              ArnLike: { 'aws:PrincipalArn': Match.objectLike({ 'Fn::Sub': Match.anyValue() }) },
              StringEquals: { [`aws:PrincipalTag/${MEMBER_ACCESS_TAG}`]: { Ref: 'SoarStackName' } },
            },
          },
        ],
      },
    });
  });

  it('allows exactly the actions SOAR calls: findings updates and imports, the controls sync, every remediation', () => {
    const actions = memberRoleActions();
    expect(actions).toContain('securityhub:BatchUpdateFindings');
    expect(actions).toContain('securityhub:BatchImportFindings'); // intake's account reassignment
    expect(actions).toContain('securityhub:ListStandardsControlAssociations');
    for (const control of CONTROLS)
      for (const action of control.iamActions) expect(actions).toContain(action);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    member.hasResourceProperties('AWS::IAM::Role', {
      Policies: [
        {
          PolicyName: 'SoarMemberAccess',
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
        },
      ],
    });
    expect(JSON.stringify(member.toJSON()).length).toBeLessThan(10_240);
  });

  it('tags every SOAR function role with the stack name it trusts', () => {
    const roles = soar.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
        },
      },
    });
    const tagged = Object.values(roles).filter((role) =>
      JSON.stringify(role).includes(`{"Key":"${MEMBER_ACCESS_TAG}","Value":"SoarCore"}`),
    );
    // Every function role but the CDK singleton's (the table seed's provider).
    expect(tagged.length).toBe(Object.keys(roles).length - 1);
  });

  it('proposes its own role name while SOAR still uses Control Tower’s role', () => {
    const { member: proposed } = synth();
    proposed.hasResourceProperties('AWS::IAM::Role', { RoleName: DEFAULT_MEMBER_ROLE_NAME });
  });
});
