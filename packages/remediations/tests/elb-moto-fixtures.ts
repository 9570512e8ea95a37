import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand as CreateClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  type Action,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsAccess } from '@soar/aws-access';
import type { FindingResource } from '../src/engine/control';
import { MEMBER_ACCOUNT, REGION } from './remediation-harness';

let counter = 0;
const where = { accountId: MEMBER_ACCOUNT, region: REGION } as const;

/** An ELBv2 client in the member account for arranging and asserting. */
export function memberElbv2(access: AwsAccess, purpose = 'arrange'): ElasticLoadBalancingV2Client {
  return access.client(ElasticLoadBalancingV2Client, where, { purpose });
}

/** A Classic ELB client in the member account for arranging and asserting. */
export function memberElb(access: AwsAccess, purpose = 'arrange'): ElasticLoadBalancingClient {
  return access.client(ElasticLoadBalancingClient, where, { purpose });
}

/** A VPC with two subnets in two zones, as a load balancer needs. */
async function network(access: AwsAccess): Promise<{ vpcId: string; subnets: string[] }> {
  const ec2 = access.client(EC2Client, where, { purpose: 'arrange' });
  counter += 1;
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${counter % 250}.0.0/16` }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnets = await Promise.all(
    ['a', 'b'].map(async (zone, i) => {
      const out = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.${counter % 250}.${i}.0/24`,
          AvailabilityZone: `${REGION}${zone}`,
        }),
      );
      return out.Subnet?.SubnetId ?? '';
    }),
  );
  return { vpcId, subnets };
}

/**
 * An internet-facing Application Load Balancer with a target group, and the listeners asked for
 * (`{ port, protocol, actions? }`, each forwarding to the group unless actions are given).
 */
export async function createAlb(
  access: AwsAccess,
  listeners: readonly { port: number; protocol: 'HTTP' | 'HTTPS'; actions?: Action[] }[] = [],
): Promise<{ resource: FindingResource; arn: string; targetGroupArn: string; listenerArns: string[] }> {
  const { vpcId, subnets } = await network(access);
  const elb = memberElbv2(access);
  const name = `soar-alb-${counter}`;
  const created = await elb.send(
    new CreateLoadBalancerCommand({
      Name: name,
      Subnets: subnets,
      Scheme: 'internet-facing',
      Type: 'application',
    }),
  );
  const arn = created.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const group = await elb.send(
    new CreateTargetGroupCommand({
      Name: `tg-${counter}`,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: vpcId,
      TargetType: 'instance',
    }),
  );
  const targetGroupArn = group.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const listenerArns: string[] = [];
  for (const listener of listeners) {
    const out = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: arn,
        Port: listener.port,
        Protocol: listener.protocol,
        ...(listener.protocol === 'HTTPS'
          ? {
              Certificates: [
                {
                  CertificateArn: `arn:aws:acm:${REGION}:${MEMBER_ACCOUNT}:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab`,
                },
              ],
            }
          : {}),
        DefaultActions: listener.actions ?? [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      }),
    );
    listenerArns.push(out.Listeners?.[0]?.ListenerArn ?? '');
  }
  return {
    resource: { Type: 'AwsElbv2LoadBalancer', Id: arn, Partition: 'aws', Region: REGION },
    arn,
    targetGroupArn,
    listenerArns,
  };
}

/** A Classic Load Balancer with an HTTP listener. */
export async function createClassicElb(
  access: AwsAccess,
): Promise<{ resource: FindingResource; name: string }> {
  const { subnets } = await network(access);
  const name = `soar-clb-${counter}`;
  await memberElb(access).send(
    new CreateClassicCommand({
      LoadBalancerName: name,
      Subnets: subnets,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
    }),
  );
  return {
    resource: {
      Type: 'AwsElbLoadBalancer',
      Id: `arn:aws:elasticloadbalancing:${REGION}:${MEMBER_ACCOUNT}:loadbalancer/${name}`,
      Partition: 'aws',
      Region: REGION,
    },
    name,
  };
}
