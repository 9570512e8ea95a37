/**
 * The HTML email. Layout tables and inline styles, because email clients ignore most stylesheets;
 * one small `<style>` block only adds the narrow-screen tweaks clients that support media queries
 * apply.
 *
 * Every part is a `safeHtml` template (`safe-html.ts`): each value from the view is HTML-escaped, and
 * the only HTML inserted as is are our own fragments and style constants below, and the AI analysis,
 * which `sanitizeAiHtml` has already cleaned with a strict allow-list.
 *
 * Each part that may be missing (sections, links, resources, facts, AI analysis, appendix) is either
 * empty or whole lines, each ending in a line break.
 */
import type { AppendixTable } from './appendix';
import type { ViewLink } from './links';
import { safeHtml, type SafeHtml } from './safe-html';
import type { MessageView, ViewAi, ViewContext, ViewFact, ViewResource } from './view';
import type { ViewParagraph, ViewSection } from './wording';

const NOTHING = safeHtml``;

const FONT = safeHtml`font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif`;
const MONO = safeHtml`font-family:SFMono-Regular,Menlo,Consolas,'Liberation Mono','Courier New',monospace`;
const WRAP = safeHtml`overflow-wrap:anywhere;word-break:break-word`;
const BREAK_ALL = safeHtml`word-break:break-all;overflow-wrap:anywhere`;
const PAD = safeHtml`padding-left:32px;padding-right:32px`;
const TEXT = safeHtml`${FONT};font-size:15px;line-height:1.55;color:#374151`;
const H2 = safeHtml`${FONT};margin:0 0 6px 0;font-size:16px;line-height:1.3;font-weight:700;color:#111827`;
const P = safeHtml`margin:0 0 8px 0;${TEXT};${WRAP}`;
const SMALL = safeHtml`${FONT};font-size:12px;line-height:1.5;color:#6B7280`;

/** Paragraphs, their lines separated by `<br>`. */
function paragraphsHtml(paragraphs: readonly ViewParagraph[], style: SafeHtml): SafeHtml[] {
  return paragraphs.map(
    ({ lines }) =>
      safeHtml`<p style="${style}">${lines.map((line, i) => (i === 0 ? safeHtml`${line}` : safeHtml`<br>${line}`))}</p>`,
  );
}

function listHtml(items: readonly string[]): SafeHtml {
  if (items.length === 0) return NOTHING;
  return safeHtml`<ul style="margin:0 0 8px 0;padding-left:22px;${TEXT};${WRAP}">${items.map((item) => safeHtml`<li style="margin:0 0 4px 0;">${item}</li>`)}</ul>`;
}

/** "What happened", "What we did", "What you need to do": paragraphs, a bullet list, more paragraphs. */
function sectionHtml(section: ViewSection): SafeHtml {
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">${section.heading}</h2>
${paragraphsHtml(section.paragraphs, P)}
${listHtml(section.items)}
${paragraphsHtml(section.after, P)}
</td></tr>
`;
}

/** Buttons: https links on trusted hosts only (the view checked them). */
function linksHtml(links: readonly ViewLink[]): SafeHtml {
  if (links.length === 0) return NOTHING;
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:8px;padding-bottom:4px;">
${links.map(
  (link) =>
    safeHtml`<a href="${link.url}" target="_blank" rel="noopener noreferrer" style="display:inline-block;margin:0 8px 8px 0;padding:10px 18px;background-color:#0B5CAD;border-radius:6px;${FONT};font-size:14px;line-height:1.2;font-weight:600;color:#FFFFFF;text-decoration:none;">${link.label}</a>`,
)}
</td></tr>
`;
}

function resourceHtml(resource: ViewResource): SafeHtml {
  return safeHtml`<li style="margin:0 0 6px 0;"><span style="${SMALL}">${resource.type}</span><br><code style="${MONO};font-size:13px;color:#111827;${BREAK_ALL}">${resource.id}</code></li>`;
}

