/**
 * The SES v2 input the EmailNotifier builds, sent through the real SDK serializer to moto's SES v2
 * emulator (which checks the sender identity and the destination shape).
 */
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { startMotoServer, type MotoServer } from '@soar/testing';

import { EmailNotifier } from '../src/email-notifier';
import { aRenderedMessage } from '@soar/messages/testing';

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe('EmailNotifier against moto (SES v2)', () => {
  let moto: MotoServer;
  let ses: SESv2Client;

  beforeAll(async () => {
    moto = await startMotoServer();
    ses = new SESv2Client({ endpoint: moto.endpoint, region: REGION, credentials });
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'soar@example.com' }));
  });
  afterAll(async () => {
    ses.destroy();
    await moto.stop();
  });

  it('sends Content.Simple emails, split in groups of at most 50 destinations', async () => {
    const sent: string[] = [];
    const client = new SESv2Client({ endpoint: moto.endpoint, region: REGION, credentials });
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const messageId = (result.output as { MessageId?: string } | undefined)?.MessageId;
        if (messageId !== undefined) sent.push(messageId);
        return result;
      },
      { step: 'initialize', name: 'recordMessageIds' },
    );
    const email = new EmailNotifier({ from: 'soar@example.com', client, cc: ['soc@example.com'] });
    const to = Array.from({ length: 60 }, (_, i) => `user${String(i)}@example.com`);
    await email.send(aRenderedMessage({ subject: 'Ünïcødé – résumé' }), { to });
    expect(sent).toHaveLength(2);
    client.destroy();
  });

  it('surfaces SES rejections (unverified sender)', async () => {
    const email = new EmailNotifier({ from: 'not-verified@example.org', client: ses });
    await expect(email.send(aRenderedMessage(), { to: ['team@example.com'] })).rejects.toMatchObject({
      name: 'MessageRejected',
    });
  });
});
