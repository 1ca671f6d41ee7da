/** One turn: `after` settles once the turn before it is done; `done` ends this turn. */
export interface Turn {
  after: Promise<void>;
  /** Ends the turn, never before the turn before it has ended; calling it again does nothing. */
  done: () => void;
}

/**
 * Turns taken in call order, for work that may run concurrently but must reach one step in the
 * order it was started (rows numbered by a sequence as they are inserted, say). A turn is taken
 * before anything is awaited; whoever takes one must call `done`, also when its work fails, or the
 * turns after it wait for ever.
 */
export class TurnQueue {
  private last: Promise<void> = Promise.resolve();

  take(): Turn {
    const after = this.last;
    let end = () => {};
    this.last = new Promise<void>((resolve) => {
      end = resolve;
    });
    return { after, done: () => void after.then(end) };
  }
}

/** A turn that waits for nothing, for work that takes no part in the queue. */
export const NO_TURN: Turn = { after: Promise.resolve(), done: () => {} };
