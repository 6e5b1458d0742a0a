export { buildProgram, main } from "./program.js";
export { CliInputError, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_NOT_LOGGED_IN, EXIT_OK } from "./errors.js";
