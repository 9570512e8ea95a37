/**
 * Test helpers for SOAR packages: ASFF and event builders, a JSON fixture loader, and the
 * lifecycles of the AWS emulators the integration tests use (moto server, in-process dynalite).
 *
 * @packageDocumentation
 */
export {
  aControlFinding,
  aCustomActionEvent,
  aFindingsImportedEvent,
  aGuardDutyFinding,
  anAlarmStateChangeEvent,
  SECURITY_ACCOUNT_ID,
  TEST_ACCOUNT_ID,
  TEST_REGION,
  type AlarmEventOptions,
  type ControlFindingOptions,
  type GuardDutyFindingOptions,
} from './builders';
export { FixtureError, fixtureLoader, loadJsonFixture } from './fixtures';
export { startDynalite, type LocalDynamoDb } from './dynalite';
export {
  MotoServerError,
  startMotoServer,
  type MotoServer,
  type MotoServerFailure,
  type MotoServerOptions,
} from './moto-server';
export {
  LOOPBACK_TIMEOUT_MS,
  instantSleep,
  startTestServer,
  type RecordedRequest,
  type Reply,
  type Responder,
  type TestServer,
} from './http-server';
export { nonStrictObjects } from './strict-schemas';
