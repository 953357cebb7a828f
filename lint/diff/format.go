package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/ladderlint/ladderlint/lint/report"
)

// JSON writes r as indented JSON; schema/diff.schema.json describes it.
func JSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ANSI colours of the text format.
const (
	red, green, yellow, cyan, bold, reset = "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m", "\x1b[1m", "\x1b[0m"
)

// Text writes r for a terminal, one change a line:
//
//	support/levels.md:116: ladder "Levels" changed
//	  IC3 "Level 3":
//	    - Delivery: "Writes clear docs"
//	    ~ Delivery: "Fixes [-most-]{+all+} bugs"
//
// With colour, removals are red, additions green, edits yellow and moves
// cyan. Handbook text passes through report.Safe.
func Text(w io.Writer, r *Report, colour bool) error {
	paint := func(c, s string) string {
		if !colour {
			return s
		}
		return c + s + reset
	}
	var b strings.Builder
	for _, l := range r.Ladders {
		where := fmt.Sprintf("%s:%d", l.Path, l.Line)
		if l.Change == Removed {
			where = fmt.Sprintf("%s:%d", l.Path, l.OldLine)
		}
		fmt.Fprintf(&b, "%s: ladder %s %s", report.Safe(where), quote(l.Name), l.Change)
		switch {
		case l.Change == Added || l.Change == Removed:
			fmt.Fprintf(&b, " (%s: %s)", plural(len(l.LevelCodes), "level"), report.Safe(strings.Join(l.LevelCodes, ", ")))
		case l.OldPath != "" && l.OldName != "":
			fmt.Fprintf(&b, " (was %s on %s)", quote(l.OldName), report.Safe(l.OldPath))
		case l.OldPath != "":
			fmt.Fprintf(&b, " (was on %s)", report.Safe(l.OldPath))
		case l.OldName != "":
			fmt.Fprintf(&b, " (was %s)", quote(l.OldName))
		}
		b.WriteString("\n")
		if len(l.Categories) > 0 {
			b.WriteString("  categories: ")
			for i, c := range l.Categories {
				if i > 0 {
					b.WriteString("; ")
				}
				switch c.Change {
				case Added:
					b.WriteString(paint(green, "added "+quote(c.Name)))
				case Removed:
					b.WriteString(paint(red, "removed "+quote(c.OldName)))
				default:
					b.WriteString(paint(yellow, "renamed "+quote(c.OldName)+" to "+quote(c.Name)))
				}
			}
			b.WriteString("\n")
		}
		for _, lv := range l.Levels {
			b.WriteString("  " + paint(bold, levelTitle(lv)) + ":")
			switch lv.Change {
			case Added:
				b.WriteString(paint(green, fmt.Sprintf(" added (%s)", plural(lv.Count, "expectation"))))
			case Removed:
				b.WriteString(paint(red, fmt.Sprintf(" removed (%s)", plural(lv.Count, "expectation"))))
			case Renamed:
				b.WriteString(paint(yellow, " renamed from "+levelName(lv.OldCode, lv.OldLabel)))
			}
			b.WriteString("\n")
			for _, e := range lv.Expectations {
				b.WriteString("    " + textExpectation(e, paint) + "\n")
			}
			if len(lv.AreasGained) > 0 {
				b.WriteString("    " + paint(green, "+ areas covered now: "+report.Safe(strings.Join(lv.AreasGained, ", "))) + "\n")
			}
			if len(lv.AreasLost) > 0 {
				b.WriteString("    " + paint(red, "- areas no longer covered: "+report.Safe(strings.Join(lv.AreasLost, ", "))) + "\n")
			}
		}
	}
	fmt.Fprintf(&b, "%s changed, %s unchanged\n", plural(len(r.Ladders), "ladder"), plural(r.Unchanged, "ladder"))
	_, err := io.WriteString(w, b.String())
	return err
}

func textExpectation(e Expectation, paint func(c, s string) string) string {
	cat := categoryName(e.Category)
	switch e.Change {
	case Added:
		return paint(green, "+ "+cat+": "+quote(e.Text))
	case Removed:
		return paint(red, "- "+cat+": "+quote(e.Text))
	}
	text := quote(e.Text)
	if len(e.Words) > 0 {
		var b strings.Builder
		for i, w := range e.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			t := report.Safe(w.Text)
			switch w.Op {
			case "-":
				b.WriteString(paint(red, "[-"+t+"-]"))
			case "+":
				b.WriteString(paint(green, "{+"+t+"+}"))
			default:
				b.WriteString(t)
			}
		}
		text = `"` + b.String() + `"`
	}
	if e.Change == Moved {
		return paint(cyan, "> "+cat+", moved from "+report.Safe(e.FromLevel)+" "+categoryName(e.FromCategory)+": ") + text
	}
	return paint(yellow, "~ "+cat+": ") + text
}

// levelTitle is `IC3 "Senior Engineer"` (the code alone when the label is it).
func levelTitle(lv Level) string {
	if lv.Change == Removed {
		return levelName(lv.OldCode, lv.OldLabel)
	}
	return levelName(lv.Code, lv.Label)
}

func levelName(code, label string) string {
	switch {
	case code == "":
		return quote(label)
	case label == "" || labelKey(label) == labelKey(code):
		return report.Safe(code)
	}
	return report.Safe(code) + " " + quote(label)
}

func categoryName(c string) string {
	if c == "" {
		return "summary"
	}
	return report.Safe(c)
}

func quote(s string) string { return `"` + report.Safe(s) + `"` }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// MarkdownOptions shape the markdown rendering.
type MarkdownOptions struct {
	// Heading is the heading's markup ("###"; "" = "##").
	Heading string
	// Limit is the largest rendering in bytes (0 = no limit); past it the
	// text stops at a whole line and a note says what was left out.
	Limit int
	// BlobURL, when set, prefixes "path?plain=1#Lline" to link a ladder or
	// level: GitHub renders a markdown file, and only its source view
	// (plain=1) has line anchors.
	BlobURL string
}

