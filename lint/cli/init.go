package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/report"
)

const initUsage = `usage: ladderlint init [-force] [-dry-run] [PATH]
  scan the handbook under PATH (default .), print the ladders recognised
  (page, name, shape, levels, categories) and write PATH/.ladderlint.yml
  pinning them, so that a ladder that stops being recognised fails the
  check (rule ladder-missing). An existing file is kept unless -force.
  This is the one command that writes into your repository, and it writes
  only that file.

flags:
`

// initCmd runs `ladderlint init`.
func initCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ladderlint init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {} // -h: help() on stdout; a bad flag: the parser's message and a hint
	help := func() { fmt.Fprint(stdout, initUsage); fs.SetOutput(stdout); fs.PrintDefaults() }
	force := fs.Bool("force", false, "replace an existing "+config.FileName)
	dryRun := fs.Bool("dry-run", false, "print the configuration instead of writing it")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			help() // asked for: on stdout
			return ExitClean
		}
		flagError(stderr, fs, err, "ladderlint help init")
		return ExitUsage
	}
	fail := func(msg string) int {
		fmt.Fprintf(stderr, "ladderlint: init: %s\n", report.Safe(msg))
		return ExitUsage
	}
	if fs.NArg() > 1 {
		return fail("give one folder, the handbook's root")
	}
	root := "."
	if fs.NArg() == 1 {
		root = fs.Arg(0)
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return fail(fmt.Sprintf("%s is not a folder", root))
	}
	target := filepath.Join(root, config.FileName)
	if _, err := os.Lstat(target); err == nil && !*force && !*dryRun {
		return fail(fmt.Sprintf("%s exists; run with -force to replace it, or -dry-run to see what would be written", target))
	}
	cfg := config.Default()
	res, err := lint.Run(lint.Options{Paths: []string{root}, Root: root, Config: cfg, Documents: true})
	if err != nil {
		return fail(err.Error())
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "ladderlint: %s\n", report.Safe(e.Error()))
	}
	if len(res.Documents) == 0 {
		fmt.Fprintf(stdout, "ladderlint: no career ladder recognised in %s under %s; nothing written\n", count(res.Files, "file"), report.Safe(root))
		return ExitClean
	}
	fmt.Fprintf(stdout, "ladderlint: %s recognised in %s under %s:\n", count(len(res.Documents), "ladder"), count(res.Files, "file"), report.Safe(root))
	for _, d := range res.Documents {
		shape := string(d.Format)
		if d.Table != "" {
			shape += ", " + d.Table + " table"
		}
		fmt.Fprintf(stdout, "  %s:%d  %q  (%s)\n    levels: %s\n    categories: %s\n", report.Safe(d.File), d.Line, report.Safe(d.Name),
			shape, report.Safe(strings.Join(levelCodes(d), ", ")), report.Safe(strings.Join(d.Categories, ", ")))
	}
	text, err := starterConfig(root, res.Documents)
	if err != nil {
		return fail(err.Error())
	}
	if _, err := config.Parse(target, []byte(text)); err != nil {
		fmt.Fprintf(stderr, "ladderlint: init: internal error: the starter configuration does not load: %v\n", err)
		return ExitInternal
	}
	if *dryRun {
		fmt.Fprintf(stdout, "\n# %s (not written: -dry-run)\n%s", report.Safe(target), text)
		return ExitClean
	}
	if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
		return fail("cannot write " + err.Error())
	}
	fmt.Fprintf(stdout, "ladderlint: wrote %s pinning %s; review it and commit it\n", report.Safe(target), count(len(res.Documents), "ladder"))
	return ExitClean
}

// levelCodes lists a ladder's levels by code (by label when it has none).
func levelCodes(d ladder.Document) []string {
	out := make([]string, 0, len(d.Levels))
	for _, lv := range d.Levels {
		if lv.Code != "" {
			out = append(out, lv.Code)
		} else {
			out = append(out, lv.Label)
		}
	}
	return out
}

// starterConfig is the .ladderlint.yml that pins docs: each ladder by page,
// name, levels and categories; the categories every ladder shares are
// required; areas are explained in comments.
func starterConfig(root string, docs []ladder.Document) (string, error) {
	var pins []config.Pin
	var shared []string
	for i, d := range docs {
		rel, err := filepath.Rel(root, filepath.FromSlash(d.File))
		if err != nil {
			rel = d.File
		}
		pins = append(pins, config.Pin{File: filepath.ToSlash(rel), Name: d.Name, Levels: levelCodes(d), Categories: d.Categories})
		if i == 0 {
			shared = append(shared, d.Categories...)
			continue
		}
		kept := shared[:0]
		for _, c := range shared {
			if d.CategorySet[c] {
				kept = append(kept, c)
			}
		}
		shared = kept
	}
	var b strings.Builder
	b.WriteString("# yaml-language-server: $schema=https://raw.githubusercontent.com/ladderlint/ladderlint/main/schema/config.schema.json\n")
	b.WriteString("# Written by `ladderlint init` from the ladders it recognised. Review it and commit it.\n\n")
	b.WriteString("include: [\"**/*.md\", \"**/*.markdown\"]\n\n")
	if len(shared) > 0 {
		b.WriteString("# Every ladder must have these categories (the ones all ladders found share).\n")
		if err := yamlBlock(&b, map[string]any{"categories": map[string]any{"required": shared}}); err != nil {
			return "", err
		}
		b.WriteString("\n")
	}
	b.WriteString(`# Areas of expectation every level must show, each found by its terms (a
# term matches at the start of a word: "communicat" finds "communicates").
# Uncomment and adapt to check that no level forgets one (rule missing-area):
# areas:
#   - name: communication
#     terms: [communicat, writ, present]
#   - name: collaboration
#     terms: [collaborat, teammate, pair]

# The ladders this handbook must hold (rule ladder-missing): if an edit
# breaks a table so that a ladder, a level or a category is no longer
# recognised, the check fails and says where.
`)
	if err := yamlBlock(&b, map[string]any{"ladders": pins}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// yamlBlock appends v as YAML with flow-style lists of scalars.
func yamlBlock(b *strings.Builder, v any) error {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return err
	}
	flowLists(&n)
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return err
	}
	return enc.Close()
}

// flowLists writes lists of scalars on one line: levels: [IC1, IC2].
func flowLists(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode {
		scalars := true
		for _, c := range n.Content {
			scalars = scalars && c.Kind == yaml.ScalarNode
		}
		if scalars {
			n.Style = yaml.FlowStyle
		}
	}
	for _, c := range n.Content {
		flowLists(c)
	}
}
