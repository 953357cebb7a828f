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
	"github.com/ladderlint/ladderlint/lint/diff"
	"github.com/ladderlint/ladderlint/lint/finding"
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

// command is one line of `ladderlint help`: a subcommand, its synopsis,
// and the flags of the main flag set it takes (diff and init parse their own).
type subcmd struct {
	name, synopsis, what string
	flags                []string
}

// commands are listed by `ladderlint help`, in this order.
var commands = []subcmd{
	{"lint", "ladderlint [flags] [PATH...]", "lint markdown files and folders (default .)",
		[]string{"config", "format", "fail-level", "no-snippets", "output", "changed-since", "changes-file", "max-file-size"}},
	{"extract", "ladderlint extract [flags] [PATH...]", "print the ladders found, as JSON",
		[]string{"config", "changed-since", "max-file-size"}},
	{"rules", "ladderlint rules [RULE]", "list the rules with their help, or one rule", nil},
	{"config", "ladderlint config [-verify] [-config FILE] [PATH]", "print the effective configuration, or check a file",
		[]string{"config", "verify"}},
	{"diff", "ladderlint diff [-format F] REV [PATH...]", "what changed in every ladder since git revision REV", nil},
	{"init", "ladderlint init [-force] [-dry-run] [PATH]", "pin the ladders found in a starter .ladderlint.yml", nil},
	{"version", "ladderlint version", "print the version (also -version)", nil},
	{"help", "ladderlint help [SUBCOMMAND]", "this help, or a subcommand's flags", nil},
}

func commandNamed(name string) *subcmd {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// printUsage writes the list of subcommands and the lint flags.
func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "usage:")
	for _, c := range commands {
		if len(c.synopsis) > 38 {
			fmt.Fprintf(w, "  %s\n  %-38s %s\n", c.synopsis, "", c.what)
		} else {
			fmt.Fprintf(w, "  %-38s %s\n", c.synopsis, c.what)
		}
	}
	fmt.Fprintln(w, "\nflags of ladderlint [flags] [PATH...]:")
	printFlags(w, fs, commandNamed("lint").flags)
	fmt.Fprintln(w, "\n`ladderlint help SUBCOMMAND` lists a subcommand's flags. Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or configuration error, 3 internal error.")
}

// printCommandUsage writes one subcommand's synopsis and flags.
func printCommandUsage(w io.Writer, fs *flag.FlagSet, c *subcmd) {
	fmt.Fprintf(w, "usage: %s\n       %s\n", c.synopsis, c.what)
	if len(c.flags) > 0 {
		fmt.Fprintln(w, "\nflags:")
		printFlags(w, fs, c.flags)
	}
}

// printFlags prints the flags of fs named in names, as flag.PrintDefaults does.
func printFlags(w io.Writer, fs *flag.FlagSet, names []string) {
	sub := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	sub.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		if slices.Contains(names, f.Name) {
			sub.Var(f.Value, f.Name, f.Usage)
			sub.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	sub.PrintDefaults()
}

// flagError explains a flag the parser refused and suggests a near one.
func flagError(stderr io.Writer, fs *flag.FlagSet, err error, help string) {
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := config.Suggest(name, names); s != "" {
			fmt.Fprintf(stderr, "did you mean -%s?\n", s)
		}
	}
	fmt.Fprintf(stderr, "run `%s` for the flags\n", help)
}

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
	inv := newInvocation(cmd, stdout, stderr, env)
	defer inv.close()
	if code, done := inv.parse(args); done {
		return code
	}
	switch {
	case cmd == "help":
		return helpCmd(inv.fs.Args(), inv.fs, stdout, stderr, env)
	case inv.verify && cmd != "config":
		// Lint flags given to extract or rules are harmless and accepted
		// (scripts pass them); -verify outside config would silently do nothing.
		fmt.Fprintf(stderr, "ladderlint: -verify applies to `ladderlint config` only (ladderlint config -verify); run `ladderlint help %s` for the flags of `%s`\n", cmd, commandNamed(cmd).synopsis)
		return ExitUsage
	case inv.showVersion || cmd == "version":
		return printVersion(stdout)
	case cmd == "rules":
		return rules(inv.fs.Args(), stdout, stderr)
	case cmd == "config":
		return showConfig(inv.configPath, inv.fs.Args(), inv.verify, stdout, stderr)
	}
	cfg, code := inv.setup()
	if code != ExitClean {
		return code
	}
	res, code := inv.run(cfg)
	if code != ExitClean {
		return code
	}
	if cmd == "extract" {
		return inv.extract(res)
	}
	return inv.report(res, cfg)
}

