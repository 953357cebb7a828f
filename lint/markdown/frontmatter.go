package markdown

import "bytes"

// FrontMatter is the YAML block between "---" lines at the top of a page
// (Jekyll, Hugo, Gatsby and the progression-framework sites put titles and
// whole ladders there). Text is the YAML without its fences; Start is the
// offset of Text in the page, so a YAML node at line L, column C (1-based,
// as go.yaml.in/yaml/v3 reports them) starts at the page's line
// L + StartLine - 1.
type FrontMatter struct {
	Text      []byte
	Start     int
	StartLine int // 1-based line of Text's first byte in the page
}

// splitFrontMatter finds a front matter block at the start of data (after
// an optional byte order mark): a first line "---", then lines up to a line
// "---" or "...". It returns nil when there is none. The block is not
// markdown: Parse hides it from goldmark, which would otherwise read its
// closing fence as a setext heading underline.
func splitFrontMatter(data []byte) *FrontMatter {
	i := 0
	if bytes.HasPrefix(data, bom) {
		i = len(bom)
	}
	first := i + lineLen(data[i:])
	if string(bytes.TrimRight(data[i:first], " \t")) != "---" {
		return nil
	}
	start := nextLine(data, first)
	for pos := start; pos < len(data); {
		end := pos + lineLen(data[pos:])
		fence := string(bytes.TrimRight(data[pos:end], " \t"))
		if fence == "---" || fence == "..." {
			return &FrontMatter{Text: data[start:pos], Start: start, StartLine: 2}
		}
		pos = nextLine(data, end)
	}
	return nil
}

// nextLine is the offset after the line ending at end ("\n", "\r\n" or "\r").
func nextLine(data []byte, end int) int {
	if end < len(data) && data[end] == '\r' {
		end++
		if end < len(data) && data[end] == '\n' {
			end++
		}
		return end
	}
	if end < len(data) && data[end] == '\n' {
		end++
	}
	return end
}

// blankFrontMatter returns data with the front matter block and its fences
// turned into spaces (line endings kept), so goldmark sees an empty top and
// every offset still indexes the page.
func blankFrontMatter(data []byte, fm *FrontMatter) []byte {
	end := fm.Start + len(fm.Text)
	end += lineLen(data[end:]) // the closing fence
	out := bytes.Clone(data)
	for i := 0; i < end; i++ {
		if out[i] != '\n' && out[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
}
