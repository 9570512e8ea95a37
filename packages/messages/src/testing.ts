/**
 * Test helpers for packages that send rendered messages (`@soar/messages/testing`): not for
 * production code.
 *
 * @packageDocumentation
 */
import type { RenderedMessage } from './rendered';

/** A complete rendered message, as the renderers would produce it. */
export function aRenderedMessage(overrides: Partial<RenderedMessage> = {}): RenderedMessage {
  return {
    subject: 'HIGH: EC2.2 default security group allows traffic',
    text: 'The default security group of vpc-0123 allows inbound traffic.\n\nPlease fix it.',
    html: '<!doctype html><html><body><h1>EC2.2</h1></body></html>',
    jira: {
      summary: 'HIGH: EC2.2 default security group allows traffic',
      description: {
        version: 1,
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'The default security group allows traffic.' }],
          },
        ],
      },
    },
    serviceNow: {
      shortDescription: 'HIGH: EC2.2 default security group allows traffic',
      description: 'The default security group of vpc-0123 allows inbound traffic.',
    },
    slack: {
      text: 'HIGH: EC2.2 default security group allows traffic',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*EC2.2* default security group' } }],
    },
    teams: {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: 'EC2.2 default security group', wrap: true }],
          },
        },
      ],
    },
    ...overrides,
  };
}
