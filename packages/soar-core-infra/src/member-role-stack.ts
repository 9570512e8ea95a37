import {
  Aspects,
  BootstraplessSynthesizer,
  CfnParameter,
  Fn,
  Stack,
  Tags,
  type StackProps,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledge, SoarFunction } from '@soar/constructs';
import { CONTROLS } from '@soar/remediations';
import { CONTAINMENT_IAM_ACTIONS, ENRICHMENT_IAM_ACTIONS } from '@soar/incidents/aws';
import { IMPORT_FINDINGS_SCOPE, UPDATE_FINDINGS_SCOPE } from '@soar/security-hub/aws';
import { SYNC_CONTROLS_SCOPE } from '@soar/security-hub/controls';
import type { Construct, IConstruct } from 'constructs';

/** The tag SOAR's function roles carry; the member role trusts only roles of SOAR's account with it. */
export const MEMBER_ACCESS_TAG = 'soar:member-access';

/** The member role name the template proposes when SOAR is still configured for Control Tower's role. */
export const DEFAULT_MEMBER_ROLE_NAME = 'SOAR-Member';

/**
 * Every IAM action SOAR may call in a member account: the Security Hub updates of every step, the
 * import of a reassigned finding, the enabled-controls sync, and each remediation's reads, fixes and rollbacks. Each session SOAR opens
 * is narrower still (its session policy names the actions and resources of its purpose).
 *
 * @example
 * ```ts
 * memberRoleActions().includes('securityhub:BatchUpdateFindings'); // true
 * ```
 */
export function memberRoleActions(): string[] {
  const actions = new Set<string>([
    ...(UPDATE_FINDINGS_SCOPE.actions ?? []),
    // Intake's account reassignment imports the copy of a finding into the account it belongs to.
    ...(IMPORT_FINDINGS_SCOPE.actions ?? []),
    // Incidents: a GuardDuty EC2 instance contained, an alarm's context read.
    ...CONTAINMENT_IAM_ACTIONS,
    ...ENRICHMENT_IAM_ACTIONS,
    ...(SYNC_CONTROLS_SCOPE.actions ?? []),
  ]);
  for (const control of CONTROLS) {
    for (const action of control.iamActions) actions.add(action);
    for (const action of control.rollback?.iamActions ?? []) actions.add(action);
    for (const action of control.rollback?.readActions ?? []) actions.add(action);
  }
  return [...actions].sort();
}

/**
 * Tags the role of every SOAR function of a stack with {@link MEMBER_ACCESS_TAG} = the stack name, so
 * the member role can trust those roles and no other role of the account.
 */
export function tagMemberAccessRoles(stack: Stack): void {
  Aspects.of(stack).add({
    visit: (node: IConstruct) => {
      if (node instanceof SoarFunction && node.role !== undefined)
        Tags.of(node.role).add(MEMBER_ACCESS_TAG, stack.stackName);
    },
  });
}

/** Props of {@link SoarMemberRoleStack}. */
export interface SoarMemberRoleStackProps extends Omit<StackProps, 'synthesizer' | 'env'> {
  /** `memberRoleName` of the configuration (Control Tower's role gives {@link DEFAULT_MEMBER_ROLE_NAME}). */
  readonly memberRoleName: string;
  /** SOAR's stack name: the trusted roles are named after it and tagged with it. */
  readonly soarStackName: string;
  /** SOAR's account, when the configuration names it (the default of `SoarAccountId`). */
  readonly soarAccountId?: string | undefined;
}

/**
 * The least-privilege member-account role, the alternative to `AWSControlTowerExecution`: a plain
 * template (no asset, no bootstrap), deployed in every member account by a service-managed StackSet.
 * It trusts only SOAR's function roles: roles of SOAR's account, named after SOAR's stack and tagged
 * {@link MEMBER_ACCESS_TAG} with its name. It may call only the actions of {@link memberRoleActions},
 * for at most an hour per session.
 */
export class SoarMemberRoleStack extends Stack {
  public readonly role: iam.CfnRole;

  public constructor(scope: Construct, id: string, props: SoarMemberRoleStackProps) {
    super(scope, id, {
      ...props,
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      description:
        props.description ??
        'SOAR member role: what SOAR may do in this account (update findings, sync controls, remediate).',
    });
    const soarAccountId = new CfnParameter(this, 'SoarAccountId', {
      type: 'String',
      description: 'The account SOAR runs in.',
      allowedPattern: '^\\d{12}$',
      constraintDescription: 'a 12-digit account id',
      ...(props.soarAccountId === undefined ? {} : { default: props.soarAccountId }),
    });
    const soarStackName = new CfnParameter(this, 'SoarStackName', {
      type: 'String',
      description: "SOAR's stack name: only its function roles may assume this role.",
      allowedPattern: '^[A-Za-z][A-Za-z0-9-]{0,127}$',
      default: props.soarStackName,
    });
    const roleName =
      props.memberRoleName === 'AWSControlTowerExecution' ? DEFAULT_MEMBER_ROLE_NAME : props.memberRoleName;
    const soarRoles = Fn.sub('arn:${AWS::Partition}:iam::${SoarAccountId}:role/${SoarStackName}-*', {
      SoarAccountId: soarAccountId.valueAsString,
      SoarStackName: soarStackName.valueAsString,
    });
    this.role = new iam.CfnRole(this, 'MemberRole', {
      roleName,
      description: 'SOAR acts in this account through this role; each session is narrowed to its purpose.',
      maxSessionDuration: 3600,
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: Fn.sub('arn:${AWS::Partition}:iam::${SoarAccountId}:root') },
            Action: 'sts:AssumeRole',
            Condition: {
              ArnLike: { 'aws:PrincipalArn': soarRoles },
              StringEquals: { [`aws:PrincipalTag/${MEMBER_ACCESS_TAG}`]: soarStackName.valueAsString },
            },
          },
        ],
      },
      policies: [
        {
          policyName: 'SoarMemberAccess',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: memberRoleActions(), Resource: '*' }],
          },
        },
      ],
    });
    acknowledge(
      this.role,
      'IAM5[Resource::*]',
      'SOAR acts on resources of findings not known when the role is deployed; every session SOAR opens ' +
        'carries a session policy that names the resources and actions of its purpose, and the role lists ' +
        'only the actions SOAR calls (no wildcard action).',
    );
  }
}