// invocation is one run of the lint, extract, rules, config or help
// command: its flags, streams, and how it reports what is not a finding.
type invocation struct {
	cmd            string
	fs             *flag.FlagSet
	stdout, stderr io.Writer
	env            Env
	// flags
	configPath, format, failLevel, changedSince, changesFile string
	noSnippets, verify, showVersion                          bool
	maxSize                                                  int64
	outputs                                                  []output
	// set up by setup
	paths []string
	root  string
	gh    *github // GitHub Actions mode (-format github)
	// rev is the -changed-since revision, shared by the lint run and the
	// ladder changes so that git is asked each thing once.
	rev *diff.Revision
	// toolError reports what is not a finding: on stderr, or as an error
	// annotation in GitHub Actions mode; flagName names a flag as the user
	// gave it (an Action input in GitHub Actions mode).
	toolError func(msg string)
	flagName  func(name string) string
}

func newInvocation(cmd string, stdout, stderr io.Writer, env Env) *invocation {
	inv := &invocation{cmd: cmd, stdout: stdout, stderr: stderr, env: env,
		fs: flag.NewFlagSet("ladderlint", flag.ContinueOnError)}
	fs := inv.fs
	fs.SetOutput(stderr)
	fs.Usage = func() {} // -h prints on stdout below; a bad flag gets a short hint
	fs.StringVar(&inv.configPath, "config", "", "configuration `FILE` (default: the nearest "+config.FileName+" from the first PATH up to the repository root, if any)")
	fs.StringVar(&inv.format, "format", "", "output format: "+strings.Join(formats, ", ")+" (default: github when GITHUB_ACTIONS=true, else text)")
	fs.StringVar(&inv.failLevel, "fail-level", "", "lowest severity that fails the run: error, warning or never (default from the configuration, else error)")
	fs.BoolVar(&inv.noSnippets, "no-snippets", false, "text format: do not print the source line under each finding")
	fs.Int64Var(&inv.maxSize, "max-file-size", lint.DefaultMaxFileSize, "largest file to read, in bytes")
	fs.StringVar(&inv.changedSince, "changed-since", "", "lint only pages changed since this git revision, and report the ladders the diff touches")
	fs.BoolVar(&inv.verify, "verify", false, "config: only check the configuration file, print nothing when it is valid")
	fs.StringVar(&inv.changesFile, "changes-file", "", "with -changed-since: also write the ladder changes, as ladderlint diff -format markdown does, to this `PATH`")
	fs.BoolVar(&inv.showVersion, "version", false, "print the version and exit")
	fs.Func("output", "also write a report to a file, as FORMAT=PATH (formats: "+strings.Join(fileFormats, ", ")+"); repeatable", func(v string) error {
		o, err := parseOutput(v)
		if err == nil {
			inv.outputs = append(inv.outputs, o)
		}
		return err
	})
	inv.toolError = func(msg string) { fmt.Fprintf(stderr, "ladderlint: %s\n", report.Safe(msg)) }
	inv.flagName = func(name string) string { return "-" + name }
	return inv
}

// close ends what the invocation started to read the -changed-since
// revision.
func (inv *invocation) close() {
	if inv.rev != nil {
		inv.rev.Close()
	}
}

