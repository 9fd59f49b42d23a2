# syntax=docker/dockerfile:1
# cost-tracker (the usage worker). Build context: the repository root
#   docker build -f docker/cost-tracker.Dockerfile -t llmgw/cost-tracker .
# Stage 1 compiles with SWC and drops dev dependencies; stage 2 holds only what runs, as a
# non-root user (uid 1000, so Kubernetes' runAsNonRoot can verify it) on a read-only root.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/llmgw
WORKDIR /app
RUN mkdir -p /var/lib/llmgw && chown 1000:1000 /var/lib/llmgw
COPY --from=build --chown=1000:1000 /app/package.json ./
COPY --from=build --chown=1000:1000 /app/node_modules ./node_modules
COPY --from=build --chown=1000:1000 /app/dist ./dist
COPY --from=build --chown=1000:1000 /app/config ./config
USER 1000:1000
EXPOSE 8003
# Liveness only: readiness (/health/ready) depends on Postgres and Redis, which orchestrators check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.COST_TRACKER_PORT || 8003) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Nest handles SIGTERM itself (graceful shutdown); exec form keeps node as PID 1 receiving it.
CMD ["node", "dist/apps/cost-tracker/src/main.js"]
