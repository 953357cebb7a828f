package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/changes"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/diff"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/report"
)

const diffUsage = `usage: ladderlint diff [flags] REV [PATH...]
  what changed in every ladder between the git revision REV and the working
  tree: ladders, levels, categories and expectations added, removed, edited
  or moved, and area coverage gained or lost. Git is only read (ls-tree,
  cat-file, diff-tree); nothing in the repository is written.

flags:
`

// diffFormats are the values of diff's -format.
var diffFormats = []string{"text", "json", "markdown"}

// diffCmd runs `ladderlint diff`.
func diffCmd(args []string, stdout, stderr io.Writer, env Env) int {
	fs := flag.NewFlagSet("ladderlint diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {} // -h: help() on stdout; a bad flag: the parser's message and a hint
	help := func() { fmt.Fprint(stdout, diffUsage); fs.SetOutput(stdout); fs.PrintDefaults() }
	format := fs.String("format", "text", "output format: "+strings.Join(diffFormats, ", "))
	configPath := fs.String("config", "", "configuration `FILE` (default: the nearest "+config.FileName+" from the first PATH up to the repository root, if any)")
	colour := fs.String("color", "auto", "text format: colour the changes: auto (only on a terminal, and not with NO_COLOR), always or never")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			help() // asked for: on stdout
			return ExitClean
		}
		flagError(stderr, fs, err, "ladderlint help diff")
		return ExitUsage
	}
	fail := func(msg string) int {
		fmt.Fprintf(stderr, "ladderlint: diff: %s\n", report.Safe(msg))
		return ExitUsage
	}
	if fs.NArg() < 1 {
		fmt.Fprint(stderr, diffUsage)
		fs.PrintDefaults()
		return ExitUsage
	}
	if !slices.Contains(diffFormats, *format) {
		return fail(fmt.Sprintf("-format %q is not one of %s", *format, strings.Join(diffFormats, ", ")))
	}
	if !slices.Contains([]string{"auto", "always", "never"}, *colour) {
		return fail(fmt.Sprintf("-color %q is not one of auto, always, never", *colour))
	}
	rev, paths := fs.Arg(0), fs.Args()[1:]
	cfg, err := loadConfig(*configPath, paths)
	if err != nil {
		return fail(err.Error())
	}
	r, err := DiffSince(rev, paths, cfg)
	if err != nil {
		return fail(err.Error())
	}
	switch *format {
	case "json":
		err = diff.JSON(stdout, r)
	case "markdown":
		_, err = io.WriteString(stdout, diff.Markdown(r, diff.MarkdownOptions{}))
	default:
		paint := *colour == "always" || *colour == "auto" && env("NO_COLOR") == "" && isTerminal(stdout)
		err = diff.Text(stdout, r, paint)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ladderlint: diff: cannot write: %v\n", err)
		return ExitInternal
	}
	return ExitClean
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// DiffSince compares the ladders of the pages under paths (default ".")
// selected by cfg at git revision rev with the working tree. Git is only
// read; see diff.Base.
func DiffSince(rev string, paths []string, cfg *config.Config) (*diff.Report, error) {
	wd, _ := os.Getwd() // the command's working folder: paths are relative to it
	v := diff.At(changes.Dir(paths), wd, rev)
	defer v.Close()
	return diffAt(v, paths, cfg, lint.DefaultMaxFileSize)
}

// diffAt is DiffSince at a revision that may already be open (a lint run
// under -changed-since asked git about it), reading pages of at most
// maxSize bytes.
func diffAt(v *diff.Revision, paths []string, cfg *config.Config, maxSize int64) (*diff.Report, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	root := configRoot(cfg)
	base, err := v.Base()
	if err != nil {
		return nil, err
	}
	wd := base.WorkDir
	lopts := lint.Options{Paths: paths, Root: root, WorkDir: wd, Config: cfg, MaxFileSize: maxSize}
	read, err := lint.PageReader(lopts)
	if err != nil {
		return nil, err
	}
	// Head and base: the pages a lint run reads, in the working tree and
	// at the revision.
	headData := lint.HeadPages(lopts)
	baseData, err := base.Read(lint.BasePages(lopts, base), maxSize)
	if err != nil {
		return nil, err
	}
	var baseSet, headSet []diff.Page
	unchanged := 0
	for rp, data := range baseData {
		local := base.LocalPath(rp)
		if hd, ok := headData[local]; ok && bytes.Equal(hd, data) {
			if pg, ok := read(local, data); ok {
				unchanged += len(pg.Ladders)
			}
			delete(headData, local)
			continue
		}
		if pg, ok := read(local, data); ok {
			baseSet = append(baseSet, pg)
		}
	}
	for local, data := range headData {
		if pg, ok := read(local, data); ok {
			headSet = append(headSet, pg)
		}
	}
	sort.Slice(baseSet, func(i, j int) bool { return baseSet[i].Path < baseSet[j].Path })
	sort.Slice(headSet, func(i, j int) bool { return headSet[i].Path < headSet[j].Path })
	renames := map[string]string{}
	for from, to := range base.Renames() {
		renames[base.LocalPath(from)] = base.LocalPath(to)
	}
	var areas []ladder.Area
	for _, a := range cfg.Areas {
		areas = append(areas, ladder.Area{Name: a.Name, Terms: a.Terms})
	}
	r := diff.Pages(baseSet, headSet, diff.Options{Areas: areas, Renames: renames})
	r.Base = v.Rev()
	r.Unchanged += unchanged
	return r, nil
}

// changesLimit bounds the "Ladder changes" markdown (job summary section
// and changes-file): a quarter of the summary's 1 MiB, so the findings
// always fit after it.
const changesLimit = report.GitHubSummaryLimit / 4

// ladderChanges is the ladder diff of a -changed-since run, rendered once
// for the job summary and the changes file.
type ladderChanges struct {
	markdown string
}

// newLadderChanges compares the ladders under paths at rev (opened by the
// lint run) with the working tree, reading pages of at most maxSize bytes
// as the run did. In GitHub Actions the locations link to the pull
// request's head.
func newLadderChanges(rev *diff.Revision, paths []string, cfg *config.Config, maxSize int64, env Env) (*ladderChanges, error) {
	r, err := diffAt(rev, paths, cfg, maxSize)
	if err != nil {
		return nil, err
	}
	o := diff.MarkdownOptions{Heading: "###", Limit: changesLimit}
	if env("GITHUB_ACTIONS") == "true" {
		o.BlobURL = blobURL(env)
	}
	return &ladderChanges{markdown: diff.Markdown(r, o)}, nil
}

// writeFile writes the changes to path (nothing when path is "").
func (c *ladderChanges) writeFile(path string) error {
	if path == "" {
		return nil
	}
	return os.WriteFile(path, []byte(c.markdown), 0o644)
}
