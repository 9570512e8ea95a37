import { type AwsSecurityFinding, getGeneratorControlId, parseArn } from '@soar/asff-schema';
import * as z from 'zod';
import { globMatches } from '../suppression/glob';

/** The product part (`<company>/<product>`) of Security Hub's own `ProductArn`. */
export const SECURITY_HUB_PRODUCT = 'aws/securityhub';

/**
 * Products whose findings SOAR handles besides Security Hub's own control findings, as
 * `<company>/<product>` patterns where `*` stands for any characters: the part after `product/` in
 * the finding's `ProductArn`. The default trusts AWS's own integrations (GuardDuty, Inspector, Macie,
 * IAM Access Analyzer, Health, …: `aws/…`) and the `default` product of the organization's accounts,
 * which is where custom findings, such as those of alarms-to-sechub, are imported.
 *
 * Findings of these products are handled as incidents at most: only Security Hub's own control
 * findings are ever remediated, whatever this list says.
 *
 * @example
 * ```ts
 * TrustedProductsSchema.parse(['aws/*', '*\/default', 'crowdstrike/crowdstrike-falcon']);
 * ```
 */
export const TrustedProductsSchema = z
  .array(
    z
      .string()
      .regex(/^[^\s/]+\/[^\s/]+$/, 'must be a product as `<company>/<product>`, such as `aws/guardduty`'),
  )
  .default(['aws/*', '*/default']);

/**
 * Where a finding comes from, as far as SOAR trusts it:
 * - `control`: a Security Hub control finding (Security Hub's own product, in the finding's region,
 *   with a generator that names the control), the only kind SOAR may remediate;
 * - `product`: a finding of a trusted product, handled as an incident;
 * - `untrusted`: anything else, left alone and recorded with the reason.
 */
export type Provenance =
  | { readonly kind: 'control'; readonly controlId: string; readonly product: string }
  | { readonly kind: 'product'; readonly product: string }
  | { readonly kind: 'untrusted'; readonly reason: string };

/**
 * Tells where a finding comes from (pure). Any account with `securityhub:BatchImportFindings` can
 * import a finding into its own default product that claims any control id, generator or title; what
 * it cannot forge is the `ProductArn` of Security Hub itself (`…::product/aws/securityhub`, no
 * account) or of another company's product. So a control id counts only on a finding of Security
 * Hub's own product whose generator names that same control, and other products count only when
 * `trustedProducts` lists them.
 *
 * @example
 * ```ts
 * provenanceOf(controlFinding, ['aws/*']);  // { kind: 'control', controlId: 'EC2.2', product: 'aws/securityhub' }
 * provenanceOf(forgedFinding, ['aws/*']);   // { kind: 'untrusted', reason: 'The product 111122223333/default is not trusted …' }
 * ```
 */
export function provenanceOf(
  finding: Pick<AwsSecurityFinding, 'ProductArn' | 'Region' | 'GeneratorId' | 'Compliance' | 'ProductFields'>,
  trustedProducts: readonly string[],
): Provenance {
  const arn = parseArn(finding.ProductArn);
  if (arn === undefined || arn.service !== 'securityhub' || !arn.resource.startsWith('product/')) {
    return { kind: 'untrusted', reason: 'The ProductArn is not the ARN of a Security Hub product.' };
  }
  const region = finding.Region?.trim() ?? '';
  if (region !== '' && arn.region !== region) {
    return {
      kind: 'untrusted',
      reason: `The ProductArn names the region "${arn.region}" but the finding is in "${region}".`,
    };
  }
  const product = arn.resource.slice('product/'.length);

  if (product === SECURITY_HUB_PRODUCT && arn.accountId === '') {
    const controlId = finding.Compliance?.SecurityControlId?.trim() ?? '';
    if (controlId === '') return { kind: 'product', product };
    const generator = getGeneratorControlId(finding);
    const productFieldId = (
      finding.ProductFields?.['ControlId'] ??
      finding.ProductFields?.['RuleId'] ??
      ''
    ).trim();
    const named =
      generator !== undefined &&
      (generator.form === 'consolidated'
        ? generator.controlId === controlId
        : generator.controlId === controlId || generator.controlId === productFieldId);
    return named
      ? { kind: 'control', controlId, product }
      : {
          kind: 'untrusted',
          reason: `The finding claims the control ${controlId}, but its GeneratorId does not name it.`,
        };
  }

  if (trustedProducts.some((pattern) => globMatches(pattern, product))) return { kind: 'product', product };
  return {
    kind: 'untrusted',
    reason: `The product ${product} is not trusted (it is not Security Hub itself, and decide.trustedProducts does not list it).`,
  };
}
