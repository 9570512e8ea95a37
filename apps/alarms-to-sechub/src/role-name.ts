import * as z from 'zod';

/** An IAM role name (no path): what `sts:AssumeRole` may target in the alarm's account. */
export const RoleNameSchema = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (no path)');
