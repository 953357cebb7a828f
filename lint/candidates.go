package lint

import (
	"github.com/ladderlint/ladderlint/lint/markdown"
)

// LabelCandidates returns every text on the linted pages that could be a
// level label: headings and the cells of each table's first row and first
// column. `ladderlint config -verify` checks the configured level patterns
// and names against them, so that one that matches nothing is refused
// instead of silently finding no ladder.
func LabelCandidates(opt Options) ([]string, error) {
	opt = opt.withDefaults()
	var files []string
	discover(opt, func(pg discovered) { files = append(files, pg.path) })
	var out []string
	for _, path := range files {
		f, err := readFile(path, opt.MaxFileSize, nil, false)
		if err != nil {
			continue
		}
		page := markdown.Parse(f, opt.Limits)
		for _, s := range page.Sections {
			out = append(out, s.Heading.Value)
		}
		for _, t := range page.Tables {
			for r, row := range t.Grid {
				for c, cell := range row {
					if cell != nil && (r == 0 || c == 0) && cell.Row == r && cell.Col == c {
						label := cell.Text
						if len(cell.Items) > 0 {
							label = cell.Items[0].Value
						}
						out = append(out, label)
					}
				}
			}
		}
	}
	return out, nil
}
