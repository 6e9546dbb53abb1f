/**
 * A process-level listener for rejections nobody handled and exceptions nobody caught, installed
 * per test file: a promise our code forgot (a timer racing a response, an abandoned fetch) shows
 * up here even when every test's own assertion passed.
 */
export interface UnhandledWatch {
  readonly seen: unknown[];
  stop(): void;
}

export function watchUnhandled(): UnhandledWatch {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    seen.push(reason);
  };
  const onException = (error: unknown): void => {
    seen.push(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    seen,
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** Lets pending rejections surface: a rejection is reported unhandled only after a turn of the loop. */
export async function settleEventLoop(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}
