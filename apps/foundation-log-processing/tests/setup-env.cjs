// The function's Powertools logger writes JSON lines to stdout; keep test output readable.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
// cdk-nag's EventBusOpenAccess rule reads CfnEventBusPolicy#principal, which prints a deprecation notice.
process.env.JSII_DEPRECATED = process.env.JSII_DEPRECATED ?? 'quiet';
