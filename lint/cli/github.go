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
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/report"
)

// actionInput ties an input of action.yml to the flag it stands for. The
// runner passes every declared input as INPUT_<NAME> (InputEnv), empty when
// the workflow sets none and there is no default; an empty input leaves the
// flag's default. A flag given on the command line wins over its input.
type actionInput struct {
	Name string // as declared in action.yml
	Flag string // the flag it sets; "" for the paths (the arguments)
	// Prefix is put before the input's value ("sarif=" for -output).
	Prefix string
}

// actionInputs are all inputs action.yml declares (a test keeps the two in step).
var actionInputs = []actionInput{
	{Name: "paths"},
	{Name: "config", Flag: "config"},
	{Name: "fail-level", Flag: "fail-level"},
	{Name: "changed-since", Flag: "changed-since"},
	{Name: "sarif-file", Flag: "output", Prefix: "sarif="},
	{Name: "changes-file", Flag: "changes-file"},
}

// pullRequestBase is the changed-since value that means "the base commit of
// the pull request that triggered the run".
const pullRequestBase = "pull_request"

// actionOutputs are the outputs action.yml declares, in the order written.
var actionOutputs = []string{"errors", "warnings", "ladders", "files"}

// InputEnv is the variable the runner passes input name in: "INPUT_" +
// upper case, spaces replaced by "_", hyphens kept ("fail-level" →
// "INPUT_FAIL-LEVEL").
func InputEnv(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
}

// github is the GitHub Actions mode of one run: annotations and log lines
// on stdout, the job summary and outputs in the runner's files when their
// variables are set. It never writes anywhere else (in particular not into
// the workspace).
type github struct {
	action *githubactions.Action
	out    io.Writer
	env    Env
	// from maps a flag name to the input that set it, for error messages.
	from map[string]string
	// inputPaths are the paths that came from the paths input.
	inputPaths []string
}

func newGitHub(stdout io.Writer, env Env) *github {
	return &github{out: stdout, env: env, from: map[string]string{},
		action: githubactions.New(githubactions.WithWriter(stdout), githubactions.WithGetenv(githubactions.GetenvFunc(env)))}
}

// applyInputs sets every flag not given on the command line from its
// input, and returns the paths to lint: the arguments, else the paths
// input (one per line), else none (the current folder).
func (g *github) applyInputs(fs *flag.FlagSet) ([]string, error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	paths := fs.Args()
	for _, in := range actionInputs {
		v := strings.TrimSpace(g.env(InputEnv(in.Name)))
		if v == "" {
			continue
		}
		if in.Flag == "" {
			if len(paths) == 0 {
				for _, p := range strings.Split(v, "\n") {
					if p = strings.TrimSpace(p); p != "" {
						paths = append(paths, p)
						g.inputPaths = append(g.inputPaths, filepath.ToSlash(p))
					}
				}
			}
			continue
		}
		if given[in.Flag] {
			continue
		}
		if in.Flag == "changed-since" && v == pullRequestBase {
			base, err := g.pullRequestBase()
			if err != nil {
				return nil, fmt.Errorf("input %q: %v", in.Name, err)
			}
			v = base
		}
		if err := fs.Set(in.Flag, in.Prefix+v); err != nil {
			return nil, fmt.Errorf("input %q: %v", in.Name, err)
		}
		g.from[in.Flag] = in.Name
	}
	return paths, nil
}

