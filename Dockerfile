# Portico in a container: built in one stage, run from a small one that holds only the
# server binary and its site files, as a user without privileges.
#
#   docker build -t portico .
#   docker run -p 3000:3000 -v portico-data:/data -e PUBLIC_URL=http://localhost:3000 portico
#
# compose.yaml runs it with PostgreSQL and a mail catcher.

FROM rust:1.95-bookworm AS build
WORKDIR /src
# The same tools as scripts/setup: cargo-leptos without downloads, the wasm-bindgen CLI
# that matches Cargo.lock, and wasm-opt from npm's binaryen (Debian's is too old).
RUN apt-get update -qq \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/* \
 && rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads \
 && cargo install wasm-bindgen-cli --version =0.2.130 \
 && npm install --global binaryen@132.0.0
COPY . .
RUN cargo leptos build --release --precompress \
 && mkdir -p /out \
 && cp target/release/server target/release/hash.txt /out/ \
 && cp -r target/site /out/site

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portico \
 && mkdir -p /data \
 && chown portico /data
WORKDIR /app
COPY --from=build /out/ /app/
USER portico
ENV LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    DATABASE_URL=sqlite:///data/portico.db?mode=rwc \
    LOG_FORMAT=json
VOLUME /data
EXPOSE 3000
# The orchestrator asks /healthz and /readyz; SIGTERM stops it gracefully.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/server"]
CMD ["serve"]
