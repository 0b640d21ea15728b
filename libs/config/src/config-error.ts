/** Start-up stops with this: it names the variable, what was given and what it should be. */
export class ConfigError extends Error {
  constructor(readonly variable: string, readonly given: string | undefined, readonly expected: string) {
    super(`${variable}=${given === undefined ? '(unset)' : JSON.stringify(given)} is not valid: ${expected}`);
    this.name = 'ConfigError';
  }
}
