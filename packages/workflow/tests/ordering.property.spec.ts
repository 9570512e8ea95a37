import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { Notifier } from '@soar/notifications';
import { createScratchpad, type AccountInput } from '@soar/scratchpad';
import { createLocalSecurityHub, type LocalSecurityHub } from '@soar/security-hub';
import { aControlFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { InternalTicketSystem } from '@soar/ticket-systems';
import {
  createTicketingService,
  RoutingConfigSchema,
  SlaConfigSchema,
  TicketStore,
  ticketsTableDefinition,
} from '@soar/tickets';
import { decide, DecideConfigSchema } from '@soar/triage';
import * as fc from 'fast-check';
import { createDynamoDbWatermarks, watermarksTableDefinition } from '../src/aws/watermarks';
import { eventKey } from '../src/keys';
import type { FlowState } from '../src/state';
import { closeTicketStep, suppressStep, ticketStep } from '../src/steps/steps';
import { eventMarkOf, type WatermarkStore } from '../src/watermark';

const account: AccountInput = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  ProjectId: 'PAY',
  Environment: 'PROD',
  Team: 'payments',
};
const NOW = new Date('2026-11-21T00:00:00.000Z');
const DECIDE = DecideConfigSchema.parse({});

type Status = 'FAILED' | 'PASSED';

/** Counts what the team was sent. */
class Outbox implements Notifier {
  public readonly name = 'email';
  public sent = 0;
  public send(): Promise<void> {
    this.sent += 1;
    return Promise.resolve();
  }
}

/** One finding's world: its tickets, watermark and Security Hub copy, over the shared local DynamoDB. */
interface World {
  readonly finding: AwsSecurityFinding;
  readonly store: TicketStore;
  readonly watermarks: WatermarkStore;
  readonly securityHub: LocalSecurityHub;
  readonly outbox: Outbox;
}

/**
 * The events of one finding's history, `UpdatedAt` one minute apart: a failing check is a NEW
 * finding, a passing one is RESOLVED (Security Hub resolves a finding whose control passes).
 */
function history(base: AwsSecurityFinding, statuses: readonly Status[]): AwsSecurityFinding[] {
  return statuses.map((status, index) => {
    const at = new Date(Date.parse('2026-11-20T10:00:00.000Z') + index * 60_000).toISOString();
    return {
      ...base,
      UpdatedAt: at,
      ProcessedAt: at,
      Compliance: { ...base.Compliance, Status: status },
      Workflow: { Status: status === 'FAILED' ? 'NEW' : 'RESOLVED' },
    };
  });
}

/**
 * Delivers one event as intake and the finding processor would: intake leaves an event older than
 * one already seen (and records the others as seen), decides with the gates SOAR's tables give, and
 * the route's step acts. Step Functions' refusal of a repeated execution name is left out on purpose,
 * so every duplicate reaches the steps and the watermark alone must hold.
 */
async function deliver(event: AwsSecurityFinding, world: World): Promise<void> {
  const key = eventKey(event);
  if ((await world.watermarks.claim(eventMarkOf(key, event), NOW)).kind === 'stale') return;
  const stored = await world.store.get(event.Id);
  const openTicket =
    stored?.status === 'OPEN' && stored.ticketId !== undefined ? { ticketId: stored.ticketId } : undefined;
  const pad = createScratchpad(event, { account });
  const decision = decide(pad, { openTicket, controlEnabled: true, remediationEnabled: false }, DECIDE);
  const state: FlowState = { key, pad, decision };
  const tickets = createTicketingService({
    store: world.store,
    ticketSystem: new InternalTicketSystem(),
    email: world.outbox,
    routing: RoutingConfigSchema.parse({}),
    sla: SlaConfigSchema.parse({}),
    render: { productName: 'SOAR' },
    teamEmailOf: () => Promise.resolve({ teamEmail: 'payments@example.com' }),
    clock: () => NOW,
  });
  const ports = { tickets, securityHub: world.securityHub, watermarks: world.watermarks, clock: () => NOW };
  if (decision.route === 'ticket') await ticketStep(state, ports);
  else if (decision.route === 'close_ticket') await closeTicketStep(state, ports);
  else if (decision.route === 'suppress') await suppressStep(state, ports);
}

