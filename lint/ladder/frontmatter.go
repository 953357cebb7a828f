package ladder

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// FrontMatterTopics is the format of a ladder written in a page's YAML front
// matter, the progression-framework way (Monzo and its forks):
//
//	topics:
//	  - name: "communication"
//	    content:
//	      - level: 1
//	        criteria: ["…", "…"]
//	        exampleCriteria: [{criteria: "…", examples: ["…"]}]
const FrontMatterTopics Format = "yaml-front-matter"

// Bounds on the front matter read as a ladder. The YAML parser bounds
// nesting itself (10000 levels); these bound the rest. A front matter past
// one of them is refused with a problem rather than read in part.
const (
	// maxFrontMatter is the largest front matter parsed, in bytes: real
	// ladders take 10–40 KiB, and the parsed tree costs ~100× its text.
	maxFrontMatter = 256 << 10
	// maxFrontMatterWork caps the YAML nodes visited while reading the
	// ladder, counting every alias each time it is followed: an alias bomb
	// ("billion laughs") costs what it expands to, so it must stop here.
	maxFrontMatterWork = 1 << 16
	// maxTabRepairs caps the tabs in indentation read as spaces.
	maxTabRepairs = 16
	// maxFrontMatterLevel is the highest level number read.
	maxFrontMatterLevel = 99
)

// frontMatter reads the ladder in the page's YAML front matter: one level
// per `level:` number used by any topic (ascending), one category per topic
// (its `name`), and as cell the topic's criteria for that level. Positions
// come from the YAML nodes. A front matter that says nothing of topics and
// levels is not parsed at all.
func (x *extractor) frontMatter() []*Ladder {
	fm := x.page.FrontMatter
	if fm == nil || !bytes.Contains(fm.Text, []byte("level")) || !bytes.Contains(fm.Text, []byte("topics")) {
		return nil
	}
	r := &fmReader{x: x, fm: fm, text: fm.Text, inFlow: map[*yaml.Node]bool{}}
	l := r.read()
	if l == nil {
		return nil
	}
	return []*Ladder{l}
}

// fmReader reads one front matter.
type fmReader struct {
	x  *extractor
	fm *markdown.FrontMatter
	// text is the YAML as parsed: fm.Text, or a copy with indentation tabs
	// read as spaces (same length, so offsets hold).
	text  []byte
	lines []int // byte offset in text of each YAML line's start
	work  int   // nodes visited, bounded by maxFrontMatterWork
	l     *Ladder
	// inFlow marks the nodes read from inside a flow collection ("[a, b]",
	// "{level: 1}"), where a plain scalar ends at "," "]" or "}".
	inFlow map[*yaml.Node]bool
}

// errTooMuchWork stops a walk that passed maxFrontMatterWork.
var errTooMuchWork = fmt.Errorf("the front matter has more than %d YAML entries (or aliases that expand to as many)", maxFrontMatterWork)

// read parses the front matter and returns its ladder, a ladder carrying
// only the problem that stopped it, or nil when it holds no ladder.
func (r *fmReader) read() *Ladder {
	r.l = &Ladder{Format: FrontMatterTopics}
	if len(r.text) > maxFrontMatter {
		if !looksLikeLadder(r.text) {
			return nil
		}
		return r.refuse(0, fmt.Sprintf("the front matter is %d KiB, more than the %d KiB ladderlint reads; its ladder was not read", len(r.text)>>10, maxFrontMatter>>10))
	}
	root, err := r.parse()
	if err != nil {
		if !looksLikeLadder(r.text) {
			return nil
		}
		return r.refuse(r.errorOffset(err), fmt.Sprintf("the front matter is not valid YAML (%s); its ladder was not read", yamlReason(err)))
	}
	l, err := r.ladder(root)
	if err != nil {
		return r.refuse(0, err.Error()+"; its ladder was not read")
	}
	return l
}

// looksLikeLadder is the test for reporting a front matter that cannot be
// read: it names topics, their content and levels, and criteria.
func looksLikeLadder(text []byte) bool {
	for _, k := range []string{"topics", "content", "level", "criteria"} {
		if !bytes.Contains(text, []byte(k)) {
			return false
		}
	}
	return true
}

