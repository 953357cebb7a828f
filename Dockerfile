# The GitHub Action's image: a static ladderlint on an empty base.
# No USER (Docker actions run as root so they can write the runner's files) and
# no WORKDIR (the runner sets --workdir /github/workspace).
FROM golang:1.26-alpine AS build
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum /src/
RUN cd /src && go mod download
COPY . /src
RUN cd /src && go build -ldflags="-s -w" -o /out/ladderlint ./cmd/ladderlint

FROM scratch
COPY --from=build /out/ladderlint /ladderlint
ENTRYPOINT ["/ladderlint"]
