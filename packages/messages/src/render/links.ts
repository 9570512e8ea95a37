import { isHttpsUrl } from '../model/message';

/** A link a message shows: our own label, and an https URL on a trusted host. */
export interface ViewLink {
  readonly label: string;
  readonly url: string;
}

/**
 * True when `url` is https and its host is one of `hosts` or a subdomain of one.
 *
 * @example
 * ```ts
 * isTrustedUrl('https://docs.aws.amazon.com/securityhub/', ['aws.amazon.com']); // true
 * isTrustedUrl('https://aws.amazon.com.evil.example/', ['aws.amazon.com']);      // false
 * ```
 */
export function isTrustedUrl(url: string, hosts: readonly string[]): boolean {
  if (!isHttpsUrl(url)) return false;
  const host = new URL(url).hostname.toLowerCase();
  return hosts.some((trusted) => host === trusted || host.endsWith(`.${trusted}`));
}

/** The host of an https URL, lower-cased; `undefined` for anything else. */
export function httpsHost(url: string | undefined): string | undefined {
  return url !== undefined && isHttpsUrl(url) ? new URL(url).hostname.toLowerCase() : undefined;
}

/**
 * The Security Hub console page of one finding (a findings search on its `Id`).
 *
 * @example
 * ```ts
 * securityHubFindingUrl('https://console.aws.amazon.com', 'eu-west-1', findingArn);
 * // 'https://console.aws.amazon.com/securityhub/home?region=eu-west-1#/findings?search=Id%3D%255Coperator...'
 * ```
 */
export function securityHubFindingUrl(
  consoleBaseUrl: string,
  region: string | undefined,
  findingId: string,
): string {
  const base = consoleBaseUrl.replace(/\/+$/, '');
  const query = region === undefined ? '' : `?region=${encodeURIComponent(region)}`;
  const search = encodeURIComponent(`Id=${encodeURIComponent(`\\operator\\:EQUALS\\:${findingId}`)}`);
  return `${base}/securityhub/home${query}#/findings?search=${search}`;
}
