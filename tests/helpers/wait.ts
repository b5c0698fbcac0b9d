// Waiting for a condition instead of sleeping a fixed time: polls until it holds or a deadline passes.
// Used by tests that wait on another process, the event loop or a stream.

type Condition = () => boolean | Promise<boolean>;

/** Polls `done()` every `everyMs` until it is true (→ true) or `timeoutMs` has passed (→ false). */
export async function waitFor(done: Condition, timeoutMs = 10_000, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}
