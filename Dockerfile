# One image for every smsgw process; the compose file picks the command (API, worker, migrations,
# sandbox). See docs/deploy.md.
#
# It runs the TypeScript sources through tsx (`node --import tsx <entry>.ts`): there is no build
# step and no compiled JavaScript. The workspace packages export their src/*.ts, and tsx, a
# production dependency of the apps that run, compiles each file as it is loaded (start-up costs
# about a second; nothing changes after that). The type check belongs to CI (`npm run typecheck`),
# not to the image.
#
# Stages: `manifests` picks every workspace's package.json out of the context, so the `deps`
# layer is rebuilt only when dependencies change; `deps` installs production dependencies only
# (`npm ci --omit=dev`: no vitest, typescript, biome, drizzle-kit, pino-pretty); `runtime` adds
# the sources and runs as the unprivileged `node` user, which owns nothing in /app.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
# Keep only package.json, package-lock.json and each workspace's package.json, at their paths.
RUN mkdir /out \
 && cp package.json package-lock.json /out/ \
 && find apps packages -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /out/ \;

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
# node_modules, including any a workspace keeps for itself (apps/*/node_modules).
COPY --from=deps /app/ ./
COPY tsconfig.json ./
COPY drizzle drizzle
COPY packages packages
COPY apps apps
USER node
EXPOSE 3000
# No HEALTHCHECK here: the same image runs the worker, the migrations and the sandbox, which do
# not serve the API's /readyz. The compose file gives the API service its health check.
CMD ["node", "--import", "tsx", "apps/api/src/server.ts"]
