# The GitHub Action's image: a static ladderlint on a small base with git.
# No USER (Docker actions run as root so they can write the runner's files) and
# no WORKDIR (the runner sets --workdir /github/workspace).
FROM golang:1.26-alpine AS build
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum /src/
RUN cd /src && go mod download
COPY . /src
RUN cd /src && go build -ldflags="-s -w" -o /out/ladderlint ./cmd/ladderlint

# git is there for the changed-since input; the workspace belongs to another
# user, so git must be told to trust it.
FROM alpine:3.20
RUN apk add --no-cache git && git config --system --add safe.directory '*'
COPY --from=build /out/ladderlint /ladderlint
ENTRYPOINT ["/ladderlint"]
