# One image for every smsgw process; the compose file picks the command (api, worker, migrate, sandbox).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/gateways/package.json packages/gateways/
COPY packages/queues/package.json packages/queues/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/sandbox-gateway/package.json apps/sandbox-gateway/
COPY apps/standalone/package.json apps/standalone/
# Dev dependencies are kept: processes run TypeScript through tsx, there is no build step.
RUN npm ci --include=dev --no-audit --no-fund
COPY tsconfig.json drizzle.config.ts ./
COPY drizzle drizzle
COPY packages packages
COPY apps apps
USER node
CMD ["npm", "run", "start:api"]