// parse reads the flags; done is set when the run ends there (-h, a bad flag).
func (inv *invocation) parse(args []string) (code int, done bool) {
	err := inv.fs.Parse(args)
	if err == nil {
		return ExitClean, false
	}
	if errors.Is(err, flag.ErrHelp) {
		if inv.cmd == "lint" {
			printUsage(inv.stdout, inv.fs)
		} else {
			printCommandUsage(inv.stdout, inv.fs, commandNamed(inv.cmd))
		}
		return ExitClean, true
	}
	help := "ladderlint -h"
	if inv.cmd != "lint" {
		help = "ladderlint help " + inv.cmd
	}
	flagError(inv.stderr, inv.fs, err, help)
	return ExitUsage, true
}

// setup settles the format (GitHub Actions mode and its inputs), loads the
// configuration and applies -fail-level.
func (inv *invocation) setup() (*config.Config, int) {
	if inv.format == "" {
		inv.format = "text"
		if inv.env("GITHUB_ACTIONS") == "true" && inv.cmd == "lint" {
			inv.format = "github"
		}
	}
	inv.paths = inv.fs.Args()
	if inv.format == "github" && inv.cmd == "lint" {
		gh := newGitHub(inv.stdout, inv.env)
		inv.gh, inv.toolError, inv.flagName = gh, func(msg string) { gh.toolError("", msg) }, gh.name
		var err error
		if inv.paths, err = gh.applyInputs(inv.fs); err != nil {
			inv.toolError(err.Error())
			return nil, ExitUsage
		}
	}
	if !slices.Contains(formats, inv.format) {
		inv.toolError(fmt.Sprintf("-format %q is not one of %s", inv.format, strings.Join(formats, ", ")))
		return nil, ExitUsage
	}
	cfg, err := loadConfig(inv.configPath, inv.paths)
	if err != nil {
		msg := err.Error()
		if inv.configPath != "" {
			msg = inv.flagName("config") + ": " + msg
		}
		inv.toolError(msg)
		return nil, ExitUsage
	}
	if inv.failLevel != "" {
		cfg.FailLevel = inv.failLevel
	}
	if !config.ValidFailLevel(cfg.FailLevel) {
		name := inv.flagName("fail-level")
		if inv.failLevel == "" {
			name = "fail-level in " + cfg.Path
		}
		inv.toolError(fmt.Sprintf("%s %q is not one of error, warning, never", name, cfg.FailLevel))
		return nil, ExitUsage
	}
	inv.root = configRoot(cfg)
	return cfg, ExitClean
}

// run lints, keeping what the chosen reports need.
func (inv *invocation) run(cfg *config.Config) (*lint.Result, int) {
	quotes := inv.format == "text" && !inv.noSnippets || inv.format == "rdjsonl"
	for _, o := range inv.outputs {
		quotes = quotes || o.format == "rdjsonl"
	}
	wd, _ := os.Getwd() // the lint run's and the diff's working folder
	if inv.changedSince != "" {
		inv.rev = diff.At(changes.Dir(inv.paths), wd, inv.changedSince)
	}
	res, err := lint.Run(lint.Options{Paths: inv.paths, Root: inv.root, WorkDir: wd, Config: cfg, MaxFileSize: inv.maxSize,
		Documents: inv.cmd == "extract" || inv.gh != nil, ChangedSince: inv.changedSince, Revision: inv.rev, Quotes: quotes})
	if ie := (*lint.InternalError)(nil); errors.As(err, &ie) {
		inv.toolError("internal error: " + ie.Error() + "; please report this at https://github.com/ladderlint/ladderlint/issues")
		return nil, ExitInternal
	}
	if err != nil {
		msg := err.Error()
		if ce := (*changes.Error)(nil); errors.As(err, &ce) {
			msg = inv.flagName("changed-since") + ": " + msg
		}
		inv.toolError(msg)
		return nil, ExitUsage
	}
	if inv.gh == nil {
		for _, e := range res.Errors {
			inv.toolError(e.Error())
		}
	}
	return res, ExitClean
}

