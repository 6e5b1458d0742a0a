// Progress bars on stderr (stdout stays clean for data and reports); silent when stderr is not a terminal.
import cliProgress from "cli-progress";

export interface Progress {
  update(value: number, total?: number, label?: string): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: "{label} [{bar}] {percentage}% | {value}/{total}", hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentLabel = label;
  return {
    update(value, total, l) {
      if (l !== undefined) currentLabel = l;
      if (!started) {
        bar.start(total ?? value, value, { label: currentLabel });
        started = true;
      } else {
        if (total !== undefined) bar.setTotal(total);
        bar.update(value, { label: currentLabel });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
