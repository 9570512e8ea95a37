import { classifyError } from './classify';

const sdkError = (name: string) => Object.assign(new Error(`${name}: injected`), { name });

describe('Function: classifyError', () => {
  it.each([
    // Each service's own "the resource is gone" names, as SDK v3 throws them.
    ['InvalidGroup.NotFound', 'resource_not_found'],
    ['NoSuchEntityException', 'resource_not_found'],
    ['DBInstanceNotFoundFault', 'resource_not_found'],
    ['DBSnapshotNotFoundFault', 'resource_not_found'],
    ['LoadBalancerNotFoundException', 'resource_not_found'],
    ['AccessPointNotFoundException', 'resource_not_found'],
    ['RepositoryNotFoundException', 'resource_not_found'],
    ['ClusterNotFoundException', 'resource_not_found'],
    ['ServiceNotFoundException', 'resource_not_found'],
    // A listener that is gone is not a load balancer that is gone.
    ['ListenerNotFoundException', 'other'],
    ['ThrottlingException', 'throttled'],
  ])('sorts %s as %s', (name, kind) => {
    expect(classifyError(sdkError(name))).toBe(kind);
  });
});
