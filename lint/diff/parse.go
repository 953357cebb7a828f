package diff

import (
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Parse reads one page version through the pipeline's first two stages.
func Parse(path string, data []byte, opt ladder.Options) Page {
	f := source.NewFile(path, data)
	return Page{Path: path, File: f, Ladders: ladder.Extract(markdown.Parse(f, markdown.DefaultLimits), opt)}
}
