package report

// Coverage is one ladder as the job summary's coverage matrices show it:
// what the summary needs of the ladder's document, and nothing else.
type Coverage struct {
	// File, Line and EndLine place the ladder; Name is its title.
	File          string
	Line, EndLine int
	Name          string
	// Categories are the ladder's categories, in page order.
	Categories []string
	Levels     []CoverageLevel
}

// CoverageLevel is one level's row.
type CoverageLevel struct {
	Label string
	Line  int
	// Placeholder marks a level that is only a placeholder ("to be
	// defined"); PlaceholderText quotes it.
	Placeholder     bool
	PlaceholderText string
	// Cells holds the state of each category's cell; a category not there
	// has no cell.
	Cells map[string]CellState
	// Areas holds the configured areas the level's text covers.
	Areas map[string]bool
}

// CellState says what a cell holds.
type CellState int

// Cell states.
const (
	CellWritten CellState = iota + 1
	CellEmpty
	CellPlaceholder
)
