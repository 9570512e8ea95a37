import { SILENT_LOGGER } from '@soar/common';
import { SendEmailCommand, type SendEmailCommandInput, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import { ChannelConfigurationError } from '@soar/http';
import { EmailNotifier } from '../src/email-notifier';
import { InvalidRecipientError } from '../src/errors';
import { isEmailAddress, planDestinations } from '../src/email-recipients';
import { aRenderedMessage } from '@soar/messages/testing';

const ses = mockClient(SESv2Client);
const client = (): SESv2Client => new SESv2Client({ region: 'eu-west-1' });

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

function sentInputs(): SendEmailCommandInput[] {
  return ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
}

describe('EmailNotifier (SES v2 SendEmail)', () => {
  it('sends exactly one Content.Simple email with UTF-8 parts', async () => {
    const email = new EmailNotifier({
      from: 'soar@example.com',
      client: client(),
      cc: ['soc@example.com'],
      bcc: ['archive@example.com'],
      replyTo: ['security@example.com'],
      configurationSetName: 'soar-events',
    });
    const message = aRenderedMessage({ subject: 'CRITICAL: Ünïcødé subject' });
    await email.send(message, { to: ['payments-team@example.com'] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(sentInputs()[0]).toEqual({
      FromEmailAddress: 'soar@example.com',
      Destination: {
        ToAddresses: ['payments-team@example.com'],
        CcAddresses: ['soc@example.com'],
        BccAddresses: ['archive@example.com'],
      },
      ReplyToAddresses: ['security@example.com'],
      Content: {
        Simple: {
          Subject: { Data: 'CRITICAL: Ünïcødé subject', Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
      },
      ConfigurationSetName: 'soar-events',
    });
  });

  it('builds recipients per call: an escalation CC does not leak into the next email', async () => {
    const email = new EmailNotifier({ from: 'soar@example.com', client: client(), cc: ['soc@example.com'] });
    await email.send(aRenderedMessage(), { to: ['team-a@example.com'], cc: ['ciso@example.com'] });
    await email.send(aRenderedMessage(), { to: ['team-b@example.com'] });
    await email.send(aRenderedMessage(), { to: ['team-c@example.com'], cc: ['ciso@example.com'] });
    const [first, second, third] = sentInputs();
    expect(first?.Destination).toEqual({
      ToAddresses: ['team-a@example.com'],
      CcAddresses: ['soc@example.com', 'ciso@example.com'],
    });
    expect(second?.Destination).toEqual({
      ToAddresses: ['team-b@example.com'],
      CcAddresses: ['soc@example.com'],
    });
    expect(third?.Destination?.CcAddresses).toEqual(['soc@example.com', 'ciso@example.com']);
  });

  it('de-duplicates case-insensitively across To, CC and BCC and splits comma-separated entries', async () => {
    const email = new EmailNotifier({ from: 'soar@example.com', client: client(), cc: ['SOC@example.com'] });
    await email.send(aRenderedMessage(), {
      to: ['Team@Example.com, team@example.com', 'other@example.com'],
      cc: ['soc@EXAMPLE.com', 'TEAM@example.com', 'new@example.com'],
      bcc: ['other@example.com', 'new@example.com', 'hidden@example.com'],
    });
    expect(sentInputs()[0]?.Destination).toEqual({
      ToAddresses: ['Team@Example.com', 'other@example.com'],
      CcAddresses: ['SOC@example.com', 'new@example.com'],
      BccAddresses: ['hidden@example.com'],
    });
  });

  it('splits more than 50 destinations into several calls, each address exactly once', async () => {
    const to = Array.from({ length: 30 }, (_, i) => `to${String(i)}@example.com`);
    const cc = Array.from({ length: 60 }, (_, i) => `cc${String(i)}@example.com`);
    const bcc = Array.from({ length: 30 }, (_, i) => `bcc${String(i)}@example.com`);
    const email = new EmailNotifier({ from: 'soar@example.com', client: client() });
    await email.send(aRenderedMessage(), { to, cc, bcc });
    const inputs = sentInputs();
    expect(inputs).toHaveLength(3);
    const counts = inputs.map(
      (i) =>
        (i.Destination?.ToAddresses?.length ?? 0) +
        (i.Destination?.CcAddresses?.length ?? 0) +
        (i.Destination?.BccAddresses?.length ?? 0),
    );
    expect(counts).toEqual([50, 50, 20]);
    expect(inputs.flatMap((i) => i.Destination?.ToAddresses ?? [])).toEqual(to);
    expect(inputs.flatMap((i) => i.Destination?.CcAddresses ?? [])).toEqual(cc);
    expect(inputs.flatMap((i) => i.Destination?.BccAddresses ?? [])).toEqual(bcc);
  });

  it('rejects malformed addresses before calling SES', async () => {
    const email = new EmailNotifier({ from: 'soar@example.com', client: client() });
    for (const bad of [
      'not-an-address',
      'team@example.com\r\nBcc: evil@evil.example',
      'a@b',
      '"x"@example.com',
    ]) {
      await expect(email.send(aRenderedMessage(), { to: [bad] })).rejects.toBeInstanceOf(
        InvalidRecipientError,
      );
    }
    await expect(email.send(aRenderedMessage(), { to: [] })).rejects.toMatchObject({
      field: 'to',
      message: 'to: at least one address is required',
    });
    await expect(email.send(aRenderedMessage())).rejects.toBeInstanceOf(InvalidRecipientError);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
  });

  it('strips CR/LF from the subject', async () => {
    const email = new EmailNotifier({ from: 'soar@example.com', client: client() });
    await email.send(aRenderedMessage({ subject: 'Alert\r\nBcc: evil@evil.example' }), {
      to: ['t@example.com'],
    });
    expect(sentInputs()[0]?.Content?.Simple?.Subject?.Data).toBe('Alert Bcc: evil@evil.example');
  });

  it('is a recorded no-op with sendEmail: false', async () => {
    const suppressed: SendEmailCommandInput[][] = [];
    const info = jest.fn();
    const factory = jest.fn(client);
    const email = new EmailNotifier({
      from: 'soar@example.com',
      client: factory,
      sendEmail: false,
      onSuppressed: (inputs) => suppressed.push([...inputs]),
      logger: { ...SILENT_LOGGER, warn: jest.fn(), info },
    });
    await email.send(aRenderedMessage(), { to: ['team@example.com'] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
    expect(factory).not.toHaveBeenCalled();
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.[0]?.Destination?.ToAddresses).toEqual(['team@example.com']);
    expect(info).toHaveBeenCalledWith(
      'email: sending disabled; not sent',
      expect.objectContaining({ calls: 1 }),
    );
  });

  it('creates the SES client lazily, once', async () => {
    const factory = jest.fn(client);
    const email = new EmailNotifier({ from: 'soar@example.com', client: factory });
    expect(factory).not.toHaveBeenCalled();
    await email.send(aRenderedMessage(), { to: ['a@example.com'] });
    await email.send(aRenderedMessage(), { to: ['b@example.com'] });
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('propagates SES errors (notifyAll makes them fail-open)', async () => {
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }));
    const email = new EmailNotifier({ from: 'soar@example.com', client: client() });
    await expect(email.send(aRenderedMessage(), { to: ['a@example.com'] })).rejects.toMatchObject({
      name: 'MessageRejected',
    });
  });

  it('validates its configuration', () => {
    expect(() => new EmailNotifier({ from: 'SOAR <soar@example.com>' })).toThrow(ChannelConfigurationError);
    expect(() => new EmailNotifier({ from: 'soar@example.com', cc: ['nope'] })).toThrow(
      ChannelConfigurationError,
    );
    expect(() => new EmailNotifier({ from: 'soar@example.com', maxDestinationsPerCall: 51 })).toThrow(
      ChannelConfigurationError,
    );
  });
});

describe('email address helpers', () => {
  it('accepts plain addresses only', () => {
    expect(isEmailAddress('first.last+tag@sub.example.co.uk')).toBe(true);
    expect(isEmailAddress('x@example.com\n')).toBe(false);
    expect(isEmailAddress(`${'a'.repeat(250)}@example.com`)).toBe(false);
  });

  it('plans groups that never exceed the limit', () => {
    const groups = planDestinations({ to: ['a@x.com', 'b@x.com', 'c@x.com'] }, {}, 2);
    expect(groups).toEqual([
      { to: ['a@x.com', 'b@x.com'], cc: [], bcc: [] },
      { to: ['c@x.com'], cc: [], bcc: [] },
    ]);
  });
});
