/**
 * SIGINT/SIGTERM for a command that writes a database: the first signal aborts `signal`, so the work stops at
 * its next safe point (a seed or an import rolls back; migrations stop between two, the running one finished
 * and recorded) and the command ends with its own report; a second signal exits at once (130), which the
 * databases survive as they survive a kill. Without this, Node's default action killed the process mid-work:
 * for `migrate apply` (the pods' init container, which Kubernetes stops with SIGTERM) that left a started
 * ledger row, and every later open refused the database (P3009) until someone ran `migrate resolve`.
 *
 * The handlers stay installed until the process exits (they do not keep it alive): after `finish()`, a first
 * signal only says the work is done, so a process that committed never dies of the signal.
 */
export interface StopSignals {
  readonly signal: AbortSignal;
  /** The work is over (committed or not): a first signal from now on changes nothing. */
  finish(): void;
}

export interface StopMessages {
  /** Written on the first signal while the work runs: what stops and what is kept. */
  stopping: (signal: NodeJS.Signals) => string;
  /** Written on the first signal after `finish()`. */
  finished: (signal: NodeJS.Signals) => string;
  /** The abort reason (what the work throws when it stops); a SignalStopError by default. */
  reason?: (signal: NodeJS.Signals) => unknown;
}

export function stopOnSignals(messages: StopMessages, write: (line: string) => void = (line) => process.stderr.write(line)): StopSignals {
  const stop = new AbortController();
  let signals = 0;
  let finished = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(130);
    write(`\n${finished ? messages.finished(signal) : messages.stopping(signal)}\n`);
    if (!finished) stop.abort(messages.reason ? messages.reason(signal) : new SignalStopError(signal));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: stop.signal,
    finish: () => {
      finished = true;
    },
  };
}

/** The reason an aborted `StopSignals.signal` carries. */
export class SignalStopError extends Error {
  override name = "SignalStopError";
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
  }
}
