import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { elb_1, httpsRedirect, type Elb1State } from './elb-1';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const LISTENER = (id: string) => `${ARN.replace(':loadbalancer/', ':listener/')}/${id}`;
const FORWARD = {
  Type: 'forward' as const,
  TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef',
};
const context = unitContext({
  controlId: 'ELB.1',
  resource: { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws', Region: 'eu-west-1' },
  accountId: '111122223333',
  region: 'eu-west-1',
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const http = (port: number, actions: Elb1State['listeners'][number]['defaultActions'] = [FORWARD]) => ({
  listenerArn: LISTENER(`h${port}`),
  port,
  protocol: 'HTTP',
  defaultActions: actions,
});
const https = (port: number) => ({ listenerArn: LISTENER(`s${port}`), port, protocol: 'HTTPS' });
const state = (...listeners: Elb1State['listeners']): Elb1State => ({
  loadBalancerArn: ARN,
  name: 'web',
  listeners,
  tags: {},
});

describe('Control: ELB.1 plan', () => {
  it.each([
    ['no listener', state(), 'compliant'],
    ['HTTPS only', state(https(443)), 'compliant'],
    ['HTTP already redirected', state(http(80, [httpsRedirect(443)]), https(443)), 'compliant'],
    ['HTTP forwarding, with HTTPS', state(http(80), https(443)), 'changes'],
    ['HTTP forwarding, no HTTPS', state(http(80)), 'refuse'],
    [
      'HTTP redirecting to HTTP, with HTTPS',
      state(
        http(80, [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTP', Port: '8080', StatusCode: 'HTTP_302' } },
        ]),
        https(443),
      ),
      'changes',
    ],
  ] as const)('%s -> %s', (_name, s, kind) => {
    expect(elb_1.plan(s, context).kind).toBe(kind);
  });

  it('redirects every HTTP listener, not only port 80 (the original ignored other ports), to the HTTPS listener on 443', () => {
    expect(elb_1.plan(state(http(80), http(8080), https(8443), https(443)), context)).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'elasticloadbalancing:ModifyListener',
          params: { listenerArn: LISTENER('h80'), defaultActions: [httpsRedirect(443)] },
        },
        { params: { listenerArn: LISTENER('h8080'), defaultActions: [httpsRedirect(443)] } },
      ],
      beforeImage: {
        loadBalancerArn: ARN,
        redirectPort: 443,
        listeners: [
          { listenerArn: LISTENER('h80'), port: 80, defaultActions: [FORWARD] },
          { listenerArn: LISTENER('h8080'), port: 8080, defaultActions: [FORWARD] },
        ],
      },
    });
  });

  it('redirects to the first HTTPS listener when none is on 443', () => {
    const plan = elb_1.plan(state(http(80), https(8443)), context);
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [{ params: { defaultActions: [httpsRedirect(8443)] } }],
    });
  });

  it('keeps host, path and query in a permanent redirect', () => {
    expect(httpsRedirect(443)).toEqual({
      Type: 'redirect',
      RedirectConfig: {
        Protocol: 'HTTPS',
        Port: '443',
        Host: '#{host}',
        Path: '/#{path}',
        Query: '#{query}',
        StatusCode: 'HTTP_301',
      },
    });
  });

  it('refuses without an HTTPS listener, saying what to do first', () => {
    expect(elb_1.plan(state(http(80)), context)).toEqual({
      kind: 'refuse',
      reason: expect.stringMatching(/no HTTPS listener.*add a certificate and an HTTPS listener/),
    });
  });
});