// refuse returns a ladder without levels whose only problem is msg, at the
// front matter's offset off: what the page says cannot be read, and that
// is said rather than silently skipped.
func (r *fmReader) refuse(off int, msg string) *Ladder {
	start := r.fm.Start + off
	end := start + yamlLineLen(r.text[off:])
	l := &Ladder{Format: FrontMatterTopics, Span: source.Span{Start: start, End: end}}
	l.Problems = append(l.Problems, markdown.Problem{Span: l.Span, Message: msg})
	return l
}

// parse parses r.text into its root node. An indentation tab (a YAML error
// that real pages make, "-<TAB>text") is read as a space and noted as a
// problem; any other error is returned. The parser's own panics are errors.
func (r *fmReader) parse() (root *yaml.Node, err error) {
	r.lines = yamlLineStarts(r.text) // a tab read as a space moves no line
	for repairs := 0; ; repairs++ {
		var doc yaml.Node
		err = unmarshal(r.text, &doc)
		if err == nil {
			if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
				return nil, nil
			}
			return doc.Content[0], nil
		}
		if repairs == maxTabRepairs {
			return nil, err
		}
		tab := r.indentTab(err)
		if tab < 0 {
			return nil, err
		}
		if repairs == 0 {
			r.text = bytes.Clone(r.text)
		}
		r.text[tab] = ' '
		r.problem(source.Span{Start: r.fm.Start + tab, End: r.fm.Start + tab + 1},
			"a tab in the indentation of the front matter is not valid YAML (read here as a space)")
	}
}

// unmarshal parses text into n (aliases stay alias nodes: nothing is
// expanded), turning a panic of the parser into an error.
func unmarshal(text []byte, n *yaml.Node) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("yaml: %v", p)
		}
	}()
	return yaml.Unmarshal(text, n)
}

// indentTab returns the offset of the first tab in the indentation of the
// line a "cannot start any token" error names ("  -<TAB>…"), or -1.
func (r *fmReader) indentTab(err error) int {
	if !strings.Contains(err.Error(), "found character that cannot start any token") {
		return -1
	}
	line := errorLine(err)
	if line < 1 || line > len(r.lines) {
		return -1
	}
	for i := r.lines[line-1]; i < len(r.text); i++ {
		switch r.text[i] {
		case '\t':
			return i
		case ' ', '-', '?', ':':
		default:
			return -1
		}
	}
	return -1
}

// errorLine is the 1-based line a yaml.v3 error names ("yaml: line 155: …"),
// 1 when it names none (the parser leaves the first line out), 0 when the
// error is not the parser's.
func errorLine(err error) int {
	msg := err.Error()
	if !strings.HasPrefix(msg, "yaml: ") {
		return 0
	}
	rest, ok := strings.CutPrefix(msg, "yaml: line ")
	if !ok {
		return 1
	}
	n, _ := strconv.Atoi(rest[:strings.IndexFunc(rest+":", func(c rune) bool { return c < '0' || c > '9' })])
	return n
}

// yamlReason is what a parser error says, without "yaml: line N:" (the
// finding is placed on that line, and N counts from the front matter).
func yamlReason(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i >= 0 {
			return rest[i+2:]
		}
	}
	return msg
}

// errorOffset is the offset in the front matter of the line err names.
func (r *fmReader) errorOffset(err error) int {
	if line := errorLine(err); line >= 1 && line <= len(r.lines) {
		return r.lines[line-1]
	}
	return 0
}

// maxFrontMatterProblems caps the problems noted in one front matter.
const maxFrontMatterProblems = 50

// problem notes a problem of the front matter; past maxFrontMatterProblems
// one last problem says that more were left out.
func (r *fmReader) problem(span source.Span, msg string) {
	switch n := len(r.l.Problems); {
	case n > maxFrontMatterProblems:
		return
	case n == maxFrontMatterProblems:
		msg = fmt.Sprintf("more than %d problems in the front matter; the rest are not listed", maxFrontMatterProblems)
	}
	r.l.Problems = append(r.l.Problems, markdown.Problem{Span: span, Message: msg})
}

