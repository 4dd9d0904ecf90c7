/**
 * One flush at a time, for an outbox: a call while a flush runs joins it and makes it go round
 * once more (what was queued meanwhile is seen); a failure is handed to `onError`, never thrown;
 * after `stop` nothing new starts and the flush running finishes.
 */
export class FlushLoop {
  private running: Promise<void> | undefined;
  private again = false;
  private stoppedFlag = false;

  constructor(
    private readonly flushDue: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  run(): Promise<void> {
    if (this.stoppedFlag) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.flushDue();
        } while (this.again && !this.stoppedFlag);
      } catch (error) {
        this.onError(error);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Resolves when no flush is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stoppedFlag = true;
    await this.idle();
  }
}
