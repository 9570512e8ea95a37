import type { Account } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import { routeTicket, type RouteTicketOptions } from './route-ticket';
import { RoutingConfigSchema, type IncidentsToSoc } from './routing-config';

const account: Pick<Account, 'ProjectId' | 'ProjectIdApp' | 'TeamEmail' | 'TeamEmailApp'> = {
  ProjectId: 'PAY',
  ProjectIdApp: 'PAYAPP',
  TeamEmail: 'infra@example.com',
  TeamEmailApp: 'devs@example.com',
};
const defaults = RoutingConfigSchema.parse({});
const withFields = (ProductFields?: Record<string, string>) => ({ ...aControlFinding(), ProductFields });

describe('Function: routeTicket', () => {
  describe('destination, domain, project and team email', () => {
    it.each([
      // fields, destination, domain, project, teamEmail
      [undefined, 'TEAM', 'INFRA', 'PAY', 'infra@example.com'],
      [{}, 'TEAM', 'INFRA', 'PAY', 'infra@example.com'],
      [{ TicketDestination: 'TEAM' }, 'TEAM', 'INFRA', 'PAY', 'infra@example.com'],
      [{ TicketDestination: 'SOC' }, 'SOC', 'INFRA', 'SOC', 'infra@example.com'],
      [{ IncidentDomain: 'INFRA' }, 'TEAM', 'INFRA', 'PAY', 'infra@example.com'],
      [{ IncidentDomain: 'APP' }, 'TEAM', 'APP', 'PAYAPP', 'devs@example.com'],
      [{ TicketDestination: 'SOC', IncidentDomain: 'APP' }, 'SOC', 'APP', 'SOC', 'devs@example.com'],
      [{ TicketDestination: ' soc ', IncidentDomain: 'app' }, 'SOC', 'APP', 'SOC', 'devs@example.com'],
      [{ TicketDestination: '', IncidentDomain: '  ' }, 'TEAM', 'INFRA', 'PAY', 'infra@example.com'],
    ] as const)(
      'routes ProductFields %j to %s/%s, project %s, %s',
      (fields, destination, domain, project, teamEmail) => {
        const route = routeTicket(withFields(fields), account, defaults);
        expect(route).toMatchObject({ destination, domain, project, teamEmail, notes: [] });
      },
    );

    it('falls back to ProjectId and TeamEmail when the APP values are blank', () => {
      const route = routeTicket(
        withFields({ IncidentDomain: 'APP' }),
        { ...account, ProjectIdApp: ' ', TeamEmailApp: '' },
        defaults,
      );
      expect(route).toMatchObject({ domain: 'APP', project: 'PAY', teamEmail: 'infra@example.com' });
    });

    it.each([
      [{ TicketDestination: 'PARTNER' }, 'TicketDestination', 'TEAM'],
      [{ IncidentDomain: 'DATA' }, 'IncidentDomain', 'INFRA'],
    ])('uses the default for an unknown value %j and says why', (fields, field, fallback) => {
      const route = routeTicket(withFields(fields), account, defaults);
      expect(route).toMatchObject({ destination: 'TEAM', domain: 'INFRA', project: 'PAY' });
      expect(route.notes).toEqual([expect.stringContaining(`ProductFields.${field}`)]);
      expect(route.notes[0]).toContain(`using ${fallback}`);
    });

    it('routes a SOC finding to the team when no SOC project is configured', () => {
      const config = RoutingConfigSchema.parse({ socProject: '  ' });
      const route = routeTicket(withFields({ TicketDestination: 'SOC' }), account, config);
      expect(route).toMatchObject({ destination: 'TEAM', project: 'PAY', alsoToSoc: false });
      expect(route.notes).toEqual([expect.stringContaining('no SOC project')]);
    });
  });

  describe('also to SOC', () => {
    const incident = aGuardDutyFinding();
    const options = (incidentsToSoc: IncidentsToSoc, isIncident = true): RouteTicketOptions => ({
      socProject: 'SECOPS',
      incidentsToSoc,
      incident: isIncident,
    });

    it.each([
      // incidentsToSoc, domain, incident?, destination, alsoToSoc
      ['NONE', 'INFRA', true, 'TEAM', false],
      ['NONE', 'APP', true, 'TEAM', false],
      ['INFRA', 'INFRA', true, 'TEAM', true],
      ['INFRA', 'APP', true, 'TEAM', false],
      ['APP', 'INFRA', true, 'TEAM', false],
      ['APP', 'APP', true, 'TEAM', true],
      ['ALL', 'INFRA', true, 'TEAM', true],
      ['ALL', 'APP', true, 'TEAM', true],
      ['ALL', 'INFRA', false, 'TEAM', false],
      ['ALL', 'INFRA', true, 'SOC', false],
      ['INFRA', 'INFRA', true, 'SOC', false],
    ] as const)(
      'incidentsToSoc %s, domain %s, incident %p, destination %s: alsoToSoc %p',
      (incidentsToSoc, domain, isIncident, destination, alsoToSoc) => {
        const finding = {
          ...incident,
          ProductFields: { IncidentDomain: domain, TicketDestination: destination },
        };
        const route = routeTicket(finding, account, options(incidentsToSoc, isIncident));
        expect(route.alsoToSoc).toBe(alsoToSoc);
        expect(route.socProject).toBe(alsoToSoc || destination === 'SOC' ? 'SECOPS' : undefined);
      },
    );

    it('never sends a control finding to the SOC as a second ticket', () => {
      expect(routeTicket(aControlFinding(), account, options('ALL', false)).alsoToSoc).toBe(false);
    });

    it('treats a missing incident flag as a control finding', () => {
      expect(routeTicket(incident, account, { socProject: 'SOC', incidentsToSoc: 'ALL' }).alsoToSoc).toBe(
        false,
      );
    });

    it('says so when an incident should also go to the SOC but no SOC project exists', () => {
      const route = routeTicket(incident, account, {
        socProject: '',
        incidentsToSoc: 'INFRA',
        incident: true,
      });
      expect(route.alsoToSoc).toBe(false);
      expect(route.notes).toEqual([expect.stringContaining('no SOC project')]);
    });
  });

  describe('Schema: RoutingConfigSchema', () => {
    it('defaults to the original (SOC project "SOC", INFRA incidents to the SOC)', () => {
      expect(defaults).toEqual({ socProject: 'SOC', incidentsToSoc: 'INFRA' });
    });

    it('accepts any case and rejects unknown values', () => {
      expect(RoutingConfigSchema.parse({ incidentsToSoc: ' all ' }).incidentsToSoc).toBe('ALL');
      expect(RoutingConfigSchema.safeParse({ incidentsToSoc: 'SOME' }).success).toBe(false);
    });
  });
});