// visit counts one node of work.
func (r *fmReader) visit() error {
	r.work++
	if r.work > maxFrontMatterWork {
		return errTooMuchWork
	}
	return nil
}

// deref follows an alias to the node it names (once: an alias of an alias
// is not followed further). Every call is one node of work.
func (r *fmReader) deref(n *yaml.Node) (*yaml.Node, error) {
	if err := r.visit(); err != nil {
		return nil, err
	}
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind == yaml.AliasNode {
		return nil, nil
	}
	return n, nil
}

// get returns the key and value of the mapping entry called key, or nils.
func (r *fmReader) get(m *yaml.Node, key string) (k, v *yaml.Node, err error) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k, err = r.deref(m.Content[i]); err != nil {
			return nil, nil, err
		}
		if k != nil && k.Kind == yaml.ScalarNode && k.Value == key {
			v, err = r.deref(m.Content[i+1])
			if v != nil && m.Style&yaml.FlowStyle != 0 {
				r.inFlow[k], r.inFlow[v] = true, true
			}
			return k, v, err
		}
	}
	return nil, nil, nil
}

// items returns a node's entries: a sequence's items, nil for anything else.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// isNull reports whether n is missing or an explicit null ("criteria:").
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// fmLevel collects one level number while the topics are read.
type fmLevel struct {
	lv    *Level
	cells map[int]*Cell // by category index
}

// ladder reads the topics of root. It returns nil when root is not a
// progression-framework ladder: no `topics` list of mappings whose
// `content` entries carry a `level` and criteria, or fewer than two levels.
func (r *fmReader) ladder(root *yaml.Node) (*Ladder, error) {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, nil
	}
	topicsKey, topics, err := r.get(root, "topics")
	if err != nil || topics == nil || topics.Kind != yaml.SequenceNode {
		return nil, err
	}
	l := r.l
	l.Span = r.span(topicsKey)
	levels := map[int]*fmLevel{}
	criteria := false // some entry has criteria: this is a ladder
	for _, t := range topics.Content {
		t, err := r.deref(t)
		if err != nil {
			return nil, err
		}
		_, content, err := r.get(t, "content")
		if err != nil {
			return nil, err
		}
		if content == nil || content.Kind != yaml.SequenceNode {
			continue
		}
		cat, err := r.category(t)
		if err != nil || cat < 0 {
			if err != nil {
				return nil, err
			}
			continue
		}
		for _, e := range content.Content {
			e, err := r.deref(e)
			if err != nil {
				return nil, err
			}
			_, lvNode, err := r.get(e, "level")
			if err != nil {
				return nil, err
			}
			if lvNode == nil {
				continue
			}
			found, err := r.entry(levels, cat, e, lvNode)
			if err != nil {
				return nil, err
			}
			criteria = criteria || found
		}
	}
	if !criteria || len(levels) < 2 {
		return nil, nil
	}
	ranks := make([]int, 0, len(levels))
	for n := range levels {
		ranks = append(ranks, n)
	}
	slices.Sort(ranks)
	for _, n := range ranks {
		fl := levels[n]
		for i := range l.Categories {
			if c := fl.cells[i]; c != nil {
				c.Text = joinItems(c.Items)
			}
			fl.lv.Cells = append(fl.lv.Cells, fl.cells[i])
		}
		l.Levels = append(l.Levels, fl.lv)
		l.Span.End = max(l.Span.End, fl.lv.Block.End)
	}
	if _, title, err := r.get(root, "title"); err == nil && title != nil && title.Kind == yaml.ScalarNode {
		l.Name = strings.TrimSpace(title.Value)
	}
	if l.Name == "" && len(r.x.page.Sections) > 0 {
		l.Name = r.x.page.Sections[0].Heading.Value
	}
	if err := r.declared(root, ranks); err != nil {
		return nil, err
	}
	return l, nil
}