// Markdown renders r as GitHub-flavoured markdown for a job summary or a
// pull-request comment: a heading, then per ladder a line and per level a
// nested list. Handbook text passes through report.MDText.
func Markdown(r *Report, o MarkdownOptions) string {
	h := o.Heading
	if h == "" {
		h = "##"
	}
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	add(fmt.Sprintf("%s Ladder changes\n", h))
	if r.Base != "" {
		add(fmt.Sprintf("Compared with `%s`: %s changed, %s unchanged.\n", strings.ReplaceAll(report.Visible(r.Base), "`", "'"),
			plural(len(r.Ladders), "ladder"), plural(r.Unchanged, "ladder")))
	} else {
		add(fmt.Sprintf("%s changed, %s unchanged.\n", plural(len(r.Ladders), "ladder"), plural(r.Unchanged, "ladder")))
	}
	link := func(path string, line int) string {
		text := report.MDText(fmt.Sprintf("%s:%d", path, line))
		if o.BlobURL == "" || line <= 0 {
			return text
		}
		return fmt.Sprintf("[%s](%s%s?plain=1#L%d)", text, o.BlobURL, escapePath(path), line)
	}
	for _, l := range r.Ladders {
		var head string
		switch l.Change {
		case Removed:
			head = fmt.Sprintf("- ❌ **%s** removed from %s (levels %s)", report.MDText(l.Name), report.MDText(fmt.Sprintf("%s:%d", l.Path, l.OldLine)),
				report.MDText(strings.Join(l.LevelCodes, ", ")))
		case Added:
			head = fmt.Sprintf("- ➕ **%s** added at %s (levels %s)", report.MDText(l.Name), link(l.Path, l.Line), report.MDText(strings.Join(l.LevelCodes, ", ")))
		default:
			head = fmt.Sprintf("- ✏️ **%s** at %s", report.MDText(l.Name), link(l.Path, l.Line))
			if l.OldName != "" {
				head += fmt.Sprintf(", was **%s**", report.MDText(l.OldName))
			}
			if l.OldPath != "" {
				head += fmt.Sprintf(", moved from %s", report.MDText(l.OldPath))
			}
		}
		add(head)
		if len(l.Categories) > 0 {
			var parts []string
			for _, c := range l.Categories {
				switch c.Change {
				case Added:
					parts = append(parts, "added **"+report.MDText(c.Name)+"**")
				case Removed:
					parts = append(parts, "removed **"+report.MDText(c.OldName)+"**")
				default:
					parts = append(parts, "renamed **"+report.MDText(c.OldName)+"** to **"+report.MDText(c.Name)+"**")
				}
			}
			add("  - Categories: " + strings.Join(parts, "; "))
		}
		for _, lv := range l.Levels {
			title := "**" + report.MDText(lv.Code) + "**"
			if lv.Change == Removed {
				title = "**" + report.MDText(lv.OldCode) + "**"
			}
			if lv.Code == "" && lv.OldCode == "" || title == "****" {
				title = "**" + report.MDText(firstNonEmpty(lv.Label, lv.OldLabel)) + "**"
			}
			switch lv.Change {
			case Added:
				add(fmt.Sprintf("  - %s level added (%s)", title, plural(lv.Count, "expectation")))
			case Removed:
				add(fmt.Sprintf("  - %s level removed (%s)", title, plural(lv.Count, "expectation")))
			case Renamed:
				add(fmt.Sprintf("  - %s renamed from %s", title, report.MDText(levelName(lv.OldCode, lv.OldLabel))))
			default:
				add(fmt.Sprintf("  - %s", title))
			}
			for _, e := range lv.Expectations {
				add("    - " + mdExpectation(e))
			}
			if len(lv.AreasGained) > 0 {
				add("    - areas covered now: " + report.MDText(strings.Join(lv.AreasGained, ", ")))
			}
			if len(lv.AreasLost) > 0 {
				add("    - ⚠️ areas no longer covered: " + report.MDText(strings.Join(lv.AreasLost, ", ")))
			}
		}
	}
	var b strings.Builder
	for i, s := range lines {
		if o.Limit > 0 && b.Len()+len(s)+1 > o.Limit-200 {
			fmt.Fprintf(&b, "\n_Ladder changes truncated: %s not shown (size limit); run `ladderlint diff` to see them all._\n",
				plural(len(lines)-i, "line"))
			break
		}
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return b.String()
}

func mdExpectation(e Expectation) string {
	cat := report.MDText(categoryName(e.Category))
	switch e.Change {
	case Added:
		return "➕ " + cat + ": " + report.MDText(e.Text)
	case Removed:
		return "➖ " + cat + ": ~~" + report.MDText(e.Text) + "~~"
	}
	text := report.MDText(e.Text)
	if len(e.Words) > 0 {
		var parts []string
		for _, w := range e.Words {
			switch w.Op {
			case "-":
				parts = append(parts, "~~"+report.MDText(w.Text)+"~~")
			case "+":
				parts = append(parts, "**"+report.MDText(w.Text)+"**")
			default:
				parts = append(parts, report.MDText(w.Text))
			}
		}
		text = strings.Join(parts, " ")
	}
	if e.Change == Moved {
		return "↪️ " + cat + ", moved from " + report.MDText(e.FromLevel) + " · " + report.MDText(categoryName(e.FromCategory)) + ": " + text
	}
	return "✏️ " + cat + ": " + text
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// escapePath percent-encodes a slash-separated path for a URL.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
