// Errors of the data layer that mean "the caller's input is wrong" (CLI: exit code 2; router:
// BAD_REQUEST / NOT_FOUND). Each names the field so that the message can point at it.
export type InputErrorCode = "invalid" | "not_found" | "conflict";

export class MembershipInputError extends Error {
  override name = "MembershipInputError";
  constructor(
    readonly field: string,
    message: string,
    readonly code: InputErrorCode = "invalid",
  ) {
    super(`${field}: ${message}`);
  }
}