// category returns the index of topic t's category: its `name`, else its
// `title`. A topic with neither is a problem, and -1.
func (r *fmReader) category(t *yaml.Node) (int, error) {
	for _, key := range []string{"name", "title"} {
		_, v, err := r.get(t, key)
		if err != nil {
			return 0, err
		}
		if v != nil && v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" {
			return categoryIndex(r.l, strings.TrimSpace(v.Value), r.span(v)), nil
		}
	}
	r.problem(r.span(t),
		"a topic has neither a name nor a title; its criteria were not read")
	return -1, nil
}

// entry files one `- level: N` entry of a topic under its level and
// category. It reports whether the entry has criteria (or exampleCriteria).
func (r *fmReader) entry(levels map[int]*fmLevel, cat int, e, lvNode *yaml.Node) (bool, error) {
	l := r.l
	name := l.Categories[cat].Name
	n, ok := levelNumber(lvNode)
	if !ok {
		r.problem(r.span(lvNode),
			fmt.Sprintf("%q lists a level %q that is not a level number from 1 to %d; its criteria were not read", name, lvNode.Value, maxFrontMatterLevel))
		return false, nil
	}
	fl := levels[n]
	if fl == nil {
		lb := Label{Track: DefaultTrack, Rank: n, Bare: true, TokenEnd: len(lvNode.Value)}
		fl = &fmLevel{lv: levelOf(lvNode.Value, lb, r.span(lvNode)), cells: map[int]*Cell{}}
		levels[n] = fl
	}
	ck, crit, err := r.get(e, "criteria")
	if err != nil {
		return false, err
	}
	ek, ex, err := r.get(e, "exampleCriteria")
	if err != nil {
		return false, err
	}
	c := &Cell{Category: name, Span: r.span(lvNode)}
	if ck != nil {
		c.Span = cover(r.span(ck), r.span(crit))
	} else if ek != nil {
		c.Span = cover(r.span(ek), r.span(ex))
	}
	if c.Items, err = r.texts(c.Items, crit, name, n); err != nil {
		return false, err
	}
	for _, it := range items(ex) {
		it, err := r.deref(it)
		if err != nil {
			return false, err
		}
		_, cr, err := r.get(it, "criteria")
		if err != nil {
			return false, err
		}
		_, exs, err := r.get(it, "examples")
		if err != nil {
			return false, err
		}
		if cr == nil && exs == nil {
			r.notText(it, name, n)
			continue
		}
		item, err := r.exampleItem(cr, exs, name, n)
		if err != nil {
			return false, err
		}
		if item.Value != "" {
			c.Items = append(c.Items, item)
		}
	}
	if len(c.Items) > 0 {
		c.Span = cover(c.Items[0].Span, c.Items[len(c.Items)-1].Span)
	}
	if prev := fl.cells[cat]; prev != nil {
		r.problem(r.span(lvNode),
			fmt.Sprintf("%q lists level %d twice; the two lists are read as one", name, n))
	}
	if prev := fl.cells[cat]; prev != nil {
		// Texts are joined once all entries are read (see ladder).
		prev.Items = append(prev.Items, c.Items...)
		prev.Span.End = max(prev.Span.End, c.Span.End)
	} else {
		fl.cells[cat] = c
	}
	for _, s := range []source.Span{fl.lv.Span, c.Span} {
		fl.lv.Block.Start = min(fl.lv.Block.Start, s.Start)
		fl.lv.Block.End = max(fl.lv.Block.End, s.End)
	}
	return ck != nil || ek != nil, nil
}

// exampleItem is one `exampleCriteria` entry as one item: the criterion,
// then its examples ("Gives feedback: e.g. …; …"), spanning all of them.
// Forks put sub-levels here ("Criteria for sublevel B" with the real
// criteria as examples), so an example belongs to its criterion.
func (r *fmReader) exampleItem(cr, exs *yaml.Node, name string, level int) (markdown.Text, error) {
	parts, err := r.texts(nil, cr, name, level)
	if err != nil {
		return markdown.Text{}, err
	}
	examples, err := r.texts(nil, exs, name, level)
	if err != nil {
		return markdown.Text{}, err
	}
	all := append(parts, examples...)
	if len(all) == 0 {
		return markdown.Text{}, nil
	}
	var b strings.Builder
	for i, t := range all {
		switch {
		case i == 0:
		case i == len(parts):
			b.WriteString(": ")
		default:
			b.WriteString("; ")
		}
		b.WriteString(t.Value)
	}
	return markdown.Text{Value: b.String(), Span: cover(all[0].Span, all[len(all)-1].Span)}, nil
}

