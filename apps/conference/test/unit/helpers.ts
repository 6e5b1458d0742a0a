import { DomainError } from "../../src/domain/index.js";

/** The domain reason a call fails with, or undefined when it succeeds. Other errors propagate. */
export function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.reason;
    throw e;
  }
  return undefined;
}

export function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError, but the call succeeded");
}
