# Maillage — the two commands of the README are `go run . serve --demo` and `./scripts/test.sh` (make test).
.PHONY: run test e2e bench lint build

run:
	go run . serve --demo

build:
	CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o maillage .

test:
	./scripts/test.sh

e2e:
	npm run --silent test:e2e

bench:
	go test -run=^$$ -bench=. -benchmem ./...

lint:
	gofmt -l . | (! grep .)
	go vet ./...
