// Integration and e2e suites need the real Postgres and Redis. This probe decides, before Jest
// plans the run, whether they can run: in CI an unreachable service fails the run; elsewhere
// the suites that need it are left out with a notice naming them.
const net = require('node:net');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/llmgw_test';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function probeServices() {
  process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  process.env.REDIS_URL ??= DEFAULT_REDIS_URL;
  const missing = [];
  if (!(await reachable(process.env.DATABASE_URL, 5432))) missing.push(`Postgres (${process.env.DATABASE_URL})`);
  if (!(await reachable(process.env.REDIS_URL, 6379))) missing.push(`Redis (${process.env.REDIS_URL})`);
  return missing;
}

module.exports = { probeServices };
