import { guardDuty } from '../../tests/findings';
import { incidentHistoryOnFirstUse } from './on-first-use';

describe('Function: incidentHistoryOnFirstUse', () => {
  it('loads the recorder on the first record, and records nothing for an incident that is no alarm', async () => {
    const sent: unknown[] = [];
    const history = incidentHistoryOnFirstUse(
      { send: (command: unknown) => Promise.resolve(void sent.push(command)) } as never,
      'incident-history',
    );

    await expect(history.record(guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH'), 'SOAR-1')).resolves.toBe(
      'not_an_alarm',
    );
    expect(sent).toEqual([]);
  });
});
