import { createLocalSecurityHub, FindingImportError } from '@soar/security-hub';

import { type SoarLogger } from '@soar/common';
import {
  type AlarmSecurityHub,
  AlarmEventError,
  DEFAULT_ALARM_FINDING_CONFIG,
  handleAlarmEvent,
} from '../src';
import { loadAlarmEvent } from './helpers/events';

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attributes: Record<string, unknown> | undefined;
}

function recordingLogger(): { logger: SoarLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const line = (level: LogLine['level']) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push({ level, message, attributes });
  };
  return {
    logger: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') },
    lines,
  };
}

describe('Function: handleAlarmEvent', () => {
  it('imports the finding into the alarm account and region, once per transition', async () => {
    // Arrange
    const securityHub = createLocalSecurityHub();
    const { logger, lines } = recordingLogger();
    const event = loadAlarmEvent('metric-stepfunctions-high');

    // Act: the same event delivered twice
    const first = await handleAlarmEvent(event, {
      config: DEFAULT_ALARM_FINDING_CONFIG,
      securityHub,
      logger,
    });
    await handleAlarmEvent(structuredClone(event), {
      config: DEFAULT_ALARM_FINDING_CONFIG,
      securityHub,
      logger,
    });

    // Assert
    expect(first).toEqual({
      outcome: 'imported',
      findingId:
        'arn:aws:cloudwatch:eu-north-1:111122223333:alarm:INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH/ALARM/2026-11-20T10:15:30.123Z',
      accountId: '111122223333',
      region: 'eu-north-1',
      severity: 'HIGH',
      domain: 'INFRA',
    });
    expect(securityHub.findings()).toHaveLength(1);
    expect(securityHub.history().map((change) => [change.accountId, change.region, change.created])).toEqual([
      ['111122223333', 'eu-north-1', true],
      ['111122223333', 'eu-north-1', false],
    ]);
    expect(lines.filter((line) => line.level === 'info').map((line) => line.message)).toEqual([
      'Alarm finding imported',
      'Alarm finding imported',
    ]);
  });

  it('logs a warning line for a name without severity, and imports it with the default severity', async () => {
    const securityHub = createLocalSecurityHub();
    const { logger, lines } = recordingLogger();

    const outcome = await handleAlarmEvent(loadAlarmEvent('no-severity'), {
      config: DEFAULT_ALARM_FINDING_CONFIG,
      securityHub,
      logger,
    });

    expect(outcome).toMatchObject({ outcome: 'imported', severity: 'MEDIUM', domain: 'APP' });
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.attributes).toMatchObject({
      alarmName: 'ServerCpuTooHigh',
      warnings: [expect.stringMatching(/no severity segment/), expect.stringMatching(/no domain segment/)],
    });
  });

  it.each(['ok-transition', 'cis-unauthorized-api-calls'])(
    'ignores %s without calling Security Hub',
    async (variant) => {
      const securityHub: AlarmSecurityHub = { importFindings: jest.fn() };
      const { logger, lines } = recordingLogger();

      const outcome = await handleAlarmEvent(loadAlarmEvent(variant), {
        config: DEFAULT_ALARM_FINDING_CONFIG,
        securityHub,
        logger,
      });

      expect(outcome.outcome).toBe('ignored');
      expect(securityHub.importFindings).not.toHaveBeenCalled();
      expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'Alarm event ignored' })]);
    },
  );

  it('logs and throws a malformed event, so that Lambda retries and then dead-letters it', async () => {
    const event = loadAlarmEvent('metric-lambda-medium');
    event.detail.state['value'] = 'FIRING';
    const { logger, lines } = recordingLogger();

    await expect(
      handleAlarmEvent(event, {
        config: DEFAULT_ALARM_FINDING_CONFIG,
        securityHub: createLocalSecurityHub(),
        logger,
      }),
    ).rejects.toBeInstanceOf(AlarmEventError);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        attributes: expect.objectContaining({ field: 'detail.state.value' }),
      }),
    ]);
  });

  it('throws when Security Hub refuses the finding: never a silent false', async () => {
    const refused = new FindingImportError(
      [{ findingId: 'x', errorCode: 'InvalidInput', errorMessage: 'bad', attempts: 1 }],
      [],
      '111122223333',
    );
    const securityHub: AlarmSecurityHub = { importFindings: jest.fn().mockRejectedValue(refused) };
    const { logger, lines } = recordingLogger();

    await expect(
      handleAlarmEvent(loadAlarmEvent('metric-lambda-medium'), {
        config: DEFAULT_ALARM_FINDING_CONFIG,
        securityHub,
        logger,
      }),
    ).rejects.toBe(refused);
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: 'Importing the alarm finding failed' });
  });
});
