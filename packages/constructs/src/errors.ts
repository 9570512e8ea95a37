/**
 * Base class of the errors `@soar/constructs` throws at synth: a configuration the construct cannot
 * build safely. The message names the fields to set.
 */
export class ConstructsError extends Error {
  public override name = 'ConstructsError';
}

/**
 * Neither an organization id nor the explicit opt-in to any organization was given for the member
 * role: the organization condition would silently vanish.
 */
export class OrganizationRequiredError extends ConstructsError {
  public override name = 'OrganizationRequiredError';
}
