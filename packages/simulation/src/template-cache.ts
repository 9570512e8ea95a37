import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationTemplateSchema, type CloudFormationTemplate } from '@soar/local-runtime';

/** Options of {@link cachedTemplate}. */
export interface TemplateCacheOptions {
  /** Where templates are kept (e.g. `<workspace>/.cache/soar/templates`). */
  readonly cacheDir: string;
  /**
   * Files and folders whose TypeScript sources produce the template (the app and the libraries it
   * imports): any change to one of them makes a new key.
   */
  readonly sources: readonly string[];
  /** What else the template depends on, such as the app configuration; JSON-serializable. */
  readonly inputs: unknown;
  /** Synthesizes the template when none is cached for the key. */
  readonly produce: () => Promise<CloudFormationTemplate> | CloudFormationTemplate;
}

/**
 * The synthesized template for `inputs` and the current sources: from the cache when the same
 * sources and inputs produced one before, else produced and cached. The key is the SHA-256 of the
 * inputs and of every source file's path and content, so an edit anywhere in the sources (or a
 * checkout of another commit) synthesizes again; a cached template is never stale.
 *
 * @example
 * ```ts
 * const template = await cachedTemplate({
 *   cacheDir: path.join(root, '.cache', 'soar', 'templates'),
 *   sources: [path.join(root, 'apps', 'soar-core', 'src'), path.join(root, 'packages')],
 *   inputs: appConfig,
 *   produce: () => synthTemplate(appConfig),
 * });
 * ```
 */
export async function cachedTemplate(options: TemplateCacheOptions): Promise<CloudFormationTemplate> {
  const key = templateKey(options.sources, options.inputs);
  const file = path.join(options.cacheDir, `${key}.json`);
  try {
    const cached = CloudFormationTemplateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (cached.success) return cached.data;
  } catch {
    // not cached yet (or unreadable): produce it
  }
  const template = await options.produce();
  fs.mkdirSync(options.cacheDir, { recursive: true });
  // Written whole, then renamed: a concurrent reader never sees half a template.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(template));
  fs.renameSync(partial, file);
  return template;
}

/** The cache key of a template: SHA-256 of the inputs and of each source file's path and content. */
export function templateKey(sources: readonly string[], inputs: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(inputs) ?? '');
  for (const file of sourceFiles(sources)) {
    hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const SKIPPED = new Set(['node_modules', 'dist', 'out-tsc', 'cdk.out', 'tmp', 'tests', '.cache', 'coverage']);

function sourceFiles(roots: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (target: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      return;
    }
    if (stat.isFile()) {
      if (/\.(ts|json)$/.test(target) && !target.endsWith('.spec.ts')) files.push(target);
      return;
    }
    for (const entry of fs.readdirSync(target).sort())
      if (!SKIPPED.has(entry)) walk(path.join(target, entry));
  };
  for (const root of roots) walk(root);
  return files;
}
