/**
 * `@soar/ai-prompts`: SOAR's prompts as versioned data: typed renderers for every AI-written section, untrusted finding text fenced as data, redaction and reversible anonymisation, size budgets, and the INFRA alarm reference.
 *
 * @packageDocumentation
 */
export {};