/** What the team and Security Hub end up with. */
async function outcome(world: World, newest: Status) {
  const row = await world.store.get(world.finding.Id);
  const tickets = row === undefined ? 0 : row.history.length + 1;
  const closed = row === undefined ? 0 : row.history.length + (row.status === 'CLOSED' ? 1 : 0);
  return {
    ticketOpen: row?.status === 'OPEN',
    // After a failing check the finding is NOTIFIED; after a passing one Security Hub's own status rules.
    workflow: newest === 'FAILED' ? world.securityHub.finding(world.finding.Id)?.Workflow?.Status : 'n/a',
    // One email per ticket opened and one per ticket closed: nothing sent twice, nothing by a stale event.
    emailsPerTicketEvent: tickets + closed === world.outbox.sent,
  };
}

describe('Property: a finding ends the same whatever the order and duplication of its events', () => {
  let db: LocalDynamoDb;
  let store: TicketStore;
  let watermarks: WatermarkStore;

  beforeAll(async () => {
    db = await startDynalite();
    const client = db.client();
    await client.send(new CreateTableCommand(ticketsTableDefinition('tickets')));
    await client.send(new CreateTableCommand(watermarksTableDefinition('watermarks')));
    store = new TicketStore({ dynamodb: client, tableName: 'tickets' });
    watermarks = createDynamoDbWatermarks({ dynamodb: client, tableName: 'watermarks' });
  });
  afterAll(() => db.stop());

  const newWorld = (): World => {
    const finding = aControlFinding({ controlId: 'EC2.2' });
    return {
      finding,
      store,
      watermarks,
      securityHub: createLocalSecurityHub({ findings: [finding], now: () => NOW }),
      outbox: new Outbox(),
    };
  };

  /** A history, and a delivery order: a permutation of it with some events delivered again. */
  const deliveries = fc
    .array(fc.constantFrom<Status>('FAILED', 'PASSED'), { minLength: 1, maxLength: 6 })
    .chain((statuses) => {
      const indexes = statuses.map((_, index) => index);
      return fc.record({
        statuses: fc.constant(statuses),
        order: fc.shuffledSubarray(indexes, { minLength: indexes.length, maxLength: indexes.length }),
        again: fc.array(fc.tuple(fc.nat(statuses.length - 1), fc.nat()), { maxLength: 4 }),
      });
    })
    .map(({ statuses, order, again }) => {
      const delivered = [...order];
      for (const [index, position] of again) delivered.splice(position % (delivered.length + 1), 0, index);
      return { statuses, delivered };
    });

  it('holds for any permutation and duplication of FAILED/PASSED events', async () => {
    await fc.assert(
      fc.asyncProperty(deliveries, async ({ statuses, delivered }) => {
        const newest = statuses[statuses.length - 1] ?? 'FAILED';
        const inOrder = newWorld();
        for (const event of history(inOrder.finding, statuses)) await deliver(event, inOrder);

        const shuffled = newWorld();
        const events = history(shuffled.finding, statuses);
        for (const index of delivered) {
          const event = events[index];
          if (event !== undefined) await deliver(event, shuffled);
        }

        const expected = await outcome(inOrder, newest);
        expect(expected.emailsPerTicketEvent).toBe(true);
        expect(await outcome(shuffled, newest)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('does not reopen the ticket, nor email the team, for an older FAILED event delivered after PASSED', async () => {
    // Arrange: FAILED at 10:00 opened the ticket, PASSED at 10:01 closed it, and a FAILED at 10:00:30
    // that Security Hub sent in between arrives last
    const world = newWorld();
    const [failed, passed] = history(world.finding, ['FAILED', 'PASSED']);
    if (failed === undefined || passed === undefined) throw new Error('two events expected');
    const late = {
      ...failed,
      UpdatedAt: '2026-11-20T10:00:30.000Z',
      ProcessedAt: '2026-11-20T10:00:30.000Z',
    };
    await deliver(failed, world);
    await deliver(passed, world);
    const sentBefore = world.outbox.sent;

    // Act
    await deliver(late, world);

    // Assert
    expect((await world.store.get(world.finding.Id))?.status).toBe('CLOSED');
    expect(world.outbox.sent).toBe(sentBefore);
  });
});
