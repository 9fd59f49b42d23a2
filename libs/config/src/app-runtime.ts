/**
 * How an app is being run. `distributed`: shared state goes through Redis and BullMQ (else
 * in-process adapters behind the same ports). `ownsProcess`: the app is alone in its process and
 * handles signals and process-wide metrics itself (false when standalone mode runs all three).
 */
export interface AppRuntime {
  distributed: boolean;
  ownsProcess: boolean;
}

export const DISTRIBUTED_RUNTIME: AppRuntime = { distributed: true, ownsProcess: true };