// pullRequestBase reads the base commit of the pull request from the event
// payload the runner stores at GITHUB_EVENT_PATH.
func (g *github) pullRequestBase() (string, error) {
	path := g.env("GITHUB_EVENT_PATH")
	if path == "" {
		return "", fmt.Errorf("%q needs GITHUB_EVENT_PATH (run on pull_request)", pullRequestBase)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read the event payload: %v", err)
	}
	var ev struct {
		PullRequest *struct {
			Base struct {
				SHA string `json:"sha"`
			} `json:"base"`
		} `json:"pull_request"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return "", fmt.Errorf("the event payload is not JSON: %v", err)
	}
	if ev.PullRequest == nil || !isSHA(ev.PullRequest.Base.SHA) {
		return "", fmt.Errorf("%q works only on pull_request events (this event has no pull_request.base.sha)", pullRequestBase)
	}
	return ev.PullRequest.Base.SHA, nil
}

func isSHA(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// name is how a message refers to a flag: `input "fail-level"` when the
// value came from the action's input, else `-fail-level`.
func (g *github) name(flagName string) string {
	if in, ok := g.from[flagName]; ok {
		return fmt.Sprintf("input %q", in)
	}
	return "-" + flagName
}

// toolError reports a problem that is not a finding (bad input, unreadable
// file) as an error annotation, on file when known.
func (g *github) toolError(file, msg string) {
	fields := map[string]string{"title": "ladderlint"}
	if file != "" {
		fields["file"] = report.WorkspacePath(file, g.env("GITHUB_WORKSPACE"))
	}
	g.action.WithFieldsMap(fields).Errorf("%s", report.AnnotationMessage(msg))
}

// report writes the run: all findings in a log group, the capped
// annotations, the job summary and the outputs.
func (g *github) report(run *report.Run, res *lint.Result, cfg *config.Config, failed bool, changes *ladderChanges) error {
	workspace := g.env("GITHUB_WORKSPACE")
	for _, e := range res.Errors {
		var fe *lint.FileError
		switch {
		case errors.As(e, &fe) && slices.Contains(g.inputPaths, fe.Path):
			g.toolError("", fmt.Sprintf("input %q: %s: %s", "paths", fe.Path, fe.Msg))
		case errors.As(e, &fe):
			g.toolError(fe.Path, fe.Msg)
		default:
			g.toolError("", e.Error())
		}
	}
	summaryFile := g.env("GITHUB_STEP_SUMMARY")
	seeAlso := "the list in the step log"
	if summaryFile != "" {
		seeAlso = "the job summary"
	}
	g.action.Group("ladderlint findings") // a constant title: never handbook text (N2)
	if err := report.GitHubLog(g.out, run, workspace); err != nil {
		return err
	}
	g.action.EndGroup()
	report.GitHubAnnotations(g.action, run, report.AnnotationOptions{Workspace: workspace, SeeAlso: seeAlso, ErrorsUsed: len(res.Errors)})

	if summaryFile != "" {
		opt := report.SummaryOptions{Coverage: lint.Coverage(res.Documents), FailLevel: cfg.FailLevel, Failed: failed, Workspace: workspace,
			SkippedFiles: res.SkippedFiles, SkippedLadders: res.SkippedLadders}
		for _, a := range cfg.Areas {
			opt.Areas = append(opt.Areas, a.Name)
		}
		opt.Categories = cfg.Categories.Required
		opt.BlobURL = blobURL(g.env)
		if changes != nil {
			opt.Changes = changes.markdown
		}
		md := report.GitHubSummary(run, opt)
		if err := fileCommand(func() { g.action.AddStepSummary(md) }); err != nil {
			return err
		}
	}
	if g.env("GITHUB_OUTPUT") != "" {
		e, w, _ := run.Counts()
		// Integers only: go-githubactions writes a fixed delimiter that
		// text could break out of (CVE-2022-35954).
		values := map[string]int{"errors": e, "warnings": w, "ladders": run.Ladders, "files": run.Files}
		for _, k := range actionOutputs {
			if err := fileCommand(func() { g.action.SetOutput(k, strconv.Itoa(values[k])) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// fileCommand runs a go-githubactions file command, turning its panic on
// an unwritable file into an error.
func fileCommand(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot write a GitHub Actions file: %v", r)
		}
	}()
	f()
	return nil
}

// blobURL is the commit's blob URL prefix ("https://github.com/o/r/blob/<sha>/"), or "".
func blobURL(env Env) string {
	server, repo, sha := env("GITHUB_SERVER_URL"), env("GITHUB_REPOSITORY"), env("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
}
