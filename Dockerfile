# One image per app, chosen by target:
#   docker build --target gateway   -t antitratta/gateway .
#   docker build --target referrals -t antitratta/referrals .
#   docker build --target projector -t antitratta/projector .
# The three targets share the build and dependency stages, so the TypeScript build runs once.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
# Fail here, not at container start, if the build layout drifts from the CMDs below.
RUN npm run build \
 && for app in gateway referrals projector; do \
      if [ ! -f "dist/apps/$app/src/main.js" ]; then \
        echo "expected dist/apps/$app/src/main.js after 'npm run build'; main.js files found:" >&2; \
        find dist -name main.js >&2; \
        exit 1; \
      fi; \
    done

# Production dependencies only, installed apart from the build so no dev tooling reaches the image.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root: the unprivileged `node` user can read the code but not change it.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# Slim images have no curl; Node 20's fetch does the probe. Compose defines the same check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

FROM runtime AS referrals
ENV PORT=3001
EXPOSE 3001
CMD ["node", "dist/apps/referrals/src/main.js"]

FROM runtime AS projector
ENV PORT=3002
EXPOSE 3002
CMD ["node", "dist/apps/projector/src/main.js"]

# Last stage, so a plain `docker build .` produces the gateway.
FROM runtime AS gateway
ENV PORT=3000
EXPOSE 3000
CMD ["node", "dist/apps/gateway/src/main.js"]
