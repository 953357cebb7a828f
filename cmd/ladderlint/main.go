// Command ladderlint checks the career ladders in a docs-as-code handbook.
package main

import (
	"os"

	"github.com/ladderlint/ladderlint/lint/cli"
)

func main() {
	tuneGC()
	os.Exit(cli.Run())
}
