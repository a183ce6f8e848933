# syntax=docker/dockerfile:1
# Maillage in a container: one static binary (PocketBase, schema, sync, embedded PWA) on a small
# image, running as an unprivileged user with its database in /pb_data (a volume on Fly.io).
#
#   docker build -t maillage .
#   docker run -p 8090:8090 -v maillage-data:/pb_data maillage
#   docker run -v maillage-data:/pb_data maillage superuser upsert admin@example.org 'long password'

# --- build: the same command as `make build`, CGO off so the binary needs no libc ---
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/maillage . \
    && /out/maillage --help >/dev/null

# --- runtime: certificates for outgoing HTTPS (S3 backups, mail, imports), time zones, a shell
# for `fly ssh console`, and nothing else ---
FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
    && addgroup -S -g 10001 maillage \
    && adduser -S -D -H -u 10001 -G maillage -s /bin/sh maillage \
    && mkdir /pb_data && chown maillage:maillage /pb_data
COPY --from=build /out/maillage /maillage
# Continuous replication of data.db (docs/deploy.md, "Replication (Litestream)"): read by
# `serve` when MAILLAGE_LITESTREAM_CONFIG names it (fly.toml does).
COPY litestream.yml /litestream.yml
USER maillage:maillage
# The binary's default data dir is pb_data next to it: /pb_data, so that one-off commands
# (`/maillage superuser upsert …`) find the database without --dir.
VOLUME /pb_data
EXPOSE 8090
ENTRYPOINT ["/maillage"]
CMD ["serve", "--http", "0.0.0.0:8090", "--dir", "/pb_data"]
