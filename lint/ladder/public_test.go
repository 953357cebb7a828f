package ladder_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/config"
)

// TestCorpusPublicLadders runs the pages of other companies' public ladders.
// Pages in a supported shape must yield the MANIFEST's levels, with the
// configuration a team would write (testdata/public-ladders/*.yml for
// "Level N" and named levels); the rest are counted, not failed.
func TestCorpusPublicLadders(t *testing.T) {
	dir := filepath.Join(corpus, "public-ladders")
	rows := readManifest(t, dir)
	configs := map[string]string{
		"monzo__progression-framework__frameworks-design-product-design.md":                                                          "level-n.yml",
		"yangshun__tech-interview-handbook__apps-website-contents-engineering-levels.md":                                             "named-engineers.yml",
		"yangshun__tech-interview-handbook__contents-engineering-levels.md":                                                          "named-engineers.yml",
		"mattermost__mattermost-handbook__operations-research-and-development-product-analytics-analyst-levels.md":                   "level-n.yml",
		"mattermost__mattermost-handbook__operations-research-and-development-product-product-management-team-handbook-pm-levels.md": "level-n.yml",
	}
	// Shapes ladderlint does not read: YAML front matter, prose-only levels.
	unsupported := map[string]bool{"yaml-frontmatter": true}
	supported, exact := 0, 0
	for _, r := range rows {
		cfg := config.Default()
		if name := configs[r.file]; name != "" {
			var err error
			if cfg, err = config.Load(filepath.Join("../../testdata/public-ladders", name), true); err != nil {
				t.Fatal(err)
			}
		}
		res, err := lint.Run(lint.Options{Paths: []string{filepath.Join(dir, r.file)}, Config: cfg, Documents: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Documents {
			var labels []string
			for _, lv := range d.Levels {
				labels = append(labels, lv.Label)
			}
			got = append(got, strings.Join(labels, ","))
		}
		var want []string
		for _, l := range r.ladders {
			want = append(want, strings.Join(l, ","))
		}
		ok := strings.Join(got, ";") == strings.Join(want, ";")
		if unsupported[r.format] || strings.HasPrefix(r.file, "jorgef__engineeringladders__README") ||
			strings.HasPrefix(r.file, "postman") || r.file == "yangshun__tech-interview-handbook__contents-engineering-levels.md" {
			t.Logf("not supported (%s): %s: got %q", r.format, r.file, got)
			continue
		}
		supported++
		if ok {
			exact++
		} else {
			t.Errorf("%s (%s):\n  want %q\n   got %q", r.file, r.format, want, got)
		}
	}
	t.Logf("public ladders: %d pages in supported shapes, %d exact", supported, exact)
}
