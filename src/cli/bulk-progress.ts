// The progress of a bulk command: a bar on stderr when stderr is a terminal, nothing otherwise.
import cliProgress from 'cli-progress';

/** What a bulk command reports as it goes. */
export interface Progress {
  /** Counts items done. */
  advance(items: number): void;
  /** Removes the bar; the command then prints its summary. */
  stop(): void;
}

/** Where the bar is drawn: stderr, or a stand-in in tests. */
export interface ProgressStream extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** False for --no-progress. */
  readonly enabled: boolean;
  /** `importing` or `exporting`. */
  readonly verb: string;
  /** The input's size and how much of it is read, when the input is a file. */
  readonly bytes?: { readonly total: number; readonly read: () => number } | undefined;
}

const NO_PROGRESS: Progress = { advance: () => undefined, stop: () => undefined };

/** Items between two updates of the bar: an update per item would cost more than the item. */
const UPDATE_EVERY = 1000;

export function startProgress(options: ProgressOptions): Progress {
  // Piped or redirected, stderr gets the summary line only: no control characters in a log.
  if (!options.enabled || options.stream.isTTY !== true) return NO_PROGRESS;
  const { bytes } = options;
  const bar = new cliProgress.SingleBar({
    stream: options.stream,
    format: bytes
      ? '{verb} [{bar}] {percentage}% | {items} items | {rate} items/s | {duration_formatted}'
      : '{verb} {items} items | {rate} items/s | {duration_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    barsize: 30,
  });
  const started = performance.now();
  let items = 0;
  let shown = 0;
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    return { verb: options.verb, items, rate: seconds > 0 ? Math.round(items / seconds) : 0 };
  };
  bar.start(bytes ? Math.max(bytes.total, 1) : 1, 0, payload());
  return {
    advance(count) {
      items += count;
      if (items - shown < UPDATE_EVERY) return;
      shown = items;
      bar.update(bytes ? bytes.read() : 0, payload());
    },
    stop() {
      bar.stop();
    },
  };
}
