/** The incident step of SOAR's workflow (`@soar/incidents/steps`): classify, filter, contain, enrich. */
export {
  handleIncidentStep,
  IncidentStateSchema,
  type HandleIncidentPorts,
  type IncidentFlowState,
  type IncidentStepInput,
  type IncidentState,
} from './handle-incident';
export { awsIncidentPortsOnFirstUse, incidentHistoryOnFirstUse } from './on-first-use';
