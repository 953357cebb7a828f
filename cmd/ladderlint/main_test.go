package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ladderlint/ladderlint/lint/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ladderlint": func() { os.Exit(cli.Run()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script, one behaviour
// each. UPDATE_GOLDEN=1 rewrites their expected output (cmp files).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_GOLDEN") != "",
		Setup: func(env *testscript.Env) error {
			// Ladderlint must behave the same inside and outside CI.
			env.Setenv("GITHUB_ACTIONS", "")
			return nil
		},
	})
}
