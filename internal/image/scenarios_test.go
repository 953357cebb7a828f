package image

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Pages of the test handbook. Each has exactly one finding, on the line
// named in its comment.
const (
	// level-gap error on line 7 (IC2 → IC4).
	gapPage = "# Engineering ladder\n\n| Level | Proficiency | Delivery | Teamwork |\n|---|---|---|---|\n" +
		"| IC1 | Learns the codebase with guidance | Ships small fixes with help | Asks teammates for help early |\n" +
		"| IC2 | Solves common problems alone | Ships features with little help | Reviews teammates' changes |\n" +
		"| IC4 | Designs systems across teams | Ships projects end to end | Mentors newer engineers |\n"
	// placeholder warning on line 7 (TBD).
	tbdPage = "# Design ladder\n\n| Level | Proficiency | Delivery | Teamwork |\n|---|---|---|---|\n" +
		"| IC1 | Learns the design system | Ships small fixes with help | Asks teammates for help early |\n" +
		"| IC2 | Solves common problems alone | Ships features with little help | Reviews teammates' changes |\n" +
		"| IC3 | Designs components for the team | TBD | Mentors newer designers |\n"
	// The explicit configuration of the fail-level never scenario.
	relaxedConfig = "rules:\n  level-gap: warning\n"
)

// hostileCells tries every injection of the contract's §2.6 in cells.
const hostileCells = "# Engineering ladder\n\n" +
	"| Level | Proficiency | Delivery | Teamwork |\n" +
	"|---|---|---|---|\n" +
	"| IC1 | Learns the codebase | Ships small fixes | Asks for help early |\n" +
	"| IC2 | Solves problems alone | Ships features | Reviews changes |\n" +
	"| IC2 | x\r::add-mask::Engineer | ##[add-mask]Engineer | ::stop-commands::pwned |\n" +
	"| IC3 | ::set-output name=errors::0 | %0A::error::fake | TBD \u202e\u200b::error::bidi |\n" +
	"| IC5 | \ufeff::warning::bom | ##[stop-commands]x | TBD |\n"

// hostileNames are file names with a line feed, ":" and ",".
var hostileNames = []string{"handbook/evil\n::error::fake.md", "handbook/a,b:c.md", "handbook/::error::x.md"}

func newHandbook(t *testing.T) *handbook {
	h := &handbook{inputs: readInputs(t)}
	h.main = newOrigin(t, map[string]string{
		"handbook/ladders/engineering.md": gapPage,
		"handbook/ladders/design.md":      tbdPage,
		"docs/product.md":                 strings.Replace(gapPage, "Engineering", "Product", 1),
		"archive/old.md":                  strings.Replace(gapPage, "Engineering", "Old", 1),
		"ladderlint.yml":                  relaxedConfig,
		"README.md":                       "# Handbook\n",
	}, map[string]string{
		// The pull request edits line 5 of the engineering ladder only.
		"handbook/ladders/engineering.md": strings.Replace(gapPage, "with guidance", "with some guidance", 1),
	})
	base := map[string]string{"handbook/ladders/engineering.md": hostileCells}
	pr := map[string]string{"handbook/ladders/engineering.md": strings.Replace(hostileCells, "Learns the codebase", "Learns the code base", 1)}
	for _, n := range hostileNames {
		base[n] = gapPage
		pr[n] = strings.Replace(gapPage, "with guidance", "with some guidance", 1)
	}
	h.hostile = newOrigin(t, base, pr)
	return h
}

