/**
 * Renders one sample of every message kind, for looking at the emails in a browser.
 *
 * Writes `<name>.html` (the email), `<name>.txt` (the text part) and `<name>.json` (the Jira, Slack
 * and Teams payloads) per sample, plus an `index.html`. With `--screenshots` and Chromium on the
 * PATH, also takes a desktop (800 px) and a mobile (390 px) PNG screenshot of each email.
 *
 * Usage: `npx tsx packages/ticketing/scripts/render-samples.ts [outDir] [--screenshots]`
 * (default outDir: `packages/ticketing/tmp/email-samples`, git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Workspace packages resolve to their TypeScript source only under this export condition. */
const SOURCE_CONDITION = '--conditions=@soar/source';
const DEFAULT_OUT_DIR = resolve(__dirname, '..', 'tmp', 'email-samples');
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const VIEWPORTS = [
  { suffix: '', size: '800,2600' },
  { suffix: '-mobile', size: '390,3200' },
] as const;

function hasSourceCondition(): boolean {
  return (
    process.execArgv.includes(SOURCE_CONDITION) ||
    (process.env['NODE_OPTIONS'] ?? '').includes(SOURCE_CONDITION)
  );
}

/** Runs this script again with the source condition, so it never depends on stale builds. */
function rerunWithSourceCondition(): never {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, SOURCE_CONDITION, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(result.status ?? 1);
}

function findBrowser(): string | undefined {
  return BROWSERS.find((name) => spawnSync('which', [name], { encoding: 'utf8' }).status === 0);
}

function screenshot(browser: string, htmlFile: string, pngFile: string, size: string): boolean {
  const profile = mkdtempSync(join(tmpdir(), 'render-samples-'));
  try {
    const result = spawnSync(
      browser,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--window-size=${size}`,
        `--screenshot=${pngFile}`,
        pathToFileURL(htmlFile).href,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    return result.status === 0;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function indexHtml(names: readonly string[], subjects: Readonly<Record<string, string>>): string {
  const escape = (value: string): string =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const items = names
    .map(
      (name) =>
        `<li><a href="${escape(name)}.html">${escape(name)}</a>: ${escape(subjects[name] ?? '')} ` +
        `(<a href="${escape(name)}.txt">text</a>, <a href="${escape(name)}.json">payloads</a>)</li>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Message samples</title></head>
<body style="font-family:sans-serif;max-width:900px;margin:24px auto;line-height:1.6"><h1>Message samples</h1><ul>
${items}
</ul></body></html>
`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_OUT_DIR);
  const wantScreenshots = args.includes('--screenshots');
  const { renderMessage } = await import('../src/render/render-message.js');
  const { hostileMessages, RENDER_OPTIONS, sampleMessages } = await import('../tests/render-fixtures.js');

  const hostile = hostileMessages()['team_fix'];
  const samples = { ...sampleMessages(), ...(hostile === undefined ? {} : { 'hostile-team-fix': hostile }) };
  mkdirSync(outDir, { recursive: true });
  const subjects: Record<string, string> = {};
  for (const [name, message] of Object.entries(samples)) {
    const rendered = renderMessage(message, RENDER_OPTIONS);
    subjects[name] = rendered.subject;
    writeFileSync(join(outDir, `${name}.html`), rendered.html);
    writeFileSync(join(outDir, `${name}.txt`), rendered.text);
    const payloads = {
      subject: rendered.subject,
      jira: rendered.jira,
      serviceNow: rendered.serviceNow,
      slack: rendered.slack,
      teams: rendered.teams,
    };
    writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(payloads, null, 2)}\n`);
  }
  writeFileSync(join(outDir, 'index.html'), indexHtml(Object.keys(samples), subjects));
  console.log(`Wrote ${Object.keys(samples).length} samples to ${outDir}`);

  if (!wantScreenshots) return;
  const browser = findBrowser();
  if (browser === undefined) {
    console.error('No Chromium found on the PATH (apt-get install -y chromium); skipping screenshots.');
    process.exitCode = 1;
    return;
  }
  for (const name of Object.keys(samples)) {
    for (const viewport of VIEWPORTS) {
      const png = join(outDir, `${name}${viewport.suffix}.png`);
      const ok = screenshot(browser, join(outDir, `${name}.html`), png, viewport.size);
      console.log(`${ok ? 'Screenshot' : 'FAILED screenshot'}: ${png}`);
      if (!ok) process.exitCode = 1;
    }
  }
}

if (hasSourceCondition()) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  rerunWithSourceCondition();
}
