import { positiveInt } from '../env.fields';

/**
 * The gateway's own HTTP server: how long a stopping process lets requests in flight finish, and
 * how long a client may take to send its request head.
 */
export const httpServerEnvShape = {
  // After SIGTERM: requests in flight (streams included) get this long to finish before they are
  // cut. Above REQUEST_DEADLINE_MS, below the pod's terminationGracePeriodSeconds minus preStop.
  SHUTDOWN_GRACE_MS: positiveInt(130_000),
  // A client must send its whole request head within this (slowloris sockets are closed).
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  // A streaming client that takes nothing for this long is cut (its upstream call stops; what was
  // sent is billed). Until then a slow reader slows the upstream instead of filling our memory.
  STREAM_CLIENT_STALL_MS: positiveInt(30_000),
};
