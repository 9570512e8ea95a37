import { dynamodb_2 } from './controls/dynamodb/dynamodb-2';
import { ec2_12 } from './controls/ec2/ec2-12';
import { ec2_13 } from './controls/ec2/ec2-13';
import { ec2_14 } from './controls/ec2/ec2-14';
import { ec2_15 } from './controls/ec2/ec2-15';
import { ec2_2 } from './controls/ec2/ec2-2';
import { ec2_22 } from './controls/ec2/ec2-22';
import { ec2_4 } from './controls/ec2/ec2-4';
import { ec2_6 } from './controls/ec2/ec2-6';
import { ec2_7 } from './controls/ec2/ec2-7';
import { kms_4 } from './controls/kms/kms-4';
import { s3_10 } from './controls/s3/s3-10';
import { s3_2, s3_8 } from './controls/s3/s3-2';
import { s3_3 } from './controls/s3/s3-3';
import { ECR_CONTROLS } from './controls/ecr';
import { ECS_CONTROLS } from './controls/ecs';
import { ELB_CONTROLS } from './controls/elb';
import { IAM_CONTROLS } from './controls/iam';
import { RDS_CONTROLS } from './controls/rds';
import { registerControl, type RegisteredControl } from './engine/control';
import { Registry } from './engine/registry';

/** Every control module, one line each. */
export const CONTROLS: readonly RegisteredControl[] = [
  registerControl(dynamodb_2),
  registerControl(ec2_2),
  registerControl(ec2_4),
  registerControl(ec2_6),
  registerControl(ec2_7),
  registerControl(ec2_12),
  registerControl(ec2_13),
  registerControl(ec2_14),
  registerControl(ec2_15),
  registerControl(ec2_22),
  registerControl(kms_4),
  registerControl(s3_2),
  registerControl(s3_3),
  registerControl(s3_8),
  registerControl(s3_10),
  // Each service's folder lists its own controls.
  ...ECR_CONTROLS,
  ...ECS_CONTROLS,
  ...ELB_CONTROLS,
  ...IAM_CONTROLS,
  ...RDS_CONTROLS,
];

/** The registry of every control SOAR can remediate. */
export const defaultRegistry = new Registry(CONTROLS);
