import { type ResolveContext, type ResolveOptions } from './resolve';
import { type CloudFormationTemplate } from './template';

/** The resolve context for `template`: `options` (a {@link ResolveContext} or just its options) with `template`. */
export function contextFor(template: CloudFormationTemplate, options: ResolveOptions = {}): ResolveContext {
  return { ...options, template };
}
