/**
 * The HTML email template (Handlebars). Layout tables and inline styles, because email clients
 * ignore most stylesheets; one small `<style>` block only adds the narrow-screen tweaks clients that
 * support media queries apply.
 *
 * Every `{{value}}` is HTML-escaped by Handlebars. The single triple-stash, `{{{ai.html}}}`, is AI
 * output that `sanitizeAiHtml` has already cleaned with a strict allow-list. Style fragments below
 * are our own constants, spliced in when the module loads, never data.
 */

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MONO = "font-family:SFMono-Regular,Menlo,Consolas,'Liberation Mono','Courier New',monospace";
const WRAP = 'overflow-wrap:anywhere;word-break:break-word';
const BREAK_ALL = 'word-break:break-all;overflow-wrap:anywhere';
const PAD = 'padding-left:32px;padding-right:32px';
const TEXT = `${FONT};font-size:15px;line-height:1.55;color:#374151`;
const H2 = `${FONT};margin:0 0 6px 0;font-size:16px;line-height:1.3;font-weight:700;color:#111827`;
const P = `margin:0 0 8px 0;${TEXT};${WRAP}`;
const SMALL = `${FONT};font-size:12px;line-height:1.5;color:#6B7280`;

const PARAGRAPHS = (list: string, style: string): string =>
  `{{#each ${list}}}<p style="${style}">{{#each lines}}{{#unless @first}}<br>{{/unless}}{{this}}{{/each}}</p>{{/each}}`;

const SECTIONS = `{{#each sections}}
<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">{{heading}}</h2>
${PARAGRAPHS('paragraphs', P)}
{{#if items.length}}<ul style="margin:0 0 8px 0;padding-left:22px;${TEXT};${WRAP}">{{#each items}}<li style="margin:0 0 4px 0;">{{this}}</li>{{/each}}</ul>{{/if}}
${PARAGRAPHS('after', P)}
</td></tr>
{{/each}}`;

const LINKS = `{{#if links.length}}
<tr><td class="card-pad" style="${PAD};padding-top:8px;padding-bottom:4px;">
{{#each links}}<a href="{{url}}" target="_blank" rel="noopener noreferrer" style="display:inline-block;margin:0 8px 8px 0;padding:10px 18px;background-color:#0B5CAD;border-radius:6px;${FONT};font-size:14px;line-height:1.2;font-weight:600;color:#FFFFFF;text-decoration:none;">{{label}}</a>{{/each}}
</td></tr>
{{/if}}`;

const RESOURCES = `{{#if resources.length}}
<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">Affected resources</h2>
<ul style="margin:0 0 8px 0;padding-left:22px;${TEXT}">
{{#each resources}}<li style="margin:0 0 6px 0;"><span style="${SMALL}">{{type}}</span><br><code style="${MONO};font-size:13px;color:#111827;${BREAK_ALL}">{{id}}</code></li>{{/each}}
</ul>
{{#if moreResources}}<p style="${P}">And {{moreResources}} more, listed in the technical details below.</p>{{/if}}
</td></tr>
{{/if}}`;

const FACTS = `{{#if facts.length}}
<tr><td class="card-pad" style="${PAD};padding-top:16px;">
<h2 style="${H2}">Details</h2>
<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;width:100%;">
{{#each facts}}<tr>
<th scope="row" class="fact-label" align="left" valign="top" width="34%" style="width:34%;padding:7px 12px 7px 0;border-bottom:1px solid #E5E7EB;${FONT};font-size:13px;line-height:1.4;font-weight:600;color:#4B5563;text-align:left;vertical-align:top;">{{label}}</th>
<td class="fact-value" valign="top" style="padding:7px 0;border-bottom:1px solid #E5E7EB;vertical-align:top;{{#if code}}${MONO};font-size:13px;line-height:1.4;color:#111827;${BREAK_ALL}{{else}}${FONT};font-size:14px;line-height:1.4;color:#111827;${WRAP}{{/if}}">{{value}}</td>
</tr>{{/each}}
</table>
</td></tr>
{{/if}}`;