// extract prints the ladder documents as JSON.
func (inv *invocation) extract(res *lint.Result) int {
	docs := res.Documents
	if docs == nil {
		docs = []ladder.Document{}
	}
	enc := json.NewEncoder(inv.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(docs); err != nil {
		return ExitInternal
	}
	if len(res.Errors) > 0 {
		return ExitUsage
	}
	return ExitClean
}

// report writes the findings in the chosen format and to every -output,
// with the ladder changes when asked, and returns the exit code.
func (inv *invocation) report(res *lint.Result, cfg *config.Config) int {
	run := &res.Run
	run.Config = shownPath(cfg.Path)
	exit := exitFor(res.Findings, cfg.FailLevel)
	if inv.changesFile != "" && inv.changedSince == "" {
		inv.toolError(inv.flagName("changes-file") + " needs " + inv.flagName("changed-since") + ": the changes are against that revision")
		return ExitUsage
	}
	var changes *ladderChanges
	if inv.changedSince != "" && (inv.changesFile != "" || inv.gh != nil && inv.env("GITHUB_STEP_SUMMARY") != "") {
		var err error
		if changes, err = newLadderChanges(inv.rev, inv.paths, cfg, inv.maxSize, inv.env); err != nil {
			inv.toolError(inv.flagName("changed-since") + ": " + err.Error())
			return ExitUsage
		}
		if err := changes.writeFile(inv.changesFile); err != nil {
			inv.toolError(inv.flagName("changes-file") + ": " + err.Error())
			return ExitUsage
		}
	}
	var err error
	if inv.format == "github" {
		err = inv.gh.report(run, res, cfg, exit != ExitClean, changes)
	} else {
		err = write(inv.stdout, inv.format, run, !inv.noSnippets)
	}
	if err != nil {
		inv.toolError("cannot write the report: " + err.Error())
		return ExitInternal
	}
	inv.textTail(res, cfg, exit)
	for _, o := range inv.outputs {
		if err := o.write(run); err != nil {
			inv.toolError(inv.flagName("output") + " " + err.Error())
			return ExitUsage
		}
	}
	if len(res.Errors) > 0 {
		return ExitUsage
	}
	return exit
}

// textTail adds, in text format, what -changed-since left out and, under
// pre-commit, the hint for a blocked commit.
func (inv *invocation) textTail(res *lint.Result, cfg *config.Config, exit int) {
	if inv.format != "text" {
		return
	}
	if res.SkippedFiles+res.SkippedLadders > 0 {
		fmt.Fprintf(inv.stdout, "ladderlint: -changed-since %s: %s and %s not reported\n", report.Safe(inv.changedSince),
			count(res.SkippedFiles, "unchanged file"), count(res.SkippedLadders, "untouched ladder"))
	}
	if exit == ExitFindings && inv.changedSince == "" && inv.env("PRE_COMMIT") == "1" {
		preCommitHint(inv.stdout, res, inv.paths, cfg, inv.root, inv.maxSize)
	}
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
func exitFor(findings []finding.Finding, failLevel string) int {
	if blocking(findings, failLevel) > 0 {
		return ExitFindings
	}
	return ExitClean
}

// blocking counts the findings at or above the fail level.
func blocking(findings []finding.Finding, failLevel string) int {
	threshold := finding.Error
	switch failLevel {
	case "never":
		return 0
	case "warning":
		threshold = finding.Warning
	}
	n := 0
	for _, f := range findings {
		if f.Severity >= threshold {
			n++
		}
	}
	return n
}

// configRoot is the folder the configuration's globs are relative to.
func configRoot(cfg *config.Config) string {
	if cfg.Path == "" {
		return "."
	}
	return filepath.Dir(cfg.Path)
}

// loadConfig reads -config, else the nearest .ladderlint.yml found by
// searching upward from the first PATH (its folder when it is a file; the
// current folder without PATH) to the repository root (the folder holding
// .git), else the defaults.
func loadConfig(path string, paths []string) (*config.Config, error) {
	if path != "" {
		return config.Load(path, true)
	}
	if p := findConfig(changes.Dir(paths)); p != "" {
		return config.Load(p, true)
	}
	return config.Default(), nil
}

// shownPath is p as the reports name it: relative to the current folder
// (the workspace, in the Action) when it lies under it.
func shownPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return p
}

// findConfig returns the .ladderlint.yml nearest to dir, in dir or a parent
// up to the first folder holding .git, or "". The path is relative to the
// current folder when dir is.
func findConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(abs, config.FileName)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			if filepath.IsAbs(dir) {
				return p
			}
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, p); err == nil {
					return rel
				}
			}
			return p
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return "" // the repository root
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// rules prints every rule, or those named, with its default severity and
// help; an unknown rule id gets a "did you mean".
func rules(ids []string, w, stderr io.Writer) int {
	list := check.Rules
	if len(ids) > 0 {
		list = nil
		for _, id := range ids {
			r := check.Lookup(id)
			if r == nil {
				hint := config.DidYouMean(id, check.RuleIDs())
				if hint == "" {
					hint = "; the rules are " + strings.Join(check.RuleIDs(), ", ")
				}
				fmt.Fprintf(stderr, "ladderlint: rules: unknown rule %q%s\n", report.Safe(id), hint)
				return ExitUsage
			}
			list = append(list, r)
		}
	}
	for _, r := range list {
		fmt.Fprintf(w, "%s (default: %s)\n    %s\n", r.ID(), r.Default(), r.Summary())
		fmt.Fprintf(w, "    %s\n\n", strings.ReplaceAll(r.Help(), "\n", "\n    "))
	}
	return ExitClean
}

