# syntax=docker/dockerfile:1
# admin-api (the control plane). Build context: the repository root
#   docker build -f docker/admin-api.Dockerfile -t llmgw/admin-api .
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
COPY --from=build --chown=1000:1000 /app/apps/admin-dashboard ./apps/admin-dashboard
USER 1000:1000
EXPOSE 8002
# Liveness only: readiness (/health/ready) depends on Postgres and Redis, which orchestrators check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.ADMIN_PORT || 8002) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Nest handles SIGTERM itself (graceful shutdown); exec form keeps node as PID 1 receiving it.
CMD ["node", "dist/apps/admin-api/src/main.js"]