function resourcesHtml(resources: readonly ViewResource[], moreResources: number): SafeHtml {
  if (resources.length === 0) return NOTHING;
  const more =
    moreResources > 0
      ? safeHtml`<p style="${P}">And ${moreResources} more, listed in the technical details below.</p>`
      : NOTHING;
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">Affected resources</h2>
<ul style="margin:0 0 8px 0;padding-left:22px;${TEXT}">
${resources.map(resourceHtml)}
</ul>
${more}
</td></tr>
`;
}

const CODE_VALUE = safeHtml`${MONO};font-size:13px;line-height:1.4;color:#111827;${BREAK_ALL}`;
const TEXT_VALUE = safeHtml`${FONT};font-size:14px;line-height:1.4;color:#111827;${WRAP}`;

/** One fact as a table row; on narrow screens the label and the value stack (see the `<style>` block). */
function factHtml(fact: ViewFact): SafeHtml {
  return safeHtml`<tr>
<th scope="row" class="fact-label" align="left" valign="top" width="34%" style="width:34%;padding:7px 12px 7px 0;border-bottom:1px solid #E5E7EB;${FONT};font-size:13px;line-height:1.4;font-weight:600;color:#4B5563;text-align:left;vertical-align:top;">${fact.label}</th>
<td class="fact-value" valign="top" style="padding:7px 0;border-bottom:1px solid #E5E7EB;vertical-align:top;${fact.code ? CODE_VALUE : TEXT_VALUE}">${fact.value}</td>
</tr>`;
}

function factsHtml(facts: readonly ViewFact[]): SafeHtml {
  if (facts.length === 0) return NOTHING;
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">Details</h2>
<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;width:100%;">
${facts.map(factHtml)}
</table>
</td></tr>
`;
}

/** The AI analysis in a tinted box: its sanitised HTML, or its plain-text paragraphs when it wrote none. */
function aiHtml(ai: ViewAi | null): SafeHtml {
  if (ai === null) return NOTHING;
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:20px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;">
<tr><td bgcolor="#EFF6FF" style="background-color:#EFF6FF;border-left:4px solid #3B82F6;padding:14px 16px;">
<h2 style="${H2}">AI analysis</h2>
<p style="margin:0 0 10px 0;${SMALL}">Written by an AI model from the finding. Check it before you act on it.</p>
<div style="${TEXT};${WRAP}">${ai.html ?? paragraphsHtml(ai.paragraphs, P)}</div>
</td></tr>
</table>
</td></tr>
`;
}

/** An incident's context: its heading, then its lines as written (preformatted, wrapped on narrow screens). */
function contextHtml(context: ViewContext | null): SafeHtml {
  if (context === null) return NOTHING;
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">${context.title}</h2>
<pre style="margin:0 0 8px 0;padding:10px 12px;background-color:#F9FAFB;border:1px solid #E5E7EB;border-radius:6px;${MONO};font-size:12px;line-height:1.5;color:#111827;white-space:pre-wrap;${WRAP}">${context.lines.join('\n')}</pre>
</td></tr>
`;
}

/** The line saying values were replaced, above the footer; nothing when none were. */
function redactionNoteHtml(note: string): SafeHtml {
  return note === ''
    ? NOTHING
    : safeHtml`<p style="margin:0 0 8px 0;${SMALL};${WRAP}">${note}</p>
`;
}

/** One appendix table: fixed layout, so long keys and values wrap instead of widening the email. */
function appendixTableHtml(table: AppendixTable): SafeHtml {
  const omitted =
    table.omitted > 0
      ? safeHtml`<p style="margin:4px 0 0 0;${SMALL}">${table.omitted} more rows not shown.</p>`
      : NOTHING;
  return safeHtml`<p style="margin:10px 0 4px 0;${FONT};font-size:12px;font-weight:700;color:#6B7280;">${table.title}</p>
<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;width:100%;table-layout:fixed;">
${table.rows.map(
  (row) =>
    safeHtml`<tr><td class="appx-key" valign="top" width="42%" style="width:42%;padding:2px 8px 2px 0;${MONO};font-size:11px;line-height:1.4;color:#6B7280;vertical-align:top;${BREAK_ALL}">${row.key}</td><td class="appx-value" valign="top" style="padding:2px 0;${MONO};font-size:11px;line-height:1.4;color:#374151;vertical-align:top;white-space:pre-wrap;${BREAK_ALL}">${row.value}</td></tr>`,
)}
</table>
${omitted}
`;
}

/** The technical details: the finding's resources, product fields and account, as key/value tables. */
function appendixHtml(tables: readonly AppendixTable[]): SafeHtml {
  if (tables.length === 0) return NOTHING;
  return safeHtml`<tr><td class="card-pad" style="${PAD};padding-top:24px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;">
<tr><td bgcolor="#F9FAFB" style="background-color:#F9FAFB;border:1px solid #E5E7EB;border-radius:6px;padding:12px 14px;">
<p style="margin:0 0 6px 0;${FONT};font-size:13px;font-weight:700;color:#4B5563;">Technical details</p>
${tables.map(appendixTableHtml)}</td></tr>
</table>
</td></tr>
`;
}

/**
 * The complete HTML email document. The hidden `<div>` right after `<body>` is the preheader (the
 * preview line inboxes show); the severity colours come from our palette (`SEVERITY_STYLES`).
 */
function documentHtml(view: MessageView): SafeHtml {
  const { severity } = view;
  return safeHtml`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${view.subject}</title>
<style>
body { margin: 0; padding: 0; }
@media only screen and (max-width: 520px) {
  .outer-pad { padding: 0 !important; }
  .card { border-radius: 0 !important; border-left: 0 !important; border-right: 0 !important; }
  .card-pad { padding-left: 16px !important; padding-right: 16px !important; }
  .fact-label, .fact-value { display: block !important; width: auto !important; }
  .fact-label { padding-bottom: 0 !important; border-bottom: 0 !important; }
  .headline { font-size: 20px !important; }
  .appx-key, .appx-value { display: block !important; width: auto !important; }
  .appx-value { padding: 0 0 6px 12px !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background-color:#F3F4F6;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;mso-hide:all;">${view.intro}</div>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;background-color:#F3F4F6;">
<tr><td class="outer-pad" align="center" style="padding:24px 12px;">
<table role="presentation" class="card" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;max-width:640px;background-color:#FFFFFF;border:1px solid #E5E7EB;border-radius:8px;border-collapse:separate;overflow:hidden;">
<tr><td class="card-pad" bgcolor="#1F2937" style="background-color:#1F2937;${PAD};padding-top:16px;padding-bottom:16px;${FONT};font-size:16px;line-height:1.3;font-weight:700;color:#FFFFFF;">${view.productName}</td></tr>
<tr><td bgcolor="${severity.background}" style="background-color:${severity.background};border-bottom:1px solid ${severity.border};height:8px;line-height:8px;font-size:0;">&nbsp;</td></tr>
<tr><td class="card-pad" style="${PAD};padding-top:24px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td bgcolor="${severity.background}" style="background-color:${severity.background};border:1px solid ${severity.border};border-radius:4px;padding:3px 8px;${FONT};font-size:12px;line-height:1.2;font-weight:700;letter-spacing:0.5px;color:${severity.color};">${severity.label}</td>
<td style="padding-left:10px;${FONT};font-size:13px;line-height:1.2;font-weight:600;color:#4B5563;">${view.badge}</td>
</tr></table>
<h1 class="headline" style="margin:12px 0 0 0;${FONT};font-size:22px;line-height:1.3;font-weight:700;color:#111827;${WRAP}">${view.headline}</h1>
<p style="margin:12px 0 8px 0;${TEXT};${WRAP}">${view.intro}</p>
</td></tr>
${view.sections.map(sectionHtml)}${linksHtml(view.links)}${resourcesHtml(view.resources, view.moreResources)}${factsHtml(view.facts)}${contextHtml(view.context)}${aiHtml(view.ai)}${appendixHtml(view.appendix)}<tr><td class="card-pad" style="${PAD};padding-top:24px;padding-bottom:24px;">
${redactionNoteHtml(view.redactionNote)}<p style="margin:0;${SMALL};${WRAP}">${view.footer}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/**
 * Renders the HTML email document of a message view.
 *
 * @example
 * ```ts
 * const html = renderHtml(viewOf(message, options));
 * ```
 */
export function renderHtml(view: MessageView): string {
  return documentHtml(view).toString();
}