func scenarios(h *handbook) []scenario {
	return []scenario{{
		name: "full run with findings",
		check: func(t *testing.T, r *stepResult) {
			wantExit(t, r, 1)
			want := []string{"archive/old.md:7", "docs/product.md:7", "handbook/ladders/engineering.md:7"}
			if got := r.annotated("error"); !slices.Equal(got, want) {
				t.Errorf("error annotations %q, want %q", got, want)
			}
			if got := r.annotated("warning"); !slices.Equal(got, []string{"handbook/ladders/design.md:7"}) {
				t.Errorf("warning annotations %q", got)
			}
			wantOutputs(t, r, map[string]string{"errors": "3", "warnings": "1", "ladders": "4", "files": "5"})
			if !strings.Contains(r.summary, "https://github.com/octo/handbook/blob/"+h.main.merge+"/handbook/ladders/engineering.md?plain=1#L7") {
				t.Errorf("the summary has no link to the finding:\n%s", r.summary)
			}
		},
	}, {
		name:     "fail-level never, multi-line paths, explicit config",
		stepSpec: stepSpec{with: map[string]string{"fail-level": "never", "paths": "handbook\n  docs/product.md\n", "config": "ladderlint.yml"}},
		check: func(t *testing.T, r *stepResult) {
			wantExit(t, r, 0)
			// The configuration makes level-gap a warning; archive/ is not in paths.
			want := []string{"docs/product.md:7", "handbook/ladders/design.md:7", "handbook/ladders/engineering.md:7"}
			if got := r.annotated("warning"); !slices.Equal(got, want) {
				t.Errorf("warning annotations %q, want %q", got, want)
			}
			wantOutputs(t, r, map[string]string{"errors": "0", "warnings": "3", "ladders": "3", "files": "3"})
		},
	}, {
		name:     "bad input",
		stepSpec: stepSpec{with: map[string]string{"fail-level": "bogus"}},
		check: func(t *testing.T, r *stepResult) {
			wantExit(t, r, 2)
			a := r.annotations("")
			if len(a) != 1 || a[0].Name != "error" || a[0].Props["file"] != "" || !strings.Contains(a[0].Data, `input "fail-level"`) {
				t.Errorf("annotations %+v, want one error without a file naming the input", a)
			}
		},
	}, {
		name:     "changed-since pull_request, full clone",
		stepSpec: stepSpec{with: map[string]string{"changed-since": "pull_request"}},
		check:    checkChangedOnly,
	}, {
		name: "changed-since pull_request after an earlier step touched a file",
		stepSpec: stepSpec{with: map[string]string{"changed-since": "pull_request"}, before: func(t *testing.T, ws string) {
			// As a build step would: same content, new modification time.
			later := time.Now().Add(time.Hour)
			for _, p := range []string{"handbook/ladders/design.md", "handbook/ladders/engineering.md"} {
				if err := os.Chtimes(filepath.Join(ws, p), later, later); err != nil {
					t.Fatal(err)
				}
			}
		}},
		check: checkChangedOnly,
	}, {
		name:     "changed-since pull_request, shallow clone",
		stepSpec: stepSpec{depth: 1, with: map[string]string{"changed-since": "pull_request"}},
		check: func(t *testing.T, r *stepResult) {
			wantExit(t, r, 2)
			a := r.annotations("")
			if len(a) != 1 || a[0].Name != "error" || !strings.Contains(a[0].Data, `input "changed-since"`) ||
				!strings.Contains(a[0].Data, "fetch-depth: 0") {
				t.Errorf("annotations %+v, want one error naming the input and saying fetch-depth: 0", a)
			}
		},
	}, {
		name:     "sarif-file under runner_temp",
		stepSpec: stepSpec{with: map[string]string{"sarif-file": "/github/runner_temp/ladderlint.sarif"}, sarif: "ladderlint.sarif"},
		check: func(t *testing.T, r *stepResult) {
			wantExit(t, r, 1)
			b, err := os.ReadFile(filepath.Join(r.runnerTemp, "ladderlint.sarif"))
			if err != nil {
				t.Fatalf("no SARIF file in runner_temp: %v", err)
			}
			var log struct {
				Version string
				Runs    []struct {
					Results []struct {
						RuleID    string
						Locations []struct {
							PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
						}
					}
				}
			}
			if err := json.Unmarshal(b, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
				t.Fatalf("SARIF: %v, version %q", err, log.Version)
			}
			var uris []string
			for _, res := range log.Runs[0].Results {
				uris = append(uris, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
			}
			slices.Sort(uris)
			want := []string{"archive/old.md", "docs/product.md", "handbook/ladders/design.md", "handbook/ladders/engineering.md"}
			if !slices.Equal(uris, want) {
				t.Errorf("SARIF results at %q, want %q", uris, want)
			}
		},
	}, {
		name:     "hostile file names and cells",
		stepSpec: stepSpec{origin: h.hostile, with: map[string]string{"fail-level": "never"}},
		check:    checkHostile,
	}, {
		name:     "hostile file names and cells, changed-since pull_request",
		stepSpec: stepSpec{origin: h.hostile, with: map[string]string{"fail-level": "never", "changed-since": "pull_request"}},
		check:    checkHostile,
	}}
}

// checkChangedOnly: only the engineering ladder changed in the pull
// request, so only its finding is reported, and the summary says what was
// skipped.
func checkChangedOnly(t *testing.T, r *stepResult) {
	wantExit(t, r, 1)
	if got := r.annotated(""); !slices.Equal(got, []string{"handbook/ladders/engineering.md:7"}) {
		t.Errorf("annotations %q, want the engineering ladder's only", got)
	}
	if !strings.Contains(r.summary, "skipped: 4 unchanged files") {
		t.Errorf("the summary does not say what was skipped:\n%s", r.summary)
	}
}

// checkHostile: handbook text and file names never become commands (the
// oracle in step flags any line that could), the file names reach the
// annotations intact, and the outputs are the declared ones.
func checkHostile(t *testing.T, r *stepResult) {
	wantExit(t, r, 0)
	files := map[string]bool{}
	for _, c := range r.annotations("") {
		if c.Props["file"] != "" {
			files[c.Props["file"]] = true
		}
		if strings.ContainsAny(c.Data, "\r\u202e\u200b\ufeff") {
			t.Errorf("message %q has a raw control or format character", c.Data)
		}
	}
	for _, n := range append(slices.Clone(hostileNames), "handbook/ladders/engineering.md") {
		if !files[n] {
			t.Errorf("no annotation on %q (annotated: %q)", n, r.annotated(""))
		}
	}
	if len(files) != len(hostileNames)+1 {
		t.Errorf("annotated files %q", r.annotated(""))
	}
	keys := make([]string, 0, len(r.outputs))
	for k := range r.outputs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"errors", "files", "ladders", "warnings"}) {
		t.Errorf("outputs %v", r.outputs)
	}
	for _, l := range Lines(r.stdout) {
		if !strings.HasPrefix(l, "::") && !strings.HasPrefix(l, "ladderlint: ") {
			t.Errorf("plain line without the prefix: %q", l)
		}
	}
}

func wantExit(t *testing.T, r *stepResult, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d", r.code, code)
	}
}

func wantOutputs(t *testing.T, r *stepResult, want map[string]string) {
	t.Helper()
	if !reflect.DeepEqual(r.outputs, want) {
		t.Errorf("outputs %v, want %v", r.outputs, want)
	}
}
