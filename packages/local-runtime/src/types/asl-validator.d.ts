// asl-validator 4 ships no type declarations; this covers the part we use.
declare module 'asl-validator' {
  interface AslValidationError {
    'Error code': string;
    Message: string;
  }

  interface AslValidatorOptions {
    checkPaths?: boolean;
    checkArn?: boolean;
  }

  interface AslValidationResult {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText(separator?: string): string;
  }

  /** Validates an ASL definition. It mutates the definition (adds `QueryLanguage`); pass a copy. */
  function validator(definition: unknown, options?: AslValidatorOptions): AslValidationResult;
  export = validator;
}
