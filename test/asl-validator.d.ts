// asl-validator ships no declarations for its default export; this is the part the tests use.
declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean;
    errors: unknown[];
  }
  export default function validator(definition: unknown, options?: { checkArn?: boolean; checkPaths?: boolean }): ValidationResult;
}
