import { findingContext } from '../../../tests/finding-context';
import { iam_8, iamUserOf } from './iam-8';

describe('Control: IAM.8 fromFinding', () => {
  it('is unknown: no finding says when the credentials were last used', () => {
    const derived = iam_8.fromFinding?.(
      findingContext({
        controlId: 'IAM.8',
        resource: {
          Type: 'AwsIamUser',
          Id: 'arn:aws:iam::111122223333:user/build-bot',
          Partition: 'aws',
          Region: 'eu-west-1',
          Details: { AwsIamUser: { UserName: 'build-bot' } },
        },
      }),
    );
    expect(derived).toEqual({ kind: 'unknown', reason: expect.stringContaining('build-bot') });
  });

  it.each([
    ['arn:aws:iam::111122223333:user/build-bot', 'build-bot'],
    ['arn:aws-us-gov:iam::111122223333:user/machines/ci/build-bot', 'build-bot'],
    ['arn:aws-cn:iam::111122223333:user/a.b@c', 'a.b@c'],
  ])('names the user of %s', (id, userName) => {
    expect(iamUserOf({ Id: id })?.userName).toBe(userName);
  });

  it.each(['AIDAEXAMPLE', 'arn:aws:iam::111122223333:role/build-bot', 'arn:aws:iam::111122223333:user/'])(
    'accepts no user in %s',
    (id) => {
      expect(iamUserOf({ Id: id })).toBeUndefined();
    },
  );
});