// helpCmd is `ladderlint help [SUBCOMMAND]`: on stdout, exit 0.
func helpCmd(args []string, fs *flag.FlagSet, stdout, stderr io.Writer, env Env) int {
	if len(args) == 0 {
		printUsage(stdout, fs)
		return ExitClean
	}
	switch args[0] {
	case "diff":
		return diffCmd([]string{"-h"}, stdout, stderr, env)
	case "init":
		return initCmd([]string{"-h"}, stdout, stderr)
	}
	c := commandNamed(args[0])
	if c == nil {
		var names []string
		for _, c := range commands {
			names = append(names, c.name)
		}
		fmt.Fprintf(stderr, "ladderlint: help: no subcommand %q%s; the subcommands are %s\n",
			report.Safe(args[0]), config.DidYouMean(args[0], names), strings.Join(names, ", "))
		return ExitUsage
	}
	if c.name == "lint" {
		printUsage(stdout, fs)
	} else {
		printCommandUsage(stdout, fs, c)
	}
	return ExitClean
}

// Run is Main with the real process streams and environment.
func Run() int { return Main(os.Args[1:], os.Stdout, os.Stderr, os.Getenv) }

// subcommands are the words that select what ladderlint does besides linting.
var subcommands = []string{"extract", "rules", "config", "diff", "init", "help", "version"}

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

// preCommitHint runs under pre-commit when the commit is blocked: it lints
// again against HEAD (what -changed-since HEAD reports) and, when some of
// the blocking findings are in ladders the commit does not touch, says they
// were already there and how to commit anyway.
func preCommitHint(w io.Writer, res *lint.Result, paths []string, cfg *config.Config, root string, maxSize int64) {
	head, err := lint.Run(lint.Options{Paths: paths, Root: root, Config: cfg, MaxFileSize: maxSize, ChangedSince: "HEAD"})
	if err != nil {
		return // no git, or no HEAD yet (the first commit): nothing to compare with
	}
	old := blocking(res.Findings, cfg.FailLevel) - blocking(head.Findings, cfg.FailLevel)
	if old <= 0 {
		return
	}
	fmt.Fprintf(w, "ladderlint: %s already in these pages before this commit, in ladders it does not touch. "+
		"To block only on what a commit changes, add `args: [-changed-since, HEAD]` to the hook in .pre-commit-config.yaml; "+
		"or accept one with <!-- ladderlint-disable-next-line RULE -- reason --> above it\n", countWas(old, "blocking finding"))
}

func countWas(n int, word string) string {
	if n == 1 {
		return "1 " + word + " was"
	}
	return fmt.Sprintf("%d %ss were", n, word)
}
