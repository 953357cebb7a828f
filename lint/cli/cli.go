// Package cli is ladderlint's command line: flags, subcommands, exit codes.
// Everything it touches (arguments, streams, environment) is passed in, so
// the whole CLI runs in-process in tests.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/changes"
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/report"
)

// Exit codes.
const (
	ExitClean    = 0 // no finding at or above the fail level
	ExitFindings = 1 // findings at or above the fail level
	ExitUsage    = 2 // bad flags, configuration or input files
	ExitInternal = 3 // a bug in ladderlint
)

// Env is the process environment as a lookup function.
type Env func(string) string

const usage = `usage: ladderlint [flags] [PATH...]       lint markdown files and folders (default .)
       ladderlint extract [flags] [PATH...] print the ladders found, as JSON
       ladderlint rules                     list the rules with their help
       ladderlint config [-verify] [-config FILE] [PATH]
                                            print the effective configuration, or check a file
       ladderlint diff [-format F] REV [PATH...]
                                            what changed in every ladder since git revision REV
       ladderlint init [-force] [-dry-run] [PATH]
                                            pin the ladders found in a starter .ladderlint.yml

flags:
`

// Main runs ladderlint and returns its exit code.
func Main(args []string, stdout, stderr io.Writer, env Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "ladderlint: internal error: %s\nplease report this at https://github.com/ladderlint/ladderlint/issues\n", report.Safe(fmt.Sprint(r)))
			code = ExitInternal
		}
	}()
	cmd, args := subcommand(args)
	switch cmd {
	case "diff":
		return diffCmd(args, stdout, stderr, env)
	case "init":
		return initCmd(args, stdout, stderr)
	}
	fs := flag.NewFlagSet("ladderlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	configPath := fs.String("config", "", "configuration file (default: "+config.FileName+" in the first PATH when it is a folder, else in the current folder, if any)")
	format := fs.String("format", "", "output format: "+strings.Join(formats, ", ")+" (default: github when GITHUB_ACTIONS=true, else text)")
	failLevel := fs.String("fail-level", "", "lowest severity that fails the run: error, warning or never (default from the configuration, else error)")
	noSnippets := fs.Bool("no-snippets", false, "text format: do not print the source line under each finding")
	maxSize := fs.Int64("max-file-size", lint.DefaultMaxFileSize, "largest file to read, in bytes")
	changedSince := fs.String("changed-since", "", "lint only pages changed since this git revision, and report the ladders the diff touches")
	verify := fs.Bool("verify", false, "config: only check the configuration file, print nothing when it is valid")
	changesFile := fs.String("changes-file", "", "with -changed-since: also write the ladder changes (as `ladderlint diff -format markdown`) to this file")
	var outputs []output
	fs.Func("output", "also write a report to a file, as FORMAT=PATH (formats: "+strings.Join(fileFormats, ", ")+"); repeatable", func(v string) error {
		o, err := parseOutput(v)
		if err == nil {
			outputs = append(outputs, o)
		}
		return err
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitUsage
	}
	if cmd == "rules" {
		return rules(stdout)
	}
	if cmd == "config" {
		return showConfig(*configPath, fs.Args(), *verify, stdout, stderr)
	}
	if *format == "" {
		*format = "text"
		if env("GITHUB_ACTIONS") == "true" && cmd == "lint" {
			*format = "github"
		}
	}
	// toolError reports what is not a finding: on stderr, or as an error
	// annotation in GitHub Actions mode.
	toolError := func(msg string) { fmt.Fprintf(stderr, "ladderlint: %s\n", report.Safe(msg)) }
	flagName := func(name string) string { return "-" + name }
	paths := fs.Args()
	var gh *github
	if *format == "github" && cmd == "lint" {
		gh = newGitHub(stdout, env)
		toolError = func(msg string) { gh.toolError("", msg) }
		flagName = gh.name
		var err error
		if paths, err = gh.applyInputs(fs); err != nil {
			toolError(err.Error())
			return ExitUsage
		}
	}
	if !slices.Contains(formats, *format) {
		toolError(fmt.Sprintf("-format %q is not one of %s", *format, strings.Join(formats, ", ")))
		return ExitUsage
	}
	cfg, err := loadConfig(*configPath, paths)
	if err != nil {
		msg := err.Error()
		if *configPath != "" {
			msg = flagName("config") + ": " + msg
		}
		toolError(msg)
		return ExitUsage
	}
	if *failLevel != "" {
		cfg.FailLevel = *failLevel
	}
	if cfg.FailLevel != "error" && cfg.FailLevel != "warning" && cfg.FailLevel != "never" {
		name := flagName("fail-level")
		if *failLevel == "" {
			name = "fail-level in " + cfg.Path
		}
		toolError(fmt.Sprintf("%s %q is not one of error, warning, never", name, cfg.FailLevel))
		return ExitUsage
	}
	root := "."
	if cfg.Path != "" {
		root = filepath.Dir(cfg.Path)
	}
	res, err := lint.Run(lint.Options{Paths: paths, Root: root, Config: cfg, MaxFileSize: *maxSize,
		Documents: cmd == "extract" || gh != nil, ChangedSince: *changedSince})
	if err != nil {
		msg := err.Error()
		if ce := (*changes.Error)(nil); errors.As(err, &ce) {
			msg = flagName("changed-since") + ": " + msg
		}
		toolError(msg)
		return ExitUsage
	}
	if gh == nil {
		for _, e := range res.Errors {
			toolError(e.Error())
		}
	}
	if cmd == "extract" {
		docs := res.Documents
		if docs == nil {
			docs = []ladder.Document{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(docs); err != nil {
			return ExitInternal
		}
		if len(res.Errors) > 0 {
			return ExitUsage
		}
		return ExitClean
	}
	run := &report.Run{Files: res.Files, Ladders: res.Ladders, Findings: res.Findings, Sources: res.Sources, Unreadable: len(res.Errors), Suppressed: res.Suppressed}
	exit := exitFor(res.Findings, cfg.FailLevel)
	if *changesFile != "" && *changedSince == "" {
		toolError(flagName("changes-file") + " needs " + flagName("changed-since") + ": the changes are against that revision")
		return ExitUsage
	}
	var changes *ladderChanges
	if *changedSince != "" && (*changesFile != "" || gh != nil && env("GITHUB_STEP_SUMMARY") != "") {
		if changes, err = newLadderChanges(*changedSince, paths, cfg, env); err != nil {
			toolError(flagName("changed-since") + ": " + err.Error())
			return ExitUsage
		}
		if err := changes.writeFile(*changesFile); err != nil {
			toolError(flagName("changes-file") + ": " + err.Error())
			return ExitUsage
		}
	}
	if *format == "github" {
		err = gh.report(run, res, cfg, exit != ExitClean, changes)
	} else {
		err = write(stdout, *format, run, !*noSnippets)
	}
	if err != nil {
		toolError("cannot write the report: " + err.Error())
		return ExitInternal
	}
	if res.SkippedFiles+res.SkippedLadders > 0 && *format == "text" {
		fmt.Fprintf(stdout, "ladderlint: -changed-since %s: %s and %s not reported\n", report.Safe(*changedSince),
			count(res.SkippedFiles, "unchanged file"), count(res.SkippedLadders, "untouched ladder"))
	}
	for _, o := range outputs {
		if err := o.write(run); err != nil {
			toolError(flagName("output") + " " + err.Error())
			return ExitUsage
		}
	}
	if len(res.Errors) > 0 {
		return ExitUsage
	}
	return exit
}

// formats are the values of -format: the file formats (written by write)
// and github (annotations, summary and outputs in GitHub Actions).
var formats = append(slices.Clone(fileFormats), "github")

// fileFormats are the reports write can produce, to stdout or with -output.
var fileFormats = []string{"text", "json", "sarif", "rdjsonl"}

// write writes run in format to w.
func write(w io.Writer, format string, run *report.Run, snippets bool) error {
	switch format {
	case "json":
		return report.JSON(w, run)
	case "sarif":
		return report.SARIF(w, run)
	case "rdjsonl":
		return report.RDJSONL(w, run)
	default:
		return report.Text(w, run, snippets)
	}
}

// exitFor decides the exit code from the findings and the fail level.
func exitFor(findings []check.Finding, failLevel string) int {
	threshold := check.Error
	switch failLevel {
	case "never":
		return ExitClean
	case "warning":
		threshold = check.Warning
	}
	for _, f := range findings {
		if f.Severity >= threshold {
			return ExitFindings
		}
	}
	return ExitClean
}

// loadConfig reads -config, else .ladderlint.yml at the lint root (the
// first PATH when it is a folder), else in the current folder, else defaults.
func loadConfig(path string, paths []string) (*config.Config, error) {
	if path != "" {
		return config.Load(path, true)
	}
	if len(paths) > 0 {
		if info, err := os.Stat(paths[0]); err == nil && info.IsDir() {
			p := filepath.Join(paths[0], config.FileName)
			if _, err := os.Stat(p); err == nil {
				return config.Load(p, true)
			}
		}
	}
	return config.Load(config.FileName, false)
}

// rules prints every rule with its default severity and help.
func rules(w io.Writer) int {
	for _, r := range check.Rules {
		fmt.Fprintf(w, "%s (default: %s)\n    %s\n", r.ID(), r.Default(), r.Summary())
		fmt.Fprintf(w, "    %s\n\n", strings.ReplaceAll(r.Help(), "\n", "\n    "))
	}
	return ExitClean
}

// Run is Main with the real process streams and environment.
func Run() int { return Main(os.Args[1:], os.Stdout, os.Stderr, os.Getenv) }

// subcommands are the words that select what ladderlint does besides linting.
var subcommands = []string{"extract", "rules", "config", "diff", "init"}

// valueFlags take a value in the next argument ("-config FILE").
var valueFlags = []string{"config", "format", "fail-level", "max-file-size", "changed-since", "output", "changes-file"}

// subcommand finds the subcommand, first or after flags ("ladderlint
// -no-snippets extract x.md"), and returns the arguments without it.
func subcommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && slices.Contains(valueFlags, name) {
				i++ // skip the flag's value
			}
			continue
		}
		if slices.Contains(subcommands, a) {
			if _, err := os.Stat(a); err == nil {
				break // a file or folder with that name: lint it
			}
			return a, append(args[:i:i], args[i+1:]...)
		}
		break
	}
	return "lint", args
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