// levelNumber reads a `level:` value: a whole number from 1 to
// maxFrontMatterLevel, as the progression-framework sites number levels.
func levelNumber(n *yaml.Node) (int, bool) {
	if n.Kind != yaml.ScalarNode || n.Value == "" || len(n.Value) > 2 || strings.Trim(n.Value, "0123456789") != "" {
		return 0, false
	}
	v, _ := strconv.Atoi(n.Value)
	return v, v >= 1 && v <= maxFrontMatterLevel
}

// texts appends the criteria of n (a list of strings, or one string) to out.
func (r *fmReader) texts(out []markdown.Text, n *yaml.Node, name string, level int) ([]markdown.Text, error) {
	if isNull(n) {
		return out, nil
	}
	list := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		list = n.Content
	}
	for _, it := range list {
		it, err := r.deref(it)
		if err != nil {
			return nil, err
		}
		if isNull(it) {
			continue
		}
		if it.Kind != yaml.ScalarNode {
			r.notText(it, name, level)
			continue
		}
		if n.Style&yaml.FlowStyle != 0 {
			r.inFlow[it] = true
		}
		out = append(out, markdown.Text{Value: strings.Join(strings.Fields(it.Value), " "), Span: r.span(it)})
	}
	return out, nil
}

// notText notes a criterion that is neither text nor a criteria/examples pair.
func (r *fmReader) notText(n *yaml.Node, name string, level int) {
	r.problem(r.span(n),
		fmt.Sprintf("a criterion of %q for level %d is not text; it was not read", name, level))
}

// declared checks the front matter's `levels: N` (the number of level tabs
// the site shows) against the level numbers the topics use.
func (r *fmReader) declared(root *yaml.Node, ranks []int) error {
	_, v, err := r.get(root, "levels")
	if err != nil || v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" {
		return err
	}
	n, err := strconv.Atoi(v.Value)
	if err != nil {
		return nil
	}
	if ranks[0] == 1 && ranks[len(ranks)-1] == n && len(ranks) == n {
		return nil
	}
	used := fmt.Sprintf("levels %d to %d", ranks[0], ranks[len(ranks)-1])
	if ranks[len(ranks)-1]-ranks[0]+1 != len(ranks) {
		parts := make([]string, len(ranks))
		for i, k := range ranks {
			parts[i] = strconv.Itoa(k)
		}
		used = "levels " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	r.problem(r.span(v),
		fmt.Sprintf("the front matter declares \"levels: %s\", but its topics describe %s", v.Value, used))
	return nil
}

// span is the page span of node n: from the position the parser gives to
// the end of its token (see tokenEnd); an empty flow collection spans its
// brackets, any other collection only its start.
func (r *fmReader) span(n *yaml.Node) source.Span {
	if n == nil {
		return source.Span{Start: r.fm.Start, End: r.fm.Start}
	}
	start := yamlOffset(r.text, r.lines, n.Line, n.Column)
	end := start
	switch {
	case n.Kind == yaml.ScalarNode:
		end = tokenEnd(r.text, start, n.Style, r.inFlow[n])
	case n.Style&yaml.FlowStyle != 0 && len(n.Content) == 0:
		end = emptyFlowEnd(r.text, start)
	}
	// An empty anchored value ("0: &c" then "criteria: *c") gives the
	// scanner's position of something else; a span never runs backwards.
	end = min(max(end, start), len(r.text))
	return source.Span{Start: r.fm.Start + start, End: r.fm.Start + end}
}

// cover is the smallest span holding a and b. YAML aliases put the text a
// node stands for anywhere in the front matter, even before its key.
func cover(a, b source.Span) source.Span {
	return source.Span{Start: min(a.Start, b.Start), End: max(a.End, b.End)}
}
