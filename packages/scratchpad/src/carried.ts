import type { AwsSecurityFinding } from '@soar/asff-schema';
import * as z from 'zod';
import { scratchpadShape } from './parts';

/**
 * What a workflow step re-checks of the finding it is handed. Intake checks the finding in full
 * against the ASFF schema before the state machine starts; Step Functions then carries that parsed
 * finding, unchanged, from one of our steps to the next. Checking all of it again at every step cost
 * each function about a quarter of its cold start (some 300 schemas built at import) and bought
 * nothing, so a later step checks only what it keys its work on and reads by name: the identity and
 * timestamps, the text, the severity, the types and the resources. A state that lacks them (one not
 * made by intake) is refused with the field named, as before.
 */
const text = z.string().min(1);
const CarriedFindingSchema = z
  .looseObject({
    SchemaVersion: text,
    Id: text,
    ProductArn: text,
    GeneratorId: text,
    AwsAccountId: z.string().regex(/^\d{12}$/, { message: 'Invalid account id: expected 12 digits' }),
    CreatedAt: text,
    UpdatedAt: text,
    Title: text,
    Description: text,
    Types: z.array(z.string()),
    Severity: z.looseObject({
      Label: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).optional(),
      Normalized: z.number().optional(),
    }),
    Resources: z
      .array(z.looseObject({ Type: text, Id: text }))
      .min(1, { message: 'Resources must hold at least one resource' }),
  })
  .transform(asIntakeChecked);

/** The finding as intake parsed it: checked in full there, carried unchanged since. */
function asIntakeChecked(finding: object): AwsSecurityFinding {
  return finding as AwsSecurityFinding;
}

/**
 * The scratchpad as a workflow step after intake parses it: every field of `ScratchpadSchema`
 * checked as there, but the finding only as `CarriedFindingSchema` above describes. Parse what comes from
 * outside (events, files, simulations) with `ScratchpadSchema`.
 */
export const CarriedScratchpadSchema = z.looseObject(scratchpadShape(CarriedFindingSchema));
