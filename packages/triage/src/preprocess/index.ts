/** Pre-processing of a trusted finding before it is acted on: account reassignment, then the AWS Health reclassifier. */
export {
  preprocessFinding,
  type PreprocessConfig,
  type PreprocessOutcome,
  type PreprocessPorts,
} from './preprocess';
