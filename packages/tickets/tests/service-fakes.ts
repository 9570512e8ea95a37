// Doubles of the ticketing service's ticket system and notifiers, shared by its tests.
import type { NotificationRecipients, Notifier } from '@soar/notifications';
import type { OpenTicketRequest, TicketSystem } from '@soar/ticket-systems';
import type { RenderedMessage } from '@soar/messages';

/** A ticket system that records calls and can be told to fail. */
export class FakeTicketSystem implements TicketSystem {
  public readonly name = 'jira';
  public readonly opened: OpenTicketRequest[] = [];
  public readonly closed: string[] = [];
  public failNextOpen = false;
  /** Projects where every open fails. */
  public readonly failingProjects = new Set<string>();
  #next = 1;

  public async open(request: OpenTicketRequest) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failingProjects.has(request.project))
      throw new Error(`HTTP 403: no access to ${request.project}`);
    if (this.failNextOpen) {
      this.failNextOpen = false;
      throw new Error('HTTP 503 from Jira');
    }
    this.opened.push(request);
    return { ticketId: `SEC-${this.#next++}`, url: 'https://jira.example.com/browse/SEC-1' };
  }

  public async close(ticketId: string) {
    this.closed.push(ticketId);
  }

  public isValidTicketId(id: string) {
    return /^[A-Z][A-Z0-9_]{0,30}-[1-9]\d{0,9}$/.test(id);
  }
}

/** A notifier that records what it sends and can be told to fail. */
export class RecordingNotifier implements Notifier {
  public readonly sent: { message: RenderedMessage; recipients: NotificationRecipients | undefined }[] = [];
  public fail = false;
  /** Sends that fail before the notifier works again. */
  public failures = 0;
  public calls = 0;

  public constructor(public readonly name: string) {}

  public async send(message: RenderedMessage, recipients?: NotificationRecipients) {
    this.calls += 1;
    if (this.fail) throw new Error(`${this.name} is down`);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error(`${this.name} answered 503`);
    }
    this.sent.push({ message, recipients });
  }
}
