# The GitHub Action's image: a static ladderlint on a small base with git.
# No USER (Docker actions run as root so they can write the runner's files) and
# no WORKDIR (the runner sets --workdir /github/workspace).
# internal/image builds this file unchanged and runs it the way the runner does.
FROM golang:1.26-alpine AS build
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum /src/
RUN cd /src && go mod download
COPY . /src
# VERSION stamps the binary (docker build --build-arg VERSION=v1.2.3); the
# runner passes no build arguments, so by default the binary reports the
# version written in lint/cli/version.go.
ARG VERSION=
RUN cd /src && go build -ldflags="-s -w -X github.com/ladderlint/ladderlint/lint/cli.Version=${VERSION}" \
      -o /out/ladderlint ./cmd/ladderlint && /out/ladderlint -version

# Alpine 3.23: the newest stable branch, supported until November 2027.
# git is there for the changed-since input (ladderlint only reads the
# repository); the workspace belongs to another user, so git must be told to
# trust it.
FROM alpine:3.23
RUN apk add --no-cache git && git config --system --add safe.directory '*'
COPY --from=build /out/ladderlint /ladderlint
ENTRYPOINT ["/ladderlint"]
