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

/** A self-signed test certificate for `soar-test.example` (EC P-256, valid until 2126) and its key. */
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATWgAwIBAgIUSlT7MlSUzELQFzAkiH+umZkczZkwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRc29hci10ZXN0LmV4YW1wbGUwIBcNMjYxMjA3MDE1MDExWhgP
MjEyNjExMTMwMTUwMTFaMBwxGjAYBgNVBAMMEXNvYXItdGVzdC5leGFtcGxlMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuCNTCJ/auWDr472k5pma3ny+RylPPtcP
pEIDu7vZ1oU9yL/oCzFh8Kineo8mT9Q2PVZmHqjwgSdrO42GkKFJ3KNTMFEwHQYD
VR0OBBYEFIuNYNZJ2JdJjGqn3MUIVRjo1XopMB8GA1UdIwQYMBaAFIuNYNZJ2JdJ
jGqn3MUIVRjo1XopMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIh
ALeet5Fag6AsFL+YYPlDrNcA/XeP7LolUEoXojQvk7T2AiAn5UamXbgn5wXykXDW
ntJmwwE0IeznUAhutxXX7yXTXg==
-----END CERTIFICATE-----
`;
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgClevhmXz1ehw2DFL
hJL+wMLxXJHp7Y6wF/IJ877rz6uhRANCAAS4I1MIn9q5YOvjvaTmmZrefL5HKU8+
1w+kQgO7u9nWhT3Iv+gLMWHwqKd6jyZP1DY9VmYeqPCBJ2s7jYaQoUnc
-----END PRIVATE KEY-----
`;

/**
 * Imports the test certificate into the member account's ACM and returns its ARN: moto's
 * CreateListener accepts an HTTPS listener only with a certificate that exists in the load
 * balancer's own account (one in the caller's account, or an IAM server certificate, is "not found").
 * The call is ACM's JSON protocol sent by hand, signed with the member session's access key (moto
 * takes the account from it and checks no signature), because no ACM client is installed and tests
 * need no new dependency for one call.
 */
async function importCertificate(access: AwsAccess): Promise<string> {
  const credentials = await memberElbv2(access).config.credentials();
  const response = await fetch(String(await endpointOf(access)), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'CertificateManager.ImportCertificate',
      Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/${REGION}/acm/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({
      Certificate: Buffer.from(TEST_CERT).toString('base64'),
      PrivateKey: Buffer.from(TEST_KEY).toString('base64'),
    }),
  });
  const body = (await response.json()) as { CertificateArn?: string };
  if (!response.ok || body.CertificateArn === undefined)
    throw new Error(`moto did not import the test certificate: ${response.status} ${JSON.stringify(body)}`);
  return body.CertificateArn;
}

async function endpointOf(access: AwsAccess) {
  const endpoint = await memberElbv2(access).config.endpoint?.();
  return `${endpoint?.protocol ?? 'http:'}//${endpoint?.hostname ?? '127.0.0.1'}:${endpoint?.port ?? ''}${endpoint?.path ?? '/'}`;
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
                  CertificateArn: await importCertificate(access),
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
