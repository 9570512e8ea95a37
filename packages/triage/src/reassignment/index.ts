/** Account reassignment: findings of the security account that belong to a member account move there. */
export {
  planReassignment,
  REASSIGNED_FROM_FIELDS,
  REASSIGNED_ID_INFIX,
  reassignedFindingId,
  reassignFinding,
  RESERVED_PRODUCT_FIELD_PREFIX,
  type ReassignmentConfig,
  type ReassignmentPlan,
  type ReassignmentResult,
  type ReassignmentSkipReason,
} from './account-reassignment';
