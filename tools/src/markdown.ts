/**
 * Reads commands and code out of the READMEs, so the tests run what the documentation says, and the
 * two cannot drift apart.
 */

/** The text of the `## heading` section (up to the next heading of level 2 or higher). */
export function markdownSection(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,2} /.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The bodies of the fenced code blocks (```lang) whose language is one of `languages`, in order. */
export function fencedBlocks(markdown: string, languages: readonly string[]): string[] {
  const blocks: string[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const match of markdown.matchAll(fence)) {
    if (languages.includes(match[1] ?? '')) blocks.push(match[2] ?? '');
  }
  return blocks;
}

/** The shell commands of a bash block: one per line, without `#` comments and blank lines. */
export function shellCommands(block: string): string[] {
  return block
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

/** The inline code spans (`...`) of `markdown` that start with `prefix`. */
export function inlineCommands(markdown: string, prefix: string): string[] {
  return [...markdown.matchAll(/`([^`\n]+)`/g)]
    .map((match) => match[1] ?? '')
    .filter((code) => code.startsWith(prefix));
}
