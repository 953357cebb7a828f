package ladder_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/internal/golden"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// namedLevels are the level names the golden cases under
// testdata/extract/names use beyond the default patterns: "Level N" labels,
// L1..L3 support tiers, a proficiency scale and one page's job titles. They stand in for the
// default recognition of such labels, so that the table shapes are tested
// on real pages whatever the default matcher knows.
func namedLevels(t *testing.T) *ladder.Matcher {
	t.Helper()
	m, err := ladder.NewMatcher(ladder.DefaultLevelPatterns)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{
		"Beginner": "PR1", "Intermediate": "PR2", "Advanced": "PR3", "Expert": "PR4", "Leading Expert": "PR5",
		"Junior Frontend Engineer": "FE1", "Medior Frontend Engineer": "FE2", "Senior Frontend Engineer": "FE3", "Expert Frontend Engineer": "FE4",
	}
	for i := 1; i <= 9; i++ {
		names[fmt.Sprintf("Level %d", i)] = fmt.Sprintf("L%d", i)
		names[fmt.Sprintf("L%d", i)] = fmt.Sprintf("L%d", i)
	}
	if err := m.AddNames(names); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestExtractGoldensNamedLevels dumps testdata/extract/names/<case>.md like
// TestExtractGoldens, with the matcher of namedLevels.
func TestExtractGoldensNamedLevels(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/extract/names/*.md")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	m := namedLevels(t)
	for _, md := range cases {
		t.Run(filepath.Base(md), func(t *testing.T) {
			data, err := os.ReadFile(md)
			if err != nil {
				t.Fatal(err)
			}
			got := dumpWith(source.NewFile(filepath.Base(md), data), m)
			golden.Check(t, strings.TrimSuffix(md, ".md")+".out", got)
		})
	}
}
