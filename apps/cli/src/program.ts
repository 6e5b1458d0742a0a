// orgboard: the command line of the membership data layer. Against a running system (default): login,
// then import, export and report through the membership API as the official (src/api/). For operators
// with database access: `orgboard operator …` (src/operator.ts), which bypasses the API's authorization.
// Data goes to stdout, progress and errors to stderr. Exit codes: 0 ok, 1 failure, 2 bad input,
// 3 not logged in or session expired (run `orgboard login`).
import { Command, CommanderError } from "commander";
import { registerApiCommands } from "./api/commands.js";
import { registerAuthCommands } from "./auth/commands.js";
import { registerOperatorCommands } from "./operator.js";
import { registerRestructureCommands } from "./api/restructuring.js";
import { registerSimulateCommand } from "./simulate/index.js";
import { registerStartCommand } from "./start/index.js";
import { vietnameseFirst } from "./commander-messages.js";
import { EXIT_BAD_INPUT, EXIT_OK, reportError } from "./errors.js";

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("orgboard")
    .description("orgboard: đăng nhập, nhập/xuất, báo cáo qua API; chế độ vận hành (operator) đọc/ghi thẳng cơ sở dữ liệu / login, import/export and reports through the API; operator mode for direct database access")
    .showHelpAfterError()
    // Subcommands inherit this (commander copies the output settings to each .command()).
    .configureOutput({ outputError: (str, write) => write(vietnameseFirst(str)) })
    .exitOverride();

  registerAuthCommands(program);
  registerApiCommands(program, setExit);
  registerRestructureCommands(program, setExit);
  registerOperatorCommands(program, setExit);
  registerStartCommand(program, setExit);
  registerSimulateCommand(program, setExit);

  return program;
}

export async function main(argv = process.argv): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (and the help) to stderr.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT_OK;
      return EXIT_BAD_INPUT;
    }
    return reportError(err);
  }
}

