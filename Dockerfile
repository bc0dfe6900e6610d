# EdgeLab in a container: the image `edgelab export-workflow --image IMAGE` expects (every workflow step runs
# `edgelab <command>` in it). Bundled models, samples and the repo's example specs are under /app (WORKDIR), so a
# lab.yaml kept in this repository runs with its relative paths unchanged; for a spec folder kept elsewhere, build a
# derived image with `COPY <your spec folder> /lab` (export-workflow then uses /lab as the working directory).
#
#   docker build -t edgelab:0.1.0 .                         # CLI + ffmpeg (static, from npm) + Chromium for PDF
#   docker build --build-arg WITH_CHROMIUM=0 -t edgelab:slim .   # without Chromium: --format pdf answers UNSUPPORTED
#   docker run --rm -v "$PWD/ws:/ws" edgelab:0.1.0 --workspace /ws run lab.yaml
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
# Optional dependencies are the desktop shell (electron) and tfjs-node: neither runs in the container. Install
# scripts are skipped (prepare would build before the sources are copied); the one that matters is replayed below.
RUN npm ci --omit=optional --ignore-scripts --no-audit --no-fund \
 && chmod u+x node_modules/@ffmpeg-installer/linux-x64/ffmpeg
COPY . .
RUN npm run build \
 && npm prune --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ARG WITH_CHROMIUM=1
# Chromium prints PDF reports (playwright-core drives it); ffmpeg comes from @ffmpeg-installer inside node_modules.
RUN if [ "$WITH_CHROMIUM" = "1" ]; then \
      apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi
ENV CHROMIUM_PATH=/usr/bin/chromium \
    EDGELAB_WORKSPACE=/work/workspace \
    NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/out ./out
COPY --from=build /app/bin ./bin
COPY --from=build /app/models ./models
COPY --from=build /app/samples ./samples
COPY --from=build /app/tests/fixtures ./tests/fixtures
COPY --from=build /app/lab.yaml ./lab.yaml
COPY --from=build /app/docs ./docs
RUN ln -s /app/bin/edgelab.mjs /usr/local/bin/edgelab && chmod +x /app/bin/edgelab.mjs \
 && mkdir -p /work/workspace /lab && chown -R node:node /work /lab
USER node
ENTRYPOINT ["edgelab"]
CMD ["--help"]