describe('Control: ELB.1 read and apply (aws-sdk-client-mock)', () => {
  const elb = mockClient(ElasticLoadBalancingV2Client);
  afterEach(() => elb.reset());
  afterAll(() => elb.restore());

  it.each(['LoadBalancerNotFoundException', 'LoadBalancerNotFound'])(
    'reads a deleted ALB as gone on %s',
    async (code) => {
      elb.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('not found'), { name: code }));
      expect(await elb_1.read(context)).toMatchObject({ kind: 'gone' });
    },
  );

  it('reads an internal load balancer like any other (the original suppressed its finding)', async () => {
    // Arrange
    elb
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerArn: ARN, Scheme: 'internal' }] });
    elb.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: ARN, Tags: [] }] });
    elb.on(DescribeListenersCommand).resolves({
      Listeners: [
        { ListenerArn: LISTENER('h80'), Port: 80, Protocol: 'HTTP', DefaultActions: [FORWARD] },
        { ListenerArn: LISTENER('s443'), Port: 443, Protocol: 'HTTPS' },
      ],
    });

    // Act
    const read = await elb_1.read(context);

    // Assert
    expect(read.kind === 'found' ? elb_1.plan(read.state, context).kind : read.kind).toBe('changes');
  });

  it('reads every page of listeners (the original read only the first)', async () => {
    // Arrange
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ARN }] });
    elb
      .on(DescribeTagsCommand)
      .resolves({ TagDescriptions: [{ ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'web' }] }] });
    elb
      .on(DescribeListenersCommand)
      .resolvesOnce({
        Listeners: [
          {
            ListenerArn: LISTENER('s443'),
            Port: 443,
            Protocol: 'HTTPS',
            DefaultActions: [
              {
                Type: 'authenticate-oidc',
                AuthenticateOidcConfig: {
                  Issuer: 'i',
                  AuthorizationEndpoint: 'a',
                  TokenEndpoint: 't',
                  UserInfoEndpoint: 'u',
                  ClientId: 'c',
                },
              },
            ],
          },
        ],
        NextMarker: 'm',
      })
      .resolvesOnce({
        Listeners: [{ ListenerArn: LISTENER('h80'), Port: 80, Protocol: 'HTTP', DefaultActions: [FORWARD] }],
      });

    // Act / Assert
    expect(await elb_1.read(context)).toEqual({
      kind: 'found',
      state: { ...state(https(443), http(80)), tags: { team: 'web' } },
    });
    expect(elb.commandCalls(DescribeListenersCommand)[1]?.args[0].input).toMatchObject({ Marker: 'm' });
  });

  it('refuses to read an HTTP listener action with a field it would drop, naming the field', async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ARN }] });
    elb.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    elb.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          ListenerArn: LISTENER('h80'),
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [
            {
              Type: 'authenticate-cognito',
              AuthenticateCognitoConfig: { UserPoolArn: 'p', UserPoolClientId: 'c', UserPoolDomain: 'd' },
            },
          ],
        },
      ],
    });
    await expect(elb_1.read(context)).rejects.toThrow('AuthenticateCognitoConfig');
  });

  it('sets the redirect as the default action of each listener', async () => {
    // Arrange
    elb.on(ModifyListenerCommand).resolves({});
    const plan = elb_1.plan(state(http(80), https(443)), context);

    // Act
    await elb_1.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(elb.commandCalls(ModifyListenerCommand).map((c) => c.args[0].input)).toEqual([
      { ListenerArn: LISTENER('h80'), DefaultActions: [httpsRedirect(443)] },
    ]);
  });

  it.each([
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/n/0123456789abcdef',
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web',
    'app/web/0123456789abcdef',
  ])('refuses %s, naming it', async (id) => {
    await expect(elb_1.read({ ...context, resource: { ...context.resource, Id: id } })).rejects.toThrow(id);
  });

  it('scopes ModifyListener to the listeners of this load balancer, in its partition', () => {
    const gov = ARN.replace('arn:aws:', 'arn:aws-us-gov:').replace('eu-west-1', 'us-gov-west-1');
    const statements = elb_1.permissions({
      ...context,
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      resource: { ...context.resource, Id: gov },
    });
    expect(statements).toContainEqual({
      actions: ['elasticloadbalancing:ModifyListener'],
      resources: [
        'arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/app/web/0123456789abcdef/*',
      ],
    });
  });
});
