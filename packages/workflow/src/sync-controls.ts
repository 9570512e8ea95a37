/**
 * `@soar/workflow/sync-controls`: the ports the enabled-controls sync acts through (the
 * organization's accounts, the sync of one account). Intake uses them to sync an account it has
 * never seen before deciding; the scheduled sync's steps are in `@soar/scheduled-jobs`. Their AWS
 * factories are in `@soar/workflow/aws` (`awsOrganizationAccounts`, `awsControlsSync`).
 *
 * @packageDocumentation
 */
export type { ControlsSync, OrganizationAccounts, SyncControlsPorts } from './ports';