const AI = `{{#if ai}}
<tr><td class="card-pad" style="${PAD};padding-top:20px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;">
<tr><td bgcolor="#EFF6FF" style="background-color:#EFF6FF;border-left:4px solid #3B82F6;padding:14px 16px;">
<h2 style="${H2}">AI analysis</h2>
<p style="margin:0 0 10px 0;${SMALL}">Written by an AI model from the finding. Check it before you act on it.</p>
<div style="${TEXT};${WRAP}">{{#if ai.html}}{{{ai.html}}}{{else}}${PARAGRAPHS('ai.paragraphs', P)}{{/if}}</div>
</td></tr>
</table>
</td></tr>
{{/if}}`;

const APPENDIX = `{{#if appendix.length}}
<tr><td class="card-pad" style="${PAD};padding-top:24px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;">
<tr><td bgcolor="#F9FAFB" style="background-color:#F9FAFB;border:1px solid #E5E7EB;border-radius:6px;padding:12px 14px;">
<p style="margin:0 0 6px 0;${FONT};font-size:13px;font-weight:700;color:#4B5563;">Technical details</p>
{{#each appendix}}
<p style="margin:10px 0 4px 0;${FONT};font-size:12px;font-weight:700;color:#6B7280;">{{title}}</p>
<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;width:100%;table-layout:fixed;">
{{#each rows}}<tr><td class="appx-key" valign="top" width="42%" style="width:42%;padding:2px 8px 2px 0;${MONO};font-size:11px;line-height:1.4;color:#6B7280;vertical-align:top;${BREAK_ALL}">{{key}}</td><td class="appx-value" valign="top" style="padding:2px 0;${MONO};font-size:11px;line-height:1.4;color:#374151;vertical-align:top;white-space:pre-wrap;${BREAK_ALL}">{{value}}</td></tr>{{/each}}
</table>
{{#if omitted}}<p style="margin:4px 0 0 0;${SMALL}">{{omitted}} more rows not shown.</p>{{/if}}
{{/each}}
</td></tr>
</table>
</td></tr>
{{/if}}`;

/** The complete HTML email document. */
export const HTML_EMAIL_TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>{{subject}}</title>
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
<div style="display:none;max-height:0;overflow:hidden;opacity:0;mso-hide:all;">{{intro}}</div>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;background-color:#F3F4F6;">
<tr><td class="outer-pad" align="center" style="padding:24px 12px;">
<table role="presentation" class="card" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;max-width:640px;background-color:#FFFFFF;border:1px solid #E5E7EB;border-radius:8px;border-collapse:separate;overflow:hidden;">
<tr><td class="card-pad" bgcolor="#1F2937" style="background-color:#1F2937;${PAD};padding-top:16px;padding-bottom:16px;${FONT};font-size:16px;line-height:1.3;font-weight:700;color:#FFFFFF;">{{productName}}</td></tr>
<tr><td bgcolor="{{severity.background}}" style="background-color:{{severity.background}};border-bottom:1px solid {{severity.border}};height:8px;line-height:8px;font-size:0;">&nbsp;</td></tr>
<tr><td class="card-pad" style="${PAD};padding-top:24px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td bgcolor="{{severity.background}}" style="background-color:{{severity.background}};border:1px solid {{severity.border}};border-radius:4px;padding:3px 8px;${FONT};font-size:12px;line-height:1.2;font-weight:700;letter-spacing:0.5px;color:{{severity.color}};">{{severity.label}}</td>
<td style="padding-left:10px;${FONT};font-size:13px;line-height:1.2;font-weight:600;color:#4B5563;">{{badge}}</td>
</tr></table>
<h1 class="headline" style="margin:12px 0 0 0;${FONT};font-size:22px;line-height:1.3;font-weight:700;color:#111827;${WRAP}">{{headline}}</h1>
<p style="margin:12px 0 8px 0;${TEXT};${WRAP}">{{intro}}</p>
</td></tr>
${SECTIONS}
${LINKS}
${RESOURCES}
${FACTS}
${AI}
${APPENDIX}
<tr><td class="card-pad" style="${PAD};padding-top:24px;padding-bottom:24px;">
<p style="margin:0;${SMALL};${WRAP}">{{footer}}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
